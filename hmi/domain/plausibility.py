"""Plausibility of PLC feedback against the batch it belongs to (invariant 5).

`hmi.plc.slots.decode_feedback_slot` already lists what is wrong within a slot on its own;
this adds what only the plan can tell: an actual far above its planned quantity, material
the batch never asked for, a finished weight out of proportion, a different MO. Quantities
are `Decimal` kg; NaN and infinities (an IEEE field) are named, never compared.
"""

from __future__ import annotations

import math
from decimal import Decimal

from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.units import ZERO_KG


def _value_problem(what: str, value: Decimal, limit: Decimal | None) -> str | None:
    """Why a kg value is implausible (NaN, infinite, negative, above `limit`), or None."""
    if not value.is_finite():
        return f"{what} is not a number ({value})"
    if value < 0:
        return f"{what} is negative ({value:.2f} kg)"
    if limit is not None and value > limit:
        return f"{what} {value:.2f} kg is above {limit:.2f} kg"
    return None


def _limit(planned: Decimal, factor: Decimal, max_kg: Decimal | None) -> Decimal:
    """The largest plausible value for a planned quantity."""
    limit = factor * max(planned, ZERO_KG)
    return limit if max_kg is None else min(limit, max_kg)


def check_against_plan(
    feedback: SlotFeedback,
    batch: Batch,
    *,
    factor: float | Decimal = 3,
    max_kg: float | Decimal | None = None,
) -> tuple[str, ...]:
    """Reasons the slot's values must not be stored as this batch's actuals (empty if none)."""
    if isinstance(factor, float) and not math.isfinite(factor):
        raise ValueError(f"plausibility factor must be a finite number > 0, got {factor!r}")
    times = _decimal(factor)
    if not times.is_finite() or times <= 0:
        raise ValueError(f"plausibility factor must be a finite number > 0, got {factor!r}")
    ceiling = None if max_kg is None else _decimal(max_kg)
    label = f"slot {feedback.slot} ({batch.mo_name})"
    problems: list[str] = []
    if feedback.mo_name != batch.mo_name:
        problems.append(f"{label}: PLC reports MO {feedback.mo_name!r}")
    readings = {m.equipment_id: m for m in feedback.materials}
    planned = {line.equipment_id: line.planned_kg for line in batch.lines}
    for eq_id in sorted(planned.keys() - readings.keys()):
        problems.append(f"{label}: equipment {eq_id} missing from the PLC feedback")
    for eq_id, reading in sorted(readings.items()):
        plan = planned.get(eq_id, ZERO_KG)
        what = f"equipment {eq_id} actual (planned {plan:.2f} kg)"
        problem = _value_problem(what, reading.actual_kg, _limit(plan, times, ceiling))
        if problem:
            problems.append(f"{label}: {problem}")
    weight_limit = _limit(batch.quantity_kg, times, ceiling)
    problem = _value_problem("finished weight", feedback.finished_weight_kg, weight_limit)
    if problem:
        problems.append(f"{label}: {problem}")
    return tuple(problems)


def _decimal(value: float | Decimal) -> Decimal:
    """A setting's number as the decimal it was written as."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))
