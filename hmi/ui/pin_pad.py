"""On-screen numeric keypad for the supervisor PIN (4 to 8 digits, shown as dots)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from hmi.domain.pin import MAX_DIGITS, MIN_DIGITS
from hmi.ui.touch import TouchDialog

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK")


class PinPadDialog(TouchDialog):
    """Collects a PIN by touch (or keyboard); `pin()` returns it after accept."""

    def __init__(self, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(self.tr("Supervisor PIN"))
        self._digits = ""
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.display = QLabel()
        self.display.setObjectName("title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            button = QPushButton(self.tr("OK") if key == "OK" else key)
            button.setProperty("primary", True)
            button.setMinimumWidth(90)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.buttons[key] = button
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")), stretch_before=True)
        self.cancel.setProperty("primary", True)
        self.cancel.clicked.connect(self.reject)
        for widget in (self.prompt, self.display, self.message):
            self.body.addWidget(widget)
        self.body.addLayout(grid)
        self.want_size(480, 640)
        self._render()

    def press(self, key: str) -> None:
        """Handle one key of the pad: a digit, backspace or OK."""
        if key == "⌫":
            self._digits = self._digits[:-1]
        elif key == "OK":
            if MIN_DIGITS <= len(self._digits) <= MAX_DIGITS:
                self.accept()
                return
            self.message.setText(
                self.tr("The PIN has %1 to %2 digits.")
                .replace("%1", str(MIN_DIGITS))
                .replace("%2", str(MAX_DIGITS))
            )
        elif key.isdigit() and len(self._digits) < MAX_DIGITS:
            self._digits += key
            self.message.clear()
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits, Backspace and Enter from a hardware keyboard work too."""
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("⌫")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("OK")
        else:
            super().keyPressEvent(event)

    def _render(self) -> None:
        """Show one dot per digit typed."""
        self.display.setText("● " * len(self._digits) or "—")

    def pin(self) -> str:
        """The digits entered."""
        return self._digits
