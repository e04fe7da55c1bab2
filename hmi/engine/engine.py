"""The engine: composes the links, the store and the three tasks; no widgets.

The UI (and the headless runner) drive it through `EngineDriver` timers and its
commands; they see it only through `EngineSnapshot`s and `EngineEvent`s.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from hmi.config import Settings, save_settings
from hmi.domain.acks import AckState
from hmi.domain.alarms import Alarm, banner_order, check_shelve_minutes, kind_of
from hmi.domain.audit import AuditNote, ChainReport
from hmi.domain.equipment import EquipmentTable
from hmi.domain.errors import HmiError, ValidationError
from hmi.domain.links import LinkState, utcnow
from hmi.domain.localtime import set_plant_zone
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, Refusal
from hmi.domain.roles import Command, PinAttempts
from hmi.domain.shifts import ShiftSpan, parse_shifts, recent_shifts
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.domain.unknown_batches import UnknownSlot, UnknownState
from hmi.domain.users import User
from hmi.engine import recovery, users
from hmi.engine.clock_steps import pin_lockout, shelving
from hmi.engine.commissioning_alarms import check_commissioning
from hmi.engine.complete import complete_batches
from hmi.engine.context import EngineContext
from hmi.engine.fetch import ensure_odoo, fill_queue, preview
from hmi.engine.gate import gate_view, read_ready
from hmi.engine.health import Health
from hmi.engine.maintenance import send_outbox, take_equipment_failure
from hmi.engine.manual_weighing import take_manual_weighing
from hmi.engine.permissions import why_not
from hmi.engine.plant_files import config_dir_of
from hmi.engine.ports import OdooPort, PlcPort, StorePort
from hmi.engine.probe import ProbeReport, probe_connection
from hmi.engine.reconcile import reconcile
from hmi.engine.reference_check import (
    check_reference,
    held_mo_id,
    is_held,
    resend_with_current_table,
)
from hmi.engine.reports import (
    BatchRecord,
    ShiftReport,
    batch_record,
    current_shift,
    shift_report,
)
from hmi.engine.roles import Roles, SupervisorToken, lock_key
from hmi.engine.settings_check import check_settings
from hmi.engine.single_flight import SingleFlight
from hmi.engine.snapshot import (
    EngineEvent,
    EngineSnapshot,
    FetchPreview,
    FetchResult,
    RecoveryFacts,
)
from hmi.engine.sync import SyncState, check_plc_once, sync_plc
from hmi.engine.watchdog import Watchdog
from hmi.store.records import AuditEntry, audit_csv

log = logging.getLogger("hmi.engine")
T = TypeVar("T")
CANCELLABLE = (
    BatchState.QUEUED,
    BatchState.SENT,
    BatchState.FAILED,
    BatchState.FINISHED,
    BatchState.NEEDS_ATTENTION,
)
#: States in which a batch is on the PLC: the queue cannot be cleared then.
ON_PLC = (BatchState.SENT, BatchState.RUNNING)
PRUNE_EVERY_S = 86_400.0
ALARM_LIST_SIZE = 200
ALARM_READ_S = 2.0
Pin = str | SupervisorToken | None


class Engine:
    """Runs Task 1 (fetch), Task 2 (PLC sync) and Task 3 (complete) and the operator commands."""

    def __init__(
        self,
        settings: Settings,
        plc: PlcPort,
        odoo: OdooPort,
        store: StorePort,
        equipment: EquipmentTable,
        *,
        settings_path: Path | None = None,
    ) -> None:
        self.ctx = EngineContext(settings, plc, odoo, store, equipment)
        set_plant_zone(settings.ui.time_zone or None)
        self.settings_path = settings_path
        self.fetch_flight = SingleFlight("fetch")
        self.sync_flight = SingleFlight("sync")
        self.complete_flight = SingleFlight("complete")
        self.sync_state = SyncState()
        self.auto_fetch = settings.tasks.auto_fetch
        self._listeners: list[Callable[[EngineSnapshot], None]] = []
        self._settings_listeners: list[Callable[[Settings], None]] = []
        self._snapshot = EngineSnapshot(auto_fetch=self.auto_fetch)
        self._stopping = False
        self.roles = Roles(self.ctx)
        self._last_prune: float | None = None  # time.monotonic() of the last retention run
        self._alarms_read_at = float("-inf")  # time.monotonic() of the last alarm list read
        self._alarms_read_generation = -1
        self.health = Health()
        self.watchdog = Watchdog(self.ctx)
        self._heartbeat_at = float("-inf")  # time.monotonic() of the last Odoo heartbeat

    # -- observation ---------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self.ctx.settings

    def snapshot(self) -> EngineSnapshot:
        """The latest snapshot."""
        return self._snapshot

    @property
    def equipment(self) -> EquipmentTable:
        """The equipment table in force: which silo or tank holds which material."""
        return self.ctx.equipment

    def why_not(
        self,
        command: str,
        *,
        mo_id: int | None = None,
        slot: int | None = None,
        alarm_id: int | None = None,
    ) -> Message | None:
        """None if `command` may run now, else why not, in the operator's words: the one
        answer for every command the window offers, the supervised recoveries included
        (`hmi.engine.permissions`; no I/O). `command`: a `permissions.Action` value or a
        supervisor command's audit name (`hmi.domain.roles.Command`); `mo_id`, `slot` and
        `alarm_id` name what it is about."""
        return why_not(self._snapshot, command, mo_id=mo_id, slot=slot, alarm_id=alarm_id)

    def add_listener(self, callback: Callable[[EngineSnapshot], None]) -> None:
        """Call `callback` with every new snapshot."""
        self._listeners.append(callback)

    def add_event_listener(self, callback: Callable[[EngineEvent], None]) -> None:
        """Call `callback` with every engine event (log console)."""
        self.ctx.listeners.append(callback)

    def add_settings_listener(self, callback: Callable[[Settings], None]) -> None:
        """Call `callback` when settings were changed and saved (timer intervals)."""
        self._settings_listeners.append(callback)

    # -- life cycle ----------------------------------------------------------------------

    def _watch_link(self, link: Any, source: str) -> None:
        """Turn a link's state changes into one event line each."""
        add = getattr(link, "add_state_listener", None)
        if add is None:
            return

        def changed(state: LinkState) -> None:
            level = "INFO" if state.up or self._stopping else "WARNING"
            self.ctx.event(level, source, state.message())

        add(changed)

    async def start(self) -> None:
        """Connect the links and reconcile with the PLC and Odoo before any timer runs."""
        self._watch_link(self.ctx.plc, "plc")
        self._watch_link(self.ctx.odoo, "odoo")
        self.ctx.event("INFO", "engine", msg("engine.starting"))
        await self._guard("users", users.migrate_supervisor_pin(self))
        if not await self._guard("users", self.roles.has_administrator()):
            self.ctx.event("WARNING", "engine", msg("users.no_administrator_yet"))
        await self._guard("alarms", self._load_alarms())
        await self.ctx.plc.connect()
        await self._guard("odoo", ensure_odoo(self.ctx))  # a bug at login must not stop start
        self._heartbeat_at = time.monotonic()
        await self._guard("reconcile", reconcile(self.ctx, self.sync_state))
        await self._guard("reconcile", check_plc_once(self.ctx, self.sync_state))
        await self._guard("reference", check_reference(self.ctx))
        await self.refresh()

    async def _load_alarms(self) -> None:
        """Reload the active alarms stored before a restart (they are never lost)."""
        active = await self.ctx.db.call(self.ctx.store.active_alarms)
        self.ctx.alarms = {alarm.key: alarm.text for alarm in active}
        if active:
            self.ctx.event("INFO", "alarm", msg("alarm.still_active", count=len(active)))

    async def stop(self) -> None:
        """Close the links and the database thread."""
        self._stopping = True
        self.ctx.event("INFO", "engine", msg("engine.stopping"))
        await self.ctx.plc.close()
        await self.ctx.odoo.close()
        self.ctx.db.shutdown()

    async def _guard(self, name: str, job: Awaitable[T]) -> T | None:
        """Run a task body under its health record (hmi.engine.health): a failure is counted
        and said once per distinct error, a programming error reported as such; never raised."""
        return await self.health.run(self.ctx, name, job)

    # -- the three tasks -----------------------------------------------------------------

    async def fetch_tick(self) -> FetchResult | None:
        """Task 1 on its timer: fill the queue if the gate is open and auto-fetch is on."""
        if not self.auto_fetch:
            return None
        if not await self._plc_checked():
            return None
        result = await self.fetch_flight.run_or_skip(
            lambda: self._guard("fetch", fill_queue(self.ctx))
        )
        await self.refresh()
        return result

    async def sync_tick(self) -> None:
        """Task 2 on its timer; a fill still running (here or on another panel) is left alone."""
        if self.fetch_flight.running:
            resume_after = float("inf")
        else:
            resume_after = 3 * self.settings.plc.timeout_s + 5.0
        await self.sync_flight.run_or_skip(lambda: self._task2(resume_after))
        await self.refresh()

    async def _plc_checked(self) -> bool:
        """True once the PLC was compared with the database (start-up reconciliation): no
        fill may run before, it could dose again what the PLC holds unknown. Runs a sync."""
        if not self.sync_state.plc_checked:
            await self.sync_tick()
        return self.sync_state.plc_checked

    async def _task2(self, resume_after: float) -> None:
        """Task 2's body: the manual weighing block, the feedback area, then the equipment
        failure block."""
        # hand-added material first: booked before a finish read in this pass is stored
        await self._guard("manual", take_manual_weighing(self.ctx))
        await self._guard("sync", sync_plc(self.ctx, self.sync_state, resume_after_s=resume_after))
        await self._guard("equipment", take_equipment_failure(self.ctx))

    async def complete_tick(self) -> int:
        """Task 3 on its timer; returns how many batches were archived."""
        done = await self.complete_flight.run_or_skip(self._task3)
        await self.refresh()
        return done or 0

    async def _task3(self) -> int | None:
        """Task 3's body: report finished batches, send the outbox, prune once a day."""
        done = await self._guard("complete", complete_batches(self.ctx))
        await self._guard("outbox", send_outbox(self.ctx))
        await self._guard("heartbeat", self._heartbeat())
        if self._last_prune is None or time.monotonic() - self._last_prune >= PRUNE_EVERY_S:
            await self._guard("retention", self.prune_now())
        return done

    async def prune_now(self) -> tuple[int, int]:
        """Retention: delete event-log lines and cleared alarms older than the setting."""
        days = self.settings.alarms.retention_days
        events, alarms = await self.ctx.db.call(
            self.ctx.store.prune, utcnow() - timedelta(days=days)
        )
        self._last_prune = time.monotonic()
        if events or alarms:
            self.ctx.event("INFO", "engine", msg("engine.pruned", events=events, alarms=alarms))
        return events, alarms

    async def _heartbeat(self) -> None:
        """Keep the Odoo link honest while idle: one cheap call every `heartbeat_s` seconds
        (a login attempt while it is down); the link state and its alarm follow."""
        if time.monotonic() - self._heartbeat_at < self.settings.watchdog.heartbeat_s:
            return
        self._heartbeat_at = time.monotonic()
        if not self.ctx.odoo.state.up:
            await ensure_odoo(self.ctx)
            return
        try:
            await self.ctx.odoo.heartbeat()
        except HmiError as exc:
            self.ctx.say_once(
                "odoo.login", "WARNING", "odoo", msg("odoo.offline", error=exc.message)
            )

    # -- snapshots -----------------------------------------------------------------------

    async def refresh(self) -> EngineSnapshot:
        """Rebuild the snapshot from the store and link states; notify listeners on change."""
        try:
            batches = tuple(await self.ctx.db.call(self.ctx.store.batches))
        except HmiError:
            batches = self._snapshot.batches
        now = utcnow()
        gate = gate_view(self.ctx, len(batches))
        status = self.watchdog.update(
            batches, self.sync_state, self.health, gate, auto_fetch=self.auto_fetch
        )
        check_commissioning(self.ctx)
        alarm_list = await self._alarm_list()
        banner = tuple(banner_order(alarm_list, now))
        busy = frozenset(
            f.name for f in (self.fetch_flight, self.sync_flight, self.complete_flight) if f.running
        )
        snapshot = EngineSnapshot(
            batches=batches,
            gate=gate,
            plc=self.ctx.plc.state,
            odoo=self.ctx.odoo.state,
            db=self.ctx.db.state,
            plc_ready=self.ctx.plc_ready,
            running_slot=self.sync_state.running_slot,
            feedback=self.sync_state.feedback,
            auto_fetch=self.auto_fetch,
            busy=busy,
            alarms=tuple(alarm.message for alarm in banner),
            active_alarms=banner,
            alarm_list=tuple(alarm_list),
            line_status=status,
            updated_at=self._snapshot.updated_at,
            recovery=self._recovery_facts(),
            cancel_in_odoo=self.settings.odoo.cancel_mode == "cancel",
        )
        if snapshot != self._snapshot:
            self._snapshot = replace(snapshot, updated_at=utcnow())
            for listener in list(self._listeners):
                listener(self._snapshot)
        return self._snapshot

    def _recovery_facts(self) -> RecoveryFacts:
        """What the recovery commands depend on, frozen for the snapshot (no I/O)."""
        sync, ctx = self.sync_state, self.ctx
        capabilities = getattr(ctx.plc, "capabilities", None)
        return RecoveryFacts(
            feedback=sync.feedback,
            running_slot=sync.running_slot,
            feedback_ok=sync.feedback_ok,
            acks=sync.acks,
            implausible=dict(sync.implausible),
            unknown=sync.unknown,
            lost=tuple(b.mo_id for b in sync.lost),
            ready=ctx.ready.value,
            claims=dict(ctx.claim_waits),
            held=frozenset(mo_id for key in ctx.alarms if (mo_id := held_mo_id(key)) is not None),
            single_connection=bool(getattr(capabilities, "single_connection", False)),
        )

    async def _alarm_list(self) -> list[Alarm]:
        """The stored alarm list, re-read when an alarm changed here or every ALARM_READ_S
        (other panels, shelving ending); the mirror of active keys follows it."""
        generation = self.ctx.alarm_generation
        fresh = time.monotonic() - self._alarms_read_at < ALARM_READ_S
        if fresh and generation == self._alarms_read_generation:
            return list(self._snapshot.alarm_list)
        try:
            listed = await self.alarm_list()
        except HmiError:
            return list(self._snapshot.alarm_list)
        if generation == self.ctx.alarm_generation:
            self.ctx.alarms = {a.key: a.text for a in listed if a.active}
            self._alarms_read_generation = generation
            self._alarms_read_at = time.monotonic()
        return listed

    # -- operator commands ---------------------------------------------------------------

    async def preview_fetch(self) -> FetchPreview:
        """What the Fetch button would queue now; changes nothing."""
        await self._plc_checked()
        result = await self.fetch_flight.run_waiting(lambda: preview(self.ctx))
        await self.refresh()
        return result

    async def confirm_fetch(self, shown: FetchPreview, actor: str) -> FetchResult:
        """Queue exactly what was shown, after re-checking the gate and Odoo's states."""
        result = await self.fetch_flight.run_waiting(lambda: fill_queue(self.ctx, shown, actor))
        await self.refresh()
        return result

    async def _batch(self, mo_id: int) -> Batch:
        """The queued batch with this MO id, or a ValidationError naming it."""
        batch = await self.ctx.db.call(self.ctx.store.get, mo_id)
        if batch is None:
            raise ValidationError(msg("engine.not_in_queue", mo_id=mo_id))
        return batch

    async def cancel_batch(self, mo_id: int, actor: str, reason: str, *, pin: Pin = None) -> None:
        """Cancel a batch the PLC is not dosing: clear its slot, cancel/release the MO, archive.

        Supervisor only: `pin` is the supervisor PIN or a token from `verify_supervisor`.
        """
        if not reason.strip():
            raise ValidationError(msg("engine.reason_required", command=msg("command.cancel")))
        user = await self.roles.require(pin, Command.CANCEL_BATCH, actor)
        await self.sync_flight.run_waiting(lambda: self._cancel(mo_id, user.name, reason.strip()))
        await self.refresh()

    async def _cancel(self, mo_id: int, actor: str, reason: str) -> None:
        """Body of cancel_batch, run under Task 2's lock so the PLC view cannot race it."""
        batch = await self._batch(mo_id)
        lost = {b.mo_id for b in self.sync_state.lost}
        done_on_plc = self._unacknowledged(batch)
        dosing = not done_on_plc and (
            self.sync_state.running_slot == batch.slot
            or (batch.state is BatchState.RUNNING and mo_id not in lost)
        )
        allowed = batch.state in CANCELLABLE or mo_id in lost or done_on_plc
        if not allowed or dosing:
            raise ValidationError(
                msg("engine.cannot_cancel", mo=batch.mo_name, state=_state(batch.state))
            )
        mode = self.settings.odoo.cancel_mode
        if mode == "cancel" and not self.ctx.odoo.state.up:
            # refused before anything changes: a slot cleared for an MO Odoo then keeps open
            # would be offered for a resend, the MO fetched again
            raise ValidationError(msg("why.cancel_odoo_offline", mo=batch.mo_name))
        if batch.state in (BatchState.SENT, BatchState.RUNNING) and not done_on_plc:
            try:
                await self.ctx.plc.clear_slot(batch.slot)
            except HmiError as exc:
                raise ValidationError(
                    msg("engine.slot_not_cleared", slot=batch.slot, error=exc.message)
                ) from exc
            # the PLC may have taken the batch already: if the slot shows up finished anyway,
            # it is acknowledged without booking anything (hmi.engine.acks)
            await self.ctx.db.call(
                self.ctx.store.put_slot_ack, batch.slot, batch.mo_name, AckState.EXPECTED, mo_id
            )
        elif done_on_plc and batch.state in ON_PLC:
            await self.ctx.db.call(
                self.ctx.store.put_slot_ack, batch.slot, batch.mo_name, AckState.PENDING, mo_id
            )
        odoo_refused: Message | None = None
        if mode == "cancel":
            try:
                await self.ctx.odoo.cancel(mo_id)
            except HmiError as exc:
                if batch.state not in (BatchState.SENT, BatchState.RUNNING) or done_on_plc:
                    raise ValidationError(
                        msg("engine.odoo_not_cancelled", mo=batch.mo_name, error=exc.message)
                    ) from exc
                # its slot is cleared already: the batch leaves the queue (never resent), the
                # MO stays open in Odoo, and the supervisor is told to cancel it there
                odoo_refused = msg(
                    "engine.cancelled_odoo_open", mo=batch.mo_name, error=exc.message
                )
                mode = "release"
        note = AuditNote(actor, "", "cancel", batch.mo_name, batch.state.value, mode, reason)
        await self.ctx.db.call(
            self.ctx.store.audited,
            note,
            self.ctx.store.archive,
            mo_id,
            BatchState.CANCELLED,
            actor=actor,
            reason=reason,
        )
        self.ctx.clear_batch_alarms(mo_id)
        if odoo_refused is not None:
            self.ctx.raise_alarm(f"open.{mo_id}", odoo_refused)
        self.ctx.event(
            "WARNING",
            "operator",
            msg("engine.cancelled", actor=actor, mo=batch.mo_name, mode=mode, reason=reason),
        )

    def _unacknowledged(self, batch: Batch) -> bool:
        """True when the batch's slot shows it finished or failed and not yet acknowledged."""
        fb = next((f for f in self.sync_state.feedback if f.slot == batch.slot), None)
        return fb is not None and fb.mo_name == batch.mo_name and (fb.finished or fb.failed)

    async def cancel_unlocked(self, mo_id: int, actor: str, reason: str) -> None:
        """Cancel a batch while the caller holds Task 2's lock (a recovery command)."""
        await self._cancel(mo_id, actor, reason)

    # -- supervised recovery (hmi.engine.recovery; checks in hmi.engine.recovery_checks) ----

    async def resend_lost_batches(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Supervisor: write the sent batches a PLC lost (not started) to it again."""
        count = await recovery.resend_lost(self, actor, reason, pin)
        await self.refresh()
        return count

    async def acknowledge_plc_slot(
        self, slot: int, shown_words: tuple[int, ...], actor: str, reason: str, *, pin: Pin = None
    ) -> None:
        """Supervisor: acknowledge a finished slot the HMI has no batch for, after seeing its
        words (`shown_words`: the slot's raw words as shown; refused if they changed)."""
        await recovery.ack_slot(self, slot, shown_words, actor, reason, pin)
        await self.refresh()

    async def decide_implausible(
        self,
        mo_id: int,
        decision: Decision,
        actor: str,
        reason: str = "",
        *,
        weights: Mapping[int, Decimal | float | int] | None = None,
        pin: Pin = None,
    ) -> None:
        """Supervisor: read again (no PIN), accept the PLC's values, enter the weights from the
        scale ticket (`weights`: kg per equipment id), or abort (cancel) the batch."""
        await recovery.decide(self, mo_id, decision, actor, reason, weights, pin)
        await self.refresh()

    async def release_claim(self, mo_id: int, actor: str, reason: str, *, pin: Pin = None) -> None:
        """Supervisor: drop another panel's report claim on a batch (it crashed)."""
        await recovery.release_claim(self, mo_id, actor, reason, pin)
        await self.refresh()

    async def resolve_unknown_plc_batches(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Supervisor: clear the batches the PLC held unknown to the database, acknowledge its
        unknown finished slots, and open the gate again; an MO whose dosing had started is
        withheld from the fetch until `release_withheld_mo`."""
        count = await recovery.resolve_unknown(self, actor, reason, pin)
        await self.refresh()
        return count

    async def withheld_orders(self) -> list[UnknownSlot]:
        """The MOs the PLC dosed outside the queue, never fetched until a supervisor releases
        them (with who decided, when and why)."""
        return await self.ctx.db.call(self.ctx.store.unknown_batches, UnknownState.WITHHELD)

    async def release_withheld_mo(
        self, mo_name: str, actor: str, reason: str, *, pin: Pin = None
    ) -> None:
        """Supervisor: the MO dosed outside the queue was settled in Odoo (or must be dosed
        again): the fetch may take it again."""
        await recovery.release_withheld(self, mo_name, actor, reason, pin)
        await self.refresh()

    async def retry_now(self, mo_id: int, actor: str) -> None:
        """Retry a batch: report again now, or send a failed batch to the PLC again."""
        batch = await self._batch(mo_id)
        if batch.state in (BatchState.FINISHED, BatchState.NEEDS_ATTENTION):
            note = AuditNote(actor, "", "retry report", batch.mo_name, batch.state.value)
            await self.ctx.db.call(
                self.ctx.store.audited,
                note,
                self.ctx.store.set_state,
                mo_id,
                BatchState.FINISHED,
                next_attempt_at=None,
                report_attempts=0,
                odoo_message="",
                reported_by=actor,
            )
            self.ctx.clear_alarm(f"refused.{mo_id}")
            await self.complete_flight.run_waiting(lambda: complete_batches(self.ctx))
        elif batch.state is BatchState.FAILED:
            if is_held(self.ctx, mo_id):  # reference_check: resend with the current table first
                raise ValidationError(msg("why.retry_held", mo=batch.mo_name))
            await self.sync_flight.run_waiting(lambda: self._resend(batch, actor))
        else:
            raise ValidationError(
                msg("engine.nothing_to_retry", mo=batch.mo_name, state=_state(batch.state))
            )
        await self.refresh()

    async def _resend(self, batch: Batch, actor: str) -> None:
        """Send a failed batch to the PLC again once the PLC is ready."""
        if not await read_ready(self.ctx):
            raise ValidationError(msg("engine.plc_not_ready_retry"))
        self.sync_state.forget_run(batch.slot, batch.mo_id)
        await self.ctx.plc.write_batches([batch])
        note = AuditNote(actor, "", "retry on PLC", batch.mo_name, batch.state.value, "sent")
        await self.ctx.db.call(
            self.ctx.store.audited, note, self.ctx.store.set_state, batch.mo_id, BatchState.SENT
        )
        self.ctx.clear_alarm(f"failed.{batch.mo_id}")
        self.ctx.event("INFO", "operator", msg("engine.sent_again", actor=actor, mo=batch.mo_name))

    async def resend_held(
        self, mo_id: int, actor: str, reason: str = "", *, pin: Pin = None
    ) -> None:
        """Supervisor: resend a batch held by an equipment table change with the current table
        (`reference_check`; `reason` goes to the audit trail); cancelling it is
        `cancel_batch`."""
        user = await self.roles.require(pin, Command.RESEND_HELD, actor)
        await self.sync_flight.run_waiting(
            lambda: resend_with_current_table(self.ctx, mo_id, user.name, reason.strip())
        )
        await self.refresh()

    async def probe_plc(self) -> ProbeReport:
        """Supervisor, in Settings: the commissioning probe (`hmi.engine.probe`) against the
        PLC of the settings in force, on a connection of its own, read only.

        Refused (ValidationError, with the reason) on a PLC that accepts one connection only
        (the engine's own link holds it: a second one would take the line's link down), and
        when the PLC side is not configured or the PLC does not answer."""
        why = self.why_not("probe_plc")
        if why is not None:
            raise ValidationError(why)
        config_dir = config_dir_of(self.settings_path)
        check = await self.ctx.db.call(check_settings, self.settings, config_dir)
        if check.register_map is None or check.plc:
            raise ValidationError(
                msg("probe.not_configured", problems=tuple(check.plc) or (msg("probe.no_map"),))
            )
        if check.register_map.capabilities.single_connection:
            raise ValidationError(msg("why.probe.single_connection"))
        plc = self.settings.plc
        try:
            return await probe_connection(
                plc.host, plc.port, plc.unit_id, plc.timeout_s, check.register_map
            )
        except HmiError as exc:
            raise ValidationError(msg("probe.no_answer", error=exc.message)) from exc

    async def recheck_equipment(self) -> int:
        """Compare waiting batches with the equipment table again (after it was edited)."""
        held = await self.sync_flight.run_waiting(lambda: check_reference(self.ctx))
        await self.refresh()
        return held

    async def set_auto_fetch(self, enabled: bool, actor: str) -> None:
        """Pause or resume automatic fetching (the Fetch button keeps working)."""
        before, self.auto_fetch = self.auto_fetch, enabled
        word = msg("engine.auto_fetch.on" if enabled else "engine.auto_fetch.off")
        await self.ctx.db.call(
            self.ctx.store.write_audit,
            AuditNote(actor, "", "auto fetch", "", str(before), str(enabled)),
        )
        self.ctx.event("INFO", "operator", msg("engine.auto_fetch", actor=actor, change=word))
        await self.refresh()

    async def apply_settings(self, settings: Settings, actor: str, *, pin: Pin = None) -> None:
        """Validate, save and audit new settings; intervals apply at once, links on restart.

        Supervisor only: `pin` is the supervisor PIN or a token from `verify_supervisor`.
        """
        # one validation (start-up's own): what start-up would refuse, saving refuses
        config_dir = config_dir_of(self.settings_path)  # start-up copies missing plant files
        check = await self.ctx.db.call(
            lambda: check_settings(settings, config_dir, install=config_dir is not None)
        )
        if check.problems:
            raise ValidationError(msg("engine.settings_invalid", problems=tuple(check.problems)))
        user = await self.roles.require(pin, Command.CHANGE_SETTINGS, actor)
        actor = user.name
        before = _flatten(asdict(self.settings))
        after = _flatten(asdict(settings))
        changed = {
            key: (redact(key, before.get(key)), redact(key, value))
            for key, value in after.items()
            if before.get(key) != value
        }
        notes = [
            AuditNote(actor, user.role.value, "settings", key, str(old), str(new))
            for key, (old, new) in changed.items()
        ]

        def save_and_audit() -> None:  # the file is written inside the audit's transaction
            for note in notes:
                self.ctx.store.write_audit(note)
            save_settings(settings, self.settings_path)

        await self.ctx.db.call(self.ctx.store.atomic, save_and_audit)
        self.ctx.settings = settings
        set_plant_zone(settings.ui.time_zone or None)
        if check.equipment is not None and check.equipment != self.ctx.equipment:
            self.ctx.equipment = check.equipment  # the table changed: check waiting batches
            await self._guard("reference", check_reference(self.ctx))
        for listener in list(self._settings_listeners):
            listener(settings)
        names = ", ".join(changed) or "-"
        self.ctx.event("INFO", "operator", msg("engine.settings_changed", actor=actor, names=names))

    async def verify_supervisor(self, pin: str, command: str, actor: str) -> SupervisorToken:
        """Check `actor`'s PIN now (lockout counted) and that their role may run `command`;
        a one-time approval for that user and command."""
        return await self.roles.verify(pin, command, actor)

    async def pin_status(self, actor: str = "") -> PinAttempts:
        """Wrong PINs in a row and the lockout of the user `actor` names (name or badge)."""
        user = await self.ctx.db.call(self.ctx.store.find_user, actor) if actor else None
        if user is None:
            return PinAttempts()
        attempts = await self.ctx.db.call(self.ctx.store.pin_attempts, lock_key(user))
        key = pin_lockout(lock_key(user))  # as it holds now, whatever the clock did
        return self.ctx.deadlines.lockout(attempts, utcnow(), self.roles.policy().lock_s, key)

    # -- named users (hmi.engine.users) ----------------------------------------------------

    async def has_administrator(self) -> bool:
        """False on a first start: the window asks for the administrator before anything."""
        return await self.roles.has_administrator()

    async def create_first_administrator(self, name: str, pin: str, badge: str = "") -> User:
        """The installation's first administrator (refused once one exists)."""
        return await users.create_first_administrator(self, name, pin, badge)

    async def sign_in(self, identity: str, pin: str) -> User:
        """A user signs in on the panel with their name or badge and PIN."""
        return await self.roles.sign_in(identity, pin)

    async def sign_out(self, user: User, reason: str) -> None:
        """A user leaves the panel (`reason`: by hand, or the idle time)."""
        await self.roles.sign_out(user, reason)

    async def users(self) -> list[User]:
        """Every named user (never a PIN or its hash)."""
        return await self.ctx.db.call(self.ctx.store.users)

    async def add_user(
        self, name: str, role: str, pin: str, badge: str, actor: str, *, approval: Pin = None
    ) -> User:
        """Administrator: add a named user."""
        return await users.add_user(self, name, role, pin, badge, actor, approval)

    async def change_user(
        self, user_id: int, actor: str, *, approval: Pin = None, **changes: Any
    ) -> User:
        """Administrator: change a user's role, badge, active flag or PIN (`new_pin`)."""
        return await users.change_user(self, user_id, actor, approval, **changes)

    async def change_own_pin(self, identity: str, old_pin: str, new_pin: str) -> User:
        """A user sets a new PIN of their own."""
        return await users.change_own_pin(self, identity, old_pin, new_pin)

    async def acknowledge_alarm(self, alarm_id: int, actor: str) -> Alarm:
        """Operator: acknowledge an alarm (a latched one, an equipment failure, also clears)."""
        alarm = await self.ctx.db.call(self.ctx.store.get_alarm, alarm_id)
        if alarm is None:
            raise ValidationError(msg("engine.no_alarm", alarm_id=alarm_id))
        latched = kind_of(alarm.key).latched
        note = AuditNote(
            actor,
            "",
            "acknowledge alarm",
            alarm.key,
            "unacknowledged",
            "acknowledged",
            str(alarm.message),
        )
        store = self.ctx.store
        done: Alarm
        if alarm.acknowledged:  # acknowledging again changes nothing worth a record
            done = await self.ctx.db.call(store.acknowledge_alarm, alarm_id, actor, clear=latched)
        else:
            done = await self.ctx.db.call(
                store.audited, note, store.acknowledge_alarm, alarm_id, actor, clear=latched
            )
        if latched and alarm.active:
            self.ctx.alarms.pop(alarm.key, None)
        self.ctx.alarm_generation += 1
        if not alarm.acknowledged:
            self.ctx.event(
                "INFO",
                "operator",
                msg("engine.alarm_acknowledged", actor=actor, alarm=alarm.message),
            )
        await self.refresh()
        return done

    async def shelve_alarm(
        self, alarm_id: int, actor: str, minutes: float, reason: str, *, pin: Pin = None
    ) -> Alarm:
        """Supervisor: hide an alarm from the banner for `minutes` (with a reason)."""
        limit = self.settings.alarms.shelve_max_min
        check_shelve_minutes(minutes, limit)
        if not reason.strip():
            raise ValidationError(msg("engine.reason_required", command=msg("command.shelve")))
        alarm = await self.ctx.db.call(self.ctx.store.get_alarm, alarm_id)
        if alarm is None:
            raise ValidationError(msg("engine.no_alarm", alarm_id=alarm_id))
        user = await self.roles.require(pin, Command.SHELVE_ALARM, actor)
        actor = user.name
        until = utcnow() + timedelta(minutes=minutes)
        before = alarm.shelved_until.isoformat(timespec="seconds") if alarm.shelved_until else ""
        note = AuditNote(
            actor,
            user.role.value,
            "shelve alarm",
            alarm.key,
            before,
            until.isoformat(timespec="seconds"),
            reason.strip(),
        )
        store = self.ctx.store
        done: Alarm = await self.ctx.db.call(
            store.audited, note, store.shelve_alarm, alarm_id, actor, until
        )
        self.ctx.deadlines.set(shelving(alarm_id), until, minutes * 60.0)  # clock steps
        self.ctx.alarm_generation += 1
        self.ctx.event(
            "WARNING",
            "operator",
            msg("engine.alarm_shelved", actor=actor, minutes=minutes, alarm=alarm.message),
        )
        await self.refresh()
        return done

    async def clear_queue(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Supervisor: cancel every batch in the queue, only while none is on the PLC."""
        if not reason.strip():
            raise ValidationError(msg("engine.reason_required", command=msg("command.clear")))
        user = await self.roles.require(pin, Command.CLEAR_QUEUE, actor)
        count = await self.sync_flight.run_waiting(lambda: self._clear(user.name, reason.strip()))
        await self.refresh()
        return count

    async def _clear(self, actor: str, reason: str) -> int:
        """Body of clear_queue under Task 2's lock: check every batch first, then cancel each."""
        batches = await self.ctx.db.call(self.ctx.store.batches)
        if not batches:
            raise ValidationError(msg("engine.queue_empty"))
        blocking = [
            msg("engine.batch_in_state", mo=b.mo_name, state=_state(b.state))
            for b in batches
            if b.state in ON_PLC
            or b.state not in CANCELLABLE
            or self.sync_state.running_slot == b.slot
        ]
        if blocking:
            raise ValidationError(msg("engine.clear_blocked", batches=tuple(blocking)))
        names = ", ".join(b.mo_name for b in batches)
        for batch in batches:  # each cancel archives and audits in one transaction
            await self._cancel(batch.mo_id, actor, reason)
        note = AuditNote(actor, "", "clear queue", names, str(len(batches)), "0", reason)
        await self.ctx.db.call(self.ctx.store.write_audit, note)
        return len(batches)

    async def refused_orders(self) -> list[Refusal]:
        """The MOs the fetch refused and remembers, with their reasons (oldest first); each is
        tried again once it changes in Odoo or the mapping rules change."""
        return await self.ctx.db.call(self.ctx.store.refused_orders)

    async def alarm_list(self) -> list[Alarm]:
        """Active alarms, then cleared ones not yet acknowledged (newest first); each shelving
        as it holds now, whatever the clock did since (hmi.engine.clock_steps)."""
        listed = await self.ctx.db.call(self.ctx.store.alarm_list, ALARM_LIST_SIZE)
        cap = self.settings.alarms.shelve_max_min * 60.0
        return self.ctx.deadlines.shelved(listed, utcnow(), cap)

    async def alarms_between(self, since: datetime, until: datetime) -> list[Alarm]:
        """Alarms active at some time in [since, until)."""
        return await self.ctx.db.call(self.ctx.store.alarms_between, since, until)

    async def audit_entries(self, limit: int = 500, **filters: Any) -> list[AuditEntry]:
        """Audit entries, newest last; filters: since, until, actor, action, target."""
        return await self.ctx.db.call(self.ctx.store.audit_entries, limit, **filters)

    async def export_audit_csv(self, path: Path, limit: int = 100_000, **filters: Any) -> int:
        """Write the (filtered) audit trail to a CSV file; return how many entries."""
        entries = await self.audit_entries(limit, **filters)
        text = audit_csv(entries)

        def write() -> None:
            try:
                Path(path).write_text(text, encoding="utf-8-sig")
            except OSError as exc:
                raise ValidationError(
                    msg("engine.export_failed", path=str(path), error=str(exc.strerror or exc))
                ) from exc

        await self.ctx.db.call(write)
        return len(entries)

    async def batch_record(self, mo_id: int) -> BatchRecord:
        """What the printable batch record of one archived batch shows."""
        return await batch_record(self.ctx, mo_id)

    async def shift_report(self, shift: ShiftSpan | None = None) -> ShiftReport:
        """What the shift report of `shift` (default: the shift running now) shows."""
        return await shift_report(self.ctx, shift or current_shift(self.ctx))

    def shifts(self, count: int = 6) -> list[ShiftSpan]:
        """The shift running now and the ones before it, newest first (to choose a report)."""
        return recent_shifts(parse_shifts(self.settings.ui.shifts), count)

    async def verify_audit(self) -> ChainReport:
        """Check every link of the audit chain (`hmi --verify-audit` does the same)."""
        return await self.ctx.db.call(self.ctx.store.verify_audit)

    async def recent_events(self, limit: int = 500) -> list[EngineEvent]:
        """The persisted event log, newest last (a restart shows the last shift)."""
        rows = await self.ctx.db.call(self.ctx.store.recent_events, limit)
        return [
            EngineEvent(at=at, level=lv, source=src, message=Message.from_json(text))
            for at, lv, src, text in rows
        ]

    async def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[Any]:
        """One page of archived batches, newest first."""
        return await self.ctx.db.call(
            self.ctx.store.history_page,
            offset,
            limit,
            since=since,
            until=until,
            product=product,
            mo=mo,
        )

    async def history_count(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        """How many archived batches match the filters."""
        return await self.ctx.db.call(
            self.ctx.store.history_count, since=since, until=until, product=product, mo=mo
        )


def _state(state: BatchState) -> Message:
    """The operator's word for a batch state (never the internal value)."""
    return msg(f"batch.state.{state.value}")


#: Settings whose value is a secret or a hash of one: audited as set/changed/cleared only.
SECRET_SETTING_WORDS = ("pin", "hash", "secret", "password", "api_key", "token")


def redact(key: str, value: Any) -> Any:
    """A setting's value as the audit trail may show it: secrets and hashes never appear."""
    name = key.rsplit(".", 1)[-1].lower()
    if not any(word in name.split("_") or word == name for word in SECRET_SETTING_WORDS):
        return value
    return "(set)" if value else "(not set)"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"plc": {"host": x}} → {"plc.host": x} for before/after audit lines."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
