"""Plausibility of PLC feedback against the batch it belongs to (invariant 5).

`hmi.plc.slots.decode_feedback_slot` already lists what is wrong within a slot on its own;
this adds what only the plan can tell: an actual far above its planned quantity, material
the batch never asked for, a finished weight out of proportion, a different MO. Quantities
are `Decimal` kg; NaN and infinities (an IEEE field) are named, never compared.
"""

from __future__ import annotations

import math
from decimal import Decimal

from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.units import ZERO_KG


def _value_problem(
    where: Message, what: Message, value: Decimal, limit: Decimal | None
) -> Message | None:
    """Why a kg value is implausible (NaN, infinite, negative, above `limit`), or None."""
    if not value.is_finite():
        return msg("plc.problem.not_number", where=where, what=what, value=str(value))
    if value < 0:
        return msg("plc.problem.negative", where=where, what=what, value=f"{value:.2f}")
    if limit is not None and value > limit:
        return msg("plc.problem.above", where=where, what=what, value=value, limit=limit)
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
) -> tuple[Message, ...]:
    """Reasons the slot's values must not be stored as this batch's actuals (empty if none)."""
    if isinstance(factor, float) and not math.isfinite(factor):
        raise ValueError(f"plausibility factor must be a finite number > 0, got {factor!r}")
    times = _decimal(factor)
    if not times.is_finite() or times <= 0:
        raise ValueError(f"plausibility factor must be a finite number > 0, got {factor!r}")
    ceiling = None if max_kg is None else _decimal(max_kg)
    where = msg("plc.where.slot_of", slot=feedback.slot, mo=batch.mo_name)
    problems: list[Message] = []
    if feedback.mo_name != batch.mo_name:
        problems.append(msg("plc.problem.other_mo", where=where, read=feedback.mo_name))
    readings = {m.equipment_id: m for m in feedback.materials}
    planned = {line.equipment_id: line.planned_kg for line in batch.lines}
    for eq_id in sorted(planned.keys() - readings.keys()):
        problems.append(msg("plc.problem.missing", where=where, equipment=eq_id))
    for eq_id, reading in sorted(readings.items()):
        plan = planned.get(eq_id, ZERO_KG)
        what = msg("plc.what.planned_actual", equipment=eq_id, planned=plan)
        problem = _value_problem(where, what, reading.actual_kg, _limit(plan, times, ceiling))
        if problem:
            problems.append(problem)
    weight_limit = _limit(batch.quantity_kg, times, ceiling)
    weight = msg("plc.what.finished_weight")
    problem = _value_problem(where, weight, feedback.finished_weight_kg, weight_limit)
    if problem:
        problems.append(problem)
    return tuple(problems)


def _decimal(value: float | Decimal) -> Decimal:
    """A setting's number as the decimal it was written as."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))
