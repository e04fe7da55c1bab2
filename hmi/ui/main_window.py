"""The operator's main window: header, queue, PLC panel, log console and the actions."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from hmi.config import Settings
from hmi.domain.errors import ConfigError, HmiError
from hmi.domain.links import LinkState, utcnow
from hmi.domain.roles import AccessDenied, Command
from hmi.engine.qt_driver import EngineDriver
from hmi.engine.roles import SupervisorToken
from hmi.engine.snapshot import EngineEvent, EngineSnapshot
from hmi.odoo.credentials import SecretStore
from hmi.ui.alarm_view import AlarmListDialog, AuditDialog
from hmi.ui.batch_detail import BatchDetailDialog
from hmi.ui.batch_record import write_batch_record, write_shift_report
from hmi.ui.dialogs import run_dialog
from hmi.ui.fetch_dialog import FetchDialog
from hmi.ui.history_view import HistoryDialog
from hmi.ui.i18n import Translations
from hmi.ui.labels import gate_reasons, link_name
from hmi.ui.log_console import LogConsole
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.plc_panel import PlcPanel
from hmi.ui.progress_delegate import ProgressDelegate
from hmi.ui.queue_model import PROGRESS, QueueTableModel
from hmi.ui.settings_dialog import SettingsDialog
from hmi.ui.theme import fit_columns, metrics, restyle

log = logging.getLogger(__name__)
OPERATOR = "operator"
SUPERVISOR = "supervisor"
SHIFT_HOURS = 8
#: A protected command may run: (approved, the PIN token to pass to the engine).
Approval = tuple[bool, SupervisorToken | None]


def default_secret_store() -> SecretStore | None:
    """The system keyring's secret store, or None when this machine has no keyring."""
    try:
        return SecretStore()
    except ConfigError as exc:
        log.info("Odoo secret cannot be changed from the settings: %s", exc)
        return None


class MainWindow(QMainWindow):
    """Renders engine snapshots and turns taps into engine commands; no I/O of its own."""

    def __init__(
        self,
        driver: EngineDriver,
        *,
        translations: Translations | None = None,
        secret_store: SecretStore | None = None,
        actor: str = OPERATOR,
    ) -> None:
        super().__init__()
        self.driver = driver
        self.engine = driver.engine
        self.translations = translations
        self.secret_store = secret_store
        self.actor = actor
        self.snapshot: EngineSnapshot = self.engine.snapshot()
        self.fetch_dialog: FetchDialog | None = None
        self.detail: BatchDetailDialog | None = None
        self.dialog: QDialog | None = None  # the PIN, settings or history dialog now open
        self.alarm_dialog: AlarmListDialog | None = None
        self.reports_folder: Path = Path.home()
        self.last_pdf: Path | None = None
        self._fetching = False
        self._build()
        driver.snapshot_changed.connect(self.show_snapshot)
        driver.event_logged.connect(self.console.add_event)
        self.console.attach()
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick_clock)
        self._clock.start(1000)
        self.retranslate()
        self.show_snapshot(self.snapshot)
        self.apply_kiosk(self.engine.settings.ui.kiosk)
        self.log_loaded: asyncio.Task[None] | None = None
        QTimer.singleShot(0, self._start_loading_log)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        """Create the widgets and lay them out."""
        self.line_name = QLabel()
        self.line_name.setObjectName("title")
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.links = {name: QLabel() for name in ("PLC", "Odoo", "Database")}
        self.alarm = QLabel()
        self.alarm.setObjectName("alarm")
        self.alarm.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.line_name)
        header.addStretch(1)
        for label in self.links.values():
            header.addWidget(label)
        header.addSpacing(16)
        header.addWidget(self.clock)

        self.model = QueueTableModel(self)
        self.queue = QTableView()
        self.queue.setModel(self.model)
        self.queue.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.queue))
        self.queue.verticalHeader().hide()
        self.queue.setWordWrap(False)
        self.queue.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        fit_columns(self.queue, {PROGRESS: 120})
        self.queue.verticalHeader().setDefaultSectionSize(metrics().touch_px)
        self.queue.clicked.connect(self._row_tapped)
        self.queue_title = QLabel()
        self.queue_title.setObjectName("title")
        self.plc_panel = PlcPanel()
        self.console = LogConsole()

        self.fetch = QPushButton()
        self.fetch.setProperty("primary", True)
        self.fetch.clicked.connect(self.on_fetch)
        self.fetch_reason = QLabel()
        self.fetch_reason.setObjectName("reason")
        self.fetch_reason.setWordWrap(True)
        self.auto_fetch = QPushButton()
        self.auto_fetch.setCheckable(True)
        self.auto_fetch.toggled.connect(self.on_auto_fetch)
        self.history = QPushButton()
        self.history.clicked.connect(self.on_history)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.on_settings)
        self.alarms_button = QPushButton()
        self.alarms_button.clicked.connect(self.on_alarms)
        self.audit_button = QPushButton()
        self.audit_button.clicked.connect(self.on_audit)
        self.shift_button = QPushButton()
        self.shift_button.clicked.connect(self.on_shift_report)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.on_clear_queue)
        actions = QHBoxLayout()
        actions.addWidget(self.fetch)
        actions.addWidget(self.fetch_reason, 1)
        for button in (
            self.auto_fetch,
            self.alarms_button,
            self.history,
            self.shift_button,
            self.audit_button,
            self.clear_button,
            self.settings_button,
        ):
            actions.addWidget(button)

        queue_box = QFrame()
        queue_box.setObjectName("panel")
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addWidget(self.queue_title)
        queue_layout.addWidget(self.queue, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(queue_box)
        top.addWidget(self.plc_panel)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([680, 600])
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(top)
        middle.addWidget(self.console)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        middle.setSizes([460, 260])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addWidget(self.alarm)
        layout.addLayout(actions)
        layout.addWidget(middle, 1)
        self.setCentralWidget(central)
        self.resize(1280, 800)

    def retranslate(self) -> None:
        """Re-render every text in the current language."""
        self.setWindowTitle(self.tr("Batch HMI"))
        self.queue_title.setText(self.tr("Batch queue"))
        self.history.setText(self.tr("History"))
        self.settings_button.setText(self.tr("Settings"))
        self.audit_button.setText(self.tr("Audit trail"))
        self.shift_button.setText(self.tr("Shift report"))
        self.clear_button.setText(self.tr("Clear queue"))
        self.model.retranslate()
        self._tick_clock()
        self.show_snapshot(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop routing log records to a console that is going away."""
        self.console.detach()
        self._clock.stop()
        super().closeEvent(event)

    def apply_kiosk(self, kiosk: bool) -> None:
        """Full screen without window frame in kiosk mode; a normal window otherwise."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, kiosk)
        if kiosk:
            self.showFullScreen()
        elif self.isFullScreen():
            self.showNormal()

    # -- rendering -----------------------------------------------------------------------
    def _tick_clock(self) -> None:
        """Update the clock."""
        self.clock.setText(datetime.now().strftime("%H:%M:%S"))

    def show_snapshot(self, snapshot: EngineSnapshot) -> None:
        """Render one engine snapshot."""
        self.snapshot = snapshot
        self.line_name.setText(self.engine.settings.ui.line_name)
        for state in (snapshot.plc, snapshot.odoo, snapshot.db):
            self._show_link(state)
        self._show_alarms(snapshot)
        self.model.set_batches(snapshot.batches)
        self.plc_panel.show_snapshot(snapshot)
        self._show_fetch(snapshot)
        self.auto_fetch.blockSignals(True)
        self.auto_fetch.setChecked(snapshot.auto_fetch)
        self.auto_fetch.blockSignals(False)
        self.auto_fetch.setText(
            self.tr("Automatic fetch: on")
            if snapshot.auto_fetch
            else self.tr("Automatic fetch: off")
        )
        if self.detail is not None:
            current = next(
                (b for b in snapshot.batches if b.mo_id == self.detail.batch.mo_id), None
            )
            if current is not None:
                self.detail.show_batch(current)

    def _show_alarms(self, snapshot: EngineSnapshot) -> None:
        """Banner: the most severe active alarm (hidden when none); the Alarms button counts."""
        banner = snapshot.active_alarms
        self.alarm.setVisible(bool(banner))
        if banner:
            more = len(banner) - 1
            extra = self.tr("   (+%1 more)").replace("%1", str(more)) if more else ""
            self.alarm.setText(f"■ {banner[0].message}{extra}")
        unacked = sum(1 for a in snapshot.alarm_list if not a.acknowledged)
        self.alarms_button.setText(self.tr("Alarms (%1)").replace("%1", str(unacked)))
        self.alarms_button.setProperty("alarm", bool(unacked))
        restyle(self.alarms_button)
        if self.alarm_dialog is not None:
            self.alarm_dialog.show_alarms(snapshot.alarm_list)

    def _show_link(self, state: LinkState) -> None:
        """One header indicator: name and 'down since' when down (red: abnormal)."""
        label = self.links.get(state.name)
        if label is None:
            return
        name = link_name(state.name)
        if state.up:
            label.setText(self.tr("%1 OK").replace("%1", name))
        else:
            since = state.down_since.astimezone().strftime("%H:%M") if state.down_since else "—"
            label.setText(self.tr("%1 DOWN since %2").replace("%1", name).replace("%2", since))
        label.setToolTip(state.last_error or "")
        label.setProperty("link", "up" if state.up else "down")
        restyle(label)

    @property
    def fetching(self) -> bool:
        """True while a fetch preview or its confirmation dialog is in progress."""
        return self._fetching

    def _show_fetch(self, snapshot: EngineSnapshot) -> None:
        """Fetch is enabled only while the gate is open; otherwise the reason is shown."""
        self.fetch.setText(self.tr("Fetch orders"))
        self.fetch.setEnabled(snapshot.gate.open and not self._fetching)
        if snapshot.gate.open:
            self.fetch_reason.setText(self.tr("The queue is empty and the PLC is ready."))
        else:
            self.fetch_reason.setText(gate_reasons(snapshot.gate.reasons))

    # -- commands ------------------------------------------------------------------------
    @asyncSlot()
    async def on_fetch(self) -> None:
        """Fetch button: preview, ask for confirmation, queue only on Confirm."""
        await self.fetch_flow()

    async def fetch_flow(self) -> bool:
        """Preview, confirm and queue; True when batches were queued."""
        self._fetching = True
        self.fetch.setEnabled(False)
        try:
            preview = await self.engine.preview_fetch()
            self.fetch_dialog = FetchDialog(preview, self)
            accepted = await run_dialog(self.fetch_dialog) == QDialog.DialogCode.Accepted
            if not accepted:
                self.console.add_event(
                    self._note("INFO", self.tr("Fetch cancelled: nothing queued"))
                )
                return False
            result = await self.engine.confirm_fetch(preview, self.actor)
            return result.queued > 0
        except HmiError as exc:
            self._tell(self.tr("Fetch failed"), str(exc))
            return False
        finally:
            if self.fetch_dialog is not None:
                self.fetch_dialog.deleteLater()
            self.fetch_dialog = None
            self._fetching = False
            self._show_fetch(self.engine.snapshot())

    @asyncSlot(bool)
    async def on_auto_fetch(self, enabled: bool) -> None:
        """Automatic fetching on or off."""
        self.auto_fetch.setEnabled(False)
        try:
            await self.engine.set_auto_fetch(enabled, self.actor)
        except HmiError as exc:
            self._tell(self.tr("Automatic fetch"), str(exc))
        finally:
            self.auto_fetch.setEnabled(True)

    @asyncSlot()
    async def on_history(self) -> None:
        """Open the history of archived batches."""
        self.history.setEnabled(False)
        dialog = HistoryDialog(self.engine, self)
        dialog.record_requested.connect(self.on_batch_record)
        self.dialog = dialog
        try:
            await dialog.load()
            await run_dialog(dialog)
        except HmiError as exc:
            self._tell(self.tr("History"), str(exc))
        finally:
            dialog.deleteLater()
            self.dialog = None
            self.history.setEnabled(True)

    @asyncSlot(int)
    async def on_batch_record(self, mo_id: int) -> None:
        """The history's "Batch record" button: write the PDF."""
        await self.batch_record_pdf(mo_id)

    @asyncSlot()
    async def on_settings(self) -> None:
        """Settings, behind the supervisor PIN."""
        self.settings_button.setEnabled(False)
        try:
            await self.settings_flow()
        finally:
            self.dialog = None
            self.settings_button.setEnabled(True)

    async def check_supervisor(self, prompt: str, command: str) -> Approval:
        """Ask for the supervisor PIN on the keypad and let the engine check it (lockout
        included); approved without asking when no PIN is set."""
        if not self.engine.settings.ui.supervisor_pin_hash:
            return True, None
        pad = PinPadDialog(prompt, self)
        self.dialog = pad
        status = await self.engine.pin_status()
        if status.locked(utcnow()):
            pad.message.setText(self.tr("The supervisor PIN is locked after too many wrong PINs."))
        accepted = await run_dialog(pad) == QDialog.DialogCode.Accepted
        pin = pad.pin()
        pad.deleteLater()
        if not accepted:
            return False, None
        try:
            token = await self.engine.verify_supervisor(pin, command, SUPERVISOR)
        except AccessDenied as exc:
            title = self.tr("Supervisor PIN")
            if "locked" in str(exc):
                self._tell(title, self.tr("Supervisor PIN locked: %1").replace("%1", str(exc)))
            else:
                self.console.add_event(self._note("WARNING", self.tr("Wrong supervisor PIN")))
                self._tell(title, self.tr("Wrong supervisor PIN") + f" ({exc})")
            return False, None
        return True, token

    async def settings_flow(self) -> bool:
        """PIN, settings dialog, apply; True when new settings were saved."""
        approved, token = await self.check_supervisor(
            self.tr("Enter the supervisor PIN to change settings"), Command.CHANGE_SETTINGS
        )
        if not approved:
            return False
        before = self.engine.settings
        dialog = SettingsDialog(before, self.secret_store is not None, self)
        self.dialog = dialog
        accepted = await run_dialog(dialog) == QDialog.DialogCode.Accepted
        new, secret = dialog.settings(), dialog.new_secret()
        dialog.deleteLater()
        if not accepted:
            return False
        try:
            await self.engine.apply_settings(new, SUPERVISOR, pin=token)
            await self._save_secret(new, secret)
        except HmiError as exc:
            self._tell(self.tr("Settings not saved"), str(exc))
            return False
        self._after_settings(before, new)
        return True

    async def _save_secret(self, settings: Settings, secret: str) -> None:
        """Put a new Odoo secret in the keyring (off the Qt thread)."""
        if not secret or self.secret_store is None:
            return
        odoo = settings.odoo
        await asyncio.to_thread(self.secret_store.save, odoo.url, odoo.database, odoo.login, secret)

    def _after_settings(self, before: Settings, new: Settings) -> None:
        """Apply what the window itself shows: language, kiosk, line name."""
        if self.translations is not None and new.ui.language != before.ui.language:
            self.translations.switch(new.ui.language)
        if new.ui.kiosk != before.ui.kiosk:
            self.apply_kiosk(new.ui.kiosk)
        self.show_snapshot(self.snapshot)

    def _row_tapped(self, index: object) -> None:
        """Open the detail of the tapped batch (plain slot; the dialog is not modal)."""
        row = index.row()  # type: ignore[attr-defined]
        if not 0 <= row < self.model.rowCount():
            return
        if self.detail is not None:
            self.detail.close()
        detail = BatchDetailDialog(
            self.model.batch_at(row), self.engine.settings.batching.tolerance_pct, self
        )
        detail.retry_requested.connect(self.on_retry)
        detail.cancel_requested.connect(self.on_cancel)
        detail.finished.connect(self._detail_closed)
        self.detail = detail
        detail.show()

    def _detail_closed(self) -> None:
        """Forget the closed detail dialog."""
        self.detail = None

    @asyncSlot(int)
    async def on_retry(self, mo_id: int) -> None:
        """Retry a failed or pending batch."""
        try:
            await self.engine.retry_now(mo_id, self.actor)
        except HmiError as exc:
            self._tell(self.tr("Retry"), str(exc))

    @asyncSlot(int)
    async def on_cancel(self, mo_id: int) -> None:
        """Cancel a batch: supervisor PIN, then a reason."""
        approved, token = await self.check_supervisor(
            self.tr("Enter the supervisor PIN to cancel a batch"), Command.CANCEL_BATCH
        )
        if not approved:
            return
        ask = QInputDialog(self)
        ask.setWindowTitle(self.tr("Cancel batch"))
        ask.setLabelText(self.tr("Why is this batch cancelled?"))
        self.dialog = ask
        try:
            accepted = await run_dialog(ask) == QDialog.DialogCode.Accepted
            reason = ask.textValue()
            if accepted:
                await self.engine.cancel_batch(mo_id, SUPERVISOR, reason, pin=token)
        except HmiError as exc:
            self._tell(self.tr("Cancel batch"), str(exc))
        finally:
            ask.deleteLater()
            self.dialog = None

    async def ask_text(self, title: str, label: str) -> str | None:
        """Ask for one line of text (a reason); None when cancelled."""
        ask = QInputDialog(self)
        ask.setWindowTitle(title)
        ask.setLabelText(label)
        self.dialog = ask
        try:
            accepted = await run_dialog(ask) == QDialog.DialogCode.Accepted
            return ask.textValue() if accepted else None
        finally:
            ask.deleteLater()
            self.dialog = None

    @asyncSlot()
    async def on_clear_queue(self) -> None:
        """Clear the queue: supervisor PIN, then a reason (the engine refuses while the PLC
        holds batches)."""
        await self.clear_queue_flow()

    async def clear_queue_flow(self) -> bool:
        """PIN, reason, clear; True when the queue was cleared."""
        approved, token = await self.check_supervisor(
            self.tr("Enter the supervisor PIN to clear the queue"), Command.CLEAR_QUEUE
        )
        if not approved:
            return False
        reason = await self.ask_text(self.tr("Clear queue"), self.tr("Why is the queue cleared?"))
        if reason is None:
            return False
        try:
            await self.engine.clear_queue(SUPERVISOR, reason, pin=token)
        except HmiError as exc:
            self._tell(self.tr("Clear queue"), str(exc))
            return False
        return True

    # -- alarms, audit, reports ------------------------------------------------------------
    def on_alarms(self) -> None:
        """Open the alarm list (plain slot; the dialog is not modal and follows snapshots)."""
        if self.alarm_dialog is None:
            dialog = AlarmListDialog(self)
            dialog.acknowledge_requested.connect(self.on_acknowledge)
            dialog.shelve_requested.connect(self.on_shelve)
            dialog.finished.connect(self._alarms_closed)
            self.alarm_dialog = dialog
        self.alarm_dialog.show_alarms(self.snapshot.alarm_list)
        self.alarm_dialog.show()

    def _alarms_closed(self) -> None:
        self.alarm_dialog = None

    @asyncSlot(int)
    async def on_acknowledge(self, alarm_id: int) -> None:
        """Operator: acknowledge one alarm."""
        try:
            await self.engine.acknowledge_alarm(alarm_id, self.actor)
        except HmiError as exc:
            self._tell(self.tr("Acknowledge"), str(exc))

    @asyncSlot(int)
    async def on_shelve(self, alarm_id: int) -> None:
        """Supervisor: shelve one alarm for a while, with a reason."""
        await self.shelve_flow(alarm_id)

    async def shelve_flow(self, alarm_id: int, minutes: float = 60.0) -> bool:
        """PIN, reason, shelve for `minutes`; True when shelved."""
        approved, token = await self.check_supervisor(
            self.tr("Enter the supervisor PIN to shelve the alarm"), Command.SHELVE_ALARM
        )
        if not approved:
            return False
        reason = await self.ask_text(self.tr("Shelve alarm"), self.tr("Why is it shelved?"))
        if reason is None:
            return False
        try:
            await self.engine.shelve_alarm(alarm_id, SUPERVISOR, minutes, reason, pin=token)
        except HmiError as exc:
            self._tell(self.tr("Shelve alarm"), str(exc))
            return False
        return True

    @asyncSlot()
    async def on_audit(self) -> None:
        """Open the audit trail."""
        dialog = AuditDialog(self)
        self.dialog = dialog
        dialog.filter_requested.connect(lambda: asyncio.ensure_future(self.load_audit(dialog)))
        dialog.export_requested.connect(lambda: asyncio.ensure_future(self.export_audit(dialog)))
        try:
            await self.load_audit(dialog)
            await run_dialog(dialog)
        finally:
            dialog.deleteLater()
            self.dialog = None

    async def load_audit(self, dialog: AuditDialog) -> None:
        """Fill the audit dialog with the entries its filter selects."""
        try:
            dialog.show_entries(await self.engine.audit_entries(1000, **dialog.filters()))
        except HmiError as exc:
            self._tell(self.tr("Audit trail"), str(exc))

    async def export_audit(self, dialog: AuditDialog, path: Path | None = None) -> Path | None:
        """Ask where (unless given) and write the filtered audit trail as CSV."""
        if path is None:
            path = await self.ask_path(self.tr("Export audit trail"), "audit.csv", "CSV (*.csv)")
        if path is None:
            return None
        try:
            count = await self.engine.export_audit_csv(path, **dialog.filters())
        except HmiError as exc:
            self._tell(self.tr("Audit trail"), str(exc))
            return None
        dialog.count.setText(
            self.tr("%1 entries exported to %2").replace("%1", str(count)).replace("%2", str(path))
        )
        return path

    async def ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        """A save-file dialog (Qt's own, touch friendly) opened without exec()."""
        dialog = QFileDialog(self, title, str(self.reports_folder / name), pattern)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.dialog = dialog
        try:
            if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            files = dialog.selectedFiles()
            return Path(files[0]) if files else None
        finally:
            dialog.deleteLater()
            self.dialog = None

    async def batch_record_pdf(self, mo_id: int, path: Path | None = None) -> Path | None:
        """Write the batch record PDF of an archived batch (asks where unless given)."""
        try:
            record = await self.engine.batch_record(mo_id)
            if path is None:
                name = record.batch.mo_name.replace("/", "-") + ".pdf"
                path = await self.ask_path(self.tr("Batch record"), name, "PDF (*.pdf)")
            if path is None:
                return None
            self.last_pdf = write_batch_record(record, path)
        except HmiError as exc:
            self._tell(self.tr("Batch record"), str(exc))
            return None
        return self.last_pdf

    @asyncSlot()
    async def on_shift_report(self) -> None:
        """The shift report of the last SHIFT_HOURS hours as a PDF."""
        await self.shift_report_pdf()

    async def shift_report_pdf(
        self, path: Path | None = None, hours: float = SHIFT_HOURS
    ) -> Path | None:
        """Write the shift report PDF for the last `hours` (asks where unless given)."""
        until = utcnow()
        try:
            report = await self.engine.shift_report(until - timedelta(hours=hours), until)
            if path is None:
                stamp = until.astimezone().strftime("%Y%m%d-%H%M")
                path = await self.ask_path(
                    self.tr("Shift report"), f"shift-{stamp}.pdf", "PDF (*.pdf)"
                )
            if path is None:
                return None
            self.last_pdf = write_shift_report(report, path)
        except HmiError as exc:
            self._tell(self.tr("Shift report"), str(exc))
            return None
        return self.last_pdf

    # -- log console ---------------------------------------------------------------------
    def _start_loading_log(self) -> None:
        """Start loading the persisted log once the event loop runs."""
        self.log_loaded = asyncio.ensure_future(self.load_log())

    async def load_log(self) -> None:
        """Show the persisted event log so a restart shows the last shift."""
        try:
            events = await self.engine.recent_events(500)
        except HmiError as exc:
            self.console.add_event(self._note("WARNING", f"event log: {exc}"))
            return
        self.console.load_history(events)

    def _note(self, level: str, message: str) -> EngineEvent:
        """A console line from the window itself."""
        from hmi.domain.links import utcnow
        from hmi.domain.messages import plain

        return EngineEvent(at=utcnow(), level=level, source="operator", message=plain(message))

    def _tell(self, title: str, message: str) -> None:
        """Show a message without blocking the loop (open(), not exec())."""
        self.console.add_event(self._note("WARNING", f"{title}: {message}"))
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
