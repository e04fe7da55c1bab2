"""Supervised recovery commands (issue 11): each behind the supervisor PIN, audited, refused
with a reason when unsafe, run under Task 2's lock with fresh PLC data.

The engine exposes them as methods (`Engine.resend_lost_batches`, …); the window greys each
out with the reason from `hmi.engine.recovery_checks` while it cannot run.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from hmi.domain.acks import AckState
from hmi.domain.audit import AuditNote
from hmi.domain.errors import HmiError, ValidationError
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.roles import Command, command_message
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.domain.units import UnitError, decimal_from_odoo, round_kg
from hmi.domain.unknown_batches import UnknownSlot, UnknownState
from hmi.engine.gate import mark_not_ready, read_ready
from hmi.engine.plc_reconcile import block_gate
from hmi.engine.recovery_checks import (
    acknowledgeable,
    feedback_of,
    resendable,
    storable,
    why_not_ack_slot,
    why_not_decide,
    why_not_resend,
    why_not_resolve,
)
from hmi.engine.sync import store_finished

if TYPE_CHECKING:
    from hmi.engine.engine import Engine, Pin


def _refuse(why: Message | None) -> None:
    if why is not None:
        raise ValidationError(why)


def _reason(reason: str, command: Command) -> str:
    if not reason.strip():
        raise ValidationError(msg("engine.reason_required", command=command_message(command)))
    return reason.strip()


def _words(fb: SlotFeedback) -> str:
    return " ".join(str(w) for w in fb.raw_words)


async def _fresh_feedback(engine: Engine) -> None:
    """Read the feedback area and the ready flag now (inside Task 2's lock)."""
    try:
        engine.sync_state.feedback = tuple(await engine.ctx.plc.read_feedback())
        engine.sync_state.feedback_ok = True
    except HmiError as exc:
        raise ValidationError(msg("why.plc_unreadable_now", error=exc.message)) from exc
    await read_ready(engine.ctx)


# -- resend the batches a PLC lost ------------------------------------------------------------


async def resend_lost(engine: Engine, actor: str, reason: str, pin: Pin) -> int:
    """Write the sent batches the PLC has not started to it again; return how many."""
    why = _reason(reason, Command.RESEND_BATCHES)
    user = await engine.roles.require(pin, Command.RESEND_BATCHES, actor)
    return await engine.sync_flight.run_waiting(lambda: _resend(engine, user.name, why))


async def _resend(engine: Engine, actor: str, reason: str) -> int:
    ctx, sync = engine.ctx, engine.sync_state
    await _fresh_feedback(engine)
    batches = await ctx.db.call(ctx.store.batches)
    _refuse(why_not_resend(batches, sync, ctx.ready.value))
    again = resendable(batches, sync)
    await ctx.plc.write_batches(again, require_ready=True)
    mark_not_ready(ctx)
    for batch in again:
        sync.forget_run(batch.slot, batch.mo_id)
    sync.lost = ()
    names = ", ".join(b.mo_name for b in again)
    note = AuditNote(actor, "", "resend batches", names, "", str(len(again)), reason)
    await ctx.db.call(ctx.store.write_audit, note)
    ctx.event(
        "WARNING",
        "operator",
        msg("recovery.resent", actor=actor, count=len(again), names=names, reason=reason),
    )
    return len(again)


# -- acknowledge a finished slot the HMI has no batch for -------------------------------------


async def ack_slot(
    engine: Engine, slot: int, shown_words: tuple[int, ...], actor: str, reason: str, pin: Pin
) -> None:
    """Acknowledge slot `slot` after the supervisor saw its words (they must not have changed)."""
    why = _reason(reason, Command.ACK_PLC_SLOT)
    user = await engine.roles.require(pin, Command.ACK_PLC_SLOT, actor)
    await engine.sync_flight.run_waiting(
        lambda: _ack_slot(engine, slot, shown_words, user.name, why)
    )


async def _ack_slot(
    engine: Engine, slot: int, shown: tuple[int, ...], actor: str, reason: str
) -> None:
    ctx, sync = engine.ctx, engine.sync_state
    await _fresh_feedback(engine)
    batches = await ctx.db.call(ctx.store.batches)
    _refuse(why_not_ack_slot(batches, sync, slot))
    fb = acknowledgeable(batches, sync, slot)
    assert fb is not None
    if tuple(shown) != fb.raw_words:
        raise ValidationError(msg("why.ack_slot.changed", slot=slot))
    await ctx.plc.acknowledge_finished(slot)
    note = AuditNote(
        actor,
        "",
        "acknowledge PLC slot",
        f"slot {slot}",
        _words(fb),
        f"acknowledged ({fb.mo_name or 'no MO name'})",
        reason,
    )
    await ctx.db.call(
        ctx.store.audited, note, ctx.store.put_slot_ack, slot, fb.mo_name, AckState.DONE, None
    )
    ctx.event(
        "WARNING",
        "operator",
        msg(
            "recovery.slot_acknowledged",
            actor=actor,
            slot=slot,
            mo=fb.mo_name or "-",
            reason=reason,
        ),
    )


# -- implausible values ----------------------------------------------------------------------


async def decide(
    engine: Engine,
    mo_id: int,
    decision: Decision,
    actor: str,
    reason: str,
    weights: Mapping[int, Decimal | float | int] | None,
    pin: Pin,
) -> None:
    """Apply a supervisor's decision about a batch whose PLC values are implausible."""
    choice = Decision(decision)
    why = reason.strip()
    if choice is not Decision.READ_AGAIN:
        why = _reason(reason, Command.DECIDE_IMPLAUSIBLE)
        actor = (await engine.roles.require(pin, Command.DECIDE_IMPLAUSIBLE, actor)).name
    await engine.sync_flight.run_waiting(
        lambda: _decide(engine, mo_id, choice, actor, why, weights)
    )


async def _decide(
    engine: Engine,
    mo_id: int,
    choice: Decision,
    actor: str,
    reason: str,
    weights: Mapping[int, Decimal | float | int] | None,
) -> None:
    ctx, sync = engine.ctx, engine.sync_state
    batches = await ctx.db.call(ctx.store.batches)
    _refuse(why_not_decide(batches, sync, mo_id))
    batch = next(b for b in batches if b.mo_id == mo_id)
    if choice is Decision.READ_AGAIN:
        sync.implausible.pop(mo_id, None)
        again = AuditNote(actor, "", "read again", batch.mo_name, "", "", reason)
        await ctx.db.call(ctx.store.write_audit, again)
        ctx.event("INFO", "operator", msg("recovery.read_again", actor=actor, mo=batch.mo_name))
        return
    await _fresh_feedback(engine)
    fb = feedback_of(sync, batch.slot)
    if choice is not Decision.ACCEPT:  # accepting checks its values below, with the weights
        _refuse(why_not_decide(batches, sync, mo_id, choice))
    elif not (fb is not None and fb.mo_name == batch.mo_name and (fb.finished or fb.failed)):
        raise ValidationError(msg("why.decide.still_dosing", mo=batch.mo_name, slot=batch.slot))
    if choice is Decision.ABORT:
        await _abort(engine, batch, fb, actor, reason)
        return
    assert fb is not None
    actuals = {m.equipment_id: m.actual_kg for m in fb.materials}
    if choice is Decision.ENTER:
        actuals.update(_checked_weights(batch, weights))
    used = {line.equipment_id for line in batch.lines}
    bad = sorted(eq for eq, kg in actuals.items() if eq in used and not storable(kg))
    if bad:
        raise ValidationError(
            msg("why.decide.not_storable", mo=batch.mo_name, equipment=", ".join(map(str, bad)))
        )
    before = "; ".join(str(p) for p in sync.implausible.get(mo_id, (0, ()))[1])
    note = msg(
        "recovery.note", decision=msg(f"decision.{choice.value}"), actor=actor, reason=reason
    )
    weight = fb.finished_weight_kg if choice is Decision.ACCEPT else Decimal(0)
    after = ", ".join(f"{eq}: {actuals[eq]:.2f} kg" for eq in sorted(used) if eq in actuals)
    audit = AuditNote(
        actor, "", f"implausible: {choice.value}", batch.mo_name, before, after, reason
    )
    if fb.failed:
        await ctx.db.call(
            ctx.store.audited,
            audit,
            ctx.store.record_actuals,
            mo_id,
            {e: k for e, k in actuals.items() if e in used},
            state=BatchState.FAILED,
            note=note.to_json(),
            acknowledge=True,
        )
    else:
        await store_finished(
            ctx, batch, actuals, weight, note=note, confirmed_by=actor, audit=audit
        )
    sync.implausible.pop(mo_id, None)
    ctx.event(
        "WARNING",
        "operator",
        msg(
            "recovery.decided",
            actor=actor,
            mo=batch.mo_name,
            decision=msg(f"decision.{choice.value}"),
            reason=reason,
        ),
    )


def _checked_weights(
    batch: Batch, weights: Mapping[int, Decimal | float | int] | None
) -> dict[int, Decimal]:
    """The scale ticket's weights: kg per equipment id of this batch, finite and ≥ 0,
    rounded once to the PLC's 0.01 kg (a float is read as the decimal it was typed as)."""
    if not weights:
        raise ValidationError(msg("why.decide.weights_needed", mo=batch.mo_name))
    used = {line.equipment_id for line in batch.lines}
    out: dict[int, Decimal] = {}
    for eq, kg in weights.items():
        if eq not in used:
            raise ValidationError(msg("why.decide.unknown_equipment", mo=batch.mo_name, eq=eq))
        try:
            value = decimal_from_odoo(kg) if not isinstance(kg, bool) else Decimal("NaN")
        except UnitError:
            value = Decimal("NaN")
        if not storable(value):
            raise ValidationError(msg("why.decide.bad_weight", eq=eq, value=str(kg)))
        out[eq] = round_kg(value)
    return out


async def _abort(
    engine: Engine, batch: Batch, fb: SlotFeedback | None, actor: str, reason: str
) -> None:
    """Cancel the batch: its slot is acknowledged if the PLC shows it finished or failed."""
    ctx = engine.ctx
    if fb is not None and fb.mo_name == batch.mo_name and (fb.finished or fb.failed):
        await ctx.db.call(
            ctx.store.put_slot_ack, batch.slot, batch.mo_name, AckState.PENDING, batch.mo_id
        )
    before = "; ".join(str(p) for p in engine.sync_state.implausible.get(batch.mo_id, (0, ()))[1])
    engine.sync_state.implausible.pop(batch.mo_id, None)
    await engine.cancel_unlocked(batch.mo_id, actor, reason)
    await ctx.db.call(
        ctx.store.audit, actor, "implausible: abort", batch.mo_name, before, "cancelled", reason
    )


# -- report claims ---------------------------------------------------------------------------


async def release_claim(engine: Engine, mo_id: int, actor: str, reason: str, pin: Pin) -> None:
    """Drop another process's report claim on a batch (it crashed on another host)."""
    why = _reason(reason, Command.RELEASE_CLAIM)
    actor = (await engine.roles.require(pin, Command.RELEASE_CLAIM, actor)).name
    ctx = engine.ctx
    held = await ctx.db.call(ctx.store.claim_of, mo_id)
    if held is None or held[0] == ctx.owner:
        raise ValidationError(msg("why.release.none"))
    note = AuditNote(actor, "", "release report claim", str(mo_id), held[0], "", why)
    await ctx.db.call(ctx.store.audited, note, ctx.store.release_claim, mo_id, held[0])
    ctx.claim_waits.pop(mo_id, None)
    ctx.event(
        "WARNING",
        "operator",
        msg("recovery.claim_released", actor=actor, mo_id=mo_id, owner=held[0], reason=why),
    )


# -- unknown batches on the PLC ----------------------------------------------------------------


async def resolve_unknown(engine: Engine, actor: str, reason: str, pin: Pin) -> int:
    """Clear the PLC's unknown batches and acknowledge its unknown finished slots; unblock.
    The MOs whose dosing had started stay withheld from the fetch (hmi.domain.unknown_batches)."""
    why = _reason(reason, Command.RESOLVE_UNKNOWN_PLC)
    user = await engine.roles.require(pin, Command.RESOLVE_UNKNOWN_PLC, actor)
    return await engine.sync_flight.run_waiting(lambda: _resolve(engine, user.name, why))


async def _resolve(engine: Engine, actor: str, reason: str) -> int:
    ctx, sync = engine.ctx, engine.sync_state
    sync.unknown = tuple(await ctx.db.call(ctx.store.unknown_batches, UnknownState.BLOCKING))
    _refuse(why_not_resolve(sync))
    await _fresh_feedback(engine)
    batches = await ctx.db.call(ctx.store.batches)
    ours = {b.slot for b in batches}
    _refuse(why_not_resolve(sync))  # again, with the feedback read now
    try:
        written = {w.slot: w for w in await ctx.plc.read_written()}
    except HmiError as exc:
        raise ValidationError(msg("why.plc_unreadable_now", error=exc.message)) from exc
    for unknown in sync.unknown:  # the PLC first: nothing is decided if it refuses
        held = written.get(unknown.slot)
        if unknown.slot not in ours and held is not None and held.mo_name == unknown.mo_name:
            await ctx.plc.clear_slot(unknown.slot)  # never run (again) what no one knows
            # a PLC that took the slot already shows it finished anyway: acknowledged then
            await ctx.db.call(
                ctx.store.put_slot_ack, unknown.slot, unknown.mo_name, AckState.EXPECTED
            )
        fb = feedback_of(sync, unknown.slot)
        here = fb is not None and fb.mo_name == unknown.mo_name
        if here and fb is not None and (fb.finished or fb.failed):
            if not fb.read_flag:
                await ctx.plc.acknowledge_finished(unknown.slot)
            await ctx.db.call(ctx.store.put_slot_ack, unknown.slot, fb.mo_name, AckState.DONE)

    def decide_and_audit() -> list[UnknownSlot]:  # one transaction: decided means audited
        decided = ctx.store.decide_unknown(actor, reason)
        for unknown in decided:
            ctx.store.write_audit(
                AuditNote(
                    actor,
                    "",
                    "resolve unknown PLC batch",
                    f"slot {unknown.slot}",
                    " ".join(map(str, unknown.words)),
                    str(unknown.message()),
                    reason,
                )
            )
        return decided

    decided = await ctx.db.call(ctx.store.atomic, decide_and_audit)
    withheld = sorted({u.mo_name for u in decided if u.dosed})
    sync.unknown = ()
    block_gate(ctx, ())
    if withheld:
        ctx.event("WARNING", "operator", msg("recovery.withheld", names=", ".join(withheld)))
    ctx.event(
        "WARNING",
        "operator",
        msg("recovery.unknown_resolved", actor=actor, count=len(decided), reason=reason),
    )
    return len(decided)


async def release_withheld(engine: Engine, mo_name: str, actor: str, reason: str, pin: Pin) -> None:
    """Let the fetch take an MO dosed outside the queue again (settled in Odoo meanwhile)."""
    why = _reason(reason, Command.RESOLVE_UNKNOWN_PLC)
    actor = (await engine.roles.require(pin, Command.RESOLVE_UNKNOWN_PLC, actor)).name
    ctx = engine.ctx
    note = AuditNote(actor, "", "release withheld MO", mo_name.strip(), "withheld", "", why)

    def release() -> None:  # one transaction: refused (rolled back) unless one was withheld
        if not ctx.store.release_withheld(mo_name.strip()):
            raise ValidationError(msg("why.withheld.none", mo=mo_name.strip()))

    await ctx.db.call(ctx.store.audited, note, release)
    ctx.last_said.pop(f"withheld.{mo_name.strip()}", None)
    ctx.event(
        "WARNING", "operator", msg("recovery.released", actor=actor, mo=mo_name.strip(), reason=why)
    )
