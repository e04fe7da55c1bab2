"""Run every benchmarks/bench_*.py and print each figure as one JSON object per line.

Each benchmark runs in its own process with this interpreter (Qt offscreen unless
QT_QPA_PLATFORM is set). Every line it prints must be a JSON object with name, value and
unit (compared where there is one); run.py adds "bench" (the script's short name) and
prints it as it arrives. Exits non-zero when a benchmark fails, prints nothing, or prints
a line that is not such an object. A summary goes to stderr.

    .venv/bin/python benchmarks/run.py            # full figures (about 75 s on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # short runs, same figures, less precise
    .venv/bin/python benchmarks/run.py --only ui store
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REQUIRED = {"name": str, "unit": str}
#: Options that make each benchmark short for --quick (benchmarks not listed get none).
QUICK_ARGS: dict[str, list[str]] = {
    "plc": ["--scans", "50"],
    "odoo": ["--naive-limit-s", "5"],
    "store": ["--archived", "10000", "--cycles", "5"],
    "ui": ["--seconds", "5", "--idle", "2", "--taps", "3"],
}


def benchmarks(only: list[str]) -> list[Path]:
    """The bench_*.py scripts next to this file, or those named by `only` (short names)."""
    found = {path.stem.removeprefix("bench_"): path for path in sorted(HERE.glob("bench_*.py"))}
    unknown = sorted(set(only) - set(found))
    if unknown:
        raise SystemExit(f"run.py: no benchmark named {unknown}; there are {sorted(found)}")
    return [path for short, path in found.items() if not only or short in only]


def check_figure(line: str) -> dict[str, Any]:
    """Parse one output line; ValueError naming the problem if it is not a figure."""
    try:
        figure = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(figure, dict):
        raise ValueError("not a JSON object")
    for key, kind in REQUIRED.items():
        if not isinstance(figure.get(key), kind) or not figure[key]:
            raise ValueError(f"missing or empty {key!r}")
    value = figure.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"value {value!r} is not a number")
    return figure


def run_one(path: Path, args: list[str], timeout: float) -> tuple[int, list[str]]:
    """Run one benchmark, printing its figures as they come; (figures, problems)."""
    short = path.stem.removeprefix("bench_")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    problems: list[str] = []
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        with subprocess.Popen(
            [sys.executable, str(path), *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
            cwd=HERE.parent,
        ) as proc:
            killed = threading.Event()
            watchdog = threading.Timer(timeout, lambda: (killed.set(), proc.kill()))
            watchdog.start()
            assert proc.stdout is not None
            for raw in proc.stdout:
                line = raw.strip()
                if not line:
                    continue
                try:
                    figure = check_figure(line)
                except ValueError as exc:
                    problems.append(f"{short}: bad output line {line[:120]!r}: {exc}")
                    continue
                count += 1
                print(json.dumps({"bench": short, **figure}), flush=True)
            code = proc.wait()
            watchdog.cancel()
        if killed.is_set():
            problems.append(f"{short}: killed after {timeout:g} s without finishing")
        elif code != 0:
            errors.seek(0)
            tail = "".join(errors.readlines()[-15:])
            problems.append(f"{short}: exited with {code}\n{tail}")
    if code == 0 and count == 0:
        problems.append(f"{short}: printed no figures")
    return count, problems


def main() -> int:
    """Run the chosen benchmarks; 0 when all printed figures and exited cleanly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs (CI smoke, not figures)")
    parser.add_argument("--only", nargs="+", default=[], help="short names: plc odoo store ui")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per benchmark")
    options = parser.parse_args()
    if options.timeout <= 0:
        parser.error("--timeout must be positive")
    started = time.monotonic()
    total, problems = 0, []
    scripts = benchmarks(options.only)
    for path in scripts:
        extra = QUICK_ARGS.get(path.stem.removeprefix("bench_"), []) if options.quick else []
        count, found = run_one(path, extra, options.timeout)
        total += count
        problems.extend(found)
    for problem in problems:
        print(f"run.py: {problem}", file=sys.stderr)
    took = time.monotonic() - started
    print(
        f"run.py: {len(scripts)} benchmarks, {total} figures, {len(problems)} problems, "
        f"{took:.0f} s",
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
