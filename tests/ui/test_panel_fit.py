"""The window and every dialog on the panel's screens (1024 × 768 and 1280 × 800), in
English and Indonesian, PLC link up and down: everything fits, every button is on the
screen, no control is under 48 px, no text is clipped, no English is left in Indonesian.

Each screen size runs `panel_check.py` in its own process (Qt fixes the screen at start):
offscreen with a configured screen, and once on a real X server (Xvfb) when there is one.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]
CHECK = Path(__file__).with_name("panel_check.py")
SCREENS = (
    "main",
    "batch-detail",
    "fetch-preview",
    "alarms",
    "alarms-shelved",
    "history",
    "audit",
    "settings",
    "pin",
    "keyboard",
    "records",
    "text",
    "decision",
    "weights",
    "slot-words",
    "refused-orders",
    "probe",
    "strict-bom",
    "startup-refusal",
)


def run_check(env: dict[str, str], tmp_path: Path) -> dict[str, object]:
    """Run the panel check in a fresh process; its JSON result."""
    done = subprocess.run(
        [sys.executable, str(CHECK)],
        env=dict(os.environ, HMI_LOG_DIR=str(tmp_path / "log"), **env),
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["error"] == "", result["error"]
    return result


def assert_usable(result: dict[str, object], size: tuple[int, int]) -> None:
    assert result["screen"] == list(size)
    expected = {
        f"{s}/{lang}/{link}" for s in SCREENS for lang in ("en", "id") for link in ("up", "down")
    }
    expected |= {f"main/{lang}/faulted" for lang in ("en", "id")}
    assert expected <= set(result["checked"])  # type: ignore[arg-type]
    problems = result["problems"]
    assert problems == [], "\n".join(json.dumps(p) for p in problems)  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024x768", "1280x800"])
def test_every_screen_is_usable_offscreen(size: tuple[int, int], tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    screen = {
        "name": "panel",
        "x": 0,
        "y": 0,
        "width": size[0],
        "height": size[1],
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    result = run_check({"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}, tmp_path)
    assert result["platform"] == "offscreen"
    assert_usable(result, size)


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """A fresh Xvfb server at 1280 × 800 (skips when Xvfb is not installed)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed: scripts/bootstrap.sh installs it")
    # -displayfd: Xvfb picks a free display itself and writes its number to the pipe once it
    # accepts connections, a signal to wait on (no display-number race, no polling)
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready, "Xvfb did not start within 10 s"
        number = os.read(read_end, 32).decode().strip()
        assert number.isdigit(), f"Xvfb exited ({server.poll()})"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)


def test_every_screen_is_usable_on_a_real_x_window(xvfb_display: str, tmp_path: Path) -> None:
    result = run_check({"QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}, tmp_path)
    assert result["platform"] == "xcb"
    assert_usable(result, (1280, 800))
