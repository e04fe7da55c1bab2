"""`hmi --probe-plc` against a PLC simulator holding the plant's real captures: it reports the
PLC's limits, the refusals per area, and the plausible reading of each field (issue 15)."""

from __future__ import annotations

import asyncio
import csv
import re
import sys
from pathlib import Path

from hmi.config import PlcSettings, Settings, dump_settings
from hmi.plc.register_map import load_register_map
from hmi.sim.plc_sim import PlcSimulator

SNAPSHOTS = Path(__file__).resolve().parents[2] / "unit" / "plc" / "snapshots"


def capture_words(path: Path) -> list[int]:
    """The 77 words of one captured feedback slot, in address order."""
    words: dict[int, int] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            first = int(re.match(r"D(\d+)", row["dm_address"]).group(1))  # type: ignore[union-attr]
            for i, word in enumerate(row["raw_words"].split("|")):
                words[first + i] = int(word)
    return [words[a] for a in sorted(words)]


async def test_probe_reports_limits_refusals_and_the_plausible_reading(tmp_path: Path) -> None:
    regmap = load_register_map()
    caps = regmap.with_capabilities(max_read=100, max_write=60).capabilities
    sim = PlcSimulator(port=0, speed=1.0, capabilities=caps)
    sim.rules.spans = [s for s in sim.rules.spans if s[0] != 9000]  # no manual weighing block
    await sim.start()
    try:
        for slot, path in enumerate(sorted((SNAPSHOTS / "preflight_2026-03-06").glob("*.csv")), 1):
            await sim.write_words(regmap.feedback.record_base(slot), capture_words(path))
        config = tmp_path / "settings.toml"
        settings = Settings(plc=PlcSettings(host="127.0.0.1", port=sim.port, timeout_s=1.0))
        config.write_text(dump_settings(settings), encoding="utf-8")
        report_file = tmp_path / "records" / "probe.txt"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "hmi.app",
            "--probe-plc",
            "--config",
            str(config),
            "--probe-report",
            str(report_file),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 120)
    finally:
        await sim.stop()
    text = out.decode()
    assert process.returncode == 0, text + err.decode()
    assert "largest read accepted: 100 words" in text
    assert "[plc] max_read = 100" in text
    assert "the map's max_read = 125 is more than the PLC accepts: set max_read = 100" in text
    assert "feedback 6000–6976: 10 requests, ok" in text
    assert "manual_weighing 9000–9013: 1 requests, 1 refused" in text
    assert "The PLC has no registers at 9000–9013 for a read (Modbus exception 2" in text
    assert "slot 1: WH/MO/00011 / [10092] JF SAPOT / [10092] JF SAPOT" in text
    assert (
        "slot 1 finished_weight_kg (words 32768|17422): as configured (u32 × 100, high word "
        "first) 21,475,010.70 kg, IMPLAUSIBLE" in text
    )
    assert "plausible only as: f32, low word first = 570.00 kg" in text
    assert (
        'map setting: finished_weight_kg = { offset = 74, type = "f32", word_order = '
        '"low_first" }' in text
    )
    assert "largest write: not measured (the probe never writes to the PLC)" in text
    assert report_file.read_text(encoding="utf-8") in text
    assert "Traceback" not in text + err.decode()
