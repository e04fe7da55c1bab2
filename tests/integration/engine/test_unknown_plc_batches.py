"""Start-up reconciliation finds batches on the PLC the database does not know (issue 11).

The measured case: a damaged WAL made written MOs vanish from `mo_batch` while they were still
confirmed in Odoo and on the PLC, one of them dosing; the queue looked empty, so the next
fetch would have dosed them again. Here the rows are deleted from a real SQLite file while
the (simulated) PLC holds the batches; the HMI must alarm, keep the gate closed until a
supervisor decides — over a restart too — and never fetch the MO that was dosed until a
supervisor releases it.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from hmi.domain.errors import ValidationError
from hmi.domain.line_status import LineMode
from hmi.domain.roles import Command
from hmi.domain.states import BatchState
from hmi.domain.unknown_batches import UnknownState
from hmi.engine.engine import Engine
from hmi.store.database import open_database
from tests.integration.engine.stall_kit import (
    FAST,
    WATCHDOG,
    alarm,
    start_engine,
    stop_engine,
    stopped,
    tick,
    until,
)
from tests.named_users import TEST_PIN


def damage_the_database(plant: Any) -> None:
    """What the damaged WAL did: the queue and the acknowledgement records are gone."""
    db = open_database(plant.db_url)
    try:
        with db.begin() as conn:
            conn.execute(text("DELETE FROM batch_line"))
            conn.execute(text("DELETE FROM mo_batch"))
            conn.execute(text("DELETE FROM plc_ack"))
    finally:
        db.dispose()


async def never_fills(engine: Engine, rounds: int = 10) -> None:
    """The fetch timer runs, the gate stays closed, nothing is queued."""
    for _ in range(rounds):
        await tick(engine)
        assert not engine.ctx.store.batches(), "a fill while the PLC holds unknown batches"


async def test_unknown_batches_on_the_plc_block_the_gate_until_a_supervisor_decides(
    slow_plant: Any,
) -> None:
    plant = slow_plant
    first = await start_engine(plant)
    await until(first, lambda: first.snapshot().running_slot == 1)
    written = {b.slot: b.mo_name for b in first.ctx.store.batches()}
    dosing = written[1]
    await stop_engine(plant, first)
    damage_the_database(plant)

    engine = await start_engine(plant)
    took = await until(engine, lambda: "plc.unknown" in engine.ctx.alarms, 5)
    assert took <= 2 * WATCHDOG["confirm_s"] + 0.3
    said = alarm(engine, "plc.unknown")
    assert f"slot 1 (feedback): {dosing}, dosing started" in said, said
    assert f"slot 2 (to run): {written[2]}, not started" in said, said
    assert stopped(engine, "stall.plc_unknown")
    assert not engine.snapshot().gate.open
    assert engine.snapshot().line_status.action.code == "action.resolve_unknown"
    await never_fills(engine)
    why = engine.why_not(Command.RESOLVE_UNKNOWN_PLC)
    assert why is not None
    assert "dosing" in str(why)  # the PLC is dosing slot 1 now: not yet
    with pytest.raises(ValidationError, match="dosing"):
        await engine.resolve_unknown_plc_batches("supervisor", "WAL damaged", pin=TEST_PIN)

    # a restart before anyone decided, the PLC meanwhile finishing slot 1: still blocked
    await stop_engine(plant, engine)
    plant.plc.process.speed = FAST
    engine = await start_engine(plant)
    await until(engine, lambda: plant.plc.process.unacknowledged == [1], 10)
    await tick(engine)
    assert "plc.unknown" in engine.ctx.alarms
    await never_fills(engine)
    blocking = engine.ctx.store.unknown_batches(UnknownState.BLOCKING)
    assert {(u.slot, u.mo_name) for u in blocking} == set(written.items())

    assert engine.why_not(Command.RESOLVE_UNKNOWN_PLC) is None
    with pytest.raises(ValidationError, match="reason"):
        await engine.resolve_unknown_plc_batches("supervisor", " ", pin=TEST_PIN)
    assert (
        await engine.resolve_unknown_plc_batches(
            "supervisor", "WAL damaged; PLC checked", pin=TEST_PIN
        )
        == 10
    )
    assert "plc.unknown" not in engine.ctx.alarms
    assert [w.mo_name for w in await engine.withheld_orders()] == [dosing]
    entries = engine.ctx.store.audit_entries(100, action="resolve unknown PLC batch")
    assert len(entries) == 10
    assert all(e.reason == "WAL damaged; PLC checked" for e in entries)

    # the line goes on: the MOs never dosed are fetched again, the dosed one never
    await until(engine, lambda: engine.ctx.store.history_count() >= 10, 40)
    engine.auto_fetch = False
    await until(engine, lambda: not engine.ctx.store.batches(), 40)
    assert engine.snapshot().line_status.mode is not LineMode.STOPPED
    await stop_engine(plant, engine)
    engine = await start_engine(plant)  # withheld over a restart, too
    engine.auto_fetch = True
    await until(engine, lambda: engine.ctx.store.history_count() >= 20, 40)
    engine.auto_fetch = False
    await until(engine, lambda: not engine.ctx.store.batches(), 40)
    queued = [h.mo_name for h in engine.ctx.store.history_page(0, 1000)]
    assert dosing not in queued, "the MO the PLC dosed outside the queue was fetched again"
    assert set(written.values()) - {dosing} <= set(queued)
    ran = [c.mo_name for c in plant.plc.completed if c.mo_name]
    assert ran.count(dosing) == 1
    assert len(ran) == len(set(ran)), "a batch ran twice"
    postings = plant.postings()
    assert all(n <= 1 for n in postings.values())
    dosed_id = next(mo for mo in postings if plant.odoo.model.mo_name(mo) == dosing)
    assert postings[dosed_id] == 0  # Odoo was never told: the supervisor settles it there

    # the supervisor settled it in Odoo: released, the fetch may take it again
    with pytest.raises(ValidationError, match="not withheld"):
        await engine.release_withheld_mo("WH/MO/99999", "supervisor", "typo", pin=TEST_PIN)
    await engine.release_withheld_mo(
        dosing, "supervisor", "consumption booked by hand", pin=TEST_PIN
    )
    assert await engine.withheld_orders() == []
    entry = engine.ctx.store.audit_entries(10, action="release withheld MO")[-1]
    assert (entry.target, entry.reason) == (dosing, "consumption booked by hand")
    preview = await engine.preview_fetch()
    assert dosing in [b.mo_name for b in preview.batches]


async def test_a_plc_holding_only_known_batches_opens_the_gate(plant: Any) -> None:
    """The other side: after an ordinary restart nothing is unknown and the line runs."""
    engine = await start_engine(plant)
    await until(engine, lambda: bool(engine.ctx.store.batches()))
    await stop_engine(plant, engine)
    engine = await start_engine(plant)
    await tick(engine)
    assert "plc.unknown" not in engine.ctx.alarms
    assert engine.ctx.store.unknown_batches() == []
    assert all(b.state is not BatchState.QUEUED for b in engine.ctx.store.batches())
