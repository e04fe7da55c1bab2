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

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.resources import resource_path
from hmi.sim.odoo_mark_done import ProductionOrm
from hmi.sim.odoo_methods import GENERIC, READ_ONLY, SPECIAL
from hmi.sim.odoo_orm import OdooError, user_error
from hmi.sim.odoo_schema import VERSIONS, build_schema
from hmi.sim.odoo_seed import DemoCatalogue, seed_base, seed_modules
from hmi.sim.odoo_seed_recorded import seed_recorded

__all__ = ["OdooError", "OdooModel", "user_error"]

CATALOGUES = ("demo", "recorded")


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
            raise ValueError(
                f"the Odoo simulator presents itself as Odoo {VERSIONS}, not {version}"
            )
        if catalogue not in CATALOGUES:
            raise ValueError(f"catalogue must be one of {CATALOGUES}, not {catalogue!r}")
        if orders < 0 or replenish_below < 0:
            raise ValueError("orders and replenish_below must not be negative")
        super().__init__(version, build_schema(version, maintenance=maintenance))
        #: fault injection (Faults.omit_field): model -> fields left out of its read answers
        self.omitted_fields: dict[str, set[str]] = {}
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
                return self._omit(model, handler(self, model, list(args), kw, context))
            saved = self.snapshot()
            try:
                return handler(self, model, list(args), kw, context)
            except Exception:
                self.restore(saved)
                raise
            finally:
                self.replenish()

    def _omit(self, model: str, answer: Any) -> Any:
        """An answer of unexpected shape (fault injection): records without some fields."""
        omitted = self.omitted_fields.get(model)
        if not omitted or not isinstance(answer, list):
            return answer
        return [
            {k: v for k, v in row.items() if k not in omitted} if isinstance(row, dict) else row
            for row in answer
        ]

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
                i
                for i, r in self.records["mrp.production"].items()
                if r["state"] in ("confirmed", "progress")
            ]

    def maintenance_requests(self) -> list[dict[str, Any]]:
        """Copies of every maintenance.request, oldest first (empty without the app)."""
        with self.lock:
            return [dict(r) for r in self.records.get("maintenance.request", {}).values()]

    def replenish(self) -> int:
        """Create demo MOs until `replenish_below` confirmed ones exist; how many were made."""
        with self.lock:
            made = 0
            while (
                self.demo
                and self._replenish_below
                and len(self.confirmed_ids()) < self._replenish_below
            ):
                self.demo.random_order()
                made += 1
            return made

    # -- building scenarios ------------------------------------------------------------------

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
                    lines.append(
                        (pid, float(component[1]), line_uom or self.product(pid)["uom_id"])
                    )
                bom_uom = mo_uom or self.product(product_id)["uom_id"]
                code = bom_code or f"BOM-{len(self.records['mrp.bom']) + 1:03d}"
                bom_id = new_bom(self, product_id, code, qty or 1.0, bom_uom, lines, consumption)
            planned = planned_start or self.clock().astimezone(UTC).replace(microsecond=0)
            target = "confirmed" if state in ("progress", "done") else state
            mo_id = self.create_production(
                product_id,
                bom_id,
                qty,
                planned,
                name=name,
                state=target,
                picking_type_id=picking_type_id,
                uom_id=mo_uom,
            )
            if workcenter_id:
                self.new(
                    "mrp.workorder",
                    {
                        "name": "Mixing",
                        "production_id": mo_id,
                        "workcenter_id": workcenter_id,
                        "state": "ready",
                    },
                )
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

    def _resolve_component(
        self, component: Sequence[Any], uom: int | None, new_product: Any
    ) -> int:
        from hmi.sim.odoo_seed import add_stock, uom_id

        ref = component[0]
        label = (
            component[2]
            if len(component) > 2 and component[2]
            else (ref or "Unreferenced material")
        )
        if ref:
            try:
                return self.product_by_ref(ref)
            except KeyError:
                pass
        pid = int(new_product(self, label, ref, uom or uom_id(self, "product_uom_kgm")))
        add_stock(self, pid, 100_000.0)
        return pid
