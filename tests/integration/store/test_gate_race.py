"""The gate under contention on one real SQLite file: threads, processes, and SIGKILL.

Two contenders (a timer and a button, or two HMI processes) try to fill the empty queue at
the same instant, many times: each time exactly one fills it and the other is told no.
A process killed mid-write leaves every MO either queued or archived, whole, never both.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from hmi.domain import BatchState
from hmi.store import QueueRepository, migrate, open_database

HERE = Path(__file__).resolve().parent
THREAD_ROUNDS = 100
PROCESS_ROUNDS = 60
WAIT_S = 60.0


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The child-process helper module, importable by spawned children through sys.path."""
    monkeypatch.syspath_prepend(str(HERE))
    import store_race_worker

    return store_race_worker


def test_two_threads_race_at_the_gate(tmp_path: Path, worker: Any) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    migrate(engine)
    repo = QueueRepository(engine)
    barrier = threading.Barrier(3)
    results: dict[int, dict[int, Any]] = {}

    def contender(who: int) -> None:
        for round_no in range(THREAD_ROUNDS):
            barrier.wait(WAIT_S)
            try:
                outcome: Any = repo.fill_if_empty(worker.batches_for(round_no, who))
            except Exception as exc:
                outcome = repr(exc)
            results.setdefault(round_no, {})[who] = outcome
            barrier.wait(WAIT_S)

    threads = [threading.Thread(target=contender, args=(who,)) for who in (0, 1)]
    for thread in threads:
        thread.start()
    wins = [0, 0]
    try:
        for round_no in range(THREAD_ROUNDS):
            barrier.wait(WAIT_S)
            barrier.wait(WAIT_S)
            wins[worker.check_round(repo, round_no, results[round_no])] += 1
    finally:
        barrier.abort()
        for thread in threads:
            thread.join(WAIT_S)
        engine.dispose()
    assert sum(wins) == THREAD_ROUNDS
    assert repo.history_count() == THREAD_ROUNDS * worker.BATCHES_PER_FILL


def test_two_processes_race_at_the_gate(tmp_path: Path, worker: Any) -> None:
    wins = worker.race_processes(f"sqlite:///{tmp_path / 'shared.sqlite'}", PROCESS_ROUNDS)
    assert sum(wins) == PROCESS_ROUNDS


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 5, 13, 28])
def test_sigkill_mid_write_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, worker: Any, kill_after: int
) -> None:
    path = tmp_path / "killed.sqlite"
    url = f"sqlite:///{path}"
    engine = open_database(url)
    migrate(engine)
    first_id = 1_000
    ctx = multiprocessing.get_context("spawn")
    progress = ctx.Queue()
    proc = ctx.Process(target=worker.churn, args=(url, first_id, progress))
    proc.start()
    archived: list[int] = []
    try:
        while len(archived) < kill_after:
            archived.append(progress.get(timeout=WAIT_S))
        os.kill(proc.pid or 0, signal.SIGKILL)
        proc.join(WAIT_S)
    finally:
        if proc.is_alive():
            proc.kill()
            proc.join(WAIT_S)
    assert proc.exitcode == -signal.SIGKILL
    while True:
        try:
            archived.append(progress.get(timeout=0.5))
        except queue.Empty:
            break
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    repo = QueueRepository(engine)
    queued = repo.batches()
    history = repo.history_page(0, 1000)
    queued_ids = {b.mo_id for b in queued}
    history_ids = {b.mo_id for b in history}
    assert not queued_ids & history_ids
    assert set(archived) <= history_ids
    everything = sorted(queued_ids | history_ids)
    assert everything == list(range(first_id, first_id + len(everything)))
    assert all(len(b.lines) == 2 for b in [*queued, *history])
    assert all(b.outcome is BatchState.REPORTED and b.produced_kg == 500 for b in history)
    assert len(everything) % worker.BATCHES_PER_FILL == 0  # a fill is all or nothing
    for batch in queued:  # recovery: the leftovers are finished and archived, then refill
        repo.archive(batch.mo_id, BatchState.CANCELLED, actor="test", reason="after crash")
    assert repo.fill_if_empty(worker.make_batches(first_id + len(everything), "next"))
    engine.dispose()
