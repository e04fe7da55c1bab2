"""One exact quantity from Odoo to the PLC and back, through every border.

Odoo JSON float in its unit → mapping (rounded once, half up, to 0.01 kg) → the store
(integer hundredths) → the PLC's write words → the PLC's feedback words → the store → the
consumption report → the move's own unit. No float sits in between: what the PLC dosed is
what Odoo is told, to the hundredth.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from hmi.domain.equipment import load_equipment_table
from hmi.domain.mapping import map_orders
from hmi.domain.model import Batch, ManufacturingOrder, MoComponent
from hmi.domain.states import BatchState
from hmi.domain.units import Uom, UomKind, decimal_from_odoo, round_kg, to_kg, to_uom
from hmi.engine.complete import build_report
from hmi.plc.codec import encode_field
from hmi.plc.register_map import RegisterMap, load_register_map
from hmi.plc.slots import decode_feedback_slot, encode_write_slot
from hmi.resources import resource_path
from hmi.store import QueueRepository

KG = Uom(12, "kg", UomKind.WEIGHT, Decimal(1), Decimal("0.01"))
GRAM = Uom(13, "g", UomKind.WEIGHT, Decimal("0.001"), Decimal("0.01"))
TONNE = Uom(14, "t", UomKind.WEIGHT, Decimal(1000), Decimal("0.00001"))
LITRE = Uom(10, "L", UomKind.VOLUME, Decimal(1), Decimal("0.01"))
TABLE = load_equipment_table(resource_path("equipment.toml"))  # molasses 1.40 kg/L
REGMAP = load_register_map()
#: (internal reference, its unit, the step a user types in that unit)
MATERIALS = (
    ("RM-CORN", TONNE, Decimal("0.00001")),
    ("RM-SBM46", KG, Decimal("0.01")),
    ("RM-PREMIX", GRAM, Decimal(10)),
    ("RM-MOLASSES", LITRE, Decimal("0.01")),
)
SUITED = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def json_float(value: Decimal) -> float:
    """The number as Odoo sends it over JSON-RPC."""
    return float(value)


def odoo_order(quantities: list[Decimal], mo_uom: Uom) -> ManufacturingOrder:
    """An MO of the four materials, each `quantities[i]` in its own unit, as Odoo sends it."""
    components = tuple(
        MoComponent(
            move_id=20 + i,
            product_id=200 + i,
            product_ref=ref,
            product_name=ref,
            quantity=decimal_from_odoo(json_float(quantity)),
            uom=uom,
        )
        for i, ((ref, uom, _), quantity) in enumerate(zip(MATERIALS, quantities, strict=True))
    )
    density = Decimal("1.40")
    total = sum(
        (to_kg(c.quantity, c.uom, density if c.uom is LITRE else None) for c in components),
        Decimal(0),
    )
    return ManufacturingOrder(
        mo_id=77,
        name="WH/MO/00077",
        state="confirmed",
        product_id=1,
        product_name="Layer Mash",
        bom_id=1,
        bom_name="BRS-KG",
        quantity=decimal_from_odoo(json_float(total / mo_uom.reference_per_unit)),
        planned_start=datetime(2026, 11, 29, 6, tzinfo=UTC),
        components=components,
        uom=mo_uom,
    )


def plc_runs(batch: Batch, regmap: RegisterMap, dosed: dict[int, Decimal]) -> list[int]:
    """The feedback words of a finished slot: the write words, actuals and finished weight."""
    words = encode_write_slot(batch, regmap)
    layout = regmap.feedback.layout
    values: dict[str, object] = {"status_manufacturing": 1}
    values |= {f"material_{eq}_kg": kg for eq, kg in dosed.items()}
    values["finished_weight_kg"] = sum(dosed.values(), Decimal(0))
    for name, value in values.items():
        field = layout.field(name)
        words[field.offset : field.end] = encode_field(field, value)  # type: ignore[arg-type]
    return words


def hundredths(words: list[int], regmap: RegisterMap, name: str) -> int:
    field = regmap.write.layout.field(name)
    high, low = words[field.offset : field.end]
    return (high << 16) | low


def carry(
    repo: QueueRepository, mo: ManufacturingOrder, deltas: list[int]
) -> tuple[Batch, list[int], list[Decimal]]:
    """Run one MO through every border; return the stored batch, the PLC's write words and
    each move's reported quantity in its own unit."""
    batches, refusals = map_orders([mo], TABLE)
    assert refusals == [], [str(r.reason) for r in refusals]
    batch = replace(batches[0], slot=1)
    assert repo.fill_if_empty([batch])
    stored = repo.get(mo.mo_id)
    assert stored is not None
    assert stored.lines == batch.lines  # exact through the store
    words = encode_write_slot(stored, REGMAP)
    dosed = {
        line.equipment_id: max(Decimal("0.00"), line.planned_kg + Decimal(delta) / 100)
        for line, delta in zip(stored.lines, deltas, strict=True)
    }
    feedback = decode_feedback_slot(1, plc_runs(stored, REGMAP, dosed), REGMAP)
    read = {m.equipment_id: m.actual_kg for m in feedback.materials if m.equipment_id in dosed}
    assert read == dosed  # the PLC's hundredths, exactly
    repo.set_state(mo.mo_id, BatchState.SENT)
    finished = repo.record_actuals(
        mo.mo_id,
        read,
        state=BatchState.FINISHED,
        finished_weight_kg=feedback.finished_weight_kg,
        produced_kg=feedback.finished_weight_kg,
    )
    report = build_report(finished, TABLE)
    assert [line.quantity_kg for line in report.lines] == [
        dosed[ln.equipment_id] for ln in finished.lines
    ]
    assert report.produced_kg == sum(dosed.values(), Decimal(0))
    in_units = [
        to_uom(line.quantity_kg, c.uom, line.density_kg_per_l)
        for line, c in zip(report.lines, mo.components, strict=True)
    ]
    return finished, words, in_units


@pytest.fixture
def clear_queue(engine: Engine):  # type: ignore[no-untyped-def]
    def run() -> None:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM mo_batch"))

    return run


@SUITED
@given(
    steps=st.lists(st.integers(1, 2_000_000), min_size=4, max_size=4),
    mo_in_tonnes=st.booleans(),
)
def test_what_odoo_asked_comes_back_in_its_unit_when_dosed_exactly(
    repo: QueueRepository, clear_queue, steps: list[int], mo_in_tonnes: bool
) -> None:
    """Quantities a user types in t, kg, g and L (with the tank's density) survive the trip."""
    quantities = [n * step for n, (_, _, step) in zip(steps, MATERIALS, strict=True)]
    mo = odoo_order(quantities, TONNE if mo_in_tonnes else KG)
    try:
        batch, _, in_units = carry(repo, mo, [0, 0, 0, 0])
        for line, component in zip(batch.lines, mo.components, strict=True):
            density = Decimal("1.40") if component.uom is LITRE else None
            assert line.planned_kg == round_kg(to_kg(component.quantity, component.uom, density))
        assert in_units == [c.quantity for c in mo.components]
    finally:
        clear_queue()


@SUITED
@given(
    steps=st.lists(st.integers(1, 200_000), min_size=4, max_size=4),
    deltas=st.lists(st.integers(-50, 50), min_size=4, max_size=4),
)
def test_what_the_plc_dosed_is_what_odoo_is_told(
    repo: QueueRepository, clear_queue, steps: list[int], deltas: list[int]
) -> None:
    quantities = [n * step for n, (_, _, step) in zip(steps, MATERIALS, strict=True)]
    mo = odoo_order([q + 1 for q in quantities], KG)
    try:
        batch, _, in_units = carry(repo, mo, deltas)
        for line, value, component in zip(batch.lines, in_units, mo.components, strict=True):
            density = Decimal("1.40") if component.uom is LITRE else None
            assert value == to_uom(line.actual_kg, component.uom, density)  # type: ignore[arg-type]
    finally:
        clear_queue()


@pytest.mark.parametrize(("odoo", "plc"), [(1.005, 101), (2.675, 268)])
def test_1005_and_2675_kg_reach_the_plc_as_101_and_268_hundredths(
    repo: QueueRepository, odoo: float, plc: int
) -> None:
    """Binary floats 1.00499… and 2.67499…: rounded once, half up, on their decimal value."""
    quantities = [Decimal("0.4"), Decimal(repr(odoo)), Decimal(1000), Decimal(10)]
    mo = odoo_order(quantities, KG)
    batch, words, in_units = carry(repo, mo, [0, 0, 0, 0])
    sbm = batch.lines[1]
    assert sbm.planned_kg == Decimal(plc) / 100
    assert hundredths(words, REGMAP, f"material_{sbm.equipment_id}_kg") == plc
    assert in_units[1] == Decimal(plc) / 100  # Odoo is told 1.01 / 2.68 kg
