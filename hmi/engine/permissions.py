"""Can the operator run a command now, and if not, why: the one answer for every command the
window offers, computed from the latest snapshot.

The window asks before it shows a button and greys it with the reason in words (ISA-101:
no action that is offered and then refused). The checks mirror the ones the engine's
commands make when they run (`hmi.engine.engine`, `hmi.engine.recovery`); a command may
still be refused then (the state can change between the snapshot and the tap), but never
for a reason that was visible before. The supervised recovery commands' checks live in
`hmi.engine.recovery_checks` (the commands use them too) and are reached through here. No
I/O: a pure function of an `EngineSnapshot`.

Example::

    >>> why_not(EngineSnapshot(), Action.FETCH) is not None
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from hmi.domain.alarms import Alarm
from hmi.domain.links import LinkStatus, utcnow
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch
from hmi.domain.roles import Command
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.engine import recovery_checks as checks
from hmi.engine.snapshot import EngineSnapshot


class Action(StrEnum):
    """The commands the window offers (the engine's methods named beside each)."""

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
    BATCH_DETAIL = "batch_detail"  # the batch's detail (snapshot only)
    REFUSED_ORDERS = "refused_orders"  # refused_orders
    PROBE_PLC = "probe_plc"  # probe_plc (read only; in Settings, behind the supervisor PIN)
    # supervised recovery (issue 11), each behind the PIN and a reason, each audited
    RESEND_BATCHES = "resend_batches"  # resend_lost_batches
    ACK_PLC_SLOT = "ack_plc_slot"  # acknowledge_plc_slot (after showing the slot's words)
    DECIDE = "decide"  # the implausible-value decision dialog (decide_implausible)
    READ_AGAIN = "read_again"  # decide_implausible(READ_AGAIN): no PIN
    ACCEPT_VALUES = "accept_values"  # decide_implausible(ACCEPT)
    ENTER_WEIGHTS = "enter_weights"  # decide_implausible(ENTER, weights=…)
    ABORT_BATCH = "abort_batch"  # decide_implausible(ABORT)
    RELEASE_CLAIM = "release_claim"  # release_claim
    RESOLVE_UNKNOWN = "resolve_unknown"  # resolve_unknown_plc_batches
    RESEND_HELD = "resend_held"  # resend_held


#: The supervisor-PIN command (audit name) of each protected action.
PROTECTED: dict[Action, Command] = {
    Action.CANCEL: Command.CANCEL_BATCH,
    Action.CLEAR_QUEUE: Command.CLEAR_QUEUE,
    Action.SHELVE: Command.SHELVE_ALARM,
    Action.SETTINGS: Command.CHANGE_SETTINGS,
    Action.RESEND_BATCHES: Command.RESEND_BATCHES,
    Action.ACK_PLC_SLOT: Command.ACK_PLC_SLOT,
    Action.ACCEPT_VALUES: Command.DECIDE_IMPLAUSIBLE,
    Action.ENTER_WEIGHTS: Command.DECIDE_IMPLAUSIBLE,
    Action.ABORT_BATCH: Command.DECIDE_IMPLAUSIBLE,
    Action.RELEASE_CLAIM: Command.RELEASE_CLAIM,
    Action.RESOLVE_UNKNOWN: Command.RESOLVE_UNKNOWN_PLC,
    Action.RESEND_HELD: Command.RESEND_HELD,
}
#: A supervisor command's audit name is accepted for its action (`why_not(Command.X)`).
ALIASES: dict[str, Action] = {
    Command.CANCEL_BATCH.value: Action.CANCEL,
    Command.CLEAR_QUEUE.value: Action.CLEAR_QUEUE,
    Command.SHELVE_ALARM.value: Action.SHELVE,
    Command.CHANGE_SETTINGS.value: Action.SETTINGS,
    Command.RESEND_BATCHES.value: Action.RESEND_BATCHES,
    Command.ACK_PLC_SLOT.value: Action.ACK_PLC_SLOT,
    Command.DECIDE_IMPLAUSIBLE.value: Action.DECIDE,
    Command.RELEASE_CLAIM.value: Action.RELEASE_CLAIM,
    Command.RESOLVE_UNKNOWN_PLC.value: Action.RESOLVE_UNKNOWN,
    Command.RESEND_HELD.value: Action.RESEND_HELD,
}
#: The implausible-value decision each decision action takes.
DECISIONS: dict[Action, Decision] = {
    Action.READ_AGAIN: Decision.READ_AGAIN,
    Action.ACCEPT_VALUES: Decision.ACCEPT,
    Action.ENTER_WEIGHTS: Decision.ENTER,
    Action.ABORT_BATCH: Decision.ABORT,
}
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
#: Commands that need nothing but the window (every other one reads or writes the database).
WITHOUT_DB = frozenset({Action.SETTINGS, Action.PROBE_PLC, Action.BATCH_DETAIL})


@dataclass(frozen=True)
class Target:
    """What a command is about: a batch (MO id), a PLC slot, an alarm; and the time now."""

    mo_id: int | None
    slot: int | None
    alarm_id: int | None
    now: datetime


Check = Callable[[EngineSnapshot, Target], Message | None]


def action_of(command: str) -> Action | None:
    """The action a command names (an Action value or a supervisor command's audit name)."""
    try:
        return Action(command)
    except ValueError:
        return ALIASES.get(str(command))


def state_message(state: BatchState) -> Message:
    """The operator's word for a batch state, as a message."""
    return Message(f"batch.state.{state.value}")


def why_not(
    snapshot: EngineSnapshot,
    command: str,
    *,
    mo_id: int | None = None,
    slot: int | None = None,
    alarm_id: int | None = None,
    now: datetime | None = None,
) -> Message | None:
    """None when `command` may run now; otherwise the reason, in the operator's words.

    `mo_id` names the batch (cancel, retry, the decisions, release claim, resend held),
    `slot` the PLC slot (acknowledge a slot), `alarm_id` the alarm (acknowledge, shelve).
    An unknown command gets a reason too (never an exception: the window asks before
    drawing).
    """
    which = action_of(command)
    if which is None:
        return msg("why.unknown_command", command=str(command))
    if which not in WITHOUT_DB and not snapshot.db.up:
        return msg("why.db_offline")
    check = CHECKS.get(which)
    if check is None:
        return None
    return check(snapshot, Target(mo_id, slot, alarm_id, now or utcnow()))


# -- the operator's commands -----------------------------------------------------------------


def _fetch(s: EngineSnapshot, _t: Target) -> Message | None:
    if not s.gate.open:
        return msg("why.gate", reasons=s.gate.reasons)
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


def _detail(s: EngineSnapshot, t: Target) -> Message | None:
    batch = _batch(s, t.mo_id)
    return batch if isinstance(batch, Message) else None


def _cancel(s: EngineSnapshot, t: Target) -> Message | None:
    batch = _batch(s, t.mo_id)
    if isinstance(batch, Message):
        return batch
    facts = s.recovery
    lost = batch.mo_id in facts.lost
    finished = checks.done_on_plc(checks.feedback_of(facts, batch.slot), batch)
    dosing = not finished and (
        (batch.slot and s.running_slot == batch.slot)
        or (batch.state is BatchState.RUNNING and not lost)
    )
    if dosing:
        return msg("why.cancel_dosing", mo=batch.mo_name)
    if batch.state not in CANCELLABLE and not lost and not finished:
        return msg("why.cancel_state", mo=batch.mo_name, state=state_message(batch.state))
    if s.cancel_in_odoo and not s.odoo.up:
        return msg("why.cancel_odoo_offline", mo=batch.mo_name)
    return None


def _retry(s: EngineSnapshot, t: Target) -> Message | None:
    batch = _batch(s, t.mo_id)
    if isinstance(batch, Message):
        return batch
    if batch.state in REPORT_AGAIN:
        return None if s.odoo.up else msg("why.retry_odoo_offline", mo=batch.mo_name)
    if batch.state is BatchState.FAILED:
        if batch.mo_id in s.recovery.held:
            return msg("why.retry_held", mo=batch.mo_name)
        if not s.plc.up:
            return msg("why.retry_plc_offline", mo=batch.mo_name)
        if not s.plc_ready:
            return msg("why.retry_plc_busy", mo=batch.mo_name)
        return None
    return msg("why.retry_state", mo=batch.mo_name, state=state_message(batch.state))


def _clear(s: EngineSnapshot, _t: Target) -> Message | None:
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


# -- alarms ------------------------------------------------------------------------------------


def _alarm(s: EngineSnapshot, alarm_id: int | None) -> Alarm | Message:
    if alarm_id is None:
        return msg("why.no_alarm")
    alarm = next((a for a in s.alarm_list if a.id == alarm_id), None)
    return alarm if alarm is not None else msg("why.alarm_gone")


def _ack(s: EngineSnapshot, t: Target) -> Message | None:
    alarm = _alarm(s, t.alarm_id)
    if isinstance(alarm, Message):
        return alarm
    return msg("why.alarm_acked") if alarm.acknowledged else None


def _ack_all(s: EngineSnapshot, _t: Target) -> Message | None:
    waiting = any(not a.acknowledged for a in s.alarm_list)
    return None if waiting else msg("why.nothing_to_ack")


def _shelve(s: EngineSnapshot, t: Target) -> Message | None:
    alarm = _alarm(s, t.alarm_id)
    if isinstance(alarm, Message):
        return alarm
    if not alarm.active:
        return msg("why.alarm_cleared")
    if alarm.shelved(t.now) and alarm.shelved_until is not None:
        return msg("why.alarm_shelved", until=alarm.shelved_until.isoformat())
    return None


# -- supervised recovery (checks in hmi.engine.recovery_checks) --------------------------------


def _resend(s: EngineSnapshot, _t: Target) -> Message | None:
    facts = s.recovery
    # a FAULTED link answers: a refusal seen during an earlier resend is only forgotten when
    # the same write succeeds, so the resend itself is the way out (refused words are named)
    if s.plc.status is LinkStatus.DOWN:
        return msg("why.plc_not_up")
    return checks.why_not_resend(s.batches, facts, facts.ready)


def _ack_slot(s: EngineSnapshot, t: Target) -> Message | None:
    if not s.plc.up:
        return msg("why.plc_not_up")
    return checks.why_not_ack_slot(s.batches, s.recovery, t.slot)


def _decision(which: Action) -> Check:
    decision = DECISIONS.get(which)

    def check(s: EngineSnapshot, t: Target) -> Message | None:
        return checks.why_not_decide(s.batches, s.recovery, t.mo_id, decision)

    return check


def _release(s: EngineSnapshot, t: Target) -> Message | None:
    return checks.why_not_release(s.recovery.claims, t.mo_id)


def _resolve(s: EngineSnapshot, _t: Target) -> Message | None:
    if not s.plc.up:
        return msg("why.plc_not_up")
    return checks.why_not_resolve(s.recovery)


def _resend_held(s: EngineSnapshot, t: Target) -> Message | None:
    return checks.why_not_resend_held(s.batches, s.recovery.held, t.mo_id)


def _probe(s: EngineSnapshot, _t: Target) -> Message | None:
    if s.recovery.single_connection:
        return msg("why.probe.single_connection")
    return None


CHECKS: dict[Action, Check] = {
    Action.FETCH: _fetch,
    Action.CANCEL: _cancel,
    Action.RETRY: _retry,
    Action.CLEAR_QUEUE: _clear,
    Action.ACKNOWLEDGE: _ack,
    Action.ACKNOWLEDGE_ALL: _ack_all,
    Action.SHELVE: _shelve,
    Action.BATCH_DETAIL: _detail,
    Action.PROBE_PLC: _probe,
    Action.RESEND_BATCHES: _resend,
    Action.ACK_PLC_SLOT: _ack_slot,
    Action.DECIDE: _decision(Action.DECIDE),
    Action.READ_AGAIN: _decision(Action.READ_AGAIN),
    Action.ACCEPT_VALUES: _decision(Action.ACCEPT_VALUES),
    Action.ENTER_WEIGHTS: _decision(Action.ENTER_WEIGHTS),
    Action.ABORT_BATCH: _decision(Action.ABORT_BATCH),
    Action.RELEASE_CLAIM: _release,
    Action.RESOLVE_UNKNOWN: _resolve,
    Action.RESEND_HELD: _resend_held,
}
