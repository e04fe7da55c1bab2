"""Batch detail: each material's planned and actual as bars, deviation, times, Odoo state;
for a batch Odoo's BoM holds ("needs attention"), Odoo's expected and the PLC's dosed
quantity per material side by side; and the batch's own recovery (decide about
implausible values, resend with the current silo table, release another panel's claim)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QEvent, QRect, QSize, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QPushButton, QWidget

from hmi.domain.alarms import DECIDE, RELEASE_CLAIM, RESEND_HELD, Remedy
from hmi.domain.consumption import consumption_gaps
from hmi.domain.equipment import EquipmentTable
from hmi.domain.localtime import to_local
from hmi.domain.messages import Message
from hmi.domain.model import Batch, BatchLine
from hmi.domain.states import BatchState
from hmi.engine.permissions import Action
from hmi.engine.snapshot import RecoveryFacts
from hmi.ui.i18n import current_language, say
from hmi.ui.labels import (
    equipment_name,
    kg,
    material_name,
    percent,
    remedy_label,
    state_name,
    stored_text,
)
from hmi.ui.theme import ALARM, NORMAL_BAR, WARNING
from hmi.ui.touch import ElidedLabel, TouchDialog

Why = Callable[..., Message | None]
Facts = Callable[[], RecoveryFacts]
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
        self.setMinimumHeight(36)

    def show_amounts(
        self, planned: Decimal | float, actual: Decimal | float | None, abnormal: bool
    ) -> None:
        """New amounts; repaint only when they changed."""
        planned_px, actual_px = float(planned), None if actual is None else float(actual)
        if (planned_px, actual_px, abnormal) != (self.planned, self.actual, self.abnormal):
            self.planned, self.actual, self.abnormal = planned_px, actual_px, abnormal
            self.update()

    def sizeHint(self) -> QSize:
        """Wide and short."""
        return QSize(160, 40)

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
    """Local date and time of day, or a dash."""
    return to_local(value).strftime("%Y-%m-%d %H:%M:%S") if value else "–"


class BatchDetailDialog(TouchDialog):
    """Shows one batch in full (materials scroll inside); Retry and Cancel stay at the
    bottom, greyed with the engine's reason when they are not possible now."""

    retry_requested = Signal(int)  # mo_id
    cancel_requested = Signal(int)  # mo_id
    remedy_requested = Signal(object)  # hmi.domain.alarms.Remedy

    def __init__(
        self,
        batch: Batch,
        tolerance_pct: float = 2.0,
        parent: QWidget | None = None,
        *,
        equipment: EquipmentTable | None = None,
        why: Why | None = None,
        facts: Facts | None = None,
    ) -> None:
        super().__init__(parent)
        self.tolerance_pct = tolerance_pct
        self.equipment = equipment
        self.why = why
        self.recovery_facts = facts or RecoveryFacts
        self.batch = batch
        self._material_ids: tuple[int, ...] = ()
        self._material_cells: list[tuple[MaterialBars, QLabel, QLabel, QLabel]] = []
        self._language = ""
        self._fact_titles: tuple[str, ...] = ()
        self._fact_labels: list[QLabel] = []
        self.header = ElidedLabel()
        self.header.setObjectName("title")
        self.materials = QGridLayout()
        self.materials.setVerticalSpacing(2)
        self.facts = QFormLayout()
        self.body.addWidget(self.header)
        self.body.addLayout(self.materials)
        self.bom_title = QLabel()
        self.bom_title.setWordWrap(True)
        self.bom_title.setObjectName("error")
        self.bom = QGridLayout()
        self.bom.setVerticalSpacing(2)
        self.body.addWidget(self.bom_title)
        self.body.addLayout(self.bom)
        self.body.addLayout(self.facts)
        self.body.addStretch(1)
        self.retry = self.add_button(QPushButton())
        self.cancel = self.add_button(QPushButton())
        self.remedy = self.add_button(QPushButton())
        self.remedy.setProperty("primary", True)
        self.remedy.clicked.connect(self._remedy)
        self.batch_remedy: Remedy | None = None
        self._bom_key: tuple[object, ...] = ()
        self.close_button = self.add_button(QPushButton(), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.retry.clicked.connect(lambda: self.retry_requested.emit(self.batch.mo_id))
        self.cancel.clicked.connect(lambda: self.cancel_requested.emit(self.batch.mo_id))
        self.close_button.clicked.connect(self.accept)
        self.want_size(1100, 760)
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
        self.header.set_text(f"{batch.mo_name} — {batch.product_name} — {kg(batch.quantity_kg)}")
        self._fill_materials(batch)
        self._fill_bom(batch)
        self._fill_facts(batch)
        self.retry.setText(self.tr("Retry now"))
        self.cancel.setText(self.tr("Cancel batch…"))
        self.close_button.setText(self.tr("Close"))
        self.enable()

    def enable(self) -> None:
        """Ask the engine whether Retry, Cancel and the batch's recovery are possible now;
        say why not."""
        reasons = []
        for button, action in ((self.retry, Action.RETRY), (self.cancel, Action.CANCEL)):
            why = self.why(action, mo_id=self.batch.mo_id) if self.why is not None else None
            button.setEnabled(why is None)
            if why is not None:
                reasons.append(say(why))
        remedy = self.batch_remedy = batch_remedy(self.batch, self.recovery_facts())
        self.remedy.setVisible(remedy is not None)
        if remedy is not None:
            self.remedy.setText(remedy_label(remedy.action))
            why = self.why(remedy.action, mo_id=remedy.mo_id) if self.why is not None else None
            self.remedy.setEnabled(why is None)
            if why is not None:
                reasons.append(say(why))
        self.reason.set_text(" · ".join(dict.fromkeys(reasons)))

    def _remedy(self) -> None:
        if self.batch_remedy is not None:
            self.remedy_requested.emit(self.batch_remedy)

    def _fill_bom(self, batch: Batch) -> None:
        """Odoo's BoM against the PLC, per material, for a batch held before reporting."""
        produced = batch.produced_kg if batch.produced_kg is not None else batch.actual_total_kg
        gaps = (
            consumption_gaps(batch, produced or Decimal(0))
            if batch.state is BatchState.NEEDS_ATTENTION
            else []
        )
        key = (tuple(gaps), produced, current_language())
        if key == self._bom_key:
            return
        self._bom_key = key
        _clear(self.bom)
        self.bom_title.setVisible(bool(gaps))
        if not gaps:
            return
        self.bom_title.setText(
            self.tr(
                "Odoo's bill of materials expects other quantities for %1 produced: nothing "
                "was reported. Settle it in Odoo, then Retry now, or cancel the batch."
            ).replace("%1", kg(produced))
        )
        titles = (
            self.tr("Material"),
            self.tr("Odoo expects"),
            self.tr("PLC dosed"),
            self.tr("Difference"),
        )
        for column, title in enumerate(titles):
            label = ElidedLabel(title)
            label.setStyleSheet("font-weight: bold;")
            self.bom.addWidget(label, 0, column)
        for row, gap in enumerate(gaps, start=1):
            name = material_name(gap.product_ref, self.equipment)
            where = equipment_name(gap.equipment_id, self.equipment)
            cells = (
                ElidedLabel(f"{name} ({where})"),
                QLabel(kg(gap.expected_kg)),
                QLabel(kg(gap.actual_kg)),
                QLabel(_signed_kg(gap.actual_kg - gap.expected_kg)),
            )
            for column, cell in enumerate(cells):
                self.bom.addWidget(cell, row, column)
        self.bom.setColumnStretch(0, 2)
        for column in (1, 2, 3):
            widest = max(
                self.fontMetrics().horizontalAdvance(t) for t in (titles[column], "+9,999.99 kg")
            )
            self.bom.setColumnMinimumWidth(column, widest + 16)

    def _fill_materials(self, batch: Batch) -> None:
        """One row per material: name, bars, planned, actual, deviation. The rows are built
        once per set of silos and updated in place with each snapshot (no re-creation)."""
        ids = tuple(line.equipment_id for line in batch.lines)
        if ids != self._material_ids or self._language != current_language():
            self._build_materials(batch)
        for line, (bars, planned, actual, deviation_label) in zip(
            batch.lines, self._material_cells, strict=True
        ):
            deviation = deviation_pct(line)
            if batch.state in IN_PROGRESS and deviation is not None and deviation <= 0:
                deviation = None  # still dosing: only an overdose is a deviation yet
            abnormal = deviation is not None and abs(deviation) > self.tolerance_pct
            bars.show_amounts(line.planned_kg, line.actual_kg, abnormal)
            planned.setText(kg(line.planned_kg))
            actual.setText(kg(line.actual_kg))
            deviation_label.setText(percent(deviation, signed=True))
            look = f"background: {WARNING}; padding: 2px 6px;" if abnormal else ""
            if deviation_label.styleSheet() != look:
                deviation_label.setStyleSheet(look)

    def _build_materials(self, batch: Batch) -> None:
        _clear(self.materials)
        self._material_ids = tuple(line.equipment_id for line in batch.lines)
        self._language = current_language()
        titles = (
            self.tr("Silo / tank"),
            self.tr("Material"),
            self.tr("Planned / actual"),
            self.tr("Planned"),
            self.tr("Actual"),
            self.tr("Deviation"),
        )
        for column, title in enumerate(titles):
            label = ElidedLabel(title)
            label.setStyleSheet("font-weight: bold;")
            self.materials.addWidget(label, 0, column)
        self._material_cells = []
        for row, line in enumerate(batch.lines, start=1):
            cells = (MaterialBars(line.planned_kg, None), QLabel(), QLabel(), QLabel())
            names = (
                ElidedLabel(equipment_name(line.equipment_id, self.equipment)),
                ElidedLabel(material_name(line.product_ref, self.equipment)),
            )
            for column, widget in enumerate((*names, *cells)):
                self.materials.addWidget(widget, row, column)
            self._material_cells.append(cells)
        self.materials.setColumnStretch(1, 2)
        self.materials.setColumnStretch(2, 2)
        for column in (0, 3, 4, 5):
            self.materials.setColumnMinimumWidth(column, 110)

    def _fill_facts(self, batch: Batch) -> None:
        """Slot, state, times, Odoo answer and notes (labels made once, texts updated)."""
        titles = (
            self.tr("PLC slot"),
            self.tr("State"),
            self.tr("Queued at"),
            self.tr("Started at"),
            self.tr("Finished at"),
            self.tr("Finished weight"),
            self.tr("Reported as produced"),
            self.tr("Odoo reporting"),
            self.tr("Note"),
        )
        values = (
            str(batch.slot or "–"),
            state_name(batch.state),
            _time(batch.queued_at),
            _time(batch.started_at),
            _time(batch.finished_at),
            kg(batch.finished_weight_kg),
            kg(batch.produced_kg),
            self._odoo_text(batch),
            stored_text(batch.note) or "–",
        )
        if self._fact_titles != titles:
            _clear(self.facts)
            self._fact_labels = []
            for title in titles:
                label = QLabel()
                label.setWordWrap(True)
                self.facts.addRow(title, label)
                self._fact_labels.append(label)
            self._fact_titles = titles
        for label, value in zip(self._fact_labels, values, strict=True):
            if label.text() != value:
                label.setText(value)
        state = self._fact_labels[1]
        look = ""
        if batch.state == BatchState.FAILED:
            look = f"background: {ALARM}; color: white; padding: 0 6px;"
        elif batch.state == BatchState.NEEDS_ATTENTION:
            look = f"background: {WARNING}; padding: 0 6px;"
        if state.styleSheet() != look:
            state.setStyleSheet(look)

    def _odoo_text(self, batch: Batch) -> str:
        """Attempts, next retry and Odoo's last message."""
        parts = [self.tr("%1 attempt(s)").replace("%1", str(batch.report_attempts))]
        if batch.next_attempt_at is not None:
            parts.append(self.tr("next at %1").replace("%1", _time(batch.next_attempt_at)))
        if batch.odoo_message:
            parts.append(stored_text(batch.odoo_message))
        return " — ".join(parts)


def _signed_kg(value: Decimal) -> str:
    """'+1.35 kg' or '-0.90 kg'."""
    return ("+" if value > 0 else "") + kg(value)


def batch_remedy(batch: Batch, facts: RecoveryFacts) -> Remedy | None:
    """The recovery that concerns this batch now, if any (its alarm's remedy)."""
    if batch.mo_id in facts.implausible:
        return Remedy(DECIDE, batch.mo_id)
    if batch.mo_id in facts.held:
        return Remedy(RESEND_HELD, batch.mo_id)
    if batch.mo_id in facts.claims:
        return Remedy(RELEASE_CLAIM, batch.mo_id)
    return None


def _clear(layout: QGridLayout | QFormLayout) -> None:
    """Delete every widget of a layout."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
