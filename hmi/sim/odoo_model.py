"""The simulated Odoo database: manufacturing, stock and units of Odoo 14, 16, 17, 18 or 19.

`OdooModel` answers model methods as Odoo's `execute_kw` (and the JSON-2 API) would, each
call in its own transaction (a business error rolls the records back), and offers the
inspection helpers the tests use. Two catalogues: ``"demo"`` (the feed-mill demo: equipment
materials, six feeds, random MOs, all in kg) and ``"recorded"`` (the databases of
`data/odoo-recordings/`, ids as recorded). The behaviour lives in the layers below it:
`odoo_orm` (records, domains, commands), `odoo_stock` (units, stock, moves), `odoo_mrp`
(MOs, writes, cancel) and `odoo_mark_done` (mark done and its wizards).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.resources import resource_path
from hmi.sim.odoo_actions import BACKORDER_WIZARD, CONSUMPTION_WIZARD, IMMEDIATE_WIZARD
from hmi.sim.odoo_mark_done import ProductionOrm
from hmi.sim.odoo_orm import OdooError, ids_of, user_error
from hmi.sim.odoo_schema import VERSIONS, build_schema
from hmi.sim.odoo_seed import DemoCatalogue, seed_base, seed_modules
from hmi.sim.odoo_seed_recorded import seed_recorded

__all__ = ["OdooError", "OdooModel", "user_error"]

CATALOGUES = ("demo", "recorded")
Handler = Callable[["OdooModel", str, list[Any], dict[str, Any], dict[str, Any]], Any]
#: Methods that never change records (no transaction snapshot needed).
READ_ONLY = frozenset({"search", "search_count", "read", "search_read", "fields_get", "name_get", "context_get"})


class OdooModel(ProductionOrm):
    """The simulated database (thread-safe: every call holds `lock`).

    version: 14, 16, 17, 18 or 19; catalogue: "demo" or "recorded"; orders: random confirmed
    MOs of the demo catalogue; seed: for a reproducible demo; replenish_below: keep at least
    this many confirmed demo MOs; maintenance: the maintenance app is installed.
    """

    def __init__(
        self,
        version: int = 16,
        *,
        catalogue: str = "demo",
        orders: int = 10,
        seed: int | None = None,
        replenish_below: int = 0,
        equipment: EquipmentTable | None = None,
        maintenance: bool = False,
    ) -> None:
        if version not in VERSIONS:
            raise ValueError(f"the Odoo simulator presents itself as Odoo {VERSIONS}, not {version}")
        if catalogue not in CATALOGUES:
            raise ValueError(f"catalogue must be one of {CATALOGUES}, not {catalogue!r}")
        if orders < 0 or replenish_below < 0:
            raise ValueError("orders and replenish_below must not be negative")
        super().__init__(version, build_schema(version, maintenance=maintenance))
        self.maintenance = maintenance
        self.catalogue = catalogue
        self._replenish_below = replenish_below
        self.demo: DemoCatalogue | None = None
        if catalogue == "recorded":
            seed_base(self)
            seed_recorded(self)
        else:
            seed_base(self, admin="Mitchell Admin", tz="Asia/Jakarta")
            table = equipment or load_equipment_table(resource_path("equipment.toml"))
            self.demo = DemoCatalogue(self, table, seed)
            for _ in range(orders):
                self.demo.random_order()
        seed_modules(self, maintenance)

    # -- RPC entry ---------------------------------------------------------------------------------

    def execute(
        self,
        model: str,
        method: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        uid: int = 2,
    ) -> Any:
        """Run one model method as Odoo's execute_kw would, in a transaction, as user `uid`."""
        if model not in self.schema:
            raise user_error(f"Object {model} doesn't exist")
        context = dict(kwargs.get("context") or {})
        kw = {k: v for k, v in kwargs.items() if k != "context"}
        handler = SPECIAL.get((model, method)) or GENERIC.get(method)
        if handler is None:
            raise OdooError(
                f"The method '{method}' does not exist on the model '{model}'",
                "builtins.AttributeError",
            )
        with self.lock:
            self.uid = uid
            if method in READ_ONLY:
                self.check_access(model)
                return handler(self, model, list(args), kw, context)
            saved = self.snapshot()
            try:
                return handler(self, model, list(args), kw, context)
            except Exception:
                self.restore(saved)
                raise
            finally:
                self.replenish()

    # -- inspection for tests -------------------------------------------------------------------

    def mo_state(self, mo_id: int) -> str:
        """The MO's state; KeyError if it does not exist."""
        with self.lock:
            return str(self.records["mrp.production"][mo_id]["state"])

    def mo_name(self, mo_id: int) -> str:
        """The MO's reference (e.g. WH/MO/00003)."""
        with self.lock:
            return str(self.records["mrp.production"][mo_id]["name"])

    def mo(self, mo_id: int) -> dict[str, Any]:
        """A copy of the MO record."""
        with self.lock:
            return dict(self.records["mrp.production"][mo_id])

    def moves(self, mo_id: int) -> list[dict[str, Any]]:
        """Copies of the MO's component moves, in order."""
        with self.lock:
            return [dict(m) for m in self.raw_moves(mo_id)]

    def consumption_postings(self, mo_id: int) -> int:
        """How many times consumption of this MO was posted to stock."""
        with self.lock:
            return self.postings.get(mo_id, 0)

    def produced_qty(self, mo_id: int) -> float:
        """Finished quantity produced on this MO (qty_produced, in the MO's unit)."""
        with self.lock:
            return round(float(self.records["mrp.production"][mo_id].get("qty_produced") or 0.0), 2)

    def stock_kg(self, ref: str) -> float:
        """On-hand quantity of the product with this internal reference, in its own unit."""
        with self.lock:
            return round(self.on_hand(self.product_by_ref(ref)), 2)

    def confirmed_ids(self) -> list[int]:
        """Ids of MOs in state confirmed or progress."""
        with self.lock:
            return [
                i for i, r in self.records["mrp.production"].items() if r["state"] in ("confirmed", "progress")
            ]

    def maintenance_requests(self) -> list[dict[str, Any]]:
        """Copies of every maintenance.request, oldest first (empty without the app)."""
        with self.lock:
            return [dict(r) for r in self.records.get("maintenance.request", {}).values()]

    def replenish(self) -> int:
        """Create demo MOs until `replenish_below` confirmed ones exist; how many were made."""
        with self.lock:
            made = 0
            while self.demo and self._replenish_below and len(self.confirmed_ids()) < self._replenish_below:
                self.demo.random_order()
                made += 1
            return made

    # -- building scenarios --------------------------------------------------------------------------

    def add_order(
        self,
        product: str | int | None = None,
        qty: float = 2000.0,
        components: Sequence[tuple[Any, ...]] | None = None,
        *,
        name: str | None = None,
        planned_start: datetime | None = None,
        state: str = "confirmed",
        bom_code: str | None = None,
        consumption: str = "warning",
        picking_type_id: int = 1,
        workcenter_id: int | None = None,
        uom: str | None = None,
    ) -> int:
        """Create an MO; `product` is a name, internal ref or id (new names create a product).

        `components` are (ref, qty) or (ref, qty, name) or (ref, qty, name, uom xml name, e.g.
        "product_uom_gram") tuples; an unknown ref (or None) creates a product (without
        internal reference for None). Without components the product's demo BoM is used.
        `uom`: the MO's unit as a uom xml name (default: the product's unit). Returns the id.
        """
        from hmi.sim.odoo_seed import new_bom, new_product, uom_id

        with self.lock:
            product_id = self._resolve_product(product)
            mo_uom = uom_id(self, uom) if uom else None
            if components is None:
                bom_id = self.demo.bom_of(product_id) if self.demo else None
                if bom_id is None:
                    raise ValueError(f"product {product!r} has no BoM: give components")
            else:
                lines = []
                for component in components:
                    line_uom = uom_id(self, component[3]) if len(component) > 3 else None
                    pid = self._resolve_component(component, line_uom, new_product)
                    lines.append((pid, float(component[1]), line_uom or self.product(pid)["uom_id"]))
                bom_uom = mo_uom or self.product(product_id)["uom_id"]
                code = bom_code or f"BOM-{len(self.records['mrp.bom']) + 1:03d}"
                bom_id = new_bom(self, product_id, code, qty or 1.0, bom_uom, lines, consumption)
            planned = planned_start or self.clock().astimezone(UTC).replace(microsecond=0)
            target = "confirmed" if state in ("progress", "done") else state
            mo_id = self.create_production(
                product_id, bom_id, qty, planned, name=name, state=target, picking_type_id=picking_type_id, uom_id=mo_uom
            )
            if workcenter_id:
                self.new("mrp.workorder", {"name": "Mixing", "production_id": mo_id, "workcenter_id": workcenter_id, "state": "ready"})
            if state in ("progress", "done"):
                self.records["mrp.production"][mo_id]["state"] = state
            return mo_id

    def _resolve_product(self, product: str | int | None) -> int:
        from hmi.sim.odoo_seed import new_product, uom_id

        if product is None:
            if self.demo is None:
                raise ValueError("give a product")
            return self.demo.feeds[0][0]
        products = self.records["product.product"]
        if isinstance(product, int):
            if product not in products:
                raise ValueError(f"no product with id {product}")
            return product
        for pid, rec in products.items():
            if product in (rec["name"], rec["default_code"]):
                return pid
        return new_product(self, product, None, uom_id(self, "product_uom_kgm"))

    def _resolve_component(self, component: Sequence[Any], uom: int | None, new_product: Any) -> int:
        from hmi.sim.odoo_seed import add_stock, uom_id

        ref = component[0]
        label = component[2] if len(component) > 2 and component[2] else (ref or "Unreferenced material")
        if ref:
            try:
                return self.product_by_ref(ref)
            except KeyError:
                pass
        pid = int(new_product(self, label, ref, uom or uom_id(self, "product_uom_kgm")))
        add_stock(self, pid, 100_000.0)
        return pid


# -- method tables -------------------------------------------------------------------------------


def _arg(args: list[Any], kw: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if name in kw:
        return kw[name]
    return args[index] if len(args) > index else default


def _search(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.search_ids(model, _arg(a, kw, 0, "domain", []), _arg(a, kw, 1, "offset", 0) or 0, _arg(a, kw, 2, "limit", None), _arg(a, kw, 3, "order", None))


def _search_count(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return len(m.search_ids(model, _arg(a, kw, 0, "domain", [])))


def _read(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    ids = ids_of(_arg(a, kw, 0, "ids", []))
    names = m.check_fields(model, _arg(a, kw, 1, "fields", None))
    table = m.records[model]
    return [m.read_record(model, table[i], names, kw.get("load", "")) for i in ids if i in table]


def _search_read(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    names = m.check_fields(model, _arg(a, kw, 1, "fields", None))
    ids = m.search_ids(model, _arg(a, kw, 0, "domain", []), _arg(a, kw, 2, "offset", 0) or 0, _arg(a, kw, 3, "limit", None), _arg(a, kw, 4, "order", None))
    return [m.read_record(model, m.records[model][i], names, kw.get("load", "")) for i in ids]


def _fields_get(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.fields_get(model, _arg(a, kw, 0, "allfields", None), _arg(a, kw, 1, "attributes", None))


def _write(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.write(model, _arg(a, kw, 0, "ids", []), _arg(a, kw, 1, "vals", {}))


def _create(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    m.check_access(model)
    values = _arg(a, kw, 0, "vals_list", {})
    if isinstance(values, list):
        return [m.create(model, v, ctx) for v in values]
    return m.create(model, values, ctx)


def _name_get(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    table = m.records[model]
    return [[i, m.display_name(model, table[i])] for i in ids_of(_arg(a, kw, 0, "ids", [])) if i in table]


def _context_get(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    user = m.records["res.users"].get(m.uid, {})
    return {"lang": user.get("lang") or "en_US", "tz": user.get("tz") or False, "uid": m.uid}


def _mark_done(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    return m.button_mark_done(_arg(a, kw, 0, "ids", []), ctx)


def _cancel(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
    m.check_access(model)
    return m.action_cancel(_arg(a, kw, 0, "ids", []))


def _button(method: str) -> Handler:
    def handler(m: OdooModel, model: str, a: list[Any], kw: dict[str, Any], ctx: dict[str, Any]) -> Any:
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
