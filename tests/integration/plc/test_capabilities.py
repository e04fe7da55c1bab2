"""PLCs that are not the protocol's ideal: each works once its map says so, and otherwise the
refusal is translated into the setting to change (issue 15)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from hmi.domain.errors import LinkDownError, PlcDataError
from hmi.domain.links import LinkStatus
from hmi.domain.messages import render
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.link import PlcLink
from hmi.plc.refusals import explain_refusal
from hmi.plc.register_map import RegisterMap, load_register_map
from hmi.plc.transport import PlcRefusedError
from hmi.sim.plc_sim import PlcSimulator

FAST = 3000.0
DEFAULT = load_register_map()

#: The PLCs of issue 15: (what the PLC does, the map keys that make the HMI work with it)
PLCS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "100 per read, 60 per write": (
        {"max_read": 100, "max_write": 60},
        {"max_read": 100, "max_write": 60},
    ),
    "function 6 only": ({"write_function": 6}, {"write_function": 6}),
    "registers from 1 (40001)": ({"address_base": 1}, {"address_base": 1}),
}


@asynccontextmanager
async def plc_and_link(
    plc_keys: dict[str, Any], hmi_map: RegisterMap
) -> AsyncIterator[tuple[PlcSimulator, PlcLink]]:
    caps = DEFAULT.with_capabilities(**plc_keys).capabilities
    sim = PlcSimulator(port=0, speed=FAST, seed=3, capabilities=caps)
    await sim.start()
    link = PlcLink(
        "127.0.0.1",
        sim.port,
        register_map=hmi_map,
        timeout=1.0,
        reconnect_min_s=0.05,
        reconnect_max_s=0.2,
    )
    await link.connect()
    try:
        yield sim, link
    finally:
        await link.close()
        await sim.stop()


@pytest.mark.parametrize("plc", sorted(PLCS))
async def test_a_configured_hmi_runs_a_batch_on_each_plc(
    plc: str, make_batch: Callable[..., Any], wait_for: Any
) -> None:
    plc_keys, hmi_keys = PLCS[plc]
    async with plc_and_link(plc_keys, DEFAULT.with_capabilities(**hmi_keys)) as (sim, link):
        assert await link.read_ready()
        await link.write_batches([make_batch(1), make_batch(2)])
        assert not sim.ready
        await wait_for(lambda: _finished(link, 1))
        await link.acknowledge_finished(1)
        await wait_for(lambda: _finished(link, 2))
        await link.acknowledge_finished(2)
        await wait_for(link.read_ready)
        await wait_for(_took(sim, 2))  # the PLC took both acknowledgements
        assert [c.mo_name for c in sim.completed] == ["WH/MO/00021", "WH/MO/00022"]
        assert link.refusals == ()


def _took(sim: PlcSimulator, count: int) -> Callable[[], Any]:
    async def took() -> bool:
        return len(sim.completed) == count

    return took


async def _finished(link: PlcLink, slot: int) -> bool:
    return (await link.read_feedback())[slot - 1].finished


@pytest.mark.parametrize(
    ("plc", "words"),
    [
        (
            "100 per read, 60 per write",
            "The PLC refuses reads of 125 registers at 6000 (Modbus exception 3: illegal data "
            "value): set max_read in the register map's [plc] table (now 125",
        ),
        (
            "registers from 1 (40001)",
            "The PLC has no registers at 6875–6976 for a read (Modbus exception 2: illegal data "
            "address): check the areas' base addresses and address_base (now 0",
        ),
    ],
)
async def test_an_unconfigured_hmi_gets_the_translated_refusal_when_reading(
    plc: str, words: str
) -> None:
    async with plc_and_link(PLCS[plc][0], DEFAULT) as (_, link):
        with pytest.raises(PlcRefusedError):
            await link.read_feedback()
        # the link is not down: the PLC answered, and refused (FAULTED, with the refusal)
        assert link.state.status is LinkStatus.FAULTED
        (refusal,) = link.refusals
        assert words in render(explain_refusal(refusal, link.capabilities))


async def test_a_function_6_plc_refuses_batches_with_the_setting_to_change(
    make_batch: Callable[..., Any],
) -> None:
    async with plc_and_link({"write_function": 6}, DEFAULT) as (sim, link):
        with pytest.raises(PlcDataError):
            await link.write_batches([make_batch(1)])
        assert sim.ready  # nothing lost: the ready flag stayed up
        (refusal,) = link.refusals
        text = render(explain_refusal(refusal, link.capabilities), "id")
        assert "PLC menolak fungsi 16 (tulis banyak register) di 7000" in text
        assert "write_function = 6" in text


async def test_a_refusal_is_forgotten_once_the_same_request_goes_through() -> None:
    async with plc_and_link({"max_read": 100}, DEFAULT) as (sim, link):
        with pytest.raises(PlcRefusedError):
            await link.read_feedback()
        assert link.refusals
        sim.rules.capabilities = PlcCapabilities()  # the PLC's firmware was updated
        await link.read_feedback()
        assert link.refusals == ()


async def test_a_single_connection_plc_drops_a_second_client_and_says_why() -> None:
    async with plc_and_link({"single_connection": True}, DEFAULT) as (sim, first):
        assert await first.read_ready()
        hmi_map = DEFAULT.with_capabilities(single_connection=True)
        second = PlcLink(
            "127.0.0.1", sim.port, register_map=hmi_map, timeout=1.0, reconnect_min_s=0.05
        )
        try:
            await second.connect()
            with pytest.raises(LinkDownError) as info:
                await second.read_feedback()
            assert "serves one client at a time" in str(info.value)
            assert await first.read_ready()  # the first client keeps its connection
        finally:
            await second.close()
