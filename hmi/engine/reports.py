"""What the batch record and the shift report show, gathered from the store (no Qt here).

The UI renders these records to PDF (hmi.ui.batch_record). Times stay UTC here; the PDF
shows them in the plant's zone (hmi.domain.localtime).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from hmi.domain.alarms import Alarm
from hmi.domain.audit import ChainReport
from hmi.domain.errors import HmiError, ValidationError
from hmi.domain.links import utcnow
from hmi.domain.manual import ManualAddition
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import Batch
from hmi.domain.outbox import FailureRecord, OutboxItem
from hmi.domain.shifts import ShiftSpan, parse_shifts, shift_at
from hmi.domain.states import BatchState
from hmi.domain.units import ZERO_KG
from hmi.domain.users import AUTOMATIC
from hmi.engine.context import EngineContext
from hmi.store.records import ArchivedBatch, AuditEntry

#: Archived batches one shift report lists at most.
MAX_SHIFT_BATCHES = 2_000


@dataclass(frozen=True)
class BatchRecord:
    """One archived batch: its own alarms, its manual additions, its lots, who did what."""

    batch: ArchivedBatch
    alarms: tuple[Alarm, ...]
    fetched_by: str  # a person, or "automatic" (the timer)
    fetched_at: datetime | None
    line_name: str
    tolerance_pct: float
    printed_at: datetime
    manual: tuple[ManualAddition, ...] = ()
    #: move id → lot/serial names in Odoo; None when Odoo could not be asked
    lots: dict[int, tuple[str, ...]] | None = field(default_factory=dict)
    audit: tuple[AuditEntry, ...] = ()  # every audit entry naming the batch


@dataclass(frozen=True)
class MaterialTotal:
    """Planned and actual kg of one material over a shift (actual includes hand-added)."""

    product_ref: str
    equipment_id: int
    planned_kg: Decimal
    actual_kg: Decimal
    manual_kg: Decimal = ZERO_KG


@dataclass(frozen=True)
class Unreported:
    """A batch not reported to Odoo yet, and why (failed, needs attention, stalled, …)."""

    batch: Batch
    why: Message


@dataclass(frozen=True)
class ShiftReport:
    """A shift: batches archived, totals per material, alarms, who worked it, what is not yet
    in Odoo (every batch of the queue, with why), and the audit chain's head."""

    since: datetime
    until: datetime
    line_name: str
    batches: tuple[ArchivedBatch, ...]
    totals: tuple[MaterialTotal, ...]
    alarms: tuple[Alarm, ...]
    failures: tuple[FailureRecord, ...]
    unsynced: tuple[Unreported, ...]
    outbox: tuple[OutboxItem, ...]
    printed_at: datetime
    shift_name: str = ""
    people: tuple[tuple[str, str], ...] = ()  # (name, role)
    manual: tuple[ManualAddition, ...] = ()
    audit_head: ChainReport | None = None


def stored_message(text: str) -> Message:
    """A stored note or Odoo answer (a message's JSON, or plain text in older rows)."""
    return Message.from_json(text) if text else plain("-")


def material_totals(batches: Iterable[ArchivedBatch]) -> tuple[MaterialTotal, ...]:
    """Planned and actual kg per material of the reported batches, by product reference."""
    sums: dict[tuple[str, int], list[Decimal]] = {}
    for batch in batches:
        if batch.outcome is not BatchState.REPORTED:
            continue
        for line in batch.lines:
            acc = sums.setdefault((line.product_ref, line.equipment_id), [ZERO_KG] * 3)
            acc[0] += line.planned_kg
            acc[1] += (line.actual_kg or ZERO_KG) + line.manual_kg
            acc[2] += line.manual_kg
    return tuple(
        MaterialTotal(ref, eq, planned, actual, manual)
        for (ref, eq), (planned, actual, manual) in sorted(sums.items())
    )


def fetch_entry(entries: Iterable[AuditEntry], batch: ArchivedBatch) -> AuditEntry | None:
    """The audit's "fetch" entry that queued this batch: the latest one naming it before it
    was archived (batches archived before the history carried `fetched_by`)."""
    limit = batch.archived_at
    found = None
    for entry in entries:
        names = {name.strip() for name in entry.target.split(",")}
        if entry.action == "fetch" and batch.mo_name in names and entry.at <= limit:
            found = entry
    return found


async def _lots(ctx: EngineContext, batch: ArchivedBatch) -> dict[int, tuple[str, ...]] | None:
    """The lots Odoo has on the batch's moves; None when Odoo cannot be asked now."""
    if not ctx.odoo.state.up:
        return None
    try:
        return await ctx.odoo.lots_of_moves([line.move_id for line in batch.lines])
    except HmiError:
        return None


async def batch_record(ctx: EngineContext, mo_id: int) -> BatchRecord:
    """The batch record of one archived batch."""
    batch = await ctx.db.call(ctx.store.archived, mo_id)
    if batch is None:
        raise ValidationError(msg("record.not_archived", mo_id=mo_id))
    alarms = await ctx.db.call(ctx.store.alarms_of_batch, mo_id)
    entries = await ctx.db.call(
        ctx.store.audit_entries, 10_000, until=batch.archived_at, target=batch.mo_name
    )
    fetched = next((e for e in reversed(entries) if e.action == "fetch"), None)
    if fetched is None:
        fetched = fetch_entry(entries, batch)
    return BatchRecord(
        batch=batch,
        alarms=tuple(alarms),
        fetched_by=batch.fetched_by or (fetched.actor if fetched else AUTOMATIC),
        fetched_at=fetched.at if fetched else batch.queued_at,
        line_name=ctx.settings.ui.line_name,
        tolerance_pct=ctx.settings.batching.tolerance_pct,
        printed_at=utcnow(),
        manual=tuple(await ctx.db.call(ctx.store.manual_additions, mo_id)),
        lots=await _lots(ctx, batch),
        audit=tuple(e for e in entries if _names(e, batch.mo_name)),
    )


def _names(entry: AuditEntry, mo_name: str) -> bool:
    return mo_name in {part.strip() for part in entry.target.split(",")}


def why_unreported(batch: Batch, alarms: Iterable[Alarm]) -> Message:
    """Why a batch of the queue is not reported yet, in the operator's words."""
    own = [a for a in alarms if a.mo_id == batch.mo_id and a.active]
    if batch.state is BatchState.FAILED:
        return msg("shift.why.failed")
    if batch.state is BatchState.NEEDS_ATTENTION:
        return msg("shift.why.attention", answer=stored_message(batch.odoo_message))
    if own:
        return msg("shift.why.stalled", alarm=own[0].message)
    if batch.state in (BatchState.FINISHED, BatchState.REPORTED):
        answer = msg("note.extra", note=stored_message(batch.odoo_message))
        return msg("shift.why.waiting_odoo", answer=answer if batch.odoo_message else plain(""))
    if batch.state in (BatchState.SENT, BatchState.RUNNING):
        return msg("shift.why.on_plc", state=Message(f"batch.state.{batch.state.value}"))
    return msg("shift.why.queued")


def current_shift(ctx: EngineContext, now: datetime | None = None) -> ShiftSpan:
    """The shift running now (from `[ui] shifts`, in the plant's zone)."""
    return shift_at(now or utcnow(), parse_shifts(ctx.settings.ui.shifts))


async def shift_report(ctx: EngineContext, shift: ShiftSpan) -> ShiftReport:
    """The shift report of one shift: batches archived in [start, end), and every batch of
    the queue not reported yet."""
    since, until = shift.start, shift.end
    if since >= until:
        raise ValidationError(msg("record.bad_span", since=since.isoformat()))
    store = ctx.store
    batches = await ctx.db.call(store.history_page, 0, MAX_SHIFT_BATCHES, since=since, until=until)
    batches = sorted(batches, key=lambda b: b.archived_at)
    alarms = await ctx.db.call(store.alarms_between, since, until)
    active = await ctx.db.call(store.active_alarms)
    queue = await ctx.db.call(store.batches)
    return ShiftReport(
        since=since,
        until=until,
        line_name=ctx.settings.ui.line_name,
        batches=tuple(batches),
        totals=material_totals(batches),
        alarms=tuple(alarms),
        failures=tuple(await ctx.db.call(store.failures_between, since, until)),
        unsynced=tuple(Unreported(b, why_unreported(b, active)) for b in queue),
        outbox=tuple(await ctx.db.call(store.pending_outbox)),
        printed_at=utcnow(),
        shift_name=shift.label,
        people=tuple(await ctx.db.call(store.actors_between, since, until)),
        manual=tuple(await ctx.db.call(store.manual_between, since, until)),
        audit_head=await ctx.db.call(store.audit_head),
    )
