"""Odoo or the PLC going away mid-run loses nothing; refusals and failures reach the operator."""

from __future__ import annotations

import pytest

from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from tests.named_users import TEST_PIN


async def _fill(engine, wait_for, run_tasks) -> list[int]:
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    return [b.mo_id for b in engine.ctx.store.batches()]


async def test_odoo_down_batches_wait_and_are_reported_once_when_it_returns(
    plant, wait_for, run_tasks
):
    engine = await plant.engine()
    ids = await _fill(engine, wait_for, run_tasks)
    plant.odoo.stop()
    await wait_for(
        lambda: all(b.state is BatchState.FINISHED for b in engine.ctx.store.batches()),
        step=lambda: run_tasks(engine),
    )
    for _ in range(5):
        await run_tasks(engine)
    snapshot = await engine.refresh()
    assert not snapshot.odoo.up
    assert "Odoo offline" in snapshot.gate.reason
    assert engine.ctx.store.count() == 10, "nothing may leave mo_batch while Odoo is down"
    plant.odoo.start()
    await wait_for(
        lambda: all(plant.odoo.model.mo_state(mo) == "done" for mo in ids),
        step=lambda: run_tasks(engine),
    )
    await wait_for(lambda: engine.ctx.store.count() in (0, 10), step=lambda: run_tasks(engine))
    postings = plant.postings()
    assert all(postings[mo] == 1 for mo in ids)
    assert engine.ctx.store.archived_ids(ids) == set(ids)


async def test_plc_disconnected_mid_run_reconnects_and_loses_nothing(plant, wait_for, run_tasks):
    engine = await plant.engine()
    ids = await _fill(engine, wait_for, run_tasks)
    await wait_for(lambda: len(plant.plc.completed) >= 2, step=lambda: run_tasks(engine))
    await plant.plc.stop()
    for _ in range(3):
        await run_tasks(engine)
    assert not (await engine.refresh()).plc.up
    await plant.plc.start()
    await wait_for(
        lambda: engine.ctx.store.archived_ids(ids) == set(ids),
        timeout=40,
        step=lambda: run_tasks(engine),
    )
    assert all(plant.postings()[mo] == 1 for mo in ids)
    assert (await engine.refresh()).plc.up


async def test_odoo_refusal_needs_attention_and_is_not_retried_blindly(plant, wait_for, run_tasks):
    engine = await plant.engine()
    ids = await _fill(engine, wait_for, run_tasks)
    plant.odoo.faults.refuse_report(ids[0], "Component lot missing")
    await wait_for(
        lambda: engine.ctx.store.count() == 1, timeout=30, step=lambda: run_tasks(engine)
    )
    batch = engine.ctx.store.get(ids[0])
    assert batch.state is BatchState.NEEDS_ATTENTION
    assert "Component lot missing" in str(Message.from_json(batch.odoo_message))
    snapshot = await engine.refresh()
    assert any("Component lot missing" in str(alarm) for alarm in snapshot.alarms)
    calls = plant.odoo.rpc_count
    for _ in range(5):
        await run_tasks(engine)
    assert engine.ctx.store.get(ids[0]).state is BatchState.NEEDS_ATTENTION
    assert plant.odoo.rpc_count - calls < 5, "a refused batch must not be retried on every tick"
    plant.odoo.faults.refuse_report(ids[0], None)
    await engine.retry_now(ids[0], "supervisor")
    assert engine.ctx.store.count() == 0
    assert plant.postings()[ids[0]] == 1


async def test_failed_batch_raises_alarm_and_can_be_cancelled_with_reason(
    plant, wait_for, run_tasks
):
    engine = await plant.engine()
    plant.plc.faults.fail_next(3)
    ids = await _fill(engine, wait_for, run_tasks)
    await wait_for(
        lambda: engine.ctx.store.get(ids[2]).state is BatchState.FAILED,
        step=lambda: run_tasks(engine),
    )
    assert any("failed" in str(alarm) for alarm in (await engine.refresh()).alarms)
    await wait_for(lambda: engine.ctx.store.count() == 1, step=lambda: run_tasks(engine))
    with pytest.raises(ValidationError, match="reason"):
        await engine.cancel_batch(ids[2], "supervisor", "  ", pin=TEST_PIN)
    await engine.cancel_batch(ids[2], "supervisor", "silo 103 blocked", pin=TEST_PIN)
    assert engine.ctx.store.count() == 0
    assert plant.odoo.model.mo_state(ids[2]) == "cancel"
    assert plant.postings()[ids[2]] == 0
    history = {h.mo_id: h for h in engine.ctx.store.history_page(0, 100)}
    assert history[ids[2]].outcome is BatchState.CANCELLED
    assert history[ids[2]].reason == "silo 103 blocked"
    assert history[ids[2]].actor == "supervisor"
    assert any(a.action == "cancel" for a in engine.ctx.store.audit_entries())
    assert not (await engine.refresh()).alarms


async def test_failed_batch_retried_on_the_plc(plant, wait_for, run_tasks):
    engine = await plant.engine()
    plant.plc.faults.fail_next(1)
    ids = await _fill(engine, wait_for, run_tasks)
    await wait_for(lambda: engine.ctx.store.count() == 1, step=lambda: run_tasks(engine))
    assert engine.ctx.store.get(ids[0]).state is BatchState.FAILED
    await wait_for(lambda: plant.plc.ready, step=lambda: run_tasks(engine))
    await engine.retry_now(ids[0], "supervisor")
    await wait_for(lambda: engine.ctx.store.count() == 0, step=lambda: run_tasks(engine))
    assert plant.postings()[ids[0]] == 1
