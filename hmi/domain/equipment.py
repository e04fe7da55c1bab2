"""Equipment table: which silo or liquid tank doses which material (by Odoo internal reference).

The plant's default lives in `resources/equipment.toml`; the table is data, edited
when a silo is refilled with another material. Parsing is strict: every problem
is a ConfigError naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from hmi.domain.errors import ConfigError

#: The kinds of equipment the PLC knows.
KINDS = ("silo", "liquid")
#: Highest equipment id the PLC's u16 id register holds.
MAX_EQUIPMENT_ID = 65_535
_REQUIRED = ("id", "name", "kind", "product_ref")
_KNOWN = (*_REQUIRED, "material", "density_kg_per_l")
#: Densities outside this range (kg per litre) are typing mistakes, not liquids.
DENSITY_RANGE = (Decimal("0.1"), Decimal("25"))


@dataclass(frozen=True)
class Equipment:
    """One silo or liquid tank and the material (internal reference) it holds.

    `density_kg_per_l`: the material's density in kg per litre, configured for a tank whose
    material Odoo counts in a volume unit (litres, m³, gallons): only through it does a volume
    convert to the kilograms the PLC doses. None: volumes are refused for this equipment.
    """

    id: int
    name: str
    kind: str  # "silo" | "liquid"
    product_ref: str
    material: str = ""
    density_kg_per_l: Decimal | None = None


@dataclass(frozen=True)
class EquipmentTable:
    """All equipment of a line, looked up by internal reference or by id."""

    entries: tuple[Equipment, ...]

    def __post_init__(self) -> None:
        _check_unique(self.entries, "<table>")

    def for_ref(self, ref: str | None) -> Equipment | None:
        """The equipment holding the material with this internal reference, or None."""
        if not ref:
            return None
        wanted = ref.strip().casefold()
        return next((e for e in self.entries if e.product_ref.casefold() == wanted), None)

    def by_id(self, equipment_id: int) -> Equipment | None:
        """The equipment with this PLC id, or None."""
        return next((e for e in self.entries if e.id == equipment_id), None)

    @property
    def ids(self) -> tuple[int, ...]:
        """Equipment ids in table order."""
        return tuple(e.id for e in self.entries)

    def __iter__(self) -> Iterator[Equipment]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def parse_equipment_table(text: str, source: str) -> EquipmentTable:
    """Parse the TOML text of an equipment table; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"equipment"})
    if unknown:
        raise ConfigError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")
    raw = data.get("equipment")
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{source}: no [[equipment]] entries")
    entries = tuple(_parse_entry(item, index, source) for index, item in enumerate(raw, 1))
    _check_unique(entries, source)
    return EquipmentTable(entries)


def load_equipment_table(path: Path) -> EquipmentTable:
    """Read and parse an equipment table file; a missing or unreadable file is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the equipment table: {exc.strerror}") from exc
    return parse_equipment_table(text, str(path))


def _parse_entry(item: Any, index: int, source: str) -> Equipment:
    where = f"{source}: equipment entry {index}"
    if not isinstance(item, Mapping):
        raise ConfigError(f"{where}: must be a table")
    if "id" in item:
        where = f"{where} (id {item['id']!r})"
    missing = [key for key in _REQUIRED if key not in item]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    extra = sorted(set(item) - set(_KNOWN))
    if extra:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(extra)}")
    equipment_id = item["id"]
    if isinstance(equipment_id, bool) or not isinstance(equipment_id, int):
        raise ConfigError(f"{where}: id must be an integer")
    if not 1 <= equipment_id <= MAX_EQUIPMENT_ID:
        raise ConfigError(f"{where}: id must be between 1 and {MAX_EQUIPMENT_ID}")
    if item["kind"] not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {item['kind']!r}")
    texts = {key: item.get(key, "") for key in ("name", "product_ref", "material")}
    for key, value in texts.items():
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key} must be a string")
    for key in ("name", "product_ref"):
        if not texts[key].strip():
            raise ConfigError(f"{where}: {key} must not be empty")
    return Equipment(
        id=equipment_id,
        name=texts["name"].strip(),
        kind=item["kind"],
        product_ref=texts["product_ref"].strip(),
        material=texts["material"].strip(),
        density_kg_per_l=_density(item.get("density_kg_per_l"), where),
    )


def _density(value: Any, where: str) -> Decimal | None:
    """The configured density as the decimal written in the file (0.92 stays 0.92), or None."""
    if value is None:
        return None
    low, high = DENSITY_RANGE
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError(f"{where}: density_kg_per_l must be a number of kg per litre")
    try:
        density = Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise ConfigError(f"{where}: density_kg_per_l {value!r} is not a number") from None
    if not density.is_finite() or not low <= density <= high:
        raise ConfigError(
            f"{where}: density_kg_per_l {value!r} is not between {low} and {high} kg per litre"
        )
    return density


def _check_unique(entries: tuple[Equipment, ...], source: str) -> None:
    seen_ids: dict[int, Equipment] = {}
    seen_refs: dict[str, Equipment] = {}
    for entry in entries:
        if entry.id in seen_ids:
            raise ConfigError(f"{source}: equipment id {entry.id} appears twice")
        other = seen_refs.get(entry.product_ref.casefold())
        if other is not None:
            raise ConfigError(
                f"{source}: material {entry.product_ref} is in both equipment "
                f"{other.id} and {entry.id}; one material per silo or tank"
            )
        seen_ids[entry.id] = entry
        seen_refs[entry.product_ref.casefold()] = entry
