"""`hmi --self-test`: the whole installation check in a subprocess, and its reporting rules."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hmi import selftest
from hmi.selftest import CHECKS, Check, CheckFailed, SelfTest, run_checks


def hmi_command() -> list[str]:
    """The installed `hmi` console script next to this Python, else the same entry point."""
    script = shutil.which("hmi", path=str(Path(sys.executable).parent))
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; from hmi.app import main; sys.exit(main())"]


def run_hmi(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `hmi ARGS` offscreen with throwaway config, data and log folders."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HMI_CONFIG=str(tmp_path / "settings.toml"),
        HMI_DATA_DIR=str(tmp_path / "data"),
        HMI_LOG_DIR=str(tmp_path / "logs"),
        TMPDIR=str(tmp_path / "tmp"),  # the self-test's scratch folder goes here
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [*hmi_command(), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=100,
        check=False,
    )


def test_self_test_passes_and_prints_one_line_per_check(tmp_path: Path) -> None:
    result = run_hmi(tmp_path, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for check in CHECKS:
        assert any(line.startswith(f"ok {check.name}: ") for line in lines), (check.name, lines)
    assert lines[-1].startswith(f"self-test passed: {len(CHECKS)} checks")
    assert "defaults (no file at" in result.stdout
    assert "fetched, dosed, reported once and archived" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "logs" / "hmi.log").is_file()
    assert "ok clean up: " in result.stdout
    assert list((tmp_path / "tmp").iterdir()) == []  # scratch and demo folders removed


def test_broken_settings_fail_with_the_reason_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("[plc]\nport = 70000\n", encoding="utf-8")
    result = run_hmi(tmp_path, "--self-test")
    assert result.returncode == 1
    out = result.stdout
    assert "FAIL configuration: settings file" in out
    assert "[plc] port: must be at most 65535 (got 70000)" in out
    assert "skip equipment table: needs configuration" in out
    assert "skip odoo secret: needs configuration" in out
    assert "skip demo cycle: needs equipment table" in out
    assert "ok register map: " in out  # checks that do not depend on it still run
    assert out.splitlines()[-1].startswith("self-test FAILED: configuration, equipment table, odoo")
    assert "Traceback" not in out + result.stderr


async def test_a_failing_check_names_its_reason_and_skips_its_dependants(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    async def broken(state: SelfTest) -> str:
        raise CheckFailed("register map says 11 slots, the PLC has 10")

    async def crashing(state: SelfTest) -> str:
        raise KeyError("slot_base")

    async def fine(state: SelfTest) -> str:
        return "all good"

    checks = (
        Check("first", broken),
        Check("second", fine, needs=("first",)),
        Check("third", crashing),
        Check("fourth", fine),
    )
    failed = await run_checks(SelfTest(scratch=tmp_path), checks)
    out = capsys.readouterr().out.splitlines()
    assert failed == ["first", "second", "third"]
    assert out[0] == "FAIL first: register map says 11 slots, the PLC has 10"
    assert out[1] == "skip second: needs first"
    assert out[2] == "FAIL third: KeyError: 'slot_base'"
    assert out[3].startswith("ok fourth: all good (")


async def test_a_check_that_hangs_fails_on_its_time_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    async def hangs(state: SelfTest) -> str:
        await asyncio.sleep(30)
        return "never"

    failed = await run_checks(SelfTest(scratch=tmp_path), (Check("hang", hangs, timeout_s=0.05),))
    assert failed == ["hang"]
    assert capsys.readouterr().out.strip() == "FAIL hang: did not finish within 0.05 s"


async def test_resources_check_names_the_missing_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "resources"
    (folder / "translations").mkdir(parents=True)
    (folder / "register_map.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr("hmi.resources.resources_dir", lambda: folder)
    with pytest.raises(CheckFailed, match=r"equipment\.toml, translations/hmi_id\.qm") as info:
        await selftest.check_resources(SelfTest(scratch=tmp_path))
    assert "register_map.toml" not in str(info.value)
    monkeypatch.setattr("hmi.resources.resources_dir", lambda: tmp_path / "absent")
    with pytest.raises(CheckFailed, match="does not exist"):
        await selftest.check_resources(SelfTest(scratch=tmp_path))


async def test_translation_check_refuses_a_catalogue_qt_cannot_load(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "resources"
    (folder / "translations").mkdir(parents=True)
    (folder / "translations" / "hmi_id.qm").write_bytes(b"not a Qt catalogue")
    monkeypatch.setattr("hmi.resources.resources_dir", lambda: folder)
    with pytest.raises(CheckFailed, match="cannot be loaded by QTranslator"):
        await selftest.check_translations(SelfTest(scratch=tmp_path))


async def test_database_and_keyring_checks_work_in_a_scratch_folder(tmp_path: Path) -> None:
    state = SelfTest(scratch=tmp_path)
    assert (await selftest.check_database(state)).startswith("SQLite migrated to revision ")
    assert (tmp_path / "self-test.sqlite").is_file()
    assert (await selftest.check_keyring(state)).startswith("file backend ok, system backend ")


async def test_odoo_secret_check_reads_the_configured_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hmi.config import load_settings
    from hmi.domain.errors import ConfigError
    from hmi.odoo.credentials import SecretStore

    state = SelfTest(scratch=tmp_path)
    settings_file = tmp_path / "settings.toml"
    monkeypatch.setenv("HMI_CONFIG", str(settings_file))
    assert await selftest.check_odoo_secret(state) == "not checked: no settings file yet"

    keyring_file = tmp_path / "keyring.cfg"
    settings_file.write_text(
        '[odoo]\nurl = "https://odoo.example.com"\ndatabase = "mill"\nlogin = "hmi"\n'
        f'keyring_backend = "file"\nkeyring_file = "{keyring_file.as_posix()}"\n',
        encoding="utf-8",
    )
    state.settings = load_settings(settings_file)
    with pytest.raises(ConfigError, match="no Odoo password is stored for hmi@mill@https://odoo"):
        await selftest.check_odoo_secret(state)
    SecretStore.from_setting("file", keyring_file).save(
        "https://odoo.example.com", "mill", "hmi", "s3cret-key"
    )
    detail = await selftest.check_odoo_secret(state)
    assert detail == "stored for hmi@mill@https://odoo.example.com in the file keyring"
    assert "s3cret" not in detail
