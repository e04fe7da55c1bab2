"""Seed data of the Odoo simulator: what a fresh database holds, and the feed-mill demo catalogue.

`seed_base` creates what `-i mrp` leaves in a new Odoo database that the HMI touches: the
company, users, stock locations, operation types, units of measure (with the ids and factors
real Odoo 16–19 databases had, `data/odoo-recordings/`) and their external ids in
`ir.model.data`. `seed_demo` adds the demo catalogue: the materials of the equipment table,
six feeds with a BoM per 1000 kg, and random confirmed MOs, all in kilograms.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from hmi.domain.equipment import EquipmentTable

if TYPE_CHECKING:
    from hmi.sim.odoo_mark_done import ProductionOrm

#: Feed products of the demo catalogue: name, internal ref, BoM code, % by material ref.
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

#: uom.uom per version family: id -> (name, category or parent, factor (≤18) / relative (19),
#: uom_type (≤18), external id). Ids and factors of kg, g, t/Ton, L and ml as recorded.
UOMS_16: dict[int, tuple[str, int, float, str, str]] = {
    1: ("Units", 1, 1.0, "reference", "product_uom_unit"),
    2: ("Dozens", 1, 1 / 12, "bigger", "product_uom_dozen"),
    3: ("Days", 3, 1.0, "reference", "product_uom_day"),
    4: ("Hours", 3, 8.0, "smaller", "product_uom_hour"),
    5: ("m", 4, 1.0, "reference", "product_uom_meter"),
    6: ("km", 4, 0.001, "bigger", "product_uom_km"),
    7: ("cm", 4, 100.0, "smaller", "product_uom_cm"),
    8: ("mm", 4, 1000.0, "smaller", "product_uom_millimeter"),
    9: ("m²", 5, 1.0, "reference", "uom_square_meter"),
    10: ("L", 6, 1.0, "reference", "product_uom_litre"),
    11: ("m³", 6, 0.001, "bigger", "product_uom_cubic_meter"),
    12: ("kg", 2, 1.0, "reference", "product_uom_kgm"),
    13: ("g", 2, 1000.0, "smaller", "product_uom_gram"),
    14: ("t", 2, 0.001, "bigger", "product_uom_ton"),
}
CATEGORIES_16 = {
    1: ("Unit", "product_uom_categ_unit"),
    2: ("Weight", "product_uom_categ_kgm"),
    3: ("Working Time", "uom_categ_wtime"),
    4: ("Length", "uom_categ_length"),
    5: ("Surface", "uom_categ_surface"),
    6: ("Volume", "product_uom_categ_vol"),
}
#: Odoo 19: id -> (name, parent id or 0, relative_factor, external id).
UOMS_19: dict[int, tuple[str, int, float, str]] = {
    1: ("Units", 0, 1.0, "product_uom_unit"),
    2: ("Pack of 6", 1, 6.0, "product_uom_pack_6"),
    3: ("Hours", 0, 1.0, "product_uom_hour"),
    4: ("Days", 3, 8.0, "product_uom_day"),
    5: ("mm", 0, 1.0, "product_uom_millimeter"),
    6: ("cm", 5, 10.0, "product_uom_cm"),
    7: ("m", 5, 1000.0, "product_uom_meter"),
    8: ("km", 7, 1000.0, "product_uom_km"),
    9: ("m²", 0, 1.0, "product_uom_square_meter"),
    10: ("ft²", 9, 0.092903, "product_uom_square_foot"),
    11: ("ml", 0, 1.0, "product_uom_milliliter"),
    12: ("L", 11, 1000.0, "product_uom_litre"),
    13: ("m³", 12, 1000.0, "product_uom_cubic_meter"),
    14: ("g", 0, 1.0, "product_uom_gram"),
    15: ("kg", 14, 1000.0, "product_uom_kgm"),
    16: ("Ton", 15, 1000.0, "product_uom_ton"),
}
#: Stock locations WH/Stock and Virtual Locations/Production (ids as recorded).
LOCATIONS = {16: (8, 15), 19: (5, 12)}


def uom_id(orm: ProductionOrm, xml_name: str) -> int:
    """The id of the unit with external id uom.<xml_name>."""
    for rec in orm.records["ir.model.data"].values():
        if rec["module"] == "uom" and rec["name"] == xml_name:
            return int(rec["res_id"])
    raise KeyError(xml_name)


def seed_base(orm: ProductionOrm, *, admin: str = "Administrator", tz: str | bool = False) -> None:
    """Company, users, locations, operation types, units of measure and their external ids."""
    orm.new("res.company", {"name": "Feed Mill Co."})
    orm.new(
        "res.users",
        {"name": "OdooBot", "login": "__system__", "company_id": 1, "tz": False, "lang": "en_US"},
    )
    orm.new(
        "res.users", {"name": admin, "login": "admin", "company_id": 1, "tz": tz, "lang": "en_US"}
    )
    orm.new("stock.picking.type", {"name": "Manufacturing", "code": "mrp_operation"})
    orm.new("stock.picking.type", {"name": "Pre-mix", "code": "mrp_operation"})
    orm.new("mrp.workcenter", {"name": "Mixer line 1"})
    orm.new("mrp.workcenter", {"name": "Mixer line 2"})
    stock, production = LOCATIONS[19 if orm.version >= 19 else 16]
    orm.new("stock.location", {"name": "Stock", "complete_name": "WH/Stock"}, stock)
    # 19 names the production location without its parent (recorded)
    virtual = "Production" if orm.version >= 19 else "Virtual Locations/Production"
    orm.new("stock.location", {"name": "Production", "complete_name": virtual}, production)
    orm.stock_location, orm.production_location = stock, production
    if orm.version >= 19:
        for rec_id, (name, parent, factor, xml) in UOMS_19.items():
            path = (
                f"{rec_id}/"
                if not parent
                else f"{orm.records['uom.uom'][parent]['parent_path']}{rec_id}/"
            )
            values = {
                "name": name,
                "relative_factor": factor,
                "relative_uom_id": parent or False,
                "parent_path": path,
                "rounding": 0.01,
                "active": True,
            }
            orm.new("uom.uom", values, rec_id)
            orm.new(
                "ir.model.data",
                {"module": "uom", "name": xml, "model": "uom.uom", "res_id": rec_id},
            )
        return
    for rec_id, (name, xml) in CATEGORIES_16.items():
        orm.new("uom.category", {"name": name}, rec_id)
        orm.new(
            "ir.model.data",
            {"module": "uom", "name": xml, "model": "uom.category", "res_id": rec_id},
        )
    for rec_id, (name, category, factor, kind, xml) in UOMS_16.items():
        values = {
            "name": name,
            "category_id": category,
            "factor": factor,
            "uom_type": kind,
            "rounding": 0.01,
            "active": True,
        }
        orm.new("uom.uom", values, rec_id)
        orm.new(
            "ir.model.data", {"module": "uom", "name": xml, "model": "uom.uom", "res_id": rec_id}
        )


def seed_modules(orm: ProductionOrm, maintenance: bool) -> None:
    """ir.module.module for mrp, stock (and maintenance), and ir.model for every model."""
    for module in ("mrp", "stock", "maintenance"):
        installed = module != "maintenance" or maintenance
        orm.new(
            "ir.module.module",
            {"name": module, "state": "installed" if installed else "uninstalled"},
        )
    for index, model in enumerate(sorted(orm.schema), 1):
        orm.new("ir.model", {"name": model, "model": model}, index)


def new_product(
    orm: ProductionOrm, name: str, ref: str | None, uom: int, tracking: str = "none"
) -> int:
    """A storable product in `uom` (field names of the version)."""
    values: dict[str, Any] = {
        "name": name,
        "default_code": ref or False,
        "uom_id": uom,
        "tracking": tracking,
        "active": True,
    }
    if orm.version >= 18:
        values.update(type="consu", is_storable=True)
    else:
        values["type"] = "product"
        if orm.version >= 15:
            values["detailed_type"] = "product"
    if orm.version <= 18:
        values["uom_po_id"] = uom
    return orm.new("product.product", values)


def new_bom(
    orm: ProductionOrm,
    product_id: int,
    code: str | None,
    qty: float,
    uom: int,
    lines: Iterable[tuple[int, float, int]],
    consumption: str = "warning",
    byproducts: Iterable[tuple[int, float, int]] = (),
) -> int:
    """A BoM for `qty` `uom` of the product; lines and by-products are (product, qty, uom)."""
    bom_id = orm.new(
        "mrp.bom",
        {
            "code": code or False,
            "product_id": product_id,
            "product_qty": float(qty),
            "product_uom_id": uom,
            "consumption": consumption,
        },
    )
    for pid, line_qty, line_uom in lines:
        orm.new(
            "mrp.bom.line",
            {
                "bom_id": bom_id,
                "product_id": pid,
                "product_qty": round(float(line_qty), 4),
                "product_uom_id": line_uom,
            },
        )
    for pid, line_qty, line_uom in byproducts:
        orm.new(
            "mrp.bom.byproduct",
            {
                "bom_id": bom_id,
                "product_id": pid,
                "product_qty": float(line_qty),
                "product_uom_id": line_uom,
            },
        )
    return bom_id


def add_stock(orm: ProductionOrm, product_id: int, qty: float, lot: int | bool = False) -> None:
    """Stock on hand, through a done inventory move and line (as an adjustment makes)."""
    uom = orm.product(product_id)["uom_id"]
    values: dict[str, Any] = {
        "sequence": 10,
        "state": "done",
        "product_id": product_id,
        "product_uom_qty": float(qty),
        "product_uom": uom,
        "raw_material_production_id": False,
        "production_id": False,
        "bom_line_id": False,
        "byproduct_id": False,
        "location_id": orm.production_location,
        "location_dest_id": orm.stock_location,
        "manual_consumption": False,
        "write_date": orm.now_text(),
    }
    if orm.version <= 18:
        values["name"] = "Product Quantity Updated"
    values.update(
        {"quantity": float(qty), "picked": True}
        if orm.version >= 17
        else {"quantity_done": float(qty)}
    )
    move_id = orm.new("stock.move", values)
    line_id = orm.new_line(orm.records["stock.move"][move_id], 0.0, lot)
    orm.records["stock.move.line"][line_id]["quantity" if orm.version >= 17 else "qty_done"] = (
        float(qty)
    )
    orm.quants[(product_id, lot)] += float(qty)


class DemoCatalogue:
    """The demo catalogue: equipment materials, six feeds, random confirmed MOs (all in kg)."""

    def __init__(self, orm: ProductionOrm, equipment: EquipmentTable, seed: int | None) -> None:
        self.orm = orm
        self.rng = random.Random(seed)
        self.kg = uom_id(orm, "product_uom_kgm")
        for item in equipment:
            pid = new_product(orm, item.material or item.product_ref, item.product_ref, self.kg)
            add_stock(orm, pid, INITIAL_STOCK_KG)
        self.feeds: list[tuple[int, int]] = []
        for name, ref, code, percent in FEEDS:
            pid = new_product(orm, name, ref, self.kg)
            lines = [(orm.product_by_ref(r), pct * 10.0, self.kg) for r, pct in percent.items()]
            self.feeds.append((pid, new_bom(orm, pid, code, 1000.0, self.kg, lines)))

    def random_order(self) -> int:
        """A confirmed MO of a random feed, size and planned start within 8 hours."""
        product_id, bom_id = self.rng.choice(self.feeds)
        qty = float(self.rng.choice(BATCH_SIZES_KG))
        start = self.orm.clock().astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        planned = start + timedelta(minutes=self.rng.randrange(0, 8 * 60, 5))
        return self.orm.create_production(product_id, bom_id, qty, planned)

    def bom_of(self, product_id: int) -> int | None:
        """The demo BoM of a feed product."""
        return next((b for p, b in self.feeds if p == product_id), None)


def planned_at(text: str) -> datetime:
    """A recorded planned start ("2026-12-01 06:10:00", UTC) as an aware datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
