"""Audit entries and their tamper-evident chain (standard library only).

Every audit row carries `hash = SHA-256(previous row's hash + the row's own content)`: editing
a row changes its hash (the stored one no longer matches), deleting a row breaks the next
row's link to it, inserting one breaks the link after it. `verify_chain` walks the rows in
order and names the first broken link. (Deleting the newest rows leaves a shorter, valid
chain: the shift report prints the chain's head — row number and hash — on paper, so
a later verify can compare against it.)

Content is hashed as canonical JSON (sorted keys, UTC ISO time to the microsecond) so the
same row hashes alike in SQLite and PostgreSQL.

Example::

    >>> from datetime import UTC, datetime
    >>> note = AuditNote("Budi", "supervisor", "cancel", "WH/MO/00011", "sent", "cancel", "jam")
    >>> first = chain_hash(GENESIS, 1, datetime(2026, 7, 15, tzinfo=UTC), note)
    >>> len(first)
    64
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

#: The previous hash of the very first row.
GENESIS = "0" * 64
#: The role word of what the HMI does by itself.
AUTOMATIC_ROLE = "automatic"
#: The role word of a refused identification (a wrong PIN): nobody was proven, so the entry
#: names what was typed and no role.
UNVERIFIED = "unverified"


@dataclass(frozen=True)
class AuditNote:
    """What one audit entry says: who (person and role), which command on which object, the
    values before and after, and why."""

    actor: str
    role: str
    action: str
    target: str = ""
    before: str = ""
    after: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ChainRow:
    """One stored audit row as the verifier reads it."""

    id: int
    at: datetime
    note: AuditNote
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verify: rows checked, the head, and the first broken link (if any)."""

    rows: int
    head_id: int
    head_hash: str
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when every link holds."""
        return self.broken_id is None


def canonical(row_id: int, at: datetime, note: AuditNote, prev_hash: str) -> bytes:
    """The bytes hashed for one row."""
    stamp = at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    content = {
        "id": row_id,
        "at": stamp,
        "actor": note.actor,
        "role": note.role,
        "action": note.action,
        "target": note.target,
        "before": note.before,
        "after": note.after,
        "reason": note.reason,
        "prev": prev_hash,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(prev_hash: str, row_id: int, at: datetime, note: AuditNote) -> str:
    """The hash of one row linked to the previous row's hash (hex SHA-256)."""
    return hashlib.sha256(canonical(row_id, at, note, prev_hash)).hexdigest()


def verify_chain(rows: Iterable[ChainRow]) -> ChainReport:
    """Walk rows in id order; the first row whose content or link does not hold is named.

    An edited row: its stored hash differs from its content's. A deleted row: the next row's
    `prev_hash` is not the hash of the row before it. Rows written before the chain existed
    (hash '') may only precede the first chained row.
    """
    previous = GENESIS
    count = 0
    head_id = 0
    chained = False
    for row in rows:
        count += 1
        if not row.hash:
            if chained:
                return ChainReport(count, head_id, previous, row.id, "row has no hash")
            head_id = row.id
            continue
        if row.prev_hash != previous:
            return ChainReport(
                count, head_id, previous, row.id, "link to the previous row is broken"
            )
        if chain_hash(row.prev_hash, row.id, row.at, row.note) != row.hash:
            return ChainReport(
                count, head_id, previous, row.id, "row content does not match its hash"
            )
        chained = True
        previous = row.hash
        head_id = row.id
    return ChainReport(count, head_id, previous)
