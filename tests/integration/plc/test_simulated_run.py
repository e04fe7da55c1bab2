"""Whole simulated runs through the link: batches, progress, acknowledgements, faults."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal

import pytest

from hmi.domain.errors import LinkDownError
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.plausibility import check_against_plan
from hmi.plc.link import PlcLink
from hmi.plc.register_map import load_register_map
from hmi.sim.plc_sim import PlcSimulator

MakeBatch = Callable[..., Batch]
WaitFor = Callable[..., Awaitable[None]]


async def drive(
    link: PlcLink, batches: list[Batch], timeout: float = 20.0
) -> dict[int, list[SlotFeedback]]:
    """Poll like the engine's Task 2: acknowledge each finished or failed slot once."""
    by_slot = {b.slot: b for b in batches}
    seen: dict[int, list[SlotFeedback]] = {slot: [] for slot in by_slot}
    acknowledged: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(acknowledged) < len(batches) or not await link.read_ready():
        if time.monotonic() > deadline:
            pytest.fail(f"run not done in {timeout} s; acknowledged {sorted(acknowledged)}")
        for fb in await link.read_feedback():
            batch = by_slot.get(fb.slot)
            if batch is None or fb.slot in acknowledged or fb.mo_name != batch.mo_name:
                continue
            seen[fb.slot].append(fb)
            if (fb.finished or fb.failed) and not fb.read_flag:
                await link.acknowledge_finished(fb.slot)
                acknowledged.add(fb.slot)
        await asyncio.sleep(0.005)
    return seen


async def settle(sim: PlcSimulator, count: int, timeout: float = 5.0) -> None:
    """Wait until the simulated PLC has taken `count` acknowledgements."""
    deadline = time.monotonic() + timeout
    while len(sim.completed) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


async def test_ten_batches_run_to_the_end(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    assert await link.read_ready()
    batches = [make_batch(slot, quantity=500.0 + 50 * slot) for slot in range(1, 11)]
    await link.write_batches(batches)
    assert not await link.read_ready()
    seen = await drive(link, batches)
    assert await link.read_ready()  # the PLC raised its flag again
    await settle(sim, 10)  # it takes the last acknowledgement on its next scan
    assert [c.slot for c in sim.completed] == list(range(1, 11))
    for batch in batches:
        readings = seen[batch.slot]
        final = readings[-1]
        assert final.finished
        assert final.plausible, final.problems
        assert check_against_plan(final, batch) == ()
        totals = [sum(m.actual_kg for m in fb.materials) for fb in readings]
        assert totals == sorted(totals)  # progress only grows
        actual = {m.equipment_id: m.actual_kg for m in final.materials}
        for line in batch.lines:
            assert abs(actual[line.equipment_id] - line.planned_kg) <= Decimal(
                "0.005"
            ) * line.planned_kg + Decimal("0.01")
        assert abs(final.finished_weight_kg - sum(actual.values())) <= Decimal("0.01")
        record = sim.completed[batch.slot - 1]
        assert record.mo_name == batch.mo_name
        assert record.actuals[101] == actual[101]
    partial = [fb for r in seen.values() for fb in r if not fb.finished]
    assert any(0 < sum(m.actual_kg for m in fb.materials) < 1000 for fb in partial)


async def test_a_second_run_after_the_first(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    first = [make_batch(1), make_batch(2)]
    await link.write_batches(first)
    await drive(link, first)
    second = [make_batch(3)]
    await link.write_batches(second)  # slots 1 and 2 are now written empty
    await drive(link, second)
    assert [c.slot for c in sim.completed] == [1, 2, 3]


async def test_failed_batch_waits_for_acknowledgement_then_the_run_goes_on(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    sim.faults.fail_next(2)
    batches = [make_batch(1), make_batch(2), make_batch(3)]
    await link.write_batches(batches)
    seen = await drive(link, batches)
    assert seen[2][-1].failed
    assert not seen[2][-1].finished
    assert seen[3][-1].finished
    assert [c.failed for c in sim.completed] == [False, True, False]


KINDS = {
    1: ("text", "mo_name: text"),
    2: ("batch_no", "batch number 15 is outside 1..10"),
    3: ("silo_id", "position 3 holds equipment id 999, expected 103"),
    4: ("overdose", "silo 101 actual"),
    5: ("finished_weight", "finished weight"),
}


async def test_each_kind_of_implausible_value_from_the_simulator(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    for slot, (kind, _) in KINDS.items():
        sim.faults.publish_implausible(slot, kind)
    batches = [make_batch(slot) for slot in KINDS]
    await link.write_batches(batches)
    finals: dict[int, SlotFeedback] = {}
    deadline = time.monotonic() + 20
    while len(finals) < len(KINDS):
        assert time.monotonic() < deadline, f"only {sorted(finals)} finished"
        for fb in await link.read_feedback():
            if fb.slot in KINDS and fb.slot not in finals and fb.finished and not fb.read_flag:
                finals[fb.slot] = fb
                await link.acknowledge_finished(fb.slot)
        await asyncio.sleep(0.005)
    for slot, (kind, problem) in KINDS.items():
        fb = finals[slot]
        assert not fb.plausible, kind
        assert any(problem in str(p) for p in fb.problems), (kind, fb.problems)
        assert len(fb.raw_words) == 77


@pytest.mark.parametrize("mode", ["zero", "float_low_first"])
async def test_finished_weight_modes(mode: str, make_batch: MakeBatch) -> None:
    float_map = load_register_map().with_field(
        "batch", "finished_weight_kg", type="f32", scale=1, word_order="low_first"
    )
    async with PlcSimulator(port=0, speed=3000, seed=3, finished_weight=mode) as sim:
        plain = PlcLink("127.0.0.1", sim.port, reconnect_min_s=0.05)
        floating = PlcLink("127.0.0.1", sim.port, register_map=float_map, reconnect_min_s=0.05)
        await plain.connect()
        await floating.connect()
        try:
            batch = make_batch(1)
            await plain.write_batches([batch])

            async def finished() -> bool:
                return (await plain.read_feedback())[0].finished

            deadline = time.monotonic() + 10
            while not await finished():
                assert time.monotonic() < deadline
                await asyncio.sleep(0.01)
            as_integer = (await plain.read_feedback())[0]
            as_float = (await floating.read_feedback())[0]
        finally:
            await plain.close()
            await floating.close()
    total = sum(m.actual_kg for m in as_float.materials)
    if mode == "zero":
        assert as_integer.finished_weight_kg == 0.0
        assert as_integer.plausible
    else:
        assert not as_integer.plausible  # a float read as a scaled integer is caught
        assert any("finished weight" in str(p) for p in as_integer.problems)
        assert as_float.plausible, as_float.problems
        assert abs(as_float.finished_weight_kg - total) <= Decimal("0.01")


async def test_registers_survive_a_restart(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    await sim.write_words(7076, [1])
    await link.write_batches([make_batch(4)])
    words = await sim.read_words(7300, 77)
    await sim.stop()
    with pytest.raises(LinkDownError):
        await link.read_ready()
    await sim.start()
    assert await sim.read_words(7300, 77) == words


async def test_standalone_command_line(free_port: int, wait_for: WaitFor) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hmi.sim.plc_sim",
        "--port",
        str(free_port),
        "--speed",
        "600",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        assert f"listening on 127.0.0.1:{free_port}" in line.decode()
        link = PlcLink("127.0.0.1", free_port, reconnect_min_s=0.05)
        await link.connect()
        assert await link.read_ready()
        await link.close()
    finally:
        process.terminate()
        code = await asyncio.wait_for(process.wait(), timeout=30)
    assert code == 0


async def test_by_default_the_plc_does_not_wait_for_acknowledgements(
    make_batch: MakeBatch,
) -> None:
    """The plant's usual program: every slot runs to the end with none acknowledged; the PLC
    raises its flag again and takes each acknowledgement whenever it comes."""
    async with PlcSimulator(port=0, speed=3000, seed=3) as sim:
        link = PlcLink("127.0.0.1", sim.port)
        await link.connect()
        try:
            batches = [make_batch(slot) for slot in range(1, 4)]
            await link.write_batches(batches)
            deadline = time.monotonic() + 10
            while not await link.read_ready() and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            feedback = await link.read_feedback()
            assert [fb.finished for fb in feedback[:3]] == [True, True, True]
            assert sim.process.unacknowledged == [1, 2, 3]
            assert sim.completed == []
            for slot in (2, 1, 3):
                assert await link.acknowledge_finished(slot) in (True, False)
            await settle(sim, 3)
            assert sorted(c.slot for c in sim.completed) == [1, 2, 3]
            assert sim.process.unacknowledged == []
        finally:
            await link.close()
