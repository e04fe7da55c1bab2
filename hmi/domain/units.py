"""Units of measure and the exact quantity type: the one place where quantities are converted.

The HMI carries every mass as a `Decimal` number of kilograms quantized to 0.01 kg (the
PLC's resolution, kg × 100 in its registers). Rounding happens once at each border:
where Odoo's numbers come in (`kg_from_odoo`), where the PLC's words come in (the codec),
and where a quantity goes back to Odoo in a move's own unit (`to_uom`, rounded to that
unit's `rounding` as Odoo keeps it). Rounding is half up (1.005 kg → 1.01 kg) everywhere.

Odoo's `uom.uom` records are normalized by the Odoo link into `Uom`: the kind of quantity
(weight, volume, other) and how many reference units one unit is (kg for weight, litres for
volume). Odoo 14–18 keep a `factor` per category (reference unit 1; g 1000; t 0.001),
Odoo 19 keeps the size in the root unit (`factor`: g 1, kg 1000, t 1 000 000) without
categories; the link turns both into `Uom.reference_per_unit`. A volume converts to kg only
through a density (kg per litre) configured for the tank that doses it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

#: Hundredths of a kilogram: the resolution of the PLC's quantity registers.
KG_STEP = Decimal("0.01")
#: Zero kilograms on the grid.
ZERO_KG = Decimal("0.00")


class UomKind(StrEnum):
    """The physical quantity a unit measures (Odoo ≤18: its category)."""

    WEIGHT = "weight"  # reference unit: kg
    VOLUME = "volume"  # reference unit: litre
    OTHER = "other"  # units, lengths, …: never convertible to kg


@dataclass(frozen=True)
class Uom:
    """An Odoo unit of measure, normalized.

    id, name: Odoo's `uom.uom` id and name ("kg", "g", "t", "Ton", "L");
    kind: what it measures; reference_per_unit: kg (weight) or litres (volume) in one unit;
    rounding: Odoo's rounding precision of quantities in this unit (e.g. 0.01, 1.0).
    """

    id: int
    name: str
    kind: UomKind
    reference_per_unit: Decimal
    rounding: Decimal = KG_STEP


#: The kilogram, as the PLC and the HMI count (Odoo's reference unit of weight ≤18).
KG = Uom(0, "kg", UomKind.WEIGHT, Decimal(1), KG_STEP)


class UnitError(ValueError):
    """A quantity cannot be converted: names the unit and why (the mapping refuses the MO)."""


def decimal_from_odoo(value: object) -> Decimal:
    """An Odoo JSON number as the decimal it was typed as (1.005 stays 1.005, not 1.00499…).

    Odoo sends floats; `repr` gives the shortest text that reads back as the same float,
    which is the number a user typed. `False` (Odoo's empty value) and None are zero.
    Raises UnitError for anything that is not a finite number.
    """
    if value is None or value is False:
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise UnitError(f"{value!r} is not a number")
    try:
        number = (
            value
            if isinstance(value, Decimal)
            else Decimal(repr(value) if isinstance(value, float) else str(value))
        )
    except InvalidOperation as exc:
        raise UnitError(f"{value!r} is not a number") from exc
    if not number.is_finite():
        raise UnitError(f"{value!r} is not a finite number")
    return number


def round_kg(kg: Decimal | int | float | str) -> Decimal:
    """Kilograms rounded half up to the PLC's 0.01 kg."""
    number = (
        kg if isinstance(kg, Decimal) else Decimal(repr(kg) if isinstance(kg, float) else str(kg))
    )
    return number.quantize(KG_STEP, rounding=ROUND_HALF_UP)


def as_kg(value: Decimal | int | float | str) -> Decimal:
    """A quantity in kg as the HMI carries it: a `Decimal` on the 0.01 kg grid.

    A Decimal or an int already on the grid is returned unchanged in value; anything finer
    (or a float, read through its shortest repr) is rounded once, half up. NaN and infinities
    pass through unchanged (a PLC may send them; plausibility refuses them by name). Raises
    UnitError for booleans and text that is not a number.
    """
    if isinstance(value, bool):
        raise UnitError(f"{value!r} is not a quantity")
    if isinstance(value, Decimal) and not value.is_finite():
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return Decimal(repr(value).replace("inf", "Infinity"))
    try:
        return round_kg(value)
    except (InvalidOperation, ValueError) as exc:
        raise UnitError(f"{value!r} is not a quantity in kg") from exc


def kg_total(values: Iterable[Decimal | None]) -> Decimal:
    """The sum of quantities in kg (missing ones count as 0), on the 0.01 kg grid."""
    return round_kg(sum((v for v in values if v is not None), Decimal(0)))


def to_kg(quantity: Decimal, uom: Uom, density_kg_per_l: Decimal | None = None) -> Decimal:
    """`quantity` in `uom` as exact (unrounded) kg.

    Weight converts by its factor; volume only with a density (kg per litre); anything else
    raises UnitError naming the unit.
    """
    if uom.kind is UomKind.WEIGHT:
        return quantity * uom.reference_per_unit
    if uom.kind is UomKind.VOLUME:
        if density_kg_per_l is None:
            raise UnitError(f"{uom.name} is a volume and no density is configured")
        return quantity * uom.reference_per_unit * density_kg_per_l
    raise UnitError(f"{uom.name} is neither a weight nor a volume")


def kg_from_odoo(value: object, uom: Uom, density_kg_per_l: Decimal | None = None) -> Decimal:
    """An Odoo quantity in `uom` as kg rounded once, half up, to 0.01 kg (the border in)."""
    return round_kg(to_kg(decimal_from_odoo(value), uom, density_kg_per_l))


def to_uom(kg: Decimal, uom: Uom, density_kg_per_l: Decimal | None = None) -> Decimal:
    """kg as a quantity in `uom`, rounded half up to the unit's rounding (the border out)."""
    if uom.kind is UomKind.WEIGHT:
        exact = kg / uom.reference_per_unit
    elif uom.kind is UomKind.VOLUME:
        if density_kg_per_l is None or density_kg_per_l <= 0:
            raise UnitError(f"{uom.name} is a volume and no density is configured")
        exact = kg / density_kg_per_l / uom.reference_per_unit
    else:
        raise UnitError(f"{uom.name} is neither a weight nor a volume")
    step = uom.rounding if uom.rounding > 0 else KG_STEP
    return (exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
