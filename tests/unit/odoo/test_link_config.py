"""OdooLink's settings are validated before any connection is tried."""

from __future__ import annotations

import pytest

from hmi.domain.errors import ConfigError
from hmi.odoo.connection import OdooFilters, parse_url
from hmi.odoo.link import OdooLink
from hmi.odoo.versions import OdooVersion, parse_server_version


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8069", ("127.0.0.1", 8069, "jsonrpc")),
        ("https://odoo.example.com", ("odoo.example.com", 443, "jsonrpc+ssl")),
        ("http://odoo.local/", ("odoo.local", 80, "jsonrpc")),
        ("https://erp.example.com/odoo", ("erp.example.com", 443, "jsonrpc+ssl")),
    ],
)
def test_urls(url: str, expected: tuple[str, int, str]) -> None:
    assert parse_url(url) == expected


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("ftp://odoo", "must start with http:// or https://"),
        ("odoo.example.com", "must start with http"),
        ("http://", "has no host name"),
        ("http://odoo:99999", "is not valid"),
        ("https://odoo.example.com/odoo?db=x", "must not have a query"),
    ],
)
def test_bad_urls(url: str, text: str) -> None:
    with pytest.raises(ConfigError, match=text):
        parse_url(url)


def test_bad_settings() -> None:
    with pytest.raises(ConfigError, match="database must not be empty"):
        OdooLink("http://odoo:8069", "", "admin", "x")
    with pytest.raises(ConfigError, match="secret must not be empty"):
        OdooLink("http://odoo:8069", "demo", "admin", "")
    with pytest.raises(ConfigError, match="timeout"):
        OdooLink("http://odoo:8069", "demo", "admin", "x", timeout=0)
    with pytest.raises(ConfigError, match="picking_type_ids"):
        OdooFilters(picking_type_ids=(0,))
    with pytest.raises(ConfigError, match="Odoo API must be one of auto, jsonrpc, json2"):
        OdooLink("http://odoo:8069", "demo", "admin", "x", api="rest")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16.0", (16, 0)),
        ("17.0", (17, 0)),
        ("18.0+e-20250520", (18, 0)),  # recorded: packaged builds carry "+e-<date>"
        ("19.0+e-20251227", (19, 0)),
        ("saas~17.2", (17, 2)),
        ("14.0rc1", (14, 0)),
        (None, None),
        ("", None),
        ("Odoo", None),
    ],
)
def test_server_versions(text: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_server_version(text) == expected


def test_version_dependent_names() -> None:
    v14, v16, v17, v19 = (OdooVersion.for_major(m) for m in (14, 16, 17, 19))
    assert v14.planned_start == v16.planned_start == "date_planned_start"
    assert v17.planned_start == v19.planned_start == "date_start"
    assert v16.move_values(5.0) == {"quantity_done": 5.0}
    assert v17.move_values(5.0) == {"quantity": 5.0, "picked": True}
    assert OdooVersion.for_major(18).move_values(5) == v17.move_values(5)
    assert v16.immediate_wizard
    assert not v17.immediate_wizard
    assert v16.uom_fields == ["name", "category_id", "factor", "rounding"]
    assert "category_id" not in v19.uom_fields
    assert "parent_path" in v19.uom_fields
    assert not OdooVersion.for_major(18).json2
    assert v19.json2
    assert OdooVersion.for_major(20).json2
    assert v17.consumed({"quantity": 300.0, "picked": False}) == 0.0
    assert v17.consumed({"quantity": 300.0, "picked": True}) == 300.0
    assert v16.consumed({"quantity_done": 300.0}) == 300.0


def test_filters_domain() -> None:
    assert OdooFilters().domain() == []
    assert OdooFilters(picking_type_ids=(2,), workcenter_ids=(1, 3), company_ids=(1,)).domain() == [
        ("picking_type_id", "in", [2]),
        ("workorder_ids.workcenter_id", "in", [1, 3]),
        ("company_id", "in", [1]),
    ]


def test_new_link_is_down_and_counts_nothing() -> None:
    link = OdooLink("https://odoo.example.com", "demo", "admin", "x")
    assert link.url == "https://odoo.example.com:443"
    assert link.state.up is False
    assert link.rpc_count == 0
    assert link.server_version is None
