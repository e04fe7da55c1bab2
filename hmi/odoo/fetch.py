"""Fetch: confirmed and in-progress MOs with everything that gives their numbers a meaning.

In a constant number of calls for any number of MOs (runs in the link's worker thread):

1. `mrp.production.search_read`: the MOs, oldest planned start first (then id), with their
   unit, quantities producing/produced, BoM consumption mode, components, by-product and
   work-order ids and `write_date`;
2. `stock.move.read` of every component move: product, demand, unit, state and the
   quantity already consumed (≤16 `quantity_done`; 17+ `quantity` when `picked`);
3. `product.product.read`: internal reference, name and tracking (lot/serial);
4. `mrp.bom.read`: the BoM's reference;
5. `uom.uom.read` of every unit met, plus the kilogram and the litre (normalized by
   `hmi.odoo.uoms`);
6. only when an MO has work orders: `mrp.workorder.read` of their states.

Five calls, six with work orders (plus one `ir.model.data` lookup of the kg and litre units
per login). Cancelled component moves are left out: Odoo 16 keeps a removed component as a
cancelled move, 17+ delete it (recorded), and nothing can be written to either.
Paging: `exclude` leaves MOs out by id; `after` continues after the last MO of the previous
page (same order, no offset), so a page never shifts when MOs change in between.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hmi.domain.model import ManufacturingOrder, MoComponent
from hmi.domain.units import KG, Uom, UomKind, decimal_from_odoo
from hmi.odoo.rpc import Caller
from hmi.odoo.uoms import References, m2o_id, normalize
from hmi.odoo.versions import OdooVersion

#: MO states the link fetches.
FETCH_STATES = ("confirmed", "progress")
#: Work-order states that no longer hold an MO back.
CLOSED_WORKORDERS = frozenset({"done", "cancel"})
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Page:
    """Which MOs to fetch: at most `limit`, none of `exclude`, after (planned start, id)."""

    limit: int
    exclude: tuple[int, ...] = ()
    after: tuple[datetime | None, int] | None = None


def parse_datetime(value: Any) -> datetime | None:
    """An Odoo datetime ("2026-12-01 06:10:00", UTC) as an aware datetime; None if empty."""
    if not value:
        return None
    try:
        return datetime.strptime(str(value)[:19], DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def domain(version: OdooVersion, filters: Sequence[Any], page: Page) -> list[Any]:
    """The search domain of one page."""
    terms: list[Any] = [("state", "in", list(FETCH_STATES)), *filters]
    if page.exclude:
        terms.append(("id", "not in", list(page.exclude)))
    if page.after is not None:
        planned, last_id = page.after
        field = version.planned_start
        if planned is None:
            terms += [(field, "=", False), ("id", ">", last_id)]
        else:
            text = planned.astimezone(UTC).strftime(DATE_FORMAT)
            terms += ["|", "|", (field, ">", text), (field, "=", False)]
            terms += ["&", (field, "=", text), ("id", ">", last_id)]
    return terms


def mo_fields(version: OdooVersion) -> list[str]:
    """mrp.production fields the fetch reads."""
    return [
        "name",
        "state",
        "product_id",
        "bom_id",
        "product_qty",
        "product_uom_id",
        "qty_producing",
        "qty_produced",
        "consumption",
        version.planned_start,
        "move_raw_ids",
        "move_byproduct_ids",
        "workorder_ids",
        "write_date",
    ]


def move_fields(version: OdooVersion) -> list[str]:
    """stock.move fields the fetch reads."""
    fields = ["product_id", "product_uom_qty", "product_uom", "state", version.consumed_field]
    return fields + ([version.picked_field] if version.picked_field else [])


def read(call: Caller, model: str, ids: Collection[int], fields: list[str]) -> dict[int, Any]:
    """read() of ids (none: no call) as rows by id."""
    if not ids:
        return {}
    rows = call(model, "read", [sorted(ids)], {"fields": fields})
    return {int(row["id"]): row for row in rows}


def read_uoms(
    call: Caller, version: OdooVersion, refs: References, ids: Collection[int]
) -> dict[int, Uom]:
    """The units `ids` (and kg, litre) normalized."""
    wanted = {i for i in ids if i} | {i for i in (refs.kg, refs.litre) if i}
    rows = read(call, "uom.uom", wanted, version.uom_fields)
    return normalize(rows, refs, categories=version.uom_has_category)


def fetch(
    call: Caller, version: OdooVersion, refs: References, filters: Sequence[Any], page: Page
) -> list[ManufacturingOrder]:
    """The MOs of one page, fully read (see the module docstring for the calls)."""
    order = f"{version.planned_start} asc, id asc"
    fields = mo_fields(version)
    kwargs = {"fields": fields, "order": order, "limit": page.limit}
    mos = call("mrp.production", "search_read", [domain(version, filters, page)], kwargs)
    if not mos:
        return []
    move_ids = {int(i) for mo in mos for i in mo["move_raw_ids"]}
    moves = read(call, "stock.move", move_ids, move_fields(version))
    product_ids = {m2o_id(mo["product_id"]) for mo in mos}
    product_ids |= {m2o_id(move["product_id"]) for move in moves.values()}
    products = read(
        call, "product.product", {i for i in product_ids if i}, ["default_code", "name", "tracking"]
    )
    bom_ids = {i for mo in mos if (i := m2o_id(mo["bom_id"]))}
    boms = read(call, "mrp.bom", bom_ids, ["code", "display_name"])
    uom_ids = {m2o_id(mo["product_uom_id"]) for mo in mos}
    uom_ids |= {m2o_id(move["product_uom"]) for move in moves.values()}
    units = read_uoms(call, version, refs, {i for i in uom_ids if i})
    workorder_ids = {int(i) for mo in mos for i in mo.get("workorder_ids") or []}
    workorders = read(call, "mrp.workorder", workorder_ids, ["state"])
    context = _Context(version, moves, products, boms, units, workorders)
    return [context.order(mo) for mo in mos]


@dataclass(frozen=True)
class _Context:
    version: OdooVersion
    moves: Mapping[int, Mapping[str, Any]]
    products: Mapping[int, Mapping[str, Any]]
    boms: Mapping[int, Mapping[str, Any]]
    units: Mapping[int, Uom]
    workorders: Mapping[int, Mapping[str, Any]]

    def unit(self, value: Any) -> Uom:
        uom_id = m2o_id(value)
        if uom_id is None:
            return KG
        found = self.units.get(uom_id)
        if found is not None:
            return found
        name = str(value[1]) if isinstance(value, list | tuple) and len(value) > 1 else str(uom_id)
        return Uom(uom_id, name, UomKind.OTHER, decimal_from_odoo(0))

    def product(self, value: Any) -> tuple[int, Mapping[str, Any], str]:
        product_id = m2o_id(value) or 0
        label = str(value[1]) if isinstance(value, list | tuple) and len(value) > 1 else ""
        return product_id, self.products.get(product_id, {}), label

    def component(self, move_id: int) -> MoComponent | None:
        move = self.moves.get(move_id)
        if move is None or move.get("state") == "cancel":
            return None
        product_id, product, label = self.product(move["product_id"])
        return MoComponent(
            move_id=int(move_id),
            product_id=product_id,
            product_ref=product.get("default_code") or None,
            product_name=str(product.get("name") or label),
            quantity=decimal_from_odoo(move.get("product_uom_qty")),
            uom=self.unit(move.get("product_uom")),
            state=str(move.get("state") or ""),
            consumed=decimal_from_odoo(self.version.consumed(dict(move))),
            tracking=str(product.get("tracking") or "none"),
        )

    def order(self, mo: Mapping[str, Any]) -> ManufacturingOrder:
        product_id, product, product_label = self.product(mo["product_id"])
        bom_id = m2o_id(mo["bom_id"])
        bom = self.boms.get(bom_id or 0, {})
        bom_label = str(mo["bom_id"][1]) if isinstance(mo["bom_id"], list) else ""
        components = [c for i in mo["move_raw_ids"] if (c := self.component(int(i)))]
        open_workorders = [
            w
            for w in mo.get("workorder_ids") or []
            if str(self.workorders.get(int(w), {}).get("state")) not in CLOSED_WORKORDERS
        ]
        return ManufacturingOrder(
            mo_id=int(mo["id"]),
            name=str(mo["name"]),
            state=str(mo["state"]),
            product_id=product_id,
            product_name=str(product.get("name") or product_label),
            bom_id=bom_id,
            bom_name=str(bom.get("code") or bom.get("display_name") or bom_label),
            quantity=decimal_from_odoo(mo.get("product_qty")),
            planned_start=parse_datetime(mo.get(self.version.planned_start)),
            components=tuple(components),
            uom=self.unit(mo.get("product_uom_id")),
            qty_producing=decimal_from_odoo(mo.get("qty_producing")),
            qty_produced=decimal_from_odoo(mo.get("qty_produced")),
            consumption=str(mo.get("consumption") or "flexible"),
            tracking=str(product.get("tracking") or "none"),
            byproduct_count=len(mo.get("move_byproduct_ids") or []),
            open_workorder_count=len(open_workorders),
            write_date=parse_datetime(mo.get("write_date")),
        )
