"""`hmi --demo --headless --batches N`: the whole cycle; an exactly-once JSON summary last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HMI = (sys.executable, "-m", "hmi.app")


def test_headless_demo_reports_every_batch_exactly_once(tmp_path: Path) -> None:
    env = dict(os.environ, HMI_LOG_DIR=str(tmp_path / "logs"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            *HMI,
            "--demo",
            "--headless",
            "--batches",
            "12",
            "--speed",
            "3000",
            "--log-level",
            "ERROR",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["reported"] >= 12
    assert summary["duplicates"] == 0
    assert summary["lost"] == 0
    assert summary["fetched"] == summary["reported"] + summary["in_queue"]
    assert "rss_growth_pct" in summary
    assert "Traceback" not in done.stderr
