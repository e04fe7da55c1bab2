"""Units of measure: exact conversion to kg, rounding once, half up, at each border."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmi.domain.units import (
    KG,
    UnitError,
    Uom,
    UomKind,
    decimal_from_odoo,
    kg_from_odoo,
    round_kg,
    to_kg,
    to_uom,
)

GRAM = Uom(2, "g", UomKind.WEIGHT, Decimal("0.001"), Decimal("1"))
TONNE = Uom(3, "t", UomKind.WEIGHT, Decimal(1000), Decimal("0.001"))
LITRE = Uom(4, "L", UomKind.VOLUME, Decimal(1), Decimal("0.01"))
UNITS = Uom(5, "Units", UomKind.OTHER, Decimal(1), Decimal(1))


@pytest.mark.parametrize(
    ("value", "kg"), [(1.005, "1.01"), (2.675, "2.68"), (0.125, "0.13"), (600.004, "600.00")]
)
def test_odoo_floats_round_once_half_up(value: float, kg: str) -> None:
    assert kg_from_odoo(value, KG) == Decimal(kg)


def test_odoo_false_is_zero_and_nonsense_is_refused() -> None:
    assert decimal_from_odoo(False) == 0
    with pytest.raises(UnitError):
        decimal_from_odoo("abc")
    with pytest.raises(UnitError):
        decimal_from_odoo(float("nan"))


def test_weights_convert_exactly() -> None:
    assert kg_from_odoo(2.0, TONNE) == Decimal("2000.00")
    assert kg_from_odoo(2500.0, GRAM) == Decimal("2.50")
    assert to_uom(Decimal("1997.94"), TONNE) == Decimal("1.998")
    assert to_uom(Decimal("2.50"), GRAM) == Decimal("2500")


def test_volume_needs_a_density_and_other_units_are_refused() -> None:
    with pytest.raises(UnitError, match="L is a volume"):
        to_kg(Decimal(20), LITRE)
    assert kg_from_odoo(20.0, LITRE, Decimal("1.4")) == Decimal("28.00")
    assert to_uom(Decimal("28.00"), LITRE, Decimal("1.4")) == Decimal("20.00")
    with pytest.raises(UnitError, match="Units is neither"):
        to_kg(Decimal(1), UNITS)


@given(st.integers(min_value=0, max_value=4_294_967_295))
def test_hundredths_survive_a_trip_through_grams_and_tonnes(centi: int) -> None:
    kg = Decimal(centi) / 100
    assert round_kg(to_kg(to_uom(kg, GRAM), GRAM)) == kg
    fine_tonne = Uom(3, "t", UomKind.WEIGHT, Decimal(1000), Decimal("0.00001"))
    assert round_kg(to_kg(to_uom(kg, fine_tonne), fine_tonne)) == kg
