"""The Odoo link against the recorded answers of real Odoo 16, 17, 18 and 19 servers.

`replay.RecordedOdoo` serves a recording to a real OdooLink over HTTP: every write, mark
done, wizard and error is answered with the bytes the real server sent; reads with the
values it sent. The few values no recording holds (the external ids of kg and litre, the
units of MOs the recorder read only partly, JSON-2's context_get) come from the README's
seeding and are listed by each test (`SYNTHESIZED`), so nothing else can slip in.

Odoo 16–18 and the report_* files of 19 were recorded over /jsonrpc and are replayed to a
link on odoorpc; 19's json2_* files to a link on JSON-2, its default.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from hmi.domain.errors import AuthenticationError, RefusedError
from hmi.domain.model import ConsumptionLine, ConsumptionReport, ReportOutcome
from hmi.domain.units import UomKind, to_kg
from hmi.odoo.link import OdooLink
from hmi.odoo.wizards import BackorderChoice, WizardPolicy
from tests.integration.odoo.replay import API_KEY, PASSWORD, RecordedOdoo

VERSIONS = (16, 17, 18, 19)
#: Values the recordings do not hold, taken from the README's seeding (see replay.py).
SYNTHESIZED = {
    ("ir.model.data", "search_read"),  # kg and litre ids: the recorded uom.uom ids
    ("mrp.production", "product_uom_id"),  # MOs 9+: "finished goods in kg"
    ("mrp.production", "consumption"),  # MOs 9+: the consumption mode of their BoM
    ("mrp.production", "qty_producing"),
    ("mrp.production", "qty_produced"),
    ("mrp.production", "move_byproduct_ids"),
    ("mrp.production", "workorder_ids"),
    ("mrp.production", "write_date"),
    ("stock.move", "product_uom"),  # moves of MOs 9+: corn, SBM, lysine in kg
    ("stock.move", "state"),  # moves of MOs made after fetch.json
    ("stock.move", "quantity_done"),
    ("stock.move", "quantity"),
    ("stock.move", "picked"),
    ("product.product", "tracking"),  # products 9, 10 (none), 15 (lot)
    ("res.users", "context_get"),  # JSON-2 login (the recorded call used a wrong key)
}


def _link(
    server: RecordedOdoo, *, login: str = "admin", json2: bool = False, **kw: object
) -> OdooLink:
    secret = API_KEY if json2 else PASSWORD
    api = "auto" if json2 else "jsonrpc"
    return OdooLink(server.url, f"rec{server.version}", login, secret, timeout=5.0, api=api, **kw)  # type: ignore[arg-type]


def _checked(server: RecordedOdoo) -> None:
    assert not server.unrecorded, server.unrecorded
    assert server.synthesized <= SYNTHESIZED, server.synthesized - SYNTHESIZED


@pytest.mark.parametrize("version", VERSIONS)
async def test_fetch_reads_real_units_and_states(version: int) -> None:
    with RecordedOdoo(version, "fetch") as server:
        link = _link(server)
        orders = {o.mo_id: o for o in await link.fetch_orders(50)}
    _checked(server)
    _assert_fetched(orders, version)


async def test_fetch_over_json2_reads_real_units_and_states() -> None:
    with RecordedOdoo(19, "json2_fetch") as server:
        link = _link(server, json2=True)
        orders = {o.mo_id: o for o in await link.fetch_orders(50)}
        assert link.protocol == "json2"
    _checked(server)
    _assert_fetched(orders, 19)


def _assert_fetched(orders: dict[int, object], version: int) -> None:
    kg = "kg"
    sow = orders[2]
    assert (sow.quantity, sow.uom.name) == (2, "Ton" if version >= 19 else "t")  # type: ignore[attr-defined]
    assert to_kg(sow.quantity, sow.uom) == 2000  # type: ignore[attr-defined]
    broiler = orders[1]
    units = {c.product_ref: (c.quantity, c.uom.name, c.uom.kind) for c in broiler.components}  # type: ignore[attr-defined]
    assert units["RM-PREMIX"] == (5000, "g", UomKind.WEIGHT)
    assert units["RM-OIL"] == (20, "L", UomKind.VOLUME)
    assert units["RM-CORN"] == (600, kg, UomKind.WEIGHT)
    premix = next(c for c in broiler.components if c.product_ref == "RM-PREMIX")  # type: ignore[attr-defined]
    assert to_kg(premix.quantity, premix.uom) == 5
    part = orders[5]
    assert part.state == "progress"  # type: ignore[attr-defined]
    assert [c.consumed for c in part.components][:2] == [300, 0]  # type: ignore[attr-defined]
    assert "RM-MOL" not in [c.product_ref for c in orders[6].components]  # type: ignore[attr-defined]
    back = orders[8]
    assert (back.qty_producing, back.components[0].consumed) == (100, 70)  # type: ignore[attr-defined]
    assert orders[4].byproduct_count == 1  # type: ignore[attr-defined]
    lot = next(c for c in orders[3].components if c.product_ref == "RM-LYS")  # type: ignore[attr-defined]
    assert lot.tracking == "lot"
    assert 7 not in orders  # done


def _report(
    mo_id: int, name: str, moves: tuple[int, int], kg: tuple[int, int], produced: int
) -> ConsumptionReport:
    lines = tuple(ConsumptionLine(m, 0, Decimal(q)) for m, q in zip(moves, kg, strict=True))
    return ConsumptionReport(mo_id, name, Decimal(produced), lines)


#: scenario -> (MO id, name, component moves on 16-18, on 19, kg, produced kg)
REPORTS = {
    "report_warning_over": (9, "WH/MO/00008", (40, 41), (750, 300), 1000),
    "report_strict_over": (10, "WH/MO/00009", (43, 44), (750, 300), 1000),
    "report_flexible_over": (11, "WH/MO/00010", (46, 47), (750, 300), 1000),
    "report_backorder_close": (12, "WH/MO/00011", (49, 50), (420, 180), 600),
    "report_backorder_backorder": (13, "WH/MO/00012", (52, 53), (420, 180), 600),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("scenario", sorted(REPORTS))
async def test_reports_answered_by_real_odoo(version: int, scenario: str) -> None:
    mo_id, name, moves, kg, produced = REPORTS[scenario]
    backorder = (
        BackorderChoice.BACKORDER if scenario.endswith("backorder") else BackorderChoice.CLOSE
    )
    with RecordedOdoo(version, scenario) as server:
        link = _link(server, wizard_policy=WizardPolicy(backorder=backorder))
        result = await link.report(_report(mo_id, name, moves, kg, produced))
    _checked(server)
    if scenario == "report_strict_over":
        # real Odoo returned the consumption warning; the link did not confirm it
        assert result.outcome is ReportOutcome.REFUSED
        assert result.detail is not None
        assert result.detail.code == "odoo.report.strict_bom"
        assert "planned 700 kg, dosed 750 kg" in result.message
        return
    assert result.outcome is ReportOutcome.DONE, result.message
    expected = {
        "report_warning_over": "after mrp.consumption.warning.action_confirm",
        "report_flexible_over": "done in Odoo.",
        "report_backorder_close": "after mrp.production.backorder.action_close_mo",
        "report_backorder_backorder": "after mrp.production.backorder.action_backorder",
    }[scenario]
    assert expected in result.message


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_done_mo_is_not_written_and_not_cancelled(version: int) -> None:
    with RecordedOdoo(version, "report_already_done", start=7) as server:
        result = await _link(server).report(_report(9, "WH/MO/00008", (40, 41), (750, 300), 1000))
    _checked(server)
    assert result.outcome is ReportOutcome.ALREADY_DONE
    refused = pytest.raises(RefusedError, match="is done in Odoo and cannot be cancelled")
    with RecordedOdoo(version, "report_cancel_done_mo", start=4) as server, refused:
        await _link(server).cancel(9)
    _checked(server)


@pytest.mark.parametrize("version", VERSIONS)
async def test_a_cancelled_mo_is_refused(version: int) -> None:
    with RecordedOdoo(version, "report_cancelled_mo", start=7) as server:
        result = await _link(server).report(_report(15, "WH/MO/00014", (58, 59), (700, 300), 1000))
    _checked(server)
    assert result.outcome is ReportOutcome.REFUSED
    assert "is 'cancel' in Odoo" in result.message


LOTS = {  # version -> (missing-lot MO, its moves, auto-lot MO, its moves)
    16: (19, (76, 77), 20, (79, 80)),
    17: (18, (67, 68), 16, (61, 62)),
    18: (18, (67, 68), 16, (61, 62)),
    19: (18, (67, 68), 16, (61, 62)),
}


@pytest.mark.parametrize("version", VERSIONS)
async def test_lots_keep_odoos_full_text(version: int) -> None:
    missing, missing_moves, auto, auto_moves = LOTS[version]
    with RecordedOdoo(version, "report_lot_missing") as server:
        result = await _link(server).report(
            _report(missing, "lot0", missing_moves, (950, 50), 1000)
        )
    _checked(server)
    assert result.outcome is ReportOutcome.REFUSED
    assert "[RM-LYS0] L-Lysine, new lot not registered" in result.message  # the second line
    with RecordedOdoo(version, "report_lot_autoassigned") as server:
        result = await _link(server).report(_report(auto, "lot", auto_moves, (950, 50), 1000))
    _checked(server)
    if version in (16, 19):  # Odoo filled in the only lot in stock
        assert result.outcome is ReportOutcome.DONE
    else:
        assert result.outcome is ReportOutcome.REFUSED
        assert "[RM-LYS] L-Lysine HCl (lot tracked)" in result.message


@pytest.mark.parametrize("version", VERSIONS)
async def test_no_rights_and_logins(version: int) -> None:
    with RecordedOdoo(version, "report_no_rights") as server:
        link = _link(server, login="operator")
        label = "Manufacturing Order" if version >= 18 else "Production Order"
        with pytest.raises(RefusedError, match=f"Odoo refused user 'operator'.*'{label}'"):
            await link.fetch_orders(5)
        result = await link.report(_report(17, "WH/MO/00016", (64, 65), (700, 300), 1000))
        assert result.outcome is ReportOutcome.REFUSED
        assert "You are not allowed to access" in result.message
    _checked(server)
    with RecordedOdoo(version, "login") as server:
        await _link(server).connect()
        with pytest.raises(AuthenticationError, match="wrong login or password"):
            await OdooLink(server.url, f"rec{version}", "admin", "wrong", api="jsonrpc").connect()


async def test_json2_reports() -> None:
    with RecordedOdoo(19, "json2_report") as server:
        link = _link(server, json2=True)
        result = await link.report(_report(19, "WH/MO/00018", (70, 71), (750, 300), 1000))
        assert result.outcome is ReportOutcome.DONE
        assert "after mrp.consumption.warning.action_confirm" in result.message
    _checked(server)
    policy = WizardPolicy(backorder=BackorderChoice.BACKORDER)
    with RecordedOdoo(19, "json2_report_backorder") as server:
        link = _link(server, json2=True, wizard_policy=policy)
        result = await link.report(_report(20, "WH/MO/00019", (73, 74), (420, 180), 600))
        assert result.outcome is ReportOutcome.DONE
        assert "after mrp.production.backorder.action_backorder" in result.message
    _checked(server)
    refused = pytest.raises(AuthenticationError, match="refused the API key")
    with RecordedOdoo(19, "json2_fetch") as server, refused:
        await OdooLink(server.url, "rec19", "admin", "not the key").connect()
