"""Each fault class ends as LinkDown, Authentication or Refused, and the link recovers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hmi.domain.errors import AuthenticationError, LinkDownError
from hmi.domain.links import LinkState
from hmi.domain.model import ConsumptionLine, ConsumptionReport, ReportOutcome
from hmi.odoo.link import OdooLink
from hmi.sim.odoo_sim import OdooSimulator


@pytest.fixture
def sim() -> Iterator[OdooSimulator]:
    with OdooSimulator(version=16, orders=5, seed=11) as server:
        yield server


def watched(sim: OdooSimulator, **kwargs: float) -> tuple[OdooLink, list[LinkState]]:
    link = OdooLink(sim.url, "demo", "admin", "admin", **kwargs)  # type: ignore[arg-type]
    changes: list[LinkState] = []
    link.add_state_listener(changes.append)
    return link, changes


async def test_timeout_is_link_down_and_recovers(sim: OdooSimulator) -> None:
    link, changes = watched(sim, timeout=0.2)
    await link.connect()
    sim.faults.latency_s = 0.5
    with pytest.raises(LinkDownError, match="did not answer in time"):
        await link.fetch_orders(3)
    with pytest.raises(LinkDownError):
        await link.fetch_orders(3)
    sim.faults.latency_s = 0.0
    assert len(await link.fetch_orders(3)) == 3
    assert [state.up for state in changes] == [True, False, True]
    assert "did not answer in time" in (changes[1].last_error or "")


async def test_http_500_is_link_down(sim: OdooSimulator) -> None:
    link, changes = watched(sim)
    await link.connect()
    sim.faults.http_500(1)
    with pytest.raises(LinkDownError, match="answered HTTP 500"):
        await link.read_states([1])
    assert not link.state.up
    assert "HTTP 500" in (link.state.last_error or "")
    assert await link.read_states([1]) == {1: "confirmed"}
    assert [state.up for state in changes] == [True, False, True]


async def test_expired_session_logs_in_again_once(sim: OdooSimulator) -> None:
    link, changes = watched(sim)
    await link.connect()
    sim.faults.expire_sessions()
    sim.reset_counters()
    before = link.rpc_count
    assert len(await link.fetch_orders(5)) == 5
    # refused call + version, login, context + unit external ids + 5 fetch calls
    assert link.rpc_count - before == 10
    assert sim.rpc_count == 10
    assert ("common", "login") in sim.calls
    assert [state.up for state in changes] == [True]


async def test_refused_login_and_wrong_settings_are_authentication_errors(
    sim: OdooSimulator,
) -> None:
    sim.faults.refuse_logins = True
    link, changes = watched(sim)
    with pytest.raises(AuthenticationError, match="wrong login or password"):
        await link.connect()
    assert not link.state.up
    assert changes[-1].last_error
    assert "refused the login" in changes[-1].last_error
    sim.faults.refuse_logins = False
    await link.connect()
    assert link.state.up
    assert link.server_version == 16
    with pytest.raises(AuthenticationError, match="refused the login"):
        await OdooLink(sim.url, "demo", "admin", "wrong").connect()
    with pytest.raises(AuthenticationError, match='database "plant" does not exist'):
        await OdooLink(sim.url, "plant", "admin", "admin").connect()


async def test_dropped_connection_is_link_down(sim: OdooSimulator) -> None:
    link, _ = watched(sim)
    await link.connect()
    sim.faults.drop_next(1, processed=False)
    with pytest.raises(LinkDownError, match="closed the connection without an answer"):
        await link.fetch_orders(2)
    assert len(await link.fetch_orders(2)) == 2


async def test_answer_lost_after_mark_done_is_reported_exactly_once(sim: OdooSimulator) -> None:
    link, _ = watched(sim)
    order = (await link.fetch_orders(1))[0]
    report = ConsumptionReport(
        order.mo_id,
        order.name,
        order.quantity,
        tuple(ConsumptionLine(c.move_id, c.product_id, c.quantity) for c in order.components),
    )
    sim.faults.drop_next(1, method="button_mark_done")
    with pytest.raises(LinkDownError):
        await link.report(report)
    assert sim.model.mo_state(order.mo_id) == "done"  # Odoo did it; the answer was lost
    retry = await link.report(report)
    assert retry.outcome is ReportOutcome.ALREADY_DONE
    assert sim.model.consumption_postings(order.mo_id) == 1


async def test_server_gone_is_link_down(sim: OdooSimulator) -> None:
    link, changes = watched(sim)
    await link.connect()
    sim.stop()
    with pytest.raises(LinkDownError, match="cannot be reached"):
        await link.fetch_orders(1)
    assert [state.up for state in changes] == [True, False]
    await link.close()
    assert not link.state.up


async def test_tls_to_a_plain_server_is_link_down(sim: OdooSimulator) -> None:
    link = OdooLink(f"https://127.0.0.1:{sim.port}", "demo", "admin", "admin", timeout=2.0)
    with pytest.raises(LinkDownError, match="cannot be reached"):
        await link.connect()
