"""A real PLC simulator on a loopback port and a PlcLink to it, torn down after each test."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from hmi.domain.model import Batch, BatchLine
from hmi.plc.link import PlcLink
from hmi.sim.plc_sim import PlcSimulator

FAST = 3000.0  # a five-minute batch in 0.1 s


async def _wait_for(condition: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Poll an async condition every 10 ms until true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        await asyncio.sleep(0.01)


def _make_batch(slot: int, *, quantity: float = 1000.0) -> Batch:
    """A batch of three silos and one liquid for `slot`."""
    share = quantity / 1000.0
    lines = (
        BatchLine(101, 10 * slot + 1, 1, "RM-CORN", round(450.0 * share, 2)),
        BatchLine(103, 10 * slot + 2, 2, "RM-SBM", round(300.0 * share, 2)),
        BatchLine(108, 10 * slot + 3, 3, "RM-BRAN", round(210.0 * share, 2)),
        BatchLine(114, 10 * slot + 4, 4, "RM-OIL", round(40.0 * share, 2)),
    )
    return Batch(
        mo_id=100 + slot,
        mo_name=f"WH/MO/{20 + slot:05d}",
        bom_name="[10092] JF SAPOT",
        product_name="[10092] JF SAPOT",
        quantity_kg=quantity,
        lines=lines,
        slot=slot,
    )


@pytest.fixture
def wait_for() -> Callable[..., Awaitable[None]]:
    """`await wait_for(async_condition, timeout=10.0)`: poll until true (no sleeps in tests)."""
    return _wait_for


@pytest.fixture
def make_batch() -> Callable[..., Batch]:
    """`make_batch(slot, quantity=1000.0)`: a batch of three silos and one liquid tank."""
    return _make_batch


@pytest.fixture
async def sim() -> AsyncIterator[PlcSimulator]:
    simulator = PlcSimulator(port=0, speed=FAST, seed=7, wait_for_ack=True)
    await simulator.start()
    try:
        yield simulator
    finally:
        await simulator.stop()


@pytest.fixture
async def link(sim: PlcSimulator) -> AsyncIterator[PlcLink]:
    plc = PlcLink("127.0.0.1", sim.port, timeout=1.0, reconnect_min_s=0.05, reconnect_max_s=0.4)
    await plc.connect()
    try:
        yield plc
    finally:
        await plc.close()


@pytest.fixture(autouse=True)
async def no_tasks_left_behind() -> AsyncIterator[None]:
    """Fail a test that leaves a task running on the loop (pymodbus' own conftest does so)."""
    before = asyncio.all_tasks()
    yield
    for _ in range(50):
        left = {t for t in asyncio.all_tasks() - before if t is not asyncio.current_task()}
        left = {t for t in left if not t.done()}
        if not left:
            return
        await asyncio.sleep(0.01)
    pytest.fail(f"tasks left behind: {left}")
