"""UI fixtures: a qasync event loop on the pytest-qt QApplication, and domain records."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from hmi.domain.model import Batch, BatchLine
from hmi.domain.states import BatchState


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop set as the current loop; run scenarios with loop.run_until_complete."""
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
        asyncio.set_event_loop(None)
        del loop
        gc.collect()


def build_batch(
    mo_id: int,
    slot: int,
    *,
    state: BatchState = BatchState.SENT,
    actual: tuple[float | None, ...] = (None, None, None),
    product: str = "Broiler Starter",
    note: str = "",
    odoo_message: str = "",
) -> Batch:
    """A real domain Batch with three materials (two silos and a liquid tank)."""
    planned = (600.0, 300.0, 100.0)
    refs = ("CORN", "SBM", "OIL")
    equipment = (101, 102, 114)
    lines = tuple(
        BatchLine(
            equipment_id=equipment[i],
            move_id=mo_id * 10 + i,
            product_id=500 + i,
            product_ref=refs[i],
            planned_kg=planned[i],
            actual_kg=actual[i] if i < len(actual) else None,
        )
        for i in range(3)
    )
    return Batch(
        mo_id=mo_id,
        mo_name=f"WH/MO/{mo_id:05d}",
        bom_name="BoM Starter",
        product_name=product,
        quantity_kg=1000.0,
        lines=lines,
        slot=slot,
        state=state,
        note=note,
        odoo_message=odoo_message,
        queued_at=datetime(2026, 3, 2, 6, 0, tzinfo=UTC),
        started_at=datetime(2026, 3, 2, 6, 5, tzinfo=UTC) if actual[0] is not None else None,
    )


@pytest.fixture
def make_batch() -> Callable[..., Batch]:
    """The factory of real domain batches (see build_batch)."""
    return build_batch


@pytest.fixture
def batches() -> tuple[Batch, ...]:
    """Three batches sent to PLC slots 1..3."""
    return tuple(build_batch(100 + n, n) for n in (1, 2, 3))
