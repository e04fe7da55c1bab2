"""The supervised recoveries from the panel (issue 11), the presenter's side: what the
supervisor is shown first, then the one supervised flow (`WindowPresenter.supervised`:
refused with the reason when unsafe → approval → reason → the engine's command).

- resend the batches a PLC lost: the batches that will be written again, then the flow;
- acknowledge a finished slot the HMI has no batch for: its words (decoded as far as
  possible, and raw), then the flow; the engine refuses if the words changed meanwhile;
- implausible values: read again (no PIN), accept the PLC's values, enter the corrected
  weights from the scale ticket (on the keypad), or abort the batch;
- release another panel's report claim, resolve unknown PLC batches, resend a held batch
  with the current equipment table: what it is about, then the flow.

Also the refused MOs panel and the PLC probe (Settings).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hmi.config import write_durably
from hmi.domain.alarms import Remedy
from hmi.domain.errors import HmiError
from hmi.domain.messages import Message, msg
from hmi.domain.model import Refusal
from hmi.domain.stalls import Decision
from hmi.engine.permissions import DECISIONS, Action
from hmi.engine.probe import ProbeReport
from hmi.ui.engine_api import EngineApi

if TYPE_CHECKING:
    from hmi.engine.roles import SupervisorToken

    Supervised = Callable[[str, str, SupervisorToken | None], Awaitable[Any]]


class RecoveryView(Protocol):
    """What the recoveries ask of the window (a fake one in tests)."""

    def confirm_recovery(
        self, action: str, mo_id: int | None, slot: int | None
    ) -> Awaitable[tuple[int, ...] | None]:
        """Show what `action` will do (the batches, the claim, the slot's words …) and ask
        to go on: None when the supervisor does not; else the slot's raw words as shown
        (empty for the commands that are not about a slot)."""
        ...

    def ask_decision(self, mo_id: int) -> Awaitable[Decision | None]:
        """The implausible-value decision chosen for a batch, or None."""
        ...

    def ask_weights(self, mo_id: int) -> Awaitable[dict[int, Decimal] | None]:
        """The scale ticket's weights, kg per equipment id, typed on the keypad; or None."""
        ...

    def open_batch(self, mo_id: int) -> None:
        """Show a batch's detail (its Retry and Cancel buttons)."""

    def open_settings(self) -> Awaitable[bool]:
        """The Settings flow (PIN, the dialog); True when saved."""
        ...

    def show_refused(self, refusals: list[Refusal]) -> None:
        """The refused MOs with their reasons."""

    def show_probe(self, report: ProbeReport) -> Awaitable[bool]:
        """The probe's report; True when the supervisor asks to save it."""
        ...

    def tell(self, action: str, message: Message) -> None:
        """Show that `action` did not happen, and why."""

    def note(self, level: str, message: Message) -> None:
        """One line in the log console from the window itself."""


class FlowHost(Protocol):
    """What the recoveries use of the presenter: the engine, the view and the one
    supervised flow."""

    engine: EngineApi

    @property
    def actor(self) -> str:
        """Who the unprotected commands are recorded for (the signed-in user)."""
        ...

    @property
    def recovery_view(self) -> RecoveryView:
        """The window, as the recoveries ask it."""
        ...

    def refused(self, action: Action, **target: Any) -> bool:
        """True (and the view told why) when the engine would refuse `action` now."""
        ...

    async def supervised(
        self, action: Action, run: Supervised, *, mo_id: int | None = None, **target: Any
    ) -> bool:
        """Approval → reason → `run` (WindowPresenter.supervised)."""
        ...

    async def run(self, action: str, job: Awaitable[Any]) -> bool:
        """Await an engine command; a refusal is told, never raised."""
        ...

    async def ask_path(self, kind: str, name: str) -> Path | None:
        """Where to save a file."""
        ...


class RecoveryFlows:
    """The recoveries of one presenter (`WindowPresenter.recovery`)."""

    def __init__(self, host: FlowHost) -> None:
        self.host = host

    @property
    def engine(self) -> EngineApi:
        """The engine the presenter drives."""
        return self.host.engine

    @property
    def view(self) -> RecoveryView:
        """The window."""
        return self.host.recovery_view

    def refused(self, action: Action, **target: Any) -> bool:
        """True (and the view told why) when the engine would refuse `action` now."""
        return self.host.refused(action, **target)

    # -- the alarm's and the line status's action button ------------------------------------

    async def remedy(self, remedy: Remedy) -> bool:
        """Run the command that resolves an alarm (its kind's remedy), for its target."""
        action = Action(remedy.action)
        if action is Action.BATCH_DETAIL:
            if self.refused(action, mo_id=remedy.mo_id):
                return False
            assert remedy.mo_id is not None
            self.view.open_batch(remedy.mo_id)
            return True
        if action is Action.SETTINGS:
            return await self.view.open_settings()
        flows: dict[Action, Callable[[], Awaitable[bool]]] = {
            Action.RESEND_BATCHES: self.resend_batches,
            Action.RESOLVE_UNKNOWN: self.resolve_unknown,
            Action.ACK_PLC_SLOT: lambda: self.acknowledge_slot(remedy.slot),
            Action.DECIDE: lambda: self.decide(remedy.mo_id),
            Action.RELEASE_CLAIM: lambda: self.release_claim(remedy.mo_id),
            Action.RESEND_HELD: lambda: self.resend_held(remedy.mo_id),
        }
        flow = flows.get(action)
        if flow is None:
            self.view.tell(action.value, msg("why.unknown_command", command=action.value))
            return False
        return await flow()

    # -- the recoveries ------------------------------------------------------------------------

    async def _shown(
        self, action: Action, mo_id: int | None = None, slot: int | None = None
    ) -> tuple[int, ...] | None:
        """Refused with the reason, or what the command will do shown and confirmed."""
        if self.refused(action, mo_id=mo_id, slot=slot):
            return None
        return await self.view.confirm_recovery(action.value, mo_id, slot)

    async def resend_batches(self) -> bool:
        """Resend the sent batches a PLC lost (never one it started)."""
        if await self._shown(Action.RESEND_BATCHES) is None:
            return False
        return await self.host.supervised(
            Action.RESEND_BATCHES,
            lambda actor, reason, pin: self.engine.resend_lost_batches(actor, reason, pin=pin),
        )

    async def acknowledge_slot(self, slot: int | None) -> bool:
        """Acknowledge a finished slot the HMI has no batch for, after showing its words."""
        words = await self._shown(Action.ACK_PLC_SLOT, slot=slot)
        if words is None or slot is None:
            return False
        return await self.host.supervised(
            Action.ACK_PLC_SLOT,
            lambda actor, reason, pin: self.engine.acknowledge_plc_slot(
                slot, words, actor, reason, pin=pin
            ),
            slot=slot,
        )

    async def release_claim(self, mo_id: int | None) -> bool:
        """Release the report claim of a panel that crashed."""
        if await self._shown(Action.RELEASE_CLAIM, mo_id=mo_id) is None or mo_id is None:
            return False
        return await self.host.supervised(
            Action.RELEASE_CLAIM,
            lambda actor, reason, pin: self.engine.release_claim(mo_id, actor, reason, pin=pin),
            mo_id=mo_id,
        )

    async def resolve_unknown(self) -> bool:
        """Clear the batches the PLC holds unknown to the database (after showing them)."""
        if await self._shown(Action.RESOLVE_UNKNOWN) is None:
            return False
        return await self.host.supervised(
            Action.RESOLVE_UNKNOWN,
            lambda actor, reason, pin: self.engine.resolve_unknown_plc_batches(
                actor, reason, pin=pin
            ),
        )

    async def resend_held(self, mo_id: int | None) -> bool:
        """Resend a batch held by an equipment table change with the current table."""
        if await self._shown(Action.RESEND_HELD, mo_id=mo_id) is None or mo_id is None:
            return False
        return await self.host.supervised(
            Action.RESEND_HELD,
            lambda actor, reason, pin: self.engine.resend_held(mo_id, actor, reason, pin=pin),
            mo_id=mo_id,
        )

    async def decide(self, mo_id: int | None) -> bool:
        """The implausible-value decision: read again at once; accept, enter the scale
        ticket's weights or abort through the supervised flow."""
        if mo_id is None or self.refused(Action.DECIDE, mo_id=mo_id):
            return False
        decision = await self.view.ask_decision(mo_id)
        if decision is None:
            return False
        action = next(a for a, d in DECISIONS.items() if d is decision)
        if decision is Decision.READ_AGAIN:
            if self.refused(action, mo_id=mo_id):
                return False
            job = self.engine.decide_implausible(mo_id, decision, self.host.actor)
            return await self.host.run(action.value, job)
        weights: Mapping[int, Decimal] | None = None
        if decision is Decision.ENTER:
            if self.refused(action, mo_id=mo_id):
                return False
            weights = await self.view.ask_weights(mo_id)
            if weights is None:
                return False
        return await self.host.supervised(
            action,
            lambda actor, reason, pin: self.engine.decide_implausible(
                mo_id, decision, actor, reason, weights=weights, pin=pin
            ),
            mo_id=mo_id,
        )

    # -- refused MOs, the PLC probe ---------------------------------------------------------------

    async def refused_orders(self) -> bool:
        """The MOs the fetch refused and remembers, with their reasons."""
        if self.refused(Action.REFUSED_ORDERS):
            return False
        try:
            refusals = await self.engine.refused_orders()
        except HmiError as exc:
            self.view.tell(Action.REFUSED_ORDERS.value, exc.message)
            return False
        self.view.show_refused(list(refusals))
        return True

    async def probe_plc(self) -> Path | None:
        """Run the PLC probe (from Settings); show the report; save it when asked. The path
        saved to, or None."""
        if self.refused(Action.PROBE_PLC):
            return None
        try:
            report = await self.engine.probe_plc()
        except HmiError as exc:
            self.view.tell(Action.PROBE_PLC.value, exc.message)
            return None
        if not await self.view.show_probe(report):
            return None
        return await self.save_probe(report)

    async def save_probe(self, report: ProbeReport, path: Path | None = None) -> Path | None:
        """Write the probe's report (a text file for the commissioning record) off the Qt
        thread, in the reports folder unless `path` is given."""
        if path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = await self.host.ask_path("txt", f"plc-probe-{stamp}.txt")
        if path is None:
            return None
        target = path

        def write() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_durably(target, report.text())

        try:
            await asyncio.to_thread(write)
        except OSError as exc:
            error = exc.strerror or str(exc)
            failed = msg("window.file_failed", path=str(path), error=error)
            self.view.tell(Action.PROBE_PLC.value, failed)
            return None
        what = Message("window.what.probe_report")
        self.view.note("INFO", msg("window.file_written", what=what, path=str(path)))
        return path
