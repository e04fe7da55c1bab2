"""Stored alarms, the supervisor PIN lockout and retention (part of QueueRepository).

An alarm row keeps `active_key = key` while active: a unique constraint, so one key is
active at most once even with two panels on one database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from hmi.domain.alarms import Alarm, AlarmPriority, check_key
from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.roles import LockoutPolicy, PinAttempts
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_id, check_limit, check_text, check_time
from hmi.store.models import ACTOR_LEN, SOURCE_LEN, AlarmRow, EventLogRow, PinAttemptRow

MAX_ALARMS = 100_000


def to_alarm(row: AlarmRow) -> Alarm:
    """A domain Alarm from an alarm row."""
    return Alarm(
        id=row.id,
        key=row.key,
        source=row.source,
        priority=AlarmPriority(row.priority),
        text=row.text,
        raised_at=row.raised_at,
        cleared_at=row.cleared_at,
        acked_by=row.acked_by,
        acked_at=row.acked_at,
        shelved_by=row.shelved_by,
        shelved_until=row.shelved_until,
        mo_id=row.mo_id,
    )


def check_priority(value: object) -> AlarmPriority:
    """An AlarmPriority (or its number 1..3)."""
    try:
        return AlarmPriority(value)  # type: ignore[arg-type]
    except ValueError:
        raise ValidationError(f"alarm priority {value!r} is not 1, 2 or 3") from None


class AlarmStore(RepositoryBase):
    """Alarms, PIN attempts and pruning over the store's sessions."""

    # -- alarms ------------------------------------------------------------------------------

    def raise_alarm(
        self,
        key: str,
        text: str,
        *,
        source: str,
        priority: AlarmPriority | int,
        mo_id: int | None = None,
        at: datetime | None = None,
    ) -> Alarm:
        """Raise an alarm, or update the text of the one already active with this key."""
        check_key(key)
        check_text("alarm text", text, required=True)
        check_text("alarm source", source, SOURCE_LEN, required=True)
        level = check_priority(priority)
        if mo_id is not None:
            check_id("alarm MO id", mo_id)
        when = check_time("alarm time", at) or utcnow()
        with self._write() as session:
            row = session.scalars(select(AlarmRow).where(AlarmRow.active_key == key)).first()
            if row is None:
                row = AlarmRow(
                    key=key,
                    active_key=key,
                    source=source,
                    priority=int(level),
                    text=text,
                    raised_at=when,
                    acked_by="",
                    shelved_by="",
                    mo_id=mo_id,
                )
                session.add(row)
            elif row.text != text:
                row.text = text
            session.flush()
            return to_alarm(row)

    def clear_alarm(self, key: str, at: datetime | None = None) -> Alarm | None:
        """Clear the active alarm with this key; None if none is active."""
        check_key(key)
        when = check_time("alarm clear time", at) or utcnow()
        with self._write() as session:
            row = session.scalars(select(AlarmRow).where(AlarmRow.active_key == key)).first()
            if row is None:
                return None
            row.cleared_at = when
            row.active_key = None
            session.flush()
            return to_alarm(row)

    def acknowledge_alarm(
        self, alarm_id: int, actor: str, *, clear: bool = False, at: datetime | None = None
    ) -> Alarm:
        """Record who acknowledged the alarm (once); `clear` also clears a latched alarm."""
        check_id("alarm id", alarm_id)
        check_text("alarm acknowledged by", actor, ACTOR_LEN, required=True)
        when = check_time("alarm acknowledge time", at) or utcnow()
        with self._write() as session:
            row = self._alarm_row(session, alarm_id)
            if row.acked_at is None:
                row.acked_by, row.acked_at = actor, when
            if clear and row.cleared_at is None:
                row.cleared_at, row.active_key = when, None
            session.flush()
            return to_alarm(row)

    def shelve_alarm(self, alarm_id: int, actor: str, until: datetime) -> Alarm:
        """Hide the alarm from the banner until `until` (a supervisor's decision)."""
        check_id("alarm id", alarm_id)
        check_text("alarm shelved by", actor, ACTOR_LEN, required=True)
        check_time("alarm shelved until", until, optional=False)
        with self._write() as session:
            row = self._alarm_row(session, alarm_id)
            row.shelved_by, row.shelved_until = actor, until
            session.flush()
            return to_alarm(row)

    @staticmethod
    def _alarm_row(session: Session, alarm_id: int) -> AlarmRow:
        row = session.get(AlarmRow, alarm_id)
        if row is None:
            raise ValidationError(f"alarm id {alarm_id} does not exist")
        return row

    def get_alarm(self, alarm_id: int) -> Alarm | None:
        """One alarm by id, or None."""
        check_id("alarm id", alarm_id)
        with self._read() as session:
            row = session.get(AlarmRow, alarm_id)
            return None if row is None else to_alarm(row)

    def active_alarms(self) -> list[Alarm]:
        """Every alarm not cleared, oldest first."""
        query = select(AlarmRow).where(AlarmRow.cleared_at.is_(None)).order_by(AlarmRow.id)
        with self._read() as session:
            return [to_alarm(row) for row in session.scalars(query)]

    def alarm_list(self, limit: int = 500) -> list[Alarm]:
        """The alarm list: active alarms, then cleared ones not yet acknowledged, newest first."""
        check_limit("alarm count", limit, MAX_ALARMS)
        query = (
            select(AlarmRow)
            .where(or_(AlarmRow.cleared_at.is_(None), AlarmRow.acked_at.is_(None)))
            .order_by(AlarmRow.active_key.is_(None), AlarmRow.raised_at.desc(), AlarmRow.id.desc())
            .limit(limit)
        )
        with self._read() as session:
            return [to_alarm(row) for row in session.scalars(query)]

    def alarms_between(
        self, since: datetime, until: datetime, *, mo_id: int | None = None
    ) -> list[Alarm]:
        """Alarms active at some time in [since, until) (or raised for `mo_id`), oldest first."""
        check_time("alarms since", since, optional=False)
        check_time("alarms until", until, optional=False)
        if since > until:
            raise ValidationError(f"alarms 'since' {since} is after 'until' {until}")
        overlap = (AlarmRow.raised_at < until) & (
            AlarmRow.cleared_at.is_(None) | (AlarmRow.cleared_at >= since)
        )
        where = overlap if mo_id is None else or_(overlap, AlarmRow.mo_id == mo_id)
        query = select(AlarmRow).where(where).order_by(AlarmRow.raised_at, AlarmRow.id)
        with self._read() as session:
            return [to_alarm(row) for row in session.scalars(query)]

    def alarms_of_batch(self, mo_id: int) -> list[Alarm]:
        """The alarms raised about one batch (its MO id), oldest first: its batch record's."""
        check_id("MO id", mo_id)
        query = (
            select(AlarmRow)
            .where(AlarmRow.mo_id == mo_id)
            .order_by(AlarmRow.raised_at, AlarmRow.id)
        )
        with self._read() as session:
            return [to_alarm(row) for row in session.scalars(query)]

    # -- supervisor PIN lockout ----------------------------------------------------------------

    def pin_attempts(self, role: str = "supervisor") -> PinAttempts:
        """Wrong PINs in a row and the lockout of `role`."""
        with self._read() as session:
            row = session.get(PinAttemptRow, role)
            if row is None:
                return PinAttempts()
            return PinAttempts(row.failures, row.locked_until)

    def record_pin_failure(
        self, policy: LockoutPolicy, role: str = "supervisor", at: datetime | None = None
    ) -> PinAttempts:
        """Count one wrong PIN (in one transaction) and return the new state."""
        check_text("PIN role", role, ACTOR_LEN, required=True)
        when = check_time("PIN failure time", at) or utcnow()
        with self._write() as session:
            row = session.get(PinAttemptRow, role)
            if row is None:
                row = PinAttemptRow(role=role, failures=0)
                session.add(row)
            state = PinAttempts(row.failures or 0, row.locked_until).after_failure(when, policy)
            row.failures, row.locked_until, row.last_failure_at = (
                state.failures,
                state.locked_until,
                when,
            )
            return state

    def reset_pin_failures(self, role: str = "supervisor") -> None:
        """A right PIN: forget the wrong ones."""
        with self._write() as session:
            row = session.get(PinAttemptRow, role)
            if row is not None:
                row.failures, row.locked_until = 0, None

    # -- retention -----------------------------------------------------------------------------

    def prune(self, older_than: datetime) -> tuple[int, int]:
        """Delete event-log lines and alarms cleared before `older_than`;
        batch history is kept. Returns (events deleted, alarms deleted)."""
        check_time("prune 'older than'", older_than, optional=False)
        with self._write() as session:
            events = session.execute(delete(EventLogRow).where(EventLogRow.at < older_than))
            alarms = session.execute(
                delete(AlarmRow).where(
                    AlarmRow.cleared_at.is_not(None), AlarmRow.cleared_at < older_than
                )
            )
            return int(events.rowcount or 0), int(alarms.rowcount or 0)  # type: ignore[attr-defined]
