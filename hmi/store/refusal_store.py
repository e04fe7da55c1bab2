"""Refused MOs remembered across fetches and restarts (part of QueueRepository).

A refused MO is stored with its reasons, Odoo's `write_date` and the digest of the mapping
rules it was refused under. The fetch skips it without a new warning while both are
unchanged (no head-of-line blocking: it pages past it), and tries it again once Odoo or the
rules change it; the window lists every remembered refusal with its reasons.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, select

from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.messages import Message
from hmi.domain.model import Refusal
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_id, check_text, check_time
from hmi.store.models import NAME_LEN, REF_LEN, RefusedMoRow

ID_CHUNK = 500


def to_refusal(row: RefusedMoRow) -> Refusal:
    """A domain Refusal from a refused_mo row."""
    stored = Message.from_json(row.reasons)
    reasons = stored.get("reasons")
    if isinstance(reasons, tuple):
        listed = tuple(r for r in reasons if isinstance(r, Message))
    else:  # a row written as plain text
        listed = (stored,)
    return Refusal(row.mo_id, row.mo_name, listed, row.write_date)


class RefusalStore(RepositoryBase):
    """The `refused_mo` table over the store's sessions."""

    def refused_orders(self) -> list[Refusal]:
        """Every remembered refusal, the first refused first."""
        query = select(RefusedMoRow).order_by(RefusedMoRow.refused_at, RefusedMoRow.mo_id)
        with self._read() as session:
            return [to_refusal(row) for row in session.scalars(query)]

    def unchanged_refusals(
        self, write_dates: Mapping[int, datetime | None], rules_key: str
    ) -> set[int]:
        """Ids among `write_dates` (MO id → Odoo's write_date now) remembered as refused with
        the same write_date and rules: they are skipped without being mapped again. An MO whose
        write_date is unknown (None) is never taken as unchanged."""
        known = {
            check_id("MO id", mo_id): check_time("write date", at)
            for mo_id, at in write_dates.items()
        }
        ids = sorted(i for i, at in known.items() if at is not None)
        found: set[int] = set()
        with self._read() as session:
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start : start + ID_CHUNK]
                query = select(RefusedMoRow).where(RefusedMoRow.mo_id.in_(chunk))
                for row in session.scalars(query):
                    if row.rules_key == rules_key and row.write_date == known[row.mo_id]:
                        found.add(row.mo_id)
        return found

    def remember_refusals(self, refusals: Sequence[Refusal], rules_key: str) -> list[Refusal]:
        """Store (or update) refusals; return those that are new or whose reasons changed,
        the ones worth a warning.

        Two panels sharing a database may refuse the same new MO at once: the one whose
        insert loses the race reads the other's row and updates it instead.
        """
        try:
            return self._remember(refusals, rules_key)
        except ValidationError:
            return self._remember(refusals, rules_key)

    def _remember(self, refusals: Sequence[Refusal], rules_key: str) -> list[Refusal]:
        check_text("rules key", rules_key, REF_LEN)
        now = utcnow()
        fresh: list[Refusal] = []
        with self._write() as session:
            for refusal in refusals:
                mo_id = check_id("MO id", refusal.mo_id)
                text = refusal.reason.to_json()
                row = session.get(RefusedMoRow, mo_id)
                if row is None:
                    session.add(
                        RefusedMoRow(
                            mo_id=mo_id,
                            mo_name=check_text("MO name", refusal.mo_name)[:NAME_LEN],
                            reasons=text,
                            write_date=check_time("write date", refusal.write_date),
                            rules_key=rules_key,
                            refused_at=now,
                            checked_at=now,
                        )
                    )
                    fresh.append(refusal)
                    continue
                if row.reasons != text:
                    fresh.append(refusal)
                row.mo_name = refusal.mo_name[:NAME_LEN]
                row.reasons = text
                row.write_date = refusal.write_date
                row.rules_key = rules_key
                row.checked_at = now
        return fresh

    def forget_refusals(self, mo_ids: Collection[int]) -> int:
        """Forget refusals (the MO was queued, or is no longer open in Odoo); how many."""
        ids = sorted({check_id("MO id", mo_id) for mo_id in mo_ids})
        removed = 0
        with self._write() as session:
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start : start + ID_CHUNK]
                result = session.execute(delete(RefusedMoRow).where(RefusedMoRow.mo_id.in_(chunk)))
                removed += int(getattr(result, "rowcount", 0) or 0)
        return removed
