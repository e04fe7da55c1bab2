"""The PLC register map: areas, record layouts and fields, loaded and validated from TOML.

The plant's layout lives in `resources/register_map.toml` (DESIGN.md §5); every check here
raises ConfigError naming the file, the field and the reason.
"""

from __future__ import annotations

import itertools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hmi.domain.errors import ConfigError
from hmi.plc.capabilities import PlcCapabilities, parse_capabilities
from hmi.resources import resource_path

TYPES = ("u16", "i16", "u32", "i32", "f32", "ascii", "bcd")
ORDERS = ("high_first", "low_first")
FIXED_LENGTH = {"u16": 1, "i16": 1, "u32": 2, "i32": 2, "f32": 2}
FIELD_KEYS = frozenset({"offset", "type", "length", "scale", "word_order", "byte_order"})
MAX_ADDRESS = 0x10000
AREA_NAMES = ("write", "feedback", "equipment_failure", "manual_weighing")

#: Fields each layout must define (the code reads them by name).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "batch": (
        "batch_no",
        "mo_name",
        "bom_name",
        "product_name",
        "quantity_kg",
        "status_manufacturing",
        "status_operation",
        "finished_weight_kg",
    ),
    "equipment_failure": ("new_record", "read_flag", "equipment_id", "fault_code", "message"),
    "manual_weighing": ("new_record", "read_flag", "batch_no", "material_code", "weight_kg"),
}


@dataclass(frozen=True)
class FieldSpec:
    """One value inside a record: where it sits, how many words, and how to read them."""

    name: str
    offset: int
    type: str
    length: int
    scale: float = 1.0
    word_order: str = "high_first"
    byte_order: str = "high_first"

    @property
    def end(self) -> int:
        """Offset of the first word after the field."""
        return self.offset + self.length


@dataclass(frozen=True)
class MaterialPosition:
    """One of the slot's silo/tank positions and its fixed equipment id."""

    position: int  # 0-based, in the map's order
    equipment_id: int
    kind: str  # "silo" | "liquid"
    offset: int

    @property
    def id_field(self) -> str:
        """Name of the position's equipment-id field."""
        return f"material_{self.equipment_id}_id"

    @property
    def kg_field(self) -> str:
        """Name of the position's planned/actual kg field."""
        return f"material_{self.equipment_id}_kg"


@dataclass(frozen=True)
class Layout:
    """The fields of one record (a batch slot or an event block) and its size in words."""

    name: str
    words: int
    fields: Mapping[str, FieldSpec]
    positions: tuple[MaterialPosition, ...] = ()

    def field(self, name: str) -> FieldSpec:
        """Return the named field; ConfigError if the layout has none."""
        try:
            return self.fields[name]
        except KeyError:
            raise ConfigError(f"layout {self.name!r} has no field {name!r}") from None


@dataclass(frozen=True)
class Area:
    """A block of holding registers: `count` records of one layout, `stride` words apart."""

    name: str
    base: int
    layout: Layout
    count: int = 1
    stride: int = 0

    def record_base(self, index: int = 1) -> int:
        """Address of record `index` (1-based); ValueError outside 1..count."""
        if not 1 <= index <= self.count:
            raise ValueError(f"{self.name} area has records 1..{self.count}, not {index}")
        return self.base + (index - 1) * self.stride

    def address(self, field_name: str, index: int = 1) -> int:
        """Address of a field's first word in record `index`."""
        return self.record_base(index) + self.layout.field(field_name).offset

    def ranges(self) -> list[tuple[int, int]]:
        """(address, word count) of every record, in order."""
        return [(self.record_base(i), self.layout.words) for i in range(1, self.count + 1)]

    @property
    def end(self) -> int:
        """Address of the first word after the last record."""
        return self.record_base(self.count) + self.layout.words


@dataclass(frozen=True)
class RegisterMap:
    """The whole validated map: slots, areas, handshake fields and plausibility limits."""

    source: str
    slots: int
    stride: int
    areas: Mapping[str, Area]
    ready_flag: str
    ack_flag: str
    plausibility_factor: float = 3.0
    max_kg: float = 20000.0
    capabilities: PlcCapabilities = field(default_factory=PlcCapabilities)
    #: trailing bytes of a text field that are padding: "nul" (always), "space" (optional)
    text_padding: tuple[str, ...] = ("nul",)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def write(self) -> Area:
        """HMI → PLC batch slots."""
        return self.areas["write"]

    @property
    def feedback(self) -> Area:
        """PLC → HMI batch slots."""
        return self.areas["feedback"]

    @property
    def equipment_failure(self) -> Area:
        """The equipment failure event block."""
        return self.areas["equipment_failure"]

    @property
    def manual_weighing(self) -> Area:
        """The manual weighing event block."""
        return self.areas["manual_weighing"]

    @property
    def positions(self) -> tuple[MaterialPosition, ...]:
        """The material positions of a batch slot, in order."""
        return self.feedback.layout.positions

    @property
    def ready_address(self) -> int:
        """Word of the PLC's ready-for-new-batches flag (write slot 1)."""
        return self.write.address(self.ready_flag, 1)

    def ack_address(self, slot: int) -> int:
        """Word the HMI sets to 1 after storing feedback slot `slot`."""
        return self.feedback.address(self.ack_flag, slot)

    def with_field(self, layout: str, name: str, **changes: Any) -> RegisterMap:
        """Return a new validated map where one field's settings are changed."""
        data = _deep_copy(self.raw)
        try:
            entry = data["layouts"][layout]["fields"][name]
        except KeyError:
            raise ConfigError(f"{self.source}: no field {layout}.{name} to change") from None
        entry.update(changes)
        return parse_register_map(data, source=f"{self.source} ({layout}.{name} changed)")

    def with_capabilities(self, **changes: Any) -> RegisterMap:
        """Return a new validated map whose `[plc]` table has these keys changed."""
        data = _deep_copy(self.raw)
        data.setdefault("plc", {}).update(changes)
        return parse_register_map(data, source=f"{self.source} ([plc] changed)")


def _deep_copy(value: Any) -> Any:
    """Copy nested dicts/lists of TOML data."""
    if isinstance(value, Mapping):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def load_register_map(path: Path | None = None) -> RegisterMap:
    """Load and validate a register map file (default: the plant's map in resources/)."""
    file = Path(path) if path is not None else resource_path("register_map.toml")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"register map {file} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"register map {file} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"register map {file} is not valid TOML: {exc}") from None
    return parse_register_map(data, source=str(file))


def parse_register_map(data: Mapping[str, Any], source: str = "register map") -> RegisterMap:
    """Validate parsed TOML data and build the map; ConfigError names what is wrong."""
    ctx = _Context(source)
    slots = ctx.positive_int(data.get("slots"), "slots")
    stride = ctx.positive_int(data.get("stride"), "stride")
    layouts = {
        name: _parse_layout(ctx, name, spec)
        for name, spec in ctx.table(data.get("layouts"), "layouts").items()
    }
    areas = _parse_areas(ctx, data, layouts, slots, stride)
    handshake = ctx.table(data.get("handshake"), "handshake")
    ready = _handshake_field(ctx, handshake, "ready_flag", areas["write"])
    ack = _handshake_field(ctx, handshake, "ack_flag", areas["feedback"])
    plaus = ctx.table(data.get("plausibility", {}), "plausibility")
    factor = ctx.positive_number(plaus.get("factor", 3.0), "plausibility.factor")
    max_kg = ctx.positive_number(plaus.get("max_kg", 20000.0), "plausibility.max_kg")
    capabilities = parse_capabilities(data.get("plc"), source)
    padding = _text_padding(ctx, ctx.table(data.get("text", {}), "text"))
    return RegisterMap(
        source=source,
        slots=slots,
        stride=stride,
        areas=MappingProxyType(areas),
        ready_flag=ready,
        ack_flag=ack,
        plausibility_factor=factor,
        max_kg=max_kg,
        capabilities=capabilities,
        text_padding=padding,
        raw=_deep_copy(data),
    )


@dataclass(frozen=True)
class _Context:
    """Builds error messages that name the file."""

    source: str

    def error(self, where: str, reason: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where}: {reason}")

    def table(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(where, "missing or not a table")
        return value

    def positive_int(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.error(where, f"must be a whole number ≥ 1, got {value!r}")
        return value

    def non_negative_int(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.error(where, f"must be a whole number ≥ 0, got {value!r}")
        return value

    def positive_number(self, value: Any, where: str) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or value <= 0:
            raise self.error(where, f"must be a finite number > 0, got {value!r}")
        return float(value)

    def choice(self, value: Any, options: tuple[str, ...], where: str) -> str:
        if value not in options:
            raise self.error(where, f"must be one of {', '.join(options)}, got {value!r}")
        return str(value)


def _parse_field(ctx: _Context, layout: str, name: str, spec: Any, base: int = 0) -> FieldSpec:
    """Validate one field table."""
    where = f"field {layout}.{name}"
    spec = ctx.table(spec, where)
    unknown = sorted(set(spec) - FIELD_KEYS)
    if unknown:
        raise ctx.error(where, f"unknown key(s) {', '.join(unknown)}")
    kind = ctx.choice(spec.get("type"), TYPES, f"{where}: type")
    offset = base + ctx.non_negative_int(spec.get("offset"), f"{where}: offset")
    length = _field_length(ctx, where, kind, spec.get("length"))
    scale = ctx.positive_number(spec.get("scale", 1), f"{where}: scale")
    if kind == "ascii" and scale != 1:
        raise ctx.error(where, f"scale must be 1 for text, got {scale!r}")
    return FieldSpec(
        name=name,
        offset=offset,
        type=kind,
        length=length,
        scale=scale,
        word_order=ctx.choice(spec.get("word_order", "high_first"), ORDERS, f"{where}: word_order"),
        byte_order=ctx.choice(spec.get("byte_order", "high_first"), ORDERS, f"{where}: byte_order"),
    )


def _field_length(ctx: _Context, where: str, kind: str, length: Any) -> int:
    """The field's length in words, checked against its type."""
    if kind in FIXED_LENGTH:
        expected = FIXED_LENGTH[kind]
        if length is not None and length != expected:
            raise ctx.error(where, f"length of a {kind} is {expected} words, got {length!r}")
        return expected
    if kind == "bcd":
        value = 1 if length is None else length
        if value not in (1, 2):
            raise ctx.error(where, f"length of a bcd is 1 or 2 words, got {length!r}")
        return int(value)
    return ctx.positive_int(length, f"{where}: length (words of text)")


def _parse_layout(ctx: _Context, name: str, spec: Any) -> Layout:
    """Validate one layout: its fields, material positions, sizes and overlaps."""
    spec = ctx.table(spec, f"layouts.{name}")
    words = ctx.positive_int(spec.get("words"), f"layouts.{name}.words")
    fields = [
        _parse_field(ctx, name, fname, fspec)
        for fname, fspec in ctx.table(spec.get("fields"), f"layouts.{name}.fields").items()
    ]
    positions = _parse_positions(ctx, name, spec)
    if positions:
        template = ctx.table(spec.get("material"), f"layouts.{name}.material")
        for key in ("id", "kg"):
            if key not in template:
                raise ctx.error(f"layouts.{name}.material", f"needs an {key!r} field")
        for pos in positions:
            for key in ("id", "kg"):
                fname = f"material_{pos.equipment_id}_{key}"
                fields.append(_parse_field(ctx, name, fname, template[key], base=pos.offset))
    _check_fit(ctx, name, words, fields)
    for required in REQUIRED_FIELDS.get(name, ()):
        if required not in {f.name for f in fields}:
            raise ctx.error(f"field {name}.{required}", "required but missing")
    return Layout(name, words, MappingProxyType({f.name: f for f in fields}), tuple(positions))


def _parse_positions(ctx: _Context, layout: str, spec: Mapping[str, Any]) -> list[MaterialPosition]:
    """Validate the material positions of a layout (may be absent)."""
    raw = spec.get("positions", [])
    if not isinstance(raw, list):
        raise ctx.error(f"layouts.{layout}.positions", "must be an array of tables")
    positions: list[MaterialPosition] = []
    seen: set[int] = set()
    for index, entry in enumerate(raw):
        where = f"layouts.{layout}.positions[{index}]"
        entry = ctx.table(entry, where)
        eq_id = ctx.positive_int(entry.get("equipment_id"), f"{where}.equipment_id")
        if eq_id > 0xFFFF or eq_id in seen:
            raise ctx.error(f"{where}.equipment_id", f"{eq_id} is out of range or repeated")
        seen.add(eq_id)
        kind = ctx.choice(entry.get("kind", "silo"), ("silo", "liquid"), f"{where}.kind")
        offset = ctx.non_negative_int(entry.get("offset"), f"{where}.offset")
        positions.append(MaterialPosition(index, eq_id, kind, offset))
    return positions


def _check_fit(ctx: _Context, layout: str, words: int, fields: list[FieldSpec]) -> None:
    """Every field inside the record, and no two fields sharing a word."""
    for spec in fields:
        if spec.end > words:
            raise ctx.error(
                f"field {layout}.{spec.name}",
                f"words {spec.offset}..{spec.end - 1} go beyond the {words}-word record",
            )
    ordered = sorted(fields, key=lambda f: f.offset)
    for before, after in itertools.pairwise(ordered):
        if after.offset < before.end:
            raise ctx.error(
                f"field {layout}.{after.name}",
                f"overlaps field {layout}.{before.name} at word {after.offset}",
            )


def _parse_areas(
    ctx: _Context, data: Mapping[str, Any], layouts: dict[str, Layout], slots: int, stride: int
) -> dict[str, Area]:
    """Validate the four areas and check they neither overlap nor leave the address space."""
    tables = ctx.table(data.get("areas"), "areas")
    areas: dict[str, Area] = {}
    for name in AREA_NAMES:
        spec = ctx.table(tables.get(name), f"areas.{name}")
        base = ctx.non_negative_int(spec.get("base"), f"areas.{name}.base")
        layout_name = spec.get("layout")
        if layout_name not in layouts:
            raise ctx.error(f"areas.{name}.layout", f"unknown layout {layout_name!r}")
        layout = layouts[layout_name]
        slotted = bool(spec.get("slotted", False))
        if slotted and layout.words > stride:
            raise ctx.error(
                f"areas.{name}",
                f"layout {layout.name!r} has {layout.words} words > stride {stride}",
            )
        area = Area(name, base, layout, slots if slotted else 1, stride if slotted else 0)
        if area.end > MAX_ADDRESS:
            raise ctx.error(f"areas.{name}", f"ends at word {area.end - 1}, beyond 65535")
        areas[name] = area
    _check_areas_apart(ctx, areas)
    if not areas["write"].layout.positions:
        raise ctx.error("areas.write", "its layout has no material positions")
    return areas


def _check_areas_apart(ctx: _Context, areas: dict[str, Area]) -> None:
    """No word may belong to two areas."""
    spans = sorted(
        (start, start + count, area.name)
        for area in areas.values()
        for start, count in area.ranges()
    )
    reach, owner = -1, ""
    for start, end, name in spans:
        if start < reach:
            raise ctx.error(f"areas.{name}", f"overlaps area {owner} at word {start}")
        if end > reach:
            reach, owner = end, name


PADDINGS = ("nul", "space")


def _text_padding(ctx: _Context, table: Mapping[str, Any]) -> tuple[str, ...]:
    """`[text] padding`: which trailing bytes are padding; "nul" is always one of them."""
    value = table.get("padding", ["nul"])
    if not isinstance(value, list) or any(item not in PADDINGS for item in value):
        raise ctx.error("text.padding", f"must be a list of {', '.join(PADDINGS)}, got {value!r}")
    return tuple(sorted({"nul", *value}, key=PADDINGS.index))


def _handshake_field(ctx: _Context, table: Mapping[str, Any], key: str, area: Area) -> str:
    """A handshake flag must name a one-word field of its area's layout."""
    name = table.get(key)
    spec = area.layout.fields.get(name) if isinstance(name, str) else None
    if spec is None or spec.length != 1:
        raise ctx.error(
            f"handshake.{key}", f"{name!r} is not a one-word field of layout {area.layout.name!r}"
        )
    return str(name)
