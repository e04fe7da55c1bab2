"""The audit trail (part of QueueRepository): entries chained by hash, written in the same
transaction as the change they record, verified link by link.

`audited(note, change, *args)` runs a store change and appends its entry in ONE write
transaction (`RepositoryBase.atomic`): a crash leaves both or neither. Appends take the
database's write lock (SQLite `BEGIN IMMEDIATE`; PostgreSQL an advisory transaction lock), so
two panels sharing a database still form one chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select, text

from hmi.domain.audit import (
    AUTOMATIC_ROLE,
    GENESIS,
    UNVERIFIED,
    AuditNote,
    ChainReport,
    ChainRow,
    chain_hash,
    verify_chain,
)
from hmi.domain.links import utcnow
from hmi.domain.users import AUTOMATIC, RESERVED_NAMES
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_limit, check_text, check_time
from hmi.store.models import ACTOR_LEN, REF_LEN, STATE_LEN, AuditRow, UserRow
from hmi.store.records import AuditEntry

T = TypeVar("T")
MAX_ENTRIES = 100_000
AUDIT_LOCK = 0x484D4902  # PostgreSQL advisory lock key of audit appends ("HMI" 2)
VERIFY_BATCH = 2_000


def to_entry(row: AuditRow) -> AuditEntry:
    """An AuditEntry record from an audit row (the chain's hashes stay in the store)."""
    return AuditEntry(
        at=row.at,
        actor=row.actor,
        action=row.action,
        target=row.target,
        before=row.before,
        after=row.after,
        reason=row.reason,
        role=row.role,
        id=row.id,
    )


class AuditStore(RepositoryBase):
    """Appends chained audit entries, lists them, and verifies the chain."""

    def audit(
        self,
        actor: str,
        action: str,
        target: str = "",
        before: str = "",
        after: str = "",
        reason: str = "",
        *,
        role: str = "",
    ) -> None:
        """Record who did what, with before/after values (its own transaction, or the
        `atomic` block's). `role` "" = the actor's role as stored (named user), "automatic"
        for what the HMI did by itself."""
        self.write_audit(AuditNote(actor, role, action, target, before, after, reason))

    def write_audit(self, note: AuditNote) -> None:
        """Append one entry to the chain."""
        check_text("audit actor", note.actor, ACTOR_LEN, required=True)
        check_text("audit role", note.role, STATE_LEN)
        check_text("audit action", note.action, REF_LEN, required=True)
        for what, value in (
            ("target", note.target),
            ("'before'", note.before),
            ("'after'", note.after),
            ("reason", note.reason),
        ):
            check_text(f"audit {what}", value)
        with self._write() as session:
            if self._dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK})
            if not note.role:
                note = AuditNote(
                    note.actor,
                    self._role_of(session, note.actor),
                    note.action,
                    note.target,
                    note.before,
                    note.after,
                    note.reason,
                )
            last = session.execute(
                select(AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
            ).scalar_one_or_none()
            previous = last or GENESIS
            row = AuditRow(
                at=utcnow(),
                actor=note.actor,
                role=note.role,
                action=note.action,
                target=note.target,
                before=note.before,
                after=note.after,
                reason=note.reason,
                prev_hash=previous,
                hash="",
            )
            session.add(row)
            session.flush()
            row.hash = chain_hash(previous, row.id, row.at, note)

    @staticmethod
    def _role_of(session: Any, actor: str) -> str:
        """The stored role of a named user; "automatic" for the HMI's own words."""
        if actor.casefold() in RESERVED_NAMES:
            return AUTOMATIC_ROLE
        role = session.execute(
            select(UserRow.role).where(UserRow.name_key == actor.casefold())
        ).scalar_one_or_none()
        return str(role or "")

    def audited(self, note: AuditNote, change: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run the store change `change(*args, **kwargs)` and append `note` in ONE transaction."""

        def both() -> T:
            result = change(*args, **kwargs)
            self.write_audit(note)
            return result

        return self.atomic(both)

    def audit_entries(
        self,
        limit: int = 500,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
    ) -> list[AuditEntry]:
        """The newest `limit` audit entries in [since, until), newest last; `actor`, `action`
        and `target` match a part of the text, ignoring case."""
        check_limit("audit entry count", limit, MAX_ENTRIES)
        check_time("audit 'since'", since)
        check_time("audit 'until'", until)
        clauses: list[ColumnElement[bool]] = []
        if since is not None:
            clauses.append(AuditRow.at >= since)
        if until is not None:
            clauses.append(AuditRow.at < until)
        for column, what, value in (
            (AuditRow.actor, "audit actor filter", actor),
            (AuditRow.action, "audit action filter", action),
            (AuditRow.target, "audit target filter", target),
        ):
            if value is not None and check_text(what, value).strip():
                clauses.append(column.icontains(value.strip(), autoescape=True))
        query = (
            select(AuditRow)
            .where(*clauses)
            .order_by(AuditRow.at.desc(), AuditRow.id.desc())
            .limit(limit)
        )
        with self._read() as session:
            return [to_entry(row) for row in reversed(list(session.scalars(query)))]

    def actors_between(self, since: datetime, until: datetime) -> list[tuple[str, str]]:
        """(name, role) of every person with an audit entry in [since, until), in order of
        their first entry (who worked a shift); the HMI's own actor is left out."""
        check_time("audit 'since'", since, optional=False)
        check_time("audit 'until'", until, optional=False)
        query = (
            select(AuditRow.actor, AuditRow.role)
            .where(AuditRow.at >= since, AuditRow.at < until)
            .order_by(AuditRow.id)
        )
        seen: dict[str, tuple[str, str]] = {}
        with self._read() as session:
            for actor, role in session.execute(query):
                key = actor.casefold()
                if (
                    key in RESERVED_NAMES
                    or key == AUTOMATIC
                    or role in (AUTOMATIC_ROLE, UNVERIFIED)
                ):
                    continue
                if key not in seen or (role and not seen[key][1]):
                    seen[key] = (actor, role)
        return list(seen.values())

    def _chain_rows(self) -> Iterator[ChainRow]:
        """Every audit row in id order, read in batches."""
        after = 0
        while True:
            query = (
                select(AuditRow)
                .where(AuditRow.id > after)
                .order_by(AuditRow.id)
                .limit(VERIFY_BATCH)
            )
            with self._read() as session:
                rows = list(session.scalars(query))
            if not rows:
                return
            for row in rows:
                note = AuditNote(
                    row.actor, row.role, row.action, row.target, row.before, row.after, row.reason
                )
                yield ChainRow(row.id, row.at, note, row.prev_hash, row.hash)
            after = rows[-1].id

    def verify_audit(self) -> ChainReport:
        """Check every link of the audit chain; the report names the first broken one."""
        return verify_chain(self._chain_rows())

    def audit_head(self) -> ChainReport:
        """The chain's newest row and its hash (printed on the shift report as an anchor)."""
        with self._read() as session:
            row = session.execute(
                select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)
            ).first()
        if row is None:
            return ChainReport(0, 0, GENESIS)
        return ChainReport(row.id, row.id, row.hash or GENESIS)
