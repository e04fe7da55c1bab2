"""After stop the HMI holds no file of its data folder open (Windows cannot delete open files).

Checked on Linux through /proc/self/fd: the same leak shows on Windows as "Sharing
violation" when the folder is removed (the self-test's temporary folder, a demo folder).
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from hmi import app as hmi_app
from hmi.config import Settings
from hmi.demo import DemoPlant
from hmi.domain.errors import ConfigError
from hmi.runtime import build_engine
from hmi.selftest_workstation import open_files_under
from hmi.store.database import default_database_url

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="lists open files through /proc/self/fd"
)
#: A five-minute batch takes 0.1 s on the simulated PLC.
FAST = 3000.0


async def test_runtime_stop_closes_every_file_of_the_data_folder(tmp_path: Path) -> None:
    plant = DemoPlant(speed=FAST, folder=tmp_path / "demo")
    plant.folder.mkdir()
    await plant.start()
    try:
        runtime = plant.build()
        engine = runtime.engine
        await engine.start()
        deadline = time.monotonic() + 30
        while await engine.history_count() < 1:  # one batch dosed, reported and archived
            assert time.monotonic() < deadline, "no batch archived within 30 s"
            await engine.sync_tick()
            await engine.complete_tick()
            await engine.fetch_tick()
            await asyncio.sleep(0.02)
        held = {path.name for path in open_files_under(plant.folder)}
        assert "demo.sqlite" in held  # the probe sees the database while it runs
        await runtime.stop()
        assert open_files_under(plant.folder) == []
    finally:
        await plant.stop()
    assert not plant.folder.exists()


def test_a_start_refused_by_the_database_leaves_no_file_open(
    data_dir: Path, tmp_path: Path
) -> None:
    path = data_dir / "hmi.sqlite"
    with sqlite3.connect(path) as db:  # a database written by a newer HMI
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('9999')")
    db.close()
    assert default_database_url().endswith(str(path))
    with pytest.raises(ConfigError):
        build_engine(Settings(), secret="x")
    assert open_files_under(data_dir) == []


def test_demo_mode_closes_its_database_before_the_demo_folder_goes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HMI_LOG_DIR", str(tmp_path / "logs"))
    left_open: list[Path] = []
    stop_plant = DemoPlant.stop

    async def stop_and_look(self: DemoPlant) -> None:
        left_open.extend(open_files_under(self.folder))  # the runtime stopped just before
        assert (self.folder / "demo.sqlite").is_file()
        await stop_plant(self)

    monkeypatch.setattr(DemoPlant, "stop", stop_and_look)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    args = hmi_app.build_parser().parse_args(
        ["--demo", "--headless", "--batches", "1", "--speed", str(FAST), "--timeout", "60"]
    )
    try:
        assert hmi_app.run_qt(args) == 0
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert left_open == []
