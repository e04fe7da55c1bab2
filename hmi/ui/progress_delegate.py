"""Paints a batch's progress (actual against planned over all materials) as a grey bar."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from hmi.domain.model import Batch
from hmi.ui.queue_model import BATCH_ROLE, PROGRESS_ROLE
from hmi.ui.theme import NORMAL_BAR, TEXT, state_colours

TRACK = QColor("#f0f0f0")
BORDER = QColor("#8a8a8a")


def paint_bar(
    painter: QPainter, rect: QRect, fraction: float, text: str, fill: QColor | None = None
) -> None:
    """Draw a horizontal bar filled to `fraction` (0..1) with `text` centred on it."""
    fraction = max(0.0, min(1.0, fraction))
    bar = rect.adjusted(4, 6, -4, -6)
    painter.save()
    painter.setPen(BORDER)
    painter.setBrush(TRACK)
    painter.drawRect(bar)
    filled = QRect(bar.left(), bar.top(), int(bar.width() * fraction), bar.height())
    colour = fill or QColor(NORMAL_BAR)
    painter.fillRect(filled.adjusted(1, 1, 0, 0), colour)
    # the text is dark over the empty track and light over the fill, at every fraction
    light = QColor("#ffffff") if colour.lightness() < 140 else QColor(TEXT)
    painter.setClipRect(filled)
    painter.setPen(light)
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, text)
    painter.setClipRect(QRect(filled.right() + 1, bar.top(), bar.width(), bar.height()))
    painter.setPen(QColor(TEXT))
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class ProgressDelegate(QStyledItemDelegate):
    """Delegate for the queue's progress column; abnormal batches get their alarm colour."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the bar for the row's PROGRESS_ROLE value."""
        fraction = index.data(PROGRESS_ROLE)
        if fraction is None:
            super().paint(painter, option, index)
            return
        batch = index.data(BATCH_ROLE)
        colours = state_colours(batch.state) if isinstance(batch, Batch) else None
        fill = colours[0] if colours else None
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        paint_bar(painter, option.rect, float(fraction), text, fill)
