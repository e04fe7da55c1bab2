"""Reports in each move's own unit, strict BoMs, refusals with Odoo's full text, paging,
and the protocol per version — against the simulator seeded like the recorded databases."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from decimal import Decimal

import pytest

from hmi.domain.errors import AuthenticationError, RefusedError
from hmi.domain.model import ConsumptionLine, ConsumptionReport, ManufacturingOrder, ReportOutcome
from hmi.domain.units import UomKind
from hmi.odoo.link import OdooLink
from hmi.sim.odoo_seed_recorded import lot_orders_16
from hmi.sim.odoo_sim import OdooSimulator

VERSIONS = [14, 16, 17, 18, 19]
KEY = "recorded-key"
F_KG, F_T, R_WARN, R_STRICT, R_FLEX = 1, 2, 9, 10, 11
OIL_KG_PER_L = Decimal("0.92")


@pytest.fixture(params=VERSIONS, ids=[f"odoo{v}" for v in VERSIONS])
def plant(request: pytest.FixtureRequest) -> Iterator[OdooSimulator]:
    with OdooSimulator(version=request.param, catalogue="recorded", api_key=KEY) as server:
        yield server


@pytest.fixture
async def link(plant: OdooSimulator) -> AsyncIterator[OdooLink]:
    odoo = OdooLink(plant.url, "demo", "admin", KEY, timeout=5.0)
    await odoo.connect()
    yield odoo
    await odoo.close()


async def order(link: OdooLink, mo_id: int) -> ManufacturingOrder:
    orders = await link.fetch_orders(50)
    return next(o for o in orders if o.mo_id == mo_id)


def report(
    mo: ManufacturingOrder, kg: dict[str, str], produced: str, density: bool = True
) -> ConsumptionReport:
    lines = tuple(
        ConsumptionLine(
            c.move_id,
            c.product_id,
            Decimal(kg[c.product_ref or ""]),
            OIL_KG_PER_L if density and c.uom.kind is UomKind.VOLUME else None,
        )
        for c in mo.components
    )
    return ConsumptionReport(mo.mo_id, mo.name, Decimal(produced), lines)


def consumed(plant: OdooSimulator, mo_id: int) -> dict[str, float]:
    model = plant.model
    return {
        model.product(m["product_id"])["default_code"]: model.done_qty(m)
        for m in model.moves(mo_id)
        if m["state"] != "cancel"
    }


async def test_each_move_is_written_in_its_own_unit(plant: OdooSimulator, link: OdooLink) -> None:
    mo = await order(link, F_KG)
    kg = {
        "RM-CORN": "600",
        "RM-SBM46": "300",
        "RM-PREMIX": "5.005",
        "RM-OIL": "18.4",
        "RM-MOL": "75",
    }
    result = await link.report(report(mo, kg, "998.41"))
    assert result.outcome is ReportOutcome.DONE
    assert "mrp.consumption.warning.action_confirm" in result.message  # 5005 g, BoM 5000 g
    # premix in g (5.005 kg = 5005 g), oil in L through the tank's density (18.4 kg / 0.92)
    assert consumed(plant, F_KG) == {
        "RM-CORN": 600.0,
        "RM-SBM46": 300.0,
        "RM-PREMIX": 5005.0,
        "RM-OIL": 20.0,
        "RM-MOL": 75.0,
    }
    assert plant.model.mo(F_KG)["qty_produced"] == 998.41


async def test_an_mo_in_tonnes_is_reported_in_tonnes(plant: OdooSimulator, link: OdooLink) -> None:
    mo = await order(link, F_T)
    result = await link.report(report(mo, {"RM-CORN": "1400", "RM-SBM46": "600"}, "2000"))
    assert result.outcome is ReportOutcome.DONE
    assert result.message.endswith("done in Odoo.")  # no question asked: exactly the BoM
    assert plant.model.mo(F_T)["qty_produced"] == 2.0  # t


async def test_a_strict_bom_is_never_confirmed(plant: OdooSimulator, link: OdooLink) -> None:
    mo = await order(link, R_STRICT)
    result = await link.report(report(mo, {"RM-CORN": "750", "RM-SBM46": "300"}, "1000"))
    assert result.outcome is ReportOutcome.REFUSED
    assert result.detail is not None
    assert result.detail.code == "odoo.report.strict_bom"
    assert "[RM-CORN] Yellow corn, ground planned 700 kg, dosed 750 kg" in result.message
    assert plant.model.mo_state(R_STRICT) == "to_close"  # nothing posted: Odoo holds the MO
    assert plant.model.consumption_postings(R_STRICT) == 0


@pytest.mark.parametrize(("mo_id", "wizard"), [(R_WARN, True), (R_FLEX, False)])
async def test_warning_and_flexible_boms_close(
    plant: OdooSimulator, link: OdooLink, mo_id: int, wizard: bool
) -> None:
    mo = await order(link, mo_id)
    result = await link.report(report(mo, {"RM-CORN": "750", "RM-SBM46": "300"}, "1000"))
    assert result.outcome is ReportOutcome.DONE
    assert ("mrp.consumption.warning.action_confirm" in result.message) is wizard
    assert consumed(plant, mo_id) == {"RM-CORN": 750.0, "RM-SBM46": 300.0}


async def test_a_volume_without_density_is_refused(plant: OdooSimulator, link: OdooLink) -> None:
    mo = await order(link, F_KG)
    kg = {"RM-CORN": "600", "RM-SBM46": "300", "RM-PREMIX": "5", "RM-OIL": "18.4", "RM-MOL": "75"}
    result = await link.report(report(mo, kg, "998.4", density=False))
    assert result.outcome is ReportOutcome.REFUSED
    assert result.detail is not None
    assert result.detail.code == "odoo.report.unit"
    assert "cannot be written in L" in result.message
    assert plant.model.mo_state(F_KG) == "confirmed"  # nothing was written


async def test_a_missing_lot_is_refused_with_odoos_full_text(
    plant: OdooSimulator, link: OdooLink
) -> None:
    if plant.version <= 16:
        with plant.model.lock:
            mo_id, _ = lot_orders_16(plant.model)
    else:
        mo_id = 18  # R_LOT0
    mo = await order(link, mo_id)
    result = await link.report(report(mo, {"RM-CORN": "950", "RM-LYS0": "50"}, "1000"))
    assert result.outcome is ReportOutcome.REFUSED
    assert result.message.startswith("You need to supply a Lot/Serial Number for product:")
    assert "[RM-LYS0] L-Lysine, new lot not registered" in result.message  # the second line


async def test_a_cancelled_component_is_not_written(plant: OdooSimulator, link: OdooLink) -> None:
    mo = await order(link, R_WARN)
    with plant.model.lock:
        plant.model.raw_moves(R_WARN)[1]["state"] = "cancel"
    result = await link.report(report(mo, {"RM-CORN": "700", "RM-SBM46": "300"}, "1000"))
    assert result.outcome is ReportOutcome.REFUSED
    assert "is 'cancel' in Odoo and cannot take a consumed quantity" in result.message


async def test_a_user_without_rights_is_told_what_to_do(plant: OdooSimulator) -> None:
    operator = OdooLink(plant.url, "demo", "operator", "operator", timeout=5.0, api="jsonrpc")
    with pytest.raises(RefusedError, match="Odoo refused user 'operator'") as refused:
        await operator.fetch_orders(5)
    label = "Manufacturing Order" if plant.version >= 18 else "Production Order"
    assert f"'{label}' (mrp.production)" in str(refused.value)
    result = await operator.report(ConsumptionReport(17, "WH/MO/00016", Decimal(1000), ()))
    assert result.outcome is ReportOutcome.REFUSED
    assert "You are not allowed to access" in result.message


async def test_pages_continue_after_the_last_order(link: OdooLink) -> None:
    everything = [o.mo_id for o in await link.fetch_orders(50)]
    assert len(everything) >= 13
    first = await link.fetch_orders(5)
    second = await link.fetch_orders(5, after=first[-1])
    third = await link.fetch_orders(2, after=second[-1], exclude_ids=[everything[10]])
    assert [o.mo_id for o in first + second] == everything[:10]
    assert [o.mo_id for o in third] == everything[11:13]


async def test_protocol_per_version(plant: OdooSimulator, link: OdooLink) -> None:
    assert link.protocol == ("json2" if plant.version >= 19 else "jsonrpc")
    assert plant.deprecation_warnings == 0
    if plant.version < 19:
        with pytest.raises(AuthenticationError, match="has no JSON-2 API"):
            await OdooLink(plant.url, "demo", "admin", KEY, api="json2").connect()
        return
    with pytest.raises(AuthenticationError, match="refused the API key"):
        await OdooLink(plant.url, "demo", "admin", "a password, not a key").connect()
    old = OdooLink(plant.url, "demo", "admin", KEY, api="jsonrpc")
    assert len(await old.fetch_orders(3)) == 3
    assert plant.deprecation_warnings > 0  # Odoo 19 logs every /jsonrpc call


async def test_a_done_mo_is_never_cancelled(plant: OdooSimulator, link: OdooLink) -> None:
    plant.reset_counters()
    with pytest.raises(RefusedError, match="is done in Odoo and cannot be cancelled"):
        await link.cancel(7)  # F_BO_ORIG, done
    assert ("mrp.production", "action_cancel") not in plant.calls
    assert plant.model.mo_state(7) == "done"
