"""The alarm list after ISA-18.2: new and acknowledged, active and cleared told apart at a
glance; the shelved alarms with the time left; what to do for each alarm; acknowledge one
or all; shelve for a chosen time (supervisor). Sorted by priority, then newest first.

The dialog renders the snapshot's alarm list and passes taps back as requests; the
engine's `why_not` decides which buttons are live, and the reason is shown under them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from hmi.domain.alarms import Alarm, AlarmPriority, remedy_of, response_of
from hmi.domain.links import utcnow
from hmi.domain.messages import Message
from hmi.engine.permissions import Action
from hmi.ui.i18n import QT_TRANSLATE_NOOP, say
from hmi.ui.labels import clean, clock, remedy_label, stamp
from hmi.ui.theme import ALARM, ALARM_TEXT, LOW, MEDIUM
from hmi.ui.titled_model import TitledTableModel
from hmi.ui.touch import TouchDialog, touch_combo, touch_table

Why = Callable[..., Message | None]
#: Background and text colour per priority (ISA-18.2: colour only for alarms).
PRIORITY_COLOURS = {
    AlarmPriority.HIGH: (ALARM, ALARM_TEXT),
    AlarmPriority.MEDIUM: (MEDIUM, "#000000"),
    AlarmPriority.LOW: (LOW, "#000000"),
}
#: The shelve times offered (minutes); those above the configured maximum are left out.
SHELVE_CHOICES = (15, 30, 60, 120, 240, 480)
ALARM_HEADERS = (
    QT_TRANSLATE_NOOP("AlarmModel", "Priority"),
    QT_TRANSLATE_NOOP("AlarmModel", "State"),
    QT_TRANSLATE_NOOP("AlarmModel", "Raised"),
    QT_TRANSLATE_NOOP("AlarmModel", "Alarm"),
)
SHELVED_HEADERS = (
    QT_TRANSLATE_NOOP("AlarmModel", "Priority"),
    QT_TRANSLATE_NOOP("AlarmModel", "Time left"),
    QT_TRANSLATE_NOOP("AlarmModel", "Shelved by"),
    QT_TRANSLATE_NOOP("AlarmModel", "Alarm"),
)
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlarmModel", text)


def priority_name(priority: AlarmPriority) -> str:
    """High, Medium or Low in the window's language."""
    return say(Message(f"alarm.priority.{priority.name.lower()}"))


def response(alarm: Alarm) -> str:
    """What the operator should do about this kind of alarm (ISA-18.2's response)."""
    return say(response_of(alarm.key))


def state_text(alarm: Alarm) -> str:
    """ISA-18.2's four states in words, with a symbol that tells them apart."""
    if alarm.active and not alarm.acknowledged:
        return QCoreApplication.translate("AlarmModel", "▲ Active, new")
    if alarm.active:
        return QCoreApplication.translate("AlarmModel", "● Active, acknowledged")
    if not alarm.acknowledged:
        return QCoreApplication.translate("AlarmModel", "○ Cleared, not acknowledged")
    return QCoreApplication.translate("AlarmModel", "Cleared")


def time_left(until: datetime | None, now: datetime) -> str:
    """'1 h 05 min' or '12 min' or '40 s' until `until`."""
    if until is None:
        return "–"
    seconds = max(0, int((until - now).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else f"{secs} s"


def alarm_order(alarms: Sequence[Alarm]) -> list[Alarm]:
    """Priority first, then active before cleared, then the newest first."""
    ordered = sorted(alarms, key=lambda a: -a.raised_at.timestamp())
    return sorted(ordered, key=lambda a: (a.priority, not a.active))


def first_out(alarms: Sequence[Alarm], now: datetime, cause: str = "") -> int | None:
    """The id of the first-out alarm: the alarm of the stall that stops the line (`cause`,
    the watchdog's first cause, `LineStatus.cause`) when it is in the list; otherwise the
    earliest of two or more active, unshelved alarms; else None."""
    active = [a for a in alarms if a.active and not a.shelved(now)]
    stopping = next((a for a in active if cause and a.key == cause), None)
    if stopping is not None:
        return stopping.id
    if len(active) < 2:
        return None
    return min(active, key=lambda a: a.raised_at).id


class AlarmModel(TitledTableModel):
    """Rows of alarms; `shelved` selects the shelved list's columns."""

    CONTEXT = "AlarmModel"

    def __init__(self, shelved: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.HEADERS = SHELVED_HEADERS if shelved else ALARM_HEADERS
        self.shelved = shelved
        self.alarms: list[Alarm] = []
        self.first_out: int | None = None
        self.now = utcnow()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per alarm."""
        return 0 if parent.isValid() else len(self.alarms)

    def set_alarms(self, alarms: list[Alarm], first: int | None, now: datetime) -> None:
        """Show `alarms` (already ordered)."""
        self.beginResetModel()
        self.alarms, self.first_out, self.now = alarms, first, now
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """Repaint the time left of shelved alarms."""
        self.now = now
        if self.alarms and self.shelved:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.alarms) - 1, 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, priority colour, bold for new alarms."""
        if not index.isValid() or not 0 <= index.row() < len(self.alarms):
            return None
        alarm, column = self.alarms[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(alarm, column)
        new = alarm.active and not alarm.acknowledged
        if role == Qt.ItemDataRole.FontRole and new:
            font = QFont()
            font.setBold(True)
            return font
        if column == 0 and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            back, fore = PRIORITY_COLOURS[alarm.priority]
            if not alarm.active:  # cleared: no fill, the priority colour as text only
                return QColor("#505050") if role == Qt.ItemDataRole.ForegroundRole else None
            return QColor(back if role == Qt.ItemDataRole.BackgroundRole else fore)
        return None

    def _text(self, alarm: Alarm, column: int) -> str:
        if column == 0:
            return priority_name(alarm.priority)
        if column == 3:
            return clean(say(alarm.message))
        if self.shelved:
            return time_left(alarm.shelved_until, self.now) if column == 1 else alarm.shelved_by
        if column == 1:
            if alarm.id != self.first_out:
                return state_text(alarm)
            return QCoreApplication.translate("AlarmModel", "First out · %1").replace(
                "%1", state_text(alarm)
            )
        return clock(alarm.raised_at)


class AlarmListDialog(TouchDialog):
    """The alarm list and the shelved list, the selected alarm's detail, and the buttons."""

    acknowledge_requested = Signal(int)  # alarm id
    acknowledge_all_requested = Signal()
    shelve_requested = Signal(int, float)  # alarm id, minutes
    remedy_requested = Signal(object)  # hmi.domain.alarms.Remedy

    def __init__(
        self, why: Why | None = None, shelve_max_min: float = 480.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, scroll=False)
        self.why = why or (lambda *_a, **_k: None)
        self.shelve_max_min = shelve_max_min
        self.all_alarms: list[Alarm] = []
        self.show_all = QPushButton()
        self.show_shelved = QPushButton()
        group = QButtonGroup(self)
        for button in (self.show_all, self.show_shelved):
            button.setCheckable(True)
            group.addButton(button)
        self.show_all.setChecked(True)
        group.buttonClicked.connect(lambda _b: self._switch())
        tabs = QHBoxLayout()
        tabs.addWidget(self.show_all)
        tabs.addWidget(self.show_shelved)
        tabs.addStretch(1)
        self.body.addLayout(tabs)
        self.model = AlarmModel(shelved=False, parent=self)
        self.shelved_model = AlarmModel(shelved=True, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        touch_table(self.table)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.table.clicked.connect(lambda _i: self._selected_changed())
        self.body.addWidget(self.table, 3)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setObjectName("panel")
        self.detail.setMinimumHeight(110)
        self.detail.setMaximumHeight(150)
        self.remedy = QPushButton()
        self.remedy.setProperty("primary", True)
        self.remedy.setAutoDefault(False)
        self.remedy.clicked.connect(self._remedy)
        keep = self.remedy.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.remedy.setSizePolicy(keep)
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.detail, 1)
        detail_row.addWidget(self.remedy, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(detail_row, 1)
        self.cause = ""
        self.acknowledge = self.add_button(QPushButton())
        self.acknowledge.setProperty("primary", True)
        self.acknowledge_all = self.add_button(QPushButton())
        self.duration = touch_combo(QComboBox())
        self.button_row.addWidget(self.duration)
        self.shelve = self.add_button(QPushButton())
        self.close_button = self.add_button(QPushButton(), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.acknowledge.clicked.connect(self._acknowledge)
        self.acknowledge_all.clicked.connect(self.acknowledge_all_requested)
        self.shelve.clicked.connect(self._shelve)
        self.close_button.clicked.connect(self.accept)
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.shelved_model.tick(utcnow()))
        self.timer.start(1000)
        self.want_size(1180, 760)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language (the rows re-render on the next snapshot)."""
        self.setWindowTitle(self.tr("Alarms"))
        self.acknowledge.setText(self.tr("Acknowledge"))
        self.acknowledge_all.setText(self.tr("Acknowledge all"))
        self.shelve.setText(self.tr("Shelve (supervisor)…"))
        self.close_button.setText(self.tr("Close"))
        current = self.duration.currentData()
        self.duration.clear()
        for minutes in SHELVE_CHOICES:
            if minutes <= self.shelve_max_min:
                label = f"{minutes} min" if minutes < 60 else f"{minutes // 60} h"
                self.duration.addItem(label, float(minutes))
        self.duration.setCurrentIndex(max(0, self.duration.findData(current or 60.0)))
        self.show_alarms(self.all_alarms)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_alarms(self, alarms: Sequence[Alarm], cause: str | None = None) -> None:
        """Render the lists, keeping the selected alarm selected (`cause`: the alarm key of
        the stall that stops the line, the first-out alarm)."""
        selected = self.selected()
        now = utcnow()
        self.all_alarms = list(alarms)
        if cause is not None:
            self.cause = cause
        shown = alarm_order([a for a in alarms if a.needs_attention(now)])
        shelved = alarm_order([a for a in alarms if a.shelved(now)])
        self.model.set_alarms(shown, first_out(alarms, now, self.cause), now)
        self.shelved_model.set_alarms(shelved, None, now)
        self.show_all.setText(self.tr("Alarms (%1)").replace("%1", str(len(shown))))
        self.show_shelved.setText(self.tr("Shelved (%1)").replace("%1", str(len(shelved))))
        self._size_columns()
        if selected is not None:
            self.select_alarm(selected.id)
        self._selected_changed()

    def _size_columns(self) -> None:
        bold = QFont(self.table.font())
        bold.setBold(True)  # new alarms are bold: measure as they are drawn
        metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        model = self.table.model()
        for column in range(3):
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(model.index(r, column).data()) for r in range(model.rowCount())]
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 28)

    def _switch(self) -> None:
        self.table.setModel(self.shelved_model if self.show_shelved.isChecked() else self.model)
        self._size_columns()
        self._selected_changed()

    def selected(self) -> Alarm | None:
        """The selected alarm, or None."""
        model = self.table.model()
        selection = self.table.selectionModel()
        if not isinstance(model, AlarmModel) or selection is None:
            return None
        rows = {index.row() for index in selection.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return model.alarms[row] if 0 <= row < len(model.alarms) else None

    def select_alarm(self, alarm_id: int) -> None:
        """Select the row of one alarm (tests, and a tap on the banner)."""
        model = self.table.model()
        if not isinstance(model, AlarmModel):
            return
        for row, alarm in enumerate(model.alarms):
            if alarm.id == alarm_id:
                self.table.selectRow(row)
        self._selected_changed()

    def _selected_changed(self) -> None:
        """Detail of the selected alarm; buttons live or greyed with the reason shown."""
        alarm = self.selected()
        self.detail.setText(self._detail(alarm))
        target = alarm.id if alarm is not None else None
        reasons = []
        for button, action in (
            (self.acknowledge, Action.ACKNOWLEDGE),
            (self.shelve, Action.SHELVE),
            (self.acknowledge_all, Action.ACKNOWLEDGE_ALL),
        ):
            why = self.why(action, alarm_id=target)
            button.setEnabled(why is None)
            if why is not None and (alarm is not None or action is Action.ACKNOWLEDGE_ALL):
                reasons.append(say(why))
        self.duration.setEnabled(self.shelve.isEnabled())
        remedy = remedy_of(alarm.key) if alarm is not None and alarm.active else None
        self.remedy.setVisible(remedy is not None)
        if remedy is not None:
            self.remedy.setText(remedy_label(remedy.action))
            why = self.why(remedy.action, mo_id=remedy.mo_id, slot=remedy.slot)
            self.remedy.setEnabled(why is None)
            if why is not None:
                reasons.append(say(why))
        self.reason.set_text(" · ".join(dict.fromkeys(reasons)))

    def _detail(self, alarm: Alarm | None) -> str:
        if alarm is None:
            return self.tr("Tap an alarm to see what to do.")
        lines = [f"<b>{escape(clean(say(alarm.message)))}</b>"]
        lines.append(self.tr("What to do: %1").replace("%1", escape(response(alarm))))
        facts = [self.tr("Raised %1").replace("%1", stamp(alarm.raised_at))]
        if alarm.cleared_at:
            facts.append(self.tr("cleared %1").replace("%1", stamp(alarm.cleared_at)))
        if alarm.acked_at:
            facts.append(
                self.tr("acknowledged by %1 at %2")
                .replace("%1", alarm.acked_by)
                .replace("%2", clock(alarm.acked_at))
            )
        if alarm.shelved(utcnow()):
            facts.append(
                self.tr("shelved by %1 until %2")
                .replace("%1", alarm.shelved_by)
                .replace("%2", clock(alarm.shelved_until))
            )
        lines.append(" · ".join(facts))
        return "<br>".join(lines)

    def _remedy(self) -> None:
        alarm = self.selected()
        remedy = remedy_of(alarm.key) if alarm is not None else None
        if remedy is not None:
            self.remedy_requested.emit(remedy)

    def _acknowledge(self) -> None:
        alarm = self.selected()
        if alarm is not None:
            self.acknowledge_requested.emit(alarm.id)

    def _shelve(self) -> None:
        alarm = self.selected()
        if alarm is not None:
            self.shelve_requested.emit(alarm.id, float(self.duration.currentData() or 60.0))
