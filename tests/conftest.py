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


@pytest.fixture(autouse=True)
def collect_qt_garbage() -> Iterator[None]:
    """Free Qt objects left in reference cycles on this (the Qt) thread, after each test.

    Otherwise Python's cyclic GC may free them later from a worker thread (the engine's
    database thread), and Qt crashes deleting a timer from the wrong thread.
    """
    yield
    if "PySide6" in sys.modules:
        gc.collect()


#: Test modules that share one resource of the machine: under pytest-xdist (`-n`, the
#: default in CI) each group runs on one worker, one test after the other. "postgres": the
#: scratch database of HMI_TEST_POSTGRES_URL (its tables are dropped and made again);
#: "xvfb": the X display numbers a fresh Xvfb server takes.
SHARED: dict[str, str] = {
    "tests/integration/engine/test_postgres_panels.py": "postgres",
    "tests/integration/store/test_postgresql.py": "postgres",
    "tests/integration/store/test_gate_race.py": "postgres",
    "tests/unit/store/test_migrations.py": "postgres",
    "tests/ui/test_start_refusal.py": "postgres",
    "tests/ui/test_panel_fit.py": "xvfb",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the tests of each SHARED module into its xdist group."""
    root = Path(str(config.rootpath))
    for item in items:
        group = SHARED.get(Path(str(item.path)).relative_to(root).as_posix())
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
