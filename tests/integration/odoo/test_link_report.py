"""Reporting: each wizard path on Odoo 16 and 17, exactly once, to_close resume, cancel."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from hmi.domain.errors import RefusedError, ValidationError
from hmi.domain.messages import plain
from hmi.domain.model import ConsumptionLine, ConsumptionReport, ManufacturingOrder, ReportOutcome
from hmi.domain.units import round_kg
from hmi.odoo.link import OdooLink
from hmi.odoo.wizards import BackorderChoice, ConsumptionChoice, ImmediateChoice, WizardPolicy
from hmi.sim.odoo_sim import OdooSimulator


def report_for(
    order: ManufacturingOrder, factor: float = 1.0, produced: float | None = None
) -> ConsumptionReport:
    """A report consuming `factor` × planned of each component."""
    lines = tuple(
        ConsumptionLine(c.move_id, c.product_id, round_kg(c.quantity * Decimal(str(factor))))
        for c in order.components
    )
    produced_kg = float(order.quantity) if produced is None else produced
    return ConsumptionReport(order.mo_id, order.name, round_kg(produced_kg), lines)


async def first_order(link: OdooLink) -> ManufacturingOrder:
    return (await link.fetch_orders(1))[0]


def done_quantities(sim: OdooSimulator, mo_id: int) -> list[float]:
    field = "quantity" if sim.version >= 17 else "quantity_done"
    moves = sim.model.moves(mo_id)
    if sim.version >= 17:
        assert all(m["picked"] for m in moves if m["state"] == "done")
    return [m[field] for m in moves]


async def test_exact_consumption_closes_without_wizard(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    sim.reset_counters()
    result = await link.report(report_for(order))
    assert result.outcome is ReportOutcome.DONE
    assert sim.model.mo_state(order.mo_id) == "done"
    assert sim.model.consumption_postings(order.mo_id) == 1
    assert sim.model.produced_qty(order.mo_id) == float(order.quantity)
    assert done_quantities(sim, order.mo_id) == [float(c.quantity) for c in order.components]
    # state first; then the moves' units and the units; one write, mark done, state again
    assert sim.calls == [
        ("mrp.production", "read"),
        ("stock.move", "read"),
        ("uom.uom", "read"),
        ("mrp.production", "write"),
        ("mrp.production", "button_mark_done"),
        ("mrp.production", "read"),
    ]


async def test_consumption_warning_accepts_actuals(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    corn_before = sim.model.stock_kg("RM-CORN")
    result = await link.report(report_for(order, factor=1.02))
    assert result.outcome is ReportOutcome.DONE
    assert "mrp.consumption.warning.action_confirm" in result.message
    corn = next(c for c in order.components if c.product_ref == "RM-CORN")
    assert sim.model.stock_kg("RM-CORN") == round(
        corn_before - round(float(corn.quantity) * 1.02, 2), 2
    )
    assert sim.model.consumption_postings(order.mo_id) == 1


async def test_consumption_warning_can_post_the_bom_quantities(sim: OdooSimulator) -> None:
    link = OdooLink(
        sim.url,
        "demo",
        "admin",
        "admin",
        wizard_policy=WizardPolicy(consumption=ConsumptionChoice.SET_EXPECTED),
    )
    order = await first_order(link)
    result = await link.report(report_for(order, factor=0.97))
    assert result.outcome is ReportOutcome.DONE
    assert "action_set_qty" in result.message
    assert done_quantities(sim, order.mo_id) == [float(c.quantity) for c in order.components]


async def test_consumption_warning_refused_by_policy_leaves_mo_open(sim: OdooSimulator) -> None:
    link = OdooLink(
        sim.url,
        "demo",
        "admin",
        "admin",
        wizard_policy=WizardPolicy(consumption=ConsumptionChoice.REFUSE),
    )
    order = await first_order(link)
    result = await link.report(report_for(order, factor=1.1))
    assert result.outcome is ReportOutcome.REFUSED
    assert "consumption differs" in result.message
    assert sim.model.mo_state(order.mo_id) == "to_close"
    assert sim.model.consumption_postings(order.mo_id) == 0


async def test_less_produced_closes_without_backorder(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    before = len(sim.model.records["mrp.production"])
    result = await link.report(report_for(order, factor=0.5, produced=float(order.quantity) / 2))
    assert result.outcome is ReportOutcome.DONE
    assert "action_close_mo" in result.message
    assert sim.model.mo_state(order.mo_id) == "done"
    assert len(sim.model.records["mrp.production"]) == before


async def test_less_produced_with_backorder_policy(sim: OdooSimulator) -> None:
    link = OdooLink(
        sim.url,
        "demo",
        "admin",
        "admin",
        wizard_policy=WizardPolicy(backorder=BackorderChoice.BACKORDER),
    )
    order = await first_order(link)
    result = await link.report(report_for(order, factor=0.25, produced=float(order.quantity) / 4))
    assert result.outcome is ReportOutcome.DONE
    assert "action_backorder" in result.message
    backorder = max(sim.model.records["mrp.production"])
    assert sim.model.mo_state(backorder) == "confirmed"
    assert sim.model.mo(backorder)["product_qty"] == float(order.quantity) * 0.75
    assert sim.model.mo_name(backorder) == f"{order.name}-002"
    assert backorder in [o.mo_id for o in await link.fetch_orders(50)]


async def test_immediate_production_path_on_odoo16(sim16: OdooSimulator) -> None:
    zero = OdooLink(sim16.url, "demo", "admin", "admin")
    order = await first_order(zero)
    result = await zero.report(report_for(order, factor=0.0, produced=0.0))
    assert result.outcome is ReportOutcome.REFUSED
    assert "immediate production" in result.message
    assert sim16.model.mo_state(order.mo_id) == "confirmed"
    process = OdooLink(
        sim16.url,
        "demo",
        "admin",
        "admin",
        wizard_policy=WizardPolicy(immediate=ImmediateChoice.PROCESS),
    )
    result = await process.report(report_for(order, factor=0.0, produced=0.0))
    assert result.outcome is ReportOutcome.DONE
    assert "mrp.immediate.production.process" in result.message
    assert sim16.model.produced_qty(order.mo_id) == float(order.quantity)


async def test_repeated_report_consumes_nothing_twice(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    report = report_for(order, factor=1.01)
    assert (await link.report(report)).outcome is ReportOutcome.DONE
    stock = sim.model.stock_kg("RM-CORN")
    sim.reset_counters()
    again = await link.report(report)
    assert again.outcome is ReportOutcome.ALREADY_DONE
    assert "nothing was written" in again.message
    assert sim.calls == [("mrp.production", "read")]
    assert sim.model.consumption_postings(order.mo_id) == 1
    assert sim.model.stock_kg("RM-CORN") == stock


async def test_resume_after_crash_in_to_close(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    sim.model._write_mo(
        order.mo_id, {"qty_producing": float(order.quantity)}
    )  # the crash happened after the write
    assert sim.model.mo_state(order.mo_id) == "to_close"
    result = await link.report(report_for(order))
    assert result.outcome is ReportOutcome.DONE
    assert sim.model.consumption_postings(order.mo_id) == 1


async def test_cancelled_or_unknown_mo_is_refused(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    await link.cancel(order.mo_id)
    result = await link.report(report_for(order))
    assert result.outcome is ReportOutcome.REFUSED
    assert "is 'cancel' in Odoo" in result.message
    missing = await link.report(replace(report_for(order), mo_id=99999))
    assert missing.outcome is ReportOutcome.REFUSED
    assert "does not exist" in missing.message


async def test_odoo_business_error_is_refused_with_its_message(
    sim: OdooSimulator, link: OdooLink
) -> None:
    order = await first_order(link)
    sim.faults.refuse_report(order.mo_id, "Lot/Serial number required for Premix")
    result = await link.report(report_for(order))
    assert (result.outcome, result.message) == (
        ReportOutcome.REFUSED,
        "Lot/Serial number required for Premix",
    )
    assert result.detail == plain("Lot/Serial number required for Premix")
    assert link.state.up
    assert sim.model.mo_state(order.mo_id) == "confirmed"
    sim.faults.refuse_report(order.mo_id, None)
    assert (await link.report(report_for(order))).outcome is ReportOutcome.DONE


async def test_foreign_moves_and_impossible_numbers_are_refused(
    sim: OdooSimulator, link: OdooLink
) -> None:
    orders = await link.fetch_orders(2)
    report = report_for(orders[0])
    foreign = replace(
        report,
        lines=(*report.lines, ConsumptionLine(orders[1].components[0].move_id, 1, Decimal(5))),
    )
    result = await link.report(foreign)
    assert result.outcome is ReportOutcome.REFUSED
    assert "are not components of" in result.message
    assert sim.model.mo_state(orders[0].mo_id) == "confirmed"
    with pytest.raises(ValidationError, match="produced quantity nan kg"):
        await link.report(replace(report, produced_kg=float("nan")))
    with pytest.raises(ValidationError, match="reported twice"):
        await link.report(replace(report, lines=report.lines + report.lines[:1]))


async def test_cancel(sim: OdooSimulator, link: OdooLink) -> None:
    order = await first_order(link)
    await link.cancel(order.mo_id)
    assert sim.model.mo_state(order.mo_id) == "cancel"
    await link.cancel(order.mo_id)
    assert order.mo_id not in [o.mo_id for o in await link.fetch_orders(50)]
    done = (await link.fetch_orders(1))[0]
    await link.report(report_for(done))
    with pytest.raises(RefusedError, match="is done in Odoo and cannot be cancelled"):
        await link.cancel(done.mo_id)
    with pytest.raises(RefusedError, match="does not exist"):
        await link.cancel(99999)
