"""Startup reconciliation (DESIGN §4): resume from the database, never by fetching again."""

from __future__ import annotations

from hmi.domain.errors import HmiError
from hmi.domain.model import ReportOutcome, ReportResult
from hmi.domain.states import BatchState
from hmi.engine.complete import archive_reported
from hmi.engine.context import EngineContext
from hmi.engine.fetch import ensure_odoo
from hmi.engine.sync import SyncState, resume_queued, sync_plc


async def reconcile(ctx: EngineContext, sync_state: SyncState) -> None:
    """Before any timer: queued batches rewritten or marked sent, done MOs archived."""
    batches = await ctx.db.call(ctx.store.batches)
    if batches:
        ctx.event("INFO", "engine", f"Resuming with {len(batches)} batches in the queue")
    queued = [b for b in batches if b.state is BatchState.QUEUED]
    if queued:
        await resume_queued(ctx, queued)
    await sync_plc(ctx, sync_state)
    await _archive_done_in_odoo(ctx)


async def _archive_done_in_odoo(ctx: EngineContext) -> None:
    """Finished batches whose MO is already done in Odoo are archived without reporting."""
    batches = await ctx.db.call(ctx.store.batches)
    waiting = [b for b in batches if b.state in (BatchState.FINISHED, BatchState.REPORTED)]
    if not waiting or not await ensure_odoo(ctx):
        return
    try:
        states = await ctx.odoo.read_states([b.mo_id for b in waiting])
    except HmiError as exc:
        ctx.event("WARNING", "engine", f"Could not read MO states from Odoo: {exc}")
        return
    for batch in waiting:
        if states.get(batch.mo_id) == "done":
            await archive_reported(ctx, batch, ReportResult(ReportOutcome.ALREADY_DONE))
