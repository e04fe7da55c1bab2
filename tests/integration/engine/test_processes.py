"""Separate `hmi --headless` processes: SIGKILL at every step, and two panels on one file."""

from __future__ import annotations

import asyncio
import signal
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.store.database import open_database
from hmi.store.repository import QueueRepository
from tests.integration.engine.conftest import FAST

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


async def test_sigkill_between_storing_a_manual_weighing_and_its_ack_books_it_once(
    plant, tmp_path: Path, hmi_processes
):
    config = plant.write_config(tmp_path / "settings.toml")
    plant.plc.process.speed = 1.0  # five-minute batches: slot 1 waits for the hand
    first = await hmi_processes.start(config, tmp_path / "logs", "manual.after_store")
    repo = QueueRepository(open_database(plant.db_url))

    def slot_one_queued() -> bool:
        try:
            return any(b.slot == 1 for b in repo.batches())
        except OperationalError:  # the process has not created the tables yet
            return False

    await wait_until(slot_one_queued)
    batch = next(b for b in repo.batches() if b.slot == 1)
    line = batch.lines[0]
    plant.plc.inject_manual_weighing(1, line.equipment_id, Decimal("7.25"), operator_id=3)
    code = await asyncio.wait_for(first.wait(), 60)
    assert code == -signal.SIGKILL, "the HMI did not reach manual.after_store"
    assert [a.booked for a in repo.manual_additions(batch.mo_id)] == [True]
    assert not plant.plc.process.acknowledged_events  # the PLC was never told

    plant.plc.process.speed = FAST
    second = await hmi_processes.start(config, tmp_path / "logs")
    try:
        await wait_until(lambda: batch.mo_id in repo.archived_ids(), timeout=90)
    finally:
        await hmi_processes.stop(second)
    assert len(plant.plc.process.acknowledged_events) == 1
    additions = repo.manual_additions(batch.mo_id)
    assert len(additions) == 1
    assert additions[0].acknowledged_at is not None
    archived = repo.archived(batch.mo_id)
    booked = next(ln for ln in archived.lines if ln.equipment_id == line.equipment_id)
    assert booked.manual_kg == Decimal("7.25")
    move = next(m for m in plant.odoo.model.moves(batch.mo_id) if m["id"] == line.move_id)
    done = Decimal(str(round(float(move.get("quantity_done") or move.get("quantity")), 2)))
    assert done == booked.consumed_kg + (booked.actual_kg or 0) + Decimal("7.25")
    assert plant.postings()[batch.mo_id] == 1


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
