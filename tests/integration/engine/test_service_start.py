"""Service mode never runs on defaults by accident (issue 11): a real `hmi --headless` whose
settings file is missing or empty refuses to start, names the file, and exits with code 2 —
it does not try a PLC at 127.0.0.1:502."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest


async def run_hmi(config: Path, log_dir: Path) -> tuple[int, str]:
    """`hmi --headless --config CONFIG` to its end: (exit code, stderr)."""
    env = dict(os.environ, HMI_LOG_DIR=str(log_dir), QT_QPA_PLATFORM="offscreen")
    env.pop("HMI_CRASHPOINT", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hmi.app",
        "--headless",
        "--config",
        str(config),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(process.communicate(), 60)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("the HMI ran on defaults instead of refusing") from None
    assert process.returncode is not None
    return process.returncode, err.decode(errors="replace")


@pytest.mark.parametrize(("content", "what"), [(None, "is missing"), ("  \n", "is empty")])
async def test_service_mode_refuses_a_missing_or_empty_settings_file(
    tmp_path: Path, content: str | None, what: str
) -> None:
    config = tmp_path / "panel" / "settings.toml"
    if content is not None:
        config.parent.mkdir()
        config.write_text(content, encoding="utf-8")
    code, err = await run_hmi(config, tmp_path / "logs")
    assert code == 2, err
    assert f"settings file {config} {what}" in err, err
    assert "service mode does not run on defaults" in err
    assert "--config" in err  # what to do
    assert "Traceback" not in err
    assert not (tmp_path / "panel" / "hmi.sqlite").exists()
    log = (tmp_path / "logs" / "hmi.log").read_text(encoding="utf-8")
    assert str(config) in log
