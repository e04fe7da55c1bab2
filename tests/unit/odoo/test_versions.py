"""The version table, units normalized from each version's uom.uom, and JSON-2 bodies."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hmi.domain.units import UomKind
from hmi.odoo.rpc import json2_body, unwrap_created
from hmi.odoo.uoms import References, normalize
from hmi.odoo.versions import DIFFERENCES, markdown_table

ROOT = Path(__file__).resolve().parents[3]


def test_the_integrator_guide_shows_the_same_version_table() -> None:
    guide = (ROOT / "docs" / "INTEGRATOR.md").read_text(encoding="utf-8")
    start = guide.index(
        "<!-- versions table: generated from hmi.odoo.versions.markdown_table() -->"
    )
    end = guide.index("<!-- end of versions table -->")
    assert guide[start:end].split("\n", 1)[1] == markdown_table()


def test_every_difference_names_its_source() -> None:
    for row in DIFFERENCES:
        assert row.source.strip(), row.topic
        assert [v for v, _ in row.values] == sorted(v for v, _ in row.values), row.topic


# uom.uom rows as real Odoo 16 (≤18) and 19 servers answered them (fetch.json)
UOMS_16 = {
    10: {"id": 10, "name": "L", "category_id": [6, "Volume"], "factor": 1.0, "rounding": 0.01},
    12: {"id": 12, "name": "kg", "category_id": [2, "Weight"], "factor": 1.0, "rounding": 0.01},
    13: {"id": 13, "name": "g", "category_id": [2, "Weight"], "factor": 1000.0, "rounding": 0.01},
    14: {"id": 14, "name": "t", "category_id": [2, "Weight"], "factor": 0.001, "rounding": 0.01},
    1: {"id": 1, "name": "Units", "category_id": [1, "Unit"], "factor": 1.0, "rounding": 0.01},
}
UOMS_19 = {
    12: {"id": 12, "name": "L", "factor": 1000.0, "rounding": 0.01, "parent_path": "11/12/"},
    14: {"id": 14, "name": "g", "factor": 1.0, "rounding": 0.01, "parent_path": "14/"},
    15: {"id": 15, "name": "kg", "factor": 1000.0, "rounding": 0.01, "parent_path": "14/15/"},
    16: {
        "id": 16,
        "name": "Ton",
        "factor": 1000000.0,
        "rounding": 0.01,
        "parent_path": "14/15/16/",
    },
}


def test_units_of_odoo_16_by_category() -> None:
    units = normalize(UOMS_16, References(kg=12, litre=10), categories=True)
    assert {u.name: (u.kind, u.reference_per_unit) for u in units.values()} == {
        "L": (UomKind.VOLUME, 1),
        "kg": (UomKind.WEIGHT, 1),
        "g": (UomKind.WEIGHT, Decimal("0.001")),
        "t": (UomKind.WEIGHT, 1000),
        "Units": (UomKind.OTHER, 0),
    }
    assert units[13].rounding == Decimal("0.01")


def test_units_of_odoo_19_by_root() -> None:
    units = normalize(UOMS_19, References(kg=15, litre=12), categories=False)
    assert {u.name: (u.kind, u.reference_per_unit) for u in units.values()} == {
        "L": (UomKind.VOLUME, 1),
        "kg": (UomKind.WEIGHT, 1),
        "g": (UomKind.WEIGHT, Decimal("0.001")),
        "Ton": (UomKind.WEIGHT, 1000),
    }


def test_a_translated_category_name_changes_nothing() -> None:
    renamed = {k: dict(v) for k, v in UOMS_16.items()}
    for row in renamed.values():
        row["category_id"] = [row["category_id"][0], "Berat"]  # Indonesian
    units = normalize(renamed, References(kg=12, litre=10), categories=True)
    assert units[14].kind is UomKind.WEIGHT
    assert units[14].reference_per_unit == 1000


def test_a_plant_whose_reference_unit_is_the_tonne() -> None:
    rows = {
        12: {"id": 12, "name": "kg", "category_id": [2, "W"], "factor": 1000.0, "rounding": 0.01},
        14: {"id": 14, "name": "t", "category_id": [2, "W"], "factor": 1.0, "rounding": 0.001},
    }
    units = normalize(rows, References(kg=12), categories=True)
    assert units[14].reference_per_unit == 1000
    assert units[12].reference_per_unit == 1


def test_without_the_kilogram_nothing_is_a_weight() -> None:
    units = normalize(UOMS_16, References(), categories=True)
    assert {u.kind for u in units.values()} == {UomKind.OTHER}


def test_json2_bodies_name_the_arguments() -> None:
    assert json2_body("read", [[9]], {"fields": ["state"]}) == {"ids": [9], "fields": ["state"]}
    assert json2_body("write", [[9], {"qty_producing": 1}], {}) == {
        "ids": [9],
        "vals": {"qty_producing": 1},
    }
    assert json2_body("create", [{}], {"context": {"a": 1}}) == {
        "vals_list": [{}],
        "context": {"a": 1},
    }
    assert json2_body("button_mark_done", [[9]], {}) == {"ids": [9]}
    assert json2_body("search_read", [[("state", "=", "done")]], {"limit": 5}) == {
        "domain": [("state", "=", "done")],
        "limit": 5,
    }
    assert unwrap_created([3]) == 3
    assert unwrap_created(4) == 4
