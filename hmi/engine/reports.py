"""What the batch record and the shift report show, gathered from the store (no Qt here).

The UI renders these records to PDF (hmi.ui.batch_record).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hmi.domain.alarms import Alarm
from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.model import Batch
from hmi.domain.outbox import FailureRecord, OutboxItem
from hmi.domain.states import BatchState
from hmi.domain.units import ZERO_KG
from hmi.engine.context import EngineContext
from hmi.store.records import ArchivedBatch, AuditEntry

#: Archived batches one shift report lists at most.
MAX_SHIFT_BATCHES = 2_000
UNSYNCED = (BatchState.FINISHED, BatchState.NEEDS_ATTENTION, BatchState.REPORTED)


@dataclass(frozen=True)
class BatchRecord:
    """One archived batch with the alarms during it and who confirmed its fetch."""

    batch: ArchivedBatch
    alarms: tuple[Alarm, ...]
    fetched_by: str  # "automatic (timer)" when no operator confirmed it
    fetched_at: datetime | None
    line_name: str
    tolerance_pct: float
    printed_at: datetime


@dataclass(frozen=True)
class MaterialTotal:
    """Planned and actual kg of one material over a shift."""

    product_ref: str
    equipment_id: int
    planned_kg: Decimal
    actual_kg: Decimal


@dataclass(frozen=True)
class ShiftReport:
    """A shift: batches archived, totals per material, alarms, what is not yet in Odoo."""

    since: datetime
    until: datetime
    line_name: str
    batches: tuple[ArchivedBatch, ...]
    totals: tuple[MaterialTotal, ...]
    alarms: tuple[Alarm, ...]
    failures: tuple[FailureRecord, ...]
    unsynced: tuple[Batch, ...]
    outbox: tuple[OutboxItem, ...]
    printed_at: datetime


def material_totals(batches: Iterable[ArchivedBatch]) -> tuple[MaterialTotal, ...]:
    """Planned and actual kg per material of the reported batches, by product reference."""
    sums: dict[tuple[str, int], list[Decimal]] = {}
    for batch in batches:
        if batch.outcome is not BatchState.REPORTED:
            continue
        for line in batch.lines:
            acc = sums.setdefault((line.product_ref, line.equipment_id), [ZERO_KG, ZERO_KG])
            acc[0] += line.planned_kg
            acc[1] += line.actual_kg or ZERO_KG
    return tuple(
        MaterialTotal(ref, eq, planned, actual)
        for (ref, eq), (planned, actual) in sorted(sums.items())
    )


def fetch_entry(entries: Iterable[AuditEntry], batch: ArchivedBatch) -> AuditEntry | None:
    """The audit's "fetch" entry that queued this batch: the latest one naming it before it
    was archived (written just after the batches were committed as queued)."""
    limit = batch.archived_at
    found = None
    for entry in entries:
        names = {name.strip() for name in entry.target.split(",")}
        if entry.action == "fetch" and batch.mo_name in names and entry.at <= limit:
            found = entry
    return found


async def batch_record(ctx: EngineContext, mo_id: int) -> BatchRecord:
    """The batch record of one archived batch."""
    batch = await ctx.db.call(ctx.store.archived, mo_id)
    if batch is None:
        raise ValidationError(msg("report.not_in_history"))
    since = batch.queued_at or batch.archived_at
    alarms = await ctx.db.call(ctx.store.alarms_between, since, batch.archived_at, mo_id=mo_id)
    entries = await ctx.db.call(
        ctx.store.audit_entries, 10_000, until=batch.archived_at, action="fetch"
    )
    entry = fetch_entry(entries, batch)
    return BatchRecord(
        batch=batch,
        alarms=tuple(alarms),
        fetched_by=entry.actor if entry else "automatic (timer)",
        fetched_at=entry.at if entry else batch.queued_at,
        line_name=ctx.settings.ui.line_name,
        tolerance_pct=ctx.settings.batching.tolerance_pct,
        printed_at=utcnow(),
    )


async def shift_report(ctx: EngineContext, since: datetime, until: datetime) -> ShiftReport:
    """The shift report for batches archived in [since, until)."""
    if since >= until:
        raise ValidationError(
            msg("report.bad_period", since=since.isoformat(), until=until.isoformat())
        )
    store = ctx.store
    batches = await ctx.db.call(store.history_page, 0, MAX_SHIFT_BATCHES, since=since, until=until)
    batches = sorted(batches, key=lambda b: b.archived_at)
    alarms = await ctx.db.call(store.alarms_between, since, until)
    failures = await ctx.db.call(store.failures_between, since, until)
    queue = await ctx.db.call(store.batches)
    outbox = await ctx.db.call(store.pending_outbox)
    return ShiftReport(
        since=since,
        until=until,
        line_name=ctx.settings.ui.line_name,
        batches=tuple(batches),
        totals=material_totals(batches),
        alarms=tuple(alarms),
        failures=tuple(failures),
        unsynced=tuple(b for b in queue if b.state in UNSYNCED),
        outbox=tuple(outbox),
        printed_at=utcnow(),
    )
