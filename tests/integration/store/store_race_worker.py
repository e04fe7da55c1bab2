"""Child-process side of the store race tests (imported by multiprocessing 'spawn' children).

Not a test module: the tests put this folder on sys.path so spawned children can import it.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any

from hmi.domain import Batch, BatchLine, BatchState
from hmi.store import QueueRepository, migrate, open_database

BATCHES_PER_FILL = 3
WAIT_S = 60.0


def make_batches(first_id: int, label: str) -> list[Batch]:
    """BATCHES_PER_FILL valid batches with MO ids first_id.., slots 1..N."""
    return [
        Batch(
            mo_id=first_id + i,
            mo_name=f"{label}/{i}",
            bom_name="BoM",
            product_name="Broiler Starter",
            quantity_kg=500.0,
            lines=(
                BatchLine(101, (first_id + i) * 10 + 1, 501, "RM-CORN", 300.0),
                BatchLine(102, (first_id + i) * 10 + 2, 502, "RM-SBM", 200.0),
            ),
            slot=i + 1,
        )
        for i in range(BATCHES_PER_FILL)
    ]


def batches_for(round_no: int, who: int) -> list[Batch]:
    """What contender `who` tries to queue in round `round_no` (ids unique across both)."""
    return make_batches(100_000 * (who + 1) + round_no * BATCHES_PER_FILL, f"R{round_no}/W{who}")


def race(url: str, who: int, rounds: int, barrier: Any, results: Any) -> None:
    """Migrate together with the other contender, then race it at the gate every round."""
    engine = open_database(url)
    try:
        barrier.wait(WAIT_S)
        migrate(engine)
        repo = QueueRepository(engine)
        for round_no in range(rounds):
            barrier.wait(WAIT_S)
            results.put((round_no, who, repo.fill_if_empty(batches_for(round_no, who))))
            barrier.wait(WAIT_S)
    except threading.BrokenBarrierError:
        results.put((-1, who, "barrier broken"))
    except Exception:
        results.put((-1, who, traceback.format_exc()))
        barrier.abort()
    finally:
        engine.dispose()


def churn(url: str, first_id: int, progress: Any) -> None:
    """Fill, finish and archive batches forever until killed; report each archived MO id."""
    engine = open_database(url)
    repo = QueueRepository(engine)
    mo_id = first_id
    while True:
        batches = make_batches(mo_id, f"C{mo_id}")
        if not repo.fill_if_empty(batches):
            raise RuntimeError("the queue was not empty at the start of a churn round")
        for batch in batches:
            repo.set_state(batch.mo_id, BatchState.SENT)
            repo.record_actuals(
                batch.mo_id, {101: 300.0, 102: 200.0}, state=BatchState.FINISHED, produced_kg=500
            )
            repo.archive(batch.mo_id, BatchState.REPORTED, actor="churn")
            progress.put(batch.mo_id)
        mo_id += BATCHES_PER_FILL
