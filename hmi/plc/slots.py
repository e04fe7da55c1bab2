"""Whole records: a batch into write-slot words; feedback slots and event blocks into records.

Decoding never repairs: an implausible value is kept as read and listed in `problems`, with
the raw words alongside. kg values come in here, once: the codec's exact value is put on the
0.01 kg grid (half up) as a `Decimal`; NaN and infinities stay what they are and are named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hmi.domain.errors import PlcDataError, ValidationError
from hmi.domain.messages import Message, Param, msg
from hmi.domain.model import Batch, MaterialReading, SlotFeedback
from hmi.domain.units import ZERO_KG, as_kg
from hmi.plc.codec import (
    Value,
    Writable,
    ascii_bytes,
    decode_field,
    encode_field,
    encode_record,
    escaped_text,
    field_max,
    field_words,
)
from hmi.plc.register_map import FieldSpec, Layout, RegisterMap

TEXT_FIELDS = ("mo_name", "bom_name", "product_name")
STATUS_FIELDS = ("status_manufacturing", "status_operation")
STAMP_FIELDS = ("year", "month", "day", "hour", "minute", "second")


@dataclass(frozen=True)
class EquipmentFailure:
    """A record of the PLC's equipment failure block."""

    equipment_id: int
    fault_code: int
    occurred_at: datetime | None
    batch_no: int
    message: str
    raw_words: tuple[int, ...] = ()
    problems: tuple[Message, ...] = ()


@dataclass(frozen=True)
class ManualWeighing:
    """A record of the PLC's manual weighing block: an ingredient weighed by hand."""

    batch_no: int
    material_code: int
    weight_kg: Decimal
    operator_id: int
    scale_id: int
    weighed_at: datetime | None
    raw_words: tuple[int, ...] = ()
    problems: tuple[Message, ...] = ()


def _put(words: list[int], spec: FieldSpec, value: Writable, context: str) -> None:
    """Encode one value into its place, naming the batch in any error."""
    try:
        words[spec.offset : spec.end] = encode_field(spec, value)
    except ValidationError as exc:
        raise ValidationError(f"{context}: {exc}") from None


def encode_write_slot(batch: Batch, regmap: RegisterMap) -> list[int]:
    """The write-slot words of a batch (batch number = its slot); status words are 0."""
    context = f"MO {batch.mo_name or batch.mo_id}"
    if not 1 <= batch.slot <= regmap.slots:
        raise ValidationError(f"{context}: slot {batch.slot} is outside 1..{regmap.slots}")
    layout = regmap.write.layout
    planned = _planned_by_equipment(batch, regmap, context)
    words = [0] * layout.words
    values: dict[str, Writable] = {
        "batch_no": batch.slot,
        "mo_name": batch.mo_name,
        "bom_name": batch.bom_name,
        "product_name": batch.product_name,
        "quantity_kg": batch.quantity_kg,
    }
    for pos in regmap.positions:
        values[pos.id_field] = pos.equipment_id
        values[pos.kg_field] = planned.get(pos.equipment_id, ZERO_KG)
    for name, value in values.items():
        _put(words, layout.field(name), value, context)
    return words


def _planned_by_equipment(batch: Batch, regmap: RegisterMap, context: str) -> dict[int, Decimal]:
    """Planned kg per equipment id; unknown or repeated equipment is refused."""
    known = {pos.equipment_id for pos in regmap.positions}
    planned: dict[int, Decimal] = {}
    for line in batch.lines:
        if line.equipment_id not in known:
            raise ValidationError(f"{context}: equipment {line.equipment_id} has no PLC position")
        if line.equipment_id in planned:
            raise ValidationError(f"{context}: equipment {line.equipment_id} appears twice")
        if not line.planned_kg.is_finite() or line.planned_kg < 0:
            raise ValidationError(
                f"{context}: planned {line.planned_kg} kg for equipment {line.equipment_id}"
            )
        planned[line.equipment_id] = line.planned_kg
    return planned


def empty_slot_words(regmap: RegisterMap) -> list[int]:
    """The words of an empty write slot: all zeros (batch number 0)."""
    return [0] * regmap.write.layout.words


class _Reader:
    """Decodes fields of one record, collecting problems (messages) instead of raising."""

    def __init__(self, layout: Layout, words: Sequence[int], where: Message) -> None:
        self.layout = layout
        self.words = words
        self.where = where
        self.problems: list[Message] = []

    def problem(self, code: str, **facts: Param) -> None:
        """Record one problem of this record (`where` is added)."""
        self.problems.append(msg(code, where=self.where, **facts))

    def get(self, name: str, fallback: Value) -> Value:
        """The field's value, or `fallback` with a problem recorded."""
        spec = self.layout.field(name)
        try:
            return decode_field(spec, field_words(spec, self.words))
        except PlcDataError as exc:
            self.problem("plc.problem.undecodable", error=exc.message)
            return fallback

    def text(self, name: str) -> str:
        """A text field; undecodable bytes are shown escaped, never guessed."""
        spec = self.layout.field(name)
        words = field_words(spec, self.words)
        try:
            return str(decode_field(spec, words))
        except PlcDataError as exc:
            self.problem("plc.problem.undecodable", error=exc.message)
            return escaped_text(ascii_bytes(spec, words))

    def integer(self, name: str) -> int:
        """A whole-number field; -1 (with a problem recorded) when it cannot be decoded."""
        value = self.get(name, -1)
        if isinstance(value, Decimal):
            return int(value) if value.is_finite() else -1
        return value if isinstance(value, int) else -1

    def number(self, name: str) -> Decimal:
        """A numeric field as an exact Decimal (NaN, with a problem, when undecodable)."""
        value = self.get(name, Decimal("NaN"))
        if isinstance(value, str):  # pragma: no cover - the map refuses text kg fields
            return Decimal("NaN")
        return Decimal(value)

    def kg(self, name: str, limit: Decimal, what: Message) -> Decimal:
        """A kg value on the 0.01 kg grid (the border in), checked for NaN, sign and `limit`."""
        exact = self.number(name)
        value = as_kg(exact)
        if not value.is_finite():
            self.problem("plc.problem.not_number", what=what, value=str(value))
        elif exact < 0:  # judged before rounding: -1e-39 from an f32 is garbage, not 0
            shown = f"{exact:.2f}" if value < 0 else f"{exact:.3E}"
            self.problem("plc.problem.negative", what=what, value=shown)
        elif value > limit:
            self.problem("plc.problem.above", what=what, value=value, limit=limit)
        return value


def strip_padding(text: str, padding: Sequence[str]) -> str:
    """Text without its trailing padding: the register map's `[text] padding` rule.

    The codec already ends text at the first NUL; with "space" in the rule trailing spaces
    are padding too (a PLC program that fills text fields with spaces), so "MO/1  " and
    "MO/1" are the same name."""
    return text.rstrip(" ") if "space" in padding else text


def decode_feedback_slot(
    slot: int, words: Sequence[int], regmap: RegisterMap, *, layout: Layout | None = None
) -> SlotFeedback:
    """Decode one feedback slot and list every intrinsic implausibility in `problems`.

    `layout`: another area's record layout (the write area's, to read back what the PLC
    holds); default the feedback area's."""
    layout = layout or regmap.feedback.layout
    if len(words) != layout.words:
        raise PlcDataError(
            f"feedback slot {slot}: expected {layout.words} words, got {len(words)}", tuple(words)
        )
    reader = _Reader(layout, words, msg("plc.where.feedback", slot=slot))
    batch_no = reader.integer("batch_no")
    names = {name: reader.text(name) for name in TEXT_FIELDS}
    names["mo_name"] = strip_padding(names["mo_name"], regmap.text_padding)  # the identity
    quantity = reader.kg("quantity_kg", _max_kg(regmap), msg("plc.what.quantity"))
    limit = _limit(quantity, regmap)
    materials = _materials(reader, regmap, limit, check_ids=batch_no != 0)
    statuses = {name: reader.integer(name) for name in STATUS_FIELDS}
    finished_weight = reader.kg("finished_weight_kg", limit, msg("plc.what.finished_weight"))
    read_flag = reader.integer(regmap.ack_flag)
    _check_identity(reader, slot, batch_no, regmap)
    _check_flags(reader, {**statuses, regmap.ack_flag: read_flag})
    return SlotFeedback(
        slot=slot,
        batch_no=batch_no,
        mo_name=names["mo_name"],
        bom_name=names["bom_name"],
        product_name=names["product_name"],
        quantity_kg=quantity,
        materials=materials,
        finished=statuses["status_manufacturing"] == 1,
        failed=statuses["status_operation"] == 1,
        finished_weight_kg=finished_weight,
        read_flag=read_flag == 1,
        raw_words=tuple(words),
        problems=tuple(reader.problems),
    )


def _max_kg(regmap: RegisterMap) -> Decimal:
    """The map's plausibility ceiling as the decimal written in it."""
    return Decimal(repr(regmap.max_kg))


def _limit(quantity: Decimal, regmap: RegisterMap) -> Decimal:
    """The largest plausible kg value in a slot of this quantity."""
    ceiling = _max_kg(regmap)
    if quantity.is_finite() and quantity > 0:
        return min(ceiling, Decimal(repr(regmap.plausibility_factor)) * quantity)
    return ceiling


def capacity_kg(regmap: RegisterMap) -> Decimal:
    """The most kg the write slot's quantity and material fields all hold (from their types).

    A u32 of kg × 100 holds 42 949 672.95 kg, an i16 of kg × 100 only 327.67 kg: an MO above
    this is refused at fetch rather than failing when it is written.
    """
    layout = regmap.write.layout
    names = ["quantity_kg", *(pos.kg_field for pos in regmap.positions)]
    limits = [field_max(layout.field(name)) for name in names if name in layout.fields]
    return min(limit for limit in limits if limit is not None)


def _materials(
    reader: _Reader, regmap: RegisterMap, limit: Decimal, *, check_ids: bool
) -> tuple[MaterialReading, ...]:
    """The 15 positions; a wrong equipment id at a position is a problem."""
    readings = []
    for pos in regmap.positions:
        eq_id = reader.integer(pos.id_field)
        kind = msg(f"plc.kind.{pos.kind}")
        what = msg("plc.what.actual", kind=kind, equipment=pos.equipment_id)
        actual = reader.kg(pos.kg_field, limit, what)
        if check_ids and eq_id != pos.equipment_id:
            reader.problem(
                "plc.problem.position",
                position=pos.position + 1,
                read=eq_id,
                expected=pos.equipment_id,
            )
        readings.append(MaterialReading(pos.position, eq_id, actual))
    return tuple(readings)


def _check_identity(reader: _Reader, slot: int, batch_no: int, regmap: RegisterMap) -> None:
    """Batch number 0 (empty) or equal to the slot number."""
    if batch_no == 0:
        return
    if not 1 <= batch_no <= regmap.slots:
        reader.problem("plc.problem.batch_outside", batch=batch_no, slots=regmap.slots)
    elif batch_no != slot:
        reader.problem("plc.problem.batch_slot", batch=batch_no, slot=slot)


def _check_flags(reader: _Reader, flags: dict[str, int]) -> None:
    """Status and flag words hold 0 or 1."""
    for name, value in flags.items():
        if value not in (0, 1):
            reader.problem("plc.problem.flag", name=name, value=value)


def _stamp(reader: _Reader) -> datetime | None:
    """The record's BCD date and time, or None (with a problem) when it is not a real time."""
    if not all(name in reader.layout.fields for name in STAMP_FIELDS):
        return None
    parts = [reader.integer(name) for name in STAMP_FIELDS]
    if not any(parts) or min(parts) < 0:
        return None
    try:
        year, month, day, hour, minute, second = parts
        return datetime(year, month, day, hour, minute, second)
    except (ValueError, OverflowError):
        reader.problem("plc.problem.time", parts=str(parts))
        return None


def decode_equipment_failure(words: Sequence[int], regmap: RegisterMap) -> EquipmentFailure:
    """Decode the equipment failure block's record."""
    reader = _Reader(regmap.equipment_failure.layout, words, msg("plc.where.failure_block"))
    return EquipmentFailure(
        equipment_id=reader.integer("equipment_id"),
        fault_code=reader.integer("fault_code"),
        occurred_at=_stamp(reader),
        batch_no=reader.integer("batch_no") if "batch_no" in reader.layout.fields else 0,
        message=reader.text("message"),
        raw_words=tuple(words),
        problems=tuple(reader.problems),
    )


def decode_manual_weighing(words: Sequence[int], regmap: RegisterMap) -> ManualWeighing:
    """Decode the manual weighing block's record."""
    layout = regmap.manual_weighing.layout
    reader = _Reader(layout, words, msg("plc.where.weighing_block"))
    optional = {n: reader.integer(n) for n in ("operator_id", "scale_id") if n in layout.fields}
    return ManualWeighing(
        batch_no=reader.integer("batch_no"),
        material_code=reader.integer("material_code"),
        weight_kg=reader.kg("weight_kg", _max_kg(regmap), msg("plc.what.weight")),
        operator_id=optional.get("operator_id", 0),
        scale_id=optional.get("scale_id", 0),
        weighed_at=_stamp(reader),
        raw_words=tuple(words),
        problems=tuple(reader.problems),
    )


def _stamp_values(at: datetime | None) -> dict[str, Writable]:
    """BCD time fields of a datetime (all zero when None)."""
    if at is None:
        return dict.fromkeys(STAMP_FIELDS, 0)
    return {name: getattr(at, name) for name in STAMP_FIELDS}


def encode_equipment_failure(record: EquipmentFailure, regmap: RegisterMap) -> list[int]:
    """The block's words for a record, with new_record = 1 (used by the simulator)."""
    values: dict[str, Writable] = {
        "new_record": 1,
        "equipment_id": record.equipment_id,
        "fault_code": record.fault_code,
        "batch_no": record.batch_no,
        "message": record.message,
        **_stamp_values(record.occurred_at),
    }
    return _encode_present(regmap.equipment_failure.layout, values)


def encode_manual_weighing(record: ManualWeighing, regmap: RegisterMap) -> list[int]:
    """The block's words for a record, with new_record = 1 (used by the simulator)."""
    values: dict[str, Writable] = {
        "new_record": 1,
        "batch_no": record.batch_no,
        "material_code": record.material_code,
        "weight_kg": record.weight_kg,
        "operator_id": record.operator_id,
        "scale_id": record.scale_id,
        **_stamp_values(record.weighed_at),
    }
    return _encode_present(regmap.manual_weighing.layout, values)


def _encode_present(layout: Layout, values: dict[str, Writable]) -> list[int]:
    """Encode the values whose fields the layout defines (optional fields may be absent)."""
    return encode_record(layout, {k: v for k, v in values.items() if k in layout.fields})
