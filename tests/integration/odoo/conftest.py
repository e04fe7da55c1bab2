"""Fixtures: an Odoo simulator on a free loopback port (Odoo 16 and 17) and a connected link."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from hmi.odoo.link import OdooLink
from hmi.sim.odoo_sim import OdooSimulator


@pytest.fixture(params=[16, 17], ids=["odoo16", "odoo17"])
def sim(request: pytest.FixtureRequest) -> Iterator[OdooSimulator]:
    """A simulator presenting itself as Odoo 16, then as Odoo 17."""
    with OdooSimulator(version=request.param, orders=10, seed=7) as server:
        yield server


@pytest.fixture
def sim16() -> Iterator[OdooSimulator]:
    """An Odoo 16 simulator."""
    with OdooSimulator(version=16, orders=10, seed=7) as server:
        yield server


@pytest.fixture
async def link(sim: OdooSimulator) -> AsyncIterator[OdooLink]:
    """A link logged in to `sim`."""
    odoo = OdooLink(sim.url, "demo", "admin", "admin", timeout=5.0)
    await odoo.connect()
    yield odoo
    await odoo.close()
