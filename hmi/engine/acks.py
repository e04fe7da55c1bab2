"""Task 2's acknowledgements: the persisted `plc_ack` records played against the feedback.

A pending record (written with the batch's actuals, hmi.domain.acks) is retried on every
PLC sync until the PLC answered the write normally, or has moved on: the slot no longer
shows that MO finished or failed, or its read flag is already 1. An *expected* record (a
cancelled batch's slot) acknowledges the slot if it shows up finished anyway: without
booking anything, and with a latched alarm when the PLC dosed material for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hmi.domain.acks import AckState, SlotAck
from hmi.domain.errors import HmiError
from hmi.domain.messages import msg
from hmi.domain.model import SlotFeedback
from hmi.engine.context import EngineContext


def shows(fb: SlotFeedback, mo_name: str) -> bool:
    """True when the feedback slot shows `mo_name` finished or failed (not yet moved on)."""
    return (fb.finished or fb.failed) and fb.mo_name == mo_name


def dosed_kg(fb: SlotFeedback) -> Decimal:
    """Total kg the slot's feedback says was dosed (NaN and negatives count as 0)."""
    return round(sum((m.actual_kg for m in fb.materials if m.actual_kg > 0), Decimal(0)), 2)


async def play_acks(
    ctx: EngineContext, feedback: Sequence[SlotFeedback], acks: Sequence[SlotAck]
) -> list[SlotAck]:
    """Retry pending acknowledgements, settle expected ones; return the records still pending.

    Also keeps `ctx.pending_acks` (a gate input) current."""
    by_slot = {fb.slot: fb for fb in feedback}
    still: list[SlotAck] = []
    for ack in acks:
        fb = by_slot.get(ack.slot)
        if fb is None:
            continue
        if ack.state is AckState.PENDING and not await _settle_pending(ctx, ack, fb):
            still.append(ack)
        elif ack.state is AckState.EXPECTED:
            await _settle_expected(ctx, ack, fb)
    ctx.pending_acks = len(still)
    return still


async def _settle_pending(ctx: EngineContext, ack: SlotAck, fb: SlotFeedback) -> bool:
    """True once the acknowledgement of a pending record is done (written or moved on)."""
    if not shows(fb, ack.mo_name) or fb.read_flag:
        await ctx.db.call(ctx.store.ack_done, ack.slot, ack.mo_name)
        return True
    try:
        await ctx.plc.acknowledge_finished(ack.slot)
    except HmiError as exc:
        await ctx.db.call(ctx.store.ack_failed, ack.slot, ack.mo_name, str(exc))
        ctx.say_once(
            f"ack.{ack.slot}",
            "WARNING",
            "plc",
            msg("ack.retrying", slot=ack.slot, mo=ack.mo_name, error=exc.message),
        )
        return False
    await ctx.db.call(ctx.store.ack_done, ack.slot, ack.mo_name)
    if ctx.last_said.pop(f"ack.{ack.slot}", None) is not None or ack.attempts:
        ctx.event("INFO", "plc", msg("ack.reached", slot=ack.slot, mo=ack.mo_name))
    return True


async def _settle_expected(ctx: EngineContext, ack: SlotAck, fb: SlotFeedback) -> None:
    """A cancelled batch's slot shows up finished: acknowledge it so the PLC goes on."""
    blank = fb.empty or not fb.mo_name
    if not (fb.finished or fb.failed) or fb.read_flag or not (blank or fb.mo_name == ack.mo_name):
        return
    kg = dosed_kg(fb)
    try:
        await ctx.plc.acknowledge_finished(ack.slot)
    except HmiError as exc:
        ctx.say_once(
            f"ack.{ack.slot}",
            "WARNING",
            "plc",
            msg("ack.retrying", slot=ack.slot, mo=ack.mo_name, error=exc.message),
        )
        return
    # remember the slot as the PLC shows it (a cleared slot shows no name)
    await ctx.db.call(ctx.store.put_slot_ack, ack.slot, fb.mo_name, AckState.DONE, ack.mo_id)
    ctx.last_said.pop(f"ack.{ack.slot}", None)
    if kg > 0 and not blank:
        ctx.raise_alarm(
            f"ran.{ack.mo_id or ack.slot}",
            msg("ack.cancelled_ran", slot=ack.slot, mo=ack.mo_name, kg=kg),
        )
    else:
        ctx.event("INFO", "plc", msg("ack.cancelled_slot", slot=ack.slot, mo=ack.mo_name))


def accounted(fb: SlotFeedback, acks: dict[int, SlotAck]) -> bool:
    """True when the HMI knows what a feedback slot shows from its acknowledgement records."""
    ack = acks.get(fb.slot)
    if ack is None:
        return False
    if fb.mo_name == ack.mo_name:
        return True
    return ack.state is AckState.EXPECTED and (fb.empty or not fb.mo_name)
