"""Qt driver of the engine: one QTimer per task on the qasync loop, and signals for the UI.

This is the one engine module that imports Qt (STYLE.md): the tasks themselves are
plain coroutines, testable without widgets.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hmi.config import Settings
from hmi.engine.engine import Engine
from hmi.engine.snapshot import EngineEvent, EngineSnapshot

log = logging.getLogger("hmi.engine.driver")


class EngineDriver(QObject):
    """Runs the engine's three tasks on QTimers and re-emits its state as Qt signals."""

    snapshot_changed = Signal(object)  # EngineSnapshot
    event_logged = Signal(object)  # EngineEvent

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._tasks: set[asyncio.Task[Any]] = set()
        self._timers: dict[str, QTimer] = {}
        for name, tick in (
            ("fetch", engine.fetch_tick),
            ("sync", engine.sync_tick),
            ("complete", engine.complete_tick),
        ):
            timer = QTimer(self)
            timer.setObjectName(f"{name}-timer")
            timer.timeout.connect(self._launcher(tick))
            self._timers[name] = timer
        self.apply_intervals(engine.settings)
        engine.add_listener(self._on_snapshot)
        engine.add_event_listener(self._on_event)
        engine.add_settings_listener(self.apply_intervals)

    def _launcher(self, tick: Callable[[], Coroutine[Any, Any, Any]]) -> Callable[[], None]:
        """A timer slot that starts `tick` as a task (the task itself is single-flight)."""

        def launch() -> None:
            task = asyncio.ensure_future(tick())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        return launch

    def apply_intervals(self, settings: Settings) -> None:
        """Set the three timers' intervals from the settings."""
        tasks = settings.tasks
        for name, seconds in (
            ("fetch", tasks.fetch_interval_s),
            ("sync", tasks.plc_interval_s),
            ("complete", tasks.complete_interval_s),
        ):
            self._timers[name].setInterval(max(50, int(seconds * 1000)))

    def interval_ms(self, name: str) -> int:
        """The interval of one task's timer in milliseconds."""
        return self._timers[name].interval()

    def start(self) -> None:
        """Start the three timers."""
        for timer in self._timers.values():
            timer.start()

    def stop(self) -> None:
        """Stop the timers and cancel ticks still running."""
        for timer in self._timers.values():
            timer.stop()
        for task in list(self._tasks):
            task.cancel()

    async def drain(self) -> None:
        """Stop and wait until every running tick has ended."""
        self.stop()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _on_snapshot(self, snapshot: EngineSnapshot) -> None:
        self.snapshot_changed.emit(snapshot)

    def _on_event(self, event: EngineEvent) -> None:
        self.event_logged.emit(event)
