"""Quantities and refusals through the real engine, the Odoo simulator and the PLC simulator.

What today's Odoo simulator cannot express yet (units of measure, consumed quantities, lot
tracking, the BoM's consumption mode on the fetched MO) is tested at the domain level in
tests/unit/domain/test_mapping.py; here a strict BoM is put on a queued batch directly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hmi.config import with_section
from hmi.domain.mapping import map_orders
from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.engine.engine import Engine
from hmi.engine.snapshot import EngineEvent

EARLY = datetime(2020, 1, 1, 6, tzinfo=UTC)


def warnings_about(events: list[EngineEvent], words: str) -> list[str]:
    return [str(e.message) for e in events if e.level == "WARNING" and words in str(e.message)]


async def test_1005_and_2675_kg_reach_the_plc_as_101_and_268_and_odoo_gets_the_plcs_actuals(
    plant, wait_for, run_tasks
):
    model = plant.odoo.model
    mo_id = model.add_order(
        "Layer Mash",
        1000.0,
        [("RM-CORN", 996.32), ("RM-PREMIX", 1.005), ("RM-SALT", 2.675)],
        planned_start=EARLY,
    )
    engine = await plant.engine()
    await engine.fetch_tick()
    batch = engine.ctx.store.get(mo_id)
    assert batch is not None
    assert [(ln.equipment_id, ln.planned_kg) for ln in batch.lines] == [
        (101, Decimal("996.32")),
        (113, Decimal("1.01")),
        (112, Decimal("2.68")),
    ]
    write = plant.plc.map.write
    for equipment_id, hundredths in ((113, 101), (112, 268)):
        address = write.address(f"material_{equipment_id}_kg", batch.slot)
        high, low = plant.plc.memory.get(address, 2)
        assert (high << 16) | low == hundredths

    async def reported() -> bool:
        return model.mo_state(mo_id) == "done" and engine.ctx.store.get(mo_id) is None

    await wait_for(reported, timeout=60, step=lambda: run_tasks(engine))
    (run,) = [c for c in plant.plc.completed if c.mo_name == batch.mo_name]
    moves = {m["id"]: m for m in model.moves(mo_id)}
    archived = engine.ctx.store.archived(mo_id)
    assert archived is not None
    for line in archived.lines:
        assert line.actual_kg == run.actuals[line.equipment_id]  # the PLC's hundredths
        told = Decimal(repr(moves[line.move_id]["quantity_done"]))
        assert told == line.actual_kg  # Odoo is told exactly what the PLC dosed
    assert archived.produced_kg == sum((ln.actual_kg or 0 for ln in archived.lines), Decimal(0))


async def test_ten_refused_orders_ahead_of_valid_ones_do_not_starve_the_line(
    plant, wait_for, run_tasks
):
    model = plant.odoo.model
    refused = [
        model.add_order(
            "Broiler Starter",
            500.0,
            [("RM-UNOBTAINIUM", 500.0)],
            planned_start=EARLY + timedelta(minutes=i),
        )
        for i in range(10)
    ]
    engine: Engine = await plant.engine()
    events: list[EngineEvent] = []
    engine.add_event_listener(events.append)

    shown = await engine.preview_fetch()
    assert len(shown.batches) == 10  # the fill still gets its batches
    assert sorted(r.mo_id for r in shown.refusals) == refused
    assert await engine.refused_orders() == []  # a preview changes nothing

    result = await engine.fetch_tick()
    assert result is not None
    assert result.queued == 10
    assert not {b.mo_id for b in engine.ctx.store.batches()} & set(refused)
    listed = await engine.refused_orders()
    assert sorted(r.mo_id for r in listed) == refused
    assert all("no silo or tank holds RM-UNOBTAINIUM" in str(r.reason) for r in listed)
    assert len(warnings_about(events, "Not queued")) == 10  # one per refusal

    await wait_for(
        lambda: _reported(engine, 20), timeout=90, step=lambda: run_tasks(engine)
    )  # a second fill, again past the ten
    assert len(warnings_about(events, "Not queued")) == 10  # not one per fetch
    assert sorted(r.mo_id for r in await engine.refused_orders()) == refused
    assert all(model.mo_state(mo) == "confirmed" for mo in refused)


async def _reported(engine: Engine, n: int) -> bool:
    return await engine.history_count() >= n


async def queue_finished(engine: Engine, consumption: str, extra_kg: Decimal) -> int:
    """Queue the first MO Odoo offers as a finished batch with `consumption`, the first
    material dosed `extra_kg` over plan; return its MO id."""
    (order,) = await engine.ctx.odoo.fetch_orders(1)
    (batch,), _ = map_orders([order], engine.ctx.equipment)
    batch = replace(batch, slot=1, consumption=consumption)
    store = engine.ctx.store
    assert store.fill_if_empty([batch])
    store.set_state(batch.mo_id, BatchState.SENT)
    actuals = {ln.equipment_id: ln.planned_kg for ln in batch.lines}
    actuals[batch.lines[0].equipment_id] += extra_kg
    produced = sum(actuals.values(), Decimal(0))
    store.record_actuals(batch.mo_id, actuals, state=BatchState.FINISHED, produced_kg=produced)
    return batch.mo_id


async def test_a_strict_bom_off_plan_is_held_with_both_sides_and_nothing_is_written(plant):
    engine = await plant.engine()
    model = plant.odoo.model
    mo_id = await queue_finished(engine, "strict", Decimal("12.50"))
    moves_before = model.moves(mo_id)
    await engine.complete_tick()
    held = engine.ctx.store.get(mo_id)
    assert held is not None
    assert held.state is BatchState.NEEDS_ATTENTION
    assert "the BoM's consumption is 'strict'" in str(Message.from_json(held.odoo_message))
    assert "Nothing was reported to Odoo" in str(Message.from_json(held.odoo_message))
    line = held.lines[0]
    assert f"{line.product_ref}: Odoo " in str(
        Message.from_json(held.odoo_message)
    )  # Odoo's and the PLC's side
    alarm = engine.ctx.alarms.get(f"refused.{mo_id}")
    assert alarm is not None
    assert model.mo_state(mo_id) == "confirmed"
    assert model.consumption_postings(mo_id) == 0
    assert model.moves(mo_id) == moves_before  # nothing written

    await engine.complete_tick()  # held: not tried again on its own
    assert model.consumption_postings(mo_id) == 0
    with model.lock:  # the operator settles the consumption in Odoo's web client
        model.records["mrp.production"][mo_id]["state"] = "done"
    await engine.retry_now(mo_id, "ana")
    assert engine.ctx.store.get(mo_id) is None
    archived = engine.ctx.store.archived(mo_id)
    assert archived is not None
    assert archived.outcome is BatchState.REPORTED
    assert model.consumption_postings(mo_id) == 0


async def test_a_strict_bom_dosed_to_plan_is_reported(plant):
    engine = await plant.engine()
    mo_id = await queue_finished(engine, "strict", Decimal(0))
    await engine.complete_tick()
    assert engine.ctx.store.get(mo_id) is None
    assert plant.odoo.model.consumption_postings(mo_id) == 1


async def test_warning_and_flexible_boms_follow_the_setting(plant):
    engine = await plant.engine()
    model = plant.odoo.model
    mo_id = await queue_finished(engine, "warning", Decimal("3.00"))
    await engine.complete_tick()
    assert engine.ctx.store.get(mo_id) is None  # default: report (the wizard policy answers)
    assert model.consumption_postings(mo_id) == 1

    engine.ctx.settings = with_section(engine.settings, "batching", flexible_bom_policy="hold")
    mo_id = await queue_finished(engine, "flexible", Decimal("3.00"))
    await engine.complete_tick()
    held = engine.ctx.store.get(mo_id)
    assert held is not None
    assert held.state is BatchState.NEEDS_ATTENTION
    assert "the BoM's consumption is 'flexible'" in str(Message.from_json(held.odoo_message))
    assert model.consumption_postings(mo_id) == 0
