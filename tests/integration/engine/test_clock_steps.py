"""The PIN lockout and alarm shelving survive a clock step in either direction (issue 11).

Both are wall-clock dates in the database (shared by the panels, kept over a restart). The
machine's clock cannot be stepped in a test without disturbing everything else on it, so the
HMI's one wall-clock function (`hmi.domain.links.utcnow`, imported by name by each module) is
stepped instead, everywhere at once, as NTP would step the system clock; the monotonic
clock goes on untouched, as the operating system's does.
"""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import hmi.domain.links
from hmi.config import with_section
from hmi.domain.deadlines import trusted_deadline
from hmi.domain.roles import AccessDenied, Command
from hmi.engine.clock_steps import Deadlines
from hmi.engine.engine import Engine
from hmi.runtime import build_engine
from tests.named_users import TEST_PIN, seed_users

PIN = TEST_PIN
WHO = "supervisor"  # a named user (tests.named_users); each user has a lockout of their own
LOCK_MIN = 5.0
SHELVE_MAX_MIN = 60.0
REAL_UTCNOW = hmi.domain.links.utcnow


class SteppedClock:
    """The HMI's wall clock, `offset` away from the real one."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return REAL_UTCNOW() + self.offset

    def step(self, **delta: float) -> None:
        """Step the clock by a timedelta's keywords (negative: back)."""
        self.offset += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> SteppedClock:
    """Every HMI module's `utcnow`, stepped together."""
    stepped = SteppedClock()
    for name, module in list(sys.modules.items()):
        if name.startswith("hmi") and getattr(module, "utcnow", None) is REAL_UTCNOW:
            monkeypatch.setattr(module, "utcnow", stepped.now)
    return stepped


async def start_engine(plant: Any) -> Engine:
    """An engine with named users: 3 wrong PINs lock a user's PIN for LOCK_MIN minutes."""
    settings = with_section(
        plant.settings(),
        "alarms",
        pin_max_failures=3,
        pin_lockout_min=LOCK_MIN,
        shelve_max_min=SHELVE_MAX_MIN,
    )
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def lock_out(engine: Engine) -> None:
    """Three wrong PINs: the lockout begins."""
    for _ in range(3):
        with pytest.raises(AccessDenied):
            await engine.verify_supervisor("0000", Command.CLEAR_QUEUE.value, WHO)
    assert (await engine.pin_status(WHO)).locked(hmi.engine.engine.utcnow())


async def locked_for(engine: Engine) -> float:
    """Seconds the lockout lasts from now (0 when the PIN is accepted again)."""
    status = await engine.pin_status(WHO)
    return status.remaining_s(hmi.engine.engine.utcnow())


@pytest.mark.parametrize("step_h", [1.0, -7.0], ids=["forward", "back"])
async def test_a_pin_lockout_lasts_its_time_whatever_the_clock_does(
    plant: Any, clock: SteppedClock, step_h: float
) -> None:
    engine = await start_engine(plant)
    await lock_out(engine)
    clock.step(hours=step_h)
    left = await locked_for(engine)
    assert 0 < left <= LOCK_MIN * 60, left  # neither ended early nor stretched by 7 h
    with pytest.raises(AccessDenied, match="locked"):
        await engine.verify_supervisor(PIN, Command.CLEAR_QUEUE.value, WHO)


async def test_a_restarted_panel_does_not_wait_for_a_lockout_set_before_a_step_back(
    plant: Any, clock: SteppedClock
) -> None:
    """Another panel (or this one after a restart) has only the stored date: set before the
    clock went back 7 h, it lies further ahead than a lockout can last, so it is due now."""
    first = await start_engine(plant)
    await lock_out(first)
    clock.step(hours=-7)
    second = await start_engine(plant)
    assert await locked_for(second) == 0
    token = await second.verify_supervisor(PIN, Command.CLEAR_QUEUE.value, WHO)
    assert token.command == Command.CLEAR_QUEUE.value


async def shelved_alarm(engine: Engine, plant: Any) -> int:
    """An equipment failure from the PLC, shelved for 10 minutes; its id."""
    plant.plc.inject_equipment_failure(103, 12, "motor overload")
    for _ in range(200):
        await engine.sync_tick()
        listed = [a for a in await engine.alarm_list() if a.key.startswith("equipment.")]
        if listed:
            break
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("the equipment failure was not alarmed")
    alarm = listed[0]
    token = await engine.verify_supervisor(PIN, Command.SHELVE_ALARM.value, WHO)
    await engine.shelve_alarm(alarm.id, "supervisor", 10, "motor being replaced", pin=token)
    return alarm.id


async def banner_ids(engine: Engine) -> set[int]:
    await engine.refresh()
    return {a.id for a in engine.snapshot().active_alarms}


@pytest.mark.parametrize("step_h", [1.0, -7.0], ids=["forward", "back"])
async def test_a_shelved_alarm_stays_shelved_its_time_whatever_the_clock_does(
    plant: Any, clock: SteppedClock, step_h: float
) -> None:
    engine = await start_engine(plant)
    alarm_id = await shelved_alarm(engine, plant)
    assert alarm_id not in await banner_ids(engine)
    clock.step(hours=step_h)
    engine._alarms_read_at = float("-inf")  # read the list again now, not in 2 s
    assert alarm_id not in await banner_ids(engine), "the shelving ended early"
    shelved = next(a for a in engine.snapshot().alarm_list if a.id == alarm_id)
    assert shelved.shelved_until is not None
    left = shelved.shelved_until - hmi.engine.engine.utcnow()
    assert timedelta(0) < left <= timedelta(minutes=10), left


async def test_another_panel_shows_an_alarm_shelved_before_a_step_back(
    plant: Any, clock: SteppedClock
) -> None:
    """Shelved for 10 min, then the clock goes back 7 h: the stored date lies further ahead
    than the longest shelving allowed (60 min here), so a panel without its own copy shows
    the alarm again instead of hiding it for 7 h."""
    first = await start_engine(plant)
    alarm_id = await shelved_alarm(first, plant)
    clock.step(hours=-7)
    second = await start_engine(plant)
    assert alarm_id in await banner_ids(second)


def test_a_stored_deadline_is_trusted_only_up_to_its_cap() -> None:
    now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    ahead = now + timedelta(minutes=5)
    assert trusted_deadline(ahead, now, 300) == ahead
    assert trusted_deadline(ahead, now, 299) is None  # further ahead than it can be: due now
    assert trusted_deadline(now, now, 300) is None
    assert trusted_deadline(None, now, 300) is None


async def test_a_deadline_kept_here_ends_on_the_monotonic_clock() -> None:
    deadlines = Deadlines()
    stored = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    deadlines.set("x", stored, 0.2)
    stepped_back = stored - timedelta(hours=7)
    assert deadlines.until("x", stored, stepped_back, 60) is not None
    started = time.monotonic()
    while deadlines.until("x", stored, stepped_back, 60) is not None:
        assert time.monotonic() - started < 5
        await asyncio.sleep(0.02)
    assert time.monotonic() - started >= 0.15
    deadlines.set("y", stored, 60)
    other = stored + timedelta(minutes=1)  # another panel set a new date meanwhile
    assert deadlines.until("y", other, stored, 300) == other
