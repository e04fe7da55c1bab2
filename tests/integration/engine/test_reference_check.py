"""A refilled silo holds the batches still planning its old material (issue 15): silo 102
changed from wheat to barley, then a restart, with batches planning wheat on 102."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.domain.errors import ValidationError
from hmi.domain.states import BatchState
from hmi.engine.settings_check import check_settings_file
from hmi.runtime import build_engine
from tests.named_users import TEST_PIN, seed_users


async def _start(plant, config: Path):
    check = check_settings_file(config, install=True)
    runtime = build_engine(
        check.settings, settings_path=config, check=check, database_url=plant.db_url
    )
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


def _refill(table: Path, old: str, new: str) -> None:
    text = table.read_text(encoding="utf-8")
    assert f'product_ref = "{old}"' in text
    table.write_text(text.replace(f'product_ref = "{old}"', f'product_ref = "{new}"'), "utf-8")


def _held(snapshot) -> dict[int, str]:
    return {a.mo_id: str(a.message) for a in snapshot.active_alarms if a.key.startswith("held.")}


async def test_a_refilled_silo_holds_its_waiting_batches_with_an_alarm(
    plant, tmp_path, wait_for, run_tasks
):
    config = plant.write_config(tmp_path / "settings.toml")
    plant.plc.process.speed = 1.0  # the PLC takes five minutes per batch: the queue waits
    engine = await _start(plant, config)
    await run_tasks(engine)
    batches = engine.ctx.store.batches()
    wheat = {b.mo_id for b in batches if any(ln.product_ref == "RM-WHEAT" for ln in b.lines)}
    assert wheat, "the simulator's MOs use wheat"
    await engine.stop()
    plant.engines.remove(engine)

    _refill(tmp_path / "equipment.toml", "RM-WHEAT", "RM-BARLEY")  # silo 102 refilled
    engine = await _start(plant, config)
    snapshot = await engine.refresh()
    held = _held(snapshot)
    waiting = {b.mo_id for b in engine.ctx.store.batches() if b.state is not BatchState.RUNNING}
    assert set(held) == wheat & waiting
    text = next(iter(held.values()))
    assert "is held: the equipment table changed under it" in text
    assert "RM-WHEAT is no longer in any silo or tank (planned in Silo 2)" in text
    assert "A supervisor resends it with the current table or cancels it" in text


async def test_a_held_failed_batch_is_resent_with_the_current_mapping(
    plant, tmp_path, wait_for, run_tasks
):
    config = plant.write_config(tmp_path / "settings.toml")
    for slot in range(1, 11):
        plant.plc.faults.fail_next(slot)
    engine = await _start(plant, config)

    async def one_failed() -> bool:
        return any(b.state is BatchState.FAILED for b in engine.ctx.store.batches())

    await wait_for(one_failed, timeout=30, step=lambda: run_tasks(engine))
    failed = next(
        b
        for b in engine.ctx.store.batches()
        if b.state is BatchState.FAILED and any(ln.product_ref == "RM-CORN" for ln in b.lines)
    )
    # corn moves from silo 101 to silo 105, whose pollard goes to silo 101
    table = tmp_path / "equipment.toml"
    _refill(table, "RM-CORN", "RM-SWAP")
    _refill(table, "RM-POLLARD", "RM-CORN")
    _refill(table, "RM-SWAP", "RM-POLLARD")
    assert await engine.recheck_equipment() == 0  # the engine still has the old table in use
    check = check_settings_file(config)
    engine.ctx.equipment = check.equipment
    assert await engine.recheck_equipment() >= 1
    snapshot = await engine.refresh()
    assert "RM-CORN is now in Silo 5 (planned in Silo 1)" in _held(snapshot)[failed.mo_id]
    with pytest.raises(ValidationError, match="is held"):  # never to the PLC while held
        await engine.retry_now(failed.mo_id, "operator")

    await engine.resend_held(failed.mo_id, "supervisor", pin=TEST_PIN)
    remapped = engine.ctx.store.get(failed.mo_id)
    assert remapped is not None
    corn = next(ln for ln in remapped.lines if ln.product_ref == "RM-CORN")
    assert corn.equipment_id == 105
    assert failed.mo_id not in _held(await engine.refresh())
    audit = engine.ctx.store.audit_entries()
    assert any(a.action == "resend with current table" for a in audit)
