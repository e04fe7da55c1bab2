"""Sign-in on the touch panel: a name tapped from the list, typed, or a badge scanned (a badge
reader types its number and Enter into the field), then the PIN on the keypad.

The same dialog approves a protected command by another user (a supervisor's name and PIN
for an operator's cancel). No PIN is ever shown: one dot per digit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hmi.domain.pin import MAX_DIGITS, MIN_DIGITS
from hmi.ui.pin_pad import KEYS
from hmi.ui.touch import TouchDialog

NAMES_PER_ROW = 2
MAX_NAME_BUTTONS = 12


class SignInDialog(TouchDialog):
    """Who (name or badge) and their PIN; `value()` after accept."""

    def __init__(
        self, title: str, prompt: str, names: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(title)
        self._digits = ""
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.body.addWidget(self.prompt)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Name or badge number"))
        self.field.returnPressed.connect(self._to_pin)  # a badge reader ends with Enter
        left.addWidget(self.field)
        grid = QGridLayout()
        self.name_buttons: list[QPushButton] = []
        for index, name in enumerate(names[:MAX_NAME_BUTTONS]):
            button = QPushButton(name)
            button.setAutoDefault(False)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, n=name: self._pick(n))
            grid.addWidget(button, index // NAMES_PER_ROW, index % NAMES_PER_ROW)
            self.name_buttons.append(button)
        left.addLayout(grid)
        left.addStretch(1)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        self.display = QLabel()
        self.display.setObjectName("title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.display)
        keys = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYS):
            button = QPushButton(self.tr("OK") if key == "OK" else key)
            button.setProperty("primary", True)
            button.setMinimumWidth(80)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            keys.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        right.addLayout(keys)
        row.addLayout(right, 1)
        self.body.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")), stretch_before=True)
        self.cancel.setProperty("primary", True)
        self.cancel.clicked.connect(self.reject)
        self.want_size(900, 640)
        self._render()

    def _pick(self, name: str) -> None:
        self.field.setText(name)
        self._to_pin()

    def _to_pin(self) -> None:
        """The name is there: the keypad (and a hardware keyboard's digits) take the PIN."""
        self.field.clearFocus()
        self.setFocus()

    def press(self, key: str) -> None:
        """One key of the pad: a digit, backspace or OK."""
        if key == "⌫":
            self._digits = self._digits[:-1]
        elif key == "OK":
            if not self.field.text().strip():
                self.message.setText(self.tr("Tap your name or scan your badge first."))
            elif MIN_DIGITS <= len(self._digits) <= MAX_DIGITS:
                self.accept()
                return
            else:
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
        """Digits, Backspace and Enter from a keyboard go to the PIN once the name is in."""
        if self.field.hasFocus():
            super().keyPressEvent(event)
            return
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
        self.display.setText("● " * len(self._digits) or "—")

    def value(self) -> tuple[str, str]:
        """(name or badge as typed, PIN)."""
        return self.field.text().strip(), self._digits
