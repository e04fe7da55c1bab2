"""Codec: words ↔ values for every type and order; rounding; refusing what does not fit."""

from __future__ import annotations

import math
import struct
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmi.domain.errors import PlcDataError, ValidationError
from hmi.plc.codec import (
    decode_field,
    decode_record,
    encode_field,
    encode_record,
    f32_decimal,
    field_max,
    scale_to_raw,
    swap_bytes,
)
from hmi.plc.register_map import FieldSpec, load_register_map

ORDERS = ("high_first", "low_first")
INT_LIMITS = {"u16": (0, 0xFFFF), "i16": (-0x8000, 0x7FFF)}
INT_LIMITS |= {"u32": (0, 0xFFFF_FFFF), "i32": (-0x8000_0000, 0x7FFF_FFFF)}


def spec(kind: str, length: int | None = None, **kw: object) -> FieldSpec:
    """A field of the given type at offset 0."""
    default = {"u16": 1, "i16": 1, "u32": 2, "i32": 2, "f32": 2, "bcd": 1, "ascii": 8}[kind]
    return FieldSpec(name="test_field", offset=0, type=kind, length=length or default, **kw)  # type: ignore[arg-type]


orders = st.sampled_from(ORDERS)


@pytest.mark.parametrize("kind", list(INT_LIMITS))
@given(data=st.data(), word_order=orders, byte_order=orders)
def test_integer_round_trip(
    kind: str, data: st.DataObject, word_order: str, byte_order: str
) -> None:
    low, high = INT_LIMITS[kind]
    value = data.draw(st.integers(low, high))
    field = spec(kind, word_order=word_order, byte_order=byte_order)
    words = encode_field(field, value)
    assert len(words) == field.length
    assert all(0 <= w <= 0xFFFF for w in words)
    assert decode_field(field, words) == value


@pytest.mark.parametrize("kind", ["u32", "i32"])
@given(data=st.data(), word_order=orders)
def test_scaled_kg_round_trip(kind: str, data: st.DataObject, word_order: str) -> None:
    low = 0 if kind == "u32" else -21_474_836
    hundredths = data.draw(st.integers(low, 21_474_836))
    kg = Decimal(hundredths).scaleb(-2)
    field = spec(kind, scale=100.0, word_order=word_order)
    assert decode_field(field, encode_field(field, kg)) == kg  # exact: no float in between
    assert scale_to_raw(field, kg) == hundredths
    assert scale_to_raw(field, hundredths / 100) == hundredths  # a float, by its repr


@given(
    value=st.floats(width=32, allow_nan=False, allow_infinity=False),
    word_order=orders,
    byte_order=orders,
)
def test_f32_round_trip(value: float, word_order: str, byte_order: str) -> None:
    field = spec("f32", word_order=word_order, byte_order=byte_order)
    decoded = decode_field(field, encode_field(field, value))
    assert isinstance(decoded, Decimal)
    # the shortest decimal that is the same single-precision number
    assert struct.pack(">f", float(decoded)) == struct.pack(">f", value)


@given(value=st.integers(0, 9999), byte_order=orders)
def test_bcd_one_word_round_trip(value: int, byte_order: str) -> None:
    field = spec("bcd", byte_order=byte_order)
    assert decode_field(field, encode_field(field, value)) == value


@given(value=st.integers(0, 99_999_999), word_order=orders)
def test_bcd_two_words_round_trip(value: int, word_order: str) -> None:
    field = spec("bcd", 2, word_order=word_order)
    assert decode_field(field, encode_field(field, value)) == value


printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=16)


@given(text=printable, byte_order=orders, word_order=orders)
def test_ascii_round_trip(text: str, byte_order: str, word_order: str) -> None:
    field = spec("ascii", 8, byte_order=byte_order, word_order=word_order)
    assert decode_field(field, encode_field(field, text)) == text


def test_scaled_values_are_rounded_not_truncated() -> None:
    field = spec("u32", scale=100.0)
    assert encode_field(field, 1.15) == [0, 115]  # the first system wrote 114
    assert encode_field(field, 0.285) == [0, 29]
    assert encode_field(field, 2.675) == [0, 268]
    assert scale_to_raw(field, 1.005) == 101


def test_known_words() -> None:
    assert encode_field(spec("u32", scale=100.0), 1000.0) == [1, 34464]
    assert encode_field(spec("u32", scale=100.0, word_order="low_first"), 1000.0) == [34464, 1]
    assert encode_field(spec("i16"), -1) == [0xFFFF]
    assert encode_field(spec("bcd"), 2026) == [0x2026]
    assert encode_field(spec("ascii", 2), "WH") == [0x5748, 0]
    assert encode_field(spec("ascii", 2), "WH/M") == [0x5748, 0x2F4D]  # exactly full fits
    assert encode_field(spec("ascii", 2, byte_order="low_first"), "WH") == [0x4857, 0]
    assert swap_bytes(0x1234) == 0x3412


def test_signed_versus_unsigned_above_327_67_kg() -> None:
    words = encode_field(spec("u16", scale=100.0), 500.0)
    assert decode_field(spec("u16", scale=100.0), words) == 500.0
    assert decode_field(spec("i16", scale=100.0), words) < 0
    with pytest.raises(ValidationError, match="test_field"):
        encode_field(spec("i16", scale=100.0), 500.0)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        (spec("u16"), -1, "range"),
        (spec("u32", scale=100.0), -0.01, "range"),
        (spec("u16", scale=100.0), 655.36, "range"),
        (spec("u32", scale=100.0), 42_949_672.96, "range"),
        (spec("i16"), 32768, "range"),
        (spec("i32"), -(2**31) - 1, "range"),
        (spec("u32", scale=100.0), math.nan, "finite"),
        (spec("u32"), math.inf, "finite"),
        (spec("u16"), "12", "not a number"),
        (spec("u16"), True, "not a number"),
        (spec("f32"), 1e39, "too large"),
        (spec("f32"), math.nan, "finite"),
        (spec("bcd"), 10000, "BCD"),
        (spec("bcd"), -1, "BCD"),
        (spec("ascii", 2), "WH/MO", "5 characters"),
        (spec("ascii", 8), "JF SAPÖT", "non-ASCII"),
        (spec("ascii", 8), "line\nbreak", "non-printable"),
        (spec("ascii", 8), 12, "not text"),
    ],
)
def test_out_of_range_values_raise_naming_the_field(
    field: FieldSpec, value: object, reason: str
) -> None:
    with pytest.raises(ValidationError, match="test_field") as info:
        encode_field(field, value)  # type: ignore[arg-type]
    assert reason in str(info.value)


@pytest.mark.parametrize(
    ("field", "words", "reason"),
    [
        (spec("bcd"), [0x12A4], "not BCD"),
        (spec("ascii", 2), [0x5707, 0], "non-printable"),
        (spec("ascii", 2), [0x57C8, 0], "non-printable"),
        (spec("u32"), [1], "expected 2 words"),
        (spec("u16"), [0x10000], "16-bit"),
    ],
)
def test_undecodable_words_raise_plc_data_error(
    field: FieldSpec, words: list[int], reason: str
) -> None:
    with pytest.raises(PlcDataError, match=reason) as info:
        decode_field(field, words)
    assert "test_field" in str(info.value)
    assert info.value.raw_words == tuple(words)


def test_f32_decodes_nan_as_nan() -> None:
    high, low = struct.unpack(">HH", struct.pack(">f", math.nan))
    assert math.isnan(decode_field(spec("f32"), [high, low]))  # type: ignore[arg-type]


def test_text_stops_at_first_nul_and_keeps_trailing_spaces() -> None:
    field = spec("ascii", 8)
    words = [23345, 12336, 14387, 23840, 19014, 8272, 19541, 21280]
    assert decode_field(field, words) == "[10083] JF PLUS "
    assert decode_field(field, [22344, 12109, 20271, 12336, 12337, 12544, 0, 0]) == "WH/MO/00011"


def test_record_round_trip_and_unknown_field() -> None:
    layout = load_register_map().write.layout
    values = {"batch_no": 3, "mo_name": "WH/MO/00013", "quantity_kg": 1000.0}
    words = encode_record(layout, values)
    assert len(words) == 77
    decoded = decode_record(layout, words)
    assert {k: decoded[k] for k in values} == values
    assert decoded["material_101_kg"] == 0.0
    with pytest.raises(ValidationError, match="no field"):
        encode_record(layout, {"batch_number": 1})
    with pytest.raises(PlcDataError, match="77 words"):
        decode_record(layout, words[:10])


def test_decimals_are_written_exactly_and_read_back_as_decimals() -> None:
    field = spec("u32", scale=100.0)
    assert encode_field(field, Decimal("1.005")) == [0, 101]  # half up, once
    assert encode_field(field, Decimal("2.675")) == [0, 268]
    assert decode_field(field, [0, 268]) == Decimal("2.68")
    assert isinstance(decode_field(field, [0, 268]), Decimal)
    assert decode_field(spec("u16"), [7]) == 7  # unscaled: an int


def test_an_ieee_field_reads_as_the_decimal_the_plc_meant() -> None:
    """570.0 and 1234.56 stored as single precision come back as typed, once, as Decimals."""
    field = spec("f32", word_order="low_first")
    assert decode_field(field, encode_field(field, 1234.56)) == Decimal("1234.56")
    assert f32_decimal(struct.unpack(">f", struct.pack(">f", 1997.94))[0]) == Decimal("1997.94")
    assert f32_decimal(0.0) == 0
    assert f32_decimal(math.inf) == Decimal("Infinity")
    scaled = spec("f32", scale=100.0)
    assert decode_field(scaled, encode_field(scaled, Decimal("451.15"))) == Decimal("451.15")


def test_field_max_follows_type_and_scale() -> None:
    assert field_max(spec("u32", scale=100.0)) == Decimal("42949672.95")
    assert field_max(spec("i16", scale=100.0)) == Decimal("327.67")  # the plant's first failure
    assert field_max(spec("u16")) == 65535
    assert field_max(spec("bcd", 2, scale=100.0)) == Decimal("999999.99")
    assert field_max(spec("f32")) == Decimal("83886.08")
    assert field_max(spec("ascii", 8)) is None
