"""The seeding of the recorded databases (`data/odoo-recordings/README.md`, "Seeding").

Real Odoo 16–19 databases were seeded before the recordings were made; this module seeds the
simulator the same way, in the same order, so products, BoMs, MOs, moves and move lines get
the ids the recordings show: raw materials (kg, premix in g, oil in L, two lot-tracked
lysines), 100 t of stock each, finished goods in kg except Sow Lactation in t, eight BoMs
(warning / strict / flexible, a by-product) and the MOs F_KG … R_NORIGHTS (plus R_LOT0 on
17+, and two more MOs for the JSON-2 calls on 19).

Seeding steps the recordings did not record but show the result of (an MO in progress with
300 kg corn consumed, a removed molasses line, the 400 of 1000 kg backorder chain, a
cancelled MO, an unreserved lot MO) are reproduced with the same operations.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from hmi.sim.odoo_seed import add_stock, new_bom, new_product, planned_at, uom_id

if TYPE_CHECKING:
    from hmi.sim.odoo_mark_done import ProductionOrm

#: When each recording's seeding created the backorder MO F_BO_BACK (its planned start).
BACKORDER_CREATED = {
    14: "2026-11-29 17:51:05",
    16: "2026-11-29 17:51:05",
    17: "2026-11-29 17:51:38",
    18: "2026-11-29 17:52:58",
    19: "2026-11-29 17:56:20",
}
STOCK = 100_000.0  # kg (L for oil); premix in g: 100 t


def seed_recorded(orm: ProductionOrm) -> None:
    """Products, stock, BoMs and MOs of the recorded databases (ids as recorded)."""
    kg, g = uom_id(orm, "product_uom_kgm"), uom_id(orm, "product_uom_gram")
    t, litre = uom_id(orm, "product_uom_ton"), uom_id(orm, "product_uom_litre")
    orm.records["res.users"][2]["name"] = "Administrator"
    # a fresh database's public user and user templates: the operator is 6 (≤18) or 5 (19)
    for _ in range(3 if orm.version <= 18 else 2):
        orm.new("res.users", {"name": "Template", "login": False, "company_id": 1})
    operator = orm.new("res.users", {"name": "Operator", "login": "operator", "company_id": 1})
    orm.rights[operator] = False  # internal user only: no Inventory, no Manufacturing group

    corn = new_product(orm, "Yellow corn, ground", "RM-CORN", kg)
    sbm = new_product(orm, "Soybean meal 46%", "RM-SBM46", kg)
    premix = new_product(orm, "Vitamin-mineral premix (g)", "RM-PREMIX", g)
    oil = new_product(orm, "Soybean oil (litres)", "RM-OIL", litre)
    molasses = new_product(orm, "Cane molasses", "RM-MOL", kg)
    lysine = new_product(orm, "L-Lysine HCl (lot tracked)", "RM-LYS", kg, tracking="lot")
    starter = new_product(orm, "Broiler Starter", "FG-BS", kg)
    sow = new_product(orm, "Sow Lactation (t)", "FG-SL", t)
    grower = new_product(orm, "Grower Pellet (strict)", "FG-GP", kg)
    layer = new_product(orm, "Layer Mash (flexible)", "FG-LM", kg)
    wean = new_product(orm, "Wean Feed (warning)", "FG-WF", kg)
    booster = new_product(orm, "Lysine Booster (lot comp.)", "FG-LY", kg)
    pellet = new_product(orm, "Pellet with dust by-product", "FG-PL", kg)
    dust = new_product(orm, "Pellet dust (by-product)", "BP-DUST", kg)
    lysine0 = new_product(orm, "L-Lysine, new lot not registered", "RM-LYS0", kg, tracking="lot")
    lot = orm.new(orm.lots_model, {"name": "LYS-2026-001", "product_id": lysine})
    for pid in (corn, sbm, molasses):
        add_stock(orm, pid, STOCK)
    add_stock(orm, premix, STOCK * 1000)
    add_stock(orm, oil, STOCK)
    add_stock(orm, lysine, STOCK, lot)
    # the stock moves 1-6 above are the inventory adjustments; ordered as in the recordings
    two = ((corn, 700.0, kg), (sbm, 300.0, kg))
    broiler = new_bom(
        orm,
        starter,
        "BRS-KG",
        1000,
        kg,
        ((corn, 600, kg), (sbm, 300, kg), (premix, 5000, g), (oil, 20, litre), (molasses, 75, kg)),
    )
    sow_bom = new_bom(orm, sow, "SOW-1T", 1, t, two)
    strict = new_bom(orm, grower, "GRW-STRICT", 1000, kg, two, "strict")
    flexible = new_bom(orm, layer, "LAY-FLEX", 1000, kg, two, "flexible")
    warning = new_bom(orm, wean, "WEAN-WARN", 1000, kg, two)
    lys = new_bom(orm, booster, "LYS-LOT", 1000, kg, ((corn, 950, kg), (lysine, 50, kg)))
    byp = new_bom(
        orm, pellet, "PEL-BYP", 1000, kg, ((corn, 1000, kg),), byproducts=((dust, 20, kg),)
    )

    def mo(product: int, bom: int, qty: float, when: str) -> int:
        return orm.create_production(product, bom, qty, planned_at(when))

    mo(starter, broiler, 1000, "2026-12-01 06:10:00")  # 1 F_KG: kg, g and L components
    mo(sow, sow_bom, 2, "2026-12-01 06:20:00")  # 2 F_T: 2 t
    mo(booster, lys, 1000, "2026-12-01 06:30:00")  # 3 F_LOT: reserved with the lot
    mo(pellet, byp, 1000, "2026-12-01 06:40:00")  # 4 F_BYP
    part = mo(starter, broiler, 1000, "2026-12-01 06:50:00")  # 5 F_PART
    orm.set_done(orm.raw_moves(part)[0], 300.0, True if orm.version >= 17 else None)
    orm.recompute_state(part)
    cancel = mo(starter, broiler, 1000, "2026-12-01 07:00:00")  # 6 F_CANCEL
    molasses_move = orm.raw_moves(cancel)[-1]
    if orm.version <= 17:
        molasses_move["state"] = (
            "cancel"  # forced by a stock.move write (deleting is refused on 16)
        )
    else:
        orm.unlink_move(molasses_move["id"])  # mrp.production write (2, move): 18+ delete it
    original = mo(wean, warning, 1000, "2026-12-01 07:10:00")  # 7 F_BO_ORIG
    _produce(orm, original, 400.0, (280.0, 120.0))
    orm.clock = lambda: planned_at(BACKORDER_CREATED[min(max(orm.version, 16), 19)])
    orm.wizard_button(
        "mrp.production.backorder",
        "action_backorder",
        [
            orm.create(
                "mrp.production.backorder",
                {"mrp_production_ids": [original]},
                _backorder_ctx(original),
            )
        ],
        {},
    )
    back = max(orm.records["mrp.production"])  # 8 F_BO_BACK: 100 kg producing, 70 kg corn
    _produce(orm, back, 100.0, (70.0,))
    orm.clock = _now
    for minute in (20, 30, 40, 50):  # 9 R_WARN, 10 R_STRICT, 11 R_FLEX, 12 R_BO_CLOSE
        bom = {20: warning, 30: strict, 40: flexible, 50: warning}[minute]
        product = {20: wean, 30: grower, 40: layer, 50: wean}[minute]
        mo(product, bom, 1000, f"2026-12-01 07:{minute}:00")
    mo(wean, warning, 1000, "2026-12-01 08:00:00")  # 13 R_BO_BACK
    mo(wean, warning, 1000, "2026-12-01 08:10:00")  # 14 R_NOTHING
    cancelled = mo(wean, warning, 1000, "2026-12-01 08:20:00")  # 15 R_CANCELLED
    orm.action_cancel([cancelled])
    lot_mo = mo(booster, lys, 1000, "2026-12-01 08:30:00")  # 16 R_LOT, unreserved
    for move in orm.raw_moves(lot_mo):
        orm.unreserve(move)
    mo(wean, warning, 1000, "2026-12-01 08:40:00")  # 17 R_NORIGHTS
    lys0 = new_bom(orm, booster, "LYS0-LOT", 1000, kg, ((corn, 950, kg), (lysine0, 50, kg)))
    if orm.version >= 17:
        mo(booster, lys0, 1000, "2026-12-02 06:00:00")  # 18 R_LOT0
    if orm.version >= 19:
        mo(wean, warning, 1000, "2026-12-03 06:00:00")  # 19, 20: the JSON-2 reports
        mo(wean, warning, 1000, "2026-12-03 06:10:00")


def lot_orders_16(orm: ProductionOrm) -> tuple[int, int]:
    """Odoo 16's lot scenarios used two MOs made after the backorder scenario: R_LOT0 (19)
    and an unreserved LYS-LOT MO (20). Returns their ids."""
    booster = orm.product_by_ref("FG-LY")
    lys0 = next(b for b, r in orm.records["mrp.bom"].items() if r["code"] == "LYS0-LOT")
    lys = next(b for b, r in orm.records["mrp.bom"].items() if r["code"] == "LYS-LOT")
    missing = orm.create_production(booster, lys0, 1000, planned_at("2026-12-02 06:00:00"))
    auto = orm.create_production(booster, lys, 1000, planned_at("2026-12-02 06:10:00"))
    for move in orm.raw_moves(auto):
        orm.unreserve(move)
    return missing, auto


def _produce(orm: ProductionOrm, mo_id: int, qty: float, consumed: tuple[float, ...]) -> None:
    orm.records["mrp.production"][mo_id]["qty_producing"] = qty
    for move, done in zip(orm.raw_moves(mo_id), consumed, strict=False):
        orm.set_done(move, done, True if orm.version >= 17 else None)
    orm.recompute_state(mo_id)


def _backorder_ctx(mo_id: int) -> dict[str, object]:
    return {
        "default_mrp_production_ids": [mo_id],
        "default_mrp_production_backorder_line_ids": [
            [0, 0, {"mrp_production_id": mo_id, "to_backorder": True}]
        ],
    }


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)
