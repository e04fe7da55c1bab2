"""Every way a two-word kg field can be read, and which readings are plausible (the probe).

The plant's first integration failed on exactly this (DESIGN §5): a REAL finished weight with
the low word first read as a scaled integer gives 21,475,010.70 kg. For each known kg field of
a feedback slot, `readings` decodes its words as u32/i32 (scale 100, 10, 1) and f32, with each
word order and byte order, and marks the readings a batch can have: a finite number, 0 or at
least 0.01 kg, not above the map's `max_kg` nor above `factor` × the slot's quantity. The
preflight capture's finished weight (words 32768|17422) is plausible only as a low-word-first
float: 570.0 kg.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hmi.domain.errors import PlcDataError
from hmi.plc.codec import decode_field, field_words
from hmi.plc.register_map import FieldSpec, RegisterMap

ORDERS = ("high_first", "low_first")
INT_SCALES = (100.0, 10.0, 1.0)
SMALLEST_KG = 0.01


@dataclass(frozen=True)
class Reading:
    """One interpretation of a field's words and what it gives."""

    type: str
    word_order: str
    byte_order: str
    scale: float
    value: float
    plausible: bool
    configured: bool

    @property
    def label(self) -> str:
        """'f32, low word first' / 'u32 × 100, high word first, bytes swapped'."""
        scale = f" × {self.scale:g}" if self.type != "f32" and self.scale != 1 else ""
        words = "high word first" if self.word_order == "high_first" else "low word first"
        swapped = "" if self.byte_order == "high_first" else ", bytes swapped"
        return f"{self.type}{scale}, {words}{swapped}"

    def map_entry(self, name: str, offset: int) -> str:
        """The register map line that reads the field this way."""
        scale = "" if self.type == "f32" or self.scale == 1 else f", scale = {self.scale:g}"
        byte = "" if self.byte_order == "high_first" else ', byte_order = "low_first"'
        return (
            f'{name} = {{ offset = {offset}, type = "{self.type}"{scale}, '
            f'word_order = "{self.word_order}"{byte} }}'
        )


def plausible(value: float, limit: float) -> bool:
    """A kg value a batch can have: finite, 0 or 0.01..limit."""
    if not math.isfinite(value) or value < 0 or value > limit:
        return False
    return value == 0 or value >= SMALLEST_KG


def _variants(spec: FieldSpec) -> list[FieldSpec]:
    variants = []
    for kind in ("u32", "i32", "f32"):
        for word_order in ORDERS:
            for byte_order in ORDERS:
                scales = (1.0,) if kind == "f32" else INT_SCALES
                for scale in scales:
                    variants.append(
                        replace(
                            spec,
                            type=kind,
                            length=2,
                            scale=scale,
                            word_order=word_order,
                            byte_order=byte_order,
                        )
                    )
    return variants


def readings(spec: FieldSpec, record: Sequence[int], limit: float) -> list[Reading]:
    """Every interpretation of a two-word field of `record`, configured one included."""
    words = field_words(spec, record) if spec.length == 2 else list(record[spec.offset :][:2])
    found = []
    for variant in _variants(spec):
        try:
            value = float(decode_field(variant, words))
        except (PlcDataError, ValueError, OverflowError):
            continue
        same = (variant.type, variant.scale, variant.word_order, variant.byte_order) == (
            spec.type,
            spec.scale,
            spec.word_order,
            spec.byte_order,
        )
        found.append(
            Reading(
                variant.type,
                variant.word_order,
                variant.byte_order,
                variant.scale,
                value,
                plausible(value, limit),
                same,
            )
        )
    return found


def kg_fields(regmap: RegisterMap) -> list[FieldSpec]:
    """The feedback layout's two-word kg fields: quantity, materials, finished weight."""
    fields = regmap.feedback.layout.fields.values()
    return [f for f in fields if f.name.endswith("_kg") and f.length == 2]


def slot_limit(regmap: RegisterMap, quantity_kg: float) -> float:
    """The largest plausible kg value in a slot of this quantity (as the link checks it)."""
    if math.isfinite(quantity_kg) and 0 < quantity_kg <= regmap.max_kg:
        return min(regmap.max_kg, regmap.plausibility_factor * quantity_kg)
    return regmap.max_kg
