"""Why a supervised recovery command cannot run now: one check per command, no I/O.

Each check returns None when the command may run, else a Message saying why not. The
window reaches them through `hmi.engine.permissions.why_not` (with the facts of the latest
snapshot, `RecoveryFacts`); the commands (`hmi.engine.recovery`) check again when they
run, with fresh PLC data (Task 2's `SyncState`), under Task 2's lock. Both kinds of facts
have the shape `PlcFacts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from hmi.domain.acks import SlotAck
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.engine.acks import accounted

if TYPE_CHECKING:
    from hmi.engine.plc_reconcile import UnknownSlot

#: States of a held batch that may be resent with the current table (not on the PLC).
RESENDABLE_HELD = frozenset({BatchState.QUEUED, BatchState.FAILED})


class PlcFacts(Protocol):
    """What the checks read of Task 2's view of the PLC (`SyncState` or `RecoveryFacts`)."""

    @property
    def feedback(self) -> tuple[SlotFeedback, ...]:
        """The feedback slots as last read."""
        ...

    @property
    def running_slot(self) -> int | None:
        """The slot the PLC doses now, if any."""
        ...

    @property
    def feedback_ok(self) -> bool:
        """True when the last feedback read succeeded."""
        ...

    @property
    def acks(self) -> tuple[SlotAck, ...]:
        """Every slot's acknowledgement record."""
        ...

    @property
    def implausible(self) -> Mapping[int, tuple[int, tuple[Message, ...]]]:
        """MO id -> (slot, problems) of batches whose PLC values are implausible."""
        ...

    @property
    def unknown(self) -> tuple[UnknownSlot, ...]:
        """PLC slots holding batches the database did not know at start."""
        ...


def feedback_of(sync: PlcFacts, slot: int) -> SlotFeedback | None:
    """The slot's last feedback, or None."""
    return next((fb for fb in sync.feedback if fb.slot == slot), None)


def shows_dosing(fb: SlotFeedback | None, batch: Batch) -> bool:
    """True when the slot's feedback shows this batch's dosing started or finished."""
    if fb is None or fb.mo_name != batch.mo_name:
        return False
    return fb.finished or fb.failed or any(m.actual_kg > 0 for m in fb.materials)


def done_on_plc(fb: SlotFeedback | None, batch: Batch) -> bool:
    """True when the batch's slot shows it finished or failed (dosing is over)."""
    return fb is not None and fb.mo_name == batch.mo_name and (fb.finished or fb.failed)


def resendable(batches: Sequence[Batch], sync: PlcFacts) -> list[Batch]:
    """Sent batches the PLC has not started (never one whose feedback shows dosing)."""
    return [
        b
        for b in batches
        if b.state is BatchState.SENT and not shows_dosing(feedback_of(sync, b.slot), b)
    ]


def why_not_resend(batches: Sequence[Batch], sync: PlcFacts, ready: bool | None) -> Message | None:
    """Resend unstarted batches: only to a PLC asking for new data, only unstarted ones, and
    never while a batch of the queue counts as dosing (it keeps its slot: cancel it first)."""
    if not resendable(batches, sync):
        return msg("why.resend.none")
    started = [b for b in batches if b.state is BatchState.RUNNING]
    if started:
        return msg("why.resend.running", mo=started[0].mo_name)
    if ready is None:
        return msg("why.plc_unreadable")
    if not ready:
        return msg("why.resend.not_ready")
    if sync.running_slot is not None:
        return msg("why.plc_dosing", slot=sync.running_slot)
    return None


def acknowledgeable(batches: Sequence[Batch], sync: PlcFacts, slot: int) -> SlotFeedback | None:
    """The slot's feedback when it shows a finished/failed batch the HMI has no batch for."""
    fb = feedback_of(sync, slot)
    if fb is None or not (fb.finished or fb.failed) or fb.read_flag:
        return None
    if any(b.slot == slot and b.mo_name == fb.mo_name for b in batches):
        return None
    if accounted(fb, {a.slot: a for a in sync.acks}):
        return None
    return fb


def why_not_ack_slot(batches: Sequence[Batch], sync: PlcFacts, slot: int | None) -> Message | None:
    """Acknowledge a finished slot the HMI has no batch for."""
    if slot is None:
        return msg("why.slot_needed")
    if not sync.feedback_ok:
        return msg("why.plc_unreadable")
    if acknowledgeable(batches, sync, slot) is None:
        return msg("why.ack_slot.nothing", slot=slot)
    return None


def why_not_decide(
    batches: Sequence[Batch],
    sync: PlcFacts,
    mo_id: int | None,
    decision: Decision | None = None,
) -> Message | None:
    """Decide about implausible values: only for a batch whose values are implausible now.

    With a `decision`: read again is always possible; accepting the PLC's values or entering
    the scale ticket's weights only once the PLC finished (or failed) the batch, accepting
    only values that can be stored; aborting once the PLC finished it or never started it.
    """
    batch = next((b for b in batches if b.mo_id == mo_id), None)
    if mo_id is None or mo_id not in sync.implausible or batch is None:
        return msg("why.decide.none")
    if decision is None or decision is Decision.READ_AGAIN:
        return None
    fb = feedback_of(sync, batch.slot)
    done = done_on_plc(fb, batch)
    unstarted = fb is None or fb.mo_name != batch.mo_name
    if not done and not (decision is Decision.ABORT and unstarted):
        return msg("why.decide.still_dosing", mo=batch.mo_name, slot=batch.slot)
    if decision is Decision.ACCEPT and fb is not None:
        used = {line.equipment_id for line in batch.lines}
        bad = sorted(
            m.equipment_id
            for m in fb.materials
            if m.equipment_id in used and not storable(m.actual_kg)
        )
        if bad:
            return msg(
                "why.decide.not_storable", mo=batch.mo_name, equipment=", ".join(map(str, bad))
            )
    return None


def storable(kg: Decimal) -> bool:
    """A kg value that may be stored as an actual: finite and not negative."""
    return kg.is_finite() and kg >= 0


def why_not_release(claims: Mapping[int, object], mo_id: int | None) -> Message | None:
    """Release another panel's report claim: only one this panel waits on."""
    if mo_id is None or mo_id not in claims:
        return msg("why.release.none")
    return None


def why_not_resolve(sync: PlcFacts) -> Message | None:
    """Resolve unknown PLC batches: only when there are some, and the PLC, as last read, is
    dosing none of them now."""
    if not sync.unknown:
        return msg("why.resolve.none")
    for unknown in sync.unknown:
        fb = feedback_of(sync, unknown.slot)
        if fb is None or fb.mo_name != unknown.mo_name or fb.finished or fb.failed:
            continue
        if any(m.actual_kg > 0 for m in fb.materials):
            return msg("why.plc_dosing", slot=unknown.slot)
    return None


def why_not_resend_held(
    batches: Sequence[Batch], held: frozenset[int] | set[int], mo_id: int | None
) -> Message | None:
    """Resend a held batch with the current equipment table: only a held one not on the PLC."""
    batch = next((b for b in batches if b.mo_id == mo_id), None)
    if batch is None or mo_id not in held:
        return msg("why.held.none")
    if batch.state not in RESENDABLE_HELD:
        return msg("reference.on_plc", mo=batch.mo_name, state=msg(f"batch.state.{batch.state}"))
    return None
