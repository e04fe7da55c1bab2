"""The audit trail: who did what, when, before and after, why; filtered, exported as CSV."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hmi.engine.records import AuditEntry
from hmi.ui.keyboard import attach_keyboard
from hmi.ui.labels import stamp
from hmi.ui.touch import TouchDialog, show_text, touch_table


class AuditDialog(TouchDialog):
    """The audit trail with filters; Export writes the filtered entries as CSV."""

    filter_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(self.tr("Audit trail"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Who"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action"))
        for edit in (self.actor, self.action):
            attach_keyboard(edit)
        self.apply = QPushButton(self.tr("Filter"))
        self.export = QPushButton(self.tr("Export CSV…"))
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
        touch_table(self.table)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 110, 150, 150, 110, 110)):
            header.resizeSection(column, width)
        self.table.cellClicked.connect(self._row_tapped)
        self.apply.clicked.connect(self.filter_requested)
        self.export.clicked.connect(self.export_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.actor, 1)
        bar.addWidget(self.action, 1)
        bar.addWidget(self.apply)
        bar.addWidget(self.export)
        self.body.addLayout(bar)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.accept)
        self.want_size(1200, 760)

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
            who = f"{entry.actor} ({entry.role})" if entry.role else entry.actor
            cells = (stamp(entry.at), who, entry.action, entry.target)
            for column, text in enumerate((*cells, entry.before, entry.after, entry.reason)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(self.tr("%1 entries").replace("%1", str(len(rows))))

    def _row_tapped(self, row: int, _column: int) -> None:
        """The whole entry of a tapped row."""
        headers = (self.table.horizontalHeaderItem(c) for c in range(7))
        items = (self.table.item(row, c) for c in range(7))
        titles = [h.text() if h is not None else "" for h in headers]
        cells = [i.text() if i is not None else "" for i in items]
        text = "\n".join(f"{t}: {c}" for t, c in zip(titles, cells, strict=True) if c)
        show_text(self, self.windowTitle(), text)
