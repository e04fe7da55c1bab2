"""Input checks shared by the store's repositories; each error names the value and the reason."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from hmi.domain.errors import ValidationError
from hmi.domain.units import as_kg


def check_id(what: str, value: Any) -> int:
    """A positive integer id (booleans refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValidationError(f"{what} {value!r} is not a positive integer id")
    return value


def check_kg(what: str, value: Any, *, optional: bool = False, positive: bool = False) -> Any:
    """A finite, non-negative (or positive) quantity as `Decimal` kg on the 0.01 kg grid.

    A Decimal or int is taken as it is (rounded half up if finer than 0.01 kg); a float is
    read through its shortest repr (`hmi.domain.units.as_kg`).
    """
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValidationError(f"{what} {value!r} is not a finite number of kg")
    kg = as_kg(value)
    if not kg.is_finite():
        raise ValidationError(f"{what} {value!r} is not a finite number of kg")
    if kg < 0 or (positive and kg == 0):
        sign = "greater than 0" if positive else "0 or more"
        raise ValidationError(f"{what} {value!r} kg must be {sign}")
    return kg


def check_text(what: str, value: Any, max_len: int | None = None, *, required: bool = False) -> str:
    """A string, non-empty if required, at most max_len characters."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} {value!r} is not text")
    if required and not value.strip():
        raise ValidationError(f"{what} is empty: it is required")
    if max_len is not None and len(value) > max_len:
        raise ValidationError(f"{what} {value[:40]!r}… is longer than {max_len} characters")
    return value


def check_time(what: str, value: Any, *, optional: bool = True) -> Any:
    """A timezone-aware datetime (or None when optional)."""
    if value is None and optional:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"{what} {value!r} is not a timezone-aware datetime")
    return value


def check_count(what: str, value: Any) -> int:
    """A non-negative integer."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"{what} {value!r} is not a whole number ≥ 0")
    return value


def check_limit(what: str, value: Any, maximum: int) -> int:
    """A row count 1..maximum."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValidationError(f"{what} {value!r} must be a whole number from 1 to {maximum}")
    return value
