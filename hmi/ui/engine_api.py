"""The part of the engine the window uses: the UI talks to nothing else (no Modbus, Odoo, SQL)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from hmi.config import Settings
from hmi.domain.alarms import Alarm
from hmi.domain.equipment import EquipmentTable
from hmi.domain.messages import Message
from hmi.domain.model import Refusal
from hmi.domain.roles import PinAttempts
from hmi.domain.shifts import ShiftSpan
from hmi.domain.stalls import Decision
from hmi.domain.users import User
from hmi.engine.probe import ProbeReport
from hmi.engine.records import ArchivedBatch, AuditEntry
from hmi.engine.reports import BatchRecord, ShiftReport
from hmi.engine.roles import SupervisorToken
from hmi.engine.snapshot import EngineEvent, EngineSnapshot, FetchPreview, FetchResult

Pin = str | SupervisorToken | None


class HistorySource(Protocol):
    """Paged, filtered access to archived batches."""

    async def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[ArchivedBatch]:
        """Archived batches `offset`..`offset+limit`, newest first."""
        ...

    async def history_count(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        """Number of archived batches matching the filter."""
        ...


class EngineApi(HistorySource, Protocol):
    """The engine's state and commands as the window uses them (hmi.engine.engine.Engine)."""

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        ...

    @property
    def equipment(self) -> EquipmentTable:
        """Which silo or tank holds which material."""
        ...

    def snapshot(self) -> EngineSnapshot:
        """The current state."""
        ...

    def why_not(
        self,
        command: str,
        *,
        mo_id: int | None = None,
        slot: int | None = None,
        alarm_id: int | None = None,
    ) -> Message | None:
        """None if `command` may run now, else the reason (every command the window offers;
        no I/O)."""
        ...

    def add_listener(self, cb: Callable[[EngineSnapshot], None]) -> None:
        """Call `cb` with every new snapshot."""

    def add_event_listener(self, cb: Callable[[EngineEvent], None]) -> None:
        """Call `cb` with every new event."""

    async def preview_fetch(self) -> FetchPreview:
        """What a fetch would queue now; changes nothing."""
        ...

    async def confirm_fetch(self, preview: FetchPreview, actor: str) -> FetchResult:
        """Queue the previewed batches if the gate is still open."""
        ...

    async def cancel_batch(self, mo_id: int, actor: str, reason: str, *, pin: Pin = None) -> None:
        """Cancel one batch, recording who and why."""

    async def retry_now(self, mo_id: int, actor: str) -> None:
        """Retry a failed or pending batch now."""

    async def clear_queue(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Cancel every batch of the queue."""
        ...

    async def set_auto_fetch(self, enabled: bool, actor: str) -> None:
        """Switch automatic fetching on or off."""

    async def acknowledge_alarm(self, alarm_id: int, actor: str) -> Alarm:
        """Acknowledge one alarm."""
        ...

    async def shelve_alarm(
        self, alarm_id: int, actor: str, minutes: float, reason: str, *, pin: Pin = None
    ) -> Alarm:
        """Shelve one alarm for `minutes`."""
        ...

    async def resend_lost_batches(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Resend the sent batches a PLC lost; how many."""
        ...

    async def acknowledge_plc_slot(
        self, slot: int, shown_words: tuple[int, ...], actor: str, reason: str, *, pin: Pin = None
    ) -> None:
        """Acknowledge a finished slot the HMI has no batch for (its words as shown)."""

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
        """Decide about a batch's implausible PLC values."""

    async def release_claim(self, mo_id: int, actor: str, reason: str, *, pin: Pin = None) -> None:
        """Drop another panel's report claim."""

    async def resolve_unknown_plc_batches(self, actor: str, reason: str, *, pin: Pin = None) -> int:
        """Clear the PLC's batches unknown to the database; how many."""
        ...

    async def resend_held(
        self, mo_id: int, actor: str, reason: str = "", *, pin: Pin = None
    ) -> None:
        """Resend a held batch with the current equipment table."""

    async def refused_orders(self) -> list[Refusal]:
        """The MOs the fetch refused and remembers."""
        ...

    async def probe_plc(self) -> ProbeReport:
        """The commissioning probe of the PLC in force (read only)."""
        ...

    async def verify_supervisor(self, pin: str, command: str, actor: str) -> SupervisorToken:
        """Check `actor`'s PIN and role; a one-time approval for that user and `command`."""
        ...

    async def pin_status(self, actor: str = "") -> PinAttempts:
        """Wrong PINs in a row and the lockout of one user."""
        ...

    async def has_administrator(self) -> bool:
        """False on a first start."""
        ...

    async def create_first_administrator(self, name: str, pin: str, badge: str = "") -> User:
        """The installation's first administrator."""
        ...

    async def sign_in(self, identity: str, pin: str) -> User:
        """A user signs in with name or badge and PIN."""
        ...

    async def sign_out(self, user: User, reason: str) -> None:
        """A user leaves the panel."""

    async def users(self) -> list[User]:
        """Every named user."""
        ...

    async def add_user(
        self, name: str, role: str, pin: str, badge: str, actor: str, *, approval: Pin = None
    ) -> User:
        """Administrator: add a user."""
        ...

    async def change_user(
        self, user_id: int, actor: str, *, approval: Pin = None, **changes: Any
    ) -> User:
        """Administrator: change a user."""
        ...

    def shifts(self, count: int = 6) -> list[ShiftSpan]:
        """The shift running now and the ones before it."""
        ...

    async def apply_settings(self, settings: Settings, actor: str, *, pin: Pin = None) -> None:
        """Validate, save and audit new settings."""

    async def audit_entries(self, limit: int = 500, **filters: Any) -> list[AuditEntry]:
        """Audit entries, newest last."""
        ...

    async def export_audit_csv(self, path: Path, limit: int = ..., **filters: Any) -> int:
        """Write the (filtered) audit trail as CSV; how many entries."""
        ...

    async def batch_record(self, mo_id: int) -> BatchRecord:
        """What the batch record of one archived batch shows."""
        ...

    async def shift_report(self, shift: ShiftSpan | None = None) -> ShiftReport:
        """What the shift report of `shift` (default: the one running now) shows."""
        ...

    async def recent_events(self, limit: int = 500) -> list[EngineEvent]:
        """The persisted event log, oldest first."""
        ...
