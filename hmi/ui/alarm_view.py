"""The alarm list (acknowledge: operator; shelve: supervisor) and the audit trail with CSV export.

Both dialogs only render what the engine returns and pass taps back as commands.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.links import utcnow
from hmi.store.records import AuditEntry
from hmi.ui.theme import ALARM, ALARM_TEXT

#: Background/text colour per priority; colour only for what is abnormal and unacknowledged.
PRIORITY_COLOURS = {
    AlarmPriority.HIGH: (ALARM, ALARM_TEXT),
    AlarmPriority.MEDIUM: ("#f0a030", "#000000"),
    AlarmPriority.LOW: ("#f5e08a", "#000000"),
}


def when(value: datetime | None) -> str:
    """Local time to the second, or empty."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _item(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


class AlarmListDialog(QDialog):
    """Active alarms, then cleared ones not yet acknowledged; Acknowledge and Shelve buttons."""

    acknowledge_requested = Signal(int)  # alarm id
    shelve_requested = Signal(int)  # alarm id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alarms"))
        self.alarms: list[Alarm] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Raised"),
                self.tr("Priority"),
                self.tr("Alarm"),
                self.tr("State"),
                self.tr("Acknowledged"),
                self.tr("Shelved until"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.acknowledge = QPushButton(self.tr("Acknowledge"))
        self.acknowledge.setProperty("primary", True)
        self.shelve = QPushButton(self.tr("Shelve (supervisor)…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.acknowledge.clicked.connect(lambda: self._request(self.acknowledge_requested))
        self.shelve.clicked.connect(lambda: self._request(self.shelve_requested))
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.acknowledge)
        buttons.addWidget(self.shelve)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1100, 600)
        self._enable()

    def show_alarms(self, alarms: tuple[Alarm, ...] | list[Alarm]) -> None:
        """Render the list, keeping the selected alarm selected."""
        selected = self.selected()
        self.alarms = list(alarms)
        now = utcnow()
        self.table.setRowCount(len(self.alarms))
        for row, alarm in enumerate(self.alarms):
            state = self.tr("active") if alarm.active else self.tr("cleared")
            acked = f"{alarm.acked_by} {when(alarm.acked_at)}" if alarm.acked_at else ""
            shelved = when(alarm.shelved_until) if alarm.shelved(now) else ""
            cells = (when(alarm.raised_at), alarm.priority.name.title(), str(alarm.message), state)
            for column, text in enumerate((*cells, acked, shelved)):
                item = _item(text)
                if column == 1 and alarm.active and not alarm.acknowledged:
                    back, fore = PRIORITY_COLOURS[alarm.priority]
                    item.setBackground(QColor(back))
                    item.setForeground(QColor(fore))
                self.table.setItem(row, column, item)
            if selected is not None and alarm.id == selected.id:
                self.table.selectRow(row)
        self._enable()

    def selected(self) -> Alarm | None:
        """The selected alarm, or None."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.alarms[row] if 0 <= row < len(self.alarms) else None

    def select_alarm(self, alarm_id: int) -> None:
        """Select the row of one alarm (tests, and a tap on the banner)."""
        for row, alarm in enumerate(self.alarms):
            if alarm.id == alarm_id:
                self.table.selectRow(row)

    def _enable(self) -> None:
        alarm = self.selected()
        self.acknowledge.setEnabled(alarm is not None and not alarm.acknowledged)
        self.shelve.setEnabled(alarm is not None and alarm.active)

    def _request(self, signal: Signal) -> None:
        alarm = self.selected()
        if alarm is not None:
            signal.emit(alarm.id)  # type: ignore[attr-defined]


class AuditDialog(QDialog):
    """The audit trail with filters; Export writes the filtered entries as CSV."""

    filter_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Who"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action"))
        self.apply = QPushButton(self.tr("Filter"))
        self.export = QPushButton(self.tr("Export CSV…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setProperty("primary", True)
        self.count = QLabel()
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("What"),
                self.tr("Before"),
                self.tr("After"),
                self.tr("Reason"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.apply.clicked.connect(self.filter_requested)
        self.export.clicked.connect(self.export_requested)
        self.close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(self.actor, 1)
        bar.addWidget(self.action, 1)
        bar.addWidget(self.apply)
        bar.addWidget(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1200, 700)

    def filters(self) -> dict[str, str | None]:
        """The filter bar as keyword arguments of Engine.audit_entries."""
        return {
            "actor": self.actor.text().strip() or None,
            "action": self.action.text().strip() or None,
        }

    def show_entries(self, entries: list[AuditEntry]) -> None:
        """Render entries, newest first."""
        rows = list(reversed(entries))
        self.table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            cells = (when(entry.at), entry.actor, entry.action, entry.target)
            for column, text in enumerate((*cells, entry.before, entry.after, entry.reason)):
                self.table.setItem(row, column, _item(text))
        self.count.setText(self.tr("%1 entries").replace("%1", str(len(rows))))
