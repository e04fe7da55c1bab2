"""The on-screen keyboard: every text field of the window is filled by touch.

`KeyboardDialog` shows a field, optional standard choices (the plant's standard reasons
for a cancel, a cleared queue, a shelved alarm) and a QWERTY keyboard; `attach_keyboard`
makes a tap on any QLineEdit open it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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

from hmi.ui.theme import MIN_TOUCH_PX
from hmi.ui.touch import TouchDialog

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
SYMBOLS = "-./:,_@"
BACKSPACE, SHIFT, SPACE, CLEAR = "⌫", "⇧", " ", "✕"
#: Choices shown per row of the standard-reasons grid.
CHOICES_PER_ROW = 3


class Keyboard(QWidget):
    """Keys that type into `target`: letters, digits, a few symbols, shift, space, backspace."""

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.shifted = False
        self.keys: dict[str, QPushButton] = {}
        grid = QVBoxLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for row in (*ROWS, SYMBOLS):
            line = QHBoxLayout()
            line.setSpacing(4)
            for key in row:
                line.addWidget(self._key(key, key))
            if row == ROWS[0]:
                line.addWidget(self._key(BACKSPACE, BACKSPACE, 2))
            if row == ROWS[3]:
                line.insertWidget(0, self._key(SHIFT, SHIFT, 2))
                self.keys[SHIFT].setCheckable(True)
            if row == SYMBOLS:
                line.addWidget(self._key(SPACE, self.tr("space"), 5))
                line.addWidget(self._key(CLEAR, CLEAR, 1))
            grid.addLayout(line)
        self._show_case()

    def _key(self, key: str, label: str, stretch: int = 1) -> QPushButton:
        button = QPushButton(label)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setStyleSheet("padding: 0;")
        button.clicked.connect(lambda _c=False, k=key: self.press(k))
        if stretch > 1:
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(MIN_TOUCH_PX * stretch)
        self.keys[key] = button
        return button

    def press(self, key: str) -> None:
        """Type one key into the target field."""
        if key == BACKSPACE:
            self.target.backspace()
        elif key == CLEAR:
            self.target.clear()
        elif key == SHIFT:
            self.shifted = not self.shifted
            self._show_case()
        else:
            self.target.insert(key.upper() if self.shifted else key)
            if self.shifted:
                self.shifted = False
                self._show_case()

    def _show_case(self) -> None:
        for key, button in self.keys.items():
            if len(key) == 1 and key.isalpha():
                button.setText(key.upper() if self.shifted else key)
        self.keys[SHIFT].setChecked(self.shifted)


class KeyboardDialog(TouchDialog):
    """One line of text by touch; `choices` (standard reasons) fill the field with a tap."""

    def __init__(
        self,
        title: str,
        prompt: str,
        text: str = "",
        choices: tuple[str, ...] = (),
        *,
        required: bool = False,
        secret: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.body.addWidget(self.prompt)
        self.choices: list[QPushButton] = []
        if choices:
            grid = QGridLayout()
            grid.setSpacing(6)
            for index, choice in enumerate(choices):
                button = QPushButton(choice)
                button.setAutoDefault(False)
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _c=False, c=choice: self.field.setText(c))
                grid.addWidget(button, index // CHOICES_PER_ROW, index % CHOICES_PER_ROW)
                self.choices.append(button)
            self.body.addLayout(grid)
        self.field: QLineEdit = QLineEdit(text)
        self.field.setClearButtonEnabled(False)
        if secret:
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.body.addWidget(self.field)
        self.keyboard = Keyboard(self.field)
        self.body.addWidget(self.keyboard)
        self.body.addStretch(1)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")))
        self.cancel.setProperty("primary", True)
        self.ok = self.add_button(QPushButton(self.tr("OK")), stretch_before=True)
        self.ok.setProperty("primary", True)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self._accept_if_filled)
        self.field.textChanged.connect(self._enable)
        self.want_size(960, 720)
        self._enable()

    def _enable(self) -> None:
        empty = self.required and not self.field.text().strip()
        self.ok.setEnabled(not empty)
        self.reason.set_text(self.tr("Pick a reason or type one.") if empty else "")

    def _accept_if_filled(self) -> None:
        if not (self.required and not self.field.text().strip()):
            self.accept()

    def value(self) -> str:
        """The text typed or picked, without surrounding spaces."""
        return self.field.text().strip()


class _KeyboardOnTap(QObject):
    """Event filter: a tap on a line edit opens the keyboard dialog for it."""

    def __init__(self, edit: QLineEdit, title: str, secret: bool) -> None:
        super().__init__(edit)
        self.edit = edit
        self.title = title
        self.secret = secret
        self.dialog: KeyboardDialog | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and self.edit.isEnabled():
            self.open()
            return True
        return False

    def open(self) -> KeyboardDialog:
        """Open the keyboard with the field's text; OK writes it back."""
        label = self.title or self.edit.placeholderText()
        text = "" if self.secret else self.edit.text()
        dialog = KeyboardDialog(label, label, text, secret=self.secret, parent=self.edit.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._write(dialog.field.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _write(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.editingFinished.emit()


def attach_keyboard(edit: QLineEdit, title: str = "", *, secret: bool = False) -> None:
    """Make a tap on `edit` open the on-screen keyboard (title: what the field is)."""
    tap = _KeyboardOnTap(edit, title, secret)
    edit.installEventFilter(tap)
    edit.setProperty("keyboard", True)
    edit.keyboard_tap = tap  # type: ignore[attr-defined]


def open_keyboard(edit: QLineEdit) -> KeyboardDialog | None:
    """Open the keyboard of a field `attach_keyboard` prepared (tests, a hardware Enter)."""
    tap = getattr(edit, "keyboard_tap", None)
    return tap.open() if isinstance(tap, _KeyboardOnTap) else None
