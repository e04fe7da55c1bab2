"""The refused MOs (`Engine.refused_orders`): each MO the fetch could not queue, with every
reason, in the operator's words. Each is tried again by itself once it changes in Odoo or
the mapping rules change; the panel says so. A tap on a row reads it whole."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hmi.domain.model import Refusal
from hmi.ui.i18n import say
from hmi.ui.labels import clean, stamp
from hmi.ui.touch import TouchDialog, show_text, touch_table


def reasons_text(refusal: Refusal) -> str:
    """Every reason of one refusal in the window's language, '; '-joined."""
    return "; ".join(clean(say(reason)) for reason in refusal.reasons)


class RefusedOrdersDialog(TouchDialog):
    """One row per refused MO: its name, why, and Odoo's last change of it."""

    def __init__(self, refusals: Sequence[Refusal], parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.refusals = list(refusals)
        self.setWindowTitle(self.tr("Refused orders (%1)").replace("%1", str(len(refusals))))
        intro = QLabel(
            self.tr(
                "These manufacturing orders cannot be queued. Fix them in Odoo (or the silo "
                "table); each is tried again by itself once it changes."
            )
            if refusals
            else self.tr("No manufacturing order is refused now.")
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        headers = [self.tr("MO"), self.tr("Changed in Odoo"), self.tr("Why it is refused")]
        self.table = QTableWidget(len(self.refusals), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        touch_table(self.table)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        rows = [
            (r.mo_name, stamp(r.write_date) if r.write_date else "–", reasons_text(r))
            for r in self.refusals
        ]
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        metrics = self.table.fontMetrics()
        for column in range(2):
            widest = max(
                metrics.horizontalAdvance(t) for t in [headers[column], *(r[column] for r in rows)]
            )
            header.resizeSection(column, widest + 28)
        self.table.cellClicked.connect(
            lambda row, _c: show_text(
                self,
                rows[row][0],
                "\n".join(f"• {clean(say(r))}" for r in self.refusals[row].reasons),
            )
        )
        self.body.addWidget(self.table, 1)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.accept)
        self.want_size(1100, 700)
