"""The PLC link over Omron FINS (UDP and TCP) against the FINS simulator: the same batch cycle
as over Modbus, and end codes translated into the setting to change."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from hmi.domain.messages import render
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.link import PlcLink
from hmi.plc.refusals import explain_refusal
from hmi.plc.register_map import load_register_map
from hmi.plc.transport import PlcRefusedError
from hmi.sim.fins_sim import FinsSimulator

FAST = 3000.0
PROTOCOLS = ("udp", "tcp")


def fins_map(protocol: str, **keys: Any):
    base = {"transport": f"fins_{protocol}", "max_read": 999, "max_write": 996}
    return load_register_map().with_capabilities(**{**base, **keys})


@pytest.fixture(params=PROTOCOLS)
async def fins_sim(request: pytest.FixtureRequest) -> AsyncIterator[FinsSimulator]:
    async with FinsSimulator(protocol=request.param, speed=FAST, seed=5) as sim:
        yield sim


async def _link(sim: FinsSimulator, **keys: Any) -> PlcLink:
    link = PlcLink(
        "127.0.0.1",
        sim.port,
        register_map=fins_map(sim.protocol, **keys),
        timeout=1.0,
        reconnect_min_s=0.05,
        reconnect_max_s=0.2,
    )
    await link.connect()
    return link


async def test_a_batch_cycle_over_fins(
    fins_sim: FinsSimulator, make_batch: Callable[..., Any], wait_for: Any
) -> None:
    link = await _link(fins_sim)
    try:
        assert link.state.up
        assert await link.read_ready()
        await link.write_batches([make_batch(1)])
        assert not fins_sim.ready

        async def finished() -> bool:
            return (await link.read_feedback())[0].finished

        await wait_for(finished)
        feedback = (await link.read_feedback())[0]
        assert feedback.mo_name == "WH/MO/00021"
        await link.acknowledge_finished(1)
        await wait_for(link.read_ready)

        async def took() -> bool:
            return len(fins_sim.completed) == 1

        await wait_for(took)  # the PLC took the acknowledgement
        assert [c.mo_name for c in fins_sim.completed] == ["WH/MO/00021"]
        # the whole feedback area (977 words) in one FINS request
        before = link.request_count
        await link.read_feedback()
        assert link.request_count - before == 1
    finally:
        await link.close()


async def test_a_plc_that_reads_less_says_to_set_max_read(fins_sim: FinsSimulator) -> None:
    fins_sim.capabilities = PlcCapabilities(f"fins_{fins_sim.protocol}", max_read=500)
    link = await _link(fins_sim)
    try:
        with pytest.raises(PlcRefusedError):
            await link.read_feedback()
        (refusal,) = link.refusals
        text = render(explain_refusal(refusal, link.capabilities))
        assert "The PLC refuses reads of 977 registers at 6000" in text
        assert "FINS end code 110B: response too long" in text
        assert "set max_read" in text
    finally:
        await link.close()
    async with FinsSimulator(protocol=fins_sim.protocol, speed=FAST) as limited:
        limited.capabilities = PlcCapabilities(f"fins_{limited.protocol}", max_read=500)
        configured = await _link(limited, max_read=500)
        try:
            assert len(await configured.read_feedback()) == 10
            assert configured.refusals == ()
        finally:
            await configured.close()


async def test_words_outside_the_plcs_areas_are_refused_by_end_code(
    fins_sim: FinsSimulator,
) -> None:
    fins_sim.spans = [(6000, 6500), (7000, 7977), (8000, 8023), (9000, 9014)]
    link = await _link(fins_sim)
    try:
        with pytest.raises(PlcRefusedError):
            await link.read_feedback()
        (refusal,) = link.refusals
        text = render(explain_refusal(refusal, link.capabilities))
        assert "FINS end code 1103: address range error" in text
        assert "check the areas' base addresses" in text
    finally:
        await link.close()


async def test_fins_tcp_takes_its_node_addresses_from_the_handshake() -> None:
    async with FinsSimulator(protocol="tcp", speed=FAST, node=7) as sim:
        link = await _link(sim)
        try:
            await link.read_ready()
            plc, hmi = link._client.nodes  # type: ignore[attr-defined]
            assert plc.node == 7
            assert hmi.node == 0xEF
        finally:
            await link.close()
