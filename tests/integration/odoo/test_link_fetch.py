"""OdooLink.fetch_orders and read_states against the simulator (Odoo 14 to 19 field names)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hmi.domain.equipment import load_equipment_table
from hmi.domain.errors import ValidationError
from hmi.domain.mapping import map_orders
from hmi.odoo.connection import OdooFilters
from hmi.odoo.link import OdooLink
from hmi.resources import resource_path
from hmi.sim.odoo_sim import OdooSimulator


@pytest.mark.parametrize("version", [14, 16, 17, 18, 19])
async def test_same_rpc_count_for_1_10_and_100_orders(version: int) -> None:
    with OdooSimulator(version=version, orders=100, seed=3, api_key="admin") as sim:
        link = OdooLink(sim.url, "demo", "admin", "admin")
        await link.connect()
        await link.fetch_orders(1)  # the first fetch after a login also looks up kg and litre
        counts = {}
        for n in (1, 10, 100):
            sim.reset_counters()
            before = link.rpc_count
            orders = await link.fetch_orders(n)
            assert len(orders) == n
            counts[n] = (link.rpc_count - before, sim.rpc_count)
        assert counts == {1: (5, 5), 10: (5, 5), 100: (5, 5)}
        assert [model for model, _ in sim.calls] == [
            "mrp.production",
            "stock.move",
            "product.product",
            "mrp.bom",
            "uom.uom",
        ]
        assert link.protocol == ("json2" if version >= 19 else "jsonrpc")


async def test_orders_oldest_planned_first_then_id(sim: OdooSimulator, link: OdooLink) -> None:
    early = datetime(2020, 1, 1, 6, tzinfo=UTC)
    second = sim.model.add_order("Layer Mash", 1500, planned_start=early)
    first = sim.model.add_order("Pig Grower", 2500, planned_start=early.replace(hour=5))
    third = sim.model.add_order("Dairy Meal", 1000, planned_start=early)
    orders = await link.fetch_orders(50)
    assert [o.mo_id for o in orders[:3]] == [first, second, third]
    keys = [(o.planned_start, o.mo_id) for o in orders]
    assert keys == sorted(keys)
    assert orders[0].planned_start == early.replace(hour=5)


async def test_orders_carry_components_and_references(sim: OdooSimulator, link: OdooLink) -> None:
    mo_id = sim.model.add_order(
        "Broiler Starter", 2000, planned_start=datetime(2020, 1, 1, tzinfo=UTC)
    )
    cancelled = sim.model.moves(mo_id)[1]
    sim.model.records["stock.move"][cancelled["id"]]["state"] = "cancel"
    order = (await link.fetch_orders(1))[0]
    assert (order.mo_id, order.state, order.product_name, order.bom_name) == (
        mo_id,
        "confirmed",
        "Broiler Starter",
        "BOM-BRST",
    )
    assert float(order.quantity) == 2000.0
    assert "/" in order.name
    assert cancelled["id"] not in [c.move_id for c in order.components]
    assert order.components[0].product_ref == "RM-CORN"
    assert float(order.components[0].quantity) == 1100.0
    assert order.components[0].product_name == "Yellow corn, ground"
    assert (
        round(sum(float(c.quantity) for c in order.components), 2)
        == 2000.0 - cancelled["product_uom_qty"]
    )


async def test_only_confirmed_and_in_progress_orders_and_exclusions(
    sim: OdooSimulator, link: OdooLink
) -> None:
    draft = sim.model.add_order(
        "Layer Mash", 1000, state="draft", planned_start=datetime(2020, 1, 1, tzinfo=UTC)
    )
    progress = sim.model.add_order(
        "Layer Mash", 1000, state="progress", planned_start=datetime(2020, 1, 1, tzinfo=UTC)
    )
    done = sim.model.add_order(
        "Layer Mash", 1000, state="done", planned_start=datetime(2020, 1, 1, tzinfo=UTC)
    )
    ids = [o.mo_id for o in await link.fetch_orders(100)]
    assert progress in ids
    assert draft not in ids
    assert done not in ids
    assert len(ids) == 11
    rest = await link.fetch_orders(100, exclude_ids=ids[:5])
    assert [o.mo_id for o in rest] == ids[5:]


async def test_filters_by_operation_type_and_work_centre(sim: OdooSimulator) -> None:
    premix = sim.model.add_order("Layer Mash", 1000, picking_type_id=2, workcenter_id=2)
    link = OdooLink(sim.url, "demo", "admin", "admin", filters=OdooFilters(picking_type_ids=(2,)))
    assert [o.mo_id for o in await link.fetch_orders(10)] == [premix]
    by_centre = OdooLink(
        sim.url,
        "demo",
        "admin",
        "admin",
        filters=OdooFilters(workcenter_ids=(2,), company_ids=(1,)),
    )
    orders = await by_centre.fetch_orders(50)
    assert premix in [o.mo_id for o in orders]
    assert 0 < len(orders) < 11


async def test_fetched_catalogue_maps_to_the_default_equipment_table(link: OdooLink) -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    batches, refusals = map_orders(await link.fetch_orders(10), table)
    assert refusals == []
    assert len(batches) == 10
    for batch in batches:
        assert 1000 <= batch.quantity_kg <= 4000
        assert batch.planned_total_kg == batch.quantity_kg


async def test_read_states(sim: OdooSimulator, link: OdooLink) -> None:
    ids = sim.model.confirmed_ids()[:3]
    sim.model.records["mrp.production"][ids[0]]["state"] = "done"
    assert await link.read_states([*ids, 99999]) == {
        ids[0]: "done",
        ids[1]: "confirmed",
        ids[2]: "confirmed",
    }
    assert await link.read_states([]) == {}


async def test_empty_result_and_bad_limit(sim: OdooSimulator, link: OdooLink) -> None:
    assert await link.fetch_orders(5, exclude_ids=sim.model.confirmed_ids()) == []
    with pytest.raises(ValidationError, match="positive whole number"):
        await link.fetch_orders(0)
