"""Feedback against the plan: what must not be stored as a batch's actuals."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from hmi.domain.model import Batch, BatchLine, MaterialReading, SlotFeedback
from hmi.domain.plausibility import check_against_plan

BATCH = Batch(
    mo_id=7,
    mo_name="WH/MO/00017",
    bom_name="[10075] JF SUPER",
    product_name="[10075] JF SUPER",
    quantity_kg=1000.0,
    lines=(BatchLine(101, 1, 1, "RM-A", 100.0), BatchLine(114, 2, 2, "RM-OIL", 40.0)),
    slot=7,
)


def feedback(**actuals: float) -> SlotFeedback:
    """A finished slot 7 with actual kg per position (a101=..., a114=...)."""
    values = {101: 100.3, 114: 39.9} | {int(k[1:]): v for k, v in actuals.items()}
    materials = tuple(
        MaterialReading(i, eq_id, values.get(eq_id, 0.0)) for i, eq_id in enumerate(range(101, 116))
    )
    return SlotFeedback(
        slot=7,
        batch_no=7,
        mo_name="WH/MO/00017",
        bom_name="[10075] JF SUPER",
        product_name="[10075] JF SUPER",
        quantity_kg=1000.0,
        materials=materials,
        finished=True,
        failed=False,
        finished_weight_kg=140.2,
        read_flag=False,
    )


def test_plausible_feedback_has_no_problems() -> None:
    assert check_against_plan(feedback(), BATCH) == ()
    assert check_against_plan(feedback(a101=300.0), BATCH) == ()  # exactly 3 × planned


@pytest.mark.parametrize(
    ("fb", "kwargs", "problem"),
    [
        (
            feedback(a101=300.01),
            {},
            "equipment 101 actual (planned 100.00 kg) 300.01 kg is above 300.00",
        ),
        (feedback(a114=math.nan), {}, "equipment 114 actual (planned 40.00 kg) is not a number"),
        (feedback(a101=-0.5), {}, "equipment 101 actual (planned 100.00 kg) is negative"),
        (feedback(a105=12.0), {}, "equipment 105 actual (planned 0.00 kg) 12.00 kg is above 0.00"),
        (feedback(a101=150.0), {"factor": 1.2}, "120.00 kg"),
        (feedback(a101=250.0), {"max_kg": 200.0}, "250.00 kg is above 200.00 kg"),
    ],
)
def test_actual_problems(fb: SlotFeedback, kwargs: dict[str, float], problem: str) -> None:
    problems = [str(p) for p in check_against_plan(fb, BATCH, **kwargs)]
    assert len(problems) == 1
    assert problem in problems[0]
    assert problems[0].startswith("slot 7 (WH/MO/00017): ")


def test_finished_weight_problems() -> None:
    for weight, reason in [
        (3000.5, "above 3,000.00 kg"),
        (math.inf, "not a number"),
        (-1.0, "negative"),
    ]:
        found = check_against_plan(replace(feedback(), finished_weight_kg=weight), BATCH)
        problems = [str(p) for p in found]
        assert len(problems) == 1
        assert "finished weight" in problems[0]
        assert reason in problems[0]


def test_other_mo_and_missing_material() -> None:
    other = replace(feedback(), mo_name="WH/MO/00016")
    assert [str(p) for p in check_against_plan(other, BATCH)] == [
        "slot 7 (WH/MO/00017): PLC reports MO 'WH/MO/00016'",
    ]
    few = replace(feedback(), materials=feedback().materials[:5])
    assert [str(p) for p in check_against_plan(few, BATCH)] == [
        "slot 7 (WH/MO/00017): equipment 114 missing from the PLC feedback",
    ]


def test_bad_factor_is_refused() -> None:
    with pytest.raises(ValueError, match="factor"):
        check_against_plan(feedback(), BATCH, factor=0)


def test_problems_are_messages_in_the_operators_language() -> None:
    from hmi.domain.messages import render

    (problem,) = check_against_plan(feedback(a101=300.01), BATCH)
    assert render(problem, "id") == (
        "slot 7 (WH/MO/00017): aktual peralatan 101 (rencana 100,00 kg) 300,01 kg di atas 300,00 kg"
    )
