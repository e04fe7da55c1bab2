"""Store fixtures: a migrated SQLite file in tmp_path and a factory of valid batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hmi.domain import Batch, BatchLine
from hmi.store import QueueRepository, migrate, open_database

BatchFactory = Callable[..., Batch]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite file."""
    return f"sqlite:///{tmp_path / 'store' / 'hmi.sqlite'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on the fresh file, disposed after the test."""
    eng = open_database(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def repo(engine: Engine) -> QueueRepository:
    """A repository over the migrated file."""
    return QueueRepository(engine)


@pytest.fixture
def make_batch() -> BatchFactory:
    """Build a valid batch: MO id, slot, and three materials on silos 101, 102 and tank 114."""

    def build(mo_id: int, slot: int, product: str = "Layer Mash", **changes: object) -> Batch:
        lines = (
            BatchLine(101, mo_id * 10 + 1, 501, "RM-CORN", 600.0),
            BatchLine(102, mo_id * 10 + 2, 502, "RM-SBM", 350.0),
            BatchLine(114, mo_id * 10 + 3, 503, "RM-OIL", 50.0),
        )
        values: dict[str, object] = {
            "mo_id": mo_id,
            "mo_name": f"WH/MO/{mo_id:05d}",
            "bom_name": "BoM Layer",
            "product_name": product,
            "quantity_kg": 1000.0,
            "lines": lines,
            "slot": slot,
        }
        values.update(changes)
        return Batch(**values)  # type: ignore[arg-type]

    return build


@pytest.fixture
def fill(repo: QueueRepository, make_batch: BatchFactory) -> Callable[..., list[Batch]]:
    """Queue MO ids `ids` (slots 1..N) through the gate and return the queued batches."""

    def run(*ids: int, product: str = "Layer Mash") -> list[Batch]:
        batches = [make_batch(mo_id, slot, product) for slot, mo_id in enumerate(ids, start=1)]
        assert repo.fill_if_empty(batches) is True
        return repo.batches()

    return run
