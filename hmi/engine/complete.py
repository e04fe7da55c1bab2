"""Task 3 — complete: report finished batches to Odoo exactly once, then archive them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hmi.crashpoints import crashpoint
from hmi.domain.consumption import OffBomPolicy, hold_reason
from hmi.domain.equipment import EquipmentTable
from hmi.domain.errors import AuthenticationError, LinkDownError
from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.model import (
    Batch,
    ConsumptionLine,
    ConsumptionReport,
    ReportOutcome,
    ReportResult,
)
from hmi.domain.states import BatchState
from hmi.domain.units import ZERO_KG
from hmi.engine.context import EngineContext
from hmi.engine.fetch import ensure_odoo


def build_report(batch: Batch, table: EquipmentTable | None = None) -> ConsumptionReport:
    """The consumption report of a finished batch: kg per raw move, produced kg.

    Each move's quantity is what it consumed in all: what Odoo had consumed before the batch
    plus the PLC's actual (an absolute value, so a repeated report writes the same), with the
    density of the tank that dosed it for a move Odoo counts in a volume unit.
    """
    lines = tuple(
        ConsumptionLine(
            line.move_id,
            line.product_id,
            line.consumed_kg + (line.actual_kg or ZERO_KG),
            _density(table, line.equipment_id),
        )
        for line in batch.lines
    )
    produced = batch.produced_kg if batch.produced_kg is not None else batch.actual_total_kg
    return ConsumptionReport(batch.mo_id, batch.mo_name, produced, lines)


def _density(table: EquipmentTable | None, equipment_id: int) -> Decimal | None:
    """The configured density of the equipment's material (kg per litre), if any."""
    equipment = table.by_id(equipment_id) if table is not None else None
    return equipment.density_kg_per_l if equipment is not None else None


def backoff_s(attempts: int, minimum: float, maximum: float) -> float:
    """Capped exponential backoff: minimum × 2^(attempts-1), at most maximum."""
    return min(maximum, minimum * (2 ** max(0, attempts - 1)))


def due(batch: Batch) -> bool:
    """True when a finished batch may be reported now (no backoff pending)."""
    return batch.next_attempt_at is None or batch.next_attempt_at <= utcnow()


async def archive_reported(ctx: EngineContext, batch: Batch, result: ReportResult) -> None:
    """Invariant 3: only after Odoo confirmed, move the batch to history in one transaction."""
    if batch.state is not BatchState.REPORTED:
        await ctx.db.call(ctx.store.set_state, batch.mo_id, BatchState.REPORTED)
    await ctx.db.call(ctx.store.archive, batch.mo_id, BatchState.REPORTED, actor="engine")
    ctx.clear_batch_alarms(batch.mo_id)
    ctx.last_said.pop(f"complete.wait.{batch.mo_id}", None)  # keeps the memo bounded
    how = "already done in Odoo" if result.outcome is ReportOutcome.ALREADY_DONE else "done"
    ctx.event("INFO", "complete", f"{batch.mo_name} reported to Odoo ({how}) and archived")


async def _postpone(ctx: EngineContext, batch: Batch, why: str) -> None:
    """Keep the batch finished and try again after a capped backoff."""
    tasks = ctx.settings.tasks
    attempts = batch.report_attempts + 1
    wait = backoff_s(attempts, tasks.retry_min_s, tasks.retry_max_s)
    await ctx.db.call(
        ctx.store.set_state,
        batch.mo_id,
        batch.state,
        report_attempts=attempts,
        next_attempt_at=utcnow() + timedelta(seconds=wait),
        odoo_message=f"waiting to report: {why}",
    )
    ctx.say_once(
        f"complete.wait.{batch.mo_id}",
        "WARNING",
        "complete",
        f"{batch.mo_name} not reported yet ({why}); next try in {wait:.0f} s",
    )


async def _refused(ctx: EngineContext, batch: Batch, message: str) -> None:
    """Odoo refused the report: needs attention, not retried blindly."""
    await ctx.db.call(
        ctx.store.set_state, batch.mo_id, BatchState.NEEDS_ATTENTION, odoo_message=message
    )
    ctx.raise_alarm(
        f"refused.{batch.mo_id}", f"Odoo refused the report of {batch.mo_name}: {message}"
    )


async def report_one(ctx: EngineContext, batch: Batch) -> None:
    """Report one finished batch, unless another panel is reporting it now."""
    lease = 3 * ctx.settings.odoo.timeout_s + 15.0  # a crashed panel blocks it this long
    if not await ctx.db.call(ctx.store.claim, batch.mo_id, ctx.owner, lease):
        return
    try:
        await _report_claimed(ctx, batch)
    finally:
        await ctx.db.call(ctx.store.release, batch.mo_id, ctx.owner)


async def _hold_off_bom(ctx: EngineContext, batch: Batch) -> bool:
    """A consumption the BoM does not allow is never reported: hold the batch (True).

    Before anything is written to Odoo. A held batch whose MO was settled in Odoo meanwhile
    (the operator's way out) is archived without reporting.
    """
    batching = ctx.settings.batching
    reason = hold_reason(
        batch,
        batch.produced_kg,
        warning=OffBomPolicy(batching.warning_bom_policy),
        flexible=OffBomPolicy(batching.flexible_bom_policy),
    )
    if reason is None:
        return False
    states = await ctx.odoo.read_states([batch.mo_id])
    if states.get(batch.mo_id) == "done":
        ctx.event("INFO", "complete", msg("consumption.done_in_odoo", mo=batch.mo_name))
        await archive_reported(ctx, batch, ReportResult(ReportOutcome.ALREADY_DONE))
        return True
    await ctx.db.call(
        ctx.store.set_state, batch.mo_id, BatchState.NEEDS_ATTENTION, odoo_message=str(reason)
    )
    ctx.raise_alarm(f"refused.{batch.mo_id}", reason)
    return True


async def _report_claimed(ctx: EngineContext, batch: Batch) -> None:
    """Report one claimed batch and archive it when Odoo confirmed."""
    try:
        if await _hold_off_bom(ctx, batch):
            return
        result = await ctx.odoo.report(build_report(batch, ctx.equipment))
    except AuthenticationError as exc:
        await _postpone(ctx, batch, f"Odoo login refused: {exc}")
        return
    except LinkDownError as exc:
        await _postpone(ctx, batch, f"Odoo offline: {exc}")
        return
    if result.outcome is ReportOutcome.REFUSED:
        await _refused(ctx, batch, result.message)
        return
    crashpoint("complete.after_odoo_done")
    await archive_reported(ctx, batch, result)


async def complete_batches(ctx: EngineContext) -> int:
    """Task 3 body: report every due finished batch; return how many were archived."""
    batches = await ctx.db.call(ctx.store.batches)
    archived = 0
    for batch in batches:
        if batch.state is BatchState.REPORTED:
            await archive_reported(ctx, batch, ReportResult(ReportOutcome.ALREADY_DONE))
            archived += 1
    pending = [b for b in batches if b.state is BatchState.FINISHED and due(b)]
    if not pending or not await ensure_odoo(ctx):
        return archived
    for batch in pending:
        await report_one(ctx, batch)
        if not ctx.odoo.state.up:
            break
        current = await ctx.db.call(ctx.store.get, batch.mo_id)
        archived += current is None
    return archived
