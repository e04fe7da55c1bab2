"""Can the operator run a command now, and if not, why: computed from the latest snapshot.

The window asks before it shows a button and greys it with the reason in words
(ISA-101: no action that is offered and then refused). The checks mirror the ones the
engine's commands make when they run (`hmi.engine.engine`); a command may still be refused
then (the state can change between the snapshot and the tap), but never for a reason that
was visible before. No I/O: a pure function of an `EngineSnapshot`.

Example::

    >>> why_not(EngineSnapshot(), Action.FETCH) is not None
    True
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from hmi.domain.alarms import Alarm
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch
from hmi.domain.states import BatchState
from hmi.engine.snapshot import EngineSnapshot


class Action(StrEnum):
    """The operator's commands the window offers (the engine's methods of the same name)."""

    FETCH = "fetch"  # preview_fetch + confirm_fetch
    AUTO_FETCH = "auto_fetch"  # set_auto_fetch
    CANCEL = "cancel"  # cancel_batch (supervisor)
    RETRY = "retry"  # retry_now
    CLEAR_QUEUE = "clear_queue"  # clear_queue (supervisor)
    ACKNOWLEDGE = "acknowledge"  # acknowledge_alarm
    ACKNOWLEDGE_ALL = "acknowledge_all"  # acknowledge_alarm for each unacknowledged alarm
    SHELVE = "shelve"  # shelve_alarm (supervisor)
    SETTINGS = "settings"  # apply_settings (supervisor)
    HISTORY = "history"  # history_page, batch_record, shift_report
    AUDIT = "audit"  # audit_entries, export_audit_csv


#: Batch states a cancel accepts (the engine's CANCELLABLE).
CANCELLABLE = frozenset(
    {
        BatchState.QUEUED,
        BatchState.SENT,
        BatchState.FAILED,
        BatchState.FINISHED,
        BatchState.NEEDS_ATTENTION,
    }
)
#: States in which the batch is on the PLC: the queue cannot be cleared then.
ON_PLC = frozenset({BatchState.SENT, BatchState.RUNNING})
#: Retried by reporting to Odoo again.
REPORT_AGAIN = frozenset({BatchState.FINISHED, BatchState.NEEDS_ATTENTION})
#: Commands that read or write the database.
NEEDS_DB = frozenset(
    {
        Action.FETCH,
        Action.AUTO_FETCH,
        Action.CANCEL,
        Action.RETRY,
        Action.CLEAR_QUEUE,
        Action.ACKNOWLEDGE,
        Action.ACKNOWLEDGE_ALL,
        Action.SHELVE,
        Action.HISTORY,
        Action.AUDIT,
    }
)
#: The engine's gate reasons (plain words, hmi.domain.gate) → their catalogue codes.
GATE_CODES = {
    "Database offline": "gate.db_offline",
    "PLC offline": "gate.plc_offline",
    "PLC not ready": "gate.plc_not_ready",
    "Odoo offline": "gate.odoo_offline",
    "Starting": "line.starting",
}


def state_message(state: BatchState) -> Message:
    """The operator's word for a batch state, as a message."""
    return Message(f"batch.state.{state.value}")


def gate_message(reason: str | Message) -> Message:
    """One gate reason as a message (the gate gives plain words or, later, messages)."""
    if isinstance(reason, Message):
        return reason
    code = GATE_CODES.get(reason)
    if code is not None:
        return Message(code)
    count = reason.split(" ", 1)[0]
    if reason.endswith("still in the queue") and count.isdigit():
        return msg("gate.queue_not_empty", count=int(count))
    return Message("text", (("text", reason),))


def why_not(
    snapshot: EngineSnapshot,
    command: str,
    *,
    mo_id: int | None = None,
    alarm_id: int | None = None,
    now: datetime | None = None,
) -> Message | None:
    """None when `command` may run now; otherwise the reason, in the operator's words.

    `mo_id` names the batch of CANCEL and RETRY, `alarm_id` the alarm of ACKNOWLEDGE and
    SHELVE. An unknown command gets a reason too (never an exception: the window asks
    before drawing).
    """
    try:
        which = Action(command)
    except ValueError:
        return msg("why.unknown_command", command=str(command))
    if which in NEEDS_DB and not snapshot.db.up:
        return msg("why.db_offline")
    check = _CHECKS.get(which)
    if check is None:
        return None
    return check(snapshot, mo_id, alarm_id, now or utcnow())


def _fetch(s: EngineSnapshot, _mo: int | None, _al: int | None, _now: datetime) -> Message | None:
    if not s.gate.open:
        reasons = tuple(gate_message(r) for r in s.gate.reasons)
        return msg("why.gate", reasons=reasons)
    if "fetch" in s.busy:
        return msg("why.fetch_busy")
    return None


def _batch(s: EngineSnapshot, mo_id: int | None) -> Batch | Message:
    if mo_id is None:
        return msg("why.no_batch")
    batch = next((b for b in s.batches if b.mo_id == mo_id), None)
    if batch is None:
        return msg("why.batch_gone")
    return batch


def _cancel(s: EngineSnapshot, mo_id: int | None, _al: int | None, _n: datetime) -> Message | None:
    batch = _batch(s, mo_id)
    if isinstance(batch, Message):
        return batch
    if batch.state is BatchState.RUNNING or (batch.slot and s.running_slot == batch.slot):
        return msg("why.cancel_dosing", mo=batch.mo_name)
    if batch.state not in CANCELLABLE:
        return msg("why.cancel_state", mo=batch.mo_name, state=state_message(batch.state))
    return None


def _retry(s: EngineSnapshot, mo_id: int | None, _al: int | None, _n: datetime) -> Message | None:
    batch = _batch(s, mo_id)
    if isinstance(batch, Message):
        return batch
    if batch.state in REPORT_AGAIN:
        return None if s.odoo.up else msg("why.retry_odoo_offline", mo=batch.mo_name)
    if batch.state is BatchState.FAILED:
        if not s.plc.up:
            return msg("why.retry_plc_offline", mo=batch.mo_name)
        if not s.plc_ready:
            return msg("why.retry_plc_busy", mo=batch.mo_name)
        return None
    return msg("why.retry_state", mo=batch.mo_name, state=state_message(batch.state))


def _clear(s: EngineSnapshot, _mo: int | None, _al: int | None, _n: datetime) -> Message | None:
    if not s.batches:
        return msg("why.queue_empty")
    blocking = [
        b.mo_name
        for b in s.batches
        if b.state in ON_PLC or b.state not in CANCELLABLE or (b.slot and s.running_slot == b.slot)
    ]
    if blocking:
        return msg("why.queue_on_plc", names=", ".join(blocking))
    return None


def _alarm(s: EngineSnapshot, alarm_id: int | None) -> Alarm | Message:
    if alarm_id is None:
        return msg("why.no_alarm")
    alarm = next((a for a in s.alarm_list if a.id == alarm_id), None)
    return alarm if alarm is not None else msg("why.alarm_gone")


def _ack(s: EngineSnapshot, _mo: int | None, alarm_id: int | None, _n: datetime) -> Message | None:
    alarm = _alarm(s, alarm_id)
    if isinstance(alarm, Message):
        return alarm
    return msg("why.alarm_acked") if alarm.acknowledged else None


def _ack_all(s: EngineSnapshot, _mo: int | None, _al: int | None, _n: datetime) -> Message | None:
    waiting = any(not a.acknowledged for a in s.alarm_list)
    return None if waiting else msg("why.nothing_to_ack")


def _shelve(
    s: EngineSnapshot, _mo: int | None, alarm_id: int | None, now: datetime
) -> Message | None:
    alarm = _alarm(s, alarm_id)
    if isinstance(alarm, Message):
        return alarm
    if not alarm.active:
        return msg("why.alarm_cleared")
    if alarm.shelved(now) and alarm.shelved_until is not None:
        return msg("why.alarm_shelved", until=alarm.shelved_until.isoformat())
    return None


_CHECKS = {
    Action.FETCH: _fetch,
    Action.CANCEL: _cancel,
    Action.RETRY: _retry,
    Action.CLEAR_QUEUE: _clear,
    Action.ACKNOWLEDGE: _ack,
    Action.ACKNOWLEDGE_ALL: _ack_all,
    Action.SHELVE: _shelve,
}
