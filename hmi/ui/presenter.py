"""The window's presenter (mu editor's split): the operator's flows, with no widget in sight.

PIN → reason → command, fetch preview → confirm, settings → save, PDFs and the audit CSV
are decided here and tested with a fake view; the view (`MainWindow`) only shows what it
is told and asks what it is asked. Files are written off the Qt thread. Every refusal
reaches the view as a `Message` (rendered in the operator's language there).

Every supervised command runs through one place, `WindowPresenter.supervised`: ask the
engine whether it may run (greyed with the reason otherwise), the supervisor's approval
(today the PIN on the keypad), a reason, then the command with the approval token. A
sign-in with named users replaces `approve` and nothing else. The supervised recoveries
(issue 11) are `hmi.ui.recovery_flows`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from hmi.config import Settings
from hmi.domain.errors import HmiError
from hmi.domain.links import utcnow
from hmi.domain.localtime import to_local
from hmi.domain.messages import Message, msg
from hmi.domain.roles import Command
from hmi.domain.shifts import ShiftSpan
from hmi.domain.users import User
from hmi.engine.odoo_secret import OdooSecret
from hmi.engine.permissions import PROTECTED, Action
from hmi.engine.roles import SupervisorToken
from hmi.engine.snapshot import FetchPreview
from hmi.ui.engine_api import EngineApi
from hmi.ui.recovery_flows import RecoveryFlows, RecoveryView
from hmi.ui.session import Session, UserEdit

log = logging.getLogger(__name__)
OPERATOR = "operator"
SUPERVISOR = "supervisor"
SHIFT_HOURS = 8
#: A protected command may run: (approved, the PIN token to pass to the engine).
Approval = tuple[bool, SupervisorToken | None]
#: Writes a record to a path in a language, returns the path (runs in a worker thread).
Writer = Callable[[Any, Path, str], Path]
#: A supervised command once approved: (actor, reason, approval token) → the engine's coroutine.
Supervised = Callable[[str, str, SupervisorToken | None], Awaitable[Any]]


class View(RecoveryView, Protocol):
    """What the presenter needs from the window (a fake one in tests)."""

    @property
    def language(self) -> str:
        """The window's language (records are written in it)."""
        ...

    def ask_pin(self, command: str, locked: bool, who: str = "") -> Awaitable[str | None]:
        """The PIN of `who` (the signed-in user) on the keypad, or None when cancelled."""
        ...

    def ask_identity(
        self, purpose: str, names: tuple[str, ...]
    ) -> Awaitable[tuple[str, str] | None]:
        """(name or badge, PIN) of a user allowed to approve `purpose`, or None."""
        ...

    def ask_first_admin(self) -> Awaitable[tuple[str, str, str] | None]:
        """(name, PIN, badge) of the first administrator, or None."""
        ...

    def edit_users(self, users: list[User]) -> Awaitable[UserEdit | None]:
        """One change to the named users, or None."""
        ...

    def show_user(self, user: User | None) -> None:
        """Show who is signed in (the header)."""

    def ask_reason(self, purpose: str) -> Awaitable[str | None]:
        """A reason for the command `purpose` (an Action value) picked or typed, or None."""
        ...

    def confirm_fetch(self, preview: FetchPreview) -> Awaitable[bool]:
        """Show what a fetch would queue and refuse; True on Confirm."""
        ...

    def edit_settings(
        self, settings: Settings, secret_supported: bool
    ) -> Awaitable[tuple[Settings, str] | None]:
        """The edited settings and a new Odoo secret ('' = unchanged), or None on Cancel."""
        ...

    def ask_path(self, kind: str, name: str) -> Awaitable[Path | None]:
        """Where to save a file of `kind` ("pdf" or "csv"), suggested `name`; None = cancel."""
        ...

    def tell(self, action: str, message: Message) -> None:
        """Show that `action` did not happen, and why (calm, not blocking)."""

    def note(self, level: str, message: Message) -> None:
        """One line in the log console from the window itself."""

    def settings_applied(self, before: Settings, after: Settings) -> None:
        """New settings were saved: follow language, kiosk mode and line name."""


@dataclass(frozen=True)
class Writers:
    """The PDF writers (Qt's QPdfWriter, in hmi.ui.batch_record), injected for tests."""

    batch_record: Writer
    shift_report: Writer


def default_writers() -> Writers:
    """The real PDF writers."""
    from hmi.ui.batch_record import write_batch_record, write_shift_report

    return Writers(write_batch_record, write_shift_report)


class WindowPresenter:
    """Runs the operator's flows against the engine for a view."""

    def __init__(
        self,
        engine: EngineApi,
        view: View,
        *,
        secret: OdooSecret | None = None,
        writers: Writers | None = None,
        actor: str = OPERATOR,
    ) -> None:
        self.engine = engine
        self.view = view
        self.secret = secret
        self.writers = writers or default_writers()
        self.session = Session(engine, view, lambda: float(engine.settings.ui.idle_signout_min))
        del actor  # who acts is the signed-in user (hmi.ui.session)
        self.fetching = False
        self.last_file: Path | None = None
        self.recovery = RecoveryFlows(self)

    @property
    def recovery_view(self) -> RecoveryView:
        """The view, as the recoveries ask it."""
        return self.view

    async def ask_path(self, kind: str, name: str) -> Path | None:
        """Where to save a file (the view decides: the reports folder on a panel)."""
        return await self.view.ask_path(kind, name)

    # -- shared steps ----------------------------------------------------------------------

    def refused(self, action: Action, **target: Any) -> bool:
        """True (and the view told why) when the engine would refuse `action` now."""
        why = self.engine.why_not(action, **target)
        if why is not None:
            self.view.tell(action.value, why)
        return why is not None

    @property
    def actor(self) -> str:
        """Who the window's unprotected actions are recorded for (the signed-in user)."""
        return self.session.actor

    async def _locked(self, who: str) -> bool:
        status = await self.engine.pin_status(who)
        return status.locked(utcnow())

    async def approve(self, command: Command) -> Approval:
        """A named user allowed to run `command` proves it with their PIN (the signed-in
        user's, or an approver's), checked by the engine (role and lockout included)."""
        return await self.session.approve(command, self._locked)

    @staticmethod
    def approver(token: SupervisorToken | None) -> str:
        """The name of the user an approval belongs to (recorded with the command)."""
        return token.user.name if token is not None and token.user is not None else ""

    async def supervised(
        self, action: Action, run: Supervised, *, mo_id: int | None = None, **target: Any
    ) -> bool:
        """The one supervised flow: refused with the reason when the engine would refuse,
        then the supervisor's approval, then a reason, then `run(actor, reason, token)`.
        True when the command ran; every refusal or failure is told to the operator."""
        if self.refused(action, mo_id=mo_id, **target):
            return False
        approved, token = await self.approve(PROTECTED[action])
        if not approved:
            return False
        reason = await self.view.ask_reason(action.value)
        if reason is None:
            return False
        return await self.run(action.value, run(self.approver(token), reason, token))

    async def run(self, action: str, job: Awaitable[Any]) -> bool:
        """Await an engine command; an HmiError is told to the operator, never raised."""
        try:
            await job
        except HmiError as exc:
            self.view.tell(action, exc.message)
            return False
        return True

    # -- queue -------------------------------------------------------------------------------

    async def fetch(self) -> bool:
        """Preview, confirm, queue only on Confirm; True when batches were queued (when none
        was, the operator is told why: Odoo changed meanwhile, the queue was filled, …)."""
        if self.fetching or self.refused(Action.FETCH):
            return False
        self.fetching = True
        try:
            preview = await self.engine.preview_fetch()
            if not await self.view.confirm_fetch(preview):
                self.view.note("INFO", msg("window.fetch_cancelled"))
                return False
            result = await self.engine.confirm_fetch(preview, self.actor)
            if not result.queued:
                self.view.tell(Action.FETCH.value, result.message)
            return result.queued > 0
        except HmiError as exc:
            self.view.tell(Action.FETCH.value, exc.message)
            return False
        finally:
            self.fetching = False

    async def set_auto_fetch(self, enabled: bool) -> bool:
        """Automatic fetching on or off."""
        return await self.run("auto_fetch", self.engine.set_auto_fetch(enabled, self.actor))

    async def retry(self, mo_id: int) -> bool:
        """Retry a failed or refused batch now."""
        if self.refused(Action.RETRY, mo_id=mo_id):
            return False
        return await self.run(Action.RETRY.value, self.engine.retry_now(mo_id, self.actor))

    async def cancel(self, mo_id: int) -> bool:
        """Cancel a batch: supervisor PIN, then a reason."""
        return await self.supervised(
            Action.CANCEL,
            lambda actor, reason, pin: self.engine.cancel_batch(mo_id, actor, reason, pin=pin),
            mo_id=mo_id,
        )

    async def clear_queue(self) -> bool:
        """Clear the queue: supervisor PIN, then a reason."""
        return await self.supervised(
            Action.CLEAR_QUEUE,
            lambda actor, reason, pin: self.engine.clear_queue(actor, reason, pin=pin),
        )

    # -- alarms ------------------------------------------------------------------------------

    async def acknowledge(self, alarm_id: int) -> bool:
        """Acknowledge one alarm (any operator)."""
        if self.refused(Action.ACKNOWLEDGE, alarm_id=alarm_id):
            return False
        job = self.engine.acknowledge_alarm(alarm_id, self.actor)
        return await self.run(Action.ACKNOWLEDGE.value, job)

    async def acknowledge_all(self) -> int:
        """Acknowledge every alarm waiting for it; how many were acknowledged."""
        if self.refused(Action.ACKNOWLEDGE_ALL):
            return 0
        waiting = [a.id for a in self.engine.snapshot().alarm_list if not a.acknowledged]
        done = 0
        for alarm_id in waiting:
            if await self.run(
                Action.ACKNOWLEDGE.value, self.engine.acknowledge_alarm(alarm_id, self.actor)
            ):
                done += 1
        return done

    async def shelve(self, alarm_id: int, minutes: float) -> bool:
        """Shelve an alarm for `minutes`: supervisor PIN, then a reason."""
        return await self.supervised(
            Action.SHELVE,
            lambda actor, reason, pin: self.engine.shelve_alarm(
                alarm_id, actor, minutes, reason, pin=pin
            ),
            alarm_id=alarm_id,
        )

    # -- settings ----------------------------------------------------------------------------

    async def settings(self) -> bool:
        """PIN, settings dialog, save (and the Odoo secret); True when saved."""
        approved, token = await self.approve(Command.CHANGE_SETTINGS)
        if not approved:
            return False
        before = self.engine.settings
        edited = await self.view.edit_settings(before, self.secret is not None)
        if edited is None:
            return False
        new, secret = edited
        try:
            await self.engine.apply_settings(new, self.approver(token), pin=token)
            if secret and self.secret is not None:
                await self.secret.save(new.odoo, secret)
        except HmiError as exc:
            self.view.tell(Action.SETTINGS.value, exc.message)
            return False
        self.view.settings_applied(before, new)
        return True

    # -- records -----------------------------------------------------------------------------

    async def _write(self, what: str, writer: Writer, record: Any, path: Path) -> Path | None:
        """Write a PDF in a worker thread; tell the operator where, or why not."""
        try:
            written = await asyncio.to_thread(writer, record, path, self.view.language)
        except HmiError as exc:
            self.view.tell(what, exc.message)
            return None
        except OSError as exc:
            self.view.tell(
                what, msg("window.file_failed", path=str(path), error=exc.strerror or "")
            )
            return None
        self.last_file = written
        self.view.note(
            "INFO",
            msg("window.file_written", what=Message(f"window.what.{what}"), path=str(written)),
        )
        return written

    async def batch_record(self, mo_id: int, path: Path | None = None) -> Path | None:
        """The batch record PDF of an archived batch (asks where unless given)."""
        try:
            record = await self.engine.batch_record(mo_id)
        except HmiError as exc:
            self.view.tell("batch_record", exc.message)
            return None
        if path is None:
            path = await self.view.ask_path("pdf", record.batch.mo_name.replace("/", "-") + ".pdf")
        if path is None:
            return None
        return await self._write("batch_record", self.writers.batch_record, record, path)

    async def shift_report(
        self, path: Path | None = None, shift: ShiftSpan | None = None
    ) -> Path | None:
        """The shift report PDF of `shift` (default: the one running now; asks where unless
        given)."""
        try:
            report = await self.engine.shift_report(shift)
        except HmiError as exc:
            self.view.tell("shift_report", exc.message)
            return None
        if path is None:
            stamp = to_local(report.since).strftime("%Y%m%d-%H%M")
            name = report.shift_name.split(" ")[0] if report.shift_name else "shift"
            path = await self.view.ask_path("pdf", f"shift-{stamp}-{name}.pdf")
        if path is None:
            return None
        return await self._write("shift_report", self.writers.shift_report, report, path)

    async def audit_entries(self, filters: dict[str, str | None]) -> list[Any] | None:
        """The audit entries a filter selects (None, and the operator told, on failure)."""
        try:
            return list(await self.engine.audit_entries(1000, **filters))
        except HmiError as exc:
            self.view.tell(Action.AUDIT.value, exc.message)
            return None

    async def export_audit(self, filters: dict[str, Any], path: Path | None = None) -> Path | None:
        """Write the filtered audit trail as CSV (in the engine's database thread)."""
        if path is None:
            path = await self.view.ask_path("csv", "audit.csv")
        if path is None:
            return None
        try:
            count = await self.engine.export_audit_csv(path, **filters)
        except HmiError as exc:
            self.view.tell(Action.AUDIT.value, exc.message)
            return None
        self.last_file = path
        self.view.note("INFO", msg("window.audit_exported", count=count, path=str(path)))
        return path

    async def recent_events(self) -> list[Any]:
        """The persisted event log (a restart shows the last shift)."""
        try:
            return list(await self.engine.recent_events(500))
        except HmiError as exc:
            self.view.note("WARNING", msg("window.event_log_unreadable", error=exc.message))
            return []
