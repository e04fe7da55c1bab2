"""Task 3 — complete: report finished batches to Odoo exactly once, then archive them."""

from __future__ import annotations

import os
import socket
import sys
from datetime import timedelta
from decimal import Decimal

from hmi.crashpoints import crashpoint
from hmi.domain.audit import AUTOMATIC_ROLE, AuditNote
from hmi.domain.consumption import OffBomPolicy, hold_reason
from hmi.domain.equipment import EquipmentTable
from hmi.domain.errors import AuthenticationError, LinkDownError
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import (
    Batch,
    ConsumptionLine,
    ConsumptionReport,
    ReportOutcome,
    ReportResult,
)
from hmi.domain.states import BatchState
from hmi.domain.units import ZERO_KG
from hmi.domain.users import AUTOMATIC
from hmi.engine.context import EngineContext
from hmi.engine.fetch import ensure_odoo

#: Who "reported" a batch whose MO Odoo had already done (nothing was written).
FOUND_DONE = "found done in Odoo"


def build_report(batch: Batch, table: EquipmentTable | None = None) -> ConsumptionReport:
    """The consumption report of a finished batch: kg per raw move, produced kg.

    Each move's quantity is what it consumed in all: what Odoo had consumed before the batch,
    the PLC's actual and what was added by hand (an absolute value, so a repeated report
    writes the same), with the
    density of the tank that dosed it for a move Odoo counts in a volume unit.
    """
    lines = tuple(
        ConsumptionLine(
            line.move_id,
            line.product_id,
            line.consumed_kg + (line.actual_kg or ZERO_KG) + line.manual_kg,
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
    return min(maximum, minimum * 2.0 ** max(0, attempts - 1))


def due(batch: Batch, max_wait_s: float | None = None) -> bool:
    """True when a finished batch may be reported now (no backoff pending).

    `max_wait_s`: the longest backoff; a next attempt further ahead than that is due now
    (the clock was stepped back since it was scheduled: a 7 h step never means a 7 h wait)."""
    if batch.next_attempt_at is None:
        return True
    now = utcnow()
    if max_wait_s is not None and batch.next_attempt_at > now + timedelta(seconds=max_wait_s):
        return True
    return batch.next_attempt_at <= now


def claim_lease_s(ctx: EngineContext) -> float:
    """How long a report claim lasts: a crashed panel blocks its batch at most this long."""
    return 3 * ctx.settings.odoo.timeout_s + 15.0


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists on this host (POSIX; True when unknown)."""
    if sys.platform == "win32" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def dead_here(ctx: EngineContext, owner: str) -> bool:
    """True when a claim's owner ("host:pid") is a process of this host that is gone.

    While this process holds its queue's single-instance lock, no other live engine of this
    host can use the queue, so any other pid of this host is a dead one."""
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname()[:40] or not pid_text.isdigit() or owner == ctx.owner:
        return False
    return ctx.instance_locked or not pid_alive(int(pid_text))


async def archive_reported(ctx: EngineContext, batch: Batch, result: ReportResult) -> None:
    """Invariant 3: only after Odoo confirmed, move the batch to history in one transaction
    with who reported it (a person retrying, "automatic", or "found done in Odoo"), Odoo's
    answer, and its audit entry."""
    found_done = result.outcome is ReportOutcome.ALREADY_DONE
    reporter = FOUND_DONE if found_done else (batch.reported_by or AUTOMATIC)
    how = msg("complete.already_done" if found_done else "complete.done")
    said = msg("odoo.report.already_done" if found_done else "odoo.report.done", mo=batch.mo_name)
    answer = result.detail or (plain(result.message) if result.message else said)
    note = AuditNote(
        AUTOMATIC,
        AUTOMATIC_ROLE,
        "report to Odoo",
        batch.mo_name,
        batch.state.value,
        BatchState.REPORTED.value,
        reporter,
    )
    store = ctx.store

    def report_and_archive() -> None:
        if batch.state is not BatchState.REPORTED:
            store.set_state(
                batch.mo_id,
                BatchState.REPORTED,
                reported_by=reporter,
                odoo_message=answer.to_json(),  # in the reader's language, where it is shown
            )
        store.archive(batch.mo_id, BatchState.REPORTED, actor=AUTOMATIC)
        store.write_audit(note)

    await ctx.db.call(store.atomic, report_and_archive)
    ctx.clear_batch_alarms(batch.mo_id)
    ctx.last_said.pop(f"complete.wait.{batch.mo_id}", None)  # keeps the memo bounded
    ctx.claim_waits.pop(batch.mo_id, None)
    ctx.event("INFO", "complete", msg("complete.archived", mo=batch.mo_name, how=how))


async def _postpone(ctx: EngineContext, batch: Batch, why: Message) -> None:
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
        odoo_message=msg("complete.waiting", why=why).to_json(),
    )
    ctx.say_once(
        f"complete.wait.{batch.mo_id}",
        "WARNING",
        "complete",
        msg("complete.postponed", mo=batch.mo_name, why=why, seconds=round(wait)),
    )


async def _refused(ctx: EngineContext, batch: Batch, message: str) -> None:
    """Odoo refused the report: needs attention, not retried blindly."""
    await ctx.db.call(
        ctx.store.set_state,
        batch.mo_id,
        BatchState.NEEDS_ATTENTION,
        odoo_message=plain(message).to_json(),
    )
    ctx.event("WARNING", "complete", msg("complete.refused", mo=batch.mo_name, error=message))


async def report_one(ctx: EngineContext, batch: Batch) -> None:
    """Report one finished batch, unless another live process is reporting it now.

    A claim left by a process of this host that no longer exists is released at once; a
    live claim is waited on, and the wait says whose it is and until when."""
    lease = claim_lease_s(ctx)
    if not await ctx.db.call(ctx.store.claim, batch.mo_id, ctx.owner, lease):
        held = await ctx.db.call(ctx.store.claim_of, batch.mo_id)
        if held is None or not dead_here(ctx, held[0]):
            if held is not None:
                ctx.claim_waits[batch.mo_id] = held
                ctx.say_once(
                    f"complete.claim.{batch.mo_id}",
                    "INFO",
                    "complete",
                    msg(
                        "complete.claim_wait",
                        mo=batch.mo_name,
                        owner=held[0],
                        until=held[1].isoformat(),
                    ),
                )
            return
        await ctx.db.call(ctx.store.release_claim, batch.mo_id, held[0])
        ctx.event(
            "INFO", "complete", msg("complete.claim_released", mo=batch.mo_name, owner=held[0])
        )
        if not await ctx.db.call(ctx.store.claim, batch.mo_id, ctx.owner, lease):
            return
    ctx.claim_waits.pop(batch.mo_id, None)
    ctx.last_said.pop(f"complete.claim.{batch.mo_id}", None)
    try:
        # read again under the claim: a manual weighing booked since is reported too, and
        # none is booked any more while the claim lasts (hmi.store.manual_store)
        current = await ctx.db.call(ctx.store.get, batch.mo_id)
        if current is None or current.state is not BatchState.FINISHED:
            return
        await _report_claimed(ctx, current)
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
        ctx.store.set_state,
        batch.mo_id,
        BatchState.NEEDS_ATTENTION,
        odoo_message=reason.to_json(),
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
        await _postpone(ctx, batch, msg("engine.odoo_login_refused", error=exc.message))
        return
    except LinkDownError as exc:
        await _postpone(ctx, batch, msg("odoo.offline", error=exc.message))
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
    cap = ctx.settings.tasks.retry_max_s
    pending = [b for b in batches if b.state is BatchState.FINISHED and due(b, cap)]
    waiting = {b.mo_id for b in batches if b.state is BatchState.FINISHED}
    for mo_id in [m for m in ctx.claim_waits if m not in waiting]:
        del ctx.claim_waits[mo_id]
    if not pending or not await ensure_odoo(ctx):
        return archived
    for batch in pending:
        await report_one(ctx, batch)
        if not ctx.odoo.state.up:
            break
        current = await ctx.db.call(ctx.store.get, batch.mo_id)
        archived += current is None
    return archived
