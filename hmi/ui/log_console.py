"""Log console: the engine's events in the operator's language, filtered by level and text.

Only engine events are shown (each a catalogue message, re-rendered when the language
changes); Python log records go to the log file for maintenance, so no module name or
English-only line reaches the operator and nothing is shown twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hmi.engine.snapshot import EngineEvent
from hmi.ui.i18n import QT_TRANSLATE_NOOP, say
from hmi.ui.keyboard import attach_keyboard
from hmi.ui.labels import clean, clock, level_name, source_name
from hmi.ui.theme import ALARM, ALARM_TEXT, MIN_TOUCH_PX, WARNING, WARNING_TEXT
from hmi.ui.titled_model import TitledTableModel
from hmi.ui.touch import show_text, touch_combo, touch_table

LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}
LEVEL_CHOICES = (
    (QT_TRANSLATE_NOOP("LogConsole", "All levels"), 0),
    (QT_TRANSLATE_NOOP("LogConsole", "Info and above"), 20),
    (QT_TRANSLATE_NOOP("LogConsole", "Warnings and errors"), 30),
    (QT_TRANSLATE_NOOP("LogConsole", "Errors only"), 40),
)
HEADERS = (
    QT_TRANSLATE_NOOP("LogModel", "Time"),
    QT_TRANSLATE_NOOP("LogModel", "Level"),
    QT_TRANSLATE_NOOP("LogModel", "Source"),
    QT_TRANSLATE_NOOP("LogModel", "Message"),
)
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ROWS = 5000
Index = QModelIndex | QPersistentModelIndex


def level_number(level: str) -> int:
    """Numeric severity of a level name (unknown names count as INFO)."""
    return LEVELS.get(level.upper(), 20)


class LogModel(TitledTableModel):
    """Events in arrival order, at most `limit`; the oldest fall off the top."""

    HEADERS = HEADERS
    CONTEXT = "LogModel"

    def __init__(self, limit: int = MAX_ROWS, parent: Any = None) -> None:
        super().__init__(parent)
        if limit < 1:
            raise ValueError(f"log console limit must be at least 1, got {limit}")
        self._limit = limit
        self._events: list[EngineEvent] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of events kept."""
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; warnings and errors are coloured (abnormal), the rest stays grey."""
        if not index.isValid():
            return None
        event = self._events[index.row()]
        if role == LEVEL_ROLE:
            return level_number(event.level)
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (clock(event.at), level_name(event.level), source_name(event.source))
            return (*cells, clean(say(event.message)))[index.column()]
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return _level_colour(event.level, role == Qt.ItemDataRole.BackgroundRole)
        return None

    def append(self, event: EngineEvent) -> None:
        """Add one event at the bottom."""
        self.extend((event,))

    def extend(self, events: Iterable[EngineEvent]) -> None:
        """Add events at the bottom in one insertion, trimming the oldest beyond the limit."""
        new = list(events)[-self._limit :]
        if not new:
            return
        overflow = len(self._events) + len(new) - self._limit
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._events[:overflow]
            self.endRemoveRows()
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._events.extend(new)
        self.endInsertRows()

    def prepend_history(self, events: Iterable[EngineEvent]) -> None:
        """Put persisted events (from before this start) above what arrived since."""
        room = self._limit - len(self._events)
        old = sorted(events, key=lambda e: e.at)[-room:] if room > 0 else []
        if not old:
            return
        self.beginInsertRows(QModelIndex(), 0, len(old) - 1)
        self._events[0:0] = old
        self.endInsertRows()

    def events(self) -> tuple[EngineEvent, ...]:
        """All events kept, oldest first."""
        return tuple(self._events)

    def retranslate(self) -> None:
        """Re-render every row in the current language (the events keep their codes)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._events:
            last = self.index(len(self._events) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


def _level_colour(level: str, background: bool) -> QColor | None:
    """Colours for abnormal levels only."""
    number = level_number(level)
    if number >= 40:
        return QColor(ALARM if background else ALARM_TEXT)
    if number >= 30:
        return QColor(WARNING if background else WARNING_TEXT)
    return None


class LogFilter(QSortFilterProxyModel):
    """Keeps rows at or above a level whose text contains the search words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._min_level = 0
        self._needle = ""

    def set_min_level(self, level: int) -> None:
        """Show only events at `level` or above."""
        self._refilter(lambda: setattr(self, "_min_level", level))

    def set_text(self, text: str) -> None:
        """Show only events whose source or message contains `text` (any case)."""
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply `change` and re-filter (Qt ≥ 6.10 API when present, else invalidateFilter)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        """Level and text test for one row."""
        model = self.sourceModel()
        if model.index(row, 0, parent).data(LEVEL_ROLE) < self._min_level:
            return False
        if not self._needle:
            return True
        text = " ".join(str(model.index(row, c, parent).data()) for c in (2, 3))
        return self._needle in text.casefold()


class LogConsole(QWidget):
    """The log console: title, level filter, search field (on-screen keyboard), the table.

    It follows new entries (also while filtered) unless the operator scrolled up; a tap on
    a row shows the whole line.
    """

    def __init__(self, parent: QWidget | None = None, limit: int = MAX_ROWS) -> None:
        super().__init__(parent)
        self.model = LogModel(limit, self)
        self.proxy = LogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.level = touch_combo(QComboBox())
        self.search = QLineEdit()
        attach_keyboard(self.search)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setProperty("engine_text_column", 3)  # the engine's words, as it sent them
        touch_table(self.table)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(3 * MIN_TOUCH_PX)
        self.table.clicked.connect(self._row_tapped)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.level)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.follow = True
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.proxy.rowsInserted.connect(self._follow)
        self.proxy.modelReset.connect(self._follow)
        self.proxy.layoutChanged.connect(self._follow)
        self.level.currentIndexChanged.connect(self._level_changed)
        self.search.textChanged.connect(self._search)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-render texts and rows in the current language."""
        self.title.setText(self.tr("Log"))
        self.search.setPlaceholderText(self.tr("Search the log"))
        current = max(0, self.level.currentIndex())
        self.level.blockSignals(True)
        self.level.clear()
        for text, number in LEVEL_CHOICES:
            self.level.addItem(QCoreApplication.translate("LogConsole", text), number)
        self.level.setCurrentIndex(current)
        self.level.blockSignals(False)
        self.model.retranslate()
        self._size_columns()

    def _size_columns(self) -> None:
        """Fixed widths from the font: time, level and source never push the message."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        widths = (
            metrics.horizontalAdvance("00:00:00") + 24,
            max(metrics.horizontalAdvance(level_name(n)) for n in ("WARNING", "ERROR")) + 24,
            max(metrics.horizontalAdvance(source_name(s)) for s in ("operator", "reconcile")) + 24,
        )
        for column, width in enumerate(widths):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(width, metrics.horizontalAdvance(title) + 24))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _level_changed(self, _index: int) -> None:
        """Apply the chosen minimum level."""
        self.proxy.set_min_level(int(self.level.currentData() or 0))
        self.follow = True
        self._follow()

    def _search(self, text: str) -> None:
        self.proxy.set_text(text)
        self.follow = True
        self._follow()

    def _scrolled(self, value: int) -> None:
        """Stop following when the operator scrolls up; follow again at the bottom."""
        self.follow = value >= self.table.verticalScrollBar().maximum() - 2

    def _follow(self, *_args: object) -> None:
        if self.follow:
            self.table.scrollToBottom()

    def _row_tapped(self, index: QModelIndex) -> None:
        """Show the whole line of a tapped row."""
        row = [str(self.proxy.index(index.row(), c).data() or "") for c in range(len(HEADERS))]
        show_text(self, self.tr("Log"), f"{row[0]}  {row[1]}  {row[2]}\n\n{row[3]}")

    def add_event(self, event: EngineEvent) -> None:
        """Show one event (the view follows it unless the operator scrolled up)."""
        self.model.append(event)

    def load_history(self, events: Iterable[EngineEvent]) -> None:
        """Show persisted events from before this start above the new ones."""
        self.model.prepend_history(events)
        self.table.scrollToBottom()
