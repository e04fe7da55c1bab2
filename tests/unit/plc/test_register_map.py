"""Register map: the plant's default layout, and every validation error naming its field."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hmi.domain.errors import ConfigError
from hmi.plc.register_map import RegisterMap, load_register_map, parse_register_map
from hmi.resources import resource_path


@pytest.fixture(scope="module")
def regmap() -> RegisterMap:
    return load_register_map()


def raw() -> dict[str, Any]:
    """The default map's TOML data, fresh for editing."""
    return tomllib.loads(resource_path("register_map.toml").read_text(encoding="utf-8"))


def test_default_map_matches_design(regmap: RegisterMap) -> None:
    assert (regmap.slots, regmap.stride) == (10, 100)
    assert regmap.write.record_base(1) == 7000
    assert regmap.feedback.record_base(10) == 6900
    assert regmap.ready_address == 7076
    assert regmap.ack_address(1) == 6076
    assert regmap.ack_address(10) == 6976
    assert (regmap.equipment_failure.base, regmap.equipment_failure.end) == (8000, 8023)
    assert (regmap.manual_weighing.base, regmap.manual_weighing.end) == (9000, 9014)
    assert [p.equipment_id for p in regmap.positions] == list(range(101, 116))
    assert [p.offset for p in regmap.positions] == [27 + 3 * k for k in range(13)] + [66, 69]
    assert [p.kind for p in regmap.positions[-2:]] == ["liquid", "liquid"]
    layout = regmap.feedback.layout
    assert layout.words == 77
    assert layout.field("material_103_kg").offset == 34
    assert layout.field("finished_weight_kg").offset == 74
    assert layout.field("mo_name").length == 8
    assert layout.field("quantity_kg").scale == 100.0


def test_with_field_changes_one_field(regmap: RegisterMap) -> None:
    changed = regmap.with_field("batch", "finished_weight_kg", type="f32", word_order="low_first")
    assert changed.feedback.layout.field("finished_weight_kg").type == "f32"
    assert regmap.feedback.layout.field("finished_weight_kg").type == "u32"
    with pytest.raises(ConfigError, match=r"batch\.weight"):
        regmap.with_field("batch", "weight", type="f32")


def test_area_index_out_of_range(regmap: RegisterMap) -> None:
    with pytest.raises(ValueError, match=r"1\.\.10"):
        regmap.write.record_base(11)


def fields(data: dict[str, Any], layout: str = "batch") -> dict[str, Any]:
    return data["layouts"][layout]["fields"]


Edit = Callable[[dict[str, Any]], None]

CASES: list[tuple[str, Edit, str]] = [
    (
        "unknown type",
        lambda d: fields(d)["quantity_kg"].update(type="u64"),
        "field batch.quantity_kg: type: must be one of",
    ),
    (
        "zero scale",
        lambda d: fields(d)["quantity_kg"].update(scale=0),
        "field batch.quantity_kg: scale",
    ),
    (
        "negative scale",
        lambda d: fields(d)["quantity_kg"].update(scale=-100),
        "field batch.quantity_kg: scale",
    ),
    (
        "text scale",
        lambda d: fields(d)["quantity_kg"].update(scale="100"),
        "field batch.quantity_kg: scale",
    ),
    (
        "scale on text",
        lambda d: fields(d)["mo_name"].update(scale=10),
        "field batch.mo_name: scale must be 1 for text",
    ),
    (
        "overlapping fields",
        lambda d: fields(d)["bom_name"].update(offset=5),
        "overlaps field batch.mo_name",
    ),
    (
        "overlapping material",
        lambda d: fields(d)["status_manufacturing"].update(offset=70),
        "field batch.material_115_kg: overlaps field batch.status_manufacturing",
    ),
    (
        "field beyond its slot",
        lambda d: fields(d)["status_read_data"].update(offset=77),
        "field batch.status_read_data: words 77..77 go beyond the 77-word record",
    ),
    (
        "u32 beyond its slot",
        lambda d: fields(d)["finished_weight_kg"].update(offset=76),
        "field batch.finished_weight_kg: words 76..77 go beyond",
    ),
    (
        "layout larger than stride",
        lambda d: d["layouts"]["batch"].update(words=101),
        "areas.write: layout 'batch' has 101 words > stride 100",
    ),
    (
        "wrong length for a type",
        lambda d: fields(d)["quantity_kg"].update(length=3),
        "field batch.quantity_kg: length of a u32 is 2 words",
    ),
    (
        "text without length",
        lambda d: fields(d)["mo_name"].pop("length"),
        "field batch.mo_name: length",
    ),
    (
        "bcd of three words",
        lambda d: fields(d, "equipment_failure")["year"].update(length=3),
        "field equipment_failure.year: length of a bcd is 1 or 2",
    ),
    (
        "bad word order",
        lambda d: fields(d)["quantity_kg"].update(word_order="big"),
        "field batch.quantity_kg: word_order",
    ),
    (
        "bad byte order",
        lambda d: fields(d)["mo_name"].update(byte_order="swapped"),
        "field batch.mo_name: byte_order",
    ),
    (
        "misspelt key",
        lambda d: fields(d)["batch_no"].update(ofset=0),
        "field batch.batch_no: unknown key(s) ofset",
    ),
    (
        "negative offset",
        lambda d: fields(d)["batch_no"].update(offset=-1),
        "field batch.batch_no: offset",
    ),
    (
        "required field missing",
        lambda d: fields(d).pop("finished_weight_kg"),
        "field batch.finished_weight_kg: required but missing",
    ),
    (
        "material template beyond slot",
        lambda d: d["layouts"]["batch"]["positions"][-1].update(offset=75),
        "field batch.material_115_kg: words 76..77 go beyond",
    ),
    (
        "repeated equipment id",
        lambda d: d["layouts"]["batch"]["positions"][1].update(equipment_id=101),
        "positions[1].equipment_id",
    ),
    (
        "unknown position kind",
        lambda d: d["layouts"]["batch"]["positions"][0].update(kind="bin"),
        "positions[0].kind",
    ),
    (
        "areas overlap",
        lambda d: d["areas"]["equipment_failure"].update(base=6950),
        "overlaps area feedback",
    ),
    (
        "area beyond address space",
        lambda d: d["areas"]["manual_weighing"].update(base=65530),
        "areas.manual_weighing: ends at word 65543",
    ),
    (
        "unknown layout",
        lambda d: d["areas"]["write"].update(layout="batches"),
        "areas.write.layout: unknown layout 'batches'",
    ),
    ("missing area", lambda d: d["areas"].pop("feedback"), "areas.feedback: missing"),
    ("zero slots", lambda d: d.update(slots=0), "slots: must be a whole number ≥ 1"),
    ("fractional stride", lambda d: d.update(stride=99.5), "stride: must be a whole number"),
    (
        "handshake names no field",
        lambda d: d["handshake"].update(ready_flag="ready"),
        "handshake.ready_flag: 'ready' is not a one-word field",
    ),
    (
        "handshake on a two-word field",
        lambda d: d["handshake"].update(ack_flag="quantity_kg"),
        "handshake.ack_flag",
    ),
    (
        "bad plausibility factor",
        lambda d: d["plausibility"].update(factor=0),
        "plausibility.factor",
    ),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validation_errors_name_the_field(edit: Edit, message: str) -> None:
    data = raw()
    edit(data)
    with pytest.raises(ConfigError) as info:
        parse_register_map(data, source="plant.toml")
    assert message in str(info.value)
    assert str(info.value).startswith("plant.toml: ")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_register_map(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("slots = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml is not valid TOML"):
        load_register_map(broken)


def test_a_copied_map_file_loads(tmp_path: Path) -> None:
    copy = tmp_path / "plant.toml"
    text = resource_path("register_map.toml").read_text(encoding="utf-8")
    copy.write_text(text.replace("slots = 10", "slots = 4"), encoding="utf-8")
    regmap = load_register_map(copy)
    assert regmap.slots == 4
    assert regmap.source == str(copy)
    assert regmap.feedback.end == 6377
