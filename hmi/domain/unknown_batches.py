"""Batches the PLC holds that the database does not know (start-up reconciliation, issue 11).

A PLC slot showing an MO that is neither in the queue, nor in an acknowledgement record, nor
in the history (a damaged database lost rows the PLC still holds; another HMI wrote to it)
is recorded as *blocking*: the gate stays closed until a supervisor decides. Deciding clears
what the PLC still holds to run and acknowledges what it finished; an MO whose dosing had
started or finished becomes *withheld*: its material went into the mixer but Odoo does not
know it, so the fetch never takes that MO again — across restarts, on every panel — until a
supervisor, having settled it in Odoo, releases it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from hmi.domain.messages import Message, msg


class UnknownState(StrEnum):
    """Where a supervisor's decision about an unknown PLC batch stands."""

    BLOCKING = "blocking"  # the gate is closed until a supervisor decides
    WITHHELD = "withheld"  # decided; dosed outside the queue: never fetched until released


@dataclass(frozen=True)
class UnknownSlot:
    """A PLC slot holding a batch the database does not know.

    `area`: "write" (the PLC holds it to run) or "feedback" (it ran or runs it); `started`:
    the feedback shows dosing started or finished; `kg`: dosed so far per the feedback;
    `words`: the slot's raw words as read."""

    slot: int
    area: str
    mo_name: str
    started: bool
    finished: bool
    kg: Decimal
    words: tuple[int, ...]
    state: UnknownState = UnknownState.BLOCKING
    found_at: datetime | None = None
    decided_by: str = ""
    decided_at: datetime | None = None
    reason: str = ""

    @property
    def dosed(self) -> bool:
        """True when material of this MO went into the mixer (it must not be dosed again)."""
        return self.started or self.finished

    def message(self) -> Message:
        """'slot 3 (feedback): WH/MO/00012, finished, 1,234.00 kg dosed'."""
        if self.finished:
            what = msg("reconcile.finished", kg=self.kg)
        elif self.started:
            what = msg("reconcile.dosing", kg=self.kg)
        else:
            what = msg("reconcile.not_started")
        area = msg(f"reconcile.area.{self.area}")
        return msg("reconcile.unknown_slot", slot=self.slot, area=area, mo=self.mo_name, what=what)
