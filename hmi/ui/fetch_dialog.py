"""Fetch confirmation: the MOs that would be queued and the refused ones with their reasons.

Only Confirm queues anything; the reasons are whole on a tap (a table cell elides).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hmi.domain.messages import Message
from hmi.engine.snapshot import FetchPreview
from hmi.ui.i18n import say
from hmi.ui.labels import clean, gate_reasons, kg
from hmi.ui.touch import ElidedLabel, TouchDialog, show_text, touch_table


def reason_text(reason: str | Message) -> str:
    """A refusal's reason in the window's language (plain words cleaned of internal ids)."""
    return say(reason) if isinstance(reason, Message) else clean(str(reason))


def _table(headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    """A read-only table filled with `rows`; a tap on a row shows it whole."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    touch_table(table)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    metrics = table.fontMetrics()
    for c in range(len(headers) - 1):
        texts = [headers[c], *(row[c] for row in rows)]
        header.resizeSection(c, min(260, max(metrics.horizontalAdvance(t) for t in texts) + 28))
    table.setMinimumHeight(48 * 3)

    def tapped(row: int, _column: int) -> None:
        lines = [f"{h}: {t}" for h, t in zip(headers, rows[row], strict=True)]
        show_text(table, headers[0], "\n".join(lines))

    table.cellClicked.connect(tapped)
    return table


class FetchDialog(TouchDialog):
    """Lists what a fetch would do; only Confirm (accept) queues anything."""

    def __init__(self, preview: FetchPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Fetch manufacturing orders"))
        n, m = len(preview.batches), len(preview.refusals)
        self.summary = ElidedLabel()
        self.summary.setObjectName("title")
        self.body.addWidget(self.summary)
        self.gate: QLabel | None = None
        if not preview.gate.open:
            self.gate = QLabel(
                self.tr("Fetching is not possible now: %1").replace(
                    "%1", gate_reasons(preview.gate.reasons)
                )
            )
            self.gate.setObjectName("error")
            self.gate.setWordWrap(True)
            self.body.addWidget(self.gate)
        self.queued_table = _table(
            [
                self.tr("Slot"),
                self.tr("MO"),
                self.tr("Planned"),
                self.tr("Materials"),
                self.tr("Product"),
            ],
            [
                (
                    str(b.slot or i + 1),
                    b.mo_name,
                    kg(b.quantity_kg),
                    str(len(b.lines)),
                    b.product_name,
                )
                for i, b in enumerate(preview.batches)
            ],
        )
        self.queued_label = QLabel(self.tr("Will be queued: %1").replace("%1", str(n)))
        self.body.addWidget(self.queued_label)
        self.body.addWidget(self.queued_table, 2)
        self.refused_table = _table(
            [self.tr("MO"), self.tr("Why it is refused")],
            [(r.mo_name, reason_text(r.reason)) for r in preview.refusals],
        )
        self.refused_label = QLabel(
            self.tr("Refused: %1 (tap a row to read the whole reason)").replace("%1", str(m))
        )
        self.body.addWidget(self.refused_label)
        self.body.addWidget(self.refused_table, 1)
        self.refused_label.setVisible(m > 0)
        self.refused_table.setVisible(m > 0)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")))
        self.cancel.setProperty("primary", True)
        self.confirm = self.add_button(
            QPushButton(self.tr("Confirm: queue %1").replace("%1", str(n))), stretch_before=True
        )
        self.confirm.setProperty("primary", True)
        self.confirm.setEnabled(n > 0 and preview.gate.open)
        if n == 0 and preview.gate.open:
            self.reason.set_text(self.tr("Nothing to queue."))
        self.confirm.clicked.connect(self.accept)
        self.cancel.clicked.connect(self.reject)
        self.summary.set_text(self._summary(n, m))
        self.want_size(1100, 760)

    def _summary(self, n: int, m: int) -> str:
        """One sentence: how many would be queued and how many refused."""
        if n == 0 and m == 0:
            return self.tr("Odoo has no manufacturing order ready for this line.")
        return (
            self.tr("%1 order(s) would be queued, %2 refused.")
            .replace("%1", str(n))
            .replace("%2", str(m))
        )
