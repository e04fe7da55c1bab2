"""The stall catalogue (issue 11): every way the line stopped silently, run against the
simulators, asserting the alarm and the line status within a stated bound, the recovery,
and afterwards the Odoo books (every MO exactly once) with nothing stuck.

Bounds: each alarm must be raised within 2 × its rule's time (`[watchdog]` settings in
stall_kit.WATCHDOG) after its condition began, plus one PLC sync interval.

Transports (issue 15): the PLC stalls (1–6) run over Modbus TCP and over the seed plant's
FINS, against the FINS simulator; each refusal is the protocol's own (FAULTS). The link's
own stalls (1–3) run over FINS/UDP and FINS/TCP; those in the slot words (4–6) over
FINS/UDP only, the words being the same over either.
Stalls 7 (Odoo dies while idle), 8 (a dead report claim) and 10 (a clock step) never touch
the PLC: their cause and their recovery are the Odoo link, the database's claims and the
clock, the same code whatever the PLC speaks, so they run once, over Modbus TCP. Stall 9 (two
HMIs on one queue) is the single-instance lock of the database (test_processes.py,
test_postgres_panels.py), also independent of the PLC transport.
"""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest

from hmi.domain.acks import AckState
from hmi.domain.line_status import LineMode
from hmi.domain.links import LinkStatus, utcnow
from hmi.domain.roles import Command
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from tests.integration.engine.stall_kit import (
    FAST,
    WATCHDOG,
    alarm,
    books_clean,
    drain,
    start_engine,
    stop_engine,
    stopped,
    tick,
    until,
)
from tests.named_users import TEST_PIN

TRANSPORTS = ("modbus_tcp", "fins_udp", "fins_tcp")
#: Each transport's refusals: what the PLC answers when it refuses everything (a device
#: failure), part of an area it does not map, and writes while it protects its memory; and
#: how the alarm names the first two.
FAULTS: dict[str, dict[str, Any]] = {
    "modbus_tcp": {
        "device": 4,
        "address": 2,
        "protected": 2,
        "device_text": "exception 4 (server device failure)",
        "address_text": ("exception 2 (illegal data address)", "reading words 6875–6976"),
    },
    "fins": {
        "device": 0x0302,
        "address": 0x1103,
        "protected": 0x2101,
        "device_text": "FINS end code 0302 (CPU Unit error)",
        "address_text": ("FINS end code 1103 (address range error)", "reading words D6000–D6976"),
    },
}
#: Stalls of the link itself (refusals, a restart): over every transport, FINS/TCP's
#: connection included.
over_every_transport = pytest.mark.parametrize("plant", TRANSPORTS, indirect=True)
#: Stalls in what the PLC's words say (a cancelled slot, an unknown finished slot,
#: implausible values, identity): the words are the same over FINS/UDP and FINS/TCP (their
#: framing is tested in tests/integration/plc/test_fins_link.py), so FINS runs once.
over_modbus_and_fins = pytest.mark.parametrize("plant", ["modbus_tcp", "fins_udp"], indirect=True)


def faults_of(plant: Any) -> dict[str, Any]:
    """The refusals of the plant's transport."""
    return FAULTS["modbus_tcp" if plant.transport == "modbus_tcp" else "fins"]


# -- 1. a lost acknowledgement -----------------------------------------------------------------


@over_every_transport
async def test_1_a_refused_acknowledgement_is_retried_until_the_plc_takes_it(slow_plant):
    plant = slow_plant
    plant.plc.process.speed = FAST
    engine = await start_engine(plant)
    code = faults_of(plant)["protected"]
    plant.plc.faults.refuse(code, 6000, 6999, function="write", seconds=4.0)  # acks refused
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


@over_every_transport
async def test_1b_a_pending_acknowledgement_survives_archive_and_restart(slow_plant):
    plant = slow_plant
    plant.plc.process.speed = FAST
    engine = await start_engine(plant)
    code = faults_of(plant)["protected"]
    plant.plc.faults.refuse(code, 6000, 6999, function="write")  # until cleared
    await until(engine, lambda: engine.ctx.store.history_count() >= 1)  # reported, archived
    assert [a.slot for a in engine.ctx.store.slot_acks() if a.pending] == [1]
    await stop_engine(plant, engine)
    plant.plc.faults.clear_refusals()
    again = await start_engine(plant)
    await drain(plant, again, 10)
    books_clean(plant, again)
    assert [c.slot for c in plant.plc.completed][:1] == [1]


# -- 2. Modbus exception responses -------------------------------------------------------------


@over_every_transport
async def test_2_a_plc_refusing_everything_is_faulted_alarmed_and_recovers(plant):
    engine = await start_engine(plant)
    plant.plc.faults.refuse_all(faults_of(plant)["device"])
    took = await until(engine, lambda: "link.plc" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["fault_s"] + 0.3
    snapshot = engine.snapshot()
    assert snapshot.plc.status is LinkStatus.FAULTED
    assert faults_of(plant)["device_text"] in alarm(engine, "link.plc")
    assert "PLC ready flag unreadable" in snapshot.gate.reason
    assert "PLC not ready" not in snapshot.gate.reason
    assert stopped(engine, "stall.plc_faulted")
    plant.plc.faults.clear_refusals()
    await until(engine, lambda: engine.snapshot().plc.status is LinkStatus.UP, 5)
    await drain(plant, engine, 10)
    assert "link.plc" not in engine.ctx.alarms
    books_clean(plant, engine)


@over_every_transport
async def test_2b_part_of_the_feedback_area_refused_names_the_range(plant):
    engine = await start_engine(plant)
    plant.plc.faults.refuse(faults_of(plant)["address"], 6900, 6976, function="read")
    await until(engine, lambda: "link.plc" in engine.ctx.alarms, 5)
    text = alarm(engine, "link.plc")
    code, words = faults_of(plant)["address_text"]
    assert code in text, text
    assert words in text, text
    plant.plc.faults.clear_refusals()
    await drain(plant, engine, 10)
    books_clean(plant, engine)


# -- 3. the PLC restarts and loses its memory --------------------------------------------------


@over_every_transport
async def test_3_a_plc_that_lost_its_batches_is_alarmed_and_they_are_resent(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    await plant.plc.restart(lose_memory=True)
    took = await until(engine, lambda: "plc.lost" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["confirm_s"] + 2.5  # + the write-area check interval
    assert "The PLC lost 10 batch(es)" in alarm(engine, "plc.lost")
    assert stopped(engine, "stall.plc_lost")
    why = engine.why_not(Command.RESEND_BATCHES)  # greyed with the reason the command gives
    assert why is not None
    assert why.code == "why.resend.running", why
    with pytest.raises(Exception, match="was dosing: cancel it first"):
        await engine.resend_lost_batches("supervisor", "PLC restarted", pin=TEST_PIN)
    running = next(b for b in engine.ctx.store.batches() if b.state is BatchState.RUNNING)
    await engine.cancel_batch(running.mo_id, "supervisor", "lost while dosing", pin=TEST_PIN)
    assert engine.why_not(Command.RESEND_BATCHES) is None
    assert await engine.resend_lost_batches("supervisor", "PLC restarted", pin=TEST_PIN) == 9
    await drain(plant, engine, 9)
    assert "plc.lost" not in engine.ctx.alarms
    books_clean(plant, engine)
    audit = engine.ctx.store.audit_entries(100, action="resend")
    assert audit
    assert audit[-1].reason == "PLC restarted"


# -- 4. cancelling a batch that is sent but not started ----------------------------------------


@over_modbus_and_fins
async def test_4_a_cancelled_sent_batch_that_runs_anyway_is_acknowledged(slow_plant):
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    third = next(b for b in engine.ctx.store.batches() if b.slot == 3)
    await engine.cancel_batch(third.mo_id, "supervisor", "wrong recipe", pin=TEST_PIN)
    ack = next(a for a in engine.ctx.store.slot_acks() if a.slot == 3)
    assert ack.state is AckState.EXPECTED
    await drain(plant, engine, 9)
    assert 3 in [c.slot for c in plant.plc.completed]  # the PLC ran the cleared slot
    assert not [k for k in engine.ctx.alarms if k.startswith(("orphan", "stall"))]
    books_clean(plant, engine)


@over_modbus_and_fins
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
        await engine.acknowledge_plc_slot(
            5, (*words[:-1], 9), "supervisor", "checked", pin=TEST_PIN
        )
    await engine.acknowledge_plc_slot(5, words, "supervisor", "checked at the PLC", pin=TEST_PIN)
    await until(engine, lambda: "identity.5" not in engine.ctx.alarms, 5)
    assert engine.ctx.store.audit_entries(10, action="acknowledge PLC slot")


async def test_4c_cancelling_a_sent_batch_needs_odoo_and_never_leaves_a_cleared_slot_queued(
    slow_plant,
):
    """cancel_mode "cancel": with Odoo known offline the cancel is refused before the PLC is
    touched; when Odoo fails the call itself, the cleared batch leaves the queue anyway (never
    offered for a resend) with an alarm that its MO is still open in Odoo."""
    plant = slow_plant
    engine = await start_engine(plant)
    await until(engine, lambda: engine.snapshot().running_slot == 1)
    third, fourth = (next(b for b in engine.ctx.store.batches() if b.slot == n) for n in (3, 4))
    plant.odoo.stop()
    await until(engine, lambda: not engine.snapshot().odoo.up, 10)
    why = engine.why_not(Command.CANCEL_BATCH, mo_id=third.mo_id)
    assert why is not None
    assert why.code == "why.cancel_odoo_offline", why
    with pytest.raises(Exception, match="Odoo offline"):
        await engine.cancel_batch(third.mo_id, "supervisor", "wrong recipe", pin=TEST_PIN)
    written = {w.slot: w.mo_name for w in await engine.ctx.plc.read_written()}
    assert written[3] == third.mo_name  # nothing changed on the PLC
    assert engine.ctx.store.get(third.mo_id).state is BatchState.SENT

    plant.odoo.start()
    await until(engine, lambda: engine.snapshot().odoo.up, 10)
    plant.odoo.faults.drop_next(1, processed=False, method="action_cancel")
    await engine.cancel_batch(fourth.mo_id, "supervisor", "wrong recipe", pin=TEST_PIN)
    assert engine.ctx.store.get(fourth.mo_id) is None  # out of the queue: never resent
    assert fourth.mo_name in alarm(engine, f"open.{fourth.mo_id}")
    await drain(plant, engine, 9)
    assert "plc.lost" not in engine.ctx.alarms
    books_clean(plant, engine)


# -- 5. implausible PLC values -----------------------------------------------------------------


@over_modbus_and_fins
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
        mo_id, Decision.ENTER, "supervisor", "scale ticket 4711", weights=ticket, pin=TEST_PIN
    )
    assert engine.ctx.store.get(mo_id).state is BatchState.FINISHED
    await drain(plant, engine, 10)
    books_clean(plant, engine)
    entry = engine.ctx.store.audit_entries(10, action="implausible")[-1]
    assert entry.reason == "scale ticket 4711"


# -- 6. identity: padding tolerated, a real mismatch alarmed -----------------------------------


@over_modbus_and_fins
async def test_6_space_padded_names_are_the_same_name(plant):
    plant.plc.faults.pad_text_with_spaces()
    engine = await start_engine(plant)
    await drain(plant, engine, 10)
    assert not [k for k in engine.ctx.alarms if k.startswith(("identity", "orphan"))]
    books_clean(plant, engine)


@over_modbus_and_fins
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


async def test_8b_another_panels_live_claim_is_released_by_a_supervisor(slow_plant):
    """Another panel (another PC) claimed the finished batches and stopped answering: the
    panel waits, says whose claim and until when, and a supervisor releases each claim."""
    plant = slow_plant
    engine = await start_engine(plant, claim_s=1.0)
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
    other = "panel-b:4242"  # a process of another computer: its claims are live
    for batch in engine.ctx.store.batches():
        assert engine.ctx.store.claim(batch.mo_id, other, 20)
    plant.odoo.start()
    first = engine.ctx.store.batches()[0]
    took = await until(engine, lambda: f"claim.{first.mo_id}" in engine.ctx.alarms, 6)
    assert took <= 2 * 1.0 + 2 * 0.2 + 1.0  # claim_s, a report round, a margin
    text = alarm(engine, f"claim.{first.mo_id}")
    assert f"{first.mo_name} is being reported by {other}" in text, text
    assert engine.ctx.store.history_count() == 0  # nothing reported behind the claim
    assert engine.why_not(Command.RELEASE_CLAIM, mo_id=first.mo_id) is None
    with pytest.raises(Exception, match="reason"):
        await engine.release_claim(first.mo_id, "supervisor", "", pin=TEST_PIN)
    for batch in engine.ctx.store.batches():
        await engine.release_claim(batch.mo_id, "supervisor", "panel B crashed", pin=TEST_PIN)
    with pytest.raises(Exception, match="waits on no other panel"):
        await engine.release_claim(first.mo_id, "supervisor", "again", pin=TEST_PIN)
    took = await until(engine, lambda: engine.ctx.store.history_count() >= 10, 10)
    assert took < 5
    assert not [k for k in engine.ctx.alarms if k.startswith("claim.")]
    books_clean(plant, engine)
    entries = engine.ctx.store.audit_entries(20, action="release report claim")
    assert len(entries) == 10
    assert {(e.before, e.reason) for e in entries} == {(other, "panel B crashed")}


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
