"""Fetch confirmation: the MOs that would be queued and the refused ones with reasons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi.domain.messages import render
from hmi.engine.snapshot import FetchPreview
from hmi.ui.i18n import current_language
from hmi.ui.labels import kg


def _table(headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    """A read-only table filled with `rows`."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    return table


class FetchDialog(QDialog):
    """Lists what a fetch would do; only Confirm (accept) queues anything."""

    def __init__(self, preview: FetchPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Fetch manufacturing orders"))
        layout = QVBoxLayout(self)
        n, m = len(preview.batches), len(preview.refusals)
        self.summary = QLabel()
        self.summary.setObjectName("title")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if not preview.gate.open:
            self.gate = QLabel(
                self.tr("Fetching is not possible now: %1").replace("%1", preview.gate.reason)
            )
            self.gate.setObjectName("error")
            self.gate.setWordWrap(True)
            layout.addWidget(self.gate)
        self.queued_table = _table(
            [
                self.tr("Slot"),
                self.tr("MO"),
                self.tr("Product"),
                self.tr("Planned"),
                self.tr("Materials"),
            ],
            [
                (
                    str(b.slot or i + 1),
                    b.mo_name,
                    b.product_name,
                    kg(b.quantity_kg),
                    str(len(b.lines)),
                )
                for i, b in enumerate(preview.batches)
            ],
        )
        layout.addWidget(QLabel(self.tr("Will be queued: %1").replace("%1", str(n))))
        layout.addWidget(self.queued_table, 2)
        self.refused_table = _table(
            [self.tr("MO"), self.tr("Why it is refused")],
            [(r.mo_name, render(r.reason, current_language())) for r in preview.refusals],
        )
        self.refused_label = QLabel(self.tr("Refused: %1").replace("%1", str(m)))
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused_table, 1)
        self.refused_label.setVisible(m > 0)
        self.refused_table.setVisible(m > 0)
        self.confirm = QPushButton(self.tr("Confirm: queue %1").replace("%1", str(n)))
        self.confirm.setProperty("primary", True)
        self.confirm.setEnabled(n > 0 and preview.gate.open)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setProperty("primary", True)
        self.confirm.clicked.connect(self.accept)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout.addLayout(buttons)
        self.summary.setText(self._summary(n, m))
        self.resize(900, 600)

    def _summary(self, n: int, m: int) -> str:
        """One sentence: how many would be queued and how many refused."""
        if n == 0 and m == 0:
            return self.tr("Odoo has no manufacturing order ready for this line.")
        return (
            self.tr("%1 order(s) would be queued, %2 refused.")
            .replace("%1", str(n))
            .replace("%2", str(m))
        )
