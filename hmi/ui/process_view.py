"""The overview's process picture (ISA-101 level 2): 13 silos, 2 liquid tanks, the weigh
hopper and the mixer, with each material's name and the running batch's planned and
actual quantities. Grey when normal; colour only for what is abnormal.

`picture()` turns a snapshot into plain data (testable without painting); `ProcessView`
paints it with QPainter into fixed cells that never move with their content.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from hmi.domain.equipment import EquipmentTable
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.states import BatchState
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.labels import number, state_name
from hmi.ui.theme import ALARM, ALARM_TEXT, NORMAL_BAR, TEXT, WARNING, WARNING_TEXT

SILOS_PER_ROW = 7
CELL_GAP = 6.0
IN_PROGRESS = frozenset({BatchState.QUEUED, BatchState.SENT, BatchState.RUNNING})


class Look(StrEnum):
    """How a vessel is drawn."""

    IDLE = "idle"  # not in the running batch
    NORMAL = "normal"  # in the batch, within tolerance
    ABNORMAL = "abnormal"  # beyond its tolerance (amber)
    FAULT = "fault"  # failed batch, implausible values (red)


@dataclass(frozen=True)
class Vessel:
    """One silo, tank, the hopper or the mixer as the picture shows it."""

    key: str  # "101", "hopper", "mixer"
    title: str
    material: str
    planned_kg: Decimal | None = None
    actual_kg: Decimal | None = None
    look: Look = Look.IDLE
    note: str = ""

    @property
    def fraction(self) -> float:
        """Actual over planned, 0..1 (for the fill bar)."""
        if not self.planned_kg or self.actual_kg is None:
            return 0.0
        return max(0.0, min(1.0, float(self.actual_kg) / float(self.planned_kg)))


@dataclass(frozen=True)
class Picture:
    """Everything the process picture shows at one instant."""

    silos: tuple[Vessel, ...]
    tanks: tuple[Vessel, ...]
    hopper: Vessel
    mixer: Vessel


def running(snapshot: EngineSnapshot) -> tuple[Batch | None, SlotFeedback | None]:
    """The batch in the PLC's running slot and its live feedback, if any."""
    slot = snapshot.running_slot
    if slot is None:
        return None, None
    batch = next((b for b in snapshot.batches if b.slot == slot), None)
    feedback = next((f for f in snapshot.feedback if f.slot == slot), None)
    return batch, feedback


def _look(planned: Decimal, actual: Decimal | None, state: BatchState, tolerance: float) -> Look:
    if actual is None or planned <= 0:
        return Look.NORMAL
    deviation = (float(actual) - float(planned)) / float(planned) * 100.0
    if state in IN_PROGRESS and deviation <= 0:
        return Look.NORMAL  # still dosing: only an overdose is a deviation yet
    return Look.ABNORMAL if abs(deviation) > tolerance + 1e-9 else Look.NORMAL


def picture(
    snapshot: EngineSnapshot, table: EquipmentTable, tolerance_pct: float, mixer_title: str
) -> Picture:
    """The picture of the line: every vessel of the equipment table, the running batch's
    quantities on the vessels it uses (live PLC values win over stored ones)."""
    batch, feedback = running(snapshot)
    live = {m.equipment_id: m.actual_kg for m in feedback.materials} if feedback else {}
    lines = {line.equipment_id: line for line in batch.lines} if batch else {}
    faulty = bool(feedback and feedback.problems) or (
        batch is not None and batch.state is BatchState.FAILED
    )
    vessels: list[Vessel] = []
    for entry in table:
        line = lines.get(entry.id)
        material = entry.material or entry.product_ref
        if line is None or batch is None:
            vessels.append(Vessel(str(entry.id), entry.name, material))
            continue
        actual: Decimal | None = live.get(entry.id, line.actual_kg)
        look = Look.FAULT if faulty else _look(line.planned_kg, actual, batch.state, tolerance_pct)
        vessels.append(Vessel(str(entry.id), entry.name, material, line.planned_kg, actual, look))
    silos = tuple(v for v, e in zip(vessels, table, strict=True) if e.kind == "silo")
    tanks = tuple(v for v, e in zip(vessels, table, strict=True) if e.kind != "silo")
    used = [v for v in vessels if v.planned_kg is not None]
    planned = sum((v.planned_kg or Decimal(0) for v in used), Decimal(0)) if batch else None
    actual = sum((v.actual_kg or Decimal(0) for v in used), Decimal(0)) if batch else None
    worst = Look.FAULT if faulty else max((v.look for v in used), key=_rank, default=Look.IDLE)
    hopper = Vessel("hopper", "", "", planned, actual, worst if batch else Look.IDLE)
    if batch is None:
        mixer = Vessel("mixer", mixer_title, "", look=Look.IDLE)
    else:
        look = Look.FAULT if faulty else Look.NORMAL
        mixer = Vessel(
            "mixer", batch.mo_name, batch.product_name, look=look, note=state_name(batch.state)
        )
    return Picture(silos, tanks, hopper, mixer)


def _rank(look: Look) -> int:
    return (Look.IDLE, Look.NORMAL, Look.ABNORMAL, Look.FAULT).index(look)


COLOURS = {
    Look.IDLE: (QColor("#dcdcdc"), QColor(TEXT), QColor("#a0a0a0")),
    Look.NORMAL: (QColor("#ececec"), QColor(TEXT), QColor("#404040")),
    Look.ABNORMAL: (QColor(WARNING), QColor(WARNING_TEXT), QColor("#806000")),
    Look.FAULT: (QColor(ALARM), QColor(ALARM_TEXT), QColor("#600000")),
}


class ProcessView(QWidget):
    """Paints a `Picture` in fixed cells; a tap on a vessel emits its key."""

    vessel_tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 200)
        self.picture_: Picture | None = None
        self.hopper_title = ""
        self._cells: dict[str, QRectF] = {}

    def sizeHint(self) -> QSize:
        """Room for 7 silos side by side and three rows."""
        return QSize(640, 330)

    def show_picture(self, picture: Picture, hopper_title: str) -> None:
        """Repaint with new data (only when it changed)."""
        if picture == self.picture_ and hopper_title == self.hopper_title:
            return
        self.picture_, self.hopper_title = picture, hopper_title
        self.update()

    def vessel(self, key: str) -> Vessel | None:
        """The vessel drawn under `key` ("101", "hopper", "mixer")."""
        p = self.picture_
        if p is None:
            return None
        every = (*p.silos, *p.tanks, p.hopper, p.mixer)
        return next((v for v in every if v.key == key), None)

    def cell(self, key: str) -> QRectF:
        """Where a vessel is drawn (for taps and tests)."""
        return self._cells.get(key, QRectF())

    def _layout(self, picture: Picture) -> dict[str, QRectF]:
        """Fixed cells: two rows of silos, then tanks, hopper and mixer."""
        w, h = float(self.width()), float(self.height())
        cell_w = (w - CELL_GAP * (SILOS_PER_ROW + 1)) / SILOS_PER_ROW
        cell_h = (h - CELL_GAP * 4) / 3
        cells: dict[str, QRectF] = {}
        for index, silo in enumerate(picture.silos):
            row, col = divmod(index, SILOS_PER_ROW)
            x = CELL_GAP + col * (cell_w + CELL_GAP)
            y = CELL_GAP + row * (cell_h + CELL_GAP)
            cells[silo.key] = QRectF(x, y, cell_w, cell_h)
        y = CELL_GAP + 2 * (cell_h + CELL_GAP)
        x = CELL_GAP
        for tank in picture.tanks:
            cells[tank.key] = QRectF(x, y, cell_w, cell_h)
            x += cell_w + CELL_GAP
        rest = w - x - CELL_GAP
        arrow = min(28.0, rest * 0.08)
        box = (rest - 2 * arrow - CELL_GAP) / 2
        cells["hopper"] = QRectF(x + arrow, y, box, cell_h)
        cells["mixer"] = QRectF(x + 2 * arrow + box + CELL_GAP, y, box, cell_h)
        return cells

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw every vessel in its cell."""
        picture = self.picture_
        if picture is None:
            return
        self._cells = self._layout(picture)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(8.0, self.font().pointSizeF() - 2))
        bold = QFont(small)
        bold.setBold(True)
        for vessel in (*picture.silos, *picture.tanks):
            self._vessel(painter, self._cells[vessel.key], vessel, bold, small)
        hopper = picture.hopper
        titled = Vessel(
            hopper.key, self.hopper_title, "", hopper.planned_kg, hopper.actual_kg, hopper.look
        )
        self._vessel(painter, self._cells["hopper"], titled, bold, small)
        self._mixer(painter, self._cells["mixer"], picture.mixer, bold, small)
        self._arrows(painter, picture)
        painter.end()

    def _frame(self, painter: QPainter, rect: QRectF, look: Look) -> QColor:
        fill, text, border = COLOURS[look]
        painter.setPen(QPen(border, 2.0 if look is not Look.IDLE else 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        return text

    def _vessel(
        self, painter: QPainter, rect: QRectF, vessel: Vessel, bold: QFont, small: QFont
    ) -> None:
        """Name, material, a fill bar, the actual and the planned kg on their own lines."""
        ink = self._frame(painter, rect, vessel.look)
        inner = rect.adjusted(5, 2, -5, -2)
        line = inner.height() / 5

        def row(index: int) -> QRectF:
            return QRectF(inner.left(), inner.top() + index * line, inner.width(), line)

        self._text(painter, row(0), vessel.title, bold, ink)
        self._text(painter, row(1), vessel.material, small, ink)
        bar = row(2).adjusted(0, 3, 0, -3)
        painter.setPen(QPen(QColor("#8a8a8a"), 1))
        painter.setBrush(QColor("#f4f4f4"))
        painter.drawRect(bar)
        if vessel.planned_kg:
            normal = vessel.look in (Look.IDLE, Look.NORMAL)
            fill = QColor(NORMAL_BAR) if normal else QColor("#303030")
            width = (bar.width() - 2) * vessel.fraction
            painter.fillRect(QRectF(bar.left() + 1, bar.top() + 1, width, bar.height() - 2), fill)
        if vessel.planned_kg is None:
            self._text(painter, row(3), "–", small, ink)
            return
        self._number(painter, row(3), number(vessel.actual_kg), bold, ink)
        self._number(painter, row(4), f"/ {number(vessel.planned_kg)} kg", small, ink)

    def _mixer(
        self, painter: QPainter, rect: QRectF, vessel: Vessel, bold: QFont, small: QFont
    ) -> None:
        """The mixer: the running MO, its product and state."""
        ink = self._frame(painter, rect, vessel.look)
        inner = rect.adjusted(5, 3, -5, -3)
        line = inner.height() / 3
        rows = ((vessel.title, bold), (vessel.material, small), (vessel.note, small))
        for i, (text, font) in enumerate(rows):
            self._text(
                painter,
                QRectF(inner.left(), inner.top() + i * line, inner.width(), line),
                text,
                font,
                ink,
            )

    def _arrows(self, painter: QPainter, picture: Picture) -> None:
        """Material flows: tanks → hopper → mixer."""
        painter.setPen(QPen(QColor("#606060"), 2))
        hopper, mixer = self._cells["hopper"], self._cells["mixer"]
        left = max((self._cells[t.key].right() for t in picture.tanks), default=CELL_GAP)
        for start, end in ((left, hopper.left()), (hopper.right(), mixer.left())):
            y = hopper.center().y()
            painter.drawLine(QPointF(start + 2, y), QPointF(end - 2, y))
            painter.drawLine(QPointF(end - 8, y - 5), QPointF(end - 2, y))
            painter.drawLine(QPointF(end - 8, y + 5), QPointF(end - 2, y))

    @classmethod
    def _number(cls, painter: QPainter, rect: QRectF, text: str, font: QFont, ink: QColor) -> None:
        """A quantity: drawn smaller until it fits (down to 6 pt), never cut: an elided
        number reads as another number."""
        fitted = QFont(font)
        while (
            fitted.pointSizeF() > 6
            and QFontMetricsF(fitted).horizontalAdvance(text) > int(rect.width()) - 2  # as elided
        ):
            fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
        cls._text(painter, rect, text, fitted, ink)

    @staticmethod
    def _text(painter: QPainter, rect: QRectF, text: str, font: QFont, ink: QColor) -> None:
        painter.setFont(font)
        painter.setPen(ink)
        shown = painter.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, int(rect.width())
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A tap on a vessel asks for its detail."""
        for key, rect in self._cells.items():
            if rect.contains(event.position()):
                self.vessel_tapped.emit(key)
                return
        super().mouseReleaseEvent(event)
