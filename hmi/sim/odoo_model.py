"""In-memory model of the Odoo manufacturing objects the HMI uses, with Odoo 16/17 behaviour.

A small ORM (records, fields_get, search/read with domains, ordering and limit,
write with x2many commands, create) over `mrp.production`, `stock.move`,
`product.product`, `mrp.bom`, the mark-done wizards and a few helpers. Business
errors are raised as OdooError carrying Odoo's exception class name, so the HTTP
layer can send them in Odoo's JSON-RPC error envelope.
"""

from __future__ import annotations

import random
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.resources import resource_path

_DT = "%Y-%m-%d %H:%M:%S"
_EPS = 0.0005  # kg: Odoo compares kg with a rounding of 0.001

#: Feed products of the seeded catalogue: name, internal ref, BoM code, % by material ref.
FEEDS: tuple[tuple[str, str, str, dict[str, float]], ...] = (
    (
        "Broiler Starter",
        "FG-BRST",
        "BOM-BRST",
        {
            "RM-CORN": 55,
            "RM-SBM46": 30,
            "RM-CGM60": 3,
            "RM-MBM50": 3,
            "RM-MOLASSES": 2,
            "RM-FML": 3,
            "RM-LIME": 1.2,
            "RM-DCP18": 1.5,
            "RM-SALT": 0.3,
            "RM-PREMIX": 1.0,
        },
    ),
    (
        "Broiler Finisher",
        "FG-BRFN",
        "BOM-BRFN",
        {
            "RM-CORN": 60,
            "RM-SBM46": 24,
            "RM-DDGS": 5,
            "RM-MBM50": 3,
            "RM-FML": 3.5,
            "RM-MOLASSES": 1.5,
            "RM-LIME": 1.0,
            "RM-DCP18": 1.2,
            "RM-SALT": 0.3,
            "RM-PREMIX": 0.5,
        },
    ),
    (
        "Layer Mash",
        "FG-LAYR",
        "BOM-LAYR",
        {
            "RM-CORN": 50,
            "RM-SBM46": 22,
            "RM-RBRAN": 8,
            "RM-LIME": 9,
            "RM-DCP18": 1.5,
            "RM-MBM50": 4,
            "RM-PKM": 3,
            "RM-SALT": 0.3,
            "RM-PREMIX": 1.2,
            "RM-MOLASSES": 1.0,
        },
    ),
    (
        "Pig Grower",
        "FG-PIGG",
        "BOM-PIGG",
        {
            "RM-CORN": 45,
            "RM-WHEAT": 15,
            "RM-SBM46": 18,
            "RM-POLLARD": 10,
            "RM-RBRAN": 5,
            "RM-MOLASSES": 3,
            "RM-LIME": 1.2,
            "RM-DCP18": 1.0,
            "RM-SALT": 0.4,
            "RM-PREMIX": 1.4,
        },
    ),
    (
        "Dairy Meal",
        "FG-DAIR",
        "BOM-DAIR",
        {
            "RM-POLLARD": 25,
            "RM-PKM": 20,
            "RM-CORN": 20,
            "RM-RBRAN": 10,
            "RM-DDGS": 10,
            "RM-SBM46": 6,
            "RM-MOLASSES": 5,
            "RM-LIME": 2,
            "RM-SALT": 1,
            "RM-PREMIX": 1,
        },
    ),
    (
        "Catfish Grower",
        "FG-CATF",
        "BOM-CATF",
        {
            "RM-SBM46": 30,
            "RM-CORN": 20,
            "RM-RBRAN": 15,
            "RM-MBM50": 12,
            "RM-CGM60": 8,
            "RM-WHEAT": 8,
            "RM-FML": 4,
            "RM-DCP18": 1.5,
            "RM-PREMIX": 1.0,
            "RM-SALT": 0.5,
        },
    ),
)
BATCH_SIZES_KG = tuple(range(1000, 4001, 250))
INITIAL_STOCK_KG = 100_000.0


class OdooError(Exception):
    """A server-side error with Odoo's exception class name (sent in the error envelope)."""

    def __init__(self, message: str, name: str = "odoo.exceptions.UserError") -> None:
        super().__init__(message)
        self.message = message
        self.name = name


def user_error(message: str) -> OdooError:
    """An odoo.exceptions.UserError."""
    return OdooError(message, "odoo.exceptions.UserError")


@dataclass(frozen=True)
class Field:
    """Schema of one field, as fields_get describes it."""

    type: str
    string: str
    relation: str | None = None
    inverse: str | None = None  # one2many: the many2one field on the comodel
    readonly: bool = False
    required: bool = False
    selection: tuple[tuple[str, str], ...] | None = None
    computed: bool = False


MO_STATES = (
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("progress", "In Progress"),
    ("to_close", "To Close"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
)
MOVE_STATES = (
    ("draft", "New"),
    ("confirmed", "Waiting Availability"),
    ("assigned", "Available"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
)
CONSUMPTION = (("flexible", "Allowed"), ("warning", "Allowed with warning"), ("strict", "Blocked"))


def _f(type_: str, string: str, relation: str | None = None, **kw: Any) -> Field:
    return Field(type_, string, relation, **kw)


def build_schema(version: int) -> dict[str, dict[str, Field]]:
    """Models and fields the simulator knows, with Odoo 16 or 17+ names."""
    name = _f("char", "Name")
    display = _f("char", "Display Name", readonly=True, computed=True)
    mo: dict[str, Field] = {
        "name": _f("char", "Reference", readonly=True),
        "state": _f("selection", "State", selection=MO_STATES, readonly=True),
        "priority": _f("selection", "Priority", selection=(("0", "Normal"), ("1", "Urgent"))),
        "origin": _f("char", "Source"),
        "product_id": _f("many2one", "Product", "product.product", required=True),
        "bom_id": _f("many2one", "Bill of Material", "mrp.bom"),
        "product_qty": _f("float", "Quantity To Produce", required=True),
        "qty_producing": _f("float", "Quantity Producing"),
        "qty_produced": _f("float", "Quantity Produced", readonly=True, computed=True),
        "date_start": _f("datetime", "Start Date", required=version >= 17),
        "date_finished": _f("datetime", "End Date", readonly=True),
        "move_raw_ids": _f(
            "one2many", "Components", "stock.move", inverse="raw_material_production_id"
        ),
        "workorder_ids": _f("one2many", "Work Orders", "mrp.workorder", inverse="production_id"),
        "picking_type_id": _f("many2one", "Operation Type", "stock.picking.type", required=True),
        "company_id": _f("many2one", "Company", "res.company", required=True),
        "consumption": _f("selection", "Consumption", selection=CONSUMPTION, readonly=True),
        "backorder_sequence": _f("integer", "Backorder Sequence"),
        "display_name": display,
    }
    move: dict[str, Field] = {
        "name": _f("char", "Description"),
        "sequence": _f("integer", "Sequence"),
        "state": _f("selection", "Status", selection=MOVE_STATES, readonly=True),
        "product_id": _f("many2one", "Product", "product.product", required=True),
        "product_uom_qty": _f("float", "Demand"),
        "raw_material_production_id": _f(
            "many2one", "Production Order for components", "mrp.production"
        ),
        "display_name": display,
    }
    if version >= 17:
        move["quantity"] = _f("float", "Quantity")
        move["picked"] = _f("boolean", "Picked")
    else:
        mo["date_planned_start"] = _f("datetime", "Scheduled Date", required=True)
        mo["date_planned_finished"] = _f("datetime", "Scheduled End Date")
        move["quantity_done"] = _f("float", "Quantity Done")
    schema: dict[str, dict[str, Field]] = {
        "mrp.production": mo,
        "stock.move": move,
        "product.product": {
            "name": name,
            "default_code": _f("char", "Internal Reference"),
            "type": _f(
                "selection",
                "Product Type",
                selection=(("consu", "Consumable"), ("product", "Storable Product")),
            ),
            "qty_available": _f("float", "Quantity On Hand", readonly=True, computed=True),
            "active": _f("boolean", "Active"),
            "display_name": display,
        },
        "mrp.bom": {
            "code": _f("char", "Reference"),
            "product_id": _f("many2one", "Product Variant", "product.product"),
            "product_qty": _f("float", "Quantity"),
            "consumption": _f("selection", "Flexible Consumption", selection=CONSUMPTION),
            "bom_line_ids": _f("one2many", "BoM Lines", "mrp.bom.line", inverse="bom_id"),
            "display_name": display,
        },
        "mrp.bom.line": {
            "bom_id": _f("many2one", "Parent BoM", "mrp.bom"),
            "product_id": _f("many2one", "Component", "product.product"),
            "product_qty": _f("float", "Quantity"),
            "display_name": display,
        },
        "mrp.workcenter": {"name": name, "display_name": display},
        "mrp.workorder": {
            "name": name,
            "production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "workcenter_id": _f("many2one", "Work Center", "mrp.workcenter"),
            "display_name": display,
        },
        "stock.picking.type": {
            "name": name,
            "code": _f("char", "Type of Operation"),
            "display_name": display,
        },
        "res.company": {"name": name, "display_name": display},
        "res.users": {
            "name": name,
            "login": _f("char", "Login"),
            "company_id": _f("many2one", "Company", "res.company"),
            "display_name": display,
        },
        "ir.model": {"name": name, "model": _f("char", "Model"), "display_name": display},
        "mrp.consumption.warning": {
            "mrp_production_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_consumption_warning_line_ids": _f(
                "one2many",
                "Lines",
                "mrp.consumption.warning.line",
                inverse="mrp_consumption_warning_id",
            ),
            "consumption": _f("selection", "Consumption", selection=CONSUMPTION, computed=True),
            "display_name": display,
        },
        "mrp.consumption.warning.line": {
            "mrp_consumption_warning_id": _f(
                "many2one", "Parent Wizard", "mrp.consumption.warning"
            ),
            "mrp_production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "product_id": _f("many2one", "Product", "product.product"),
            "consumption": _f("selection", "Consumption", selection=CONSUMPTION),
            "product_uom_id": _f("integer", "Unit"),
            "product_consumed_qty_uom": _f("float", "Consumed"),
            "product_expected_qty_uom": _f("float", "To Consume"),
            "display_name": display,
        },
        "mrp.production.backorder": {
            "mrp_production_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_production_backorder_line_ids": _f(
                "one2many",
                "Backorder Confirmation Lines",
                "mrp.production.backorder.line",
                inverse="mrp_production_backorder_id",
            ),
            "display_name": display,
        },
        "mrp.production.backorder.line": {
            "mrp_production_backorder_id": _f(
                "many2one", "MO Backorder", "mrp.production.backorder"
            ),
            "mrp_production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "to_backorder": _f("boolean", "To Backorder"),
            "display_name": display,
        },
    }
    if version < 17:
        schema["mrp.immediate.production"] = {
            "mo_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "immediate_production_line_ids": _f(
                "one2many",
                "Immediate Production Lines",
                "mrp.immediate.production.line",
                inverse="immediate_production_id",
            ),
            "display_name": display,
        }
        schema["mrp.immediate.production.line"] = {
            "immediate_production_id": _f(
                "many2one", "Immediate Production", "mrp.immediate.production"
            ),
            "production_id": _f("many2one", "Production", "mrp.production"),
            "to_immediate": _f("boolean", "To Process"),
            "display_name": display,
        }
    return schema


def module_schema(maintenance: bool) -> dict[str, dict[str, Field]]:
    """ir.module.module, and maintenance.request when the maintenance app is installed."""
    display = _f("char", "Display Name", readonly=True, computed=True)
    schema = {
        "ir.module.module": {
            "name": _f("char", "Technical Name", readonly=True),
            "state": _f("selection", "Status", selection=MODULE_STATES, readonly=True),
            "display_name": display,
        }
    }
    if maintenance:
        schema["maintenance.request"] = {
            "name": _f("char", "Subjects", required=True),
            "description": _f("html", "Description"),
            "priority": _f("selection", "Priority", selection=REQUEST_PRIORITIES),
            "maintenance_type": _f("selection", "Maintenance Type", selection=MAINTENANCE_TYPES),
            "request_date": _f("date", "Request Date"),
            "display_name": display,
        }
    return schema


MODULE_STATES = (
    ("uninstallable", "Uninstallable"),
    ("uninstalled", "Not Installed"),
    ("installed", "Installed"),
    ("to upgrade", "To be upgraded"),
    ("to remove", "To be removed"),
    ("to install", "To be installed"),
)
REQUEST_PRIORITIES = (("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High"))
MAINTENANCE_TYPES = (("corrective", "Corrective"), ("preventive", "Preventive"))

#: Default order of each model (Odoo's `_order`), as (field, descending) pairs.
DEFAULT_ORDER = {"stock.move": "sequence, id", "mrp.bom.line": "id"}


class OdooModel:
    """The simulated database: records per model plus manufacturing behaviour (thread-safe)."""

    def __init__(
        self,
        version: int = 16,
        *,
        orders: int = 10,
        seed: int | None = None,
        replenish_below: int = 0,
        equipment: EquipmentTable | None = None,
        maintenance: bool = False,
    ) -> None:
        if version not in (16, 17):
            raise ValueError(f"the Odoo simulator presents itself as Odoo 16 or 17, not {version}")
        if orders < 0 or replenish_below < 0:
            raise ValueError("orders and replenish_below must not be negative")
        self.version = version
        self.lock = threading.RLock()
        self.schema = build_schema(version)
        self.schema.update(module_schema(maintenance))
        self.maintenance = maintenance
        self.records: dict[str, dict[int, dict[str, Any]]] = {m: {} for m in self.schema}
        self._next: dict[str, int] = defaultdict(lambda: 1)
        self._rng = random.Random(seed)
        self._replenish_below = replenish_below
        self._mo_sequence = 0
        self._postings: dict[int, int] = defaultdict(int)
        self._produced: dict[int, float] = defaultdict(float)
        self._stock: dict[int, float] = defaultdict(float)
        self.report_refusals: dict[int, str] = {}
        self._equipment = equipment or load_equipment_table(resource_path("equipment.toml"))
        self._seed_catalogue()
        for _ in range(orders):
            self._random_order()

    # -- names that differ per version ------------------------------------------------------

    @property
    def planned_start_field(self) -> str:
        """mrp.production's planned start: date_planned_start (16) or date_start (17)."""
        return "date_start" if self.version >= 17 else "date_planned_start"

    def _done_qty(self, move: Mapping[str, Any]) -> float:
        if self.version >= 17:
            return float(move.get("quantity") or 0.0) if move.get("picked") else 0.0
        return float(move.get("quantity_done") or 0.0)

    # -- inspection for tests --------------------------------------------------------------

    def mo_state(self, mo_id: int) -> str:
        """The MO's state; KeyError if it does not exist."""
        with self.lock:
            return str(self.records["mrp.production"][mo_id]["state"])

    def mo_name(self, mo_id: int) -> str:
        """The MO's reference (e.g. WH/MO/00003)."""
        with self.lock:
            return str(self.records["mrp.production"][mo_id]["name"])

    def consumption_postings(self, mo_id: int) -> int:
        """How many times raw-material consumption of this MO was posted to stock."""
        with self.lock:
            return self._postings[mo_id]

    def produced_qty(self, mo_id: int) -> float:
        """Finished quantity posted to stock for this MO."""
        with self.lock:
            return round(self._produced[mo_id], 2)

    def stock_kg(self, ref: str) -> float:
        """On-hand quantity of the product with this internal reference."""
        with self.lock:
            return round(self._stock[self.product_by_ref(ref)], 2)

    def moves(self, mo_id: int) -> list[dict[str, Any]]:
        """Copies of the MO's raw moves, in order."""
        with self.lock:
            return [dict(m) for m in self._raw_moves(mo_id)]

    def mo(self, mo_id: int) -> dict[str, Any]:
        """A copy of the MO record."""
        with self.lock:
            return dict(self.records["mrp.production"][mo_id])

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

    def product_by_ref(self, ref: str) -> int:
        """Product id for an internal reference; KeyError if unknown."""
        for pid, rec in self.records["product.product"].items():
            if rec.get("default_code") == ref:
                return pid
        raise KeyError(ref)

    # -- catalogue and orders --------------------------------------------------------------

    def _new(self, model: str, values: Mapping[str, Any]) -> int:
        rec_id = self._next[model]
        self._next[model] = rec_id + 1
        self.records[model][rec_id] = {"id": rec_id, **values}
        return rec_id

    def _seed_catalogue(self) -> None:
        self._new("res.company", {"name": "Feed Mill Co."})
        self._new("res.users", {"name": "OdooBot", "login": "__system__", "company_id": 1})
        self._new("res.users", {"name": "Mitchell Admin", "login": "admin", "company_id": 1})
        self._new("stock.picking.type", {"name": "Manufacturing", "code": "mrp_operation"})
        self._new("stock.picking.type", {"name": "Pre-mix", "code": "mrp_operation"})
        self._new("mrp.workcenter", {"name": "Mixer line 1"})
        self._new("mrp.workcenter", {"name": "Mixer line 2"})
        for module in ("mrp", "stock", "maintenance"):
            installed = module != "maintenance" or self.maintenance
            state = "installed" if installed else "uninstalled"
            self._new("ir.module.module", {"name": module, "state": state})
        for index, model in enumerate(sorted(self.schema), 1):
            self._new("ir.model", {"name": model, "model": model, "id": index})
        for equipment in self._equipment:
            pid = self._product(equipment.material or equipment.product_ref, equipment.product_ref)
            self._stock[pid] = INITIAL_STOCK_KG
        self._feeds: list[tuple[int, int]] = []  # (product id, bom id)
        for name, ref, code, percent in FEEDS:
            pid = self._product(name, ref)
            lines = [(self.product_by_ref(r), pct * 10.0) for r, pct in percent.items()]
            self._feeds.append((pid, self._bom(pid, code, 1000.0, lines)))

    def _product(self, name: str, ref: str | None) -> int:
        return self._new(
            "product.product",
            {"name": name, "default_code": ref or False, "type": "product", "active": True},
        )

    def _bom(
        self,
        product_id: int,
        code: str | None,
        qty: float,
        lines: Iterable[tuple[int, float]],
        consumption: str = "warning",
    ) -> int:
        bom_id = self._new(
            "mrp.bom",
            {
                "code": code or False,
                "product_id": product_id,
                "product_qty": qty,
                "consumption": consumption,
            },
        )
        for pid, line_qty in lines:
            self._new(
                "mrp.bom.line",
                {"bom_id": bom_id, "product_id": pid, "product_qty": round(line_qty, 4)},
            )
        return bom_id

    def _random_order(self) -> int:
        product_id, bom_id = self._rng.choice(self._feeds)
        qty = float(self._rng.choice(BATCH_SIZES_KG))
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        planned = start + timedelta(minutes=self._rng.randrange(0, 8 * 60, 5))
        return self._create_mo(product_id, bom_id, qty, planned, None, "confirmed", 1, None)

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
    ) -> int:
        """Create an MO; `product` is a name, internal ref or id (new names create a product).

        `components` are (ref, kg) or (ref, kg, name) tuples; an unknown ref (or None)
        creates a product (without internal reference for None). Without components the
        product's BoM is used. Returns the MO id.
        """
        with self.lock:
            product_id = self._resolve_product(product)
            if components is None:
                bom_id = next((b for p, b in self._feeds if p == product_id), None)
                if bom_id is None:
                    raise ValueError(f"product {product!r} has no BoM: give components")
            else:
                lines = [(self._resolve_component(c), float(c[1])) for c in components]
                bom_id = self._bom(
                    product_id,
                    bom_code or f"BOM-{len(self.records['mrp.bom']) + 1:03d}",
                    qty,
                    lines,
                    consumption,
                )
            planned = planned_start or datetime.now(UTC).replace(microsecond=0)
            mo_id = self._create_mo(
                product_id, bom_id, qty, planned, name, state, picking_type_id, workcenter_id
            )
            if components is not None and qty > 0:
                for move, (_ref, kg, *_rest) in zip(
                    self._raw_moves(mo_id), components, strict=True
                ):
                    move["product_uom_qty"] = float(kg)
                    self._init_reserved(move)
            return mo_id

    def _resolve_product(self, product: str | int | None) -> int:
        if product is None:
            return self._feeds[0][0]
        products = self.records["product.product"]
        if isinstance(product, int):
            if product not in products:
                raise ValueError(f"no product with id {product}")
            return product
        for pid, rec in products.items():
            if product in (rec["name"], rec["default_code"]):
                return pid
        return self._product(product, None)

    def _resolve_component(self, component: Sequence[Any]) -> int:
        ref = component[0]
        label = component[2] if len(component) > 2 else (ref or "Unreferenced material")
        if ref:
            try:
                return self.product_by_ref(ref)
            except KeyError:
                pass
        return self._product(label, ref)

    def _create_mo(
        self,
        product_id: int,
        bom_id: int,
        qty: float,
        planned: datetime,
        name: str | None,
        state: str,
        picking_type_id: int,
        workcenter_id: int | None,
    ) -> int:
        self._mo_sequence += 1
        bom = self.records["mrp.bom"][bom_id]
        values: dict[str, Any] = {
            "name": name or f"WH/MO/{self._mo_sequence:05d}",
            "state": state,
            "priority": "0",
            "origin": False,
            "product_id": product_id,
            "bom_id": bom_id,
            "product_qty": float(qty),
            "qty_producing": 0.0,
            "date_start": False,
            "date_finished": False,
            "picking_type_id": picking_type_id,
            "company_id": 1,
            "consumption": bom["consumption"],
            "backorder_sequence": 0,
        }
        values[self.planned_start_field] = planned.strftime(_DT)
        if self.version < 17:
            values["date_planned_finished"] = (planned + timedelta(hours=1)).strftime(_DT)
        mo_id = self._new("mrp.production", values)
        factor = qty / bom["product_qty"] if bom["product_qty"] else 0.0
        for seq, line in enumerate(self._bom_lines(bom_id), 1):
            move = {
                "name": values["name"],
                "sequence": seq,
                "state": "confirmed" if state != "draft" else "draft",
                "product_id": line["product_id"],
                "product_uom_qty": round(line["product_qty"] * factor, 2),
                "raw_material_production_id": mo_id,
            }
            move_id = self._new("stock.move", move)
            self._init_reserved(self.records["stock.move"][move_id])
        wc = workcenter_id or 1 + (mo_id % 2)
        self._new("mrp.workorder", {"name": "Mixing", "production_id": mo_id, "workcenter_id": wc})
        return mo_id

    def _init_reserved(self, move: dict[str, Any]) -> None:
        """Odoo 17 keeps the reserved quantity in `quantity` (not yet picked)."""
        if self.version >= 17:
            move["quantity"] = move["product_uom_qty"]
            move["picked"] = False
        else:
            move["quantity_done"] = 0.0

    def _bom_lines(self, bom_id: int) -> list[dict[str, Any]]:
        return [r for r in self.records["mrp.bom.line"].values() if r["bom_id"] == bom_id]

    def _raw_moves(self, mo_id: int) -> list[dict[str, Any]]:
        moves = [
            m
            for m in self.records["stock.move"].values()
            if m.get("raw_material_production_id") == mo_id
        ]
        return sorted(moves, key=lambda m: (m.get("sequence") or 0, m["id"]))

    def replenish(self) -> int:
        """Create MOs until `replenish_below` confirmed ones exist; return how many were made."""
        with self.lock:
            made = 0
            while self._replenish_below and len(self.confirmed_ids()) < self._replenish_below:
                self._random_order()
                made += 1
            return made

    # -- RPC entry -------------------------------------------------------------------------

    def execute(
        self, model: str, method: str, args: Sequence[Any], kwargs: Mapping[str, Any]
    ) -> Any:
        """Run one model method as Odoo's execute_kw would."""
        if model not in self.schema:
            raise OdooError(f"Object {model} doesn't exist", "odoo.exceptions.UserError")
        context = dict(kwargs.get("context") or {})
        kw = {k: v for k, v in kwargs.items() if k != "context"}
        handler = _SPECIAL.get((model, method)) or _GENERIC.get(method)
        if handler is None:
            raise OdooError(
                f"The method '{method}' does not exist on the model '{model}'",
                "builtins.AttributeError",
            )
        with self.lock:
            return handler(self, model, list(args), kw, context)

    # -- generic ORM -----------------------------------------------------------------------

    def field(self, model: str, name: str) -> Field:
        """The field, or an Odoo 'Invalid field' error."""
        try:
            return self.schema[model][name]
        except KeyError:
            raise OdooError(
                f"Invalid field {name!r} on model {model!r}", "builtins.ValueError"
            ) from None

    def display_name(self, model: str, rec: Mapping[str, Any]) -> str:
        """What name_get would answer for a record."""
        if model == "product.product":
            code = rec.get("default_code")
            return f"[{code}] {rec['name']}" if code else str(rec["name"])
        if model == "mrp.bom":
            product = self.display_name(
                "product.product", self.records["product.product"][rec["product_id"]]
            )
            return f"{rec['code']}: {product}" if rec.get("code") else product
        if model == "stock.move":
            mo = self.records["mrp.production"].get(rec.get("raw_material_production_id"), {})
            return f"{mo.get('name', '')}: {rec.get('name', '')}"
        if model in self.schema and "name" in self.schema[model] and rec.get("name"):
            return str(rec["name"])
        return f"{model},{rec['id']}"

    def value(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        """Raw value of a field (x2many as id lists, many2one as id or False)."""
        fld = self.field(model, name)
        if name == "display_name":
            return self.display_name(model, rec)
        if name == "qty_produced":
            return self.produced_qty(rec["id"])
        if name == "qty_available":
            return round(self._stock[rec["id"]], 2)
        if fld.type == "one2many":
            assert fld.relation
            assert fld.inverse
            rows = [
                r for r in self.records[fld.relation].values() if r.get(fld.inverse) == rec["id"]
            ]
            return [
                r["id"]
                for r in self._sorted(fld.relation, rows, DEFAULT_ORDER.get(fld.relation, "id"))
            ]
        if fld.type == "many2many":
            return list(rec.get(name) or [])
        default: Any = 0.0 if fld.type == "float" else 0 if fld.type == "integer" else False
        return rec.get(name, default)

    def read_record(
        self, model: str, rec: Mapping[str, Any], fields: Sequence[str], load: str
    ) -> dict[str, Any]:
        """One row of read(): many2one as [id, name] (or id with load='_classic_write')."""
        row: dict[str, Any] = {"id": rec["id"]}
        for name in fields:
            if name == "id":
                continue
            value = self.value(model, rec, name)
            fld = self.schema[model][name]
            if fld.type == "many2one" and value and load != "_classic_write":
                assert fld.relation
                target = self.records[fld.relation].get(value)
                value = [value, self.display_name(fld.relation, target)] if target else False
            row[name] = value
        return row

    def search_ids(
        self,
        model: str,
        domain: Sequence[Any],
        offset: int = 0,
        limit: int | None = None,
        order: str | None = None,
    ) -> list[int]:
        """Ids matching a domain, ordered, sliced."""
        rows = [r for r in self.records[model].values() if self._match(model, r, domain)]
        rows = self._sorted(model, rows, order or self.default_order(model))
        ids = [r["id"] for r in rows]
        return ids[offset : offset + limit if limit else None]

    def default_order(self, model: str) -> str:
        """The model's `_order` (mrp.production: priority, planned start, id)."""
        if model == "mrp.production":
            return f"priority desc, {self.planned_start_field} asc, id"
        return DEFAULT_ORDER.get(model, "id")

    def _sorted(self, model: str, rows: list[dict[str, Any]], order: str) -> list[dict[str, Any]]:
        keys = []
        for part in order.split(","):
            words = part.split()
            if not words:
                continue
            if words[0] != "id":
                self.field(model, words[0])
            desc = len(words) > 1 and words[1].lower() == "desc"
            keys.append((words[0], desc))
        for name, desc in reversed(keys):
            present = [r for r in rows if self._sort_value(model, r, name) not in (None, False)]
            missing = [r for r in rows if self._sort_value(model, r, name) in (None, False)]
            present.sort(key=lambda r, n=name: self._sort_value(model, r, n), reverse=desc)
            rows = missing + present if desc else present + missing  # PostgreSQL: NULLS LAST asc
        return rows

    def _sort_value(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        return rec["id"] if name == "id" else self.value(model, rec, name)

    def _match(self, model: str, rec: Mapping[str, Any], domain: Sequence[Any]) -> bool:
        stack: list[bool] = []
        for term in reversed(list(domain)):
            if term == "&":
                stack.append(stack.pop() & stack.pop())
            elif term == "|":
                stack.append(stack.pop() | stack.pop())
            elif term == "!":
                stack.append(not stack.pop())
            elif isinstance(term, list | tuple) and len(term) == 3:
                stack.append(self._leaf(model, rec, str(term[0]), str(term[1]), term[2]))
            else:
                raise OdooError(f"Invalid domain term {term!r}", "builtins.ValueError")
        return all(stack)

    def _path_values(self, model: str, rec: Mapping[str, Any], path: str) -> list[Any]:
        head, _, rest = path.partition(".")
        if head == "id":
            return [rec["id"]]
        fld = self.field(model, head)
        value = self.value(model, rec, head)
        if not rest:
            return list(value) if isinstance(value, list) else [value]
        if fld.type not in ("many2one", "one2many", "many2many") or not fld.relation:
            raise OdooError(
                f"Invalid field path {path!r} on model {model!r}", "builtins.ValueError"
            )
        ids = value if isinstance(value, list) else ([value] if value else [])
        out: list[Any] = []
        for target_id in ids:
            target = self.records[fld.relation].get(target_id)
            if target is not None:
                out.extend(self._path_values(fld.relation, target, rest))
        return out

    def _leaf(self, model: str, rec: Mapping[str, Any], path: str, op: str, arg: Any) -> bool:
        values = self._path_values(model, rec, path)
        test = _OPERATORS.get(op)
        if test is None:
            raise OdooError(f"Invalid domain operator {op!r}", "builtins.ValueError")
        if op in _NEGATIVE:
            return all(test(v, arg) for v in values) if values else True
        if not values:
            return test(False, arg)
        return any(test(v, arg) for v in values)

    def write_values(self, model: str, rec_id: int, vals: Mapping[str, Any]) -> None:
        """Apply values (with x2many commands) to one record; hooks run in `_write`."""
        rec = self.records[model][rec_id]
        for name, value in vals.items():
            fld = self.field(model, name)
            if fld.computed:
                continue
            if fld.type == "one2many":
                self._o2m_commands(fld, rec_id, value)
            elif fld.type == "many2many":
                rec[name] = _m2m_commands(rec.get(name) or [], value)
            elif fld.type == "many2one":
                rec[name] = value[0] if isinstance(value, list | tuple) else (value or False)
            else:
                rec[name] = value

    def _o2m_commands(self, fld: Field, parent_id: int, commands: Any) -> None:
        assert fld.relation
        assert fld.inverse
        for command in commands or []:
            code = command[0]
            if code == 0:
                values = dict(command[2])
                values[fld.inverse] = parent_id
                self._create(fld.relation, values)
            elif code == 1:
                self._write(fld.relation, [command[1]], command[2])
            elif code in (2, 3):
                self.records[fld.relation].pop(command[1], None)
            elif code == 4:
                self._write(fld.relation, [command[1]], {fld.inverse: parent_id})
            elif code in (5, 6):
                for child in list(self.records[fld.relation].values()):
                    if child.get(fld.inverse) == parent_id and (
                        code == 5 or child["id"] not in command[2]
                    ):
                        del self.records[fld.relation][child["id"]]
                for child_id in command[2] if code == 6 else []:
                    self._write(fld.relation, [child_id], {fld.inverse: parent_id})
            else:
                raise OdooError(f"Unknown x2many command {command!r}", "builtins.ValueError")

    def _create(
        self, model: str, values: Mapping[str, Any], context: Mapping[str, Any] | None = None
    ) -> int:
        defaults = {
            k[8:]: v
            for k, v in (context or {}).items()
            if k.startswith("default_") and k[8:] in self.schema[model]
        }
        merged = {**defaults, **values}
        rec_id = self._new(model, {})
        self.write_values(model, rec_id, merged)
        return rec_id

    def _write(self, model: str, ids: Sequence[int], vals: Mapping[str, Any]) -> bool:
        ids = _ids(ids)
        missing = [i for i in ids if i not in self.records[model]]
        if missing:
            raise OdooError(
                _missing(model, missing[0]),
                "odoo.exceptions.MissingError",
            )
        hook = _WRITE_HOOKS.get(model)
        for rec_id in ids:
            if hook:
                hook(self, rec_id, vals)
            else:
                self.write_values(model, rec_id, vals)
        return True

    # -- manufacturing behaviour -----------------------------------------------------------

    def _write_mo(self, mo_id: int, vals: Mapping[str, Any]) -> None:
        refusal = self.report_refusals.get(mo_id)
        if refusal:
            raise user_error(refusal)
        self.write_values("mrp.production", mo_id, vals)
        self._recompute_state(mo_id)

    def _write_move(self, move_id: int, vals: Mapping[str, Any]) -> None:
        move = self.records["stock.move"][move_id]
        before = self._done_qty(move)
        self.write_values("stock.move", move_id, vals)
        after = self._done_qty(move)
        mo_id = move.get("raw_material_production_id")
        if move["state"] == "done" and abs(after - before) > _EPS and mo_id:
            # As in Odoo: changing a done move's quantity posts the difference to stock.
            self._stock[move["product_id"]] -= after - before
            self._postings[mo_id] += 1
        elif mo_id:
            self._recompute_state(mo_id)

    def _recompute_state(self, mo_id: int) -> None:
        mo = self.records["mrp.production"][mo_id]
        if mo["state"] not in ("confirmed", "progress", "to_close"):
            return
        producing = float(mo.get("qty_producing") or 0.0)
        if producing >= mo["product_qty"] - _EPS and producing > 0:
            mo["state"] = "to_close"
        elif producing > 0 or any(self._done_qty(m) > 0 for m in self._raw_moves(mo_id)):
            mo["state"] = "progress"
        else:
            mo["state"] = "confirmed"

    def button_mark_done(self, ids: Sequence[int], context: Mapping[str, Any]) -> Any:
        """Odoo's button_mark_done: a wizard action, or True once the MOs are done."""
        mos = [self._existing_mo(i) for i in _ids(ids)]
        for mo in mos:
            if mo["id"] in self.report_refusals:
                raise user_error(self.report_refusals[mo["id"]])
            if mo["state"] in ("draft", "cancel"):
                raise user_error(
                    f"{mo['name']}: only confirmed or in progress manufacturing orders "
                    "can be marked as done"
                )
        todo = [mo for mo in mos if mo["state"] != "done"]
        if not todo:
            return True
        ctx = dict(context)
        ctx.setdefault("button_mark_done_production_ids", [mo["id"] for mo in mos])
        action = self._pre_mark_done(todo, ctx)
        if action is not None:
            return action
        return self._mark_done(todo, ctx)

    def _pre_mark_done(self, todo: list[dict[str, Any]], ctx: dict[str, Any]) -> Any:
        if self.version < 17 and not ctx.get("skip_immediate"):
            immediate = [
                mo
                for mo in todo
                if not mo["qty_producing"]
                and not any(self._done_qty(m) for m in self._raw_moves(mo["id"]))
            ]
            if immediate:
                return _action(
                    "mrp.immediate.production",
                    "Immediate Production?",
                    {**ctx, "default_mo_ids": [(4, mo["id"]) for mo in immediate]},
                )
        for mo in todo:
            moves = self._raw_moves(mo["id"])
            if self.version >= 17:
                if not mo["qty_producing"]:
                    mo["qty_producing"] = mo["product_qty"]
                    for move in moves:
                        move["quantity"] = move["product_uom_qty"]
                if not any(m.get("picked") for m in moves):
                    for move in moves:
                        move["picked"] = True
            if mo["qty_producing"] <= 0:
                raise user_error("The quantity to produce must be positive!")
            if moves and not any(self._done_qty(m) for m in moves):
                raise user_error(
                    "You must indicate a non-zero amount consumed for at least one of "
                    "your components"
                )
        if not ctx.get("skip_consumption"):
            issues = [line for mo in todo for line in self._consumption_issues(mo)]
            if issues:
                return _action(
                    "mrp.consumption.warning",
                    "Consumption Warning",
                    {
                        **ctx,
                        "default_mrp_production_ids": [mo["id"] for mo in todo],
                        "default_mrp_consumption_warning_line_ids": [
                            (0, 0, line) for line in issues
                        ],
                    },
                )
        if not ctx.get("skip_backorder"):
            short = [mo for mo in todo if mo["qty_producing"] < mo["product_qty"] - _EPS]
            if short:
                return _action(
                    "mrp.production.backorder",
                    "You produced less than initial demand",
                    {
                        **ctx,
                        "default_mrp_production_ids": [mo["id"] for mo in todo],
                        "default_mrp_production_backorder_line_ids": [
                            (0, 0, {"mrp_production_id": mo["id"], "to_backorder": True})
                            for mo in short
                        ],
                    },
                )
        return None

    def _consumption_issues(self, mo: Mapping[str, Any]) -> list[dict[str, Any]]:
        if mo.get("consumption") == "flexible" or not mo.get("bom_id"):
            return []
        bom = self.records["mrp.bom"][mo["bom_id"]]
        factor = mo["qty_producing"] / bom["product_qty"] if bom["product_qty"] else 0.0
        expected: dict[int, float] = defaultdict(float)
        for line in self._bom_lines(bom["id"]):
            expected[line["product_id"]] += line["product_qty"] * factor
        done: dict[int, float] = defaultdict(float)
        for move in self._raw_moves(mo["id"]):
            if move["state"] != "cancel":
                done[move["product_id"]] += self._done_qty(move)
        return [
            {
                "mrp_production_id": mo["id"],
                "product_id": pid,
                "consumption": mo["consumption"],
                "product_consumed_qty_uom": round(done[pid], 3),
                "product_expected_qty_uom": round(expected[pid], 3),
            }
            for pid in sorted(set(expected) | set(done))
            if abs(done[pid] - expected[pid]) > _EPS
        ]

    def _mark_done(self, todo: list[dict[str, Any]], ctx: Mapping[str, Any]) -> Any:
        to_backorder = set(ctx.get("mo_ids_to_backorder") or [])
        backorders = []
        for mo in todo:
            if mo["id"] in to_backorder and mo["qty_producing"] < mo["product_qty"] - _EPS:
                backorders.append(self._split_backorder(mo))
            self._post_inventory(mo)
        self.replenish()
        if backorders:
            return {
                "type": "ir.actions.act_window",
                "res_model": "mrp.production",
                "res_id": backorders[0],
                "view_mode": "form",
                "context": {},
            }
        return True

    def _post_inventory(self, mo: dict[str, Any]) -> None:
        for move in self._raw_moves(mo["id"]):
            if move["state"] in ("done", "cancel"):
                continue
            quantity = self._done_qty(move)
            if quantity > 0:
                self._stock[move["product_id"]] -= quantity
                move["state"] = "done"
            else:
                move["state"] = "cancel"
        self._postings[mo["id"]] += 1
        self._produced[mo["id"]] += mo["qty_producing"]
        self._stock[mo["product_id"]] += mo["qty_producing"]
        mo["state"] = "done"
        mo["date_finished"] = datetime.now(UTC).strftime(_DT)

    def _split_backorder(self, mo: dict[str, Any]) -> int:
        remaining = mo["product_qty"] - mo["qty_producing"]
        ratio = remaining / mo["product_qty"]
        base = mo["name"].rsplit("-", 1)[0] if mo["backorder_sequence"] else mo["name"]
        sequence = max(mo["backorder_sequence"], 1)
        mo["name"], mo["backorder_sequence"] = f"{base}-{sequence:03d}", sequence
        planned = datetime.strptime(mo[self.planned_start_field], _DT).replace(tzinfo=UTC)
        new_id = self._create_mo(
            mo["product_id"],
            mo["bom_id"],
            remaining,
            planned,
            f"{base}-{sequence + 1:03d}",
            "confirmed",
            mo["picking_type_id"],
            None,
        )
        self.records["mrp.production"][new_id]["backorder_sequence"] = sequence + 1
        for old, new in zip(self._raw_moves(mo["id"]), self._raw_moves(new_id), strict=False):
            new["product_uom_qty"] = round(old["product_uom_qty"] * ratio, 2)
            old["product_uom_qty"] = round(old["product_uom_qty"] - new["product_uom_qty"], 2)
            self._init_reserved(new)
        mo["product_qty"] = mo["qty_producing"]
        return new_id

    def action_cancel(self, ids: Sequence[int]) -> bool:
        """Cancel MOs (and their moves); a done MO cannot be cancelled."""
        mos = [self._existing_mo(i) for i in _ids(ids)]
        for mo in mos:
            if mo["state"] == "done":
                raise user_error(f"{mo['name']}: a done manufacturing order cannot be cancelled")
        for mo in mos:
            for move in self._raw_moves(mo["id"]):
                if move["state"] != "done":
                    move["state"] = "cancel"
            mo["state"] = "cancel"
        self.replenish()
        return True

    def _existing_mo(self, mo_id: int) -> dict[str, Any]:
        mo = self.records["mrp.production"].get(mo_id)
        if mo is None:
            raise OdooError(
                _missing("mrp.production", mo_id),
                "odoo.exceptions.MissingError",
            )
        return mo

    def wizard_productions(self, model: str, wizard_id: int) -> list[int]:
        """The MO ids a wizard record is about."""
        rec = self.records[model].get(wizard_id)
        if rec is None:
            raise OdooError(
                _missing(model, wizard_id),
                "odoo.exceptions.MissingError",
            )
        field = "mo_ids" if model == "mrp.immediate.production" else "mrp_production_ids"
        return list(rec.get(field) or [])


# -- helpers and method tables --------------------------------------------------------------


def _missing(model: str, rec_id: Any) -> str:
    return f"Record does not exist or has been deleted.\n(Record: {model}({rec_id},), User: 2)"


def _ids(ids: Any) -> list[int]:
    if isinstance(ids, int) and not isinstance(ids, bool):
        return [ids]
    return [int(i) for i in ids]


def _m2m_commands(current: list[int], value: Any) -> list[int]:
    result = list(current)
    for item in value or []:
        if isinstance(item, int):
            if item not in result:
                result.append(item)
            continue
        code = item[0]
        if code == 4 and item[1] not in result:
            result.append(item[1])
        elif code == 3 and item[1] in result:
            result.remove(item[1])
        elif code == 5:
            result = []
        elif code == 6:
            result = list(item[2])
    return result


def _action(model: str, name: str, context: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "type": "ir.actions.act_window",
        "res_model": model,
        "view_mode": "form",
        "views": [[False, "form"]],
        "target": "new",
        "context": dict(context),
    }


def _like(value: Any, pattern: Any, ci: bool) -> bool:
    text, pat = str(value or ""), str(pattern)
    return pat.lower() in text.lower() if ci else pat in text


def _lt(a: Any, b: Any) -> bool:
    return a not in (False, None) and a < b


def _gt(a: Any, b: Any) -> bool:
    return a not in (False, None) and a > b


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda v, a: v == a or (v in (False, None) and a in (False, None)),
    "!=": lambda v, a: not (v == a or (v in (False, None) and a in (False, None))),
    "in": lambda v, a: v in list(a),
    "not in": lambda v, a: v not in list(a),
    "<": _lt,
    ">": _gt,
    "<=": lambda v, a: v == a or _lt(v, a),
    ">=": lambda v, a: v == a or _gt(v, a),
    "like": lambda v, a: _like(v, a, False),
    "ilike": lambda v, a: _like(v, a, True),
    "not like": lambda v, a: not _like(v, a, False),
    "not ilike": lambda v, a: not _like(v, a, True),
    "=like": lambda v, a: str(v) == str(a),
    "=ilike": lambda v, a: str(v).lower() == str(a).lower(),
}
_NEGATIVE = frozenset({"!=", "not in", "not like", "not ilike"})

Handler = Callable[[OdooModel, str, list[Any], dict[str, Any], dict[str, Any]], Any]


def _arg(args: list[Any], kw: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if name in kw:
        return kw[name]
    return args[index] if len(args) > index else default


def _search(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m.search_ids(
        model,
        _arg(args, kw, 0, "domain", []),
        _arg(args, kw, 1, "offset", 0) or 0,
        _arg(args, kw, 2, "limit", None),
        _arg(args, kw, 3, "order", None),
    )


def _search_count(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return len(m.search_ids(model, _arg(args, kw, 0, "domain", [])))


def _field_list(m: OdooModel, model: str, fields: Any) -> list[str]:
    names = list(fields) if fields else [n for n, f in m.schema[model].items()]
    for name in names:
        if name != "id":
            m.field(model, name)
    return names


def _read(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    ids = _ids(_arg(args, kw, 0, "ids", []))
    names = _field_list(m, model, _arg(args, kw, 1, "fields", None))
    load = kw.get("load", "_classic_read")
    table = m.records[model]
    return [m.read_record(model, table[i], names, load) for i in ids if i in table]


def _search_read(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    names = _field_list(m, model, _arg(args, kw, 1, "fields", None))
    ids = m.search_ids(
        model,
        _arg(args, kw, 0, "domain", []),
        _arg(args, kw, 2, "offset", 0) or 0,
        _arg(args, kw, 3, "limit", None),
        _arg(args, kw, 4, "order", None),
    )
    load = kw.get("load", "_classic_read")
    return [m.read_record(model, m.records[model][i], names, load) for i in ids]


def _fields_get(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    wanted = _arg(args, kw, 0, "allfields", None) or list(m.schema[model])
    out = {}
    for name in wanted:
        fld = m.field(model, name)
        desc: dict[str, Any] = {
            "type": fld.type,
            "string": fld.string,
            "readonly": fld.readonly,
            "required": fld.required,
            "store": not fld.computed,
        }
        if fld.relation:
            desc["relation"] = fld.relation
        if fld.inverse:
            desc["relation_field"] = fld.inverse
        if fld.selection:
            desc["selection"] = [list(s) for s in fld.selection]
        out[name] = desc
    return out


def _write(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m._write(model, _arg(args, kw, 0, "ids", []), _arg(args, kw, 1, "vals", {}))


def _create(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    values = _arg(args, kw, 0, "vals_list", {})
    if isinstance(values, list):
        return [m._create(model, v, ctx) for v in values]
    return m._create(model, values, ctx)


def _name_get(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    table = m.records[model]
    return [
        [i, m.display_name(model, table[i])]
        for i in _ids(_arg(args, kw, 0, "ids", []))
        if i in table
    ]


def _context_get(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return {"lang": "en_US", "tz": "Asia/Jakarta"}


def _mark_done(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m.button_mark_done(args[0] if args else [], ctx)


def _cancel(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return m.action_cancel(args[0] if args else [])


def _wizard_button(skip: Mapping[str, Any], backorder_from_lines: bool = False) -> Handler:
    def handler(
        m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
    ) -> Any:
        wizard_ids = _ids(args[0] if args else [])
        mo_ids: list[int] = []
        for wizard_id in wizard_ids:
            mo_ids += m.wizard_productions(model, wizard_id)
        call_ctx = {k: v for k, v in ctx.items() if not k.startswith("default_")}
        call_ctx.update(skip)
        if backorder_from_lines:
            lines = m.records["mrp.production.backorder.line"].values()
            call_ctx["mo_ids_to_backorder"] = [
                line["mrp_production_id"]
                for line in lines
                if line.get("mrp_production_backorder_id") in wizard_ids
                and line.get("to_backorder")
            ]
        return m.button_mark_done(mo_ids, call_ctx)

    return handler


def _set_expected(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    wizard_ids = _ids(args[0] if args else [])
    for line in list(m.records["mrp.consumption.warning.line"].values()):
        if line.get("mrp_consumption_warning_id") not in wizard_ids:
            continue
        moves = [
            mv
            for mv in m._raw_moves(line["mrp_production_id"])
            if mv["product_id"] == line["product_id"]
        ]
        for index, move in enumerate(moves):
            quantity = line["product_expected_qty_uom"] if index == 0 else 0.0
            m._write_move(
                move["id"],
                {"quantity": quantity, "picked": True}
                if m.version >= 17
                else {"quantity_done": quantity},
            )
    return _wizard_button({"skip_consumption": True})(m, model, args, kw, ctx)


def _immediate_process(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    wizard_ids = _ids(args[0] if args else [])
    for wizard_id in wizard_ids:
        for mo_id in m.wizard_productions(model, wizard_id):
            mo = m.records["mrp.production"][mo_id]
            mo["qty_producing"] = mo["product_qty"] - m.produced_qty(mo_id)
            for move in m._raw_moves(mo_id):
                if move["state"] not in ("done", "cancel"):
                    move["quantity_done"] = move["product_uom_qty"]
            m._recompute_state(mo_id)
    targets = ctx.get("button_mark_done_production_ids")
    if not targets:
        return True
    call_ctx = {k: v for k, v in ctx.items() if not k.startswith("default_")}
    call_ctx["skip_immediate"] = True
    return m.button_mark_done(targets, call_ctx)


def _wizard_close(
    m: OdooModel, model: str, args: list[Any], kw: dict[str, Any], ctx: dict[str, Any]
) -> Any:
    return {"type": "ir.actions.act_window_close"}


_GENERIC: dict[str, Handler] = {
    "search": _search,
    "search_count": _search_count,
    "read": _read,
    "search_read": _search_read,
    "fields_get": _fields_get,
    "write": _write,
    "create": _create,
    "name_get": _name_get,
}
_SPECIAL: dict[tuple[str, str], Handler] = {
    ("res.users", "context_get"): _context_get,
    ("mrp.production", "button_mark_done"): _mark_done,
    ("mrp.production", "action_cancel"): _cancel,
    ("mrp.consumption.warning", "action_confirm"): _wizard_button({"skip_consumption": True}),
    ("mrp.consumption.warning", "action_set_qty"): _set_expected,
    ("mrp.consumption.warning", "action_cancel"): _wizard_close,
    ("mrp.production.backorder", "action_close_mo"): _wizard_button(
        {"skip_backorder": True, "mo_ids_to_backorder": []}
    ),
    ("mrp.production.backorder", "action_backorder"): _wizard_button(
        {"skip_backorder": True}, backorder_from_lines=True
    ),
    ("mrp.immediate.production", "process"): _immediate_process,
}
_WRITE_HOOKS: dict[str, Callable[[OdooModel, int, Mapping[str, Any]], None]] = {
    "mrp.production": OdooModel._write_mo,
    "stock.move": OdooModel._write_move,
}
