"""Task 2 — PLC sync: read the feedback area, store changed actuals and states, acknowledge."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from hmi.crashpoints import crashpoint
from hmi.domain.errors import HmiError
from hmi.domain.links import utcnow
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.plausibility import check_against_plan
from hmi.domain.produced import ProducedPolicy, produced_quantity
from hmi.domain.states import BatchState
from hmi.domain.units import kg_total
from hmi.engine.context import EngineContext
from hmi.engine.fetch import read_ready, send_queued
from hmi.engine.supervise import check_tolerance

ACTIVE = (BatchState.SENT, BatchState.RUNNING)
#: States whose PLC slot may still wait for our acknowledgement (after a crash or restart).
AWAITING_ACK = (
    BatchState.FINISHED,
    BatchState.FAILED,
    BatchState.NEEDS_ATTENTION,
    BatchState.REPORTED,
)


@dataclass
class SyncState:
    """What Task 2 remembers between ticks: the last feedback and the slots acknowledged."""

    feedback: tuple[SlotFeedback, ...] = ()
    acknowledged: set[tuple[int, int]] = field(default_factory=set)  # (slot, mo_id)
    running_slot: int | None = None
    #: slot -> feedback words that belong to an earlier run of a batch sent again
    stale: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def forget_run(self, slot: int, mo_id: int) -> None:
        """A batch is sent again: its old feedback words are stale until the PLC changes them."""
        self.acknowledged.discard((slot, mo_id))
        old = next((fb for fb in self.feedback if fb.slot == slot), None)
        if old is not None:
            self.stale[slot] = old.raw_words

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
        ctx.event("INFO", "plc", f"Resuming: writing {len(queued)} committed batches to the PLC")
        await send_queued(ctx, queued)
        return
    if await ctx.plc.written_batches_match(queued):
        ids = [b.mo_id for b in queued]
        await ctx.db.call(ctx.store.set_many_state, ids, BatchState.SENT)
        ctx.event("INFO", "plc", f"Resuming: the PLC already holds {len(queued)} batches: sent")
        ctx.clear_alarm("plc.mismatch")
        return
    ctx.raise_alarm(
        "plc.mismatch",
        "PLC is busy with data that does not match the queued batches: check the PLC",
    )


def _changed(batch: Batch, fb: SlotFeedback) -> dict[int, Decimal]:
    """Actual kg per equipment id where the PLC's value differs from what is stored."""
    stored = {line.equipment_id: line.actual_kg for line in batch.lines}
    return {
        m.equipment_id: m.actual_kg
        for m in fb.materials
        if m.equipment_id in stored and stored[m.equipment_id] != m.actual_kg
    }


def _problems(ctx: EngineContext, fb: SlotFeedback, batch: Batch) -> tuple[str, ...]:
    """Intrinsic and against-plan plausibility problems of one slot."""
    batching = ctx.settings.batching
    plan = check_against_plan(
        fb, batch, factor=batching.implausible_factor, max_kg=batching.max_actual_kg
    )
    return tuple(fb.problems) + tuple(plan)


async def _acknowledge(
    ctx: EngineContext, state: SyncState, fb: SlotFeedback, batch: Batch
) -> None:
    """Set the slot's read flag once per batch (the PLC clears it)."""
    key = (fb.slot, batch.mo_id)
    if key in state.acknowledged or fb.read_flag:
        return
    await ctx.plc.acknowledge_finished(fb.slot)
    state.acknowledged.add(key)


async def _finish(ctx: EngineContext, state: SyncState, fb: SlotFeedback, batch: Batch) -> None:
    """Store a finished batch's actuals and produced quantity, then acknowledge it."""
    used = {line.equipment_id for line in batch.lines}
    dosed = {m.equipment_id: m.actual_kg for m in fb.materials if m.equipment_id in used}
    # everything in the batch: the PLC's actuals and what Odoo had consumed before
    total = kg_total(dosed.values()) + batch.consumed_before_kg
    policy = ProducedPolicy(ctx.settings.batching.produced_policy)
    produced, note = produced_quantity(fb.finished_weight_kg, total, batch.quantity_kg, policy)
    stored = await ctx.db.call(
        ctx.store.record_actuals,
        batch.mo_id,
        dosed,
        state=BatchState.FINISHED,
        finished_weight_kg=fb.finished_weight_kg,
        produced_kg=produced,
        note=note,
    )
    crashpoint("sync.after_store_finished")
    check_tolerance(ctx, stored)
    extra = f" ({note})" if note else ""
    ctx.event("INFO", "plc", f"{batch.mo_name} finished in slot {fb.slot}: {produced} kg{extra}")
    await _acknowledge(ctx, state, fb, batch)


async def _fail(ctx: EngineContext, state: SyncState, fb: SlotFeedback, batch: Batch) -> None:
    """The PLC reports the batch failed: mark it, raise an alarm, acknowledge."""
    await ctx.db.call(ctx.store.set_state, batch.mo_id, BatchState.FAILED)
    ctx.raise_alarm(
        f"failed.{batch.mo_id}",
        f"PLC reports batch {batch.mo_name} (slot {fb.slot}) failed: retry or cancel it",
    )
    await _acknowledge(ctx, state, fb, batch)


async def _apply(ctx: EngineContext, state: SyncState, fb: SlotFeedback, batch: Batch) -> None:
    """Bring one batch up to date with its feedback slot."""
    if batch.state not in ACTIVE:
        if batch.state in AWAITING_ACK and (fb.finished or fb.failed):
            await _acknowledge(ctx, state, fb, batch)
        return
    problems = _problems(ctx, fb, batch)
    key = f"implausible.{batch.mo_id}"
    if problems:
        ctx.raise_alarm(key, f"Implausible PLC values for {batch.mo_name}: {'; '.join(problems)}")
        return
    ctx.clear_alarm(key)
    if fb.failed:
        await _fail(ctx, state, fb, batch)
    elif fb.finished:
        await _finish(ctx, state, fb, batch)
    else:
        changes = _changed(batch, fb)
        if changes or batch.state is BatchState.SENT:
            await ctx.db.call(
                ctx.store.record_actuals, batch.mo_id, changes, state=BatchState.RUNNING
            )
        state.running_slot = fb.slot


def orphaned(batches: list[Batch], *, older_than_s: float) -> list[Batch]:
    """Queued batches whose fill was interrupted: committed longer ago than a fill takes."""
    if math.isinf(older_than_s):
        return []
    limit = utcnow() - timedelta(seconds=older_than_s)
    queued = [b for b in batches if b.state is BatchState.QUEUED]
    if any(b.queued_at is not None and b.queued_at > limit for b in queued):
        return []
    return queued


async def sync_plc(ctx: EngineContext, state: SyncState, *, resume_after_s: float = 0.0) -> None:
    """Task 2 body: one pass over the feedback area (resuming interrupted fills first).

    `resume_after_s`: queued batches younger than this belong to a fill still running
    (in this process or another panel's) and are left to it.
    """
    batches = await ctx.db.call(ctx.store.batches)
    queued = orphaned(batches, older_than_s=resume_after_s)
    if queued:
        await resume_queued(ctx, queued)
    try:
        feedback = await ctx.plc.read_feedback()
        await read_ready(ctx)
    except HmiError:
        state.running_slot = None
        return
    state.feedback = tuple(feedback)
    state.running_slot = None
    by_slot = {b.slot: b for b in batches}
    for fb in feedback:
        batch = by_slot.get(fb.slot)
        if fb.empty or batch is None or batch.mo_name != fb.mo_name or state.is_stale(fb):
            continue
        await _apply(ctx, state, fb, batch)
    state.acknowledged = {k for k in state.acknowledged if k[1] in {b.mo_id for b in batches}}
