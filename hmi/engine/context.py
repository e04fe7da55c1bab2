"""What the engine's tasks share: settings, links, the store on its thread, events and alarms."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from hmi.config import Settings
from hmi.domain.alarms import BATCH_KINDS, batch_key, kind_of, mo_id_of
from hmi.domain.equipment import EquipmentTable
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg, plain
from hmi.engine.clock_steps import Deadlines
from hmi.engine.db_thread import DbThread
from hmi.engine.gate import ReadyReading
from hmi.engine.ports import OdooPort, PlcPort, StorePort
from hmi.engine.snapshot import EngineEvent

EVENT_LOGGER = logging.getLogger("hmi.events")
log = logging.getLogger("hmi.engine")
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING}


@dataclass
class EngineContext:
    """The links, the store and the event sink every task function works with."""

    settings: Settings
    plc: PlcPort
    odoo: OdooPort
    store: StorePort
    equipment: EquipmentTable
    db: DbThread = field(default_factory=DbThread)
    listeners: list[Callable[[EngineEvent], None]] = field(default_factory=list)
    #: key -> stored text (Message JSON) of the active alarms, a mirror of the store's
    alarms: dict[str, str] = field(default_factory=dict)
    #: bumped on every raise/clear, so a refresh never overwrites a newer mirror
    alarm_generation: int = 0
    #: the PLC's ready flag as last read (owned by hmi.engine.gate)
    ready: ReadyReading = field(default_factory=ReadyReading)
    #: finished slots whose acknowledgement has not reached the PLC (gate input)
    pending_acks: int = 0
    #: reasons a supervisor must clear before the next fill (unknown PLC batches)
    blocked: tuple[Message, ...] = ()
    #: MO id -> (owner, until) of another process's live report claim this panel waits on
    claim_waits: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    #: True once this process holds the single-instance lock of its queue
    instance_locked: bool = False
    last_said: dict[str, Message] = field(default_factory=dict)  # topic -> last message said
    #: the PIN lockout and alarm shelvings this process set, on the monotonic clock too
    deadlines: Deadlines = field(default_factory=Deadlines)
    #: who this process is when it claims a batch for reporting (panels sharing one queue)
    owner: str = field(default_factory=lambda: f"{socket.gethostname()[:40]}:{os.getpid()}")

    @property
    def plc_ready(self) -> bool:
        """True when the PLC's ready flag was last read as 1."""
        return self.ready.ready

    def event(self, level: str, source: str, message: Message | str) -> EngineEvent:
        """Record one event: log file (English), persisted event_log (the code and its
        parameters, so it re-renders in the reader's language), and the UI's listeners."""
        said = message if isinstance(message, Message) else plain(message)
        record = EngineEvent(at=utcnow(), level=level, source=source, message=said)
        EVENT_LOGGER.log(LEVELS.get(level, logging.ERROR), "[%s] %s", source, said)
        self.db.submit(self.store.log_event, level, source, said.to_json(), record.at)
        for listener in list(self.listeners):
            listener(record)
        return record

    def say_once(self, topic: str, level: str, source: str, message: Message | str) -> None:
        """Emit an event only when the message for `topic` changed (one line per state change)."""
        said = message if isinstance(message, Message) else plain(message)
        if self.last_said.get(topic) == said:
            return
        self.last_said[topic] = said
        self.event(level, source, said)

    def persist(self, fn: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Queue a store write on the DB thread without waiting; a failure is logged."""

        def run() -> None:
            try:
                fn(*args, **kwargs)
            except Exception:
                log.exception("store write %s failed", getattr(fn, "__name__", fn))

        self.db.submit(run)

    def raise_alarm(self, key: str, message: Message | str) -> None:
        """Raise (or keep) an alarm: stored (surviving restarts) and logged once."""
        said = message if isinstance(message, Message) else plain(message)
        text = said.to_json()
        if self.alarms.get(key) == text:
            return
        kind = kind_of(key)
        new = key not in self.alarms
        self.alarms[key] = text
        self.alarm_generation += 1
        self.persist(
            self.store.raise_alarm,
            key,
            text,
            source=kind.source,
            priority=kind.priority,
            mo_id=mo_id_of(key),
            at=utcnow(),
        )
        if new:
            self.event("ERROR", "alarm", said)

    def clear_alarm(self, key: str) -> None:
        """Clear an alarm if it is active (its cause is gone); stored and logged once."""
        text = self.alarms.pop(key, None)
        if text is not None:
            self.alarm_generation += 1
            self.persist(self.store.clear_alarm, key, utcnow())
            self.event("INFO", "alarm", msg("alarm.cleared", alarm=Message.from_json(text)))

    def clear_batch_alarms(self, mo_id: int) -> None:
        """The batch left the queue: every alarm about it is cleared."""
        for kind in BATCH_KINDS:
            self.clear_alarm(batch_key(kind, mo_id))
