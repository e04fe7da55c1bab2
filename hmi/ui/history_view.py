"""History of archived batches: a lazy, paged table with period, product and MO filters.

Touch only: the period is a choice (today, 7 days, 30 days, everything), product and MO
are typed on the on-screen keyboard; a tap on a row selects it for its batch record.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from qasync import asyncSlot

from hmi.domain.localtime import day_span, local_stamp, local_today
from hmi.domain.states import BatchState
from hmi.engine.records import ArchivedBatch
from hmi.ui.engine_api import HistorySource
from hmi.ui.i18n import QT_TRANSLATE_NOOP
from hmi.ui.keyboard import attach_keyboard
from hmi.ui.labels import clean, kg, state_name, stored_text
from hmi.ui.titled_model import TitledTableModel
from hmi.ui.touch import TouchDialog, touch_combo, touch_table

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 50  # pages kept in memory (10 000 rows)
HEADERS = (
    QT_TRANSLATE_NOOP("HistoryModel", "Archived"),
    QT_TRANSLATE_NOOP("HistoryModel", "MO"),
    QT_TRANSLATE_NOOP("HistoryModel", "Product"),
    QT_TRANSLATE_NOOP("HistoryModel", "Planned"),
    QT_TRANSLATE_NOOP("HistoryModel", "Produced"),
    QT_TRANSLATE_NOOP("HistoryModel", "Outcome"),
    QT_TRANSLATE_NOOP("HistoryModel", "By"),
    QT_TRANSLATE_NOOP("HistoryModel", "Remark"),
)
Index = QModelIndex | QPersistentModelIndex
#: The period choices: (label, days back including today; 0 = everything).
PERIODS = (
    (QT_TRANSLATE_NOOP("HistoryDialog", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("HistoryDialog", "Today"), 1),
    (QT_TRANSLATE_NOOP("HistoryDialog", "Last 30 days"), 30),
    (QT_TRANSLATE_NOOP("HistoryDialog", "Everything"), 0),
)


@dataclass(frozen=True)
class HistoryFilter:
    """Which archived batches to list; None/empty means no restriction."""

    since: datetime | None = None
    until: datetime | None = None
    product: str | None = None
    mo: str | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for history_page/history_count."""
        return {"since": self.since, "until": self.until, "product": self.product, "mo": self.mo}


def day_range(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """Local calendar days → [start of first, start of the day after last) in UTC; each day
    starts at its own local midnight, with the offset in force that day (a July day in
    Europe/Amsterdam at +02:00 even when asked in winter; hmi.domain.localtime)."""
    since = day_span(first)[0] if first else None
    until = day_span(last)[1] if last else None
    return since, until


def who(batch: ArchivedBatch) -> str:
    """'Sari → automatic': who fetched it, and who reported (or cancelled) it."""
    last = batch.actor if batch.outcome is BatchState.CANCELLED else batch.reported_by
    return " → ".join(part for part in (batch.fetched_by, last or batch.actor) if part)


def _cells(batch: ArchivedBatch) -> tuple[str, ...]:
    """Display texts of one archived batch."""
    parts = (clean(batch.reason), stored_text(batch.note), stored_text(batch.odoo_message))
    remark = " — ".join(p for p in parts if p)
    return (
        local_stamp(batch.archived_at, seconds=False),
        batch.mo_name,
        batch.product_name,
        kg(batch.quantity_kg),
        kg(batch.produced_kg),
        state_name(batch.outcome),
        who(batch),
        remark,
    )


class HistoryModel(TitledTableModel):
    """Rows are fetched a page at a time when the view first asks for them."""

    HEADERS = HEADERS
    CONTEXT = "HistoryModel"

    def __init__(self, source: HistorySource, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = HistoryFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[ArchivedBatch]] = OrderedDict()
        self._loading: dict[int, asyncio.Task[None]] = {}
        self._generation = 0
        self.page_loads = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of archived batches matching the filter."""
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; a row not loaded yet shows an ellipsis and starts loading its page."""
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        batch = self.batch_at(index.row())
        if batch is None:
            return "…"
        return _cells(batch)[index.column()]

    def batch_at(self, row: int) -> ArchivedBatch | None:
        """The archived batch of `row` if its page is loaded; otherwise start loading it."""
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    async def refresh(self, history_filter: HistoryFilter | None = None) -> int:
        """Apply a filter (or reload): count the matches and drop cached pages."""
        if history_filter is not None:
            self._filter = history_filter
        self._generation += 1
        for task in self._loading.values():
            task.cancel()
        self._loading.clear()
        count = await self._source.history_count(**self._filter.kwargs())
        self.beginResetModel()
        self._pages.clear()
        self._count = count
        self.endResetModel()
        return count

    async def wait_idle(self) -> None:
        """Wait until no page is loading (for tests and screenshots)."""
        while self._loading:
            await asyncio.gather(*self._loading.values(), return_exceptions=True)

    def _request(self, page: int) -> None:
        """Start loading `page` unless it is loading already."""
        if page in self._loading:
            return
        task = asyncio.get_event_loop().create_task(self._load(page, self._generation))
        self._loading[page] = task

    async def _load(self, page: int, generation: int) -> None:
        """Fetch one page and repaint its rows."""
        try:
            rows = await self._source.history_page(
                page * PAGE_SIZE, PAGE_SIZE, **self._filter.kwargs()
            )
        except Exception as exc:
            log.warning("history page %d cannot be read: %s", page + 1, exc)
            return
        finally:
            if generation == self._generation:
                self._loading.pop(page, None)
        if generation != self._generation:
            return
        self.page_loads += 1
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(self._count, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))


class HistoryDialog(TouchDialog):
    """Filter bar and the lazy history table; "Batch record" asks for the selected one's PDF."""

    record_requested = Signal(int)  # MO id

    def __init__(self, source: HistorySource, parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(self.tr("Batch history"))
        self.model = HistoryModel(source, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        touch_table(self.table)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        for column, width in enumerate((160, 150, 200, 120, 120, 120, 100)):
            header.resizeSection(column, width)
        self.period = touch_combo(QComboBox())
        for label, days in PERIODS:
            self.period.addItem(QCoreApplication.translate("HistoryDialog", label), days)
        self.product = QLineEdit()
        self.product.setPlaceholderText(self.tr("Product"))
        self.mo = QLineEdit()
        self.mo.setPlaceholderText(self.tr("MO"))
        for edit in (self.product, self.mo):
            attach_keyboard(edit)
        self.apply = QPushButton(self.tr("Filter"))
        self.clear = QPushButton(self.tr("Show all"))
        self.count = QLabel()
        self.record = self.add_button(QPushButton(self.tr("Batch record (PDF)…")))
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.record.clicked.connect(self._record_clicked)
        self.apply.clicked.connect(self.apply_filter)
        self.clear.clicked.connect(self.clear_filter)
        self.close_button.clicked.connect(self.accept)
        self.table.clicked.connect(lambda _i: self._enable())
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addWidget(self.product, 1)
        bar.addWidget(self.mo, 1)
        bar.addWidget(self.apply)
        bar.addWidget(self.clear)
        self.body.addLayout(bar)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count)
        self.want_size(1200, 760)
        self._enable()

    def _selected(self) -> ArchivedBatch | None:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        return self.model.batch_at(min(rows)) if rows else None

    def _enable(self) -> None:
        """Batch record only with a row selected; otherwise say so."""
        chosen = self._selected() is not None
        self.record.setEnabled(chosen)
        self.reason.set_text("" if chosen else self.tr("Tap a batch to print its record."))

    def _record_clicked(self) -> None:
        """Ask for the batch record of the selected archived batch."""
        batch = self._selected()
        if batch is not None:
            self.record_requested.emit(batch.mo_id)

    def current_filter(self) -> HistoryFilter:
        """The filter the bar describes."""
        days = int(self.period.currentData() or 0)
        first = None
        if days:
            first = local_today() - timedelta(days=days - 1)
        since, _until = day_range(first, None)
        return HistoryFilter(
            since=since,
            until=None,
            product=self.product.text().strip() or None,
            mo=self.mo.text().strip() or None,
        )

    async def load(self) -> int:
        """Count and show the rows of the current filter."""
        count = await self.model.refresh(self.current_filter())
        self.count.setText(self.tr("%1 archived batch(es)").replace("%1", str(count)))
        self._enable()
        return count

    @asyncSlot()
    async def apply_filter(self) -> None:
        """Apply the filter bar."""
        self.apply.setEnabled(False)
        try:
            await self.load()
        finally:
            self.apply.setEnabled(True)

    @asyncSlot()
    async def clear_filter(self) -> None:
        """Remove every restriction."""
        self.period.setCurrentIndex(self.period.findData(0))
        self.product.clear()
        self.mo.clear()
        await self.load()
