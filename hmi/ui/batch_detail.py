"""Batch detail: each material's planned and actual as bars, deviation, times, Odoo state."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QEvent, QRect, QSize, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi.domain.model import Batch, BatchLine
from hmi.domain.states import BatchState
from hmi.ui.labels import equipment_name, kg, state_name
from hmi.ui.theme import ALARM, NORMAL_BAR, WARNING

RETRYABLE = frozenset({BatchState.FAILED, BatchState.NEEDS_ATTENTION, BatchState.FINISHED})
#: The engine refuses to cancel a batch the PLC is dosing (stop it at the PLC first).
CANCELLABLE = frozenset(
    {
        BatchState.QUEUED,
        BatchState.SENT,
        BatchState.FAILED,
        BatchState.FINISHED,
        BatchState.NEEDS_ATTENTION,
    }
)
IN_PROGRESS = frozenset({BatchState.QUEUED, BatchState.SENT, BatchState.RUNNING})


def deviation_pct(line: BatchLine) -> float | None:
    """(actual − planned) / planned in %, or None while nothing was dosed."""
    if line.actual_kg is None or line.planned_kg <= 0:
        return None
    return round(float((line.actual_kg - line.planned_kg) / line.planned_kg * 100), 2)


class MaterialBars(QWidget):
    """Two bars on one scale: planned (outline) above actual (filled)."""

    def __init__(
        self, planned: Decimal | float, actual: Decimal | float | None, abnormal: bool = False
    ) -> None:
        super().__init__()
        self.planned = float(planned)  # pixels only: exact kg stay in the labels
        self.actual = None if actual is None else float(actual)
        self.abnormal = abnormal
        self.setMinimumHeight(40)

    def sizeHint(self) -> QSize:
        """Wide and short."""
        return QSize(320, 44)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw both bars."""
        scale = max(self.planned, self.actual or 0.0, 0.01)
        width = self.width() - 4
        half = (self.height() - 6) // 2
        painter = QPainter(self)
        painter.setPen(QColor("#505050"))
        painter.setBrush(QColor("#f0f0f0"))
        painter.drawRect(QRect(2, 2, int(width * self.planned / scale), half))
        if self.actual is not None:
            fill = QColor(WARNING if self.abnormal else NORMAL_BAR)
            painter.fillRect(QRect(2, half + 4, int(width * self.actual / scale), half), fill)
        painter.end()


def _time(value: datetime | None) -> str:
    """Local time of day, or an em dash."""
    return value.astimezone().strftime("%d %b %H:%M:%S") if value else "—"


class BatchDetailDialog(QDialog):
    """Shows one batch in full; offers Retry and Cancel where the state allows."""

    retry_requested = Signal(int)  # mo_id
    cancel_requested = Signal(int)  # mo_id

    def __init__(
        self, batch: Batch, tolerance_pct: float = 2.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tolerance_pct = tolerance_pct
        self.batch = batch
        self.header = QLabel()
        self.header.setObjectName("title")
        self.materials = QGridLayout()
        self.facts = QFormLayout()
        self.retry = QPushButton()
        self.cancel = QPushButton()
        self.close_button = QPushButton()
        self.close_button.setProperty("primary", True)
        self.retry.clicked.connect(lambda: self.retry_requested.emit(self.batch.mo_id))
        self.cancel.clicked.connect(lambda: self.cancel_requested.emit(self.batch.mo_id))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self.materials)
        layout.addLayout(self.facts)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self.show_batch(batch)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.show_batch(self.batch)
        super().changeEvent(event)

    def show_batch(self, batch: Batch) -> None:
        """Render `batch` (called again with each new snapshot of it)."""
        self.batch = batch
        self.setWindowTitle(self.tr("Batch %1").replace("%1", batch.mo_name))
        self.header.setText(f"{batch.mo_name} — {batch.product_name} — {kg(batch.quantity_kg)}")
        self._fill_materials(batch)
        self._fill_facts(batch)
        self.retry.setText(self.tr("Retry now"))
        self.cancel.setText(self.tr("Cancel batch…"))
        self.close_button.setText(self.tr("Close"))
        self.retry.setEnabled(batch.state in RETRYABLE)
        self.cancel.setEnabled(batch.state in CANCELLABLE)

    def _fill_materials(self, batch: Batch) -> None:
        """One row per material: name, bars, planned, actual, deviation."""
        _clear(self.materials)
        titles = (
            self.tr("Silo / tank"),
            self.tr("Material"),
            self.tr("Planned / actual"),
            self.tr("Planned"),
            self.tr("Actual"),
            self.tr("Deviation"),
        )
        for column, title in enumerate(titles):
            label = QLabel(f"<b>{title}</b>")
            self.materials.addWidget(label, 0, column)
        for row, line in enumerate(batch.lines, start=1):
            deviation = deviation_pct(line)
            if batch.state in IN_PROGRESS and deviation is not None and deviation <= 0:
                deviation = None  # still dosing: only an overdose is a deviation yet
            abnormal = deviation is not None and abs(deviation) > self.tolerance_pct
            dev_label = QLabel("—" if deviation is None else f"{deviation:+.2f} %")
            if abnormal:
                dev_label.setStyleSheet(f"background: {WARNING}; padding: 2px 6px;")
            cells: tuple[QWidget, ...] = (
                QLabel(equipment_name(line.equipment_id)),
                QLabel(line.product_ref),
                MaterialBars(line.planned_kg, line.actual_kg, abnormal),
                QLabel(kg(line.planned_kg)),
                QLabel(kg(line.actual_kg)),
                dev_label,
            )
            for column, widget in enumerate(cells):
                self.materials.addWidget(widget, row, column)
        self.materials.setColumnStretch(2, 1)

    def _fill_facts(self, batch: Batch) -> None:
        """Slot, state, times, Odoo answer and notes."""
        _clear(self.facts)
        state = QLabel(state_name(batch.state))
        if batch.state == BatchState.FAILED:
            state.setStyleSheet(f"background: {ALARM}; color: white; padding: 2px 6px;")
        elif batch.state == BatchState.NEEDS_ATTENTION:
            state.setStyleSheet(f"background: {WARNING}; padding: 2px 6px;")
        rows = (
            (self.tr("PLC slot"), QLabel(str(batch.slot or "—"))),
            (self.tr("State"), state),
            (self.tr("Queued at"), QLabel(_time(batch.queued_at))),
            (self.tr("Started at"), QLabel(_time(batch.started_at))),
            (self.tr("Finished at"), QLabel(_time(batch.finished_at))),
            (self.tr("Finished weight"), QLabel(kg(batch.finished_weight_kg))),
            (self.tr("Reported as produced"), QLabel(kg(batch.produced_kg))),
            (self.tr("Odoo reporting"), QLabel(self._odoo_text(batch))),
            (self.tr("Note"), QLabel(batch.note or "—")),
        )
        for title, widget in rows:
            widget.setWordWrap(True)
            self.facts.addRow(title, widget)

    def _odoo_text(self, batch: Batch) -> str:
        """Attempts, next retry and Odoo's last message."""
        parts = [self.tr("%1 attempt(s)").replace("%1", str(batch.report_attempts))]
        if batch.next_attempt_at is not None:
            parts.append(self.tr("next at %1").replace("%1", _time(batch.next_attempt_at)))
        if batch.odoo_message:
            parts.append(batch.odoo_message)
        return " — ".join(parts)


def _clear(layout: QGridLayout | QFormLayout) -> None:
    """Delete every widget of a layout."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
