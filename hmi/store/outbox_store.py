"""Equipment failures read from the PLC and the outbox of messages for Odoo (part of
QueueRepository)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.outbox import OUTBOX_KINDS, FailureRecord, OutboxItem, OutboxState
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_count, check_id, check_limit, check_text, check_time
from hmi.store.models import REF_LEN, EquipmentFailureRow, OutboxRow

MAX_OUTBOX = 10_000


def to_failure(row: EquipmentFailureRow) -> FailureRecord:
    """A FailureRecord from an equipment_failure row."""
    return FailureRecord(
        id=row.id,
        equipment_id=row.equipment_id,
        fault_code=row.fault_code,
        occurred_at=row.occurred_at,
        batch_no=row.batch_no,
        message=row.message,
        stored_at=row.stored_at,
        acknowledged_at=row.acknowledged_at,
    )


def to_item(row: OutboxRow) -> OutboxItem:
    """An OutboxItem from an outbox row."""
    return OutboxItem(
        id=row.id,
        kind=row.kind,
        key=row.key,
        payload=row.payload,
        created_at=row.created_at,
        state=OutboxState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        sent_at=row.sent_at,
        remote_id=row.remote_id,
    )


def check_plc_time(value: object) -> datetime | None:
    """The PLC's clock: a naive datetime (local plant time) or None."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is not None:
        raise ValidationError(f"PLC time {value!r} is not a datetime without a zone")
    return value


def check_words(words: object) -> str:
    """Raw register words (0..65535) as space-separated text."""
    if isinstance(words, str | bytes) or not isinstance(words, Sequence):
        raise ValidationError(f"raw words {words!r} are not a sequence of integers")
    for word in words:
        if isinstance(word, bool) or not isinstance(word, int) or not 0 <= word <= 0xFFFF:
            raise ValidationError(f"raw word {word!r} is not a 16-bit value")
    return " ".join(str(word) for word in words)


class OutboxStore(RepositoryBase):
    """Equipment failures and the Odoo outbox over the store's sessions."""

    # -- equipment failures --------------------------------------------------------------------

    def store_failure(
        self,
        equipment_id: int,
        fault_code: int,
        occurred_at: datetime | None,
        batch_no: int,
        message: str,
        raw_words: Sequence[int] = (),
    ) -> FailureRecord:
        """Store a failure record read from the PLC, before it is acknowledged.

        The same record (same raw words) stored earlier and not yet acknowledged — a crash
        between storing and acknowledging — is returned instead of stored twice.
        """
        check_count("failure equipment id", equipment_id)
        check_count("failure fault code", fault_code)
        check_count("failure batch number", batch_no)
        check_text("failure message", message)
        when = check_plc_time(occurred_at)
        raw = check_words(raw_words)
        with self._write() as session:
            if raw:
                query = select(EquipmentFailureRow).where(
                    EquipmentFailureRow.raw_words == raw,
                    EquipmentFailureRow.acknowledged_at.is_(None),
                )
                found = session.scalars(query).first()
                if found is not None:
                    return to_failure(found)
            row = EquipmentFailureRow(
                equipment_id=equipment_id,
                fault_code=fault_code,
                occurred_at=when,
                batch_no=batch_no,
                message=message,
                raw_words=raw,
                stored_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return to_failure(row)

    def mark_failure_acknowledged(self, failure_id: int) -> FailureRecord:
        """Note that the PLC was told the failure is stored."""
        check_id("failure id", failure_id)
        with self._write() as session:
            row = session.get(EquipmentFailureRow, failure_id)
            if row is None:
                raise ValidationError(f"equipment failure id {failure_id} does not exist")
            if row.acknowledged_at is None:
                row.acknowledged_at = utcnow()
            session.flush()
            return to_failure(row)

    def failures_between(self, since: datetime, until: datetime) -> list[FailureRecord]:
        """Failures stored in [since, until), oldest first."""
        check_time("failures since", since, optional=False)
        check_time("failures until", until, optional=False)
        query = (
            select(EquipmentFailureRow)
            .where(EquipmentFailureRow.stored_at >= since, EquipmentFailureRow.stored_at < until)
            .order_by(EquipmentFailureRow.id)
        )
        with self._read() as session:
            return [to_failure(row) for row in session.scalars(query)]

    # -- outbox --------------------------------------------------------------------------------

    def enqueue(self, kind: str, key: str, payload: str) -> OutboxItem:
        """Add a message for Odoo; a key already in the outbox returns that item (idempotent)."""
        if kind not in OUTBOX_KINDS:
            raise ValidationError(f"outbox kind {kind!r} is unknown (one of: {OUTBOX_KINDS})")
        check_text("outbox key", key, REF_LEN, required=True)
        check_text("outbox payload", payload, required=True)
        with self._write() as session:
            found = session.scalars(select(OutboxRow).where(OutboxRow.key == key)).first()
            if found is not None:
                return to_item(found)
            row = OutboxRow(
                kind=kind,
                key=key,
                payload=payload,
                state=OutboxState.PENDING.value,
                created_at=utcnow(),
                attempts=0,
                last_error="",
            )
            session.add(row)
            session.flush()
            return to_item(row)

    def due_outbox(
        self, now: datetime | None = None, limit: int = 20, max_wait_s: float | None = None
    ) -> list[OutboxItem]:
        """Pending items whose backoff has passed, oldest first.

        `max_wait_s`: the longest backoff; an item due further ahead than that is due now
        (the clock was stepped back since it was scheduled)."""
        when = check_time("outbox time", now) or utcnow()
        check_limit("outbox batch size", limit, MAX_OUTBOX)
        due = OutboxRow.next_attempt_at.is_(None) | (OutboxRow.next_attempt_at <= when)
        if max_wait_s is not None:
            due = due | (OutboxRow.next_attempt_at > when + timedelta(seconds=max_wait_s))
        query = (
            select(OutboxRow)
            .where(OutboxRow.state == OutboxState.PENDING.value, due)
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        with self._read() as session:
            return [to_item(row) for row in session.scalars(query)]

    def pending_outbox(self) -> list[OutboxItem]:
        """Every item not yet delivered, oldest first."""
        query = (
            select(OutboxRow)
            .where(OutboxRow.state == OutboxState.PENDING.value)
            .order_by(OutboxRow.id)
        )
        with self._read() as session:
            return [to_item(row) for row in session.scalars(query)]

    def outbox_item(self, item_id: int) -> OutboxItem | None:
        """One item by id, or None."""
        check_id("outbox id", item_id)
        with self._read() as session:
            row = session.get(OutboxRow, item_id)
            return None if row is None else to_item(row)

    def _finish_item(self, item_id: int, state: OutboxState, **values: object) -> OutboxItem:
        check_id("outbox id", item_id)
        with self._write() as session:
            row = session.get(OutboxRow, item_id)
            if row is None:
                raise ValidationError(f"outbox item {item_id} does not exist")
            row.state = state.value
            for name, value in values.items():
                setattr(row, name, value)
            session.flush()
            return to_item(row)

    def mark_sent(self, item_id: int, remote_id: int | None = None) -> OutboxItem:
        """Odoo accepted the item."""
        if remote_id is not None:
            check_id("Odoo record id", remote_id)
        return self._finish_item(
            item_id, OutboxState.SENT, sent_at=utcnow(), remote_id=remote_id, next_attempt_at=None
        )

    def mark_skipped(self, item_id: int, reason: str) -> OutboxItem:
        """Odoo cannot take the item (e.g. its maintenance app is not installed)."""
        check_text("outbox skip reason", reason, required=True)
        return self._finish_item(
            item_id, OutboxState.SKIPPED, last_error=reason, next_attempt_at=None
        )

    def mark_failed(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """One more failed attempt; try again at `next_attempt_at`."""
        check_text("outbox error", error, required=True)
        check_time("outbox next attempt", next_attempt_at, optional=False)
        check_id("outbox id", item_id)
        with self._write() as session:
            row = session.get(OutboxRow, item_id)
            if row is None:
                raise ValidationError(f"outbox item {item_id} does not exist")
            row.attempts += 1
            row.last_error = error
            row.next_attempt_at = next_attempt_at
            session.flush()
            return to_item(row)
