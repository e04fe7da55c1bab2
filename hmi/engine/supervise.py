"""Alarms on what a finished batch shows: materials dosed beyond tolerance.

(Links down too long and batches dosing too long are stall rules: `hmi.engine.watchdog`.)
"""

from __future__ import annotations

from hmi.domain.alarms import Deviation, batch_key, deviations
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch
from hmi.engine.context import EngineContext


def check_tolerance(ctx: EngineContext, batch: Batch) -> None:
    """After a batch finished: an alarm naming each material outside the dosing tolerance."""
    tolerance = ctx.settings.batching.tolerance_pct
    found = deviations(
        ((ln.equipment_id, ln.product_ref, ln.planned_kg, ln.actual_kg) for ln in batch.lines),
        tolerance,
    )
    key = batch_key("tolerance", batch.mo_id)
    if not found:
        ctx.clear_alarm(key)
        return
    ctx.raise_alarm(
        key,
        msg(
            "alarm.tolerance",
            mo=batch.mo_name,
            tolerance=tolerance,
            materials=tuple(_described(ctx, d) for d in found),
        ),
    )


def _described(ctx: EngineContext, deviation: Deviation) -> Message:
    """One deviation with the material and silo as the plant's equipment table names them."""
    entry = ctx.equipment.by_id(deviation.equipment_id)
    where = ctx.equipment.for_ref(deviation.product_ref)
    material = where.material if where is not None and where.material else ""
    return deviation.describe(material, entry.name if entry is not None else "")
