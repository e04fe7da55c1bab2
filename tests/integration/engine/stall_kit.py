"""What the stall catalogue and its neighbours share: an engine with a quick watchdog, the
task rounds, the bounded waits and the Odoo books check (every MO exactly once)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from hmi.config import Settings, with_section
from hmi.domain.line_status import LineMode
from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.engine.engine import Engine
from hmi.runtime import build_engine
from tests.named_users import seed_users

WATCHDOG = {"fault_s": 0.5, "confirm_s": 0.5, "ack_s": 1.0, "start_s": 2.0, "heartbeat_s": 0.5}
SLOW = 30.0  # a batch takes 10 s: batches stay sent/running while the test acts
FAST = 3000.0


async def start_engine(plant: Any, **watchdog: float) -> Engine:
    """An engine on the plant with fast tasks and a quick watchdog."""
    settings: Settings = plant.settings()
    settings = with_section(settings, "watchdog", **{**WATCHDOG, **watchdog})
    settings = with_section(settings, "alarms", link_down_s=1.0)
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    seed_users(runtime.engine.ctx.store)  # named users act (tests.named_users)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def stop_engine(plant: Any, engine: Engine) -> None:
    """Stop an engine (a panel closed, or a restart)."""
    await engine.stop()
    plant.engines.remove(engine)


async def tick(engine: Engine) -> None:
    """One round of the three tasks, as the timers run them."""
    await engine.sync_tick()
    await engine.complete_tick()
    await engine.fetch_tick()


async def until(engine: Engine, condition: Any, timeout: float = 20.0) -> float:
    """Run the tasks until `condition()` holds; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        await tick(engine)
        if condition():
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {timeout} s; line: {engine.snapshot().line_status}")


def alarm(engine: Engine, key: str) -> str:
    """The English text of an active alarm ('' when not active)."""
    text = engine.ctx.alarms.get(key)
    return str(Message.from_json(text)) if text else ""


def stopped(engine: Engine, code: str) -> bool:
    """True when the line status is STOPPED for the stall `code`."""
    status = engine.snapshot().line_status
    return status.mode is LineMode.STOPPED and status.message.code == code


async def drain(plant: Any, engine: Engine, reported: int, timeout: float = 40.0) -> None:
    """Let the line run until `reported` MOs are archived as reported and nothing is stuck."""
    plant.plc.process.speed = FAST

    def done() -> bool:
        count = engine.ctx.store.history_count()
        return count >= reported and not engine.ctx.store.batches()

    if engine.ctx.store.history_count() < reported:  # one fill, then no more
        await until(engine, lambda: bool(engine.ctx.store.batches()), timeout)
    engine.auto_fetch = False
    await until(engine, done, timeout)
    await until(engine, lambda: not any(a.pending for a in engine.ctx.store.slot_acks()), 10)


def books_clean(plant: Any, engine: Engine) -> None:
    """Every MO Odoo posted was posted once; every reported batch posted; nothing stuck."""
    postings = plant.postings()
    assert all(n <= 1 for n in postings.values()), postings
    history = engine.ctx.store.history_page(0, 1000)
    for batch in history:
        expected = 1 if batch.outcome is BatchState.REPORTED else 0
        assert postings[batch.mo_id] == expected, (batch.mo_name, batch.outcome)
    assert not engine.ctx.store.batches()
    assert not [a for a in engine.ctx.store.slot_acks() if a.pending]
    names = [c.mo_name for c in plant.plc.completed if c.mo_name]
    assert len(names) == len(set(names)), "a batch ran twice"
