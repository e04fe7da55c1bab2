"""PlcLink against the real simulator on loopback: handshake, writes, reads, faults, reconnects."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal

import pytest

from hmi.domain.errors import LinkDownError, PlcDataError, ValidationError
from hmi.domain.links import LinkState
from hmi.domain.model import Batch
from hmi.plc.link import PlcLink
from hmi.plc.slots import encode_write_slot
from hmi.sim.plc_sim import PlcSimulator

MakeBatch = Callable[..., Batch]
WaitFor = Callable[..., Awaitable[None]]


async def test_connect_publishes_up_and_reads_ready(sim: PlcSimulator) -> None:
    link = PlcLink("127.0.0.1", sim.port, reconnect_min_s=0.05)
    seen: list[LinkState] = []
    link.add_state_listener(seen.append)
    await link.connect()
    try:
        assert link.state.up
        assert [s.up for s in seen] == [True]
        assert link.slot_count == 10
        assert await link.read_ready() is True
        assert link.request_count == 1
    finally:
        await link.close()
    assert [s.up for s in seen] == [True, False]


async def test_full_feedback_read_takes_eight_requests(link: PlcLink) -> None:
    before = link.request_count
    slots = await link.read_feedback()
    assert link.request_count - before == 8
    assert [fb.slot for fb in slots] == list(range(1, 11))
    assert all(fb.empty and fb.plausible for fb in slots)


async def test_a_slot_that_finishes_between_two_requests_is_read_whole_alone(
    sim: PlcSimulator, link: PlcLink
) -> None:
    """The area read packs requests by words: slot 3 (6200–6276) is read half in the
    request 6125–6249 and half in 6250–…; the PLC finishing it between those two requests
    shows the finished flag with older actuals (a torn read). A slot read alone is one
    request: one PLC scan (the engine reads a slot alone before storing it finished)."""
    base = 6200
    name = "WH/MO/00010".ljust(16).encode("ascii")
    words = [name[i] << 8 | name[i + 1] for i in range(0, 16, 2)]
    await sim.write_words(base, [3, *words])
    await sim.write_words(base + 33, [103, 0, 10_000])  # silo 103: 100.00 kg so far

    def finish(address: int, count: int) -> None:  # the PLC's scan between two requests
        if address <= base + 72 < address + count:
            sim.memory.set(base + 33, [103, 0, 30_000])  # 300.00 kg, and finished
            sim.memory.set(base + 72, [1])

    sim.faults.before_read = finish
    torn = (await link.read_feedback())[2]
    assert torn.finished
    assert [m.actual_kg for m in torn.materials if m.equipment_id == 103] == [Decimal("100")]

    await sim.write_words(base + 33, [103, 0, 10_000])
    await sim.write_words(base + 72, [0])
    whole = await link.read_feedback_slot(3)
    assert whole.finished  # one request, one scan: the finished flag and its actuals
    assert [m.actual_kg for m in whole.materials if m.equipment_id == 103] == [Decimal("300")]


async def test_write_read_back_then_clear_ready(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    batches = [make_batch(1), make_batch(2), make_batch(5)]
    before = link.request_count
    await link.write_batches(batches)
    # the ready flag read again under the lock + 10 slot writes (76 words each, handshake word
    # skipped) + 8 read-back requests + the flag
    assert link.request_count - before == 20
    for batch in batches:
        words = await sim.read_words(7000 + 100 * (batch.slot - 1), 76)
        assert words == encode_write_slot(batch, link.register_map)[:76]
    for empty in (3, 4, 6, 7, 8, 9, 10):
        assert await sim.read_words(7000 + 100 * (empty - 1), 77) == [0] * 77
    assert await sim.read_words(7076, 1) == [0]
    assert await link.written_batches_match(batches)
    assert not await link.written_batches_match(batches[:2])
    assert not await link.written_batches_match([make_batch(1, quantity=999.0), *batches[1:]])


async def test_ready_flag_is_kept_when_the_read_back_differs(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    sim.faults.stick(7105, 4242)  # the PLC does not keep what is written to word 7105
    with pytest.raises(PlcDataError, match="write slot 2: word 7105 reads 4242") as info:
        await link.write_batches([make_batch(1), make_batch(2)])
    assert len(info.value.raw_words) == 77
    assert sim.ready  # the handshake flag was never touched
    assert await sim.read_words(7076, 1) == [1]
    assert link.state.up


async def test_bad_batches_are_refused_before_any_request(
    link: PlcLink, make_batch: MakeBatch
) -> None:
    before = link.request_count
    with pytest.raises(ValidationError, match="two batches for PLC slot 1"):
        await link.write_batches([make_batch(1), make_batch(1)])
    with pytest.raises(ValidationError, match=r"slot 11 is outside 1\.\.10"):
        await link.write_batches([make_batch(11)])
    too_long = make_batch(2)
    too_long = type(too_long)(**{**too_long.__dict__, "mo_name": "WH/MO/000000000012"})
    with pytest.raises(ValidationError, match="mo_name"):
        await link.write_batches([too_long])
    with pytest.raises(ValidationError, match="slot 0"):
        await link.acknowledge_finished(0)
    assert link.request_count == before


async def test_clear_slot_zeroes_one_slot(
    sim: PlcSimulator, link: PlcLink, make_batch: MakeBatch
) -> None:
    await sim.write_words(7076, [1])
    await link.write_batches([make_batch(3), make_batch(4)])
    await sim.write_words(7076, [1])  # keep the simulated PLC from starting
    await link.clear_slot(3)
    assert await sim.read_words(7200, 77) == [0] * 77
    assert (await sim.read_words(7300, 1)) == [4]
    assert await sim.read_words(7076, 1) == [1]  # clearing slot 1 would not touch the flag


async def test_reconnect_when_the_simulator_restarts_mid_read(
    sim: PlcSimulator, link: PlcLink
) -> None:
    seen: list[bool] = []
    link.add_state_listener(lambda s: seen.append(s.up))
    sim.faults.latency = 0.2
    reading = asyncio.create_task(link.read_feedback())
    await asyncio.sleep(0.05)  # the first request is in flight
    await sim.stop()
    await sim.start()  # same port, same registers
    sim.faults.latency = 0.0
    slots = await reading  # retried once after reconnecting
    assert len(slots) == 10
    assert seen == []  # the retry succeeded: the link never went down
    assert link.state.up


async def test_down_then_up_logs_one_line_per_change(
    sim: PlcSimulator, link: PlcLink, caplog: pytest.LogCaptureFixture, wait_for: WaitFor
) -> None:
    caplog.set_level(logging.INFO, logger="hmi.plc")
    seen: list[bool] = []
    link.add_state_listener(lambda s: seen.append(s.up))
    await sim.stop()
    for _ in range(5):
        with pytest.raises(LinkDownError):
            await link.read_feedback()
    assert not link.state.up
    assert link.state.down_since is not None
    assert "not reachable" in (link.state.last_error or "")
    await sim.start()

    async def up() -> bool:
        try:
            await link.read_ready()
        except LinkDownError:
            return False
        return True

    await wait_for(up, timeout=5.0)
    assert seen == [False, True]
    lines = [r.getMessage() for r in caplog.records if r.name == "hmi.plc"]
    assert len([m for m in lines if "down since" in m]) == 1
    assert len([m for m in lines if m.endswith(" up")]) == 1


async def test_dropped_connection_is_retried_once(sim: PlcSimulator, link: PlcLink) -> None:
    await link.read_ready()
    assert sim.faults.drop_connections() == 1
    await asyncio.sleep(0.05)
    assert await link.read_ready() is True
    assert link.state.up


async def test_refused_connections_back_off_without_requests(
    sim: PlcSimulator, link: PlcLink, wait_for: WaitFor
) -> None:
    await sim.faults.refuse_connections(0.6)
    with pytest.raises(LinkDownError):
        await link.read_ready()
    sent = link.request_count
    with pytest.raises(LinkDownError, match="next attempt in"):
        await link.read_ready()  # inside the backoff delay: no network traffic
    assert link.request_count == sent

    async def up() -> bool:
        try:
            return await link.read_ready()
        except LinkDownError:
            return False

    await wait_for(up, timeout=5.0)


async def test_backoff_grows_and_is_capped(free_port: int) -> None:
    link = PlcLink("127.0.0.1", free_port, reconnect_min_s=0.02, reconnect_max_s=0.08)
    await link.connect()  # never raises
    assert not link.state.up
    delays = [link.next_attempt_in]
    skipped = 0
    while len(delays) < 6:
        try:
            await link.read_ready()
        except LinkDownError as exc:
            if "next attempt in" in str(exc):
                skipped += 1
            else:
                delays.append(link.next_attempt_in)  # an attempt was made and failed
        await asyncio.sleep(0.005)
    assert skipped > 0  # calls inside the delay do not try to connect
    assert 0.01 < delays[0] <= 0.02
    assert 0.03 < delays[1] <= 0.04
    assert all(0.07 < d <= 0.08 for d in delays[2:])  # doubled, then capped
    await link.close()
    with pytest.raises(LinkDownError, match="closed"):
        await link.read_ready()


def test_zero_reconnect_delay_is_refused() -> None:
    with pytest.raises(ValueError, match="reconnect delays"):
        PlcLink("127.0.0.1", 502, reconnect_min_s=0)


async def test_slow_answers_time_out_and_recover(sim: PlcSimulator, wait_for: WaitFor) -> None:
    link = PlcLink("127.0.0.1", sim.port, timeout=0.2, reconnect_min_s=0.05)
    await link.connect()
    try:
        sim.faults.latency = 0.5
        with pytest.raises(LinkDownError, match="stopped answering"):
            await link.read_ready()
        assert not link.state.up
        sim.faults.latency = 0.0

        async def up() -> bool:
            try:
                return await link.read_ready()
            except LinkDownError:
                return False

        await wait_for(up, timeout=5.0)
    finally:
        await link.close()


async def test_event_blocks_acknowledge_only_after_storage(
    sim: PlcSimulator, link: PlcLink, wait_for: WaitFor
) -> None:
    assert await link.read_equipment_failure() is None
    with pytest.raises(ValidationError, match="no equipment failure record"):
        await link.acknowledge_equipment_failure()
    sim.inject_equipment_failure(105, 31, "SILO 105 LOW LEVEL", batch_no=2)
    sim.inject_equipment_failure(201, 4, "MIXER OVERLOAD")
    first = await link.read_equipment_failure()
    assert first is not None
    assert (first.equipment_id, first.fault_code, first.message) == (105, 31, "SILO 105 LOW LEVEL")
    assert first.batch_no == 2
    assert first.occurred_at is not None
    assert not first.problems
    again = await link.read_equipment_failure()  # not acknowledged: still the same record
    assert again == first
    await link.acknowledge_equipment_failure()

    async def next_record() -> bool:
        record = await link.read_equipment_failure()
        return record is not None and record.equipment_id == 201

    await wait_for(next_record)
    assert [e.equipment_id for e in sim.process.acknowledged_events] == [105]

    sim.inject_manual_weighing(batch_no=3, material_code=9001, weight_kg=2.35, operator_id=12)
    weighing = await link.read_manual_weighing()
    assert weighing is not None
    assert (weighing.batch_no, weighing.material_code, weighing.weight_kg) == (
        3,
        9001,
        Decimal("2.35"),
    )
    await link.acknowledge_manual_weighing()

    async def cleared() -> bool:
        return await link.read_manual_weighing() is None

    await wait_for(cleared)
