"""The stall catalogue (issue 11): every way the line stopped silently, run against the
simulators, asserting the alarm and the line status within a stated bound, the recovery,
and afterwards the Odoo books (every MO exactly once) with nothing stuck.

Bounds: each alarm must be raised within 2 × its rule's time (`[watchdog]` settings below)
after its condition began, plus one PLC sync interval.
"""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import timedelta
from typing import Any

import pytest

from hmi.config import Settings, with_section
from hmi.domain.acks import AckState
from hmi.domain.line_status import LineMode
from hmi.domain.links import LinkStatus, utcnow
from hmi.domain.roles import Command
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.engine.engine import Engine
from hmi.runtime import build_engine
from hmi.sim.plc_sim import PlcSimulator

WATCHDOG = {"fault_s": 0.5, "confirm_s": 0.5, "ack_s": 1.0, "start_s": 2.0, "heartbeat_s": 0.5}
SLOW = 30.0  # a batch takes 10 s: batches stay sent/running while the test acts
FAST = 3000.0


async def start_engine(plant: Any, **watchdog: float) -> Engine:
    """An engine on the plant with fast tasks and a quick watchdog."""
    settings: Settings = plant.settings()
    settings = with_section(settings, "watchdog", **{**WATCHDOG, **watchdog})
    settings = with_section(settings, "alarms", link_down_s=1.0)
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def tick(engine: Engine) -> None:
    """One round of the three tasks, as the timers run them."""
    await engine.sync_tick()
    await engine.complete_tick()
    await engine.fetch_tick()


async def until(engine: Engine, condition: Any, timeout: float = 20.0) -> float:
    """Run the tasks until `condition()` holds; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        await tick(engine)
        if condition():
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {timeout} s; line: {engine.snapshot().line_status}")


def alarm(engine: Engine, key: str) -> str:
    """The English text of an active alarm ('' when not active)."""
    from hmi.domain.messages import Message

    text = engine.ctx.alarms.get(key)
    return str(Message.from_json(text)) if text else ""


def stopped(engine: Engine, code: str) -> bool:
    status = engine.snapshot().line_status
    return status.mode is LineMode.STOPPED and status.message.code == code


async def drain(plant: Any, engine: Engine, reported: int, timeout: float = 40.0) -> None:
    """Let the line run until `reported` MOs are archived as reported and nothing is stuck."""
    plant.plc.process.speed = FAST

    def done() -> bool:
        count = engine.ctx.store.history_count()
        return count >= reported and not engine.ctx.store.batches()

    if engine.ctx.store.history_count() < reported:  # one fill, then no more
        await until(engine, lambda: bool(engine.ctx.store.batches()), timeout)
    engine.auto_fetch = False
    await until(engine, done, timeout)
    await until(engine, lambda: not any(a.pending for a in engine.ctx.store.slot_acks()), 10)


def books_clean(plant: Any, engine: Engine) -> None:
    """Every MO Odoo posted was posted once; every reported batch posted; nothing stuck."""
    postings = plant.postings()
    assert all(n <= 1 for n in postings.values()), postings
    history = engine.ctx.store.history_page(0, 1000)
    for batch in history:
        expected = 1 if batch.outcome is BatchState.REPORTED else 0
        assert postings[batch.mo_id] == expected, (batch.mo_name, batch.outcome)
    assert not engine.ctx.store.batches()
    assert not [a for a in engine.ctx.store.slot_acks() if a.pending]
    names = [c.mo_name for c in plant.plc.completed if c.mo_name]
    assert len(names) == len(set(names)), "a batch ran twice"


@pytest.fixture
async def slow_plant(plant: Any) -> Any:
    """The plant with a slow PLC that waits for each acknowledgement (a strict program)."""
    await plant.plc.stop()
    plant.plc = PlcSimulator("127.0.0.1", plant.plc.port, speed=SLOW, seed=1, wait_for_ack=True)
    await plant.plc.start()
    return plant


# -- 1. a lost acknowledgement -----------------------------------------------------------------


async def test_1_a_refused_acknowledgement_is_retried_until_the_plc_takes_it(slow_plant):
    plant = slow_plant
    plant.plc.process.speed = FAST
    engine = await start_engine(plant)
    plant.plc.faults.refuse(2, 6000, 6999, function="write", seconds=4.0)  # acks refused
    await until(engine, lambda: any(a.pending for a in engine.ctx.store.slot_acks()))
    took = await until(engine, lambda: "ack.1" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["ack_s"] + 0.2
    assert "has not reached the PLC" in alarm(engine, "ack.1")
    assert engine.snapshot().line_status.mode is LineMode.STOPPED
    assert engine.snapshot().plc.status is LinkStatus.FAULTED
    assert plant.plc.process.unacknowledged == [1]  # the strict PLC waits for it
    await drain(plant, engine, 10)
    assert "ack.1" not in engine.ctx.alarms
    books_clean(plant, engine)


async def test_1b_a_pending_acknowledgement_survives_archive_and_restart(slow_plant):
    plant = slow_plant
    plant.plc.process.speed = FAST
    engine = await start_engine(plant)
    plant.plc.faults.refuse(2, 6000, 6999, function="write")  # until cleared
    await until(engine, lambda: engine.ctx.store.history_count() >= 1)  # reported, archived
    assert [a.slot for a in engine.ctx.store.slot_acks() if a.pending] == [1]
    await engine.stop()
    plant.engines.remove(engine)
    plant.plc.faults.clear_refusals()
    again = await start_engine(plant)
    await drain(plant, again, 10)
    books_clean(plant, again)
    assert [c.slot for c in plant.plc.completed][:1] == [1]


# -- 2. Modbus exception responses -------------------------------------------------------------


async def test_2_a_plc_refusing_everything_is_faulted_alarmed_and_recovers(plant):
    engine = await start_engine(plant)
    plant.plc.faults.refuse_all(4)
    took = await until(engine, lambda: "link.plc" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["fault_s"] + 0.3
    snapshot = engine.snapshot()
    assert snapshot.plc.status is LinkStatus.FAULTED
    assert "exception 4 (server device failure)" in alarm(engine, "link.plc")
    assert "PLC ready flag unreadable" in snapshot.gate.reason
    assert "PLC not ready" not in snapshot.gate.reason
    assert stopped(engine, "stall.plc_faulted")
    plant.plc.faults.clear_refusals()
    await until(engine, lambda: engine.snapshot().plc.status is LinkStatus.UP, 5)
    await drain(plant, engine, 10)
    assert "link.plc" not in engine.ctx.alarms
    books_clean(plant, engine)


async def test_2b_part_of_the_feedback_area_refused_names_the_range(plant):
    engine = await start_engine(plant)
    plant.plc.faults.refuse(2, 6900, 6976, function="read")
    await until(engine, lambda: "link.plc" in engine.ctx.alarms, 5)
    text = alarm(engine, "link.plc")
    assert "exception 2 (illegal data address)" in text
    assert "reading words 6875–6976" in text, text
    plant.plc.faults.clear_refusals()
    await drain(plant, engine, 10)
    books_clean(plant, engine)


# -- 3. the PLC restarts and loses its memory --------------------------------------------------


async def test_3_a_plc_that_lost_its_batches_is_alarmed_and_they_are_resent(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    await plant.plc.restart(lose_memory=True)
    took = await until(engine, lambda: "plc.lost" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["confirm_s"] + 2.5  # + the write-area check interval
    assert "The PLC lost 10 batches" in alarm(engine, "plc.lost")
    assert stopped(engine, "stall.plc_lost")
    why = engine.why_not(Command.RESEND_BATCHES)  # greyed with the reason the command gives
    assert why is not None
    assert why.code == "why.resend.running", why
    with pytest.raises(Exception, match="was dosing: cancel it first"):
        await engine.resend_lost_batches("supervisor", "PLC restarted")
    running = next(b for b in engine.ctx.store.batches() if b.state is BatchState.RUNNING)
    await engine.cancel_batch(running.mo_id, "supervisor", "lost while dosing")
    assert engine.why_not(Command.RESEND_BATCHES) is None
    assert await engine.resend_lost_batches("supervisor", "PLC restarted") == 9
    await drain(plant, engine, 9)
    assert "plc.lost" not in engine.ctx.alarms
    books_clean(plant, engine)
    audit = engine.ctx.store.audit_entries(100, action="resend")
    assert audit
    assert audit[-1].reason == "PLC restarted"


# -- 4. cancelling a batch that is sent but not started ----------------------------------------


async def test_4_a_cancelled_sent_batch_that_runs_anyway_is_acknowledged(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    third = next(b for b in engine.ctx.store.batches() if b.slot == 3)
    await engine.cancel_batch(third.mo_id, "supervisor", "wrong recipe")
    ack = next(a for a in engine.ctx.store.slot_acks() if a.slot == 3)
    assert ack.state is AckState.EXPECTED
    await drain(plant, engine, 9)
    assert 3 in [c.slot for c in plant.plc.completed]  # the PLC ran the cleared slot
    assert not [k for k in engine.ctx.alarms if k.startswith(("orphan", "stall"))]
    books_clean(plant, engine)


async def test_4b_a_finished_slot_the_hmi_has_no_batch_for_is_acknowledged_by_a_supervisor(
    slow_plant,
):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    # the PLC shows slot 5 finished with a batch the HMI never had
    base = 6000 + 4 * 100
    await plant.plc.write_words(base, [5, 0x5858, 0x2F31])  # batch 5, MO "XX/1"
    await plant.plc.write_words(base + 72, [1])
    took = await until(engine, lambda: "identity.5" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["confirm_s"] + 0.3
    assert "XX/1" in alarm(engine, "identity.5")
    assert engine.why_not(Command.ACK_PLC_SLOT, slot=5) is None
    words = next(fb for fb in engine.snapshot().feedback if fb.slot == 5).raw_words
    with pytest.raises(Exception, match="changed since it was shown"):
        await engine.acknowledge_plc_slot(5, (*words[:-1], 9), "supervisor", "checked")
    await engine.acknowledge_plc_slot(5, words, "supervisor", "checked at the PLC")
    await until(engine, lambda: "identity.5" not in engine.ctx.alarms, 5)
    assert engine.ctx.store.audit_entries(10, action="acknowledge PLC slot")


# -- 5. implausible PLC values -----------------------------------------------------------------


async def test_5_implausible_values_wait_for_a_decision_then_the_line_goes_on(slow_plant):
    plant = slow_plant
    plant.plc.process.speed = FAST
    plant.plc.faults.publish_implausible(2, "overdose")
    engine = await start_engine(plant)
    await until(engine, lambda: any(k.startswith("implausible.") for k in engine.ctx.alarms))
    key = next(k for k in engine.ctx.alarms if k.startswith("implausible."))
    mo_id = int(key.split(".")[1])
    assert stopped(engine, "stall.implausible")
    assert engine.snapshot().line_status.action.code == "action.implausible"
    assert plant.plc.process.unacknowledged == [2]  # the strict PLC waits
    await engine.decide_implausible(mo_id, Decision.READ_AGAIN, "operator")
    await tick(engine)
    assert key in engine.ctx.alarms  # still implausible after reading again
    batch = engine.ctx.store.get(mo_id)
    fb = next(f for f in engine.snapshot().feedback if f.slot == 2)
    plan = {ln.equipment_id: ln.planned_kg for ln in batch.lines}
    worst = max(fb.materials, key=lambda m: m.actual_kg - plan.get(m.equipment_id, 0))
    ticket = {worst.equipment_id: plan[worst.equipment_id]}
    await engine.decide_implausible(
        mo_id, Decision.ENTER, "supervisor", "scale ticket 4711", weights=ticket
    )
    assert engine.ctx.store.get(mo_id).state is BatchState.FINISHED
    await drain(plant, engine, 10)
    books_clean(plant, engine)
    entry = engine.ctx.store.audit_entries(10, action="implausible")[-1]
    assert entry.reason == "scale ticket 4711"


# -- 6. identity: padding tolerated, a real mismatch alarmed -----------------------------------


async def test_6_space_padded_names_are_the_same_name(plant):
    plant.plc.faults.pad_text_with_spaces()
    engine = await start_engine(plant)
    await drain(plant, engine, 10)
    assert not [k for k in engine.ctx.alarms if k.startswith(("identity", "orphan"))]
    books_clean(plant, engine)


async def test_6b_a_slot_showing_another_mo_is_alarmed_with_the_words(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    expected = next(b for b in engine.ctx.store.batches() if b.slot == 2).mo_name
    await plant.plc.write_words(6100, [2, 0x5858, 0x2F39])  # slot 2 shows MO "XX/9"
    took = await until(engine, lambda: "identity.2" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["confirm_s"] + 0.3
    text = alarm(engine, "identity.2")
    assert f"expected {expected}" in text
    assert "MO XX/9" in text
    assert "2 22616 12089" in text
    await drain(plant, engine, 10)  # the PLC starts slot 2 and overwrites the words
    assert "identity.2" not in engine.ctx.alarms
    books_clean(plant, engine)


# -- 7. Odoo dies while the line is idle -------------------------------------------------------


async def test_7_odoo_dying_while_idle_is_seen_by_the_heartbeat(plant):
    engine = await start_engine(plant)
    await drain(plant, engine, 10)
    assert engine.snapshot().odoo.up
    plant.odoo.stop()
    took = await until(engine, lambda: not engine.snapshot().odoo.up, 5)
    assert took <= 2 * WATCHDOG["heartbeat_s"] + 0.3
    await until(engine, lambda: "link.odoo" in engine.ctx.alarms, 5)
    assert engine.snapshot().line_status.mode is LineMode.STOPPED


# -- 8. a dead report claim of this host -------------------------------------------------------


async def test_8_a_dead_claim_of_this_host_is_released_at_once(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: bool(engine.ctx.store.batches()))
    engine.auto_fetch = False
    plant.odoo.stop()
    plant.plc.process.speed = FAST  # batches finish but cannot be reported
    await until(
        engine,
        lambda: (
            len(engine.ctx.store.batches()) == 10
            and all(b.state is BatchState.FINISHED for b in engine.ctx.store.batches())
        ),
    )
    dead = f"{socket.gethostname()[:40]}:999999"
    for batch in engine.ctx.store.batches():
        assert engine.ctx.store.claim(batch.mo_id, dead, 60)
    plant.odoo.start()
    took = await until(engine, lambda: engine.ctx.store.history_count() >= 10, 10)
    assert took < 5, "waited on a dead process's claim"
    books_clean(plant, engine)


# -- 10. a clock stepped back ------------------------------------------------------------------


async def test_10_a_retry_scheduled_before_a_clock_step_is_not_waited_for(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: bool(engine.ctx.store.batches()))
    engine.auto_fetch = False
    plant.odoo.stop()
    plant.plc.process.speed = FAST
    await until(
        engine,
        lambda: (
            len(engine.ctx.store.batches()) == 10
            and all(b.state is BatchState.FINISHED for b in engine.ctx.store.batches())
        ),
    )
    later = utcnow() + timedelta(hours=7)  # scheduled while the clock ran 7 h fast
    for batch in engine.ctx.store.batches():
        engine.ctx.store.set_state(batch.mo_id, BatchState.FINISHED, next_attempt_at=later)
    plant.odoo.start()
    took = await until(engine, lambda: engine.ctx.store.history_count() >= 10, 10)
    assert took < 5
    books_clean(plant, engine)
