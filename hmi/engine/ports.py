"""What the engine needs from the PLC link, the Odoo link and the store (typing Protocols).

The concrete classes are `hmi.plc.link.PlcLink`, `hmi.odoo.link.OdooLink` and
`hmi.store.repository.QueueRepository`; the engine depends only on these shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from hmi.domain.acks import AckState, SlotAck
from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.audit import AuditNote, ChainReport
from hmi.domain.links import LinkState
from hmi.domain.manual import ManualAddition
from hmi.domain.messages import Message
from hmi.domain.model import (
    Batch,
    ConsumptionReport,
    ManufacturingOrder,
    Refusal,
    ReportResult,
    SlotFeedback,
)
from hmi.domain.outbox import FailureRecord, MaintenanceRequest, OutboxItem
from hmi.domain.roles import LockoutPolicy, PinAttempts, Role
from hmi.domain.states import BatchState
from hmi.domain.unknown_batches import UnknownSlot, UnknownState
from hmi.domain.users import User
from hmi.plc.slots import EquipmentFailure, ManualWeighing
from hmi.store.records import ArchivedBatch, AuditEntry, EventTuple

T = TypeVar("T")


class PlcPort(Protocol):
    """Async Modbus link to the batching PLC (DESIGN.md §5)."""

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        ...

    @property
    def slot_count(self) -> int:
        """Number of batch slots in the register map (default 10)."""
        ...

    @property
    def capacity_kg(self) -> Decimal:
        """The most kg the write slot's quantity and material fields hold (register map)."""
        ...

    async def connect(self) -> None:
        """Open the connection; never raises for a refused connection (state says down)."""

    async def close(self) -> None:
        """Close the connection and stop reconnecting."""

    async def read_ready(self) -> bool:
        """Read the PLC's ready-for-new-batches flag (write area slot 1, status_read_data).

        PlcRefusedError when the PLC refuses the read (unreadable, not "not ready")."""
        ...

    async def write_batches(self, batches: Sequence[Batch], *, require_ready: bool = True) -> None:
        """Write each batch to `batch.slot`, zero the unused slots, read back, then clear ready.

        `require_ready`: read the ready flag again under the link's lock right before
        writing; PlcNotReadyError (nothing written) if the PLC dropped it."""

    async def read_written(self) -> list[SlotFeedback]:
        """The whole write area decoded (what the PLC holds from the HMI)."""
        ...

    async def written_batches_match(self, batches: Sequence[Batch]) -> bool:
        """True when the write area holds exactly these batches (used by reconciliation)."""
        ...

    async def read_feedback(self) -> list[SlotFeedback]:
        """Read and decode the whole feedback area in the fewest requests."""
        ...

    async def read_feedback_slot(self, slot: int) -> SlotFeedback:
        """Read one feedback slot in one request (never torn between two PLC scans)."""
        ...

    async def acknowledge_finished(self, slot: int) -> bool:
        """Set the feedback slot's status_read_data to 1; read back: True if it reads 1."""
        ...

    async def clear_slot(self, slot: int) -> None:
        """Zero one write slot (a batch cancelled before the PLC started it)."""

    async def read_equipment_failure(self) -> EquipmentFailure | None:
        """The PLC's new equipment failure record (block 8000–8022), or None."""
        ...

    async def acknowledge_equipment_failure(self) -> None:
        """Set the failure block's read flag, once the record read is stored."""

    async def read_manual_weighing(self) -> ManualWeighing | None:
        """The PLC's new manual weighing record (block 9000–9013), or None."""
        ...

    async def acknowledge_manual_weighing(self) -> None:
        """Set the manual weighing block's read flag, once the record read is stored."""


class OdooPort(Protocol):
    """Async link to Odoo: odoorpc up to Odoo 18, the JSON-2 API from 19 (DESIGN.md §6)."""

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        ...

    async def connect(self) -> None:
        """Log in; raises AuthenticationError or LinkDownError."""

    async def close(self) -> None:
        """Forget the session."""

    async def heartbeat(self) -> None:
        """One cheap call (logging in first if needed) so the link state stays honest while
        nothing else is asked; raises AuthenticationError or LinkDownError."""

    async def fetch_orders(
        self,
        limit: int,
        exclude_ids: Collection[int] = (),
        after: ManufacturingOrder | None = None,
    ) -> list[ManufacturingOrder]:
        """Confirmed/in-progress MOs, oldest planned first, in a constant number of calls.

        exclude_ids: MOs to leave out; after: the last MO of the previous page (the next page
        starts after it, in the same order, without an offset).
        """
        ...

    async def read_states(self, mo_ids: Collection[int]) -> dict[int, str]:
        """Current Odoo state of each MO id; ids Odoo does not know are absent."""
        ...

    async def report(self, report: ConsumptionReport) -> ReportResult:
        """Report consumption and mark done, idempotently (an MO already done is not touched)."""
        ...

    async def cancel(self, mo_id: int) -> None:
        """Cancel the MO in Odoo."""

    async def maintenance_installed(self) -> bool:
        """True when Odoo's maintenance app is installed (asked once per login)."""
        ...

    async def create_maintenance_request(self, request: MaintenanceRequest) -> int:
        """Create a maintenance.request (or find the one made for its reference); its id."""
        ...

    async def lots_of_moves(self, move_ids: Collection[int]) -> dict[int, tuple[str, ...]]:
        """Lot/serial names on each raw move's move lines (batch records)."""
        ...


class StorePort(Protocol):
    """Synchronous repository over `mo_batch` and friends; the engine calls it on a DB thread."""

    def count(self) -> int:
        """Number of rows in mo_batch."""
        ...

    def fill_if_empty(self, batches: Sequence[Batch]) -> bool:
        """The gate: in one exclusive transaction insert all as queued iff mo_batch is empty."""
        ...

    def batches(self) -> list[Batch]:
        """Every batch in mo_batch with its lines, ordered by slot."""
        ...

    def get(self, mo_id: int) -> Batch | None:
        """One batch or None."""
        ...

    def set_state(
        self, mo_id: int, state: BatchState, *, acknowledge: bool = False, **changes: Any
    ) -> Batch:
        """Move a batch to `state` (checked transition) and set other columns; `acknowledge`
        records a pending acknowledgement of its slot in the same transaction."""
        ...

    def set_many_state(self, mo_ids: Collection[int], state: BatchState) -> None:
        """Move several batches to `state` in one transaction."""

    def remap_lines(self, mo_id: int, equipment_by_move: Mapping[int, int]) -> Batch:
        """Point lines (by move id) at other silos/tanks (reference_check's resend)."""
        ...

    def claim(self, mo_id: int, owner: str, seconds: float) -> bool:
        """Claim a batch for reporting; False while another process's claim is live."""
        ...

    def release(self, mo_id: int, owner: str) -> None:
        """Drop this owner's claim."""

    def claim_of(self, mo_id: int) -> tuple[str, datetime] | None:
        """Who holds the report claim of a batch and until when, or None."""
        ...

    def release_claim(self, mo_id: int, owner: str) -> bool:
        """Drop `owner`'s claim (a dead process's, or released by a supervisor)."""
        ...

    def slot_acks(self) -> list[SlotAck]:
        """Every slot's latest acknowledgement record."""
        ...

    def put_slot_ack(
        self, slot: int, mo_name: str, state: AckState, mo_id: int | None = None
    ) -> SlotAck:
        """Record what the HMI knows about one slot (replacing its previous record)."""
        ...

    def ack_done(self, slot: int, mo_name: str, at: datetime | None = None) -> SlotAck | None:
        """The PLC got the acknowledgement (or moved on)."""
        ...

    def ack_failed(self, slot: int, mo_name: str, error: str) -> SlotAck | None:
        """One more failed attempt to acknowledge."""
        ...

    def record_actuals(
        self,
        mo_id: int,
        actuals: Mapping[int, Decimal],
        *,
        state: BatchState | None = None,
        finished_weight_kg: Decimal | None = None,
        produced_kg: Decimal | None = None,
        note: str | None = None,
        acknowledge: bool = False,
        confirmed_by: str | None = None,
    ) -> Batch:
        """Store actual kg per equipment id (and optionally a new state) in one transaction;
        `acknowledge` records a pending acknowledgement of its slot in the same one."""
        ...

    def archive(self, mo_id: int, outcome: BatchState, *, actor: str, reason: str = "") -> None:
        """Copy to mo_history (+lines) and delete from mo_batch in one transaction."""

    def archived_ids(self, mo_ids: Collection[int] | None = None) -> set[int]:
        """MO ids present in mo_history (reported or cancelled)."""
        ...

    def archived_names(self, names: Collection[str]) -> set[str]:
        """The MO names among `names` present in mo_history."""
        ...

    def log_event(self, level: str, source: str, message: str, at: datetime | None = None) -> None:
        """Persist one event-log line."""

    # -- refused MOs (issue 12) --------------------------------------------------------------

    def refused_orders(self) -> list[Refusal]:
        """Every remembered refusal, the first refused first."""
        ...

    def record_unknown(self, slots: Sequence[UnknownSlot]) -> list[UnknownSlot]:
        """Store newly found unknown PLC batches (blocking); return every blocking one."""
        ...

    def unknown_batches(self, state: UnknownState | None = None) -> list[UnknownSlot]:
        """The recorded unknown PLC batches (of one state)."""
        ...

    def withheld_names(self) -> set[str]:
        """Names of the MOs dosed outside the queue that the fetch must not take."""
        ...

    def decide_unknown(self, actor: str, reason: str) -> list[UnknownSlot]:
        """Decide every blocking unknown batch: dosed ones withheld, the others forgotten."""
        ...

    def release_withheld(self, mo_name: str) -> list[UnknownSlot]:
        """Let the fetch take a withheld MO again; the records released."""
        ...

    def unchanged_refusals(
        self, write_dates: Mapping[int, datetime | None], rules_key: str
    ) -> set[int]:
        """Ids remembered as refused with this write_date and these rules (skipped unmapped)."""
        ...

    def remember_refusals(self, refusals: Sequence[Refusal], rules_key: str) -> list[Refusal]:
        """Store refusals; return the new or changed ones (each worth one warning)."""
        ...

    def forget_refusals(self, mo_ids: Collection[int]) -> int:
        """Forget refusals of MOs queued or no longer open in Odoo."""
        ...

    def audit(
        self,
        actor: str,
        action: str,
        target: str = "",
        before: str = "",
        after: str = "",
        reason: str = "",
        *,
        role: str = "",
    ) -> None:
        """Record who did what, with before/after values (role "" = the user's stored role)."""

    # -- one transaction, the audit chain, named users, manual weighing (issue 14) ------------

    def atomic(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `work` (calls of this store's methods) in ONE write transaction."""
        ...

    def write_audit(self, note: AuditNote) -> None:
        """Append one entry to the audit chain (in the current transaction if any)."""

    def audited(self, note: AuditNote, change: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store change and append its audit entry in one transaction."""
        ...

    def audit_entries(
        self,
        limit: int = 500,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
    ) -> list[AuditEntry]:
        """The newest audit entries, newest last."""
        ...

    def actors_between(self, since: datetime, until: datetime) -> list[tuple[str, str]]:
        """(name, role) of the people with an audit entry in [since, until)."""
        ...

    def verify_audit(self) -> ChainReport:
        """Check every link of the audit chain."""
        ...

    def audit_head(self) -> ChainReport:
        """The chain's newest row and its hash."""
        ...

    def users(self) -> list[User]:
        """Every named user."""
        ...

    def administrator_count(self) -> int:
        """How many active administrators there are."""
        ...

    def find_user(self, identity: str) -> User | None:
        """The user with this name or badge, or None."""
        ...

    def pin_hash_of(self, user_id: int) -> str:
        """The stored PIN hash of one user (only for verifying a PIN)."""
        ...

    def add_user(
        self, name: str, role: Role | str, pin_hash: str, *, badge: str = "", created_by: str
    ) -> User:
        """Add a named user."""
        ...

    def update_user(
        self,
        user_id: int,
        *,
        role: Role | str | None = None,
        badge: str | None = None,
        active: bool | None = None,
        pin_hash: str | None = None,
    ) -> User:
        """Change a user's role, badge, active flag or PIN hash."""
        ...

    def store_manual(
        self,
        *,
        batch_no: int,
        material_code: int,
        weight_kg: Decimal,
        operator_id: int,
        scale_id: int,
        weighed_at: datetime | None,
        raw_words: Sequence[int],
        product_ref: str,
        mo_id: int | None,
        equipment_id: int | None,
        reason: Message | None,
        produced_policy: str = "sum_of_actuals",
        claimed_by: str = "",
    ) -> ManualAddition:
        """Store a manual weighing record and book it on its batch line (one transaction)."""
        ...

    def mark_manual_acknowledged(self, addition_id: int) -> ManualAddition:
        """Note the PLC was told the manual weighing record is stored."""
        ...

    def manual_additions(self, mo_id: int) -> list[ManualAddition]:
        """Every manual weighing stored for one MO."""
        ...

    def manual_between(self, since: datetime, until: datetime) -> list[ManualAddition]:
        """Manual weighings stored in [since, until)."""
        ...

    # -- records (batch record, shift report) -------------------------------------------------

    def archived(self, mo_id: int) -> ArchivedBatch | None:
        """One archived batch with its lines, or None."""
        ...

    def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[ArchivedBatch]:
        """Archived batches, newest first."""
        ...

    def history_count(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        """How many archived batches match the same filters as history_page."""
        ...

    def recent_events(self, limit: int = 500, min_level: str = "DEBUG") -> list[EventTuple]:
        """The newest `limit` events as (at, level, source, message JSON), newest last."""
        ...

    def alarms_of_batch(self, mo_id: int) -> list[Alarm]:
        """The alarms raised about one batch."""
        ...

    def failures_between(self, since: datetime, until: datetime) -> list[FailureRecord]:
        """Equipment failures stored in [since, until)."""
        ...

    # -- alarms, roles, equipment failures, outbox (issue 7) -----------------------------------

    def raise_alarm(
        self,
        key: str,
        text: str,
        *,
        source: str,
        priority: AlarmPriority | int,
        mo_id: int | None = None,
        at: datetime | None = None,
    ) -> Alarm:
        """Raise an alarm, or update the text of the active one with this key."""
        ...

    def clear_alarm(self, key: str, at: datetime | None = None) -> Alarm | None:
        """Clear the active alarm with this key."""
        ...

    def acknowledge_alarm(
        self, alarm_id: int, actor: str, *, clear: bool = False, at: datetime | None = None
    ) -> Alarm:
        """Record who acknowledged an alarm; `clear` also clears a latched one."""
        ...

    def shelve_alarm(self, alarm_id: int, actor: str, until: datetime) -> Alarm:
        """Hide an alarm from the banner until `until`."""
        ...

    def get_alarm(self, alarm_id: int) -> Alarm | None:
        """One alarm or None."""
        ...

    def active_alarms(self) -> list[Alarm]:
        """Every alarm not cleared."""
        ...

    def alarm_list(self, limit: int = 500) -> list[Alarm]:
        """Active alarms, then cleared ones not yet acknowledged."""
        ...

    def alarms_between(
        self, since: datetime, until: datetime, *, mo_id: int | None = None
    ) -> list[Alarm]:
        """Alarms active at some time in [since, until) (or raised for `mo_id`)."""
        ...

    def pin_attempts(self, role: str = "supervisor") -> PinAttempts:
        """Wrong PINs in a row and the lockout."""
        ...

    def record_pin_failure(
        self, policy: LockoutPolicy, role: str = "supervisor", at: datetime | None = None
    ) -> PinAttempts:
        """Count one wrong PIN."""
        ...

    def reset_pin_failures(self, role: str = "supervisor") -> None:
        """Forget the wrong PINs after a right one."""

    def prune(self, older_than: datetime) -> tuple[int, int]:
        """Delete old event-log lines and cleared alarms; (events, alarms) deleted."""
        ...

    def store_failure(
        self,
        equipment_id: int,
        fault_code: int,
        occurred_at: datetime | None,
        batch_no: int,
        message: str,
        raw_words: Sequence[int] = (),
    ) -> FailureRecord:
        """Store an equipment failure before it is acknowledged to the PLC."""
        ...

    def mark_failure_acknowledged(self, failure_id: int) -> FailureRecord:
        """Note the PLC was told."""
        ...

    def enqueue(self, kind: str, key: str, payload: str) -> OutboxItem:
        """Add a message for Odoo (idempotent on key)."""
        ...

    def due_outbox(
        self, now: datetime | None = None, limit: int = 20, max_wait_s: float | None = None
    ) -> list[OutboxItem]:
        """Pending messages whose backoff has passed."""
        ...

    def pending_outbox(self) -> list[OutboxItem]:
        """Messages not yet delivered."""
        ...

    def mark_sent(self, item_id: int, remote_id: int | None = None) -> OutboxItem:
        """Odoo accepted the message."""
        ...

    def mark_skipped(self, item_id: int, reason: str) -> OutboxItem:
        """Odoo cannot take the message."""
        ...

    def mark_failed(self, item_id: int, error: str, next_attempt_at: datetime) -> OutboxItem:
        """One more failed attempt."""
        ...
