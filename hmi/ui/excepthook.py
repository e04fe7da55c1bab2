"""An excepthook that logs what escaped and shows a calm message instead of dying."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from hmi.ui.touch import TextDialog

log = logging.getLogger("hmi.crash")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class CalmExceptHook(QObject):
    """Logs an uncaught exception with its traceback and tells the operator, once per burst."""

    raised = Signal(object)  # the exception, delivered on the Qt thread

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__()
        self._parent = parent
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._box: TextDialog | None = None
        self.count = 0

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """Handle one exception that nothing else caught."""
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.count += 1
        log.error("unexpected error: %s", error, exc_info=(kind, error, tb))
        if QApplication.instance() is not None:
            self.raised.emit(error)

    def _show(self, error: BaseException) -> None:
        """Show the one calm message (reused: never created and deleted per error). The
        error itself is in the log for maintenance, not on the operator's screen."""
        del error
        text = QCoreApplication.translate(
            "CalmExceptHook",
            "Something unexpected happened. The HMI keeps running and the batches are safe "
            "in the database. The details were written to the log.",
        )
        title = QCoreApplication.translate("CalmExceptHook", "Notice")
        if self._box is None:
            self._box = TextDialog(title, text, self._parent())
        box = self._box
        box.setWindowTitle(title)
        box.text.setText(text)
        if not box.isVisible():
            box.open()


def install(parent: Callable[[], QWidget | None] = lambda: None) -> CalmExceptHook:
    """Install the hook for the main thread and worker threads; return it."""
    hook = CalmExceptHook(parent)
    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
    return hook
