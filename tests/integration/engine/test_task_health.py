"""Task health (issue 11): a programming error is reported as such, never as a link being down;
a server's refusal is said once, not once per tick.

The programming error is a real one: the Odoo simulator answers stock moves without their
`product_uom` field (an answer of a shape the link's code does not expect), so the link's own
parsing raises KeyError — no mock anywhere.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from hmi.config import with_section
from hmi.domain.messages import Message
from hmi.engine.engine import Engine
from hmi.runtime import build_engine
from hmi.store.database import open_database
from hmi.store.repository import QueueRepository

FAILURES = 3  # [watchdog] task_failures in these tests
TICKS = 8


async def start_engine(plant: Any) -> Engine:
    """An engine whose watchdog alarms after FAILURES failures in a row."""
    settings = with_section(plant.settings(), "watchdog", task_failures=FAILURES)
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


def events(engine: Engine) -> list[str]:
    """The persisted event log, in English, oldest first."""
    rows = engine.ctx.store.recent_events(1000)
    return [str(Message.from_json(text)) for _, _, _, text in rows]


async def settle(engine: Engine) -> None:
    """Let the database thread write what the engine queued."""
    await engine.ctx.db.call(lambda: None)


async def test_a_programming_error_in_the_odoo_link_is_reported_as_such(
    plant: Any, caplog: pytest.LogCaptureFixture
) -> None:
    engine = await start_engine(plant)
    assert engine.snapshot().odoo.up
    plant.odoo.faults.omit_field("stock.move", "product_uom")
    caplog.set_level(logging.ERROR, logger="hmi.engine")
    for _ in range(TICKS):
        await engine.fetch_tick()
    await settle(engine)

    health = engine.health.of("fetch")
    assert health.failures == TICKS
    assert health.programming_error
    assert "KeyError" in str(health.last_error)
    snapshot = engine.snapshot()
    assert snapshot.odoo.up, "a programming error took the Odoo link down"
    assert not engine.ctx.store.batches()
    text = str(Message.from_json(engine.ctx.alarms["task.fetch"]))
    assert "a programming error" in text, text
    said = events(engine)
    assert not [e for e in said if "offline" in e or "cannot be reached" in e], said
    bugs = [e for e in said if "programming error (not a link problem)" in e]
    assert len(bugs) == 1, bugs  # said once, not per tick
    tracebacks = [r for r in caplog.records if r.name == "hmi.engine" and r.exc_info]
    assert len(tracebacks) == 1, [r.getMessage() for r in tracebacks]  # one per error per hour

    plant.odoo.faults.omit_field("stock.move", "product_uom", on=False)
    await engine.fetch_tick()
    assert engine.ctx.store.batches(), "the fetch did not recover"
    assert engine.health.of("fetch").failures == 0
    await engine.refresh()
    assert "task.fetch" not in engine.ctx.alarms


async def test_an_odoo_access_error_is_said_once_not_per_tick(plant: Any) -> None:
    engine = await start_engine(plant)
    admin = plant.odoo.users["admin"][0]
    plant.odoo.model.rights[admin] = False  # the HMI's user lost the manufacturing groups
    for _ in range(TICKS):
        await engine.fetch_tick()
    await settle(engine)
    said = [e for e in events(engine) if "not allowed to access" in e]
    assert len(said) == 1, said
    assert "admin" in said[0]
    assert engine.snapshot().odoo.up  # Odoo answers: the link is not down
    plant.odoo.model.rights[admin] = True
    await engine.fetch_tick()
    assert engine.ctx.store.batches()


async def test_the_log_file_of_a_real_hmi_holds_one_traceback_per_error(
    plant: Any, tmp_path: Path, hmi_processes: Any
) -> None:
    """A real `hmi --headless`: the fetch fails on every tick (1 s) with the same bug; its
    log file gets one traceback, the database the alarm naming a programming error."""
    plant.odoo.faults.omit_field("stock.move", "product_uom")
    config = plant.write_config(tmp_path / "settings.toml", fetch_interval_s=1.0)
    document = tomlkit.parse(config.read_text(encoding="utf-8"))
    document["watchdog"]["task_failures"] = FAILURES
    config.write_text(tomlkit.dumps(document), encoding="utf-8")
    logs = tmp_path / "logs"
    process = await hmi_processes.start(config, logs)
    repo = QueueRepository(open_database(plant.db_url))

    def alarm() -> str:
        try:
            found = [a for a in repo.active_alarms() if a.key == "task.fetch"]
        except Exception:  # the process has not migrated the database yet
            return ""
        return str(found[0].message) if found else ""

    for _ in range(600):
        if alarm():
            break
        if process.returncode is not None:
            raise AssertionError(await hmi_processes.stop(process))
        await asyncio.sleep(0.1)
    assert "a programming error" in alarm()
    await asyncio.sleep(2.5)  # more failing ticks after the alarm
    await hmi_processes.stop(process)
    log = (logs / "hmi.log").read_text(encoding="utf-8")
    assert log.count("Traceback (most recent call last)") == 1, log[-3000:]
    assert "KeyError: 'product_uom'" in log
    assert "task fetch failed again (programming error)" in log
    assert not repo.batches()
