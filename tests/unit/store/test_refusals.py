"""Refused MOs remembered in the store: skipped while unchanged, warned about once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmi.domain.messages import msg
from hmi.domain.model import Refusal
from hmi.store import QueueRepository

MONDAY = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def refusal(mo_id: int, why: str = "RM-X", at: datetime | None = MONDAY) -> Refusal:
    reason = msg("mapping.no_equipment", mo=f"WH/MO/{mo_id:05d}", component=why)
    return Refusal(mo_id, f"WH/MO/{mo_id:05d}", (reason,), at)


def test_new_refusals_are_stored_and_reported_once(repo: QueueRepository) -> None:
    first = [refusal(3), refusal(1)]
    assert repo.remember_refusals(first, "rules-a") == first
    assert repo.remember_refusals(first, "rules-a") == []  # the same again: no new warning
    stored = repo.refused_orders()
    assert [r.mo_id for r in stored] == [1, 3]  # first refused first, then by id
    assert stored[1] == first[0]
    assert str(stored[1].reason) == (
        "WH/MO/00003: no silo or tank holds RM-X: add it to the equipment table"
    )


def test_a_changed_reason_is_reported_again(repo: QueueRepository) -> None:
    repo.remember_refusals([refusal(3)], "rules-a")
    changed = refusal(3, "RM-Y", MONDAY + timedelta(hours=1))
    assert repo.remember_refusals([changed], "rules-a") == [changed]
    assert repo.refused_orders() == [changed]


def test_unchanged_means_same_write_date_and_same_rules(repo: QueueRepository) -> None:
    repo.remember_refusals([refusal(3), refusal(4), refusal(5, at=None)], "rules-a")
    later = MONDAY + timedelta(minutes=5)
    now = {3: MONDAY, 4: later, 5: None, 6: MONDAY}
    assert repo.unchanged_refusals(now, "rules-a") == {3}  # 4 changed, 5 unknown, 6 new
    assert repo.unchanged_refusals(now, "rules-b") == set()  # the integrator changed the rules
    assert repo.unchanged_refusals({}, "rules-a") == set()


def test_forgetting_refusals(repo: QueueRepository) -> None:
    repo.remember_refusals([refusal(i) for i in range(1, 1200)], "rules-a")
    assert repo.forget_refusals(range(1, 1001)) == 1000
    assert [r.mo_id for r in repo.refused_orders()][:2] == [1001, 1002]
    assert repo.forget_refusals([]) == 0
