"""The store on PostgreSQL, the shared database for several panels.

Runs only when HMI_TEST_POSTGRES_URL names a scratch database (its HMI tables are dropped),
e.g. postgresql+psycopg://postgres@127.0.0.1:5432/hmi_test, and the driver is installed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from hmi.domain import BatchState, ConfigError
from hmi.store import QueueRepository, current_revision, head_revision, migrate, open_database

URL = os.environ.get("HMI_TEST_POSTGRES_URL", "")
pytestmark = [
    pytest.mark.skipif(not URL, reason="HMI_TEST_POSTGRES_URL is not set"),
]
HERE = Path(__file__).resolve().parent
ROUNDS = 40


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The shared batch factory of the race tests."""
    monkeypatch.syspath_prepend(str(HERE))
    import store_race_worker

    return store_race_worker


@pytest.fixture
def pg(worker: Any) -> Iterator[Engine]:
    """A migrated, emptied PostgreSQL database."""
    engine = open_database(URL)
    worker.drop_schema(engine)
    migrate(engine)
    yield engine
    engine.dispose()


def test_migrations_are_idempotent_and_refuse_a_newer_schema(pg: Engine) -> None:
    migrate(pg)
    assert current_revision(pg) == head_revision()
    with pg.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    with pytest.raises(ConfigError, match="'0099_future'"):
        migrate(pg)
    assert current_revision(pg) == "0099_future"


def test_round_trip_keeps_aware_times_and_history_filters(pg: Engine, worker: Any) -> None:
    repo = QueueRepository(pg)
    at = datetime(2025, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=7)))
    repo.log_event("INFO", "test", "hello", at)
    assert repo.recent_events()[-1][0] == at
    assert repo.recent_events()[-1][0].tzinfo == UTC
    assert repo.fill_if_empty(worker.make_batches(10, "WH/MO/Pg"))
    repo.archive(10, BatchState.CANCELLED, actor="op", reason="test")
    assert repo.history_count(mo="wh/mo/pg/0") == 1
    assert repo.history_count(product="Broiler Starter") == 1


def test_two_panels_race_at_the_gate(pg: Engine, worker: Any) -> None:
    engines = [open_database(URL) for _ in (0, 1)]
    repos = [QueueRepository(engine) for engine in engines]
    checker = QueueRepository(pg)
    barrier = threading.Barrier(3)
    results: dict[int, dict[int, Any]] = {}

    def contender(who: int) -> None:
        for round_no in range(ROUNDS):
            barrier.wait(60)
            try:
                outcome: Any = repos[who].fill_if_empty(worker.batches_for(round_no, who))
            except Exception as exc:
                outcome = repr(exc)
            results.setdefault(round_no, {})[who] = outcome
            barrier.wait(60)

    threads = [threading.Thread(target=contender, args=(who,)) for who in (0, 1)]
    for thread in threads:
        thread.start()
    try:
        for round_no in range(ROUNDS):
            barrier.wait(60)
            barrier.wait(60)
            got = results[round_no]
            assert sorted(got.values(), key=str) == [False, True], got
            for batch in checker.batches():
                checker.archive(batch.mo_id, BatchState.CANCELLED, actor="test", reason="race")
    finally:
        barrier.abort()
        for thread in threads:
            thread.join(60)
        for engine in engines:
            engine.dispose()
    assert checker.history_count() == ROUNDS * worker.BATCHES_PER_FILL


def test_two_panels_append_to_one_audit_chain(pg: Engine) -> None:
    """Panels sharing the database write one chain: appends take turns (advisory lock)."""
    from hmi.domain.audit import AuditNote

    panels = [QueueRepository(pg), QueueRepository(pg)]
    errors: list[BaseException] = []

    def write(repo: QueueRepository, name: str) -> None:
        try:
            for n in range(ROUNDS):
                repo.write_audit(AuditNote(name, "supervisor", "sign in", f"panel {n}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(repo, f"panel{i}")) for i, repo in enumerate(panels)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = panels[0].verify_audit()
    assert report.ok, report
    assert report.rows == 2 * ROUNDS
    with pg.begin() as conn:
        conn.execute(
            text("UPDATE audit SET actor = 'someone' WHERE id = (SELECT MIN(id) FROM audit)")
        )
    assert not panels[1].verify_audit().ok
