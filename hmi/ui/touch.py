"""Touch-only building blocks: fixed-size text that elides and opens on a tap, dialogs that
fit the screen, 48 px table rows, no wheel on value widgets, toggles that ignore a bounce.

Nothing here depends on the engine; the window and every dialog are made of these.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hmi.ui.theme import MIN_TOUCH_PX

#: A second tap on a toggle within this time does nothing (a bounce, a double tap).
TOGGLE_GUARD_S = 0.5
#: Room kept free around a dialog on the screen (px).
SCREEN_MARGIN = 8


def screen_rect(widget: QWidget | None = None) -> QRect:
    """The available geometry of the screen `widget` is on (the primary screen otherwise)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


class NoWheel(QObject):
    """Event filter: the mouse wheel never changes a combo box's or a field's value."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow wheel events (scrolling a form must not change what is under the finger)."""
        if event.type() == QEvent.Type.Wheel:
            event.ignore()
            return True
        return False


_NO_WHEEL = NoWheel()


def no_wheel(*widgets: QWidget) -> None:
    """Make the wheel do nothing over each widget."""
    for widget in widgets:
        widget.installEventFilter(_NO_WHEEL)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def touch_combo(combo: QComboBox) -> QComboBox:
    """A combo box whose popup rows are 48 px (a styled list view) and that ignores the wheel."""
    combo.setView(QListView())
    combo.setMinimumHeight(MIN_TOUCH_PX)
    no_wheel(combo)
    return combo


def touch_table(view: QAbstractItemView, row_px: int = MIN_TOUCH_PX) -> None:
    """48 px rows, whole-row selection, eliding cells, kinetic scrolling with a finger."""
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(view, QTableView):
        view.verticalHeader().hide()
        view.verticalHeader().setMinimumSectionSize(row_px)
        view.verticalHeader().setDefaultSectionSize(row_px)
        view.setWordWrap(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setCornerButtonEnabled(False)
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)


class ToggleButton(QPushButton):
    """A checkable button that ignores a second tap within TOGGLE_GUARD_S of the last one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self._last = float("-inf")

    def nextCheckState(self) -> None:
        """Toggle, unless the previous toggle was less than TOGGLE_GUARD_S ago."""
        now = time.monotonic()
        if now - self._last < TOGGLE_GUARD_S:
            return
        self._last = now
        super().nextCheckState()


class ElidedLabel(QLabel):
    """One line of text in a fixed place: elided with "…" when too long, never widening its
    region; a tap opens the whole text (and `detail`, if any) in a dialog."""

    tapped = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.detail = ""
        self.detail_title = ""
        self.read_on_tap = True  # False: the owner handles taps (the `tapped` signal)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        self.set_text(text)

    def set_text(self, text: str, detail: str = "") -> None:
        """Show `text` (elided to the label's width); `detail` is added when tapped."""
        self.full_text, self.detail = text, detail
        self._elide()

    @property
    def elided(self) -> bool:
        """True when the label shows less than the whole text."""
        return super().text() != self.full_text

    def minimumSizeHint(self) -> QSize:
        """Any width: the text elides instead."""
        return QSize(1, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        """As wide as the text would like, but the layout may give less."""
        return QSize(min(super().sizeHint().width(), 400), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(1, self.contentsRect().width() - 2 * self.margin() - 2)
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A tap shows the whole text when it is elided or has a detail."""
        super().mouseReleaseEvent(event)
        self.tapped.emit()
        if self.read_on_tap and (self.elided or self.detail):
            body = self.full_text if not self.detail else f"{self.full_text}\n\n{self.detail}"
            show_text(self, self.detail_title or self.window().windowTitle(), body)


class TouchDialog(QDialog):
    """A dialog never larger than its screen: the body scrolls, the buttons stay visible.

    Subclasses fill `self.body` (a layout inside a scroll area) and `self.button_row` (a row
    below it, outside the scroll area); `self.reason` under the body says why a greyed
    button is grey.
    """

    def __init__(self, parent: QWidget | None = None, *, scroll: bool = True) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._wanted = QSize(900, 640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 12)
        # a kiosk panel has no window manager, so no title bar: the dialog shows its title
        self.title_label = ElidedLabel()
        self.title_label.setObjectName("title")
        outer.addWidget(self.title_label)
        self.body_widget = QWidget()
        self.body = QVBoxLayout(self.body_widget)
        self.body.setContentsMargins(0, 0, 0, 0)
        if scroll:
            self.scroll_area = QScrollArea()
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll_area.setWidget(self.body_widget)
            QScroller.grabGesture(
                self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture
            )
            outer.addWidget(self.scroll_area, 1)
        else:
            outer.addWidget(self.body_widget, 1)
        self.reason = ElidedLabel()
        self.reason.setObjectName("reason")
        self.reason.setMinimumHeight(MIN_TOUCH_PX // 2)
        outer.addWidget(self.reason)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(10)
        outer.addLayout(self.button_row)

    def changeEvent(self, event: QEvent) -> None:
        """Keep the visible title equal to the window title."""
        if event.type() == QEvent.Type.WindowTitleChange:
            self.title_label.set_text(self.windowTitle())
        super().changeEvent(event)

    def want_size(self, width: int, height: int) -> None:
        """The size this dialog would like on a large screen (it shrinks to fit smaller ones)."""
        self._wanted = QSize(width, height)

    def add_button(self, button: QPushButton, *, stretch_before: bool = False) -> QPushButton:
        """Add a button to the bottom row (optionally pushed to the right)."""
        if stretch_before:
            self.button_row.addStretch(1)
        button.setAutoDefault(False)
        self.button_row.addWidget(button)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the screen and centre on it before the first paint."""
        self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """At most the screen's size minus a margin; centred on that screen."""
        area = screen_rect(self.parentWidget() or self)
        room = area.adjusted(SCREEN_MARGIN, SCREEN_MARGIN, -SCREEN_MARGIN, -SCREEN_MARGIN)
        self.setMaximumSize(room.size())
        width = min(self._wanted.width(), room.width())
        height = min(max(self._wanted.height(), 200), room.height())
        self.resize(width, height)
        self.move(room.center().x() - width // 2, room.center().y() - height // 2)


class TextDialog(TouchDialog):
    """A whole text to read (what an elided label or a table cell could not show)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.text, 1)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.accept)
        self.want_size(640, 360)


def show_text(parent: QWidget, title: str, text: str) -> TextDialog:
    """Open a TextDialog over `parent` (not blocking) and return it."""
    dialog = TextDialog(title, text, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
