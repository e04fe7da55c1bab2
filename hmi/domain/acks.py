"""The acknowledgement of a finished or failed PLC slot, as part of the batch life cycle.

When the HMI stores a finished (or failed) batch's actuals it records, in the same
transaction, that the slot's read flag must be set: a *pending* acknowledgement. It
outlives the batch's archive and a restart, and is retried until the PLC answered the
write normally or has moved on (the slot shows another batch, or no longer shows this one
finished). A slot cleared for a cancelled batch the PLC may still run is *expected*: when
it shows up finished it is acknowledged without booking anything. One record per slot:
the latest thing the HMI knows about it (so a finished slot it acknowledged is never taken
for a batch the HMI does not know). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AckState(StrEnum):
    """Where a slot's acknowledgement is."""

    PENDING = "pending"  # to be written (retried every PLC sync until it is)
    DONE = "done"  # the PLC answered the write normally, or moved on
    EXPECTED = "expected"  # a cancelled batch's slot: acknowledge it if it still runs


@dataclass(frozen=True)
class SlotAck:
    """The latest acknowledgement record of one PLC slot."""

    slot: int
    mo_name: str  # the MO name the slot shows (as written, padding stripped)
    state: AckState
    mo_id: int | None = None  # None for a slot the HMI had no batch for (supervisor ack)
    created_at: datetime | None = None
    done_at: datetime | None = None
    attempts: int = 0
    last_error: str = ""

    @property
    def pending(self) -> bool:
        """True while the PLC has not got it."""
        return self.state is AckState.PENDING
