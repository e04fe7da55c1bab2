"""Batch lifecycle states and the transitions DESIGN.md §3 allows."""

from __future__ import annotations

from enum import StrEnum

from hmi.domain.errors import InvalidTransition


class BatchState(StrEnum):
    """Where a batch is in its life, from committed to archived."""

    QUEUED = "queued"  # committed locally, not yet on the PLC
    SENT = "sent"  # written to its PLC slot
    RUNNING = "running"  # the PLC reports progress
    FINISHED = "finished"  # PLC finished, actuals stored and acknowledged
    REPORTED = "reported"  # Odoo accepted the consumption and the MO is done
    FAILED = "failed"  # PLC status_operation=1; operator retries or cancels
    NEEDS_ATTENTION = "needs_attention"  # Odoo refused the report; operator must act
    CANCELLED = "cancelled"  # operator cancelled it, with who and why


ALLOWED: dict[BatchState, frozenset[BatchState]] = {
    BatchState.QUEUED: frozenset({BatchState.SENT, BatchState.CANCELLED}),
    BatchState.SENT: frozenset(
        {BatchState.RUNNING, BatchState.FINISHED, BatchState.FAILED, BatchState.CANCELLED}
    ),
    BatchState.RUNNING: frozenset({BatchState.FINISHED, BatchState.FAILED, BatchState.CANCELLED}),
    BatchState.FINISHED: frozenset(
        {BatchState.REPORTED, BatchState.NEEDS_ATTENTION, BatchState.CANCELLED}
    ),
    BatchState.NEEDS_ATTENTION: frozenset(
        {BatchState.FINISHED, BatchState.REPORTED, BatchState.CANCELLED}
    ),
    BatchState.FAILED: frozenset({BatchState.SENT, BatchState.CANCELLED}),
    BatchState.REPORTED: frozenset(),
    BatchState.CANCELLED: frozenset(),
}

#: States in which the PLC may still be working on the batch.
ON_PLC = frozenset({BatchState.SENT, BatchState.RUNNING})
#: States that end a batch's stay in `mo_batch` (it is archived).
TERMINAL = frozenset({BatchState.REPORTED, BatchState.CANCELLED})


def check_transition(current: BatchState, new: BatchState) -> BatchState:
    """Return `new` if a batch in `current` may move to it, else raise InvalidTransition."""
    if current == new or new in ALLOWED[current]:
        return new
    raise InvalidTransition(f"a batch cannot go from {current.value} to {new.value}")
