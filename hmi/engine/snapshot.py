"""What the engine shows the outside world: immutable snapshots, events and fetch previews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from hmi.domain.alarms import Alarm
from hmi.domain.gate import GateDecision
from hmi.domain.line_status import LineStatus
from hmi.domain.links import LinkState
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, Refusal, SlotFeedback


@dataclass(frozen=True)
class EngineEvent:
    """One line of the log console: when, how severe, which part, what happened."""

    at: datetime
    level: str  # "DEBUG" | "INFO" | "WARNING" | "ERROR"
    source: str  # "fetch" | "plc" | "complete" | "odoo" | "db" | "operator" | "engine"
    message: Message


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


@dataclass(frozen=True)
class FetchPreview:
    """What a fetch would queue now, and what it would refuse and why; changes nothing."""

    batches: tuple[Batch, ...]
    refusals: tuple[Refusal, ...]
    gate: GateDecision
    odoo_states: dict[int, str] = field(default_factory=dict)  # mo_id -> state seen


@dataclass(frozen=True)
class FetchResult:
    """Outcome of a fetch: how many batches were queued and a sentence for the log."""

    queued: int
    message: str
    refusals: tuple[Refusal, ...] = ()
