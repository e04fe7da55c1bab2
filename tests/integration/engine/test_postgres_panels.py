"""Several panels, one queue: `hmi --headless` processes sharing one mo_batch on PostgreSQL.

Runs only when HMI_TEST_POSTGRES_URL names a scratch database whose HMI tables may be
dropped (scripts/start_postgres.sh starts one and prints its URL). Each test drops the
HMI tables first; the processes under test migrate the empty database themselves, at
the same moment.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.store import QueueRepository, open_database
from hmi.store.instance_lock import advisory_key

URL = os.environ.get("HMI_TEST_POSTGRES_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not URL, reason="HMI_TEST_POSTGRES_URL is not set (scripts/start_postgres.sh prints one)"
    ),
]
STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
PANELS = 2
RACE_ROUNDS = 50
SLOTS = 10
RETRY_S = 2.0  # [watchdog] standby_retry_s (default)
#: The stated take-over time after the running panel's process is killed (docs/MULTI_PANEL.md):
#: one retry interval, plus the standby's own start (reconnecting, reconciling).
TAKEOVER_S = 2 * RETRY_S + 1.0


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


def lock_holder(engine: Engine) -> str:
    """'host:pid' of the panel holding line 'Line 1' ('' when no panel holds it)."""
    key = advisory_key("Line 1")
    query = text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.classid::bigint = :high AND l.objid::bigint = :low"
    )
    with engine.connect() as conn:
        name = conn.execute(query, {"high": key >> 32, "low": key & 0xFFFFFFFF}).scalar()
    return str(name or "").removeprefix("hmi ")


def panel(pid: int) -> str:
    """How a panel process on this machine names itself: 'host:pid'."""
    return f"{socket.gethostname()[:40]}:{pid}"


def log_of(folder: Path) -> str:
    """A panel's log file so far."""
    path = folder / "hmi.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


async def wait_for(condition: Callable[[], bool], timeout: float) -> float:
    """Poll `condition`; the seconds it took (fail after `timeout`)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition not met within {timeout} s")


def panel_config(plant: Any, folder: Path) -> Path:
    """One panel's own settings file (every panel of the line has its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    return plant.write_config(folder / "settings.toml", fetch_interval_s=1.0)


async def test_a_second_panel_is_a_standby_and_takes_over_when_the_first_dies(
    pg_plant: Any, pg: Engine, tmp_path: Path, hmi_processes: Any
) -> None:
    """One engine per line (its advisory lock): a second panel waits as a standby, saying for
    which panel, holding no engine; a second start on its settings file is refused (exit 3);
    when the running panel's process is killed, the standby takes over within TAKEOVER_S and
    runs the line: one fill per empty queue, every MO reported once, no batch run twice."""
    config_a = panel_config(pg_plant, tmp_path / "panel-a")
    config_b = panel_config(pg_plant, tmp_path / "panel-b")
    repo = QueueRepository(pg)
    first = await hmi_processes.start(config_a, tmp_path / "logs-a")
    await wait_until(lambda: finished_fills(repo) >= 1, [first], timeout=90)
    assert lock_holder(pg) == panel(first.pid)

    standby = await hmi_processes.start(config_b, tmp_path / "logs-b")
    said = f"standby: line 'Line 1' runs on panel {panel(first.pid)}"
    await wait_for(lambda: said in log_of(tmp_path / "logs-b"), 60)
    await wait_until(lambda: finished_fills(repo) >= 2, [first, standby], timeout=60)
    assert standby.returncode is None
    assert "[fetch]" not in log_of(tmp_path / "logs-b"), "the standby ran an engine"
    assert lock_holder(pg) == panel(first.pid)

    double = await hmi_processes.start(config_b, tmp_path / "logs-c")
    _, err = await asyncio.wait_for(double.communicate(), 60)
    assert double.returncode == 3, err
    assert f"settings file {config_b}" in err.decode(), err
    assert panel(standby.pid) in err.decode(), err

    first.kill()  # SIGKILL: the panel's PC crashed, nothing said goodbye
    took = await wait_for(lambda: lock_holder(pg) == panel(standby.pid), 3 * TAKEOVER_S)
    assert took <= TAKEOVER_S, f"the standby took over after {took:.1f} s"
    await wait_for(lambda: "standby over" in log_of(tmp_path / "logs-b"), 10)
    filled = finished_fills(repo)
    errors: list[str] = []
    try:
        await wait_until(lambda: finished_fills(repo) >= filled + 1, [standby], timeout=90)
    finally:
        errors = [await hmi_processes.stop(p) for p in (standby, first)]
    assert standby.returncode == 0, errors
    check_books(pg_plant, repo)


async def test_a_panel_that_lost_the_line_stops_its_engine(
    pg_plant: Any, pg: Engine, tmp_path: Path, hmi_processes: Any
) -> None:
    """The database dropped the running panel's lock session (a server restart does) and the
    line was taken meanwhile: that panel stops its engine and exits 3, saying why; the standby
    takes the line once it is free again. Never two engines on one queue for long."""
    config_a = panel_config(pg_plant, tmp_path / "panel-a")
    config_b = panel_config(pg_plant, tmp_path / "panel-b")
    repo = QueueRepository(pg)
    first = await hmi_processes.start(config_a, tmp_path / "logs-a")
    await wait_until(lambda: finished_fills(repo) >= 1, [first], timeout=90)
    standby = await hmi_processes.start(config_b, tmp_path / "logs-b")
    await wait_for(lambda: "standby:" in log_of(tmp_path / "logs-b"), 60)
    key = advisory_key("Line 1")
    with pg.connect() as taker:
        taker.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name"
            ),
            {"name": f"hmi {panel(first.pid)}"},
        )
        taker.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})  # another panel
        taker.commit()
        code = await asyncio.wait_for(first.wait(), 6 * RETRY_S + 10)
        assert code == 3
        assert "lost the lock of line 'Line 1'" in log_of(tmp_path / "logs-a")
        taker.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
        taker.commit()
    await wait_for(lambda: lock_holder(pg) == panel(standby.pid), 3 * TAKEOVER_S)
    filled = finished_fills(repo)
    try:
        await wait_until(lambda: finished_fills(repo) >= filled + 1, [standby], timeout=90)
    finally:
        await hmi_processes.stop(standby)
    check_books(pg_plant, repo)


def check_books(plant: Any, repo: QueueRepository) -> None:
    """One fill per empty queue, each MO queued once, reported once, run once on the PLC."""
    groups = list(fills(repo).values())
    assert len(queued_events(repo)) == len(groups), "a fill without its log line, or vice versa"
    for earlier, later in pairwise(groups):
        queued = [b.mo_name for b in earlier if not hasattr(b, "archived_at")]
        assert not queued, f"a later fill while {queued} were still queued"
        emptied = max(b.archived_at for b in earlier)
        assert min(b.queued_at for b in later) >= emptied, "a fill into a non-empty queue"
    assert all(len(group) <= SLOTS for group in groups), "a fill larger than the PLC's slots"
    mo_ids = [b.mo_id for group in groups for b in group]
    assert len(mo_ids) == len(set(mo_ids)), "an MO queued twice"
    postings = plant.postings()
    assert all(n <= 1 for n in postings.values()), postings
    reported = [h.mo_id for h in history(repo) if h.outcome is BatchState.REPORTED]
    assert reported
    assert all(postings[mo_id] == 1 for mo_id in reported)
    names = [c.mo_name for c in plant.plc.completed]
    assert len(names) == len(set(names)), "a batch ran twice on the PLC"


def test_two_processes_race_at_the_postgresql_gate(pg: Engine, worker: Any) -> None:
    wins = worker.race_processes(URL, RACE_ROUNDS)
    assert sum(wins) == RACE_ROUNDS
    assert QueueRepository(pg).history_count() == RACE_ROUNDS * worker.BATCHES_PER_FILL
