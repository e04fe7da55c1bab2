"""Store benchmark: the history view over 100 000 archived batches, and the queue's calls.

Runs on a real SQLite file (WAL, synchronous=FULL) in a temporary folder, or --dir.
Prints one JSON object per line: {"name": ..., "value": ..., "unit": ...}.

    .venv/bin/python benchmarks/bench_store.py [--archived 100000] [--cycles 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from hmi.domain import Batch, BatchLine, BatchState
from hmi.store import QueueRepository, migrate, open_database
from hmi.store.models import HistoryLineRow, MoHistoryRow

PRODUCTS = [
    f"Feed {name}"
    for name in (
        "Layer",
        "Broiler",
        "Starter",
        "Grower",
        "Finisher",
        "Sow",
        "Piglet",
        "Duck",
        "Quail",
        "Cattle",
        "Fish",
        "Shrimp",
    )
]
EQUIPMENT = [101, 102, 103, 104, 105, 106, 114, 115]
SLOTS = 10
CHUNK = 20_000


def emit(name: str, value: float, unit: str) -> None:
    """Print one result line."""
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds one call took, and its result."""
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def seed_history(engine: Engine, count: int) -> None:
    """Insert `count` archived batches (8 lines each) spread over the last year, in bulk."""
    end = datetime.now(UTC)
    step = timedelta(days=365) / max(count, 1)
    with engine.begin() as conn:
        for start in range(0, count, CHUNK):
            ids = range(start + 1, min(start + CHUNK, count) + 1)
            conn.execute(
                insert(MoHistoryRow), [history_row(i, end - step * (count - i)) for i in ids]
            )
            conn.execute(insert(HistoryLineRow), [line for i in ids for line in history_lines(i)])


def history_row(mo_id: int, archived_at: datetime) -> dict[str, Any]:
    """One mo_history row."""
    return {
        "mo_id": mo_id,
        "slot": mo_id % SLOTS + 1,
        "mo_name": f"WH/MO/{mo_id:06d}",
        "bom_name": "BoM",
        "product_name": PRODUCTS[mo_id % len(PRODUCTS)],
        "quantity_kg": Decimal("2000.00"),
        "produced_kg": Decimal("1998.50"),
        "finished_weight_kg": Decimal("0.00"),
        "outcome": BatchState.REPORTED.value,
        "note": "",
        "odoo_message": "",
        "report_attempts": 1,
        "actor": "engine",
        "reason": "",
        "queued_at": archived_at - timedelta(minutes=40),
        "started_at": archived_at - timedelta(minutes=30),
        "finished_at": archived_at - timedelta(minutes=5),
        "archived_at": archived_at,
    }


def history_lines(mo_id: int) -> list[dict[str, Any]]:
    """The 8 history_line rows of one archived batch."""
    return [
        {
            "mo_id": mo_id,
            "position": pos,
            "equipment_id": eq,
            "move_id": mo_id * 10 + pos,
            "product_id": 500 + pos,
            "product_ref": f"RM-{eq}",
            "planned_kg": Decimal("250.00"),
            "actual_kg": Decimal("249.80"),
        }
        for pos, eq in enumerate(EQUIPMENT)
    ]


def bench_history(url: str) -> None:
    """Open the history view cold (new engine), then warm, with and without filters."""
    engine = open_database(url)
    repo = QueueRepository(engine)
    cold, _ = timed(lambda: (repo.history_count(), repo.history_page(0, 50)))
    emit("history_open_cold_count_plus_first_page", cold, "ms")
    week = datetime.now(UTC) - timedelta(days=7)
    cases: dict[str, dict[str, Any]] = {
        "unfiltered": {},
        "product_contains": {"product": "grower"},
        "mo_contains": {"mo": "0123"},
        "last_7_days": {"since": week},
    }
    for name, filters in cases.items():
        runs = [
            timed(lambda f=filters: (repo.history_count(**f), repo.history_page(0, 50, **f)))[0]
            for _ in range(10)
        ]
        emit(f"history_{name}_count_plus_first_page_max", max(runs), "ms")
    count = repo.history_count()
    deep, _ = timed(lambda: repo.history_page(max(count - 50, 0), 50))
    emit("history_last_page", deep, "ms")
    engine.dispose()


def queue_batches(first_id: int) -> list[Batch]:
    """A full queue of 10 batches with 8 materials each."""
    return [
        Batch(
            mo_id=first_id + n,
            mo_name=f"WH/MO/Q{first_id + n}",
            bom_name="BoM",
            product_name=PRODUCTS[n],
            quantity_kg=2000.0,
            slot=n + 1,
            lines=tuple(
                BatchLine(eq, (first_id + n) * 10 + p, 500 + p, f"RM-{eq}", 250.0)
                for p, eq in enumerate(EQUIPMENT)
            ),
        )
        for n in range(SLOTS)
    ]


def bench_queue(url: str, cycles: int) -> None:
    """Worst and median single-call durations of the engine's calls over full queue cycles."""
    engine = open_database(url)
    repo = QueueRepository(engine)
    calls: dict[str, list[float]] = {}

    def call(name: str, fn: Callable[[], Any]) -> Any:
        took, result = timed(fn)
        calls.setdefault(name, []).append(took)
        return result

    for cycle in range(cycles):
        batches = queue_batches(10_000_000 + cycle * SLOTS)
        call("fill_if_empty_10", lambda b=batches: repo.fill_if_empty(b))
        call(
            "set_many_state_10",
            lambda b=batches: repo.set_many_state([x.mo_id for x in b], BatchState.SENT),
        )
        for step in (0.5, 1.0):
            for batch in batches:
                state = BatchState.RUNNING if step < 1 else BatchState.FINISHED
                actuals = {eq: 250.0 * step for eq in EQUIPMENT}
                call(
                    "record_actuals",
                    lambda b=batch, a=actuals, s=state: repo.record_actuals(b.mo_id, a, state=s),
                )
                call("batches_10", repo.batches)
                call("count", repo.count)
        for batch in batches:
            call(
                "log_event",
                lambda b=batch: repo.log_event("INFO", "complete", f"reported {b.mo_name}"),
            )
            call(
                "archive",
                lambda b=batch: repo.archive(b.mo_id, BatchState.REPORTED, actor="engine"),
            )
        call("recent_events_500", repo.recent_events)
    for name, runs in calls.items():
        emit(f"{name}_max", max(runs), "ms")
        emit(f"{name}_median", statistics.median(runs), "ms")
    engine.dispose()


def main() -> None:
    """Build the database, then print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archived", type=int, default=100_000)
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{(args.dir or Path(tmp)) / 'bench.sqlite'}"
        engine = open_database(url)
        migrate(engine)
        took, _ = timed(lambda: seed_history(engine, args.archived))
        engine.dispose()
        emit("seed_archived_batches", args.archived, "batches")
        emit("seed_duration", took / 1000, "s")
        bench_history(url)
        bench_queue(url, args.cycles)


if __name__ == "__main__":
    main()
