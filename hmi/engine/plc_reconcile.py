"""Start-up reconciliation of the PLC (DESIGN §4): the PLC's write and feedback areas
against the queue, the acknowledgement records and the history — including an empty queue.

A PLC slot holding a batch the database does not know (a damaged database lost rows the
PLC still holds; a second HMI wrote to it) raises an alarm and blocks the gate until a
supervisor decides (`Engine.resolve_unknown_plc_batches`): the next fetch could otherwise
dose those MOs again. Runs once, as soon as the PLC can be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hmi.domain.acks import SlotAck
from hmi.domain.errors import HmiError
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.engine.acks import dosed_kg
from hmi.engine.context import EngineContext


@dataclass(frozen=True)
class UnknownSlot:
    """A PLC slot holding a batch the database does not know."""

    slot: int
    area: str  # "write" (the PLC holds it to run) or "feedback" (it ran or runs it)
    mo_name: str
    started: bool  # the feedback shows dosing started or finished
    finished: bool
    kg: float  # dosed so far, per the feedback
    words: tuple[int, ...]

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


def _blank(fb: SlotFeedback) -> bool:
    return fb.empty and not fb.mo_name


def find_unknown(
    batches: Sequence[Batch],
    written: Sequence[SlotFeedback],
    feedback: Sequence[SlotFeedback],
    acks: Sequence[SlotAck],
    archived: set[str],
) -> list[UnknownSlot]:
    """Slots whose MO is in neither the queue, the acknowledgement records nor the history."""
    known = {(b.slot, b.mo_name) for b in batches} | {(a.slot, a.mo_name) for a in acks}
    found: dict[tuple[int, str], UnknownSlot] = {}
    for area, slots in (("feedback", feedback), ("write", written)):
        for fb in slots:
            if _blank(fb) or (fb.slot, fb.mo_name) in known or fb.mo_name in archived:
                continue
            if (fb.slot, fb.mo_name) in found:
                continue
            started = area == "feedback" and (dosed_kg(fb) > 0 or fb.finished or fb.failed)
            found[(fb.slot, fb.mo_name)] = UnknownSlot(
                fb.slot,
                area,
                fb.mo_name,
                started,
                area == "feedback" and fb.finished,
                dosed_kg(fb) if area == "feedback" else 0.0,
                fb.raw_words,
            )
    return sorted(found.values(), key=lambda u: (u.slot, u.area))


async def reconcile_plc(ctx: EngineContext) -> list[UnknownSlot] | None:
    """Compare the PLC with the database; block the gate on unknown batches.

    Returns the unknown slots, or None when the PLC cannot be read now (try again later)."""
    try:
        written = await ctx.plc.read_written()
        feedback = await ctx.plc.read_feedback()
    except HmiError:
        return None
    batches = await ctx.db.call(ctx.store.batches)
    acks = await ctx.db.call(ctx.store.slot_acks)
    names = {fb.mo_name for fb in (*written, *feedback) if fb.mo_name}
    archived = await ctx.db.call(ctx.store.archived_names, names) if names else set()
    unknown = find_unknown(batches, written, feedback, acks, archived)
    if unknown:
        ctx.blocked = (msg("reconcile.blocked", slots=tuple(u.message() for u in unknown)),)
        ctx.event("ERROR", "engine", ctx.blocked[0])
    else:
        ctx.event("INFO", "engine", msg("reconcile.plc_ok", count=len(batches)))
    return unknown
