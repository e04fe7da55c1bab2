"""The audit chain (hmi.domain.audit): an edited, deleted or inserted row is found, and the
first broken link is named; rows from before the chain may only come first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hmi.domain.audit import GENESIS, AuditNote, ChainRow, chain_hash, verify_chain

T0 = datetime(2026, 7, 15, 6, 0, tzinfo=UTC)


def chain(count: int) -> list[ChainRow]:
    rows, previous = [], GENESIS
    for n in range(1, count + 1):
        note = AuditNote(f"user{n}", "supervisor", "cancel", f"WH/MO/{n:05d}", "sent", "x", "why")
        at = T0 + timedelta(seconds=n)
        digest = chain_hash(previous, n, at, note)
        rows.append(ChainRow(n, at, note, previous, digest))
        previous = digest
    return rows


def test_an_intact_chain_reports_its_head() -> None:
    rows = chain(5)
    report = verify_chain(rows)
    assert report.ok
    assert (report.rows, report.head_id, report.head_hash) == (5, 5, rows[-1].hash)


def test_an_edited_row_is_named() -> None:
    rows = chain(5)
    rows[2] = replace(rows[2], note=replace(rows[2].note, reason="nothing happened"))
    report = verify_chain(rows)
    assert (report.broken_id, report.head_id) == (3, 2)
    assert "does not match" in report.problem


def test_an_edited_time_or_actor_is_named_too() -> None:
    rows = chain(3)
    assert verify_chain([rows[0], replace(rows[1], at=T0), rows[2]]).broken_id == 2
    edited = replace(rows[1], note=replace(rows[1].note, actor="someone else"))
    assert verify_chain([rows[0], edited, rows[2]]).broken_id == 2


def test_a_deleted_row_breaks_the_next_link() -> None:
    rows = chain(5)
    report = verify_chain([*rows[:2], *rows[3:]])
    assert report.broken_id == 4
    assert "link" in report.problem
    assert verify_chain(rows[1:]).broken_id == 2  # the first row deleted


def test_rows_from_before_the_chain_may_only_come_first() -> None:
    legacy = ChainRow(0, T0, AuditNote("operator", "", "fetch"), "", "")
    assert verify_chain([legacy, *chain(2)]).ok
    assert verify_chain([*chain(2), replace(legacy, id=9)]).broken_id == 9
