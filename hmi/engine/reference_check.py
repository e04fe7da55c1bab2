"""Reference data checked against waiting batches: the equipment table may change under them.

The equipment table's header tells people to edit it when a silo is refilled. A batch mapped
before the change still plans the old silo: the PLC would dose the new material and the HMI
would report it to Odoo as the old one. At start-up and whenever the table changes, every
batch not yet dosed (queued, sent, failed) is compared with the table; a batch whose
material is no longer in its silo is *held*: an alarm `held.<mo id>` (kept across restarts)
says what changed, and a held batch is not written to the PLC until a supervisor resends it
with the current mapping (`resend_with_current_table`) or cancels it.
"""

from __future__ import annotations

from hmi.domain.audit import AuditNote
from hmi.domain.equipment import EquipmentTable
from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch
from hmi.domain.states import BatchState
from hmi.engine.context import EngineContext

#: States whose lines are not dosed yet (a failed batch is dosed again on retry).
NOT_DOSED = (BatchState.QUEUED, BatchState.SENT, BatchState.FAILED)
HELD = "held"


def held_key(mo_id: int) -> str:
    """The alarm key of a held batch."""
    return f"{HELD}.{mo_id}"


def held_mo_id(key: str) -> int | None:
    """The MO id of a held batch's alarm key ("held.17" → 17), else None."""
    kind, _, rest = key.partition(".")
    return int(rest) if kind == HELD and rest.isdigit() else None


def is_held(ctx: EngineContext, mo_id: int) -> bool:
    """True while the batch is held by an equipment table change."""
    return held_key(mo_id) in ctx.alarms


def changes(batch: Batch, table: EquipmentTable) -> tuple[Message, ...]:
    """What changed for each line: its material moved to another silo, or is in none."""
    found = []
    for line in batch.lines:
        where = table.for_ref(line.product_ref)
        planned = table.by_id(line.equipment_id)
        planned_name = planned.name if planned else str(line.equipment_id)
        if where is None:
            found.append(msg("reference.gone", product=line.product_ref, planned=planned_name))
        elif where.id != line.equipment_id:
            found.append(
                msg(
                    "reference.moved",
                    product=line.product_ref,
                    equipment=where.name,
                    planned=planned_name,
                )
            )
    return tuple(found)


async def check_reference(ctx: EngineContext) -> int:
    """Hold every waiting batch whose materials moved; release those that match again.
    Returns how many are held."""
    batches = await ctx.db.call(ctx.store.batches)
    waiting = [b for b in batches if b.state in NOT_DOSED]
    held = 0
    for batch in waiting:
        found = changes(batch, ctx.equipment)
        if found:
            held += 1
            ctx.raise_alarm(
                held_key(batch.mo_id), msg("reference.held", mo=batch.mo_name, changes=found)
            )
        else:
            ctx.clear_alarm(held_key(batch.mo_id))
    if waiting:
        ctx.event("INFO", "engine", msg("reference.checked", count=len(waiting), held=held))
    return held


async def resend_with_current_table(
    ctx: EngineContext, mo_id: int, actor: str, reason: str = ""
) -> Batch:
    """Remap a held batch's lines to the silos the current table names, then release it (a
    queued one is written with the next fill's resume, a failed one on retry)."""
    batch = await ctx.db.call(ctx.store.get, mo_id)
    if batch is None:
        raise ValidationError(msg("why.batch_gone"))
    if not is_held(ctx, mo_id):
        raise ValidationError(msg("reference.not_held", mo=batch.mo_name))
    if batch.state not in (BatchState.QUEUED, BatchState.FAILED):
        state = msg(f"batch.state.{batch.state.value}")
        raise ValidationError(msg("reference.on_plc", mo=batch.mo_name, state=state))
    remap = {}
    for line in batch.lines:
        where = ctx.equipment.for_ref(line.product_ref)
        if where is None:
            raise ValidationError(
                msg("reference.gone", product=line.product_ref, planned=str(line.equipment_id))
            )
        remap[line.move_id] = where.id
    note = AuditNote(
        actor, "", "resend with current table", batch.mo_name, "held", "released", reason
    )
    remapped: Batch = await ctx.db.call(
        ctx.store.audited, note, ctx.store.remap_lines, mo_id, remap
    )
    ctx.clear_alarm(held_key(mo_id))
    ctx.event("WARNING", "operator", msg("reference.resent", actor=actor, mo=batch.mo_name))
    return remapped
