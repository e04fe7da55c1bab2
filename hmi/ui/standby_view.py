"""What a panel shows before its engine runs: the standby screen of a second panel of a line
(hmi.line_lock), and the calm message of a panel that cannot start.

Both are opened without blocking (`show()`, `open()`): the qasync loop keeps running, the
standby keeps trying the line's lock, and a modal `exec()` never re-enters the loop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from hmi.domain.messages import msg, render
from hmi.ui.theme import MIN_TOUCH_PX


class StandbyView(QWidget):
    """'Standby: line X runs on panel host:pid; this panel takes over when it stops.'

    Shown (`show_holder`) only once the panel turns out to be a standby; `quit_requested`
    when the operator closes it."""

    quit_requested = Signal()

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setWindowTitle("Batch HMI")
        self.title = QLabel(render(msg("standby.title"), language))
        self.title.setProperty("heading", True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.quit_button = QPushButton(render(msg("standby.quit"), language))
        self.quit_button.setMinimumHeight(MIN_TOUCH_PX)
        self.quit_button.clicked.connect(self.quit_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.quit_button)
        self.resize(640, 360)

    def show_holder(self, line: str, holder: str, retry_s: float) -> None:
        """Say which panel runs the line and how often this one tries to take over."""
        who = holder or render(msg("standby.another_panel"), self.language)
        said = msg("standby.body", line=line, panel=who, seconds=retry_s)
        self.text.setText(render(said, self.language))
        self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The operator closing the standby screen stops the panel (the panel taking over
        closes it too, without stopping anything)."""
        if event.spontaneous():
            self.quit_requested.emit()
        super().closeEvent(event)
