"""The queue repository: `mo_batch` with the atomic gate, the history, the event log, the audit.

Every method opens and closes its own short session. Write transactions start with
`BEGIN IMMEDIATE` on SQLite (see `hmi.store.database`), so they take the write lock first
and never fail half-way on a lock upgrade; `fill_if_empty` additionally locks `mo_batch` on
PostgreSQL. All inputs are checked before the database sees them; errors name the MO.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session, selectinload

from hmi.domain.acks import AckState
from hmi.domain.errors import InvalidTransition, ValidationError
from hmi.domain.links import utcnow
from hmi.domain.model import Batch, BatchLine
from hmi.domain.states import TERMINAL, BatchState, check_transition
from hmi.store.ack_store import AckStore, put_ack
from hmi.store.alarm_store import AlarmStore
from hmi.store.checks import (
    check_count,
    check_id,
    check_kg,
    check_limit,
    check_text,
    check_time,
)
from hmi.store.manual_store import ManualStore
from hmi.store.models import (
    ACTOR_LEN,
    CONSUMPTION_LEN,
    LEVELS,
    NAME_LEN,
    REF_LEN,
    SOURCE_LEN,
    BatchLineRow,
    EventLogRow,
    HistoryLineRow,
    MoBatchRow,
    MoHistoryRow,
)
from hmi.store.outbox_store import OutboxStore
from hmi.store.records import ArchivedBatch, EventTuple
from hmi.store.refusal_store import RefusalStore
from hmi.store.unknown_store import UnknownStore
from hmi.store.user_store import UserStore

MAX_PAGE = 2**31 - 1  # any page a SQL integer can express
MAX_EVENTS = 100_000
ID_CHUNK = 500


# --- input checks -------------------------------------------------------------------------


def check_state(value: Any) -> BatchState:
    """A BatchState (or its text value)."""
    try:
        return BatchState(value)
    except ValueError:
        known = ", ".join(state.value for state in BatchState)
        raise ValidationError(f"batch state {value!r} is unknown (one of: {known})") from None


def check_level(value: Any) -> str:
    """A log level name, upper-cased."""
    level = value.upper() if isinstance(value, str) else value
    if level not in LEVELS:
        raise ValidationError(f"log level {value!r} is unknown (one of: {', '.join(LEVELS)})")
    return level


#: Columns of mo_batch that set_state(**changes) may set, and how each is checked.
CHANGEABLE: dict[str, Callable[[str, Any], Any]] = {
    "finished_weight_kg": lambda name, v: check_kg(name, v, optional=True),
    "produced_kg": lambda name, v: check_kg(name, v, optional=True),
    "note": check_text,
    "odoo_message": check_text,
    "report_attempts": check_count,
    "next_attempt_at": check_time,
    "started_at": check_time,
    "finished_at": check_time,
    "fetched_by": lambda name, v: check_text(name, v, ACTOR_LEN),
    "confirmed_by": lambda name, v: check_text(name, v, ACTOR_LEN),
    "reported_by": lambda name, v: check_text(name, v, ACTOR_LEN),
}


def check_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the extra columns of set_state; unknown names are refused by name."""
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise ValidationError(
            f"cannot set {', '.join(unknown)} on a batch (allowed: {', '.join(CHANGEABLE)})"
        )
    return {name: CHANGEABLE[name](name, value) for name, value in changes.items()}


def check_line(batch: str, line: Any) -> BatchLine:
    """One material of a batch about to be queued."""
    if not isinstance(line, BatchLine):
        raise ValidationError(f"{batch}: line {line!r} is not a BatchLine")
    check_id(f"{batch}: equipment id", line.equipment_id)
    check_id(f"{batch}: move id", line.move_id)
    check_id(f"{batch}: product id", line.product_id)
    check_text(f"{batch}: product reference", line.product_ref, REF_LEN)
    check_kg(f"{batch}: planned quantity of equipment {line.equipment_id}", line.planned_kg)
    check_kg(f"{batch}: actual of equipment {line.equipment_id}", line.actual_kg, optional=True)
    check_kg(f"{batch}: consumed before, equipment {line.equipment_id}", line.consumed_kg)
    return line


def check_batch(batch: Any) -> Batch:
    """One batch about to be queued: names fit, quantity positive, lines valid and distinct."""
    if not isinstance(batch, Batch):
        raise ValidationError(f"{batch!r} is not a Batch")
    check_id("MO id", batch.mo_id)
    label = f"MO {batch.mo_name!r} (id {batch.mo_id})"
    check_text(f"{label}: MO name", batch.mo_name, NAME_LEN, required=True)
    check_text(f"{label}: BoM name", batch.bom_name, NAME_LEN)
    check_text(f"{label}: product name", batch.product_name, NAME_LEN, required=True)
    check_kg(f"{label}: quantity", batch.quantity_kg, positive=True)
    check_text(f"{label}: BoM consumption", batch.consumption, CONSUMPTION_LEN, required=True)
    if not batch.lines:
        raise ValidationError(f"{label} has no materials")
    equipment = [check_line(label, line).equipment_id for line in batch.lines]
    if len(set(equipment)) != len(equipment):
        raise ValidationError(f"{label} doses one silo/tank twice: equipment {equipment}")
    check_changes({f.name: getattr(batch, f.name) for f in fields(Batch) if f.name in CHANGEABLE})
    return batch


def check_batches(batches: Any) -> list[Batch]:
    """The gate's input: at least one batch, distinct MO ids, slots exactly 1..N."""
    if isinstance(batches, str | bytes) or not isinstance(batches, Sequence):
        raise ValidationError(f"batches {batches!r} is not a sequence of Batch")
    items = [check_batch(batch) for batch in batches]
    if not items:
        raise ValidationError("no batches to queue: the gate needs at least one")
    ids = [batch.mo_id for batch in items]
    if len(set(ids)) != len(ids):
        raise ValidationError(f"an MO appears twice in the batches to queue: ids {sorted(ids)}")
    slots = sorted(batch.slot for batch in items)
    if slots != list(range(1, len(items) + 1)):
        raise ValidationError(
            f"the {len(items)} batches to queue must carry slots 1..{len(items)} once each, "
            f"not {slots}"
        )
    return items


# --- row <-> record -----------------------------------------------------------------------


def to_line(row: BatchLineRow | HistoryLineRow) -> BatchLine:
    """A domain BatchLine from a batch_line or history_line row."""
    return BatchLine(
        equipment_id=row.equipment_id,
        move_id=row.move_id,
        product_id=row.product_id,
        product_ref=row.product_ref,
        planned_kg=row.planned_kg,
        actual_kg=row.actual_kg,
        consumed_kg=row.consumed_kg,
        manual_kg=row.manual_kg,
    )


def to_batch(row: MoBatchRow) -> Batch:
    """A domain Batch from a mo_batch row with its lines."""
    return Batch(
        mo_id=row.mo_id,
        mo_name=row.mo_name,
        bom_name=row.bom_name,
        product_name=row.product_name,
        quantity_kg=row.quantity_kg,
        lines=tuple(to_line(line) for line in row.lines),
        slot=row.slot,
        state=BatchState(row.state),
        finished_weight_kg=row.finished_weight_kg,
        produced_kg=row.produced_kg,
        note=row.note,
        odoo_message=row.odoo_message,
        report_attempts=row.report_attempts,
        next_attempt_at=row.next_attempt_at,
        queued_at=row.queued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        consumption=row.consumption,
        fetched_by=row.fetched_by,
        confirmed_by=row.confirmed_by,
        reported_by=row.reported_by,
    )


LINE_COLUMNS = (
    "equipment_id",
    "move_id",
    "product_id",
    "product_ref",
    "planned_kg",
    "actual_kg",
    "consumed_kg",
    "manual_kg",
)
BATCH_COLUMNS = (
    "mo_id",
    "slot",
    "mo_name",
    "bom_name",
    "product_name",
    "quantity_kg",
    "finished_weight_kg",
    "produced_kg",
    "note",
    "odoo_message",
    "report_attempts",
    "queued_at",
    "started_at",
    "finished_at",
    "consumption",
    "fetched_by",
    "confirmed_by",
    "reported_by",
)


def line_values(line: BatchLine | BatchLineRow) -> dict[str, Any]:
    """The columns of one material (Decimal kg on the 0.01 kg grid, stored exactly)."""
    return {name: getattr(line, name) for name in LINE_COLUMNS}


def to_row(batch: Batch, queued_at: datetime) -> MoBatchRow:
    """A new mo_batch row, state queued, from a validated batch."""
    values = {name: getattr(batch, name) for name in BATCH_COLUMNS}
    values.update(state=BatchState.QUEUED.value, queued_at=queued_at)
    values["next_attempt_at"] = batch.next_attempt_at
    lines = [BatchLineRow(position=i, **line_values(line)) for i, line in enumerate(batch.lines)]
    return MoBatchRow(lines=lines, **values)


def to_history(row: MoBatchRow, outcome: BatchState, actor: str, reason: str) -> MoHistoryRow:
    """The mo_history row (with its lines) for a batch leaving the queue now."""
    values = {name: getattr(row, name) for name in BATCH_COLUMNS}
    lines = [HistoryLineRow(position=line.position, **line_values(line)) for line in row.lines]
    return MoHistoryRow(
        lines=lines,
        outcome=outcome.value,
        actor=actor,
        reason=reason,
        archived_at=utcnow(),
        **values,
    )


def to_archived(row: MoHistoryRow) -> ArchivedBatch:
    """An ArchivedBatch record from a mo_history row with its lines."""
    return ArchivedBatch(
        mo_id=row.mo_id,
        mo_name=row.mo_name,
        bom_name=row.bom_name,
        product_name=row.product_name,
        quantity_kg=row.quantity_kg,
        produced_kg=row.produced_kg,
        finished_weight_kg=row.finished_weight_kg,
        outcome=BatchState(row.outcome),
        note=row.note,
        odoo_message=row.odoo_message,
        actor=row.actor,
        reason=row.reason,
        queued_at=row.queued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        archived_at=row.archived_at,
        lines=tuple(to_line(line) for line in row.lines),
        consumption=row.consumption,
        fetched_by=row.fetched_by,
        confirmed_by=row.confirmed_by,
        reported_by=row.reported_by,
    )


def history_filters(
    dialect: str,
    since: datetime | None,
    until: datetime | None,
    product: str | None,
    mo: str | None,
) -> list[ColumnElement[bool]]:
    """WHERE clauses of the history view: archived in [since, until), product and MO name parts.

    Product and MO name match a part, ignoring case; SQLite's LIKE already ignores ASCII case,
    so it gets a plain LIKE (about 3 times faster than comparing lower() of every row).
    """
    check_time("history 'since'", since)
    check_time("history 'until'", until)
    if since is not None and until is not None and since > until:
        raise ValidationError(f"history 'since' {since} is after 'until' {until}")
    clauses: list[ColumnElement[bool]] = []
    if since is not None:
        clauses.append(MoHistoryRow.archived_at >= since)
    if until is not None:
        clauses.append(MoHistoryRow.archived_at < until)
    for column, what, value in (
        (MoHistoryRow.product_name, "history product", product),
        (MoHistoryRow.mo_name, "history MO name", mo),
    ):
        if value is not None and check_text(what, value).strip():
            like = column.contains if dialect == "sqlite" else column.icontains
            clauses.append(like(value.strip(), autoescape=True))
    return clauses


def stamp(row: MoBatchRow, state: BatchState, changes: Mapping[str, Any]) -> None:
    """Check the transition, set the state and the given columns; stamp start/finish times."""
    try:
        check_transition(BatchState(row.state), state)
    except InvalidTransition as exc:
        raise InvalidTransition(f"MO {row.mo_name} (id {row.mo_id}): {exc}") from None
    if state is BatchState.RUNNING and row.started_at is None:
        row.started_at = utcnow()
    if state is BatchState.FINISHED and row.finished_at is None:
        row.finished_at = utcnow()
    row.state = state.value
    for name, value in changes.items():
        setattr(row, name, value)


def not_queued(mo_id: int) -> ValidationError:
    """The error for an MO id that is not in mo_batch."""
    return ValidationError(f"MO id {mo_id} is not in the queue (mo_batch)")


# --- the repository -----------------------------------------------------------------------


class QueueRepository(
    AlarmStore, OutboxStore, AckStore, RefusalStore, UnknownStore, UserStore, ManualStore
):
    """Synchronous repository over `mo_batch` and friends; satisfies engine.ports.StorePort."""

    @staticmethod
    def _load(session: Session, mo_id: int) -> MoBatchRow | None:
        """One mo_batch row with its lines."""
        query = select(MoBatchRow).options(selectinload(MoBatchRow.lines))
        return session.scalars(query.where(MoBatchRow.mo_id == mo_id)).one_or_none()

    # -- StorePort ---------------------------------------------------------------------------

    def count(self) -> int:
        """Number of rows in mo_batch."""
        with self._read() as session:
            return int(session.scalar(select(func.count()).select_from(MoBatchRow)) or 0)

    def fill_if_empty(self, batches: Sequence[Batch]) -> bool:
        """The gate: in one exclusive transaction insert all as queued iff mo_batch is empty."""
        items = check_batches(batches)
        ids = [batch.mo_id for batch in items]
        with self._write() as session:
            if self._dialect == "postgresql":
                session.execute(text("LOCK TABLE mo_batch IN EXCLUSIVE MODE"))
            if session.scalar(select(MoBatchRow.mo_id).limit(1)) is not None:
                return False
            archived = set(
                session.scalars(select(MoHistoryRow.mo_id).where(MoHistoryRow.mo_id.in_(ids)))
            )
            if archived:
                names = ", ".join(
                    f"{b.mo_name} (id {b.mo_id})" for b in items if b.mo_id in archived
                )
                raise ValidationError(
                    f"already archived (reported or cancelled), never queued again: {names}; "
                    "nothing was queued"
                )
            now = utcnow()
            session.add_all([to_row(batch, now) for batch in items])
        return True

    def batches(self) -> list[Batch]:
        """Every batch in mo_batch with its lines, ordered by slot."""
        query = select(MoBatchRow).options(selectinload(MoBatchRow.lines)).order_by(MoBatchRow.slot)
        with self._read() as session:
            return [to_batch(row) for row in session.scalars(query)]

    def get(self, mo_id: int) -> Batch | None:
        """One batch or None."""
        check_id("MO id", mo_id)
        with self._read() as session:
            row = self._load(session, mo_id)
            return None if row is None else to_batch(row)

    def set_state(
        self, mo_id: int, state: BatchState, *, acknowledge: bool = False, **changes: Any
    ) -> Batch:
        """Move a batch to `state` (checked transition) and set other columns.

        `acknowledge`: in the same transaction, record that its PLC slot's read flag must be
        set (a pending acknowledgement, hmi.domain.acks)."""
        check_id("MO id", mo_id)
        new_state = check_state(state)
        values = check_changes(changes)
        with self._write() as session:
            row = self._load(session, mo_id)
            if row is None:
                raise not_queued(mo_id)
            stamp(row, new_state, values)
            if acknowledge:
                put_ack(session, row.slot, row.mo_id, row.mo_name, AckState.PENDING)
            session.flush()
            return to_batch(row)

    def claim(self, mo_id: int, owner: str, seconds: float) -> bool:
        """Claim a batch for reporting for `seconds`; False if another owner's claim is live.

        A claim ending further ahead than `seconds` from now is taken as lapsed: the clock
        was stepped back since it was made (every claim lasts `seconds` at most)."""
        check_id("MO id", mo_id)
        if not owner or len(owner) > ACTOR_LEN or not 0 < seconds <= 86_400:
            raise ValidationError(f"claim of MO id {mo_id}: bad owner {owner!r} or {seconds} s")
        now = utcnow()
        cap = now + timedelta(seconds=seconds)
        with self._write() as session:
            row = session.get(MoBatchRow, mo_id)
            if row is None:
                raise not_queued(mo_id)
            live = row.claim_owner not in (None, owner) and (
                row.claim_until is not None and now < row.claim_until <= cap
            )
            if live:
                return False
            row.claim_owner = owner
            row.claim_until = cap
            return True

    def claim_of(self, mo_id: int) -> tuple[str, datetime] | None:
        """Who holds the report claim of a batch and until when, or None."""
        check_id("MO id", mo_id)
        with self._read() as session:
            row = session.get(MoBatchRow, mo_id)
            if row is None or row.claim_owner is None or row.claim_until is None:
                return None
            return row.claim_owner, row.claim_until

    def release_claim(self, mo_id: int, owner: str) -> bool:
        """Drop the claim of `owner` (another process's, found dead or released by a
        supervisor); False if the batch is gone or someone else holds it now."""
        check_id("MO id", mo_id)
        with self._write() as session:
            row = session.get(MoBatchRow, mo_id)
            if row is None or row.claim_owner != owner:
                return False
            row.claim_owner = None
            row.claim_until = None
            return True

    def release(self, mo_id: int, owner: str) -> None:
        """Drop this owner's claim (nothing if the batch is gone or someone else holds it)."""
        with self._write() as session:
            row = session.get(MoBatchRow, mo_id)
            if row is not None and row.claim_owner == owner:
                row.claim_owner = None
                row.claim_until = None

    def remap_lines(self, mo_id: int, equipment_by_move: Mapping[int, int]) -> Batch:
        """Point lines (by Odoo move id) at other silos/tanks in one transaction (commissioning:
        a supervisor resends a batch held by an equipment table change)."""
        check_id("MO id", mo_id)
        wanted = {
            check_id("move id", m): check_id("equipment id", e)
            for m, e in equipment_by_move.items()
        }
        with self._write() as session:
            row = self._load(session, mo_id)
            if row is None:
                raise not_queued(mo_id)
            lines = {line.move_id: line for line in row.lines}
            unknown = sorted(set(wanted) - set(lines))
            if unknown:
                raise ValidationError(f"MO {row.mo_name} has no moves {unknown}")
            for move_id in wanted:  # two steps: silos may swap (unique per batch)
                lines[move_id].equipment_id = -lines[move_id].equipment_id
            session.flush()
            for move_id, equipment_id in wanted.items():
                lines[move_id].equipment_id = equipment_id
            session.flush()
            return to_batch(row)

    def set_many_state(self, mo_ids: Collection[int], state: BatchState) -> None:
        """Move several batches to `state` in one transaction (all or none)."""
        ids = {check_id("MO id", mo_id) for mo_id in mo_ids}
        new_state = check_state(state)
        if not ids:
            return
        with self._write() as session:
            rows = list(session.scalars(select(MoBatchRow).where(MoBatchRow.mo_id.in_(ids))))
            missing = sorted(ids - {row.mo_id for row in rows})
            if missing:
                raise ValidationError(f"MO ids {missing} are not in the queue (mo_batch)")
            for row in rows:
                stamp(row, new_state, {})

    def record_actuals(
        self,
        mo_id: int,
        actuals: Mapping[int, Decimal],
        *,
        state: BatchState | None = None,
        finished_weight_kg: Decimal | None = None,
        produced_kg: Decimal | None = None,
        note: str | None = None,
        acknowledge: bool = False,
        confirmed_by: str | None = None,
    ) -> Batch:
        """Store actual kg per equipment id (and optionally a new state) in one transaction.

        `acknowledge`: in the same transaction, record that its PLC slot's read flag must be
        set (a pending acknowledgement, hmi.domain.acks). `confirmed_by`: who confirmed the
        values ("PLC", or a supervisor after a decision)."""
        check_id("MO id", mo_id)
        if not isinstance(actuals, Mapping):
            raise ValidationError(f"actuals {actuals!r} is not a mapping of equipment id to kg")
        values = {
            check_id("equipment id", eq): check_kg(f"actual of equipment {eq}", kg)
            for eq, kg in actuals.items()
        }
        changes = check_changes(
            {
                name: value
                for name, value in (
                    ("finished_weight_kg", finished_weight_kg),
                    ("produced_kg", produced_kg),
                    ("note", note),
                    ("confirmed_by", confirmed_by),
                )
                if value is not None
            }
        )
        new_state = None if state is None else check_state(state)
        with self._write() as session:
            row = self._load(session, mo_id)
            if row is None:
                raise not_queued(mo_id)
            self._apply_actuals(row, values)
            stamp(row, new_state or BatchState(row.state), changes)
            if acknowledge:
                put_ack(session, row.slot, row.mo_id, row.mo_name, AckState.PENDING)
            session.flush()
            return to_batch(row)

    @staticmethod
    def _apply_actuals(row: MoBatchRow, values: Mapping[int, Decimal]) -> None:
        """Set actual_kg of the batch's lines; an equipment the batch does not use is refused."""
        lines = {line.equipment_id: line for line in row.lines}
        unknown = sorted(set(values) - set(lines))
        if unknown:
            raise ValidationError(
                f"MO {row.mo_name} (id {row.mo_id}) uses no silo/tank {unknown}: "
                f"its equipment is {sorted(lines)}"
            )
        for equipment_id, kg in values.items():
            lines[equipment_id].actual_kg = kg

    def archive(self, mo_id: int, outcome: BatchState, *, actor: str, reason: str = "") -> None:
        """Copy to mo_history (+lines) and delete from mo_batch in one transaction.

        Archiving again an MO already archived with the same outcome does nothing (a retry
        after a crash); an MO in neither table is refused.
        """
        check_id("MO id", mo_id)
        final = check_state(outcome)
        if final not in TERMINAL:
            raise ValidationError(f"MO id {mo_id}: cannot archive as {final.value}")
        check_text("actor", actor, ACTOR_LEN, required=True)
        required = final is BatchState.CANCELLED
        check_text(f"reason for cancelling MO id {mo_id}", reason, required=required)
        with self._write() as session:
            row = self._load(session, mo_id)
            if row is None:
                self._check_archived(session, mo_id, final)
                return
            stamp(row, final, {})
            session.add(to_history(row, final, actor, reason))
            session.delete(row)

    @staticmethod
    def _check_archived(session: Session, mo_id: int, outcome: BatchState) -> None:
        """Accept a repeated archive with the same outcome; refuse anything else."""
        done = session.get(MoHistoryRow, mo_id)
        if done is None:
            raise not_queued(mo_id)
        if done.outcome != outcome.value:
            raise ValidationError(
                f"MO {done.mo_name} (id {mo_id}) is already archived as {done.outcome}, "
                f"not {outcome.value}"
            )

    def archived_ids(self, mo_ids: Collection[int] | None = None) -> set[int]:
        """MO ids present in mo_history (reported or cancelled); all of them when None."""
        with self._read() as session:
            if mo_ids is None:
                return set(session.scalars(select(MoHistoryRow.mo_id)))
            ids = sorted({check_id("MO id", mo_id) for mo_id in mo_ids})
            found: set[int] = set()
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start : start + ID_CHUNK]
                query = select(MoHistoryRow.mo_id).where(MoHistoryRow.mo_id.in_(chunk))
                found.update(session.scalars(query))
            return found

    def archived_names(self, names: Collection[str]) -> set[str]:
        """The MO names among `names` present in mo_history (reported or cancelled)."""
        wanted = sorted({check_text("MO name", name, NAME_LEN) for name in names})
        found: set[str] = set()
        with self._read() as session:
            for start in range(0, len(wanted), ID_CHUNK):
                chunk = wanted[start : start + ID_CHUNK]
                query = select(MoHistoryRow.mo_name).where(MoHistoryRow.mo_name.in_(chunk))
                found.update(session.scalars(query))
        return found

    def log_event(self, level: str, source: str, message: str, at: datetime | None = None) -> None:
        """Persist one event-log line."""
        row = EventLogRow(
            at=check_time("event time", at) or utcnow(),
            level=check_level(level),
            source=check_text("event source", source, SOURCE_LEN, required=True),
            message=check_text("event message", message),
        )
        with self._write() as session:
            session.add(row)

    # -- for the UI (through the engine's DB thread) -----------------------------------------

    def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[ArchivedBatch]:
        """Archived batches, newest first, filtered by archive time and parts of product/MO name."""
        check_count("history offset", offset)
        check_limit("history page size", limit, MAX_PAGE)
        query = (
            select(MoHistoryRow)
            .where(*history_filters(self._dialect, since, until, product, mo))
            .options(selectinload(MoHistoryRow.lines))
            .order_by(MoHistoryRow.archived_at.desc(), MoHistoryRow.mo_id.desc())
            .offset(offset)
            .limit(limit)
        )
        with self._read() as session:
            return [to_archived(row) for row in session.scalars(query)]

    def history_count(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        """How many archived batches match the same filters as history_page."""
        query = select(func.count()).select_from(MoHistoryRow)
        query = query.where(*history_filters(self._dialect, since, until, product, mo))
        with self._read() as session:
            return int(session.scalar(query) or 0)

    def history_products(self) -> list[str]:
        """Distinct product names in the history, sorted (for the history view's filter)."""
        query = select(MoHistoryRow.product_name).distinct().order_by(MoHistoryRow.product_name)
        with self._read() as session:
            return list(session.scalars(query))

    def recent_events(self, limit: int = 500, min_level: str = "DEBUG") -> list[EventTuple]:
        """The newest `limit` events at `min_level` or above as (at, level, source, message),
        newest last."""
        check_limit("event count", limit, MAX_EVENTS)
        levels = LEVELS[LEVELS.index(check_level(min_level)) :]
        query = (
            select(EventLogRow.at, EventLogRow.level, EventLogRow.source, EventLogRow.message)
            .where(EventLogRow.level.in_(levels))
            .order_by(EventLogRow.at.desc(), EventLogRow.id.desc())
            .limit(limit)
        )
        with self._read() as session:
            rows = session.execute(query).all()
        return [(at, level, source, message) for at, level, source, message in reversed(rows)]

    def archived(self, mo_id: int) -> ArchivedBatch | None:
        """One archived batch with its lines, or None."""
        check_id("MO id", mo_id)
        query = select(MoHistoryRow).options(selectinload(MoHistoryRow.lines))
        with self._read() as session:
            row = session.scalars(query.where(MoHistoryRow.mo_id == mo_id)).one_or_none()
            return None if row is None else to_archived(row)
