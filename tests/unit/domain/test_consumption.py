"""The check before reporting: a consumption the BoM does not allow is held, never reported.

Real Odoo 16–19 accept a strict BoM's off-BoM consumption through the consumption-warning
wizard over RPC (`data/odoo-recordings/*/report_strict_over.json`: 750 kg corn where the BoM
says 700 closes the MO); the HMI must hold such a batch itself.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from hmi.domain.consumption import OffBomPolicy, consumption_gaps, expected_kg, hold_reason
from hmi.domain.messages import render
from hmi.domain.model import Batch, BatchLine


def batch(consumption: str, corn: str | None, sbm: str | None = "300", **changes: object) -> Batch:
    """The recorded R_STRICT/R_WARN/R_FLEX MO: 1 000 kg = 700 kg corn + 300 kg SBM."""
    values: dict[str, object] = {
        "mo_id": 10,
        "mo_name": "WH/MO/00010",
        "bom_name": "GRW-STRICT",
        "product_name": "Grower",
        "quantity_kg": D(1000),
        "lines": (
            BatchLine(101, 51, 1, "RM-CORN", D(700), None if corn is None else D(corn)),
            BatchLine(103, 52, 2, "RM-SBM46", D(300), None if sbm is None else D(sbm)),
        ),
        "consumption": consumption,
        "produced_kg": D(1000),
    }
    values.update(changes)
    return Batch(**values)  # type: ignore[arg-type]


def test_a_strict_bom_holds_any_difference_with_both_sides() -> None:
    held = batch("strict", "750")
    reason = hold_reason(held, D(1000))
    assert reason is not None
    text = str(reason)
    assert text.startswith("WH/MO/00010: the BoM's consumption is 'strict'")
    assert "RM-CORN: Odoo 700.00 kg, PLC 750.00 kg" in text
    assert "RM-SBM46" not in text  # only what differs
    assert "Nothing was reported to Odoo" in text
    assert "Odoo 700,00 kg, PLC 750,00 kg" in render(reason, "id")


def test_a_strict_bom_dosed_exactly_is_reported() -> None:
    assert hold_reason(batch("strict", "700"), D(1000)) is None


def test_odoo_expects_the_bom_scaled_to_what_was_produced() -> None:
    """qty_producing × unit_factor: 990 kg produced expects 693 kg corn, 297 kg SBM."""
    short = batch("strict", "693", "297", produced_kg=D(990))
    assert hold_reason(short, short.produced_kg) is None
    assert expected_kg(short.lines[0], D(1000), D(990)) == D("693.00")
    gaps = consumption_gaps(short, D(1000))
    assert [(g.product_ref, g.expected_kg, g.actual_kg) for g in gaps] == [
        ("RM-CORN", D(700), D(693)),
        ("RM-SBM46", D(300), D(297)),
    ]


def test_a_missing_actual_counts_as_nothing_consumed() -> None:
    reason = hold_reason(batch("strict", "700", None), D(1000))
    assert "RM-SBM46: Odoo 300.00 kg, PLC 0.00 kg" in str(reason)


def test_consumption_before_the_batch_counts_with_the_plcs_actual() -> None:
    """An MO in progress: 300 kg corn consumed in Odoo, the PLC doses the 400 kg left."""
    line = BatchLine(101, 51, 1, "RM-CORN", D(400), D(400), consumed_kg=D(300))
    held = batch("strict", None, lines=(line, batch("strict", "0").lines[1]))
    assert hold_reason(held, D(1000)) is None
    assert line.total_actual_kg == D(700)


@pytest.mark.parametrize("mode", ["warning", "flexible"])
def test_warning_and_flexible_follow_their_policy(mode: str) -> None:
    over = batch(mode, "750")
    assert hold_reason(over, D(1000)) is None  # default: report, Odoo's wizard policy decides
    policy = {mode: OffBomPolicy.HOLD}
    reason = hold_reason(over, D(1000), **policy)  # type: ignore[arg-type]
    assert f"the BoM's consumption is '{mode}'" in str(reason)
    other = "flexible" if mode == "warning" else "warning"
    assert hold_reason(over, D(1000), **{other: OffBomPolicy.HOLD}) is None  # type: ignore[arg-type]


def test_an_unknown_mode_is_treated_as_warning() -> None:
    assert hold_reason(batch("", "750"), D(1000), warning=OffBomPolicy.HOLD) is not None
