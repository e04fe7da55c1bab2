"""Whole queue cycles against both simulators: exactly once, and the gate waits for the PLC."""

from __future__ import annotations

import asyncio

import pytest

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.engine.snapshot import EngineEvent

#: Modbus TCP and the seed plant's Omron FINS over UDP and TCP (conftest.TRANSPORTS)
TRANSPORTS = ("modbus_tcp", "fins_udp", "fins_tcp")


@pytest.mark.parametrize("plant", TRANSPORTS, indirect=True)
async def test_thirty_batches_in_three_cycles_reported_exactly_once(plant, wait_for, run_tasks):
    engine = await plant.engine()
    fills: list[tuple[int, bool]] = []  # (batches the PLC had completed, PLC idle) at each fill

    def on_event(event: EngineEvent) -> None:
        if event.source == "fetch" and str(event.message).startswith("Queued"):
            fills.append((len(plant.plc.completed), plant.plc.ready))

    engine.add_event_listener(on_event)
    await wait_for(
        lambda: _reported(engine, 30),
        timeout=60,
        step=lambda: run_tasks(engine),
    )
    assert [completed for completed, _ in fills[:3]] == [0, 10, 20]
    assert all(idle for _, idle in fills), "a fill happened while the PLC was still batching"
    postings = plant.postings()
    history = engine.ctx.store.history_page(0, 100)
    reported = [h.mo_id for h in history if h.outcome is BatchState.REPORTED]
    assert len(reported) >= 30
    assert len(set(reported)) == len(reported)
    assert all(postings[mo] == 1 for mo in reported)
    assert sum(1 for n in postings.values() if n > 1) == 0
    # The plant's PLC gives no finished weight: the note says what was reported instead.
    assert all("finished weight missing" in str(Message.from_json(h.note)) for h in history)


async def _reported(engine, n: int) -> bool:
    return await engine.history_count() >= n


async def test_manual_fetch_racing_the_timer_fills_once(plant):
    engine = await plant.engine()
    shown = await engine.preview_fetch()
    assert shown.gate.open
    assert len(shown.batches) == 10
    timer_fill, manual_fill = await asyncio.gather(
        engine.fetch_tick(), engine.confirm_fetch(shown, "operator")
    )
    queued = [r.queued for r in (timer_fill, manual_fill) if r is not None]
    assert sorted(queued) == [0, 10]
    batches = engine.ctx.store.batches()
    assert len(batches) == 10
    assert len({b.mo_id for b in batches}) == 10
    assert all(b.state is BatchState.SENT for b in batches)
    snapshot = await engine.refresh()
    assert not snapshot.gate.open
    assert "10 batches still in the queue" in snapshot.gate.reason


async def test_preview_changes_nothing_and_confirm_queues_what_was_shown(plant):
    engine = await plant.engine()
    shown = await engine.preview_fetch()
    assert engine.ctx.store.count() == 0
    assert plant.plc.ready
    result = await engine.confirm_fetch(shown, "operator")
    assert result.queued == len(shown.batches)
    assert [b.mo_id for b in engine.ctx.store.batches()] == [b.mo_id for b in shown.batches]
    audit = engine.ctx.store.audit_entries()
    assert any(a.action == "fetch" and a.actor == "operator" for a in audit)


async def test_confirm_refuses_when_odoo_changed_since_preview(plant):
    engine = await plant.engine()
    shown = await engine.preview_fetch()
    first = shown.batches[0]
    plant.odoo.model.records["mrp.production"][first.mo_id]["state"] = "cancel"
    result = await engine.confirm_fetch(shown, "operator")
    assert result.queued == 0
    assert first.mo_name in str(result.message)
    assert engine.ctx.store.count() == 0


async def test_plc_sync_during_a_running_fill_leaves_its_batches_alone(plant):
    engine = await plant.engine()
    shown = await engine.preview_fetch()
    fill = asyncio.ensure_future(engine.confirm_fetch(shown, "operator"))
    ticks = 0
    while not fill.done():
        await engine.sync_tick()  # must neither crash nor write the PLC a second time
        ticks += 1
        await asyncio.sleep(0)
    assert (await fill).queued == 10
    assert ticks >= 1
    # sent, or already dosing: the fast simulator may start before the last tick returns
    states = {b.state for b in engine.ctx.store.batches()}
    assert states <= {BatchState.SENT, BatchState.RUNNING}
    assert len(plant.plc.completed) <= 10
    assert not [e for e in await engine.recent_events() if e.level == "ERROR"]
