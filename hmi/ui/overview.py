"""The overview panel: the process picture and one line on the PLC (ready, running slot,
implausible values). It shows what the snapshot carries; a tap on a vessel reads it whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from hmi.domain.equipment import EquipmentTable
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.i18n import say
from hmi.ui.labels import clean, kg, percent
from hmi.ui.process_view import Look, ProcessView, picture, running
from hmi.ui.touch import ElidedLabel, show_text


class OverviewPanel(QFrame):
    """Process picture of the line and the PLC's state in one line."""

    def __init__(
        self, equipment: EquipmentTable, tolerance_pct: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.equipment = equipment
        self.tolerance_pct = tolerance_pct
        self.view = ProcessView()
        self.view.vessel_tapped.connect(self._vessel_tapped)
        self.plc_line = ElidedLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.plc_line)
        self._snapshot = EngineSnapshot()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.show_snapshot(self._snapshot)
        super().changeEvent(event)

    def show_snapshot(self, snapshot: EngineSnapshot) -> None:
        """Render one engine snapshot."""
        self._snapshot = snapshot
        self.view.show_picture(
            picture(snapshot, self.equipment, self.tolerance_pct, self.tr("Mixer: no batch")),
            self.tr("Weigh hopper"),
        )
        batch, feedback = running(snapshot)
        parts = [
            self.tr("PLC ready for new batches")
            if snapshot.plc_ready
            else self.tr("PLC not ready for new batches")
        ]
        if batch is not None:
            parts.append(self.tr("dosing slot %1").replace("%1", str(batch.slot)))
        problems = feedback.problems if feedback else ()
        text = " · ".join(parts)
        if problems:
            text += " · " + self.tr("implausible values: %1").replace(
                "%1", "; ".join(clean(say(p)) for p in problems)
            )
        self.plc_line.set_text(text)

    def _vessel_tapped(self, key: str) -> None:
        """The whole facts of one vessel."""
        vessel = self.view.vessel(key)
        if vessel is None:
            return
        title = vessel.title or self.tr("Weigh hopper")
        lines = [vessel.material] if vessel.material else []
        if vessel.note:
            lines.append(vessel.note)
        if vessel.planned_kg is not None:
            lines.append(f"{self.tr('Planned')}: {kg(vessel.planned_kg)}")
            lines.append(f"{self.tr('Actual')}: {kg(vessel.actual_kg)}")
            if vessel.planned_kg and vessel.actual_kg is not None:
                deviation = (vessel.actual_kg - vessel.planned_kg) / vessel.planned_kg * 100
                lines.append(f"{self.tr('Deviation')}: {percent(deviation, signed=True)}")
        if vessel.look in (Look.ABNORMAL, Look.FAULT):
            lines.append(self.tr("Outside its tolerance or faulty: see the alarms."))
        show_text(self, title, "\n".join(lines) or title)
