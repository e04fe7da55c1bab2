"""OdooLink's settings are validated before any connection is tried."""

from __future__ import annotations

import pytest

from hmi.domain.errors import ConfigError
from hmi.odoo.link import FieldNames, OdooFilters, OdooLink, parse_major, parse_url


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


def test_version_dependent_names() -> None:
    assert parse_major("16.0") == 16
    assert parse_major("saas~17.2") == 17
    assert parse_major(None) is None
    v16, v17 = FieldNames.for_version(16), FieldNames.for_version(17)
    assert v16.planned_start == "date_planned_start"
    assert v17.planned_start == "date_start"
    assert v16.move_values(5.0) == {"quantity_done": 5.0}
    assert v17.move_values(5.0) == {"quantity": 5.0, "picked": True}
    assert FieldNames.for_version(18) == v17


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
