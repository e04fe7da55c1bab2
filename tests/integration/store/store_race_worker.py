"""Shared parts of the store race tests, and their child-process side.

Not a test module: the tests put this folder on sys.path so spawned (multiprocessing
'spawn') children can import it. Used by the SQLite race tests here and by the PostgreSQL
tests (tests/integration/store/test_postgresql.py, tests/integration/engine/
test_postgres_panels.py).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import traceback
from typing import Any

from sqlalchemy import Engine, text

from hmi.domain import Batch, BatchLine, BatchState
from hmi.store import QueueRepository, migrate, open_database
from hmi.store.models import Base

BATCHES_PER_FILL = 3
WAIT_S = 60.0


def make_batches(first_id: int, label: str) -> list[Batch]:
    """BATCHES_PER_FILL valid batches with MO ids first_id.., slots 1..N."""
    return [
        Batch(
            mo_id=first_id + i,
            mo_name=f"{label}/{i}",
            bom_name="BoM",
            product_name="Broiler Starter",
            quantity_kg=500.0,
            lines=(
                BatchLine(101, (first_id + i) * 10 + 1, 501, "RM-CORN", 300.0),
                BatchLine(102, (first_id + i) * 10 + 2, 502, "RM-SBM", 200.0),
            ),
            slot=i + 1,
        )
        for i in range(BATCHES_PER_FILL)
    ]


def batches_for(round_no: int, who: int) -> list[Batch]:
    """What contender `who` tries to queue in round `round_no` (ids unique across both)."""
    return make_batches(100_000 * (who + 1) + round_no * BATCHES_PER_FILL, f"R{round_no}/W{who}")


def race(url: str, who: int, rounds: int, barrier: Any, results: Any) -> None:
    """Migrate together with the other contender, then race it at the gate every round."""
    engine = open_database(url)
    try:
        barrier.wait(WAIT_S)
        migrate(engine)
        repo = QueueRepository(engine)
        for round_no in range(rounds):
            barrier.wait(WAIT_S)
            results.put((round_no, who, repo.fill_if_empty(batches_for(round_no, who))))
            barrier.wait(WAIT_S)
    except threading.BrokenBarrierError:
        results.put((-1, who, "barrier broken"))
    except Exception:
        results.put((-1, who, traceback.format_exc()))
        barrier.abort()
    finally:
        engine.dispose()


def churn(url: str, first_id: int, progress: Any) -> None:
    """Fill, finish and archive batches forever until killed; report each archived MO id."""
    engine = open_database(url)
    repo = QueueRepository(engine)
    mo_id = first_id
    while True:
        batches = make_batches(mo_id, f"C{mo_id}")
        if not repo.fill_if_empty(batches):
            raise RuntimeError("the queue was not empty at the start of a churn round")
        for batch in batches:
            repo.set_state(batch.mo_id, BatchState.SENT)
            repo.record_actuals(
                batch.mo_id, {101: 300.0, 102: 200.0}, state=BatchState.FINISHED, produced_kg=500
            )
            repo.archive(batch.mo_id, BatchState.REPORTED, actor="churn")
            progress.put(batch.mo_id)
        mo_id += BATCHES_PER_FILL


def drop_schema(engine: Engine) -> None:
    """Drop every HMI table and Alembic's version table (a scratch PostgreSQL database)."""
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f"DROP TABLE IF EXISTS {table.name} CASCADE"))
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def check_round(repo: QueueRepository, round_no: int, results: dict[int, Any]) -> int:
    """Exactly one contender filled; the queue holds exactly its batches; then empty it."""
    assert sorted(results) == [0, 1], results
    assert all(isinstance(r, bool) for r in results.values()), results
    winners = [who for who, filled in results.items() if filled]
    assert len(winners) == 1, f"round {round_no}: fills {results}"
    expected = [b.mo_id for b in batches_for(round_no, winners[0])]
    assert [b.mo_id for b in repo.batches()] == expected
    for mo_id in expected:
        repo.archive(mo_id, BatchState.CANCELLED, actor="test", reason=f"round {round_no}")
    assert repo.count() == 0
    return winners[0]


def race_processes(url: str, rounds: int) -> list[int]:
    """Two spawned processes race at the gate of `url` for `rounds` rounds; wins per process.

    Both migrate the database at the same moment first. Every round is checked with
    `check_round`; an AssertionError names the round or the contender that failed.
    """
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    results = ctx.Queue()
    procs = [ctx.Process(target=race, args=(url, who, rounds, barrier, results)) for who in (0, 1)]
    for proc in procs:
        proc.start()
    engine = None
    wins = [0, 0]
    try:
        barrier.wait(WAIT_S)  # both children migrate at the same time
        engine = open_database(url)
        repo = QueueRepository(engine)
        for round_no in range(rounds):
            barrier.wait(WAIT_S)
            barrier.wait(WAIT_S)
            got: dict[int, Any] = {}
            for _ in range(2):
                number, who, outcome = results.get(timeout=WAIT_S)
                assert number == round_no, outcome
                got[who] = outcome
            wins[check_round(repo, round_no, got)] += 1
        assert repo.history_count() == rounds * BATCHES_PER_FILL
    except threading.BrokenBarrierError:
        errors = []
        try:  # a child's report may still be in its queue's feeder thread: wait for it
            while True:
                errors.append(results.get(timeout=5))
        except queue.Empty:
            pass
        codes = [proc.exitcode for proc in procs]
        raise AssertionError(f"a contender process failed: {errors} (exit codes {codes})") from None
    finally:
        barrier.abort()
        for proc in procs:
            proc.join(WAIT_S)
            if proc.is_alive():
                proc.kill()
                proc.join(WAIT_S)
        if engine is not None:
            engine.dispose()
    assert [proc.exitcode for proc in procs] == [0, 0]
    return wins
