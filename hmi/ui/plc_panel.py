"""PLC status panel: link, ready flag, the running slot and live dosing per silo and tank."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFrame, QLabel, QTableView, QVBoxLayout, QWidget

from hmi.domain.model import Batch, SlotFeedback
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.labels import equipment_name, number
from hmi.ui.progress_delegate import ProgressDelegate
from hmi.ui.queue_model import PROGRESS_ROLE
from hmi.ui.theme import fit_columns, restyle
from hmi.ui.titled_model import TitledTableModel

HEADERS = (
    QT_TRANSLATE_NOOP("DosingModel", "Silo / tank"),
    QT_TRANSLATE_NOOP("DosingModel", "Material"),
    QT_TRANSLATE_NOOP("DosingModel", "Planned (kg)"),
    QT_TRANSLATE_NOOP("DosingModel", "Actual (kg)"),
    QT_TRANSLATE_NOOP("DosingModel", "Dosed"),
)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DosingRow:
    """One silo or tank of the running batch."""

    equipment_id: int
    material: str
    planned_kg: Decimal
    actual_kg: Decimal | None

    @property
    def fraction(self) -> float:
        """Actual over planned, 0..1."""
        if self.planned_kg <= 0 or self.actual_kg is None or not self.actual_kg.is_finite():
            return 0.0
        return max(0.0, min(1.0, float(self.actual_kg / self.planned_kg)))


def dosing_rows(batch: Batch | None, feedback: SlotFeedback | None) -> tuple[DosingRow, ...]:
    """Planned from the batch, actual from the PLC's live feedback when it has one."""
    if batch is None:
        return ()
    live = {m.equipment_id: m.actual_kg for m in feedback.materials} if feedback else {}
    return tuple(
        DosingRow(
            line.equipment_id,
            line.product_ref,
            line.planned_kg,
            live.get(line.equipment_id, line.actual_kg),
        )
        for line in batch.lines
    )


class DosingModel(TitledTableModel):
    """Live dosing of the running batch; repaints only rows whose values changed."""

    HEADERS = HEADERS
    CONTEXT = "DosingModel"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[DosingRow, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per material."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and the progress fraction."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == PROGRESS_ROLE and index.column() == 4:
            return row.fraction
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            equipment_name(row.equipment_id),
            row.material,
            number(row.planned_kg),
            number(row.actual_kg),
            f"{row.fraction * 100:.0f} %",
        )[index.column()]

    def set_rows(self, rows: tuple[DosingRow, ...]) -> None:
        """Show `rows`; a different set of silos resets, otherwise changed rows repaint."""
        if [r.equipment_id for r in rows] != [r.equipment_id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        for i, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(i, 2), self.index(i, 4))

    def rows(self) -> tuple[DosingRow, ...]:
        """The rows shown."""
        return self._rows


class PlcPanel(QFrame):
    """Shows the PLC link, its ready flag, the running slot and live dosing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.title = QLabel()
        self.title.setObjectName("title")
        self.link = QLabel()
        self.ready = QLabel()
        self.running = QLabel()
        self.problems = QLabel()
        self.problems.setObjectName("error")
        self.problems.setWordWrap(True)
        self.model = DosingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(4, ProgressDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        fit_columns(self.table, {4: 100})
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.link, self.ready, self.running, self.problems):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        self._snapshot = EngineSnapshot()
        self.retranslate()

    def retranslate(self) -> None:
        """Re-render all texts in the current language."""
        self.title.setText(self.tr("PLC"))
        self.show_snapshot(self._snapshot)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_snapshot(self, snapshot: EngineSnapshot) -> None:
        """Render one engine snapshot."""
        self._snapshot = snapshot
        plc = snapshot.plc
        if plc.up:
            self.link.setText(self.tr("Link: connected"))
        else:
            since = plc.down_since.astimezone().strftime("%H:%M:%S") if plc.down_since else "—"
            self.link.setText(
                self.tr("Link: DOWN since %1 — %2")
                .replace("%1", since)
                .replace("%2", plc.last_error or self.tr("not connected"))
            )
        self.link.setProperty("link", "up" if plc.up else "down")
        restyle(self.link)
        self.ready.setText(
            self.tr("Ready for new batches: yes")
            if snapshot.plc_ready
            else self.tr("Ready for new batches: no")
        )
        batch, feedback = self._running(snapshot)
        if batch is None:
            self.running.setText(self.tr("Running slot: none"))
        else:
            self.running.setText(
                self.tr("Running slot %1: %2 — %3")
                .replace("%1", str(batch.slot))
                .replace("%2", batch.mo_name)
                .replace("%3", batch.product_name)
            )
        problems = feedback.problems if feedback else ()
        self.problems.setVisible(bool(problems))
        self.problems.setText("\n".join(problems))
        self.model.set_rows(dosing_rows(batch, feedback))

    @staticmethod
    def _running(snapshot: EngineSnapshot) -> tuple[Batch | None, SlotFeedback | None]:
        """The batch in the running slot and its feedback, if any."""
        slot = snapshot.running_slot
        if slot is None:
            return None, None
        batch = next((b for b in snapshot.batches if b.slot == slot), None)
        feedback = next((f for f in snapshot.feedback if f.slot == slot), None)
        return batch, feedback
