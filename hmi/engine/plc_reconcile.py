"""Start-up reconciliation of the PLC (DESIGN §4): the PLC's write and feedback areas
against the queue, the acknowledgement records and the history — including an empty queue.

A PLC slot holding a batch the database does not know (a damaged database lost rows the
PLC still holds; a second HMI wrote to it) is stored (`plc_unknown`), raises an alarm and
blocks the gate until a supervisor decides (`Engine.resolve_unknown_plc_batches`): the next
fetch could otherwise dose those MOs again. The block is read from the database, so it
holds over a restart whatever the PLC shows by then. Runs once, as soon as the PLC can be
read. An MO whose dosing had started stays withheld from the fetch after the decision
(`hmi.domain.unknown_batches`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hmi.domain.acks import SlotAck
from hmi.domain.errors import HmiError
from hmi.domain.messages import msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.unknown_batches import UnknownSlot, UnknownState
from hmi.engine.acks import dosed_kg
from hmi.engine.context import EngineContext

__all__ = ["UnknownSlot", "block_gate", "find_unknown", "reconcile_plc"]


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
            kg = Decimal(str(dosed_kg(fb))) if area == "feedback" else Decimal(0)
            started = area == "feedback" and (kg > 0 or fb.finished or fb.failed)
            found[(fb.slot, fb.mo_name)] = UnknownSlot(
                fb.slot,
                area,
                fb.mo_name,
                started,
                area == "feedback" and fb.finished,
                kg,
                fb.raw_words,
            )
    return sorted(found.values(), key=lambda u: (u.slot, u.area))


def block_gate(ctx: EngineContext, blocking: Sequence[UnknownSlot]) -> None:
    """Close the gate on the blocking unknown batches (open it when there are none)."""
    if blocking:
        ctx.blocked = (msg("reconcile.blocked", slots=tuple(u.message() for u in blocking)),)
    else:
        ctx.blocked = ()


async def reconcile_plc(ctx: EngineContext) -> list[UnknownSlot] | None:
    """Compare the PLC with the database; block the gate on unknown batches.

    Returns every blocking unknown batch (found now or stored before), or None when the PLC
    cannot be read now (try again later; the stored ones block the gate meanwhile)."""
    try:
        written = await ctx.plc.read_written()
        feedback = await ctx.plc.read_feedback()
    except HmiError:
        block_gate(ctx, await ctx.db.call(ctx.store.unknown_batches, UnknownState.BLOCKING))
        return None
    batches = await ctx.db.call(ctx.store.batches)
    acks = await ctx.db.call(ctx.store.slot_acks)
    names = {fb.mo_name for fb in (*written, *feedback) if fb.mo_name}
    archived = await ctx.db.call(ctx.store.archived_names, names) if names else set()
    found = find_unknown(batches, written, feedback, acks, archived)
    blocking = await ctx.db.call(ctx.store.record_unknown, found)
    block_gate(ctx, blocking)
    if blocking:
        ctx.event("ERROR", "engine", ctx.blocked[0])
    else:
        ctx.event("INFO", "engine", msg("reconcile.plc_ok", count=len(batches)))
    return blocking
