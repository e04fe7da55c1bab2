"""The self-test's workstation checks: shortcuts, user folders, and nothing left open after stop."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from hmi import selftest_workstation as ws
from hmi.config import Settings
from hmi.selftest import CHECKS, CheckFailed, SelfTest

ROOT = Path(__file__).resolve().parents[2]
#: Shortcuts made by packaging/installer.iss (Inno Setup 6.4.1) in a Wine prefix.
DATA = Path(__file__).resolve().parent / "data"
INSTALLED_EXE = r"C:\Program Files\Feedmill Batch HMI\hmi.exe"


def run(check: Coroutine[Any, Any, str]) -> str:
    """Run one (async) check to its end."""
    return asyncio.run(check)


linux_only = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")


def test_shortcuts_made_by_the_installer_are_read() -> None:
    kiosk = ws.read_shortcut(DATA / "kiosk.lnk")
    assert kiosk.target == INSTALLED_EXE
    assert kiosk.arguments == "--kiosk"
    assert kiosk.working_dir == r"C:\Program Files\Feedmill Batch HMI"
    demo = ws.read_shortcut(DATA / "demo.lnk")
    assert (demo.target, demo.arguments) == (INSTALLED_EXE, "--demo")


def test_a_file_that_is_no_shortcut_is_named(tmp_path: Path) -> None:
    bogus = tmp_path / "Batch HMI.lnk"
    bogus.write_bytes(b"MZ" + bytes(200))
    with pytest.raises(ValueError, match=r"Batch HMI\.lnk is not a Windows shortcut"):
        ws.read_shortcut(bogus)
    cut = tmp_path / "cut.lnk"
    cut.write_bytes((DATA / "kiosk.lnk").read_bytes()[:0x60])
    with pytest.raises(ValueError, match=r"cut\.lnk is cut short"):
        ws.read_shortcut(cut)


def test_expected_shortcuts_and_app_id_are_the_installers() -> None:
    script = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8")
    app_id = re.search(r"^AppId=\{(\{[0-9A-F-]+\})$", script, flags=re.MULTILINE)
    assert app_id is not None
    assert app_id.group(1) == ws.APP_ID
    app_name = re.search(r'^#define AppName "(.+)"$', script, flags=re.MULTILINE)
    assert app_name is not None
    demo = re.search(r"^english\.DemoShortcut=(.+)$", script, flags=re.MULTILINE)
    assert demo is not None
    folders = {
        "{autoprograms}": "CommonPrograms",
        "{autodesktop}": "PublicDesktop",
        "{commonstartup}": "CommonStartup",
    }
    names = {"{#AppName}": app_name.group(1), "{cm:DemoShortcut}": demo.group(1)}
    icons = []
    for line in script.split("[Icons]")[1].split("\n[")[0].splitlines():
        found = re.match(r'Name: "(\{\w+\})\\([^"]+)"; Filename: "[^"]+"(.*)', line)
        if found is None:
            continue
        folder, name, rest = found.groups()
        for _ in range(2):  # the demo shortcut's text itself holds {#AppName}
            for macro, text in names.items():
                name = name.replace(macro, text)
        arguments = re.search(r'Parameters: "([^"]*)"', rest)
        task = re.search(r"Tasks: (\w+)", rest)
        icons.append(
            ws.ExpectedShortcut(
                folders[folder],
                f"{name}.lnk",
                arguments.group(1) if arguments else "",
                task.group(1) if task else None,
            )
        )
    assert tuple(icons) == ws.SHORTCUTS


def test_installation_checks_say_when_there_is_nothing_installed(tmp_path: Path) -> None:
    state = SelfTest(scratch=tmp_path)
    assert "not an installation: not checked" in run(ws.check_program_folder(state))
    assert run(ws.check_shortcuts(state)) == "not installed: not checked"


def test_a_frozen_bundle_that_was_not_installed_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hmi"))
    detail = run(ws.check_program_folder(SelfTest(scratch=tmp_path)))
    assert detail == f"bundle {tmp_path}, not installed (no unins000.exe): not checked"


def test_user_folders_follow_the_environment_and_are_writable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HMI_CONFIG", str(tmp_path / "cfg" / "settings.toml"))
    monkeypatch.setenv("HMI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HMI_LOG_DIR", str(tmp_path / "logs"))
    state = SelfTest(scratch=tmp_path, settings=Settings())
    detail = run(ws.check_user_folders(state))
    assert detail == (
        f"settings {tmp_path / 'cfg'} (HMI_CONFIG); database {tmp_path / 'data'} (HMI_DATA_DIR); "
        f"logs {tmp_path / 'logs'} (HMI_LOG_DIR)"
    )
    assert not (tmp_path / "data").exists()  # probed in the nearest folder, nothing created
    assert list(tmp_path.iterdir()) == []


def test_default_user_folders_outside_the_users_home_fail(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("HMI_CONFIG", "HMI_DATA_DIR", "HMI_LOG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "operator"))
    with pytest.raises(CheckFailed, match=r"the settings folder .* is outside the user's folder"):
        run(ws.check_user_folders(SelfTest(scratch=tmp_path, settings=Settings())))


def test_a_postgresql_database_is_named_by_its_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HMI_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("HMI_LOG_DIR", str(tmp_path / "logs"))
    settings = Settings(database_url="postgresql+psycopg://hmi@db.plant.local/hmi")
    detail = run(ws.check_user_folders(SelfTest(scratch=tmp_path, settings=settings)))
    assert detail.endswith("; database on postgresql server db.plant.local")


@linux_only
def test_clean_up_names_a_file_still_open_and_deletes_the_rest(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    (scratch / "demo").mkdir(parents=True)
    (scratch / "keyring.cfg").write_text("x", encoding="utf-8")
    held = (scratch / "demo" / "demo.sqlite-shm").open("wb")
    try:
        assert ws.open_files_under(scratch) == [scratch / "demo" / "demo.sqlite-shm"]
        with pytest.raises(CheckFailed, match=r"still open after stop: demo/demo\.sqlite-shm"):
            run(ws.check_clean_up(SelfTest(scratch=scratch)))
    finally:
        held.close()
    assert ws.open_files_under(scratch) == []
    detail = run(ws.check_clean_up(SelfTest(scratch=scratch)))
    assert detail == "3 files and folders of the self-test deleted"
    assert list(scratch.iterdir()) == []


def test_workstation_checks_run_after_the_shutdown_and_clean_up_last() -> None:
    names = [check.name for check in CHECKS]
    assert names.index("shutdown") < names.index("clean up") == len(names) - 1
    assert {"program folder", "user folders", "shortcuts"} <= set(names)
