"""Issue 7 and 14: a named user's PIN on every protected command, lockout per user across a
restart, equipment failures stored before they are acknowledged, maintenance requests through
the outbox."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from hmi.config import AlarmSettings, with_section
from hmi.domain.alarms import AlarmPriority
from hmi.domain.errors import ValidationError
from hmi.domain.outbox import OutboxState
from hmi.domain.pin import hash_pin
from hmi.domain.roles import AccessDenied, Command
from hmi.domain.states import BatchState
from hmi.runtime import build_engine
from hmi.sim.odoo_sim import OdooSimulator
from tests.named_users import TEST_PIN, seed_users

PIN = TEST_PIN


async def engine_with_users(plant, **alarms):
    """A started engine with the test users (tests.named_users) and the lockout settings."""
    settings = replace(plant.settings(), alarms=AlarmSettings(**alarms))
    runtime = build_engine(
        settings,
        secret="admin",
        database_url=plant.db_url,
        settings_path=plant.folder / "settings.toml",
    )
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def fill(engine, wait_for, run_tasks) -> list[int]:
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    return [b.mo_id for b in engine.ctx.store.batches()]


async def test_every_protected_command_needs_a_named_user_allowed_to_run_it(
    plant, wait_for, run_tasks
):
    engine = await engine_with_users(plant, pin_max_failures=50)
    plant.plc.faults.fail_next(1)
    ids = await fill(engine, wait_for, run_tasks)
    await wait_for(
        lambda: engine.ctx.store.get(ids[0]).state is BatchState.FAILED,
        step=lambda: run_tasks(engine),
    )
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key == f"failed.{ids[0]}")
    new = with_section(engine.settings, "ui", line_name="Line 9")
    commands = {
        Command.CANCEL_BATCH: lambda who, pin: engine.cancel_batch(ids[0], who, "jam", pin=pin),
        Command.CHANGE_SETTINGS: lambda who, pin: engine.apply_settings(new, who, pin=pin),
        Command.SHELVE_ALARM: lambda who, pin: engine.shelve_alarm(
            alarm.id, who, 30, "known", pin=pin
        ),
        Command.CLEAR_QUEUE: lambda who, pin: engine.clear_queue(who, "reset", pin=pin),
    }
    for command, run in commands.items():
        with pytest.raises(AccessDenied) as no_pin:
            await run("sup", None)
        assert no_pin.value.message.code == "users.pin_needed"
        with pytest.raises(AccessDenied) as wrong:
            await run("Sup", "0000")  # a name as typed (any case)
        assert wrong.value.message.code == "users.wrong_pin"
        refused = engine.ctx.store.audit_entries(action="pin refused")[-1]
        assert (refused.actor, refused.role, refused.target) == (
            "Sup",
            "unverified",  # the name as typed, and no role: nobody was proven
            command.value,
        )
        with pytest.raises(AccessDenied) as operator:  # an operator may not, whatever the PIN
            await run("operator", PIN)
        assert operator.value.message.code == "users.not_allowed"
        with pytest.raises(AccessDenied) as unknown:
            await run("nobody", PIN)
        assert unknown.value.message.code == "users.unknown"
        assert engine.ctx.store.audit_entries(action="pin refused")[-1].actor == "nobody"
    assert engine.ctx.store.get(ids[0]).state is BatchState.FAILED
    assert engine.settings.ui.line_name != "Line 9"
    # the right PIN of a user whose role allows it, and a one-time approval, pass
    await engine.shelve_alarm(alarm.id, "sup", 30, "known jam", pin=PIN)
    assert alarm.message not in (await engine.refresh()).alarms  # shelved: off the banner
    with pytest.raises(AccessDenied, match="supervisor"):  # settings: not a supervisor's
        await engine.verify_supervisor(PIN, Command.CHANGE_SETTINGS, "sup")
    token = await engine.verify_supervisor(PIN, Command.CHANGE_SETTINGS, "maint")
    await engine.apply_settings(new, "whoever typed", pin=token)
    assert engine.settings.ui.line_name == "Line 9"
    with pytest.raises(AccessDenied) as again:
        await engine.apply_settings(new, "maint", pin=token)  # single use
    assert again.value.message.code == "users.approval_expired"
    shelved = engine.ctx.store.audit_entries(action="shelve alarm")[-1]
    assert (shelved.actor, shelved.role, shelved.reason) == ("sup", "supervisor", "known jam")
    changed = engine.ctx.store.audit_entries(action="settings")[-1]
    assert (changed.actor, changed.role) == ("maint", "maintenance")  # the approver, by name
    await engine.cancel_batch(ids[0], "SUPERVISOR", "jam", pin=PIN)
    archived = engine.ctx.store.archived(ids[0])
    assert archived.actor == "supervisor"  # the stored name, not as typed
    cancel = engine.ctx.store.audit_entries(action="cancel")[-1]
    assert (cancel.actor, cancel.role, cancel.reason) == ("supervisor", "administrator", "jam")


async def test_lockout_per_user_survives_a_restart(plant):
    engine = await engine_with_users(plant)
    for attempt in range(4):
        with pytest.raises(AccessDenied, match=f"{4 - attempt} tries left"):
            await engine.verify_supervisor("1111", Command.CANCEL_BATCH, "sup")
    with pytest.raises(AccessDenied, match="locked for 5 min"):
        await engine.verify_supervisor("2222", Command.CANCEL_BATCH, "sup")
    with pytest.raises(AccessDenied, match="locked"):
        await engine.verify_supervisor(PIN, Command.CANCEL_BATCH, "sup")  # even the right one
    # another user is not locked by it
    await engine.verify_supervisor(PIN, Command.CANCEL_BATCH, "supervisor")
    await engine.stop()
    plant.engines.remove(engine)
    again = await engine_with_users(plant)
    with pytest.raises(AccessDenied, match="locked"):
        await again.verify_supervisor(PIN, Command.CANCEL_BATCH, "sup")
    assert (await again.pin_status("sup")).failures == 5
    assert (await again.pin_status("supervisor")).failures == 0
    actions = [e.action for e in again.ctx.store.audit_entries()]
    assert actions.count("pin refused") == 5
    assert "pin locked" in actions


async def test_clear_queue_only_when_nothing_is_on_the_plc(plant, wait_for, run_tasks):
    engine = await engine_with_users(plant)
    plant.plc.faults.fail_next(10)  # the last batch fails and stays in the queue
    ids = await fill(engine, wait_for, lambda e: e.fetch_tick())
    assert {b.state for b in engine.ctx.store.batches()} <= {BatchState.SENT, BatchState.RUNNING}
    with pytest.raises(ValidationError, match="not while batches are on the PLC"):
        await engine.clear_queue("sup", "reset", pin=PIN)
    assert engine.ctx.store.count() == 10
    with pytest.raises(ValidationError, match="a reason is required"):
        await engine.clear_queue("sup", " ", pin=PIN)
    await wait_for(
        lambda: [b.state for b in engine.ctx.store.batches()] == [BatchState.FAILED],
        step=lambda: run_tasks(engine),
    )
    assert await engine.clear_queue("sup", "end of shift", pin=PIN) == 1
    assert engine.ctx.store.count() == 0
    assert any(e.action == "clear queue" for e in engine.ctx.store.audit_entries())
    assert set(engine.ctx.store.archived_ids(ids)) == set(ids)


@pytest.fixture
async def maintenance_odoo(plant) -> OdooSimulator:
    """The plant's Odoo replaced by one with the maintenance app installed."""
    plant.odoo.stop()
    odoo = OdooSimulator("127.0.0.1", plant.odoo.port, orders=5, seed=1, maintenance=True)
    odoo.start()
    plant.odoo = odoo
    return odoo


async def test_equipment_failure_stored_then_acknowledged_alarmed_and_sent(
    plant, maintenance_odoo, wait_for, run_tasks
):
    engine = await plant.engine()
    engine.auto_fetch = False
    seen_unacked: list[bool] = []
    original = engine.ctx.plc.acknowledge_equipment_failure

    async def acknowledge() -> None:  # the record must already be in the database
        stored = engine.ctx.store.failures_between(_long_ago(), _far_future())
        seen_unacked.append(bool(stored) and stored[-1].acknowledged_at is None)
        await original()

    engine.ctx.plc.acknowledge_equipment_failure = acknowledge  # type: ignore[method-assign]
    plant.plc.inject_equipment_failure(103, 12, "motor overload", batch_no=3)
    await wait_for(lambda: plant.plc.process.acknowledged_events, step=lambda: run_tasks(engine))
    assert seen_unacked == [True]
    failure = engine.ctx.store.failures_between(_long_ago(), _far_future())[0]
    assert (failure.equipment_id, failure.fault_code, failure.batch_no) == (103, 12, 3)
    assert failure.acknowledged_at is not None
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key.startswith("equipment."))
    assert alarm.priority is AlarmPriority.HIGH
    assert "motor overload" in str(alarm.message)
    await wait_for(
        lambda: maintenance_odoo.model.maintenance_requests(), step=lambda: run_tasks(engine)
    )
    (request,) = maintenance_odoo.model.maintenance_requests()
    assert request["name"].startswith(f"[HMI-F{failure.id}]")
    assert "motor overload" in request["name"]
    # latched: it stays until acknowledged, then it is cleared
    for _ in range(3):
        await run_tasks(engine)
    assert alarm.key in {a.key for a in engine.ctx.store.active_alarms()}
    await engine.acknowledge_alarm(alarm.id, "operator")
    assert alarm.key not in {a.key for a in engine.ctx.store.active_alarms()}
    assert engine.ctx.store.pending_outbox() == []


async def test_outbox_retries_with_backoff_and_sends_exactly_once(
    plant, maintenance_odoo, wait_for, run_tasks
):
    engine = await plant.engine()
    engine.auto_fetch = False
    # two answers lost before Odoo saw the call, then one lost after Odoo created it
    maintenance_odoo.faults.drop_next(2, processed=False, method="create")
    maintenance_odoo.faults.drop_next(1, processed=True, method="create")
    plant.plc.inject_equipment_failure(101, 4, "level probe")
    await wait_for(lambda: plant.plc.process.acknowledged_events, step=lambda: run_tasks(engine))
    (item,) = engine.ctx.store.pending_outbox()
    await wait_for(
        lambda: engine.ctx.store.outbox_item(item.id).attempts >= 2,
        step=lambda: run_tasks(engine),
    )
    waiting = engine.ctx.store.outbox_item(item.id)
    assert waiting.state is OutboxState.PENDING
    assert waiting.last_error
    assert waiting.next_attempt_at is not None
    # the retry after the lost answer finds the request instead of creating a twin
    await wait_for(
        lambda: engine.ctx.store.outbox_item(item.id).state is OutboxState.SENT,
        timeout=30,
        step=lambda: run_tasks(engine),
    )
    assert len(maintenance_odoo.model.maintenance_requests()) == 1


async def test_no_maintenance_app_no_request(plant, wait_for, run_tasks):
    engine = await plant.engine()
    engine.auto_fetch = False
    plant.plc.inject_equipment_failure(102, 7)
    await wait_for(lambda: plant.plc.process.acknowledged_events, step=lambda: run_tasks(engine))
    for _ in range(3):
        await run_tasks(engine)
    assert engine.ctx.store.pending_outbox() == []
    assert any(a.key.startswith("equipment.") for a in engine.ctx.store.active_alarms())


async def test_failure_stored_twice_before_its_ack_is_kept_once(plant):
    engine = await plant.engine()
    store = engine.ctx.store
    first = store.store_failure(103, 1, None, 0, "jam", (1, 0, 103, 1))
    again = store.store_failure(103, 1, None, 0, "jam", (1, 0, 103, 1))
    assert first.id == again.id
    store.mark_failure_acknowledged(first.id)
    assert store.store_failure(103, 1, None, 0, "jam", (1, 0, 103, 1)).id != first.id


def _long_ago() -> datetime:
    return datetime(2000, 1, 1, tzinfo=UTC)


def _far_future() -> datetime:
    return datetime(2100, 1, 1, tzinfo=UTC)


async def test_a_supervisor_pin_hash_in_settings_never_reaches_the_audit_trail_or_the_log(
    plant, tmp_path
):
    engine = await engine_with_users(plant)
    new_hash = hash_pin("8642", 1000)
    new = with_section(engine.settings, "ui", supervisor_pin_hash=new_hash)
    await engine.apply_settings(new, "supervisor", pin=PIN)
    entries = await engine.audit_entries()
    exported = tmp_path / "audit.csv"
    await engine.export_audit_csv(exported)
    events = [str(e.message) for e in await engine.recent_events()]
    salt, digest = new_hash.split("$")[2:4]
    outputs = [repr(entries), exported.read_text(encoding="utf-8-sig"), *events]
    for secret in ("pbkdf2_sha256", salt, digest):
        assert not [text for text in outputs if secret in text], secret
    change = next(e for e in entries if e.target == "ui.supervisor_pin_hash")
    assert (change.before, change.after) == ("(not set)", "(set)")
