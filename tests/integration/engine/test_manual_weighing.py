"""Issue 14: a material added by hand on the PLC (manual-weighing block 9000–9013) reaches the
batch, its record and Odoo's books exactly once — also when the HMI stops between storing the
record and acknowledging it; a material that is no component of the MO is not booked in Odoo,
is alarmed and shown on the record."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hmi.config import BatchingSettings
from hmi.domain.errors import LinkDownError
from hmi.domain.states import BatchState
from hmi.runtime import build_engine
from tests.integration.engine.conftest import FAST
from tests.named_users import seed_users

HAND_KG = Decimal("12.50")


async def engine_with_manual_materials(plant):
    """An engine whose settings name a hand-only material (code 9 = a product no BoM has)."""
    settings = replace(
        plant.settings(), batching=BatchingSettings(manual_materials="9=RM-NOT-IN-BOM")
    )
    runtime = build_engine(settings, secret="admin", database_url=plant.db_url)
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


def moved_kg(move: dict) -> Decimal:
    """What Odoo has as consumed on a raw move (Odoo 16 quantity_done, 17+ quantity)."""
    value = move.get("quantity_done") or move.get("quantity") or 0
    return Decimal(str(round(float(value), 2)))


async def test_a_hand_added_component_reaches_the_record_and_odoo_exactly_once(
    plant, wait_for, run_tasks
):
    engine = await engine_with_manual_materials(plant)
    plant.plc.process.speed = 1.0  # five-minute batches: the batch waits for the hand
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    batch = next(b for b in engine.ctx.store.batches() if b.slot == 2)
    line = batch.lines[0]
    # the first acknowledgement is lost (the HMI stops after storing): the PLC shows the same
    # record again, the HMI finds it stored and acknowledges it without booking it twice
    original = engine.ctx.plc.acknowledge_manual_weighing
    calls = {"n": 0}

    async def lost_once() -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise LinkDownError("connection lost after the record was stored")
        await original()

    engine.ctx.plc.acknowledge_manual_weighing = lost_once  # type: ignore[method-assign]
    plant.plc.inject_manual_weighing(2, line.equipment_id, HAND_KG, operator_id=7, scale_id=2)
    plant.plc.inject_manual_weighing(2, 9, Decimal("0.75"), operator_id=7)  # not a component
    await wait_for(
        lambda: len(plant.plc.process.acknowledged_events) == 2, step=lambda: run_tasks(engine)
    )
    assert calls["n"] >= 2
    stored = engine.ctx.store.get(batch.mo_id)
    booked = next(ln for ln in stored.lines if ln.equipment_id == line.equipment_id)
    assert booked.manual_kg == HAND_KG  # once, not twice
    additions = engine.ctx.store.manual_additions(batch.mo_id)
    assert [(a.booked, a.weight_kg) for a in additions] == [
        (True, HAND_KG),
        (False, Decimal("0.75")),
    ]
    assert additions[1].reason is not None
    assert additions[1].reason.code == "manual.not_component"
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key.startswith("manual."))
    assert "NOT booked" in str(alarm.message)
    entries = engine.ctx.store.audit_entries(action="manual weighing")
    assert [(e.actor, e.role) for e in entries] == [("automatic", "automatic")] * 2

    plant.plc.process.speed = FAST
    await wait_for(
        lambda: batch.mo_id in engine.ctx.store.archived_ids([batch.mo_id]),
        timeout=90,
        step=lambda: run_tasks(engine),
    )
    archived = engine.ctx.store.archived(batch.mo_id)
    history_line = next(ln for ln in archived.lines if ln.equipment_id == line.equipment_id)
    assert history_line.manual_kg == HAND_KG
    assert archived.manual_total_kg == HAND_KG
    move = next(m for m in plant.odoo.model.moves(batch.mo_id) if m["id"] == line.move_id)
    assert moved_kg(move) == history_line.actual_kg + HAND_KG + history_line.consumed_kg
    assert plant.odoo.model.consumption_postings(batch.mo_id) == 1
    record = await engine.batch_record(batch.mo_id)
    assert [a.weight_kg for a in record.manual] == [HAND_KG, Decimal("0.75")]


async def test_a_weighing_for_a_batch_already_reported_is_not_booked(plant, wait_for, run_tasks):
    engine = await plant.engine()
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    first = next(b for b in engine.ctx.store.batches() if b.slot == 1)
    await wait_for(
        lambda: first.mo_id in engine.ctx.store.archived_ids([first.mo_id]),
        timeout=60,
        step=lambda: run_tasks(engine),
    )
    engine.auto_fetch = False
    before = plant.odoo.model.consumption_postings(first.mo_id)
    plant.plc.inject_manual_weighing(99, first.lines[0].equipment_id, HAND_KG)
    await wait_for(lambda: plant.plc.process.acknowledged_events, step=lambda: run_tasks(engine))
    alarm = next(a for a in engine.ctx.store.active_alarms() if a.key.startswith("manual."))
    assert "batch number 99" in str(alarm.message)
    assert plant.odoo.model.consumption_postings(first.mo_id) == before
    assert engine.ctx.store.get(first.mo_id) is None
    assert {b.state for b in engine.ctx.store.batches()} <= set(BatchState)
