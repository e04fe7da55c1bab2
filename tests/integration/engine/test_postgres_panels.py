"""Several panels, one queue: `hmi --headless` processes sharing one mo_batch on PostgreSQL.

Runs only when HMI_TEST_POSTGRES_URL names a scratch database whose HMI tables may be
dropped (scripts/start_postgres.sh starts one and prints its URL). Each test drops the
HMI tables first; the processes under test migrate the empty database themselves, at
the same moment.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.store import QueueRepository, open_database

URL = os.environ.get("HMI_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(
    not URL, reason="HMI_TEST_POSTGRES_URL is not set (scripts/start_postgres.sh prints one)"
)
STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
PANELS = 2
CYCLES = 3  # fills that must run to the end (the plant has 40 MOs, 10 per fill)
RACE_ROUNDS = 50
SLOTS = 10


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The store race tests' shared helpers (batch factory, process race, schema drop)."""
    monkeypatch.syspath_prepend(str(STORE_TESTS))
    import store_race_worker

    return store_race_worker


@pytest.fixture
def pg(worker: Any) -> Iterator[Engine]:
    """The scratch PostgreSQL database with no HMI tables (the contenders migrate it)."""
    engine = open_database(URL)
    worker.drop_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_plant(plant_on_database: Callable[[str], Any], pg: Engine) -> Any:
    """The engine tests' plant with PostgreSQL as the panels' shared database."""
    return plant_on_database(URL)


async def wait_until(
    condition: Callable[[], bool], processes: list[asyncio.subprocess.Process], timeout: float
) -> None:
    """Poll `condition` while every process keeps running; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        dead = [p.pid for p in processes if p.returncode is not None]
        assert not dead, f"panel process {dead} exited early"
        await asyncio.sleep(0.1)
    raise AssertionError(f"condition not met within {timeout} s")


def history(repo: QueueRepository) -> list[Any]:
    """Every archived batch."""
    rows: list[Any] = []
    while page := repo.history_page(len(rows), 1000):
        rows.extend(page)
    return rows


def fills(repo: QueueRepository) -> dict[datetime, list[Any]]:
    """Batches (archived and still queued) grouped by fill: one fill, one queued_at."""
    groups: dict[datetime, list[Any]] = defaultdict(list)
    for batch in [*history(repo), *repo.batches()]:
        assert batch.queued_at is not None, f"MO {batch.mo_name} has no queued_at"
        groups[batch.queued_at].append(batch)
    return dict(sorted(groups.items()))


def finished_fills(repo: QueueRepository) -> int:
    """Fills whose batches have all left mo_batch (0 while the panels still migrate)."""
    try:
        queued = {b.queued_at for b in repo.batches()}
        return sum(1 for at in fills(repo) if at not in queued)
    except DBAPIError:  # tables not created yet
        return 0


def queued_events(repo: QueueRepository) -> list[str]:
    """The 'Queued N batches' lines of the shared event log."""
    texts = [str(Message.from_json(e[3])) for e in repo.recent_events(1000)]
    return [text for text in texts if text.startswith("Queued")]


async def test_two_panels_on_postgresql_fill_once_per_empty_queue(
    pg_plant: Any, pg: Engine, tmp_path: Path, hmi_processes: Any
) -> None:
    """One engine per line (its advisory lock): the other panels refuse to run a second engine
    (exit 3, saying why); when the running panel stops, a spare one takes the queue over."""
    config = pg_plant.write_config(tmp_path / "settings.toml", fetch_interval_s=1.0)
    repo = QueueRepository(pg)
    first = await hmi_processes.start(config, tmp_path / "logs0")
    await wait_until(lambda: finished_fills(repo) >= 1, [first], timeout=90)
    spare = await hmi_processes.start(config, tmp_path / "logs1")
    _, err = await asyncio.wait_for(spare.communicate(), 60)
    assert spare.returncode == 3, err
    assert b"another HMI already runs line" in err, err
    assert (await hmi_processes.stop(first)) is not None
    panels = [await hmi_processes.start(config, tmp_path / "logs2")]
    errors: list[str] = []
    try:
        await wait_until(lambda: finished_fills(repo) >= CYCLES, panels, timeout=90)
    finally:
        errors = [await hmi_processes.stop(p) for p in panels]
    assert all(p.returncode == 0 for p in panels), errors

    groups = list(fills(repo).values())
    assert len(groups) >= CYCLES
    assert len(queued_events(repo)) == len(groups), "a fill without its log line, or vice versa"
    for earlier, later in pairwise(groups):
        queued = [b.mo_name for b in earlier if not hasattr(b, "archived_at")]
        assert not queued, f"a later fill while {queued} were still queued"
        emptied = max(b.archived_at for b in earlier)
        assert min(b.queued_at for b in later) >= emptied, "a fill into a non-empty queue"
    assert all(len(group) <= SLOTS for group in groups), "a fill larger than the PLC's slots"
    mo_ids = [b.mo_id for group in groups for b in group]
    assert len(mo_ids) == len(set(mo_ids)), "an MO queued twice"

    postings = pg_plant.postings()
    assert all(n <= 1 for n in postings.values()), postings
    reported = [h.mo_id for h in history(repo) if h.outcome is BatchState.REPORTED]
    assert len(reported) >= CYCLES
    assert all(postings[mo_id] == 1 for mo_id in reported)
    names = [c.mo_name for c in pg_plant.plc.completed]
    assert len(names) == len(set(names)), "a batch ran twice on the PLC"


def test_two_processes_race_at_the_postgresql_gate(pg: Engine, worker: Any) -> None:
    wins = worker.race_processes(URL, RACE_ROUNDS)
    assert sum(wins) == RACE_ROUNDS
    assert QueueRepository(pg).history_count() == RACE_ROUNDS * worker.BATCHES_PER_FILL
