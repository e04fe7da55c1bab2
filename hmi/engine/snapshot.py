"""What the engine shows the outside world: immutable snapshots, events and fetch previews."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from hmi.domain.acks import SlotAck
from hmi.domain.alarms import Alarm
from hmi.domain.gate import GateDecision
from hmi.domain.line_status import LineStatus
from hmi.domain.links import LinkState
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, Refusal, SlotFeedback

if TYPE_CHECKING:
    from hmi.engine.plc_reconcile import UnknownSlot


@dataclass(frozen=True)
class EngineEvent:
    """One line of the log console: when, how severe, which part, what happened."""

    at: datetime
    level: str  # "DEBUG" | "INFO" | "WARNING" | "ERROR"
    source: str  # "fetch" | "plc" | "complete" | "odoo" | "db" | "operator" | "engine"
    message: Message


@dataclass(frozen=True)
class RecoveryFacts:
    """What the supervised recovery commands depend on, as the engine saw it at the snapshot:
    Task 2's view of the PLC, report claims, held batches. The window greys each recovery
    with the reason `hmi.engine.permissions.why_not` finds here; the command checks again
    with fresh PLC data when it runs (`hmi.engine.recovery`)."""

    feedback: tuple[SlotFeedback, ...] = ()
    running_slot: int | None = None
    feedback_ok: bool = False  # the last feedback read succeeded
    acks: tuple[SlotAck, ...] = ()  # every slot's acknowledgement record
    #: MO id -> (slot, problems) of batches whose PLC values are implausible now
    implausible: Mapping[int, tuple[int, tuple[Message, ...]]] = field(default_factory=dict)
    unknown: tuple[UnknownSlot, ...] = ()  # PLC slots the database did not know at start
    lost: tuple[int, ...] = ()  # MO ids of sent batches a PLC asking for data no longer holds
    ready: bool | None = None  # the PLC's ready flag as last read (None: unreadable)
    #: MO id -> (owner, until) of another panel's report claim this panel waits on
    claims: Mapping[int, tuple[str, datetime]] = field(default_factory=dict)
    held: frozenset[int] = frozenset()  # MO ids held by an equipment table change
    single_connection: bool = False  # the PLC accepts one connection only (no probe beside)


@dataclass(frozen=True)
class EngineSnapshot:
    """The engine's whole visible state at one instant; the UI renders only this."""

    batches: tuple[Batch, ...] = ()
    gate: GateDecision = GateDecision(open=False, reasons=(msg("line.starting"),))
    plc: LinkState = LinkState(name="PLC")
    odoo: LinkState = LinkState(name="Odoo")
    db: LinkState = LinkState(name="Database")
    plc_ready: bool = False
    running_slot: int | None = None
    feedback: tuple[SlotFeedback, ...] = ()
    auto_fetch: bool = True
    busy: frozenset[str] = frozenset()  # names of tasks running now
    alarms: tuple[Message, ...] = ()  # active alarm messages for the banner, most severe first
    active_alarms: tuple[Alarm, ...] = ()  # the same alarms as records (banner order)
    alarm_list: tuple[Alarm, ...] = ()  # active, then cleared but not acknowledged
    line_status: LineStatus = LineStatus()
    updated_at: datetime | None = None
    recovery: RecoveryFacts = RecoveryFacts()
    cancel_in_odoo: bool = True  # [odoo] cancel_mode = "cancel": cancelling a batch needs Odoo


@dataclass(frozen=True)
class FetchPreview:
    """What a fetch would queue now, and what it would refuse and why; changes nothing."""

    batches: tuple[Batch, ...]
    refusals: tuple[Refusal, ...]
    gate: GateDecision
    odoo_states: dict[int, str] = field(default_factory=dict)  # mo_id -> state seen


@dataclass(frozen=True)
class FetchResult:
    """Outcome of a fetch: how many batches were queued and what happened, as a message."""

    queued: int
    message: Message
    refusals: tuple[Refusal, ...] = ()
