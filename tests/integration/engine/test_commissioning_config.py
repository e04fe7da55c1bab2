"""One validation for settings, and a problem on one side that leaves the other side running
(issue 15), against both simulators."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hmi.config import with_section
from hmi.domain.errors import ConfigError, ValidationError
from hmi.engine.settings_check import check_settings_file
from hmi.runtime import build_engine
from tests.named_users import TEST_PIN, seed_users


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def _start(plant, config: Path):
    check = check_settings_file(config, install=True)
    runtime = build_engine(
        check.settings, settings_path=config, check=check, database_url=plant.db_url
    )
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def test_a_broken_register_map_leaves_odoo_running_with_an_alarm(plant, tmp_path, run_tasks):
    (tmp_path / "cfg").mkdir()
    config = plant.write_config(tmp_path / "cfg" / "settings.toml")
    assert check_settings_file(config, install=True).ok  # first start: the plant files
    plant_map = config.parent / "register_map.toml"
    _replace(plant_map, "max_read = 125", "max_read = 126")
    engine = await _start(plant, config)
    await run_tasks(engine)
    snapshot = await engine.refresh()
    assert engine.ctx.odoo.state.up
    assert not snapshot.plc.up
    (alarm,) = [a for a in snapshot.active_alarms if a.key == "config.plc"]
    text = str(alarm.message)
    assert "The PLC side is not configured" in text
    assert f"{plant_map}: plc.max_read: must be a whole number 1..125, got 126" in text
    assert "The Odoo side keeps running" in text


async def test_a_bad_odoo_url_leaves_the_plc_side_running_with_an_alarm(
    plant, tmp_path, run_tasks, wait_for
):
    config = plant.write_config(tmp_path / "settings.toml")
    _replace(config, f'url = "{plant.odoo.url}"', 'url = "odoo.example.com"')
    engine = await _start(plant, config)
    await plant.plc.write_words(7076, [0])  # the PLC runs on its own; the HMI must follow it
    await run_tasks(engine)
    snapshot = await engine.refresh()
    assert snapshot.plc.up
    assert snapshot.feedback  # Task 2 reads the feedback area
    (alarm,) = [a for a in snapshot.active_alarms if a.key == "config.odoo"]
    assert "[odoo] url: 'odoo.example.com' is not an http:// or https:// address" in str(
        alarm.message
    )


async def test_a_bad_line_setting_refuses_the_start_naming_it(plant, tmp_path):
    config = plant.write_config(tmp_path / "settings.toml")
    _replace(config, "line_name = ", 'line_name = "" #')
    check = check_settings_file(config, install=True)
    with pytest.raises(ConfigError, match=r"\[ui\] line_name: must not be empty"):
        build_engine(check.settings, settings_path=config, check=check)


async def test_saving_refuses_what_start_up_would_refuse(plant, tmp_path):
    config = plant.write_config(tmp_path / "settings.toml")
    engine = await _start(plant, config)
    before = config.read_text(encoding="utf-8")
    missing = with_section(engine.settings, "plc", register_map="mill2_map.toml")
    with pytest.raises(ValidationError, match=r"mill2_map\.toml not found"):
        await engine.apply_settings(missing, "supervisor", pin=TEST_PIN)
    table = tmp_path / "silos.toml"
    table.write_text(
        '[[equipment]]\nid = 120\nname = "Silo 20"\nkind = "silo"\nproduct_ref = "RM-X"\n',
        encoding="utf-8",
    )
    unknown_silo = with_section(engine.settings, "batching", equipment_table=str(table))
    with pytest.raises(ValidationError, match=r"equipment 120 \(Silo 20\) has no position"):
        await engine.apply_settings(unknown_silo, "supervisor", pin=TEST_PIN)
    assert config.read_text(encoding="utf-8") == before
    # the same values in the file: start-up refuses the equipment table by the same words
    _replace(config, 'equipment_table = ""', f'equipment_table = "{table}"')
    check = check_settings_file(config)
    assert any("equipment 120 (Silo 20) has no position" in str(p) for p in check.line)


async def test_saving_keeps_comments_and_accepts_an_odoo_path_prefix(plant, tmp_path):
    config = plant.write_config(tmp_path / "settings.toml")
    config.write_text("# line B, commissioned by R.\n" + config.read_text("utf-8"), "utf-8")
    engine = await _start(plant, config)
    behind_proxy = with_section(engine.settings, "odoo", url="https://erp.example.com/odoo")
    await engine.apply_settings(behind_proxy, "supervisor", pin=TEST_PIN)
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# line B, commissioned by R.\n")
    assert 'url = "https://erp.example.com/odoo"' in text
    assert check_settings_file(config).ok


def test_check_config_command_reports_by_name(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('[plc]\nport = 0\n[odoo]\nurl = "ftp://odoo"\n', encoding="utf-8")
    run = [sys.executable, "-m", "hmi.app", "--check-config", "--config", str(config)]
    result = subprocess.run(run, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "PLC side: settings file" in result.stdout
    assert "[plc] port: must be at least 1 (got 0)" in result.stdout
    assert "Odoo: settings file" in result.stdout
    assert f"copied the packaged default to {tmp_path / 'register_map.toml'}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    config.write_text("", encoding="utf-8")
    again = subprocess.run(run, capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode == 0, again.stdout
    assert "copied" not in again.stdout  # never overwritten
    assert "settings OK" in again.stdout
