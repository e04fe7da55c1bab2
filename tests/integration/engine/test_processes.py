"""Separate `hmi --headless` processes: SIGKILL at every step, and two panels on one file."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.store.database import open_database
from hmi.store.repository import QueueRepository

#: Modbus TCP and the seed plant's Omron FINS over UDP and TCP (conftest.TRANSPORTS)
TRANSPORTS = ("modbus_tcp", "fins_udp", "fins_tcp")


async def wait_until(condition, timeout: float = 40.0) -> None:
    """Poll a plain condition."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.mark.parametrize("plant", TRANSPORTS, indirect=True)
@pytest.mark.parametrize(
    "crashpoint",
    [
        "fetch.after_commit",
        "fetch.after_plc_write",
        "sync.after_store_finished",
        "complete.after_odoo_write",
        "complete.after_odoo_done",
    ],
)
async def test_sigkill_at_each_step_loses_nothing_and_consumes_once(
    plant, tmp_path: Path, crashpoint: str, hmi_processes
):
    config = plant.write_config(tmp_path / "settings.toml")
    first = await hmi_processes.start(config, tmp_path / "logs", crashpoint)
    code = await asyncio.wait_for(first.wait(), 60)
    assert code == -signal.SIGKILL, f"the HMI did not reach {crashpoint}"
    repo = QueueRepository(open_database(plant.db_url))
    at_crash = {b.mo_id for b in repo.batches()} | repo.archived_ids()
    assert at_crash, "the crash happened before anything was committed"

    second = await hmi_processes.start(config, tmp_path / "logs")
    try:
        await wait_until(lambda: at_crash <= repo.archived_ids(), timeout=90)
    finally:
        await hmi_processes.stop(second)
    postings = plant.postings()
    history = {h.mo_id: h for h in _history(repo)}
    for mo_id in at_crash:
        assert history[mo_id].outcome is BatchState.REPORTED
        assert postings[mo_id] == 1, f"MO {mo_id} consumed {postings[mo_id]} times"
    assert all(n <= 1 for n in postings.values())
    names = [c.mo_name for c in plant.plc.completed if not c.failed]
    assert len(names) == len(set(names)), "a batch ran twice on the PLC"


def _history(repo: QueueRepository) -> list:
    rows: list = []
    while page := repo.history_page(len(rows), 1000):
        rows.extend(page)
    return rows


async def test_a_second_process_on_one_database_refuses_and_says_why(
    plant, tmp_path: Path, hmi_processes
):
    """A double-tapped icon: the second `hmi` does not run a second engine on the queue; it
    exits with code 3 naming the lock and the process holding it. Once the first stops, a
    new one takes over the queue and finishes it."""
    config = plant.write_config(tmp_path / "settings.toml", fetch_interval_s=1.0)
    repo = QueueRepository(open_database(plant.db_url))
    first = await hmi_processes.start(config, tmp_path / "logs0")
    await wait_until(lambda: _fills(repo) >= 1, timeout=60)
    second = await hmi_processes.start(config, tmp_path / "logs1")
    err = await asyncio.wait_for(second.communicate(), 60)
    assert second.returncode == 3, err
    message = err[1].decode(errors="replace")
    assert "another HMI" in message, message
    assert "hmi.sqlite.lock" in message, message
    assert f":{first.pid}" in message, message
    assert first.returncode is None, "the first HMI must keep running"
    await hmi_processes.stop(first)
    third = await hmi_processes.start(config, tmp_path / "logs2")
    try:
        await wait_until(lambda: _fills(repo) >= 2, timeout=60)
    finally:
        await hmi_processes.stop(third)
    names = [c.mo_name for c in plant.plc.completed]
    assert len(names) == len(set(names)), "a batch ran twice on the PLC"
    assert all(n <= 1 for n in plant.postings().values())


def _fills(repo: QueueRepository) -> int:
    try:
        events = repo.recent_events(1000)
        return sum(1 for e in events if str(Message.from_json(e[3])).startswith("Queued"))
    except OperationalError:  # not migrated yet
        return 0
