"""Equipment table: the plant default and the validation of edited files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hmi.domain.equipment import load_equipment_table, parse_equipment_table
from hmi.domain.errors import ConfigError
from hmi.resources import resource_path


def test_default_table_has_13_silos_and_2_liquid_tanks() -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    assert table.ids == tuple(range(101, 116))
    assert [e.kind for e in table].count("silo") == 13
    molasses, fml = table.by_id(114), table.by_id(115)
    assert molasses is not None
    assert molasses.kind == "liquid"
    assert "molasses" in molasses.material.lower()
    assert fml is not None
    assert fml.kind == "liquid"
    assert fml.product_ref == "RM-FML"
    assert len({e.product_ref for e in table}) == 15


def test_lookup_by_reference_ignores_case_and_blanks() -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    corn = table.for_ref(" rm-corn ")
    assert corn is not None
    assert corn.id == 101
    assert table.for_ref("RM-UNKNOWN") is None
    assert table.for_ref(None) is None
    assert table.for_ref("") is None


ENTRY = '[[equipment]]\nid = {id}\nname = "Silo"\nkind = "{kind}"\nproduct_ref = "{ref}"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[equipment]\n", "not valid TOML"),
        ("", "no [[equipment]] entries"),
        ("silos = 3\n" + ENTRY.format(id=101, kind="silo", ref="A"), "unknown top-level key"),
        (
            '[[equipment]]\nid = 101\nname = "Silo"\nkind = "silo"\n',
            "entry 1 (id 101): missing product_ref",
        ),
        (ENTRY.format(id=101, kind="hopper", ref="A"), "kind must be one of silo, liquid"),
        (ENTRY.format(id='"101"', kind="silo", ref="A"), "id must be an integer"),
        (ENTRY.format(id=0, kind="silo", ref="A"), "id must be between 1 and 65535"),
        (
            ENTRY.format(id=101, kind="silo", ref="A") + ENTRY.format(id=101, kind="silo", ref="B"),
            "equipment id 101 appears twice",
        ),
        (
            ENTRY.format(id=101, kind="silo", ref="A") + ENTRY.format(id=102, kind="silo", ref="a"),
            "material a is in both equipment 101 and 102",
        ),
        (ENTRY.format(id=101, kind="silo", ref=" "), "product_ref must not be empty"),
        (ENTRY.format(id=101, kind="silo", ref="A") + "colour = 3\n", "unknown field(s) colour"),
        (
            ENTRY.format(id=114, kind="liquid", ref="A") + "density_kg_per_l = 0\n",
            "density_kg_per_l 0 is not between 0.1 and 25 kg per litre",
        ),
        (
            ENTRY.format(id=114, kind="liquid", ref="A") + 'density_kg_per_l = "heavy"\n',
            "density_kg_per_l 'heavy' is not a number",
        ),
        (
            ENTRY.format(id=114, kind="liquid", ref="A") + "density_kg_per_l = true\n",
            "density_kg_per_l must be a number of kg per litre",
        ),
    ],
)
def test_invalid_tables_are_refused_naming_file_and_entry(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_equipment_table(text, "plant.toml")
    assert str(err.value).startswith("plant.toml")
    assert expected in str(err.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the equipment table"):
        load_equipment_table(tmp_path / "nope.toml")


def test_densities_are_read_as_written_for_the_tanks_that_have_them() -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    assert [(e.id, e.density_kg_per_l) for e in table if e.density_kg_per_l is not None] == [
        (114, Decimal("1.4")),
        (115, Decimal("0.92")),
    ]
    text = ENTRY.format(id=114, kind="liquid", ref="A") + "density_kg_per_l = 1.005\n"
    assert parse_equipment_table(text, "t").entries[0].density_kg_per_l == Decimal("1.005")
