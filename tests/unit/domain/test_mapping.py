"""MO → batch mapping: good MOs become queued batches, each bad input refuses its MO whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from hmi.domain.equipment import load_equipment_table
from hmi.domain.mapping import MAX_QUANTITY_KG, NamePolicy, fit_name, map_orders, transliterate
from hmi.domain.model import ManufacturingOrder, MoComponent
from hmi.domain.states import BatchState
from hmi.resources import resource_path

TABLE = load_equipment_table(resource_path("equipment.toml"))


def component(move_id: int, ref: str | None, kg: float, name: str = "Material") -> MoComponent:
    return MoComponent(
        move_id=move_id,
        product_id=move_id + 100,
        product_ref=ref,
        product_name=name,
        quantity=Decimal(str(kg)),
    )


def order(mo_id: int = 7, **changes: object) -> ManufacturingOrder:
    base = ManufacturingOrder(
        mo_id=mo_id,
        name=f"WH/MO/{mo_id:05d}",
        state="confirmed",
        product_id=1,
        product_name="Broiler Starter",
        bom_id=3,
        bom_name="BOM-BRST",
        quantity=Decimal(2000),
        planned_start=datetime(2024, 5, 1, 6, tzinfo=UTC),
        components=(
            component(11, "RM-CORN", 1100.0, "Yellow corn"),
            component(12, "RM-SBM46", 600.004, "Soybean meal"),
            component(13, "RM-MOLASSES", 300.0, "Molasses"),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def reason_of(mo: ManufacturingOrder, **kwargs: object) -> str:
    batches, refusals = map_orders([mo], TABLE, **kwargs)  # type: ignore[arg-type]
    assert batches == []
    assert len(refusals) == 1
    assert refusals[0].mo_id == mo.mo_id
    assert refusals[0].reason.startswith(f"MO {mo.name}: ")
    return refusals[0].reason


def test_good_orders_become_queued_batches_in_order() -> None:
    batches, refusals = map_orders([order(9), order(4)], TABLE)
    assert refusals == []
    assert [b.mo_id for b in batches] == [9, 4]
    batch = batches[0]
    assert (batch.slot, batch.state) == (0, BatchState.QUEUED)
    assert (batch.mo_name, batch.bom_name, batch.product_name) == (
        "WH/MO/00009",
        "BOM-BRST",
        "Broiler Starter",
    )
    assert [
        (line.equipment_id, line.move_id, line.product_ref, line.planned_kg) for line in batch.lines
    ] == [
        (101, 11, "RM-CORN", 1100.0),
        (103, 12, "RM-SBM46", 600.0),
        (114, 13, "RM-MOLASSES", 300.0),
    ]
    assert batch.lines[0].product_id == 111


def test_only_bad_orders_are_refused() -> None:
    bad = order(5, components=(component(1, "RM-NOPE", 10.0),))
    batches, refusals = map_orders([order(1), bad, order(2)], TABLE)
    assert [b.mo_id for b in batches] == [1, 2]
    assert [r.mo_id for r in refusals] == [5]


def test_component_without_silo() -> None:
    mo = order(
        components=(component(1, "RM-CORN", 10.0), component(2, "RM-SAWDUST", 5.0, "Sawdust"))
    )
    assert "no silo or tank holds RM-SAWDUST Sawdust" in reason_of(mo)


def test_component_without_internal_reference() -> None:
    mo = order(components=(component(1, None, 10.0, "Mystery meal"),))
    assert "component 'Mystery meal' has no internal reference" in reason_of(mo)


def test_two_components_on_one_silo() -> None:
    mo = order(
        components=(
            component(1, "RM-CORN", 10.0, "Corn"),
            component(2, "rm-corn", 5.0, "Corn again"),
        )
    )
    assert "two components on Silo 1 (101): RM-CORN Corn and rm-corn Corn again" in reason_of(mo)


@pytest.mark.parametrize("kg", [0.0, -5.0, 0.004, float("nan")])
def test_component_quantity_not_positive(kg: float) -> None:
    mo = order(components=(component(1, "RM-CORN", kg, "Corn"),))
    reason = reason_of(mo)
    assert "planned quantity of RM-CORN Corn" in reason
    assert "must be more than 0" in reason or "not a number" in reason


def test_component_quantity_beyond_register_range() -> None:
    mo = order(components=(component(1, "RM-CORN", MAX_QUANTITY_KG + 1, "Corn"),))
    assert "beyond the PLC register's range (max 42,949,672.95 kg)" in reason_of(mo)
    small = order(components=(component(1, "RM-CORN", 600.0, "Corn"),))
    assert "max 500.00 kg" in reason_of(small, max_quantity_kg=500.0)


def test_order_quantity_not_positive() -> None:
    assert "quantity to produce is 0 kg" in reason_of(order(quantity=Decimal(0)))


def test_no_components() -> None:
    assert "has no components" in reason_of(order(components=()))


def test_already_queued_or_archived() -> None:
    assert "already in the queue" in reason_of(order(7), queued_ids={7})
    assert "already archived as reported or cancelled" in reason_of(order(7), archived_ids=[7])


def test_reasons_are_collected_together() -> None:
    mo = order(quantity=Decimal(-1), components=(component(1, "RM-X", 1.0),))
    reason = reason_of(mo, queued_ids={7})
    assert "already in the queue" in reason
    assert "RM-X" in reason
    assert "quantity to produce" in reason


def test_long_name_is_refused_showing_what_would_be_written() -> None:
    mo = order(product_name="Broiler Starter Crumble")
    reason = reason_of(mo)
    assert (
        "product name 'Broiler Starter Crumble' has 23 characters (the PLC field holds 16)"
        in reason
    )
    assert "would be written as 'Broiler Starter '" in reason


def test_non_ascii_name_is_refused_unless_transliteration_is_allowed() -> None:
    mo = order(bom_name="Pakan Ayam Müde")
    reason = reason_of(mo)
    assert "is not plain ASCII" in reason
    assert "'Pakan Ayam Mude'" in reason
    batches, _ = map_orders([mo], TABLE, name_policy=NamePolicy.TRANSLITERATE)
    assert batches[0].bom_name == "Pakan Ayam Mude"
    assert "not plain ASCII" in reason_of(mo, name_policy=NamePolicy.TRUNCATE)


def test_truncate_policy_cuts_ascii_names() -> None:
    mo = order(product_name="Broiler Starter Crumble")
    batches, refusals = map_orders([mo], TABLE, name_policy=NamePolicy.TRUNCATE)
    assert refusals == []
    assert batches[0].product_name == "Broiler Starter "
    assert "has 23 characters" in reason_of(mo, name_policy=NamePolicy.TRANSLITERATE)


def test_transliterate_truncate_does_both() -> None:
    mo = order(product_name="Größere Mischung für Schweine")
    batches, _ = map_orders([mo], TABLE, name_policy=NamePolicy.TRANSLITERATE_TRUNCATE)
    assert batches[0].product_name == "Grossere Mischun"


def test_untransliterable_names_stay_refused() -> None:
    text, reason = fit_name("MO name", "饲料/001", NamePolicy.TRANSLITERATE_TRUNCATE)
    assert text is None
    assert reason is not None
    assert "'??/001'" in reason


def test_transliterate_and_custom_length() -> None:
    assert transliterate("Crème brûlée – 5°") == "Creme brulee - 5o"
    batches, _ = map_orders([order()], TABLE, text_length=40)
    assert batches[0].mo_name == "WH/MO/00007"
    assert "holds 8" in reason_of(order(), text_length=8)
