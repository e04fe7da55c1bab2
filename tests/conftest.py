"""Shared fixtures: free loopback ports and a throwaway data folder."""

from __future__ import annotations

import gc
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def find_free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def free_port() -> int:
    """A free loopback TCP port for a simulator."""
    return find_free_port()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway user data folder (HMI_DATA_DIR) so tests never touch the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("HMI_DATA_DIR", str(folder))
    return folder


#: Fixtures through which a test makes Qt objects (pytest-qt's, and the qasync loop's).
QT_FIXTURES = frozenset({"qtbot", "qapp", "qloop"})


@pytest.fixture(autouse=True)
def collect_qt_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """Free Qt objects left in reference cycles on this (the Qt) thread, after each test
    that made Qt objects (a full collection costs about 0.2 s: not after the others).

    Otherwise Python's cyclic GC may free them later from a worker thread (the engine's
    database thread), and Qt crashes deleting a timer from the wrong thread.
    """
    yield
    if "PySide6" in sys.modules and (
        "ui" in request.node.path.parts or QT_FIXTURES.intersection(request.fixturenames)
    ):
        gc.collect()


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each worker gets a scratch PostgreSQL database of its own
    (`<name>_<worker>`, made here), so the tests that drop and make the HMI tables never meet.
    Runs before any test module reads HMI_TEST_POSTGRES_URL; subprocesses inherit it."""
    url = os.environ.get("HMI_TEST_POSTGRES_URL", "")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    mine = base.set(database=f"{base.database}_{worker}")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": mine.database}
            ).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{mine.database}"'))
    finally:
        admin.dispose()
    os.environ["HMI_TEST_POSTGRES_URL"] = mine.render_as_string(hide_password=False)
