"""Whole slots: a batch into write-slot words; feedback words into a record with its problems."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from hmi.domain.errors import PlcDataError, ValidationError
from hmi.domain.model import Batch, BatchLine
from hmi.plc.codec import encode_field
from hmi.plc.register_map import RegisterMap, load_register_map
from hmi.plc.slots import (
    EquipmentFailure,
    ManualWeighing,
    capacity_kg,
    decode_equipment_failure,
    decode_feedback_slot,
    decode_manual_weighing,
    empty_slot_words,
    encode_equipment_failure,
    encode_manual_weighing,
    encode_write_slot,
)


@pytest.fixture(scope="module")
def regmap() -> RegisterMap:
    return load_register_map()


def make_batch(slot: int = 2, **changes: object) -> Batch:
    lines = (
        BatchLine(102, 11, 1, "RM-CORN", 150.0),
        BatchLine(103, 12, 2, "RM-SBM", 300.0),
        BatchLine(114, 13, 3, "RM-OIL", 1.15),
    )
    values: dict[str, object] = {
        "mo_id": 42,
        "mo_name": "WH/MO/00012",
        "bom_name": "[10083] JF PLUS ",
        "product_name": "[10083] JF PLUS ",
        "quantity_kg": 1000.0,
        "lines": lines,
        "slot": slot,
    }
    values.update(changes)
    return Batch(**values)  # type: ignore[arg-type]


def test_write_slot_words(regmap: RegisterMap) -> None:
    words = encode_write_slot(make_batch(), regmap)
    assert len(words) == 77
    assert words[0] == 2  # batch number = slot
    assert words[1:9] == [22344, 12109, 20271, 12336, 12337, 12800, 0, 0]
    assert words[25:27] == [1, 34464]
    for k, eq_id in enumerate(range(101, 114)):
        assert words[27 + 3 * k] == eq_id  # every position carries its fixed id
    assert words[66] == 114
    assert words[69] == 115
    assert words[28:30] == [0, 0]  # silo 101 unused: planned 0
    assert words[31:33] == [0, 15000]
    assert words[34:36] == [0, 30000]
    assert words[67:69] == [0, 115]  # 1.15 kg rounded, never 114
    assert words[72:77] == [0, 0, 0, 0, 0]  # status words written as 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slot": 0}, "slot 0 is outside 1..10"),
        ({"slot": 11}, "slot 11 is outside 1..10"),
        ({"mo_name": "WH/MO/0001234567890"}, "mo_name"),
        ({"bom_name": "[10092] JF SAPOT 25KG"}, "bom_name"),
        ({"product_name": "Pakan Ayam Ü"}, "product_name"),
        ({"quantity_kg": -5.0}, "quantity_kg"),
        ({"quantity_kg": 50_000_000.0}, "quantity_kg"),
        ({"lines": (BatchLine(120, 1, 1, "X", 5.0),)}, "equipment 120 has no PLC position"),
        (
            {"lines": (BatchLine(101, 1, 1, "X", 5.0), BatchLine(101, 2, 2, "Y", 5.0))},
            "equipment 101 appears twice",
        ),
        ({"lines": (BatchLine(101, 1, 1, "X", -5.0),)}, "planned -5.00 kg"),
    ],
)
def test_write_slot_refuses_what_does_not_fit(
    regmap: RegisterMap, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        encode_write_slot(make_batch(**changes), regmap)
    assert "MO WH/MO/00012" in str(info.value) or "mo_name" in str(info.value)


def feedback_words(regmap: RegisterMap, slot: int = 2) -> list[int]:
    """A plausible finished feedback slot built from the batch's write words."""
    words = encode_write_slot(make_batch(slot), regmap)
    layout = regmap.feedback.layout
    for name, value in [("status_manufacturing", 1), ("finished_weight_kg", 451.15)]:
        field = layout.field(name)
        words[field.offset : field.end] = encode_field(field, value)
    return words


def put(regmap: RegisterMap, words: list[int], name: str, value: object) -> list[int]:
    field = regmap.feedback.layout.field(name)
    words[field.offset : field.end] = encode_field(field, value)  # type: ignore[arg-type]
    return words


def test_decode_plausible_slot(regmap: RegisterMap) -> None:
    words = feedback_words(regmap)
    fb = decode_feedback_slot(2, words, regmap)
    assert fb.plausible, fb.problems
    assert (fb.slot, fb.batch_no, fb.mo_name) == (2, 2, "WH/MO/00012")
    assert fb.bom_name == "[10083] JF PLUS "
    assert fb.quantity_kg == 1000.0
    assert len(fb.materials) == 15
    assert fb.materials[1].equipment_id == 102
    assert fb.materials[1].actual_kg == 150.0
    assert fb.materials[13].actual_kg == Decimal("1.15")
    assert fb.finished
    assert not fb.failed
    assert not fb.read_flag
    assert fb.finished_weight_kg == Decimal("451.15")
    assert fb.raw_words == tuple(words)


def test_empty_slot_is_plausible(regmap: RegisterMap) -> None:
    fb = decode_feedback_slot(5, [0] * 77, regmap)
    assert fb.empty
    assert fb.plausible
    assert empty_slot_words(regmap) == [0] * 77


def test_wrong_word_count_raises(regmap: RegisterMap) -> None:
    with pytest.raises(PlcDataError, match="expected 77 words"):
        decode_feedback_slot(1, [0] * 76, regmap)


IMPLAUSIBLE = [
    (
        "non-printable text",
        lambda m, w: w.__setitem__(3, 0x4F07),
        "mo_name: text 'WH/MO\\\\x0700012'",
    ),
    ("batch number too high", lambda m, w: put(m, w, "batch_no", 11), "batch number 11 is outside"),
    (
        "batch number of another slot",
        lambda m, w: put(m, w, "batch_no", 3),
        "batch number 3 in slot 2",
    ),
    (
        "silo id at the wrong position",
        lambda m, w: put(m, w, "material_104_id", 105),
        "position 4 holds equipment id 105, expected 104",
    ),
    (
        "actual above 3 × quantity",
        lambda m, w: put(m, w, "material_103_kg", 3000.01),
        "silo 103 actual 3,000.01 kg is above 3,000.00 kg",
    ),
    (
        "finished weight above 3 × quantity",
        lambda m, w: put(m, w, "finished_weight_kg", 21_475_010.70),
        "finished weight 21,475,010.70 kg is above 3,000.00 kg",
    ),
    (
        "quantity above the map's maximum",
        lambda m, w: put(m, w, "quantity_kg", 20_000.01),
        "quantity 20,000.01 kg is above 20,000.00 kg",
    ),
    (
        "status word neither 0 nor 1",
        lambda m, w: put(m, w, "status_operation", 7),
        "status_operation is 7",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "problem"), [c[1:] for c in IMPLAUSIBLE], ids=[c[0] for c in IMPLAUSIBLE]
)
def test_each_kind_of_implausible_value(regmap: RegisterMap, mutate, problem: str) -> None:  # type: ignore[no-untyped-def]
    words = feedback_words(regmap)
    mutate(regmap, words)
    fb = decode_feedback_slot(2, words, regmap)
    assert not fb.plausible
    assert any(problem in str(p) for p in fb.problems), fb.problems
    assert all(str(p).startswith("feedback slot 2: ") for p in fb.problems)
    assert fb.raw_words == tuple(words)  # reported with the raw words, never repaired


def test_non_printable_text_is_shown_escaped_not_guessed(regmap: RegisterMap) -> None:
    words = feedback_words(regmap)
    words[3] = 0x4F07
    fb = decode_feedback_slot(2, words, regmap)
    assert fb.mo_name == "WH/MO\\x0700012"


def test_negative_and_nan_actuals_with_signed_and_float_fields(regmap: RegisterMap) -> None:
    signed = regmap.with_field("batch", "finished_weight_kg", type="i32")
    words = put(signed, feedback_words(signed), "finished_weight_kg", -3.5)
    assert "finished weight is negative (-3.50 kg)" in str(
        decode_feedback_slot(2, words, signed).problems[0]
    )
    floating = regmap.with_field("batch", "finished_weight_kg", type="f32", scale=1)
    words = feedback_words(floating)
    words[74:76] = [0x7FC0, 0]
    problems = decode_feedback_slot(2, words, floating).problems
    assert any("finished weight is not a number" in str(p) for p in problems)


def test_event_blocks_round_trip(regmap: RegisterMap) -> None:
    failure = EquipmentFailure(103, 17, datetime(2026, 3, 4, 10, 26, 55), 4, "SILO 103 GATE STUCK")
    words = encode_equipment_failure(failure, regmap)
    assert words[0] == 1
    assert words[1] == 0
    assert words[4:10] == [0x2026, 0x03, 0x04, 0x10, 0x26, 0x55]
    decoded = decode_equipment_failure(words, regmap)
    assert decoded == EquipmentFailure(
        103, 17, failure.occurred_at, 4, "SILO 103 GATE STUCK", tuple(words)
    )
    weighing = ManualWeighing(4, 9001, Decimal("2.35"), 7, 1, datetime(2026, 3, 4, 11, 0, 0))
    words = encode_manual_weighing(weighing, regmap)
    decoded_w = decode_manual_weighing(words, regmap)
    assert (decoded_w.weight_kg, decoded_w.material_code, decoded_w.weighed_at) == (
        Decimal("2.35"),
        9001,
        weighing.weighed_at,
    )
    assert not decoded_w.problems


def test_event_block_with_bad_bcd_time_is_flagged(regmap: RegisterMap) -> None:
    words = [1, 0, 103, 5, 0x2026, 0x13, 0x01, 0, 0, 0, 0] + [0] * 12
    failure = decode_equipment_failure(words, regmap)
    assert failure.occurred_at is None
    assert any("not a valid date" in str(p) for p in failure.problems)
    words[5] = 0x1A
    assert any("not BCD" in str(p) for p in decode_equipment_failure(words, regmap).problems)


def test_capacity_is_the_smallest_quantity_field_of_the_write_slot(regmap: RegisterMap) -> None:
    assert capacity_kg(regmap) == Decimal("42949672.95")
    signed = regmap.with_field("batch", "quantity_kg", type="i16", length=1)
    assert capacity_kg(signed) == Decimal("327.67")


def test_a_batch_written_and_read_back_keeps_its_hundredths(regmap: RegisterMap) -> None:
    batch = replace(make_batch(), lines=(BatchLine(101, 1, 1, "X", Decimal("1.01")),))
    words = encode_write_slot(batch, regmap)
    fb = decode_feedback_slot(2, words, regmap)
    assert fb.materials[0].actual_kg == Decimal("1.01")
    assert fb.quantity_kg == batch.quantity_kg
