"""Unmodified odoorpc against the simulator (Odoo 14–19): login, ORM calls, errors, wizards,
call_kw, CLI."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import urllib.error
import urllib.request

import odoorpc
import pytest

from hmi.sim.odoo_sim import OdooSimulator


def connect(sim: OdooSimulator) -> odoorpc.ODOO:
    odoo = odoorpc.ODOO("127.0.0.1", port=sim.port, timeout=5)
    odoo.login("demo", "admin", "admin")
    return odoo


def test_version_databases_and_login(sim: OdooSimulator) -> None:
    odoo = connect(sim)
    assert odoo.version == sim.version_info()["server_version"]
    assert odoo.version.startswith(f"{sim.version}.0")
    assert odoo.db.list() == ["demo"]
    assert odoo.env.user.name == "Mitchell Admin"
    assert odoo.env.context["tz"] == "Asia/Jakarta"
    assert ("common", "login") in sim.calls
    assert ("res.users", "context_get") in sim.calls


def test_wrong_password_is_refused(sim: OdooSimulator) -> None:
    odoo = odoorpc.ODOO("127.0.0.1", port=sim.port)
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login ID or password"):
        odoo.login("demo", "admin", "wrong")


def test_field_names_follow_the_version(sim: OdooSimulator) -> None:
    odoo = connect(sim)
    move_fields = odoo.execute_kw("stock.move", "fields_get", [], {"attributes": ["type"]})
    mo_fields = odoo.execute_kw("mrp.production", "fields_get", [])
    if sim.version <= 16:
        assert "quantity_done" in move_fields
        assert "picked" not in move_fields
        assert "date_planned_start" in mo_fields
    else:
        assert {"quantity", "picked"} <= set(move_fields)
        assert "quantity_done" not in move_fields
        assert "date_planned_start" not in mo_fields
        assert mo_fields["date_start"]["required"]
    with pytest.raises(odoorpc.error.RPCError, match="Invalid field") as err:
        odoo.execute_kw("mrp.production", "read", [[1]], {"fields": ["no_such_field"]})
    assert err.value.info["data"]["name"] == "builtins.ValueError"


def test_search_read_domain_order_limit(sim: OdooSimulator) -> None:
    odoo = connect(sim)
    planned = "date_start" if sim.version >= 17 else "date_planned_start"
    rows = odoo.execute_kw(
        "mrp.production",
        "search_read",
        [
            [
                "|",
                ("state", "=", "confirmed"),
                ("state", "=", "progress"),
                ("product_qty", ">=", 1000),
            ]
        ],
        {
            "fields": ["name", planned, "product_id", "move_raw_ids"],
            "order": f"{planned} desc, id",
            "limit": 4,
        },
    )
    assert len(rows) == 4
    dates = [row[planned] for row in rows]
    assert dates == sorted(dates, reverse=True)
    assert isinstance(rows[0]["product_id"], list)
    assert rows[0]["move_raw_ids"]
    classic = odoo.execute_kw(
        "mrp.production",
        "read",
        [[rows[0]["id"]]],
        {"fields": ["product_id"], "load": "_classic_write"},
    )
    assert classic[0]["product_id"] == rows[0]["product_id"][0]
    count = odoo.execute_kw("mrp.production", "search_count", [[("name", "ilike", "wh/mo/")]])
    assert count == 10


def test_browse_the_naive_way(sim: OdooSimulator) -> None:
    odoo = connect(sim)
    production = odoo.env["mrp.production"]
    mo = production.browse(production.search([("state", "=", "confirmed")], limit=1))
    refs = [move.product_id.default_code for move in mo.move_raw_ids]
    assert refs
    assert all(ref.startswith("RM-") for ref in refs)
    assert round(sum(move.product_uom_qty for move in mo.move_raw_ids), 2) == mo.product_qty


def test_business_errors_come_in_odoos_envelope(sim: OdooSimulator) -> None:
    odoo = connect(sim)
    mo_id = sim.model.confirmed_ids()[0]
    sim.faults.refuse_report(mo_id, "Not enough Soybean meal in stock")
    with pytest.raises(odoorpc.error.RPCError, match="Not enough Soybean meal") as err:
        odoo.execute_kw("mrp.production", "button_mark_done", [[mo_id]])
    assert err.value.info["data"]["name"] == "odoo.exceptions.UserError"
    assert err.value.info["message"] == "Odoo Server Error"
    with pytest.raises(odoorpc.error.RPCError, match="doesn't exist"):
        odoo.execute_kw("sale.order", "search", [[]])


def test_immediate_production_wizard_on_odoo16(sim16: OdooSimulator) -> None:
    odoo = connect(sim16)
    mo_id = sim16.model.confirmed_ids()[0]
    action = odoo.execute_kw("mrp.production", "button_mark_done", [[mo_id]])
    assert action["res_model"] == "mrp.immediate.production"
    wizard = odoo.execute_kw(
        "mrp.immediate.production", "create", [{}], {"context": action["context"]}
    )
    assert (
        odoo.execute_kw(
            "mrp.immediate.production", "process", [[wizard]], {"context": action["context"]}
        )
        is True
    )
    assert sim16.model.mo_state(mo_id) == "done"
    planned = sum(m["product_uom_qty"] for m in sim16.model.moves(mo_id))
    assert sim16.model.produced_qty(mo_id) == sim16.model.mo(mo_id)["product_qty"]
    assert round(sum(m["quantity_done"] for m in sim16.model.moves(mo_id)), 2) == round(planned, 2)


def test_odoo17_has_no_immediate_wizard_and_closes_with_reserved_quantities() -> None:
    with OdooSimulator(version=17, orders=2, seed=1) as sim:
        odoo = connect(sim)
        mo_id = sim.model.confirmed_ids()[0]
        assert odoo.execute_kw("mrp.production", "button_mark_done", [[mo_id]]) is True
        assert sim.model.mo_state(mo_id) == "done"
        with pytest.raises(
            odoorpc.error.RPCError, match=r"mrp\.immediate\.production doesn't exist"
        ):
            odoo.execute_kw("mrp.immediate.production", "create", [{}])


def test_call_kw_with_a_web_session(sim: OdooSimulator) -> None:
    odoo = odoorpc.ODOO("127.0.0.1", port=sim.port)
    with pytest.raises(odoorpc.error.RPCError, match="Session expired"):
        odoo.json(
            "/web/dataset/call_kw",
            {"model": "res.users", "method": "read", "args": [[2], ["name"]], "kwargs": {}},
        )
    info = odoo.json(
        "/web/session/authenticate", {"db": "demo", "login": "admin", "password": "admin"}
    )["result"]
    assert info["uid"] == 2
    assert info["server_version_info"][0] == sim.version
    rows = odoo.json(
        "/web/dataset/call_kw/res.users/read",
        {"model": "res.users", "method": "read", "args": [[2], ["name"]], "kwargs": {}},
    )
    assert rows["result"] == [{"id": 2, "name": "Mitchell Admin"}]
    assert odoo.json("/web/database/list", {})["result"] == ["demo"]
    sim.faults.expire_sessions()
    with pytest.raises(odoorpc.error.RPCError, match="Session expired"):
        odoo.json("/web/session/get_session_info", {})


def test_http_faults_reach_the_client(sim16: OdooSimulator) -> None:
    odoo = connect(sim16)
    sim16.faults.http_500(1)
    with pytest.raises(urllib.error.HTTPError, match="500"):
        odoo.execute_kw("res.users", "read", [[2]], {"fields": ["name"]})
    sim16.faults.drop_next(1, processed=False)
    with pytest.raises((ConnectionError, OSError)):
        odoo.execute_kw("res.users", "read", [[2]], {"fields": ["name"]})
    assert (
        odoo.execute_kw("res.users", "read", [[2]], {"fields": ["name"]})[0]["name"]
        == "Mitchell Admin"
    )
    with urllib.request.urlopen(sim16.url, timeout=5) as page:
        assert b"Odoo 16 simulator" in page.read()


async def test_command_line_simulator(free_port: int) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hmi.sim.odoo_sim",
        "--port",
        str(free_port),
        "--odoo-version",
        "17",
        "--orders",
        "3",
        "--seed",
        "5",
        "--login",
        "hmi",
        "--password",
        "s3cret",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        assert f"Odoo 17 simulator at http://127.0.0.1:{free_port}" in line.decode()
        odoo = await asyncio.to_thread(odoorpc.ODOO, "127.0.0.1", port=free_port, timeout=5)
        await asyncio.to_thread(odoo.login, "demo", "hmi", "s3cret")
        ids = await asyncio.to_thread(
            odoo.execute_kw, "mrp.production", "search", [[("state", "=", "confirmed")]]
        )
        assert len(ids) == 3
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), timeout=30) == 0
