"""Task 2 — PLC sync: read the feedback area, store changed actuals and states, acknowledge.

Besides bringing the queue up to date it records what the watchdog needs to see a stall:
the slots whose values are implausible, the slots showing another MO than the queue's,
and the sent batches a PLC asking for new data no longer holds (it lost its memory).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from hmi.crashpoints import crashpoint
from hmi.domain.acks import SlotAck
from hmi.domain.audit import AuditNote
from hmi.domain.errors import HmiError
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.plausibility import check_against_plan
from hmi.domain.produced import ProducedPolicy, produced_quantity
from hmi.domain.states import BatchState
from hmi.domain.units import kg_total
from hmi.engine.acks import accounted, play_acks
from hmi.engine.context import EngineContext
from hmi.engine.fetch import send_queued
from hmi.engine.gate import read_ready
from hmi.engine.plc_reconcile import UnknownSlot, reconcile_plc
from hmi.engine.supervise import check_tolerance

ACTIVE = (BatchState.SENT, BatchState.RUNNING)
#: Who confirmed a finished batch's values when they were taken as the PLC gave them.
PLC_CONFIRMED = "PLC"
#: How often the write area is read back while a PLC asking for data seems to hold nothing.
WRITTEN_CHECK_S = 2.0


@dataclass
class SyncState:
    """What Task 2 remembers between ticks and shows the watchdog."""

    feedback: tuple[SlotFeedback, ...] = ()
    running_slot: int | None = None
    #: slot -> feedback words that belong to an earlier run of a batch sent again
    stale: dict[int, tuple[int, ...]] = field(default_factory=dict)
    #: MO id -> (slot, problems) of batches whose PLC values are implausible now
    implausible: dict[int, tuple[int, tuple[Message, ...]]] = field(default_factory=dict)
    #: slot -> (queue batch expected there, feedback showing another MO)
    mismatches: dict[int, tuple[Batch, SlotFeedback]] = field(default_factory=dict)
    #: sent batches the PLC no longer holds although it asks for new data
    lost: tuple[Batch, ...] = ()
    acks: tuple[SlotAck, ...] = ()  # every slot's acknowledgement record, as last read
    feedback_ok: bool = False  # the last feedback read succeeded
    plc_checked: bool = False  # start-up reconciliation of the PLC done
    unknown: tuple[UnknownSlot, ...] = ()  # PLC slots the database did not know at start
    written_checked_at: float = float("-inf")  # time.monotonic() of the last write-area read

    def forget_run(self, slot: int, mo_id: int) -> None:
        """A batch is sent again: its old feedback words are stale until the PLC changes them."""
        old = next((fb for fb in self.feedback if fb.slot == slot), None)
        if old is not None:
            self.stale[slot] = old.raw_words
        self.implausible.pop(mo_id, None)

    def is_stale(self, fb: SlotFeedback) -> bool:
        """True while a slot still shows the words of a previous run."""
        words = self.stale.get(fb.slot)
        if words is None:
            return False
        if words == fb.raw_words:
            return True
        del self.stale[fb.slot]
        return False


async def resume_queued(ctx: EngineContext, queued: list[Batch]) -> None:
    """Finish a fill interrupted after the commit (invariant 2): rewrite or confirm, then sent."""
    if not queued or not ctx.plc.state.up:
        return
    if await read_ready(ctx):
        ctx.event("INFO", "plc", msg("plc.resuming_write", count=len(queued)))
        await send_queued(ctx, queued)
        return
    if await ctx.plc.written_batches_match(queued):
        ids = [b.mo_id for b in queued]
        await ctx.db.call(ctx.store.set_many_state, ids, BatchState.SENT)
        ctx.event("INFO", "plc", msg("plc.resuming_holds", count=len(queued)))
        ctx.clear_alarm("plc.mismatch")
        return
    ctx.raise_alarm("plc.mismatch", msg("plc.busy_mismatch"))


def _changed(batch: Batch, fb: SlotFeedback) -> dict[int, Decimal]:
    """Actual kg per equipment id where the PLC's value differs from what is stored."""
    stored = {line.equipment_id: line.actual_kg for line in batch.lines}
    return {
        m.equipment_id: m.actual_kg
        for m in fb.materials
        if m.equipment_id in stored and stored[m.equipment_id] != m.actual_kg
    }


def problems_of(ctx: EngineContext, fb: SlotFeedback, batch: Batch) -> tuple[Message, ...]:
    """Intrinsic and against-plan plausibility problems of one slot."""
    batching = ctx.settings.batching
    plan = check_against_plan(
        fb, batch, factor=batching.implausible_factor, max_kg=batching.max_actual_kg
    )
    return tuple(fb.problems) + tuple(plan)


async def store_finished(
    ctx: EngineContext,
    batch: Batch,
    actuals: Mapping[int, Decimal],
    finished_weight_kg: Decimal | None,
    *,
    note: Message | None = None,
    confirmed_by: str = PLC_CONFIRMED,
    audit: AuditNote | None = None,
) -> Batch:
    """Store a finished batch's actuals and produced quantity, who confirmed them ("PLC": as
    the PLC gave them; a supervisor's name after a decision), and (same transaction) the
    pending acknowledgement of its slot and the `audit` entry of a person's decision."""
    used = {line.equipment_id for line in batch.lines}
    kept = {eq: kg for eq, kg in actuals.items() if eq in used}
    # everything in the batch: the PLC's actuals, what was added by hand (manual weighing)
    # and what Odoo had consumed before
    total = kg_total(kept.values()) + batch.consumed_before_kg + batch.manual_total_kg
    policy = ProducedPolicy(ctx.settings.batching.produced_policy)
    finite = finished_weight_kg is not None and finished_weight_kg.is_finite()
    weight = finished_weight_kg if finite else Decimal(0)
    produced, why = produced_quantity(weight, total, batch.quantity_kg, policy)
    notes = joined_notes(note, why)
    record = functools.partial(
        ctx.store.record_actuals,
        batch.mo_id,
        kept,
        state=BatchState.FINISHED,
        finished_weight_kg=weight,
        produced_kg=produced,
        note=notes.to_json() if notes is not None else None,
        acknowledge=True,
        confirmed_by=confirmed_by,
    )
    if audit is None:
        stored = await ctx.db.call(record)
    else:
        stored = await ctx.db.call(ctx.store.audited, audit, record)
    crashpoint("sync.after_store_finished")
    check_tolerance(ctx, stored)
    extra = msg("note.extra", note=notes) if notes is not None else plain("")
    ctx.event(
        "INFO",
        "plc",
        msg("plc.finished", mo=batch.mo_name, slot=batch.slot, kg=produced, extra=extra),
    )
    return stored


def joined_notes(*notes: Message | None) -> Message | None:
    """A batch's notes as one message (stored as its JSON in `note`), or None."""
    given = tuple(n for n in notes if n is not None)
    if not given:
        return None
    return given[0] if len(given) == 1 else msg("note.joined", notes=given)


async def _apply(ctx: EngineContext, state: SyncState, fb: SlotFeedback, batch: Batch) -> None:
    """Bring one sent/running batch up to date with its feedback slot."""
    if fb.finished:
        whole = await _read_whole(ctx, fb)
        if whole is None:
            return  # changed between the two reads: the next pass sees it settled
        fb = whole
    problems = problems_of(ctx, fb, batch)
    if problems:
        state.implausible[batch.mo_id] = (fb.slot, problems)
        if not (fb.finished or fb.failed):
            state.running_slot = fb.slot
        return
    state.implausible.pop(batch.mo_id, None)
    if fb.failed:
        await ctx.db.call(ctx.store.set_state, batch.mo_id, BatchState.FAILED, acknowledge=True)
        ctx.event("WARNING", "plc", msg("plc.failed", mo=batch.mo_name, slot=fb.slot))
    elif fb.finished:
        actuals = {m.equipment_id: m.actual_kg for m in fb.materials}
        await store_finished(ctx, batch, actuals, fb.finished_weight_kg)
    else:
        changes = _changed(batch, fb)
        if changes or batch.state is BatchState.SENT:
            await ctx.db.call(
                ctx.store.record_actuals, batch.mo_id, changes, state=BatchState.RUNNING
            )
        state.running_slot = fb.slot


async def _read_whole(ctx: EngineContext, fb: SlotFeedback) -> SlotFeedback | None:
    """A slot first seen finished, read again alone in one request before its actuals are
    stored: the area read may have taken its words from two PLC scans (the actuals before,
    the finished flag after the PLC finished). None: it no longer shows that batch finished."""
    again = await ctx.plc.read_feedback_slot(fb.slot)
    if again.finished and again.mo_name == fb.mo_name and again.batch_no == fb.batch_no:
        return again
    return None


def orphaned(batches: list[Batch], *, older_than_s: float) -> list[Batch]:
    """Queued batches whose fill was interrupted: committed longer ago than a fill takes."""
    if math.isinf(older_than_s):
        return []
    limit = utcnow() - timedelta(seconds=older_than_s)
    queued = [b for b in batches if b.state is BatchState.QUEUED]
    if any(b.queued_at is not None and b.queued_at > limit for b in queued):
        return []
    return queued


def _mismatch(fb: SlotFeedback, batch: Batch, acks: dict[int, SlotAck]) -> bool:
    """True when a slot shows another MO than the sent/running batch written there (not
    the previous batch of that slot, already acknowledged, and not an empty slot)."""
    if batch.state not in ACTIVE or fb.empty or fb.mo_name == batch.mo_name:
        return False
    old = (fb.finished or fb.failed) and accounted(fb, acks)
    return not old


async def _check_lost(ctx: EngineContext, state: SyncState, batches: list[Batch]) -> None:
    """A PLC asking for new data while sent batches have not run: does it still hold them?"""
    by_slot = {fb.slot: fb for fb in state.feedback}
    unstarted = [
        b
        for b in batches
        if b.state in ACTIVE and (b.slot not in by_slot or by_slot[b.slot].mo_name != b.mo_name)
    ]
    if not unstarted or not ctx.ready.ready:
        state.lost = ()
        return
    if time.monotonic() - state.written_checked_at < WRITTEN_CHECK_S:
        return
    state.written_checked_at = time.monotonic()
    try:
        written = {fb.slot: fb for fb in await ctx.plc.read_written()}
    except HmiError:
        return
    state.lost = tuple(
        b for b in unstarted if b.slot not in written or written[b.slot].mo_name != b.mo_name
    )


async def check_plc_once(ctx: EngineContext, state: SyncState) -> None:
    """Start-up reconciliation of the PLC (hmi.engine.plc_reconcile), until it could run."""
    if not state.plc_checked:
        unknown = await reconcile_plc(ctx)
        if unknown is not None:
            state.plc_checked, state.unknown = True, tuple(unknown)


async def sync_plc(ctx: EngineContext, state: SyncState, *, resume_after_s: float = 0.0) -> None:
    """Task 2 body: one pass over the feedback area (resuming interrupted fills first).

    `resume_after_s`: queued batches younger than this belong to a fill still running
    (in this process or another panel's) and are left to it.
    """
    await check_plc_once(ctx, state)
    batches = await ctx.db.call(ctx.store.batches)
    queued = orphaned(batches, older_than_s=resume_after_s)
    queued = [b for b in queued if f"held.{b.mo_id}" not in ctx.alarms]  # reference_check
    if queued:
        await resume_queued(ctx, queued)
    try:
        feedback = await ctx.plc.read_feedback()
    except HmiError:
        state.running_slot = None
        state.feedback_ok = False
        await read_ready(ctx)
        return
    await read_ready(ctx)
    state.feedback = tuple(feedback)
    state.feedback_ok = True
    state.running_slot = None
    acks = {ack.slot: ack for ack in await ctx.db.call(ctx.store.slot_acks)}
    by_slot = {b.slot: b for b in batches}
    state.mismatches = {}
    for fb in feedback:
        batch = by_slot.get(fb.slot)
        if batch is None or state.is_stale(fb):
            continue
        if _mismatch(fb, batch, acks):
            state.mismatches[fb.slot] = (batch, fb)
            continue
        if batch.state in ACTIVE and not fb.empty and fb.mo_name == batch.mo_name:
            await _apply(ctx, state, fb, batch)
    ids = {b.mo_id for b in batches}
    state.implausible = {k: v for k, v in state.implausible.items() if k in ids}
    records = await ctx.db.call(ctx.store.slot_acks)
    await play_acks(ctx, feedback, records)
    state.acks = tuple(await ctx.db.call(ctx.store.slot_acks))
    await _check_lost(ctx, state, await ctx.db.call(ctx.store.batches))
