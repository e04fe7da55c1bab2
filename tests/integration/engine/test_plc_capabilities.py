"""Issue 15's PLCs through the whole engine: a PLC limited to 100 registers per read and 60 per
write, a function-6-only PLC and a 1-based PLC each run a full cycle once the plant's map says
so, and raise the translated link-fault alarm (plc.refused) when it does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomlkit

from hmi.domain.states import BatchState
from hmi.plc.register_map import load_register_map
from hmi.resources import resource_path
from hmi.sim.plc_sim import PlcSimulator

FAST = 3000.0
#: PLC → (its limits, the words of the alarm an unconfigured HMI raises)
PLCS: dict[str, tuple[dict[str, Any], str]] = {
    "read100_write60": (
        {"max_read": 100, "max_write": 60},
        "(Modbus exception 3: illegal data value): set max_read in the register map's [plc] table",
    ),
    "function6_only": (
        {"write_function": 6},
        "The PLC refuses function 16 (write multiple registers) at 7000 (Modbus exception 1: "
        "illegal function): set write_function = 6",
    ),
    "one_based": (
        {"address_base": 1},
        "(Modbus exception 2: illegal data address): check the areas' base addresses and "
        "address_base (now 0; 1 for the 40001 convention)",
    ),
}


def plant_map(folder: Path, keys: dict[str, Any]) -> Path:
    """The plant's register map with these [plc] keys (as an integrator would edit it)."""
    document = tomlkit.parse(resource_path("register_map.toml").read_text(encoding="utf-8"))
    for key, value in keys.items():
        document["plc"][key] = value
    path = folder / "register_map.toml"
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(params=sorted(PLCS))
async def limited_plant(request, plant) -> tuple[Any, dict[str, Any], str]:
    """The engine tests' plant whose PLC simulator plays one of issue 15's PLCs."""
    keys, words = PLCS[request.param]
    await plant.plc.stop()
    caps = load_register_map().with_capabilities(**keys).capabilities
    plant.plc = PlcSimulator(
        "127.0.0.1", plant.plc.port, speed=FAST, seed=1, finished_weight="zero", capabilities=caps
    )
    await plant.plc.start()
    return plant, keys, words


async def test_once_configured_the_plc_runs_a_full_cycle(limited_plant, wait_for, run_tasks):
    plant, keys, _ = limited_plant
    plant.register_map = str(plant_map(plant.folder, keys))
    engine = await plant.engine()
    await wait_for(lambda: _reported(engine, 10), timeout=60, step=lambda: run_tasks(engine))
    postings = plant.postings()
    reported = [h.mo_id for h in engine.ctx.store.history_page(0, 100)]
    assert all(postings[mo] == 1 for mo in reported)
    snapshot = await engine.refresh()
    assert not [a for a in snapshot.active_alarms if a.key == "plc.refused"]
    assert plant.plc.completed


async def test_unconfigured_the_translated_alarm_is_raised_and_nothing_is_lost(
    limited_plant, wait_for, run_tasks
):
    plant, _, words = limited_plant
    engine = await plant.engine()

    async def alarmed() -> bool:
        snapshot = await engine.refresh()
        return any(a.key == "plc.refused" for a in snapshot.active_alarms)

    await wait_for(alarmed, timeout=30, step=lambda: run_tasks(engine))
    snapshot = await engine.refresh()
    (alarm,) = [a for a in snapshot.active_alarms if a.key == "plc.refused"]
    assert words in str(alarm.message)
    batches = engine.ctx.store.batches()
    assert all(b.state in (BatchState.QUEUED, BatchState.SENT) for b in batches)
    assert not plant.plc.completed
    assert all(n == 0 for n in plant.postings().values())


async def _reported(engine, n: int) -> bool:
    return await engine.history_count() >= n
