"""Python's cyclic garbage collector, run on the Qt thread only.

The engine's database thread allocates many Python objects, so the collector often runs
there; if it then frees a Qt object left in a reference cycle (a dialog whose button calls
a lambda that refers to the dialog), Qt deletes it from the wrong thread and the process
dies. Automatic collection is switched off and a QTimer collects on the Qt thread instead,
generation by generation when the counts pass the usual thresholds (the pattern of
pyqtgraph's `GarbageCollector`).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class QtThreadGarbageCollector(QObject):
    """Collects on a timer of the Qt thread; `stop()` gives the collector back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)
        gc.disable()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        counts = gc.get_count()
        freed = 0
        if counts[0] > self.thresholds[0]:
            freed += gc.collect(0)
            if counts[1] > self.thresholds[1]:
                freed += gc.collect(1)
                if counts[2] > self.thresholds[2]:
                    freed += gc.collect(2)
        return freed

    def stop(self) -> None:
        """Stop the timer and switch automatic collection back on."""
        self.timer.stop()
        gc.enable()
