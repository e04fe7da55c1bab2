"""Batch lifecycle transitions follow DESIGN.md §3."""

import itertools
from decimal import Decimal as D

import pytest

from hmi.domain import BatchState, InvalidTransition, check_transition
from hmi.domain.messages import msg
from hmi.domain.produced import ProducedPolicy, produced_quantity


def test_happy_path_is_allowed() -> None:
    path = [BatchState.QUEUED, BatchState.SENT, BatchState.RUNNING, BatchState.FINISHED]
    for current, new in itertools.pairwise(path):
        assert check_transition(current, new) is new
    assert check_transition(BatchState.FINISHED, BatchState.REPORTED) is BatchState.REPORTED


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (BatchState.QUEUED, BatchState.FINISHED),
        (BatchState.REPORTED, BatchState.QUEUED),
        (BatchState.CANCELLED, BatchState.SENT),
        (BatchState.RUNNING, BatchState.REPORTED),
    ],
)
def test_forbidden_transitions_raise(current: BatchState, new: BatchState) -> None:
    with pytest.raises(InvalidTransition, match=f"from {current.value} to {new.value}"):
        check_transition(current, new)


def test_missing_finished_weight_uses_sum_of_actuals_with_note() -> None:
    kg, note = produced_quantity(D("0"), actual_total_kg=D("831.00"), planned_kg=D("1000.00"))
    assert kg == 831.0
    assert note is not None
    assert "finished weight missing" in str(note)


def test_planned_policy_and_real_weight() -> None:
    assert produced_quantity(None, D(831), D(1000), ProducedPolicy.PLANNED)[0] == D("1000.00")
    assert produced_quantity(D("570.005"), D(831), D(1000)) == (D("570.01"), None)
    assert produced_quantity(D("NaN"), D("831.5"), D(1000)) == (
        D("831.50"),
        msg("produced.sum_of_actuals"),
    )
