"""Fixtures: an Odoo simulator on a free loopback port (Odoo 14, 16, 17, 18, 19) and a link.

The simulators accept "admin" both as the admin's password and as the admin's API key, so
one link configuration logs in everywhere: through odoorpc up to 18, through JSON-2 on 19.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from hmi.odoo.link import OdooLink
from hmi.sim.odoo_sim import OdooSimulator

VERSIONS = [14, 16, 17, 18, 19]


@pytest.fixture(params=VERSIONS, ids=[f"odoo{v}" for v in VERSIONS])
def sim(request: pytest.FixtureRequest) -> Iterator[OdooSimulator]:
    """A simulator presenting itself as each supported Odoo version in turn."""
    with OdooSimulator(version=request.param, orders=10, seed=7, api_key="admin") as server:
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
