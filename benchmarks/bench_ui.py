"""UI benchmark: tap to paint, event-loop stall under a fast demo, start-up, idle memory.

The simulators run in a separate process (as the PLC and Odoo do on a real panel), so the
figures are the window's and the engine's own.

- Tap to paint: a synthesized mouse press and release on a control, until the repaint that
  shows its effect: the Automatic fetch toggle (a command through the engine: its new
  text painted), the Records… button (its menu's first paint) and a queue row (the batch
  detail's first paint); --taps of each, the window at 1280 × 800 with the demo running.
- Stall: the operator's window shown (offscreen), the demo plant at --speed (default 600,
  a batch every 0.5 s), the engine's three QTimers running; a 10 ms QTimer heartbeat
  records the gaps between its ticks for --seconds.
- Start-up: a fresh process (this script with --child) from its spawn until the first
  paint of the window (interpreter, imports, both simulators, migrations, engine start,
  window); and, for comparison, the wall time of `hmi --demo --screenshot X --after 0`.
- Idle memory: the RSS of that fresh process after the window has stood idle (demo at its
  default speed, nobody touching it) for --idle seconds.

Prints one JSON object per line: name, value, unit, compared.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui.py [--seconds 20] [--idle 5]
        [--taps 20]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

HEARTBEAT_MS = 10
WARM_UP_S = 2.0
CHILD_TIMEOUT_S = 180.0


def emit(name: str, value: float, unit: str, compared: str | None = None) -> None:
    """Print one result line."""
    line: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if compared is not None:
        line["compared"] = compared
    print(json.dumps(line), flush=True)


def percentile(samples: list[float], pct: int) -> float:
    """The pct-th percentile (1..99) of at least two samples."""
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def run_in_qt(coro_factory: Any) -> Any:
    """Run a coroutine on a qasync loop of a QApplication (offscreen when no display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(coro_factory())
    finally:
        asyncio.set_event_loop(None)


class DemoWindow:
    """DemoPlant + engine + EngineDriver + MainWindow, as `hmi --demo` composes them."""

    def __init__(self, speed: float | None = None) -> None:
        from hmi.demo import DemoPlant

        if speed is None:
            self.plant = DemoPlant(isolated=True)
        else:
            self.plant = DemoPlant(speed=speed, isolated=True)
        self.runtime: Any = None
        self.driver: Any = None
        self.window: Any = None
        self.collector: Any = None

    async def open(self) -> Any:
        """Start simulators and engine, show the window, start the timers; the window."""
        from hmi.engine.qt_driver import EngineDriver
        from hmi.ui.gc_guard import QtThreadGarbageCollector
        from hmi.ui.main_window import MainWindow

        self.collector = QtThreadGarbageCollector()  # as `hmi` runs the window
        await self.plant.start()
        self.runtime = self.plant.build()
        await self.runtime.engine.start()
        self.driver = EngineDriver(self.runtime.engine)
        self.window = MainWindow(self.driver)
        self.window.resize(1280, 800)
        self.window.show()
        self.driver.start()
        return self.window

    async def close(self) -> None:
        """Close the window, drain the ticks, stop engine and simulators."""
        if self.window is not None:
            self.window.close()
        if self.driver is not None:
            await self.driver.drain()
        if self.runtime is not None:
            await self.runtime.engine.stop()
        await self.plant.stop()
        # delete the window's Qt objects here, on the Qt thread, not whenever Python's
        # cyclic garbage collector happens to run (possibly in the database thread)
        for item in (self.window, self.driver):
            if item is not None:
                item.deleteLater()
        await asyncio.sleep(0.05)
        if self.collector is not None:
            self.collector.stop()
        gc.collect()


async def measure_stall(speed: float, seconds: float) -> dict[str, float]:
    """Heartbeat gaps (ms) while the demo runs with the window shown; batches reported."""
    from PySide6.QtCore import Qt, QTimer

    demo = DemoWindow(speed)
    try:
        await demo.open()
        await asyncio.sleep(WARM_UP_S)
        engine = demo.runtime.engine
        before = await engine.history_count()
        stamps: list[float] = []
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.timeout.connect(lambda: stamps.append(time.perf_counter()))
        heartbeat.start(HEARTBEAT_MS)
        await asyncio.sleep(seconds)
        heartbeat.stop()
        reported = await engine.history_count() - before
    finally:
        await demo.close()
    gaps = [(b - a) * 1000 for a, b in pairwise(stamps)]
    if len(gaps) < 2:
        raise RuntimeError(f"the heartbeat ticked only {len(stamps)} times in {seconds} s")
    return {
        "p50": statistics.median(gaps),
        "p99": percentile(gaps, 99),
        "max": max(gaps),
        "ticks": len(stamps),
        "reported": reported,
    }


class PaintWatch:
    """Records when a widget is painted (an event filter on Paint events)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def __init__(self, watch: PaintWatch) -> None:
                super().__init__()
                self.watch = watch

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.watch.painted(watched)
                return False

        self.filter = Filter(self)
        self.condition: Any = None
        self.at: float | None = None

    def painted(self, widget: Any) -> None:
        if self.at is None and self.condition is not None and self.condition(widget):
            self.at = time.perf_counter()

    async def tap(self, widget: Any, condition: Any, pos: Any = None) -> float:
        """Press and release on `widget`; ms until a paint for which `condition` holds."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.at, self.condition = None, condition
        started = time.perf_counter()
        if pos is None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        while self.at is None:
            if time.perf_counter() - started > 10:
                raise RuntimeError("the tap's effect was never painted")
            await asyncio.sleep(0.001)
        return (self.at - started) * 1000


async def measure_taps(taps: int) -> dict[str, list[float]]:
    """Tap to paint (ms) for the toggle, the Records… menu and a queue row."""
    from PySide6.QtWidgets import QApplication

    from hmi.ui.batch_detail import BatchDetailDialog
    from hmi.ui.records_menu import RecordsMenu

    demo = DemoWindow(150.0)
    watch = PaintWatch()
    app = QApplication.instance()
    results: dict[str, list[float]] = {"toggle": [], "menu": [], "row": []}
    try:
        window = await demo.open()
        app.installEventFilter(watch.filter)
        while window.model.rowCount() == 0:
            await asyncio.sleep(0.1)
        await asyncio.sleep(WARM_UP_S)
        for _ in range(taps):
            button = window.auto_fetch
            wanted = window.tr(
                "Automatic fetch: off" if button.isChecked() else "Automatic fetch: on"
            )
            results["toggle"].append(
                await watch.tap(button, lambda w, b=button, t=wanted: w is b and b.text() == t)
            )
            await asyncio.sleep(0.55)  # past the toggle's bounce guard
            results["menu"].append(
                await watch.tap(window.records_button, lambda w: isinstance(w, RecordsMenu))
            )
            for menu in window.findChildren(RecordsMenu):
                menu.close()
            rect = window.queue.visualRect(window.model.index(0, 1))
            results["row"].append(
                await watch.tap(
                    window.queue.viewport(),
                    lambda w: isinstance(w, BatchDetailDialog),
                    rect.center(),
                )
            )
            if window.detail is not None:
                window.detail.close()
            await asyncio.sleep(0.1)
    finally:
        app.removeEventFilter(watch.filter)
        await demo.close()
    return results


async def child_startup(idle_s: float) -> dict[str, float]:
    """In a fresh process: monotonic time of the window's first paint, RSS then and idle."""
    from PySide6.QtCore import QEvent, QObject

    from hmi.app import resident_memory_mb

    painted = asyncio.get_running_loop().create_future()

    class FirstPaint(QObject):
        """Resolves `painted` with the time of the first paint event."""

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted.done():
                painted.set_result(time.monotonic())
            return False

    demo = DemoWindow()  # the demo's default speed: what a new user sees
    watcher = FirstPaint()
    try:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(watcher)
        await demo.open()
        shown_at = await asyncio.wait_for(painted, 60)
        QApplication.instance().removeEventFilter(watcher)
        rss_shown = resident_memory_mb()
        await asyncio.sleep(idle_s)
        rss_idle = resident_memory_mb()
    finally:
        await demo.close()
    return {"painted_at": shown_at, "rss_shown_mb": rss_shown, "rss_idle_mb": rss_idle}


def child_env(log_dir: Path) -> dict[str, str]:
    """Environment of a measured child: offscreen Qt, logs in a scratch folder."""
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", HMI_LOG_DIR=str(log_dir))


def measure_startup(idle_s: float, log_dir: Path) -> dict[str, float]:
    """Spawn this script with --child; seconds from spawn to first paint, and its RSS."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--idle", str(idle_s)],
        env=child_env(log_dir),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S + idle_s,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"start-up child failed ({done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["startup_s"] = result["painted_at"] - started
    return result


def measure_screenshot_command(log_dir: Path) -> float:
    """Wall seconds of `hmi --demo --screenshot X --after 0` (start, show, save, shut down)."""
    shot = log_dir / "startup.png"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hmi.app", "--demo", "--screenshot", str(shot), "--after", "0"],
        env=child_env(log_dir),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    took = time.monotonic() - started
    if done.returncode != 0 or not shot.is_file():
        raise RuntimeError(f"hmi --demo --screenshot failed ({done.returncode}): {done.stderr}")
    return took


def run(seconds: float, idle_s: float, speed: float, taps: int) -> None:
    """Measure start-up and idle memory in fresh processes, then taps and the stall here."""
    with tempfile.TemporaryDirectory(prefix="hmi-bench-ui-") as tmp:
        log_dir = Path(tmp)
        start = measure_startup(idle_s, log_dir)
        screenshot_s = measure_screenshot_command(log_dir)
        from hmi.logging_setup import setup_logging

        setup_logging(logging.INFO, log_dir=log_dir, console=False)
        stall = run_in_qt(lambda: measure_stall(speed, seconds))
        tapped = run_in_qt(lambda: measure_taps(taps))
    emit(
        "ui_startup_to_first_paint",
        start["startup_s"],
        "s",
        f"`hmi --demo --screenshot X --after 0` start to exit: {screenshot_s:.2f} s",
    )
    emit(
        "ui_idle_rss",
        start["rss_idle_mb"],
        "MB",
        f"{start['rss_shown_mb']:.1f} MB at first paint; idle {idle_s:g} s, demo running",
    )
    load = f"demo speed {speed:g}, {stall['reported']:.0f} batches reported in {seconds:g} s"
    emit("ui_heartbeat_gap_p50", stall["p50"], "ms", f"nominal {HEARTBEAT_MS} ms; {load}")
    emit("ui_heartbeat_gap_p99", stall["p99"], "ms", f"nominal {HEARTBEAT_MS} ms; {load}")
    emit("ui_heartbeat_gap_max", stall["max"], "ms", f"nominal {HEARTBEAT_MS} ms; {load}")
    what = {
        "toggle": "Automatic fetch toggle: engine command, new text painted",
        "menu": "Records… button: the menu's first paint",
        "row": "queue row: the batch detail's first paint",
    }
    for name, samples in tapped.items():
        emit(f"ui_tap_to_paint_{name}_p50", statistics.median(samples), "ms", what[name])
        emit(f"ui_tap_to_paint_{name}_max", max(samples), "ms", f"{len(samples)} taps")


def main() -> None:
    """Parse options; run the benchmark (or, with --child, the start-up child's part)."""
    import faulthandler

    faulthandler.enable()  # a crash in Qt shows where it happened
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="stall measurement length")
    parser.add_argument("--idle", type=float, default=5.0, help="idle seconds before the RSS")
    parser.add_argument("--speed", type=float, default=600.0, help="demo PLC speed for the stall")
    parser.add_argument("--taps", type=int, default=20, help="taps per control")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seconds <= 0 or args.idle < 0 or args.speed <= 0:
        parser.error("--seconds and --speed must be positive, --idle not negative")
    if args.child:
        from hmi.logging_setup import setup_logging

        setup_logging(logging.INFO, console=False)  # as `hmi` does (HMI_LOG_DIR: scratch)
        result = run_in_qt(lambda: child_startup(args.idle))
        print(json.dumps(result), flush=True)
        return
    run(args.seconds, args.idle, args.speed, max(2, args.taps))


if __name__ == "__main__":
    main()
