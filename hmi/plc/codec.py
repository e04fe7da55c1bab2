"""Pure conversions between 16-bit register words and values, for every field type of the map.

Numbers are exact: a scaled field reads as a `Decimal` (raw ÷ scale, 12345 with scale 100 →
Decimal("123.45")), an unscaled integer as an `int`, an IEEE f32 field as the shortest
`Decimal` that reads back as the same single-precision value (1234.56, not 1234.56005859375;
NaN and infinities as Decimal NaN/Infinity). Writing, a value × scale is rounded half up on
its decimal value (1.005 kg × 100 → 101, never 100); values that do not fit raise
ValidationError naming the field instead of wrapping. No float sits between the words and
the kilograms except inside an f32 field itself.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from hmi.domain.errors import PlcDataError, ValidationError
from hmi.plc.register_map import FieldSpec, Layout

Value = int | Decimal | str
#: What a field accepts when written: the values it reads, and floats (converted by repr).
Writable = int | float | Decimal | str

#: (minimum, maximum) raw integer per integer type.
INT_RANGES: dict[str, tuple[int, int]] = {
    "u16": (0, 0xFFFF),
    "i16": (-0x8000, 0x7FFF),
    "u32": (0, 0xFFFF_FFFF),
    "i32": (-0x8000_0000, 0x7FFF_FFFF),
}
PRINTABLE = range(0x20, 0x7F)


def swap_bytes(word: int) -> int:
    """Exchange the two bytes of a 16-bit word."""
    return ((word & 0xFF) << 8) | (word >> 8)


def _check_words(spec: FieldSpec, words: Sequence[int]) -> None:
    """Refuse a word list of the wrong length or with values outside 0..65535."""
    if len(words) != spec.length:
        raise PlcDataError(
            f"field {spec.name}: expected {spec.length} words, got {len(words)}", tuple(words)
        )
    for word in words:
        if not 0 <= word <= 0xFFFF:
            raise PlcDataError(f"field {spec.name}: {word!r} is not a 16-bit word", tuple(words))


def _to_wire(spec: FieldSpec, words: list[int]) -> list[int]:
    """Apply the field's byte order (words are given most significant first)."""
    if spec.length > 1 and spec.word_order == "low_first" and spec.type != "ascii":
        words = words[::-1]
    if spec.byte_order == "low_first":
        words = [swap_bytes(w) for w in words]
    return words


def _from_wire(spec: FieldSpec, words: Sequence[int]) -> list[int]:
    """Undo the field's byte and word order: most significant word first."""
    out = [swap_bytes(w) for w in words] if spec.byte_order == "low_first" else list(words)
    if spec.length > 1 and spec.word_order == "low_first" and spec.type != "ascii":
        out.reverse()
    return out


def _number(spec: FieldSpec, value: object) -> Decimal:
    """A value to write as an exact decimal (a float through its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValidationError(f"field {spec.name}: {value!r} is not a number")
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    if not number.is_finite():
        raise ValidationError(f"field {spec.name}: {value!r} is not a finite number")
    return number


def scale_decimal(spec: FieldSpec) -> Decimal:
    """The field's scale as the decimal written in the map (100.0 → Decimal("100.0"))."""
    return Decimal(repr(spec.scale))


def scale_to_raw(spec: FieldSpec, value: int | float | Decimal) -> int:
    """Engineering value × scale, rounded half away from zero on its decimal value."""
    number = _number(spec, value)
    try:
        scaled = number * scale_decimal(spec)
        return int(scaled.to_integral_value(rounding=ROUND_HALF_UP))
    except InvalidOperation as exc:
        raise ValidationError(f"field {spec.name}: cannot scale {value!r}") from exc


def raw_to_value(spec: FieldSpec, raw: int) -> int | Decimal:
    """Raw integer ÷ scale, exact: an int when the scale is 1, else a Decimal."""
    if spec.scale == 1:
        return raw
    return Decimal(raw) / scale_decimal(spec)


def field_max(spec: FieldSpec) -> Decimal | None:
    """The largest value a numeric field holds exactly (raw maximum ÷ scale), or None for text.

    An f32 keeps hundredths of its engineering value apart only while its unit in the last
    place stays below 0.01 × scale: up to 0.01 × 2^23 = 83 886.08, whatever the scale.
    """
    if spec.type in INT_RANGES:
        return Decimal(INT_RANGES[spec.type][1]) / scale_decimal(spec)
    if spec.type == "bcd":
        return Decimal(10 ** (4 * spec.length) - 1) / scale_decimal(spec)
    if spec.type == "f32":
        return Decimal(2**23) / 100
    return None


def encode_int(spec: FieldSpec, value: int | float | Decimal) -> list[int]:
    """Encode an integer field (u16, i16, u32, i32), scaled and range-checked."""
    raw = scale_to_raw(spec, value)
    low, high = INT_RANGES[spec.type]
    if not low <= raw <= high:
        raise ValidationError(
            f"field {spec.name}: {value!r} gives {raw} after scaling by {spec.scale:g}, "
            f"outside the {spec.type} range {low}..{high}"
        )
    raw &= (1 << (16 * spec.length)) - 1
    words = [(raw >> (16 * i)) & 0xFFFF for i in reversed(range(spec.length))]
    return _to_wire(spec, words)


def decode_int(spec: FieldSpec, words: Sequence[int]) -> int | Decimal:
    """Decode an integer field, applying sign and scale."""
    _check_words(spec, words)
    raw = 0
    for word in _from_wire(spec, words):
        raw = (raw << 16) | word
    if spec.type.startswith("i") and raw >= 1 << (16 * spec.length - 1):
        raw -= 1 << (16 * spec.length)
    return raw_to_value(spec, raw)


def encode_f32(spec: FieldSpec, value: int | float | Decimal) -> list[int]:
    """Encode an IEEE-754 single-precision field (value × scale)."""
    number = _number(spec, value) * scale_decimal(spec)
    try:
        packed = struct.pack(">f", float(number))
    except OverflowError:
        raise ValidationError(f"field {spec.name}: {value!r} is too large for a f32") from None
    high, low = struct.unpack(">HH", packed)
    return _to_wire(spec, [high, low])


def f32_decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as the same single-precision float.

    A PLC that stores 1234.56 in an f32 holds 1234.560058…; the number it meant is the
    shortest text that packs to the same 32 bits, as a float32 `repr` would print it.
    NaN and infinities become Decimal NaN and ±Infinity.
    """
    if math.isnan(value):
        return Decimal("NaN")
    if math.isinf(value):
        return Decimal("Infinity") if value > 0 else Decimal("-Infinity")
    packed = struct.pack(">f", value)
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        try:
            if struct.pack(">f", float(text)) == packed:
                return Decimal(text)
        except OverflowError:  # rounded past the largest f32 (3.4028235e38): more digits
            continue
    return Decimal(repr(value))  # pragma: no cover - 9 significant digits always round-trip


def decode_f32(spec: FieldSpec, words: Sequence[int]) -> Decimal:
    """Decode an IEEE-754 single-precision field (÷ scale) as a Decimal, once, here."""
    _check_words(spec, words)
    high, low = _from_wire(spec, words)
    (value,) = struct.unpack(">f", struct.pack(">HH", high, low))
    number = f32_decimal(value)
    if spec.scale == 1 or not number.is_finite():
        return number
    return number / scale_decimal(spec)


def encode_bcd(spec: FieldSpec, value: int | float | Decimal) -> list[int]:
    """Encode a packed-BCD field (4 digits per word), scaled and range-checked."""
    raw = scale_to_raw(spec, value)
    digits = 4 * spec.length
    if not 0 <= raw < 10**digits:
        raise ValidationError(
            f"field {spec.name}: {value!r} gives {raw}, outside 0..{10**digits - 1} for "
            f"{digits} BCD digits"
        )
    packed = int(str(raw), 16)
    words = [(packed >> (16 * i)) & 0xFFFF for i in reversed(range(spec.length))]
    return _to_wire(spec, words)


def decode_bcd(spec: FieldSpec, words: Sequence[int]) -> int | Decimal:
    """Decode a packed-BCD field; a nibble above 9 raises PlcDataError naming the field."""
    _check_words(spec, words)
    text = "".join(f"{w:04X}" for w in _from_wire(spec, words))
    if not text.isdigit():
        raise PlcDataError(f"field {spec.name}: {text} is not BCD", tuple(words))
    return raw_to_value(spec, int(text))


def encode_ascii(spec: FieldSpec, text: str) -> list[int]:
    """Encode printable ASCII text, padded with NUL bytes; too long or not ASCII raises."""
    if not isinstance(text, str):
        raise ValidationError(f"field {spec.name}: {text!r} is not text")
    bad = [ch for ch in text if ord(ch) not in PRINTABLE]
    if bad:
        raise ValidationError(
            f"field {spec.name}: {text!r} holds non-printable or non-ASCII character {bad[0]!r}"
        )
    capacity = 2 * spec.length
    if len(text) > capacity:
        raise ValidationError(
            f"field {spec.name}: {text!r} has {len(text)} characters, the field holds {capacity}"
        )
    data = text.encode("ascii").ljust(capacity, b"\0")
    words = [(data[i] << 8) | data[i + 1] for i in range(0, capacity, 2)]
    return _to_wire(spec, words)


def ascii_bytes(spec: FieldSpec, words: Sequence[int]) -> bytes:
    """The text field's bytes in reading order, up to the first NUL."""
    data = b"".join(w.to_bytes(2, "big") for w in _from_wire(spec, words))
    return data.split(b"\0", 1)[0]


def escaped_text(data: bytes) -> str:
    """Text for people: printable ASCII as is, every other byte as \\xNN."""
    return "".join(chr(b) if b in PRINTABLE else f"\\x{b:02x}" for b in data)


def decode_ascii(spec: FieldSpec, words: Sequence[int]) -> str:
    """Decode text up to its first NUL; non-printable bytes raise PlcDataError naming the field."""
    _check_words(spec, words)
    data = ascii_bytes(spec, words)
    if any(byte not in PRINTABLE for byte in data):
        shown = escaped_text(data)
        raise PlcDataError(
            f"field {spec.name}: text {shown!r} holds non-printable bytes", tuple(words)
        )
    return data.decode("ascii")


_ENCODERS: dict[str, Callable[[FieldSpec, Any], list[int]]] = {
    "u16": encode_int,
    "i16": encode_int,
    "u32": encode_int,
    "i32": encode_int,
    "f32": encode_f32,
    "bcd": encode_bcd,
    "ascii": encode_ascii,
}
_DECODERS: dict[str, Callable[[FieldSpec, Sequence[int]], Value]] = {
    "u16": decode_int,
    "i16": decode_int,
    "u32": decode_int,
    "i32": decode_int,
    "f32": decode_f32,
    "bcd": decode_bcd,
    "ascii": decode_ascii,
}


def encode_field(spec: FieldSpec, value: Writable) -> list[int]:
    """Encode one value into the field's words; ValidationError names the field."""
    return _ENCODERS[spec.type](spec, value)


def decode_field(spec: FieldSpec, words: Sequence[int]) -> Value:
    """Decode the field's words into a value; PlcDataError names the field."""
    return _DECODERS[spec.type](spec, words)


def field_words(spec: FieldSpec, record: Sequence[int]) -> list[int]:
    """The field's words cut out of a whole record."""
    return list(record[spec.offset : spec.end])


def encode_record(layout: Layout, values: Mapping[str, Writable]) -> list[int]:
    """Encode a whole record; fields not given are zero; an unknown name raises."""
    unknown = sorted(set(values) - set(layout.fields))
    if unknown:
        raise ValidationError(f"layout {layout.name} has no field(s) {', '.join(unknown)}")
    words = [0] * layout.words
    for name, value in values.items():
        spec = layout.fields[name]
        words[spec.offset : spec.end] = encode_field(spec, value)
    return words


def decode_record(layout: Layout, words: Sequence[int]) -> dict[str, Value]:
    """Decode every field of a record; the first undecodable field raises PlcDataError."""
    if len(words) < layout.words:
        raise PlcDataError(
            f"layout {layout.name}: expected {layout.words} words, got {len(words)}", tuple(words)
        )
    return {
        name: decode_field(spec, field_words(spec, words)) for name, spec in layout.fields.items()
    }
