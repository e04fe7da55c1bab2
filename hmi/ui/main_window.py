"""The operator's main window: a passive view over `WindowPresenter` (mu editor's split).

Fixed regions for 1024 × 768 and up (they scale, never move with their content):

    header      line name · PLC / Odoo / database badges · Alarms (n) · clock
    line status RUNNING / WAITING for … / STOPPED because … — what to do · [its action]
    banner      the most important alarm (reserved, grey when none) · n shelved
    body        process picture (silos, tanks, hopper, mixer) | batch queue
                log console
    actions     Fetch orders · Automatic fetch · Clear queue · Refused orders · Records…
                · Settings
                why greyed buttons are grey

The line status's action button, the alarm list's and the batch detail's run the remedy
of the alarm that stops the line (`hmi.domain.alarms.remedy_of`), through the presenter's
supervised flow (`hmi.ui.recovery_flows`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from hmi.config import Settings
from hmi.domain.alarms import Remedy, remedy_of
from hmi.domain.line_status import LineMode
from hmi.domain.states import BatchState
from hmi.engine.odoo_secret import OdooSecret
from hmi.engine.permissions import Action
from hmi.engine.qt_driver import EngineDriver
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.alarm_view import AlarmListDialog
from hmi.ui.batch_detail import BatchDetailDialog
from hmi.ui.fetch_dialog import FetchDialog
from hmi.ui.header import AlarmBanner, Header, LineStatusBar
from hmi.ui.i18n import Translations, say
from hmi.ui.labels import REMEDY_LABELS, remedy_label, state_name
from hmi.ui.log_console import LogConsole
from hmi.ui.overview import OverviewPanel
from hmi.ui.presenter import OPERATOR, WindowPresenter, Writers
from hmi.ui.progress_delegate import ProgressDelegate
from hmi.ui.queue_model import MO, PLANNED, PRODUCT, PROGRESS, SLOT, STATE, QueueTableModel
from hmi.ui.records_menu import RecordsHost
from hmi.ui.recovery_dialogs import DecisionDialog
from hmi.ui.recovery_host import RecoveryHost
from hmi.ui.theme import MIN_TOUCH_PX
from hmi.ui.touch import ElidedLabel, TextDialog, ToggleButton, screen_rect, touch_table
from hmi.ui.user_admin import UsersHost
from hmi.ui.window_dialogs import DialogHost

#: Events that count as someone using the panel.
ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
    }
)
IDLE_CHECK_MS = 5_000


class MainWindow(UsersHost, RecordsHost, RecoveryHost, DialogHost, QMainWindow):
    """Renders engine snapshots and passes taps to the presenter; no I/O of its own."""

    def __init__(
        self,
        driver: EngineDriver,
        *,
        translations: Translations | None = None,
        secret: OdooSecret | None = None,
        writers: Writers | None = None,
        actor: str = OPERATOR,
        reports_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.driver = driver
        self.engine = driver.engine
        self.translations = translations
        self.presenter = WindowPresenter(
            self.engine, self, secret=secret, writers=writers, actor=actor
        )
        self.snapshot: EngineSnapshot = self.engine.snapshot()
        self.fetch_dialog: FetchDialog | None = None
        self.detail: BatchDetailDialog | None = None
        self.dialog: QDialog | None = None  # the PIN, reason, settings or history dialog open
        self.alarm_dialog: AlarmListDialog | None = None
        self.message_box: TextDialog | None = None
        self.reports_folder = reports_folder or Path.home() / "hmi-reports"
        self._build()
        driver.snapshot_changed.connect(self.show_snapshot)
        driver.event_logged.connect(self.console.add_event)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.header.tick)
        self._clock.start(1000)
        self._idle = QTimer(self)  # sign the user out after [ui] idle_signout_min
        self._idle.timeout.connect(self._check_idle)
        self._idle.start(IDLE_CHECK_MS)
        self.header.show_user(None)
        self.retranslate()
        area = screen_rect(self)
        self.resize(area.size())
        self.apply_kiosk(self.engine.settings.ui.kiosk)
        self.log_loaded: asyncio.Task[None] | None = None
        QTimer.singleShot(0, self._start_loading_log)
        self.first_start: asyncio.Task[bool] | None = None
        QTimer.singleShot(0, self._start_first_start)

    @property
    def settings_of(self) -> Settings:
        """The settings in force (for the dialogs)."""
        return self.engine.settings

    @property
    def fetching(self) -> bool:
        """True while a fetch preview or its confirmation dialog is in progress."""
        return self.presenter.fetching

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        """Create the regions and lay them out in fixed proportions."""
        self.header = Header()
        self.header.alarms_button.clicked.connect(self.on_alarms)
        self.header.user_button.clicked.connect(self.on_user)
        self.line_status = LineStatusBar()
        self.line_action = QPushButton()
        self.line_action.clicked.connect(self.on_line_action)
        keep = self.line_action.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # the line status never moves with its action
        self.line_action.setSizePolicy(keep)
        self.line_remedy: Remedy | None = None
        status_row = QHBoxLayout()
        status_row.setSpacing(6)
        status_row.addWidget(self.line_status, 1)
        status_row.addWidget(self.line_action)
        self.banner = AlarmBanner()
        self.banner.tapped.connect(self.on_alarms)
        settings = self.engine.settings
        self.overview = OverviewPanel(self.engine.equipment, settings.batching.tolerance_pct)
        self.model = QueueTableModel(self)
        self.queue = QTableView()
        self.queue.setModel(self.model)
        self.queue.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.queue))
        touch_table(self.queue)
        self.queue.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.queue.setColumnHidden(PLANNED, True)  # in the batch's detail
        self.queue.setColumnHidden(PRODUCT, True)  # in the detail and on the mixer
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.queue.clicked.connect(self._row_tapped)
        self.queue_title = QLabel()
        self.queue_title.setObjectName("title")
        queue_box = QFrame()
        queue_box.setObjectName("panel")
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.setContentsMargins(4, 4, 4, 4)
        queue_layout.addWidget(self.queue_title)
        queue_layout.addWidget(self.queue, 1)
        self.queue.setMinimumHeight(3 * MIN_TOUCH_PX)
        self.console = LogConsole()

        self.fetch = QPushButton()
        self.fetch.setProperty("primary", True)
        self.fetch.clicked.connect(self.on_fetch)
        self.auto_fetch = ToggleButton()
        self.auto_fetch.toggled.connect(self.on_auto_fetch)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.on_clear_queue)
        self.refused_button = QPushButton()
        self.refused_button.clicked.connect(self.on_refused_orders)
        self.records_button = QPushButton()
        self.records_button.clicked.connect(self.on_records)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.on_settings)
        self.fetch_reason = ElidedLabel()
        self.fetch_reason.setObjectName("reason")
        self.fetch_reason.setFixedHeight(MIN_TOUCH_PX // 2)
        actions = QHBoxLayout()
        for button in (self.fetch, self.auto_fetch, self.clear_button, self.refused_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.records_button)
        actions.addWidget(self.settings_button)

        body = QHBoxLayout()
        body.addWidget(self.overview, 58)
        body.addWidget(queue_box, 42)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addLayout(status_row)
        layout.addWidget(self.banner)
        layout.addLayout(body, 62)
        layout.addWidget(self.console, 38)
        layout.addLayout(actions)
        layout.addWidget(self.fetch_reason)
        self.setCentralWidget(central)
        self.setMinimumSize(0, 0)

    def retranslate(self) -> None:
        """Re-render every text in the current language."""
        self.setWindowTitle(self.tr("Batch HMI"))
        self.queue_title.setText(self.tr("Batch queue"))
        self.fetch.setText(self.tr("Fetch orders"))
        self.clear_button.setText(self.tr("Clear queue…"))
        self.refused_button.setText(self.tr("Refused orders…"))
        widest = max(
            self.line_action.fontMetrics().horizontalAdvance(remedy_label(a)) for a in REMEDY_LABELS
        )
        self.line_action.setFixedWidth(widest + 32)
        self.records_button.setText(self.tr("Records…"))
        self.settings_button.setText(self.tr("Settings…"))
        texts = (self.tr("Automatic fetch: on"), self.tr("Automatic fetch: off"))
        widest = max(self.auto_fetch.fontMetrics().horizontalAdvance(t) for t in texts)
        self.auto_fetch.setFixedWidth(widest + 40)  # the same width on and off
        self.model.retranslate()
        self._size_queue_columns()
        self.header.tick()
        self.show_snapshot(self.snapshot)

    def _size_queue_columns(self) -> None:
        metrics = self.queue.fontMetrics()
        header = self.queue.horizontalHeader()
        for column, sample in ((SLOT, "10"), (MO, "WH/MO/00000"), (PROGRESS, "100 %"), (STATE, "")):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(t) for t in (title, sample))
            if column == STATE:
                width = max(width, *(metrics.horizontalAdvance(state_name(s)) for s in BatchState))
            header.resizeSection(column, width + 24)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the clock."""
        self._clock.stop()
        self._idle.stop()
        super().closeEvent(event)

    # -- who is signed in (hmi.ui.session) --------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Any touch, click or key on the window counts as use (the idle sign-out waits)."""
        if event.type() in ACTIVITY:
            self.presenter.session.touch()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Input in the window's dialogs counts as use too."""
        if event.type() in ACTIVITY:
            self.presenter.session.touch()
        return False

    def _start_first_start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.first_start = asyncio.ensure_future(self.presenter.session.first_start())

    @asyncSlot()
    async def _check_idle(self) -> None:
        await self.presenter.session.check_idle()

    @asyncSlot()
    async def on_user(self) -> None:
        """Sign in; or, signed in: sign out, change the own PIN, or manage users (admins)."""
        session = self.presenter.session
        if session.user is None:
            await session.sign_in()
            return
        choice = await self.ask_user_menu(session.user)
        if choice == "out":
            await session.sign_out()
        elif choice == "users":
            await session.manage_users(self.presenter._locked)
        elif choice == "switch":
            await session.sign_in()

    def apply_kiosk(self, kiosk: bool) -> None:
        """Full screen without window frame in kiosk mode; a normal window otherwise."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, kiosk)
        if kiosk:
            self.setGeometry(screen_rect(self))
            self.showFullScreen()
        elif self.isFullScreen():
            self.showNormal()

    # -- rendering -----------------------------------------------------------------------
    def show_snapshot(self, snapshot: EngineSnapshot) -> None:
        """Render one engine snapshot."""
        self.snapshot = snapshot
        self.header.show_snapshot(snapshot, self.engine.settings.ui.line_name)
        self._show_line_status(snapshot)
        self.banner.show_alarms(snapshot.active_alarms, snapshot.alarm_list)
        self.model.set_batches(snapshot.batches)
        self.overview.show_snapshot(snapshot)
        self._show_actions(snapshot)
        if self.alarm_dialog is not None:
            self.alarm_dialog.show_alarms(snapshot.alarm_list, snapshot.line_status.cause)
        if self.detail is not None:
            current = next(
                (b for b in snapshot.batches if b.mo_id == self.detail.batch.mo_id), None
            )
            if current is not None:
                self.detail.show_batch(current)
            else:
                self.detail.enable()
        if isinstance(self.dialog, DecisionDialog):  # its decisions follow the engine too
            self.dialog.enable()

    def _show_line_status(self, snapshot: EngineSnapshot) -> None:
        """The line status and, when an alarm stops the line, the button of its remedy."""
        status = snapshot.line_status
        stopped = status.mode is LineMode.STOPPED and bool(status.cause)
        remedy = remedy_of(status.cause) if stopped else None
        self.line_remedy = remedy
        why = None
        if remedy is not None:
            why = self.engine.why_not(remedy.action, mo_id=remedy.mo_id, slot=remedy.slot)
            self.line_action.setText(remedy_label(remedy.action))
            self.line_action.setEnabled(why is None)
        self.line_action.setVisible(remedy is not None)
        self.line_status.show_status(status, say(why) if why is not None else "")

    def on_line_action(self) -> None:
        """The line status's action: the remedy of the alarm that stops the line."""
        if self.line_remedy is not None:
            self.run_remedy(self.line_remedy)

    @asyncSlot(object)
    async def run_remedy(self, remedy: Remedy) -> None:
        """Run an alarm's remedy (open the batch, or a supervised recovery)."""
        await self.presenter.recovery.remedy(remedy)

    @asyncSlot()
    async def on_refused_orders(self) -> None:
        """The refused MOs with their reasons."""
        await self.presenter.recovery.refused_orders()

    def _show_actions(self, snapshot: EngineSnapshot) -> None:
        """Each action live or greyed, and why greyed, in words under the buttons."""
        reasons = []
        for button, action in (
            (self.fetch, Action.FETCH),
            (self.clear_button, Action.CLEAR_QUEUE),
            (self.refused_button, Action.REFUSED_ORDERS),
        ):
            why = self.engine.why_not(action)
            busy = action is Action.FETCH and self.presenter.fetching
            button.setEnabled(why is None and not busy)
            if why is not None:
                reasons.append(f"{button.text().rstrip('…')}: {say(why)}")
        self.fetch_reason.set_text("  ·  ".join(reasons))
        self.auto_fetch.blockSignals(True)
        self.auto_fetch.setChecked(snapshot.auto_fetch)
        self.auto_fetch.blockSignals(False)
        on = self.tr("Automatic fetch: on")
        self.auto_fetch.setText(on if snapshot.auto_fetch else self.tr("Automatic fetch: off"))

    # -- taps ------------------------------------------------------------------------------
    @asyncSlot()
    async def on_fetch(self) -> None:
        """Fetch: preview, confirm, queue only on Confirm."""
        self.fetch.setEnabled(False)
        try:
            await self.presenter.fetch()
        finally:
            self._show_actions(self.engine.snapshot())

    @asyncSlot(bool)
    async def on_auto_fetch(self, enabled: bool) -> None:
        """Automatic fetching on or off."""
        await self.presenter.set_auto_fetch(enabled)
        self._show_actions(self.engine.snapshot())

    @asyncSlot()
    async def on_clear_queue(self) -> None:
        """Clear the queue (supervisor PIN and a reason)."""
        await self.presenter.clear_queue()

    @asyncSlot()
    async def on_settings(self) -> None:
        """Settings, behind the supervisor PIN."""
        self.settings_button.setEnabled(False)
        try:
            await self.presenter.settings()
        finally:
            self.settings_button.setEnabled(True)

    def settings_applied(self, before: Settings, after: Settings) -> None:
        """Follow language, kiosk mode and line name of new settings."""
        if self.translations is not None and after.ui.language != before.ui.language:
            self.translations.switch(after.ui.language)
        if after.ui.kiosk != before.ui.kiosk:
            self.apply_kiosk(after.ui.kiosk)
        self.show_snapshot(self.snapshot)

    def _row_tapped(self, index: QModelIndex) -> None:
        """Open the detail of the tapped batch."""
        if 0 <= index.row() < self.model.rowCount():
            self.open_batch(self.model.batch_at(index.row()).mo_id)

    def open_batch(self, mo_id: int) -> None:
        """Open a batch's detail (not modal: it follows the snapshots)."""
        batch = next((b for b in self.snapshot.batches if b.mo_id == mo_id), None)
        if batch is None:
            return
        if self.detail is not None:
            self.detail.close()
        detail = BatchDetailDialog(
            batch,
            self.engine.settings.batching.tolerance_pct,
            self,
            equipment=self.engine.equipment,
            why=self.engine.why_not,
            facts=lambda: self.snapshot.recovery,
        )
        detail.setModal(False)
        detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        detail.retry_requested.connect(self.on_retry)
        detail.cancel_requested.connect(self.on_cancel)
        detail.remedy_requested.connect(self.run_remedy)
        detail.finished.connect(self._detail_closed)
        self.detail = detail
        detail.show()

    def _detail_closed(self) -> None:
        self.detail = None

    @asyncSlot(int)
    async def on_retry(self, mo_id: int) -> None:
        """Retry a failed or refused batch."""
        await self.presenter.retry(mo_id)

    @asyncSlot(int)
    async def on_cancel(self, mo_id: int) -> None:
        """Cancel a batch: supervisor PIN, then a reason."""
        await self.presenter.cancel(mo_id)

    def on_alarms(self) -> None:
        """Open the alarm list (not modal; it follows the snapshots)."""
        if self.alarm_dialog is None:
            dialog = AlarmListDialog(
                self.engine.why_not, self.engine.settings.alarms.shelve_max_min, self
            )
            dialog.remedy_requested.connect(self.run_remedy)
            dialog.setModal(False)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.acknowledge_requested.connect(self.on_acknowledge)
            dialog.acknowledge_all_requested.connect(self.on_acknowledge_all)
            dialog.shelve_requested.connect(self.on_shelve)
            dialog.finished.connect(self._alarms_closed)
            self.alarm_dialog = dialog
        self.alarm_dialog.show_alarms(self.snapshot.alarm_list, self.snapshot.line_status.cause)
        self.alarm_dialog.show()

    def _alarms_closed(self) -> None:
        self.alarm_dialog = None

    @asyncSlot(int)
    async def on_acknowledge(self, alarm_id: int) -> None:
        """Acknowledge one alarm."""
        await self.presenter.acknowledge(alarm_id)

    @asyncSlot()
    async def on_acknowledge_all(self) -> None:
        """Acknowledge every alarm waiting for it."""
        await self.presenter.acknowledge_all()

    @asyncSlot(int, float)
    async def on_shelve(self, alarm_id: int, minutes: float) -> None:
        """Shelve an alarm for the chosen time (supervisor PIN, reason)."""
        await self.presenter.shelve(alarm_id, minutes)

    # -- log console -----------------------------------------------------------------------
    def _start_loading_log(self) -> None:
        self.log_loaded = asyncio.ensure_future(self.load_log())

    async def load_log(self) -> None:
        """Show the persisted event log so a restart shows the last shift."""
        self.console.load_history(await self.presenter.recent_events())
