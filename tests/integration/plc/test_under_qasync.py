"""The simulator and the link on a qasync loop, as the HMI runs them (QTimers + asyncio)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from hmi.domain.model import Batch
from hmi.plc.link import PlcLink
from hmi.sim.plc_sim import PlcSimulator


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop installed for the test, closed and unset afterwards (PLATFORM.md)."""
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
        asyncio.set_event_loop(None)


def test_one_batch_under_qasync(qloop: qasync.QEventLoop, make_batch: Callable[..., Batch]) -> None:
    async def scenario() -> tuple[float, bool, int]:
        async with PlcSimulator(port=0, speed=3000, seed=1, wait_for_ack=True) as sim:
            link = PlcLink("127.0.0.1", sim.port, reconnect_min_s=0.05)
            await link.connect()
            try:
                await link.write_batches([make_batch(1)])
                for _ in range(1000):
                    fb = (await link.read_feedback())[0]
                    if fb.finished:
                        break
                    await asyncio.sleep(0.01)
                await link.acknowledge_finished(1)
                for _ in range(1000):
                    if await link.read_ready():
                        break
                    await asyncio.sleep(0.01)
                return fb.materials[0].actual_kg, await link.read_ready(), len(sim.completed)
            finally:
                await link.close()

    actual, ready, completed = qloop.run_until_complete(scenario())
    assert abs(actual - 450) <= Decimal("0.006") * 450
    assert ready
    assert completed == 1
