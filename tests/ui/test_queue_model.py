"""QueueTableModel: rows follow snapshots, and only changed cells are repainted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from hmi.domain.model import Batch
from hmi.domain.states import BatchState
from hmi.ui.progress_delegate import ProgressDelegate
from hmi.ui.queue_model import (
    BATCH_ROLE,
    MO,
    PLANNED,
    PROGRESS,
    PROGRESS_ROLE,
    SLOT,
    STATE,
    QueueTableModel,
)
from hmi.ui.theme import ALARM


class Recorder:
    """Collects the model's change signals as plain tuples."""

    def __init__(self, model: QueueTableModel) -> None:
        self.changed: list[tuple[int, int, int]] = []
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.resets = 0
        model.dataChanged.connect(
            lambda a, b, _roles=(): self.changed.append((a.row(), a.column(), b.column()))
        )
        model.rowsInserted.connect(lambda _p, a, b: self.inserted.append((a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.removed.append((a, b)))
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1


@pytest.fixture
def model(qapp: object) -> QueueTableModel:
    m = QueueTableModel()
    QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return m


def test_first_snapshot_inserts_rows(model: QueueTableModel, batches: tuple[Batch, ...]) -> None:
    rec = Recorder(model)
    model.set_batches(batches)
    assert model.rowCount() == 3
    assert model.columnCount() == 6
    assert rec.inserted == [(0, 0), (1, 1), (2, 2)]
    assert model.data(model.index(0, MO)) == "WH/MO/00101"
    assert model.data(model.index(2, SLOT)) == "3"
    assert model.data(model.index(0, PLANNED)) == "1,000.00"
    assert model.data(model.index(0, STATE)) == "Sent to PLC"
    assert model.headerData(PROGRESS, Qt.Orientation.Horizontal) == "Progress"


def test_same_snapshot_emits_nothing(model: QueueTableModel, batches: tuple[Batch, ...]) -> None:
    model.set_batches(batches)
    rec = Recorder(model)
    model.set_batches(tuple(replace(b) for b in batches))
    assert (rec.changed, rec.inserted, rec.removed, rec.resets) == ([], [], [], 0)


def test_progress_change_repaints_only_that_cell(
    make_batch: Callable[..., Batch], model: QueueTableModel, batches: tuple[Batch, ...]
) -> None:
    model.set_batches(batches)
    rec = Recorder(model)
    dosing = make_batch(102, 2, actual=(300.0, None, None))
    model.set_batches((batches[0], dosing, batches[2]))
    assert rec.changed == [(1, PROGRESS, PROGRESS)]
    assert model.data(model.index(1, PROGRESS)) == "30 %"
    assert model.data(model.index(1, PROGRESS), PROGRESS_ROLE) == pytest.approx(0.3)


def test_state_and_progress_change_in_one_run(
    make_batch: Callable[..., Batch], model: QueueTableModel, batches: tuple[Batch, ...]
) -> None:
    model.set_batches(batches)
    rec = Recorder(model)
    running = make_batch(101, 1, state=BatchState.RUNNING, actual=(600.0, 150.0, None))
    model.set_batches((running, *batches[1:]))
    assert rec.changed == [(0, PROGRESS, STATE)]


def test_gone_rows_are_removed_and_new_rows_inserted(
    make_batch: Callable[..., Batch], model: QueueTableModel, batches: tuple[Batch, ...]
) -> None:
    model.set_batches(batches)
    rec = Recorder(model)
    model.set_batches((batches[2],))
    assert rec.removed == [(0, 1)]
    assert model.batch_at(0).mo_id == 103
    model.set_batches(())
    assert model.rowCount() == 0
    refill = tuple(make_batch(200 + n, n) for n in (1, 2))
    model.set_batches(refill)
    assert [model.batch_at(r).mo_id for r in range(2)] == [201, 202]
    assert rec.resets == 0


def test_reordered_snapshot_resets(model: QueueTableModel, batches: tuple[Batch, ...]) -> None:
    model.set_batches(batches)
    rec = Recorder(model)
    model.set_batches(tuple(reversed(batches)))
    assert rec.resets == 1
    assert model.row_of(101) == 2


def test_duplicate_mo_is_refused(model: QueueTableModel, batches: tuple[Batch, ...]) -> None:
    with pytest.raises(ValueError, match="twice"):
        model.set_batches((batches[0], batches[0]))


def test_only_abnormal_states_are_coloured(
    make_batch: Callable[..., Batch], model: QueueTableModel, batches: tuple[Batch, ...]
) -> None:
    failed = make_batch(102, 2, state=BatchState.FAILED, actual=(10.0, None, None))
    model.set_batches((batches[0], failed))
    assert model.data(model.index(0, STATE), Qt.ItemDataRole.BackgroundRole) is None
    background = model.data(model.index(1, STATE), Qt.ItemDataRole.BackgroundRole)
    assert background == QColor(ALARM)
    assert model.data(model.index(1, MO), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, MO), BATCH_ROLE) == failed
    assert model.data(QModelIndex()) is None


def test_delegate_paints_bars_in_a_view(
    make_batch: Callable[..., Batch],
    qtbot: QtBot,
    model: QueueTableModel,
    batches: tuple[Batch, ...],
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegateForColumn(PROGRESS, ProgressDelegate(view))
    model.set_batches((make_batch(101, 1, actual=(600.0, 300.0, 50.0)), *batches[1:]))
    view.resize(900, 300)
    image = view.grab().toImage()
    assert not image.isNull()
    rect = view.visualRect(model.index(0, PROGRESS))
    left = image.pixelColor(rect.left() + 8, rect.center().y() + view.horizontalHeader().height())
    assert left.lightness() < 160  # filled part of a 95 % bar is dark grey
