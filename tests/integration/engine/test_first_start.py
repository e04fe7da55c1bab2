"""A panel with no Odoo secret yet still starts (Odoo shown down, gate closed) and can store one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hmi.config import Settings, dump_settings, with_section
from hmi.odoo.credentials import SecretStore
from hmi.runtime import build_engine


async def test_missing_secret_starts_with_odoo_down_and_the_reason(plant) -> None:
    settings = plant.settings()
    runtime = build_engine(settings, database_url=plant.db_url)  # no secret stored anywhere
    engine = runtime.engine
    await engine.start()
    plant.engines.append(engine)
    snapshot = await engine.refresh()
    assert not snapshot.odoo.up
    assert "no Odoo password is stored" in (snapshot.odoo.last_error or "")
    assert "Odoo offline" in snapshot.gate.reason
    await engine.fetch_tick()
    assert engine.ctx.store.count() == 0


def test_set_odoo_secret_stores_it_in_the_configured_keyring(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.cfg"
    settings = with_section(
        Settings(), "odoo", keyring_backend="file", keyring_file=str(keyring_file)
    )
    config = tmp_path / "settings.toml"
    config.write_text(dump_settings(settings), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "hmi.app", "--set-odoo-secret", "--config", str(config)],
        input="s3cret\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={"HMI_LOG_DIR": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stdout + done.stderr
    store = SecretStore.from_setting("file", keyring_file)
    assert store.load(settings.odoo.url, settings.odoo.database, settings.odoo.login) == "s3cret"


def test_unreachable_database_is_a_calm_message_not_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('database_url = "postgresql+psycopg://hmi:pw@127.0.0.1:1/hmi"\n')
    done = subprocess.run(
        [sys.executable, "-m", "hmi.app", "--headless", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"HMI_LOG_DIR": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "cannot start: database postgresql+psycopg://hmi:***@127.0.0.1:1/hmi" in done.stderr
    assert "Traceback" not in done.stderr
    assert "pw@" not in done.stderr


async def test_a_missing_administrator_is_said_at_start(plant) -> None:
    runtime = build_engine(plant.settings(), secret="admin", database_url=plant.db_url)
    await runtime.engine.start()  # no named user yet: a first start
    plant.engines.append(runtime.engine)
    warnings = [
        str(e.message) for e in await runtime.engine.recent_events() if e.level == "WARNING"
    ]
    assert any("No administrator yet" in message for message in warnings)
