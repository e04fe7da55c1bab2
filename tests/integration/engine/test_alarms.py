"""Issue 7: every alarm source driven by the simulators' faults; stored, surviving a restart."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from hmi.config import AlarmSettings, BatchingSettings
from hmi.domain.alarms import AlarmPriority
from hmi.domain.links import utcnow
from hmi.domain.states import BatchState
from hmi.runtime import build_engine
from tests.named_users import TEST_PIN


def keys(engine) -> set[str]:
    """Keys of the alarms the store says are active."""
    return {a.key for a in engine.ctx.store.active_alarms()}


async def started(plant, **changes):
    """An engine on the plant whose settings have `changes` (sections replaced)."""
    settings = replace(plant.settings(), **changes)
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def fill(engine, wait_for, run_tasks) -> list[int]:
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    return [b.mo_id for b in engine.ctx.store.batches()]


async def test_plc_batch_failure_alarm_is_stored_and_cleared_by_cancel(plant, wait_for, run_tasks):
    engine = await plant.engine()
    plant.plc.faults.fail_next(2)
    ids = await fill(engine, wait_for, run_tasks)
    key = f"failed.{ids[1]}"
    await wait_for(lambda: key in keys(engine), step=lambda: run_tasks(engine))
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key == key)
    assert alarm.priority is AlarmPriority.HIGH
    assert alarm.source == "plc"
    assert alarm.mo_id == ids[1]
    snapshot = await engine.refresh()
    assert snapshot.active_alarms[0].key == key  # most severe first in the banner
    await wait_for(lambda: engine.ctx.store.count() == 1, step=lambda: run_tasks(engine))
    await engine.cancel_batch(ids[1], "supervisor", "silo blocked", pin=TEST_PIN)
    await engine.refresh()
    assert key not in keys(engine)
    cleared = engine.ctx.store.get_alarm(alarm.id)
    assert cleared.cleared_at is not None
    assert cleared.cleared_at >= alarm.raised_at


async def test_implausible_values_raise_a_high_alarm_and_are_not_stored(plant, wait_for, run_tasks):
    engine = await plant.engine()
    plant.plc.faults.publish_implausible(1, "overdose")
    ids = await fill(engine, wait_for, run_tasks)
    key = f"implausible.{ids[0]}"
    await wait_for(lambda: key in keys(engine), step=lambda: run_tasks(engine))
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key == key)
    assert "Implausible PLC values" in str(alarm.message)
    assert alarm.priority is AlarmPriority.HIGH
    for _ in range(3):
        await run_tasks(engine)
    assert engine.ctx.store.get(ids[0]).state is not BatchState.FINISHED  # not stored as actuals
    assert [a.key for a in engine.ctx.store.alarm_list()].count(key) == 1


async def test_link_down_longer_than_the_threshold_raises_and_clears(plant, wait_for, run_tasks):
    engine = await started(plant, alarms=AlarmSettings(link_down_s=1.0))
    await plant.plc.stop()
    await wait_for(lambda: not engine.ctx.plc.state.up, step=lambda: run_tasks(engine))
    assert "link.plc" not in keys(engine)  # not before the threshold
    await wait_for(lambda: "link.plc" in keys(engine), timeout=10, step=engine.sync_tick)
    assert "PLC link down since" in str((await engine.refresh()).alarms[0])
    await plant.plc.start()
    await wait_for(lambda: "link.plc" not in keys(engine), timeout=20, step=engine.sync_tick)


async def test_batch_running_too_long_raises_overrun(plant, wait_for, run_tasks):
    plant.plc.process.speed = 30.0  # a batch now takes 10 s
    engine = await started(plant, alarms=AlarmSettings(max_batch_min=0.01))  # 0.6 s
    ids = await fill(engine, wait_for, run_tasks)
    key = f"overrun.{ids[0]}"
    await wait_for(lambda: key in keys(engine), timeout=15, step=engine.sync_tick)
    assert "longer than 0.01 min" in next(
        str(a.message) for a in engine.ctx.store.active_alarms() if a.key == key
    )
    plant.plc.process.speed = 3000.0
    await wait_for(lambda: key not in keys(engine), timeout=20, step=lambda: run_tasks(engine))


async def test_odoo_refusal_raises_an_alarm_cleared_after_retry(plant, wait_for, run_tasks):
    engine = await plant.engine()
    ids = await fill(engine, wait_for, run_tasks)
    plant.odoo.faults.refuse_report(ids[0], "Lot missing")
    key = f"refused.{ids[0]}"
    await wait_for(lambda: key in keys(engine), timeout=30, step=lambda: run_tasks(engine))
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key == key)
    assert alarm.source == "odoo"
    assert alarm.priority is AlarmPriority.MEDIUM
    plant.odoo.faults.refuse_report(ids[0], None)
    await engine.retry_now(ids[0], "operator")
    assert key not in keys(engine)


async def test_material_beyond_tolerance_raises_a_low_alarm(plant, wait_for, run_tasks):
    # the simulator doses within ±0.5 % of plan: a 0 % tolerance catches that noise
    batching = BatchingSettings(tolerance_pct=0.0)
    engine = await started(plant, batching=batching)
    ids = await fill(engine, wait_for, run_tasks)
    key = f"tolerance.{ids[0]}"
    await wait_for(
        lambda: any(a.key == key for a in engine.ctx.store.alarm_list()),
        step=lambda: run_tasks(engine),
    )
    alarm = next(a for a in engine.ctx.store.alarm_list() if a.key == key)
    assert alarm.priority is AlarmPriority.LOW
    assert "beyond the ±0 % tolerance" in str(alarm.message)
    assert "kg planned" in str(alarm.message)


async def test_default_tolerance_raises_nothing_for_normal_dosing(plant, wait_for, run_tasks):
    engine = await plant.engine()
    ids = await fill(engine, wait_for, run_tasks)
    await wait_for(lambda: engine.ctx.store.count() == 0, step=lambda: run_tasks(engine))
    assert not [a for a in engine.ctx.store.alarm_list() if a.mo_id in ids]


async def test_alarms_and_acknowledgements_survive_a_restart(plant, wait_for, run_tasks):
    engine = await plant.engine()
    plant.plc.faults.fail_next(1)
    ids = await fill(engine, wait_for, run_tasks)
    key = f"failed.{ids[0]}"
    await wait_for(lambda: key in keys(engine), step=lambda: run_tasks(engine))
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key == key)
    await engine.acknowledge_alarm(alarm.id, "operator")
    await engine.stop()
    plant.engines.remove(engine)

    again = await plant.engine()
    assert key in again.ctx.alarms  # reloaded on start
    snapshot = await again.refresh()
    restored = next(a for a in snapshot.alarm_list if a.key == key)
    assert restored.id == alarm.id
    assert restored.acked_by == "operator"
    assert restored.acked_at is not None
    assert restored.active
    entries = again.ctx.store.audit_entries(action="acknowledge alarm")
    assert [(e.actor, e.target) for e in entries] == [("operator", key)]
    # still failed on the PLC: the alarm is not raised a second time
    for _ in range(5):
        await run_tasks(again)
    assert [a.key for a in again.ctx.store.alarm_list()].count(key) == 1


async def test_retention_prunes_old_events_and_cleared_alarms_only(plant):
    engine = await plant.engine()
    store = engine.ctx.store
    old = utcnow() - timedelta(days=120)
    store.log_event("INFO", "test", "ancient", old)
    store.raise_alarm("refused.9", "old refusal", source="odoo", priority=2, at=old)
    store.clear_alarm("refused.9", old + timedelta(minutes=5))
    store.raise_alarm("link.odoo", "old but still active", source="engine", priority=2, at=old)
    events, alarms = await engine.prune_now()
    assert (events, alarms) == (1, 1)
    assert [a.key for a in store.active_alarms()] == ["link.odoo"]
    assert all(message != "ancient" for _, _, _, message in store.recent_events(1000))


async def test_acknowledge_unknown_alarm_is_refused_by_id(plant):
    engine = await plant.engine()
    with pytest.raises(Exception, match="alarm id 999 does not exist"):
        await engine.acknowledge_alarm(999, "operator")
