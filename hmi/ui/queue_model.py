"""QueueTableModel: adapts engine snapshots to a Qt table, emitting only what changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from hmi.domain.model import Batch
from hmi.ui.i18n import QT_TRANSLATE_NOOP
from hmi.ui.labels import number, percent, state_name
from hmi.ui.theme import state_colours
from hmi.ui.titled_model import TitledTableModel

SLOT, MO, PRODUCT, PLANNED, PROGRESS, STATE = range(6)
HEADERS = (
    QT_TRANSLATE_NOOP("QueueTableModel", "Slot"),
    QT_TRANSLATE_NOOP("QueueTableModel", "MO"),
    QT_TRANSLATE_NOOP("QueueTableModel", "Product"),
    QT_TRANSLATE_NOOP("QueueTableModel", "Planned (kg)"),
    QT_TRANSLATE_NOOP("QueueTableModel", "Progress"),
    QT_TRANSLATE_NOOP("QueueTableModel", "State"),
)
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # float 0..1 for the progress delegate
BATCH_ROLE = Qt.ItemDataRole.UserRole + 2  # the Batch record of the row
NUMERIC = (SLOT, PLANNED, PROGRESS)

Index = QModelIndex | QPersistentModelIndex


def cell_key(batch: Batch, column: int) -> Any:
    """What a cell shows; two equal keys mean the cell need not be repainted."""
    match column:
        case 0:
            return batch.slot
        case 1:
            return batch.mo_name
        case 2:
            return batch.product_name
        case 3:
            return batch.quantity_kg
        case 4:
            return round(batch.progress, 4)
        case _:
            return batch.state


class QueueTableModel(TitledTableModel):
    """The batches of `mo_batch` as rows: slot, MO, product, planned kg, progress, state."""

    HEADERS = HEADERS
    CONTEXT = "QueueTableModel"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Batch] = []

    # -- reading ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of batches (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, progress fraction, alignment and abnormal-state colours."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        batch, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(batch, column)
        if role == PROGRESS_ROLE:
            return batch.progress
        if role == BATCH_ROLE:
            return batch
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == STATE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            colours = state_colours(batch.state)
            if colours is not None:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        return None

    @staticmethod
    def _display(batch: Batch, column: int) -> str:
        """Text of one cell."""
        match column:
            case 0:
                return str(batch.slot) if batch.slot else "—"
            case 1:
                return batch.mo_name
            case 2:
                return batch.product_name
            case 3:
                return number(batch.quantity_kg)
            case 4:
                return percent(batch.progress * 100)
            case _:
                return state_name(batch.state)

    def batch_at(self, row: int) -> Batch:
        """The batch shown in `row`."""
        return self._rows[row]

    def row_of(self, mo_id: int) -> int:
        """Row of the batch with this MO id, or -1."""
        return next((i for i, b in enumerate(self._rows) if b.mo_id == mo_id), -1)

    def batches(self) -> tuple[Batch, ...]:
        """The batches shown, in row order."""
        return tuple(self._rows)

    # -- updating --------------------------------------------------------------------------
    def set_batches(self, batches: Sequence[Batch]) -> None:
        """Show `batches`: remove gone rows, insert new ones, repaint only changed cells."""
        wanted = {b.mo_id for b in batches}
        if len(wanted) != len(batches):
            raise ValueError("queue snapshot lists an MO id twice")
        self._remove_gone(wanted)
        kept = [b.mo_id for b in self._rows]
        kept_set = set(kept)
        if kept != [b.mo_id for b in batches if b.mo_id in kept_set]:
            self.beginResetModel()
            self._rows = list(batches)
            self.endResetModel()
            return
        self._insert_new(batches)
        self._update_cells(batches)

    def _remove_gone(self, wanted: set[int]) -> None:
        """Remove rows whose batch left the queue, bottom up, in contiguous runs."""
        row = len(self._rows) - 1
        while row >= 0:
            if self._rows[row].mo_id in wanted:
                row -= 1
                continue
            last = row
            while row - 1 >= 0 and self._rows[row - 1].mo_id not in wanted:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row, last)
            del self._rows[row : last + 1]
            self.endRemoveRows()
            row -= 1

    def _insert_new(self, batches: Sequence[Batch]) -> None:
        """Insert batches not shown yet at their snapshot position."""
        present = {b.mo_id for b in self._rows}
        for position, batch in enumerate(batches):
            if batch.mo_id in present:
                continue
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, batch)
            self.endInsertRows()

    def _update_cells(self, batches: Sequence[Batch]) -> None:
        """Store the new records; emit dataChanged per run of changed cells in each row."""
        for row, new in enumerate(batches):
            old = self._rows[row]
            if old is new or old == new:
                continue
            self._rows[row] = new
            changed = [c for c in range(len(HEADERS)) if cell_key(old, c) != cell_key(new, c)]
            for first, last in _runs(changed):
                self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def retranslate(self) -> None:
        """Re-emit headers and every cell (states, number separators) after a language change."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, STATE))


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    """Group sorted column numbers into (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and runs[-1][1] == column - 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs
