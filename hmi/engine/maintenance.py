"""Equipment failures (Task 2) and the outbox of maintenance requests to Odoo (Task 3).

A failure record is read from the PLC, stored, and ONLY THEN acknowledged to the PLC; then
it raises a latched alarm and, when Odoo's maintenance app is installed, a maintenance
request is queued in the outbox. Task 3 sends due outbox items with capped backoff.
"""

from __future__ import annotations

from datetime import timedelta

from hmi.domain.errors import (
    AuthenticationError,
    HmiError,
    LinkDownError,
    RefusedError,
    ValidationError,
)
from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.outbox import MAINTENANCE_REQUEST, FailureRecord, MaintenanceRequest, OutboxItem
from hmi.engine.complete import backoff_s
from hmi.engine.context import EngineContext
from hmi.engine.fetch import ensure_odoo

#: Failed attempts after which an undelivered maintenance request raises an alarm.
OUTBOX_ALARM_AFTER = 3
NOT_INSTALLED = "Odoo's maintenance app is not installed: no maintenance request"


async def take_equipment_failure(ctx: EngineContext) -> FailureRecord | None:
    """Read the failure block; store, acknowledge, alarm and enqueue a new record."""
    try:
        record = await ctx.plc.read_equipment_failure()
    except HmiError:
        return None
    if record is None:
        return None
    at = record.occurred_at
    message = "; ".join(filter(None, (record.message, *map(str, record.problems))))
    stored = await ctx.db.call(
        ctx.store.store_failure,
        record.equipment_id,
        record.fault_code,
        at.replace(tzinfo=None) if at is not None else None,
        record.batch_no,
        message,
        record.raw_words,
    )
    await ctx.plc.acknowledge_equipment_failure()
    await ctx.db.call(ctx.store.mark_failure_acknowledged, stored.id)
    entry = ctx.equipment.by_id(stored.equipment_id)
    ctx.raise_alarm(f"equipment.{stored.id}", stored.describe(entry.name if entry else ""))
    await _enqueue_request(ctx, stored)
    return stored


async def _enqueue_request(ctx: EngineContext, failure: FailureRecord) -> None:
    """Queue a maintenance request unless Odoo is known to have no maintenance app."""
    installed: bool | None = None
    if ctx.odoo.state.up:
        try:
            installed = await ctx.odoo.maintenance_installed()
        except HmiError:
            installed = None
    if installed is False:
        ctx.event("INFO", "odoo", msg("outbox.not_installed", what=failure.describe()))
        return
    request = MaintenanceRequest.for_failure(failure, ctx.settings.ui.line_name)
    await ctx.db.call(
        ctx.store.enqueue, MAINTENANCE_REQUEST, request.reference, request.to_payload()
    )


async def send_outbox(ctx: EngineContext) -> int:
    """Task 3: send due outbox items to Odoo; return how many were delivered."""
    cap = ctx.settings.tasks.retry_max_s
    items = await ctx.db.call(ctx.store.due_outbox, utcnow(), 20, cap)
    if not items or not await ensure_odoo(ctx):
        return 0
    sent = 0
    for item in items:
        try:
            sent += await _send_one(ctx, item)
        except LinkDownError:
            break
    return sent


async def _send_one(ctx: EngineContext, item: OutboxItem) -> int:
    """Deliver one item; on failure schedule the next try (LinkDownError is re-raised)."""
    key = f"outbox.{item.id}"
    try:
        request = MaintenanceRequest.from_payload(item.payload)
        if not await ctx.odoo.maintenance_installed():
            await ctx.db.call(ctx.store.mark_skipped, item.id, NOT_INSTALLED)
            ctx.clear_alarm(key)
            ctx.event("INFO", "odoo", msg("outbox.not_installed", what=request.reference))
            return 0
        remote = await ctx.odoo.create_maintenance_request(request)
    except ValidationError as exc:
        await ctx.db.call(ctx.store.mark_skipped, item.id, str(exc))
        ctx.event("WARNING", "odoo", msg("outbox.dropped", key=item.key, error=exc.message))
        return 0
    except (LinkDownError, AuthenticationError, RefusedError) as exc:
        await _postpone(ctx, item, str(exc))
        if isinstance(exc, LinkDownError):
            raise
        return 0
    await ctx.db.call(ctx.store.mark_sent, item.id, remote)
    ctx.clear_alarm(key)
    ctx.event("INFO", "odoo", msg("outbox.sent", reference=request.reference, remote=remote))
    return 1


async def _postpone(ctx: EngineContext, item: OutboxItem, error: str) -> None:
    """Count a failed attempt and wait a capped exponential backoff."""
    tasks = ctx.settings.tasks
    attempts = item.attempts + 1
    wait = backoff_s(attempts, tasks.retry_min_s, tasks.retry_max_s)
    await ctx.db.call(ctx.store.mark_failed, item.id, error, utcnow() + timedelta(seconds=wait))
    ctx.say_once(
        f"outbox.{item.id}",
        "WARNING",
        "odoo",
        msg("outbox.postponed", key=item.key, error=error, seconds=round(wait)),
    )
    if attempts >= OUTBOX_ALARM_AFTER:
        ctx.raise_alarm(
            f"outbox.{item.id}",
            msg("outbox.failing", key=item.key, attempts=attempts, error=error),
        )
