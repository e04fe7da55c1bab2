"""The model methods the Odoo simulator answers, and how their arguments are passed.

Each handler takes (model, method name, positional args, keyword args, context) as Odoo's
`execute_kw` gives them (JSON-2 passes only keywords; both work: `_arg` takes either).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hmi.sim.odoo_actions import BACKORDER_WIZARD, CONSUMPTION_WIZARD, IMMEDIATE_WIZARD
from hmi.sim.odoo_orm import ids_of

if TYPE_CHECKING:
    from hmi.sim.odoo_model import OdooModel

Handler = Callable[["OdooModel", str, list[Any], dict[str, Any], dict[str, Any]], Any]
#: Methods that never change records (no transaction snapshot needed).
READ_ONLY = frozenset(
    {"search", "search_count", "read", "search_read", "fields_get", "name_get", "context_get"}
)


def _arg(args: list[Any], kw: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if name in kw:
        return kw[name]
    return args[index] if len(args) > index else default


def _search(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.search_ids(
        model,
        _arg(a, kw, 0, "domain", []),
        _arg(a, kw, 1, "offset", 0) or 0,
        _arg(a, kw, 2, "limit", None),
        _arg(a, kw, 3, "order", None),
    )


def _search_count(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return len(m.search_ids(model, _arg(a, kw, 0, "domain", [])))


def _read(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    ids = ids_of(_arg(a, kw, 0, "ids", []))
    names = m.check_fields(model, _arg(a, kw, 1, "fields", None))
    table = m.records[model]
    return [m.read_record(model, table[i], names, kw.get("load", "")) for i in ids if i in table]


def _search_read(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    names = m.check_fields(model, _arg(a, kw, 1, "fields", None))
    ids = m.search_ids(
        model,
        _arg(a, kw, 0, "domain", []),
        _arg(a, kw, 2, "offset", 0) or 0,
        _arg(a, kw, 3, "limit", None),
        _arg(a, kw, 4, "order", None),
    )
    return [m.read_record(model, m.records[model][i], names, kw.get("load", "")) for i in ids]


def _fields_get(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m.fields_get(
        model, _arg(a, kw, 0, "allfields", None), _arg(a, kw, 1, "attributes", None)
    )


def _write(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.write(model, _arg(a, kw, 0, "ids", []), _arg(a, kw, 1, "vals", {}))


def _create(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    m.check_access(model)
    values = _arg(a, kw, 0, "vals_list", {})
    if isinstance(values, list):
        return [m.create(model, v, ctx) for v in values]
    return m.create(model, values, ctx)


def _name_get(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    table = m.records[model]
    return [
        [i, m.display_name(model, table[i])]
        for i in ids_of(_arg(a, kw, 0, "ids", []))
        if i in table
    ]


def _context_get(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    user = m.records["res.users"].get(m.uid, {})
    return {"lang": user.get("lang") or "en_US", "tz": user.get("tz") or False, "uid": m.uid}


def _mark_done(
    m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m.button_mark_done(_arg(a, kw, 0, "ids", []), ctx)


def _cancel(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    m.check_access(model)
    return m.action_cancel(_arg(a, kw, 0, "ids", []))


def _button(method: str) -> Handler:
    def handler(
        m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
    ) -> Any:
        return m.wizard_button(model, method, _arg(a, kw, 0, "ids", []), ctx)

    return handler


GENERIC: dict[str, Handler] = {
    "search": _search,
    "search_count": _search_count,
    "read": _read,
    "search_read": _search_read,
    "fields_get": _fields_get,
    "write": _write,
    "create": _create,
    "name_get": _name_get,
}
SPECIAL: dict[tuple[str, str], Handler] = {
    ("res.users", "context_get"): _context_get,
    ("mrp.production", "button_mark_done"): _mark_done,
    ("mrp.production", "action_cancel"): _cancel,
    (CONSUMPTION_WIZARD, "action_confirm"): _button("action_confirm"),
    (CONSUMPTION_WIZARD, "action_set_qty"): _button("action_set_qty"),
    (CONSUMPTION_WIZARD, "action_cancel"): _button("action_cancel"),
    (BACKORDER_WIZARD, "action_close_mo"): _button("action_close_mo"),
    (BACKORDER_WIZARD, "action_backorder"): _button("action_backorder"),
    (IMMEDIATE_WIZARD, "process"): _button("process"),
}
