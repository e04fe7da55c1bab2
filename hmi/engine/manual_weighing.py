"""Manual weighing (Task 2): the PLC's hand-added materials reach the batch and Odoo once.

Like the equipment-failure block: the record is read, STORED (and booked on its batch line
in the same transaction, with its audit entry), and only then acknowledged to the PLC. A
crash between storing and acknowledging finds the same record stored and unacknowledged at
the next read and acknowledges it without booking it again (hmi.store.manual_store). Task 2
reads the block before the feedback area, so a record the PLC publishes before it reports
the batch finished is booked before the finished batch is stored (and reported).
Where a record goes, and why a material that is not a component is not booked in Odoo:
hmi.domain.manual.
"""

from __future__ import annotations

from hmi.crashpoints import crashpoint
from hmi.domain.errors import HmiError
from hmi.domain.manual import ManualAddition, parse_manual_materials, place
from hmi.domain.messages import msg
from hmi.engine.context import EngineContext


def manual_materials(ctx: EngineContext) -> dict[int, str]:
    """`[batching] manual_materials` as code → internal reference (checked at start-up)."""
    try:
        return parse_manual_materials(ctx.settings.batching.manual_materials)
    except ValueError:
        return {}


async def take_manual_weighing(ctx: EngineContext) -> ManualAddition | None:
    """Read the manual-weighing block; store and book a new record, then acknowledge it."""
    try:
        record = await ctx.plc.read_manual_weighing()
    except HmiError:
        return None
    if record is None:
        return None
    batches = await ctx.db.call(ctx.store.batches)
    where = place(
        batches,
        record.batch_no,
        record.material_code,
        record.weight_kg,
        record.problems,
        ctx.equipment,
        manual_materials(ctx),
    )
    stored: ManualAddition = await ctx.db.call(
        ctx.store.store_manual,
        batch_no=record.batch_no,
        material_code=record.material_code,
        weight_kg=record.weight_kg,
        operator_id=record.operator_id,
        scale_id=record.scale_id,
        weighed_at=record.weighed_at.replace(tzinfo=None) if record.weighed_at else None,
        raw_words=record.raw_words,
        product_ref=where.product_ref,
        mo_id=where.batch.mo_id if where.batch is not None else None,
        equipment_id=where.equipment_id,
        reason=where.reason,
        produced_policy=ctx.settings.batching.produced_policy,
        claimed_by=ctx.owner,
    )
    crashpoint("manual.after_store")
    await ctx.plc.acknowledge_manual_weighing()
    await ctx.db.call(ctx.store.mark_manual_acknowledged, stored.id)
    if stored.booked:
        ctx.event(
            "INFO",
            "plc",
            msg(
                "manual.booked",
                mo=stored.mo_name,
                material=stored.product_ref,
                kg=stored.weight_kg,
                operator=stored.operator_id,
            ),
        )
    else:
        ctx.raise_alarm(
            f"manual.{stored.id}",
            msg(
                "manual.not_booked",
                material=stored.product_ref or str(stored.material_code),
                kg=stored.weight_kg,
                why=stored.reason or msg("manual.unknown"),
            ),
        )
    return stored
