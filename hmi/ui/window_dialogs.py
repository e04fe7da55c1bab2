"""The view side of the presenter's questions: the PIN pad, the reason keyboard, the fetch
preview, the settings, the calm message. A mixin of `MainWindow`; every dialog is opened
with `open()` and awaited (never `exec()` inside a coroutine, STYLE.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from hmi.config import Settings
from hmi.domain.links import utcnow
from hmi.domain.messages import Message
from hmi.domain.roles import Command
from hmi.engine.snapshot import EngineEvent, FetchPreview
from hmi.ui.dialogs import run_dialog
from hmi.ui.fetch_dialog import FetchDialog
from hmi.ui.i18n import QT_TRANSLATE_NOOP, current_language, say
from hmi.ui.keyboard import KeyboardDialog
from hmi.ui.log_console import LogConsole
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.settings_dialog import SettingsDialog
from hmi.ui.touch import TextDialog

#: The PIN pad's question per protected command.
PIN_PROMPTS = {
    Command.CANCEL_BATCH.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to cancel a batch"
    ),
    Command.CLEAR_QUEUE.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to clear the queue"
    ),
    Command.SHELVE_ALARM.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to shelve the alarm"
    ),
    Command.CHANGE_SETTINGS.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to change settings"
    ),
    Command.RESEND_BATCHES.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to resend the batches"
    ),
    Command.ACK_PLC_SLOT.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to acknowledge the PLC slot"
    ),
    Command.DECIDE_IMPLAUSIBLE.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to decide about the values"
    ),
    Command.RELEASE_CLAIM.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to release the claim"
    ),
    Command.RESOLVE_UNKNOWN_PLC.value: QT_TRANSLATE_NOOP(
        "WindowDialogs", "Enter the supervisor PIN to resolve the unknown batches"
    ),
}
#: (title, question) of the reason keyboard per command (a permissions.Action value).
REASON_QUESTIONS = {
    "cancel": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Cancel batch"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is this batch cancelled?"),
    ),
    "clear_queue": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Clear queue"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is the queue cleared?"),
    ),
    "shelve": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Shelve alarm"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is it shelved?"),
    ),
    "resend_batches": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Resend batches"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why are the batches resent?"),
    ),
    "ack_plc_slot": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Acknowledge PLC slot"),
        QT_TRANSLATE_NOOP("WindowDialogs", "What did you check before acknowledging the slot?"),
    ),
    "accept_values": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Accept the PLC's values"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why are the PLC's values right?"),
    ),
    "enter_weights": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Scale ticket"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Which scale ticket? Why are its weights used?"),
    ),
    "abort_batch": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Abort the batch"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is the batch aborted?"),
    ),
    "release_claim": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Release claim"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is the other panel's claim released?"),
    ),
    "resolve_unknown": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Resolve unknown batches"),
        QT_TRANSLATE_NOOP("WindowDialogs", "What did you check in Odoo and at the PLC?"),
    ),
    "resend_held": (
        QT_TRANSLATE_NOOP("WindowDialogs", "Resend with the current table"),
        QT_TRANSLATE_NOOP("WindowDialogs", "Why is the batch resent with the current table?"),
    ),
}
#: The standard reasons offered when the settings name none.
STANDARD_REASONS = (
    QT_TRANSLATE_NOOP("WindowDialogs", "Wrong order or product"),
    QT_TRANSLATE_NOOP("WindowDialogs", "Material missing"),
    QT_TRANSLATE_NOOP("WindowDialogs", "Equipment fault"),
    QT_TRANSLATE_NOOP("WindowDialogs", "Planned maintenance"),
    QT_TRANSLATE_NOOP("WindowDialogs", "Order changed in Odoo"),
    QT_TRANSLATE_NOOP("WindowDialogs", "Test batch"),
)
#: The title of a calm message per action that did not happen.
ACTION_TITLES = {
    "fetch": QT_TRANSLATE_NOOP("WindowDialogs", "Fetch orders"),
    "auto_fetch": QT_TRANSLATE_NOOP("WindowDialogs", "Automatic fetch"),
    "retry": QT_TRANSLATE_NOOP("WindowDialogs", "Retry"),
    "cancel": QT_TRANSLATE_NOOP("WindowDialogs", "Cancel batch"),
    "clear_queue": QT_TRANSLATE_NOOP("WindowDialogs", "Clear queue"),
    "acknowledge": QT_TRANSLATE_NOOP("WindowDialogs", "Acknowledge"),
    "acknowledge_all": QT_TRANSLATE_NOOP("WindowDialogs", "Acknowledge all"),
    "shelve": QT_TRANSLATE_NOOP("WindowDialogs", "Shelve alarm"),
    "settings": QT_TRANSLATE_NOOP("WindowDialogs", "Settings not saved"),
    "pin": QT_TRANSLATE_NOOP("WindowDialogs", "Supervisor PIN"),
    "batch_record": QT_TRANSLATE_NOOP("WindowDialogs", "Batch record"),
    "shift_report": QT_TRANSLATE_NOOP("WindowDialogs", "Shift report"),
    "audit": QT_TRANSLATE_NOOP("WindowDialogs", "Audit trail"),
    "history": QT_TRANSLATE_NOOP("WindowDialogs", "History"),
    "batch_detail": QT_TRANSLATE_NOOP("WindowDialogs", "Batch"),
    "refused_orders": QT_TRANSLATE_NOOP("WindowDialogs", "Refused orders"),
    "probe_plc": QT_TRANSLATE_NOOP("WindowDialogs", "PLC probe"),
    "resend_batches": QT_TRANSLATE_NOOP("WindowDialogs", "Resend batches"),
    "ack_plc_slot": QT_TRANSLATE_NOOP("WindowDialogs", "Acknowledge PLC slot"),
    "decide": QT_TRANSLATE_NOOP("WindowDialogs", "Implausible values"),
    "read_again": QT_TRANSLATE_NOOP("WindowDialogs", "Read again"),
    "accept_values": QT_TRANSLATE_NOOP("WindowDialogs", "Accept the PLC's values"),
    "enter_weights": QT_TRANSLATE_NOOP("WindowDialogs", "Scale ticket"),
    "abort_batch": QT_TRANSLATE_NOOP("WindowDialogs", "Abort the batch"),
    "release_claim": QT_TRANSLATE_NOOP("WindowDialogs", "Release claim"),
    "resolve_unknown": QT_TRANSLATE_NOOP("WindowDialogs", "Resolve unknown batches"),
    "resend_held": QT_TRANSLATE_NOOP("WindowDialogs", "Resend with the current table"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowDialogs", text)


class DialogHost:
    """Implements the presenter's `View` questions with touch dialogs (mixin of MainWindow)."""

    console: LogConsole
    dialog: QDialog | None
    fetch_dialog: FetchDialog | None
    message_box: TextDialog | None
    reports_folder: Path

    if TYPE_CHECKING:  # MainWindow's read-only property

        @property
        def settings_of(self) -> Settings: ...

    @property
    def language(self) -> str:
        """The language the window speaks now (PDFs are written in it)."""
        return current_language()

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    async def ask_pin(self, command: str, locked: bool, who: str = "") -> str | None:
        """The PIN of `who` (the signed-in user) from the keypad, or None."""
        default = QT_TRANSLATE_NOOP("WindowDialogs", "Enter the supervisor PIN")
        prompt = _tr(PIN_PROMPTS.get(command, default))
        if who:
            prompt = QCoreApplication.translate("WindowDialogs", "%1: your PIN for '%2'")
            prompt = prompt.replace("%1", who).replace("%2", command)
        pad = PinPadDialog(prompt, self._parent())
        if who:
            pad.setWindowTitle(
                QCoreApplication.translate("WindowDialogs", "PIN of %1").replace("%1", who)
            )
        if locked:
            pad.message.setText(
                QCoreApplication.translate(
                    "WindowDialogs", "This PIN is locked after too many wrong PINs."
                )
            )
        self.dialog = pad
        try:
            accepted = await run_dialog(pad) == QDialog.DialogCode.Accepted
            return pad.pin() if accepted else None
        finally:
            pad.deleteLater()
            self.dialog = None

    def standard_reasons(self) -> tuple[str, ...]:
        """The plant's standard reasons from the settings, or the built-in ones translated."""
        configured = [r.strip() for r in self.settings_of.ui.standard_reasons.split(";")]
        chosen = tuple(r for r in configured if r)
        return chosen or tuple(_tr(r) for r in STANDARD_REASONS)

    async def ask_reason(self, purpose: str) -> str | None:
        """A reason picked from the standard ones or typed on the keyboard, or None."""
        title, question = REASON_QUESTIONS.get(
            purpose,
            (
                QT_TRANSLATE_NOOP("WindowDialogs", "Reason"),
                QT_TRANSLATE_NOOP("WindowDialogs", "Why?"),
            ),
        )
        ask = KeyboardDialog(
            _tr(title),
            _tr(question),
            choices=self.standard_reasons(),
            required=True,
            parent=self._parent(),
        )
        self.dialog = ask
        try:
            accepted = await run_dialog(ask) == QDialog.DialogCode.Accepted
            return ask.value() if accepted else None
        finally:
            ask.deleteLater()
            self.dialog = None

    async def confirm_fetch(self, preview: FetchPreview) -> bool:
        """The fetch preview; True on Confirm."""
        self.fetch_dialog = FetchDialog(preview, self._parent())
        try:
            return await run_dialog(self.fetch_dialog) == QDialog.DialogCode.Accepted
        finally:
            self.fetch_dialog.deleteLater()
            self.fetch_dialog = None

    async def edit_settings(
        self, settings: Settings, secret_supported: bool
    ) -> tuple[Settings, str] | None:
        """The settings dialog; the new settings and secret on Save, None on Cancel."""
        engine, presenter = getattr(self, "engine", None), getattr(self, "presenter", None)
        dialog = SettingsDialog(
            settings,
            secret_supported,
            self._parent(),
            probe=presenter.recovery.probe_plc if presenter is not None else None,
            probe_why=(lambda: engine.why_not("probe_plc")) if engine is not None else None,
        )
        self.dialog = dialog
        try:
            if await run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return dialog.settings(), dialog.new_secret()
        finally:
            dialog.deleteLater()
            self.dialog = None

    async def ask_path(self, kind: str, name: str) -> Path | None:
        """Files go to the reports folder (no file browser on a touch panel); the log and the
        message say where."""
        folder = self.reports_folder
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def tell(self, action: str, message: Message) -> None:
        """A calm, non-blocking message that an action did not happen, and why."""
        title = _tr(ACTION_TITLES.get(action, QT_TRANSLATE_NOOP("WindowDialogs", "Notice")))
        self.note("WARNING", message, title)
        box = self.message_box
        if box is None or not box.isVisible():
            box = TextDialog(title, say(message), self._parent())
            self.message_box = box
            box.finished.connect(lambda _code: setattr(self, "message_box", None))
            box.open()
        else:
            box.setWindowTitle(title)
            box.text.setText(say(message))

    def note(self, level: str, message: Message, title: str = "") -> None:
        """A line in the log console from the window itself (the operator's actions)."""
        del title
        self.console.add_event(
            EngineEvent(at=utcnow(), level=level, source="operator", message=message)
        )
