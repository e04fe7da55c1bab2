"""The engine's "can I, and if not why" per command, from a snapshot (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.gate import GateDecision
from hmi.domain.links import LinkState
from hmi.domain.model import Batch
from hmi.domain.states import BatchState
from hmi.engine.permissions import Action, why_not
from hmi.engine.snapshot import EngineSnapshot

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
UP = {
    "plc": LinkState("PLC", up=True),
    "odoo": LinkState("Odoo", up=True),
    "db": LinkState("Database", up=True),
}


def batch(mo_id: int, slot: int, state: BatchState) -> Batch:
    return Batch(mo_id, f"WH/MO/{mo_id:05d}", "BoM", "Starter", 1000.0, (), slot, state)


def snap(**changes: object) -> EngineSnapshot:
    return EngineSnapshot(**{**UP, **changes})  # type: ignore[arg-type]


def code(message: object) -> str | None:
    return None if message is None else message.code  # type: ignore[attr-defined]


def test_fetch_follows_the_gate_and_names_its_reasons() -> None:
    closed = snap(gate=GateDecision(False, ("2 batches still in the queue", "PLC not ready")))
    why = why_not(closed, Action.FETCH)
    assert code(why) == "why.gate"
    assert str(why) == "Not now: 2 batches still in the queue; PLC not ready"
    assert why_not(snap(gate=GateDecision(True)), Action.FETCH) is None
    busy = snap(gate=GateDecision(True), busy=frozenset({"fetch"}))
    assert code(why_not(busy, Action.FETCH)) == "why.fetch_busy"
    offline = snap(gate=GateDecision(True), db=LinkState("Database"))
    assert code(why_not(offline, Action.FETCH)) == "why.db_offline"


def test_cancel_retry_and_clear_mirror_the_engine() -> None:
    running, sent, failed = (
        batch(1, 1, BatchState.RUNNING),
        batch(2, 2, BatchState.SENT),
        batch(3, 3, BatchState.FAILED),
    )
    s = snap(batches=(running, sent, failed), running_slot=1)
    assert code(why_not(s, Action.CANCEL, mo_id=1)) == "why.cancel_dosing"
    assert why_not(s, Action.CANCEL, mo_id=2) is None
    assert code(why_not(s, Action.CANCEL, mo_id=99)) == "why.batch_gone"
    assert code(why_not(s, Action.CANCEL)) == "why.no_batch"
    assert code(why_not(s, Action.RETRY, mo_id=2)) == "why.retry_state"
    assert code(why_not(s, Action.RETRY, mo_id=3)) == "why.retry_plc_busy"  # PLC not ready
    ready = snap(batches=(failed,), plc_ready=True)
    assert why_not(ready, Action.RETRY, mo_id=3) is None
    assert code(why_not(s, Action.CLEAR_QUEUE)) == "why.queue_on_plc"
    assert code(why_not(snap(), Action.CLEAR_QUEUE)) == "why.queue_empty"
    refused = batch(4, 4, BatchState.NEEDS_ATTENTION)
    no_odoo = snap(batches=(refused,), odoo=LinkState("Odoo"))
    assert code(why_not(no_odoo, Action.RETRY, mo_id=4)) == "why.retry_odoo_offline"
    assert why_not(no_odoo, Action.CLEAR_QUEUE) is None


def test_alarm_commands() -> None:
    new = Alarm(1, "link.plc", "engine", AlarmPriority.MEDIUM, "x", NOW)
    acked = Alarm(2, "failed.3", "plc", AlarmPriority.HIGH, "y", NOW, acked_by="a", acked_at=NOW)
    cleared = Alarm(3, "tolerance.3", "plc", AlarmPriority.LOW, "z", NOW, cleared_at=NOW)
    later = NOW + timedelta(hours=1)
    shelved = Alarm(4, "overrun.3", "engine", AlarmPriority.MEDIUM, "w", NOW, shelved_until=later)
    s = snap(alarm_list=(new, acked, cleared, shelved))
    assert why_not(s, Action.ACKNOWLEDGE, alarm_id=1) is None
    assert code(why_not(s, Action.ACKNOWLEDGE, alarm_id=2)) == "why.alarm_acked"
    assert code(why_not(s, Action.ACKNOWLEDGE)) == "why.no_alarm"
    assert why_not(s, Action.ACKNOWLEDGE_ALL) is None
    assert code(why_not(snap(alarm_list=(acked,)), Action.ACKNOWLEDGE_ALL)) == "why.nothing_to_ack"
    assert why_not(s, Action.SHELVE, alarm_id=1, now=NOW) is None
    assert code(why_not(s, Action.SHELVE, alarm_id=3, now=NOW)) == "why.alarm_cleared"
    assert code(why_not(s, Action.SHELVE, alarm_id=4, now=NOW)) == "why.alarm_shelved"


def test_settings_and_unknown_commands() -> None:
    assert why_not(snap(db=LinkState("Database")), Action.SETTINGS) is None
    assert code(why_not(snap(), "launch rocket")) == "why.unknown_command"
