"""MO → batch mapping: what the HMI accepts from Odoo, and why it refuses the rest.

Units, states and quantities are Odoo's own field values as the recordings of real Odoo
16–19 show them (`data/odoo-recordings/`, Odoo 17 `uom.uom` ids): kg (reference), g (factor
1000 → 0.001 kg), t (factor 0.001 → 1000 kg), L (category Volume), rounding 0.01.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from hmi.domain.equipment import load_equipment_table, parse_equipment_table
from hmi.domain.mapping import (
    MAX_QUANTITY_KG,
    ByproductPolicy,
    InProgressPolicy,
    MappingRules,
    NamePolicy,
    TrackedPolicy,
    WorkorderPolicy,
    fit_name,
    map_orders,
    transliterate,
)
from hmi.domain.messages import render
from hmi.domain.model import Batch, ManufacturingOrder, MoComponent
from hmi.domain.states import BatchState
from hmi.domain.units import Uom, UomKind
from hmi.resources import resource_path

KG = Uom(12, "kg", UomKind.WEIGHT, Decimal(1), Decimal("0.01"))
GRAM = Uom(13, "g", UomKind.WEIGHT, Decimal("0.001"), Decimal("0.01"))
TONNE = Uom(14, "t", UomKind.WEIGHT, Decimal(1000), Decimal("0.01"))
LITRE = Uom(10, "L", UomKind.VOLUME, Decimal(1), Decimal("0.01"))
UNITS = Uom(1, "Units", UomKind.OTHER, Decimal(1), Decimal(1))
#: The plant's table: molasses (114) 1.40 kg/L and FML (115) 0.92 kg/L have densities.
TABLE = load_equipment_table(resource_path("equipment.toml"))
D = Decimal


def component(
    move_id: int,
    ref: str | None,
    quantity: float | str,
    name: str = "Material",
    uom: Uom = KG,
    **changes: object,
) -> MoComponent:
    """A raw move as the Odoo link reads it (quantity as Odoo's JSON float, in `uom`)."""
    base = MoComponent(
        move_id=move_id,
        product_id=move_id + 100,
        product_ref=ref,
        product_name=name,
        quantity=D(repr(quantity) if isinstance(quantity, float) else quantity),
        uom=uom,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def order(mo_id: int = 7, **changes: object) -> ManufacturingOrder:
    """A confirmed 2 000 kg MO whose three components add up to it."""
    base = ManufacturingOrder(
        mo_id=mo_id,
        name=f"WH/MO/{mo_id:05d}",
        state="confirmed",
        product_id=1,
        product_name="Broiler Starter",
        bom_id=3,
        bom_name="BOM-BRST",
        quantity=D(2000),
        planned_start=datetime(2024, 5, 1, 6, tzinfo=UTC),
        components=(
            component(11, "RM-CORN", 1100.0, "Yellow corn"),
            component(12, "RM-SBM46", 600.004, "Soybean meal"),
            component(13, "RM-MOLASSES", 300.0, "Molasses"),
        ),
        uom=KG,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def mapped(mo: ManufacturingOrder, **rules: object) -> Batch:
    batches, refusals = map_orders([mo], TABLE, rules=MappingRules(**rules))  # type: ignore[arg-type]
    assert refusals == [], [str(r.reason) for r in refusals]
    return batches[0]


def reason_of(mo: ManufacturingOrder, table=TABLE, **kwargs: object) -> str:
    """The English refusal; also checks that it names the MO and renders in Indonesian."""
    ids = {k: kwargs.pop(k) for k in ("queued_ids", "archived_ids") if k in kwargs}
    batches, refusals = map_orders([mo], table, rules=MappingRules(**kwargs), **ids)  # type: ignore[arg-type]
    assert batches == []
    assert len(refusals) == 1
    refusal = refusals[0]
    assert (refusal.mo_id, refusal.mo_name, refusal.write_date) == (mo.mo_id, mo.name, None)
    for reason in refusal.reasons:
        assert str(reason).startswith(f"{mo.name}: ")  # each reason names the MO
        indonesian = render(reason, "id")
        assert indonesian.startswith(f"{mo.name}: ")
        assert "{" not in indonesian
    return str(refusal.reason)


def planned(batch: Batch) -> list[tuple[int, Decimal]]:
    return [(line.equipment_id, line.planned_kg) for line in batch.lines]


# --- good orders --------------------------------------------------------------------------


def test_good_orders_become_queued_batches_in_order() -> None:
    batches, refusals = map_orders([order(9), order(4)], TABLE)
    assert refusals == []
    assert [b.mo_id for b in batches] == [9, 4]
    batch = batches[0]
    assert (batch.slot, batch.state, batch.consumption) == (0, BatchState.QUEUED, "warning")
    assert (batch.mo_name, batch.bom_name, batch.product_name) == (
        "WH/MO/00009",
        "BOM-BRST",
        "Broiler Starter",
    )
    assert batch.quantity_kg == D("2000.00")
    assert [
        (line.equipment_id, line.move_id, line.product_ref, line.planned_kg, line.consumed_kg)
        for line in batch.lines
    ] == [
        (101, 11, "RM-CORN", D("1100.00"), 0),
        (103, 12, "RM-SBM46", D("600.00"), 0),
        (114, 13, "RM-MOLASSES", D("300.00"), 0),
    ]
    assert batch.lines[0].product_id == 111
    assert all(isinstance(line.planned_kg, Decimal) for line in batch.lines)


def test_only_bad_orders_are_refused() -> None:
    bad = order(5, components=(component(1, "RM-NOPE", 10.0),))
    batches, refusals = map_orders([order(1), bad, order(2)], TABLE)
    assert [b.mo_id for b in batches] == [1, 2]
    assert [r.mo_id for r in refusals] == [5]


@pytest.mark.parametrize(("value", "hundredths"), [(1.005, 101), (2.675, 268)])
def test_binary_floats_round_once_half_up(value: float, hundredths: int) -> None:
    """1.005 and 2.675 are 1.00499… and 2.67499… as floats: still 1.01 and 2.68 kg."""
    mo = order(
        quantity=D(repr(1000 + value)),
        components=(component(1, "RM-CORN", 1000.0), component(2, "RM-PREMIX", value)),
    )
    batch = mapped(mo)
    assert batch.lines[1].planned_kg == D(hundredths) / 100
    assert batch.quantity_kg == D(100_000 + hundredths) / 100


# --- units --------------------------------------------------------------------------------


def test_an_order_in_tonnes_with_components_in_kg() -> None:
    """Recorded MO 2 (SOW-1T): 2 t, 1 400 kg corn + 600 kg SBM → 2 000 kg, not 2 kg."""
    mo = order(
        quantity=D("2.0"),
        uom=TONNE,
        components=(component(13, "RM-CORN", 1400.0), component(14, "RM-SBM46", 600.0)),
    )
    batch = mapped(mo)
    assert batch.quantity_kg == D("2000.00")
    assert planned(batch) == [(101, D("1400.00")), (103, D("600.00"))]


def test_components_adding_up_to_2000_kg_on_an_order_of_2_kg_are_refused() -> None:
    mo = order(quantity=D(2), components=order().components)
    reason = reason_of(mo)
    assert "the components add up to 2,000.00 kg, the order says 2 kg = 2.00 kg" in reason
    assert "more than 1 % apart" in reason


def test_the_sum_tolerance_is_a_setting() -> None:
    mo = order(quantity=D(2030))  # components: 2 000.00 kg, 1.5 % short
    assert "more than 1 % apart" in reason_of(mo)
    assert mapped(mo, sum_tolerance_pct=D(2)).quantity_kg == D("2030.00")


def test_a_premix_in_grams_goes_to_the_plc_in_kg() -> None:
    """2 500 g of premix on a 1 000 kg MO is 2.50 kg, never 2 500 kg."""
    mo = order(
        quantity=D(1000),
        components=(
            component(1, "RM-CORN", 997.5),
            component(2, "RM-PREMIX", 2500.0, "Premix", GRAM),
        ),
    )
    assert planned(mapped(mo)) == [(101, D("997.50")), (113, D("2.50"))]


def test_mixed_units_with_a_density_for_the_litres() -> None:
    """Recorded BRS-KG: 600 kg corn, 300 kg SBM, 5 000 g premix, 20 L oil, 75 kg molasses."""
    mo = order(
        quantity=D(1000),
        components=(
            component(7, "RM-CORN", 600.0),
            component(8, "RM-SBM46", 300.0),
            component(9, "RM-PREMIX", 5000.0, "Premix", GRAM),
            component(10, "RM-FML", 20.0, "Fish oil", LITRE),
            component(11, "RM-MOLASSES", 75.0),
        ),
    )
    batch = mapped(mo)
    assert planned(batch) == [
        (101, D("600.00")),
        (103, D("300.00")),
        (113, D("5.00")),
        (115, D("18.40")),  # 20 L × 0.92 kg/L
        (114, D("75.00")),
    ]
    assert batch.planned_total_kg == D("998.40")  # within 1 % of 1 000 kg


def test_litres_without_a_density_are_refused_naming_the_component_and_unit() -> None:
    table = parse_equipment_table(
        '[[equipment]]\nid = 101\nname = "Silo 1"\nkind = "silo"\nproduct_ref = "RM-CORN"\n'
        '[[equipment]]\nid = 114\nname = "Molasses tank"\nkind = "liquid"\n'
        'product_ref = "RM-MOLASSES"\n',
        "test",
    )
    mo = order(
        quantity=D(1000),
        components=(
            component(1, "RM-CORN", 972.0),
            component(2, "RM-MOLASSES", 20.0, "Cane molasses", LITRE),
        ),
    )
    reason = reason_of(mo, table)
    assert (
        "WH/MO/00007: component RM-MOLASSES Cane molasses is counted in L, a volume, and no "
        "density is configured for Molasses tank: add density_kg_per_l to the equipment table"
    ) in reason
    assert planned(mapped(mo)) == [(101, D("972.00")), (114, D("28.00"))]  # 1.40 kg/L


def test_units_that_are_neither_weight_nor_volume_are_refused() -> None:
    mo = order(components=(*order().components[:2], component(3, "RM-LIME", 300, "Lime", UNITS)))
    assert "component RM-LIME Lime is counted in Units, which is neither" in reason_of(mo)
    assert "the order is counted in L, which is not a weight" in reason_of(order(uom=LITRE))


# --- quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize(("quantity", "kg"), [("0", "0.00"), ("-5", "-5.00"), ("0.004", "0.00")])
def test_component_quantity_not_positive(quantity: str, kg: str) -> None:
    mo = order(components=(*order().components[:2], component(3, "RM-LIME", quantity, "Lime")))
    reason = reason_of(mo, sum_tolerance_pct=D(100))
    assert f"component RM-LIME Lime has {kg} kg to dose (must be more than 0)" in reason


def test_order_quantity_not_positive() -> None:
    assert "the quantity to produce is 0 kg (must be more than 0)" in reason_of(
        order(quantity=D(0))
    )


def test_an_order_larger_than_the_mixer_is_refused() -> None:
    reason = reason_of(order(), max_batch_kg=D(1500))
    assert (
        "2,000.00 kg to produce is more than the line's largest batch (1,500.00 kg, setting "
        "max_batch_kg): split the order in Odoo"
    ) in reason
    assert mapped(order(), max_batch_kg=D(2000)).quantity_kg == D("2000.00")


def test_quantities_beyond_the_plc_field_are_refused() -> None:
    """An i16 of kg × 100 holds 327.67 kg: the register map's limit, not the u32 default."""
    reason = reason_of(order(), field_limit_kg=D("327.67"))
    assert "2,000.00 kg to produce is more than the PLC field holds (327.67 kg)" in reason
    assert "component RM-CORN Yellow corn 1,100.00 kg is more than the PLC field holds" in reason
    huge = order(quantity=MAX_QUANTITY_KG + 1, components=(component(1, "RM-CORN", "4e7"),))
    assert "more than the PLC field holds (42,949,672.95 kg)" in reason_of(
        huge, max_batch_kg=D("1e9"), sum_tolerance_pct=D(100)
    )


# --- components: references and equipment -------------------------------------------------


def test_component_without_silo() -> None:
    mo = order(
        components=(component(1, "RM-CORN", 10.0), component(2, "RM-SAWDUST", 5.0, "Sawdust"))
    )
    assert "no silo or tank holds RM-SAWDUST Sawdust: add it to the equipment table" in (
        reason_of(mo)
    )


def test_component_without_internal_reference() -> None:
    mo = order(components=(component(1, None, 10.0, "Mystery meal"),))
    assert "component 'Mystery meal' has no internal reference in Odoo" in reason_of(mo)


def test_two_components_on_one_silo() -> None:
    mo = order(
        components=(component(1, "RM-CORN", 10.0, "Corn"), component(2, "rm-corn", 5.0, "Again"))
    )
    assert "two components on Silo 1 (101): RM-CORN Corn and rm-corn Again" in reason_of(mo)


def test_no_components() -> None:
    assert "has no component left to dose" in reason_of(order(components=()))


def test_already_queued_or_archived() -> None:
    assert "already in the queue" in reason_of(order(7), queued_ids={7})
    assert "already reported or cancelled on this line" in reason_of(order(7), archived_ids=[7])


def test_reasons_are_collected_together() -> None:
    mo = order(quantity=D(-1), components=(component(1, "RM-X", 1.0),))
    reason = reason_of(mo, queued_ids={7})
    assert "already in the queue" in reason
    assert "RM-X" in reason
    assert "the quantity to produce is -1 kg" in reason


# --- move and order states ----------------------------------------------------------------


def test_cancelled_moves_are_skipped() -> None:
    """Recorded F_CANCEL on 16: the molasses move stays with state 'cancel'."""
    mo = order(
        quantity=D(1700),
        components=(
            *order().components[:2],
            component(13, "RM-MOLASSES", 300.0, "Molasses", state="cancel"),
        ),
    )
    assert [line.move_id for line in mapped(mo).lines] == [11, 12]


def in_progress(**changes: object) -> ManufacturingOrder:
    """Recorded F_PART: 1 000 kg, 300 of 600 kg corn consumed (picked), state progress."""
    base = order(
        5,
        state="progress",
        quantity=D(1000),
        components=(
            component(22, "RM-CORN", 600.0, "Corn", consumed=D(300), state="partially_available"),
            component(23, "RM-SBM46", 300.0, "SBM"),
            component(24, "RM-PREMIX", 5000.0, "Premix", GRAM),
            component(26, "RM-MOLASSES", 95.0, "Molasses"),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_order_in_progress_is_refused_by_default_with_what_odoo_has() -> None:
    reason = reason_of(in_progress())
    assert "WH/MO/00005: Odoo has already started it (300 kg of RM-CORN Corn already consumed)" in (
        reason
    )
    assert "in_progress_policy = refuse" in reason


def test_an_order_in_progress_doses_only_the_remainder_under_that_policy() -> None:
    batch = mapped(in_progress(), in_progress=InProgressPolicy.REMAINDER)
    assert batch.quantity_kg == D("1000.00")
    assert [(ln.move_id, ln.planned_kg, ln.consumed_kg) for ln in batch.lines] == [
        (22, D("300.00"), D("300.00")),  # never dosed again: only the 300 kg left
        (23, D("300.00"), D(0)),
        (24, D("5.00"), D(0)),
        (26, D("95.00"), D(0)),
    ]


def test_done_moves_are_never_dosed_or_written_again() -> None:
    mo = in_progress(
        components=(
            component(22, "RM-CORN", 600.0, "Corn", state="done", consumed=D(600)),
            *in_progress().components[1:],
        )
    )
    assert "RM-CORN Corn already consumed in full" in reason_of(mo)
    batch = mapped(mo, in_progress=InProgressPolicy.REMAINDER)
    assert [line.move_id for line in batch.lines] == [23, 24, 26]
    assert batch.quantity_kg == D("1000.00")


def test_an_order_with_quantity_produced_doses_what_is_left_to_produce() -> None:
    """400 of 1 000 kg produced on an earlier step; its moves for 400 kg are done."""
    mo = order(
        8,
        state="progress",
        quantity=D(1000),
        qty_produced=D(400),
        components=(
            component(30, "RM-CORN", 280.0, "Corn", state="done", consumed=D(280)),
            component(31, "RM-SBM46", 120.0, "SBM", state="done", consumed=D(120)),
            component(37, "RM-CORN", 420.0, "Corn", consumed=D(70)),
            component(38, "RM-SBM46", 180.0, "SBM"),
        ),
    )
    reason = reason_of(mo)
    assert "400 kg already produced" in reason
    assert "70 kg of RM-CORN Corn already consumed" in reason
    batch = mapped(mo, in_progress=InProgressPolicy.REMAINDER)
    assert batch.quantity_kg == D("600.00")
    assert [(ln.move_id, ln.planned_kg, ln.consumed_kg) for ln in batch.lines] == [
        (37, D("350.00"), D("70.00")),
        (38, D("180.00"), D(0)),
    ]


@pytest.mark.parametrize("state", ["draft", "done", "cancel", "to_close"])
def test_orders_in_other_states_are_refused(state: str) -> None:
    assert f"is '{state}' in Odoo; only confirmed or in-progress orders are queued" in (
        reason_of(order(state=state))
    )


def test_by_products_are_refused_unless_odoo_books_them() -> None:
    mo = order(byproduct_count=1)
    assert "has 1 by-product(s); the HMI reports no by-product quantity" in reason_of(mo)
    assert mapped(mo, byproducts=ByproductPolicy.ODOO_BOOKS).mo_id == 7


def test_lot_tracked_components_and_products_are_refused_unless_odoo_assigns_lots() -> None:
    """Recorded F_LOT: RM-LYS tracked by lot; 17/18 refuse mark-done without a lot."""
    lysine = component(2, "RM-SBM46", 600.004, "Lysine", tracking="lot")
    mo = order(components=(order().components[0], lysine, order().components[2]))
    assert "component RM-SBM46 Lysine is tracked by lot; the HMI gives Odoo no lot" in (
        reason_of(mo)
    )
    assert "the product Broiler Starter is tracked by serial number" in reason_of(
        order(tracking="serial")
    )
    assert mapped(mo, tracked=TrackedPolicy.ODOO_ASSIGNS).mo_id == 7


def test_open_work_orders_are_refused_unless_odoo_finishes_them() -> None:
    mo = order(open_workorder_count=2)
    assert "has 2 open work order(s) that Odoo wants processed first" in reason_of(mo)
    assert mapped(mo, workorders=WorkorderPolicy.ODOO_FINISHES).mo_id == 7


def test_the_boms_consumption_mode_is_carried_on_the_batch() -> None:
    for mode in ("strict", "warning", "flexible"):
        assert mapped(order(consumption=mode)).consumption == mode


def test_a_refusal_keeps_odoos_write_date() -> None:
    changed = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    _, refusals = map_orders([order(byproduct_count=1, write_date=changed)], TABLE)
    assert refusals[0].write_date == changed


def test_rules_have_a_fingerprint_that_changes_with_them_and_the_table() -> None:
    rules = MappingRules()
    assert rules.fingerprint(TABLE) == MappingRules().fingerprint(TABLE)
    assert rules.fingerprint(TABLE) != MappingRules(max_batch_kg=D(10)).fingerprint(TABLE)
    smaller = replace(TABLE, entries=TABLE.entries[:-1])
    assert rules.fingerprint(TABLE) != rules.fingerprint(smaller)


# --- names for the PLC --------------------------------------------------------------------


def test_long_name_is_refused_showing_what_would_be_written() -> None:
    reason = reason_of(order(product_name="Broiler Starter Crumble"))
    assert (
        "the product name 'Broiler Starter Crumble' has 23 characters (the PLC field holds 16)"
        in reason
    )
    assert "would be written as 'Broiler Starter '" in reason


def test_non_ascii_name_is_refused_unless_transliteration_is_allowed() -> None:
    mo = order(bom_name="Pakan Ayam Müde")
    reason = reason_of(mo)
    assert "is not plain ASCII" in reason
    assert "'Pakan Ayam Mude'" in reason
    assert mapped(mo, name_policy=NamePolicy.TRANSLITERATE).bom_name == "Pakan Ayam Mude"
    assert "not plain ASCII" in reason_of(mo, name_policy=NamePolicy.TRUNCATE)


def test_truncate_policy_cuts_ascii_names() -> None:
    mo = order(product_name="Broiler Starter Crumble")
    assert mapped(mo, name_policy=NamePolicy.TRUNCATE).product_name == "Broiler Starter "
    assert "has 23 characters" in reason_of(mo, name_policy=NamePolicy.TRANSLITERATE)


def test_transliterate_truncate_does_both() -> None:
    mo = order(product_name="Größere Mischung für Schweine")
    batch = mapped(mo, name_policy=NamePolicy.TRANSLITERATE_TRUNCATE)
    assert batch.product_name == "Grossere Mischun"


def test_untransliterable_names_stay_refused() -> None:
    text, reason = fit_name("mo_name", "饲料/001", NamePolicy.TRANSLITERATE_TRUNCATE)
    assert text is None
    assert reason is not None
    assert "'??/001'" in str(reason)


def test_transliterate_and_custom_length() -> None:
    assert transliterate("Crème brûlée – 5°") == "Creme brulee - 5o"
    assert mapped(order(), text_length=40).mo_name == "WH/MO/00007"
    assert "holds 8" in reason_of(order(), text_length=8)
