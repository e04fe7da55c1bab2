"""Why a supervised recovery command cannot run now: one check per command, no I/O.

Each check returns None when the command may run, else a Message saying why not, so the
window can grey the command out with the reason (the UI's `Engine.why_not` for the other
commands lives in `hmi.engine.permissions`). The commands check again when they run, with
fresh PLC data, under Task 2's lock.
"""

from __future__ import annotations

from collections.abc import Sequence

from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.roles import Command
from hmi.domain.states import BatchState
from hmi.engine.acks import accounted
from hmi.engine.sync import SyncState


def feedback_of(sync: SyncState, slot: int) -> SlotFeedback | None:
    """The slot's last feedback, or None."""
    return next((fb for fb in sync.feedback if fb.slot == slot), None)


def shows_dosing(fb: SlotFeedback | None, batch: Batch) -> bool:
    """True when the slot's feedback shows this batch's dosing started or finished."""
    if fb is None or fb.mo_name != batch.mo_name:
        return False
    return fb.finished or fb.failed or any(m.actual_kg > 0 for m in fb.materials)


def resendable(batches: Sequence[Batch], sync: SyncState) -> list[Batch]:
    """Sent batches the PLC has not started (never one whose feedback shows dosing)."""
    return [
        b
        for b in batches
        if b.state is BatchState.SENT and not shows_dosing(feedback_of(sync, b.slot), b)
    ]


def why_not_resend(batches: Sequence[Batch], sync: SyncState, ready: bool | None) -> Message | None:
    """Resend unstarted batches: only to a PLC asking for new data, only unstarted ones."""
    if not resendable(batches, sync):
        return msg("why.resend.none")
    if ready is None:
        return msg("why.plc_unreadable")
    if not ready:
        return msg("why.resend.not_ready")
    if sync.running_slot is not None:
        return msg("why.plc_dosing", slot=sync.running_slot)
    return None


def acknowledgeable(batches: Sequence[Batch], sync: SyncState, slot: int) -> SlotFeedback | None:
    """The slot's feedback when it shows a finished/failed batch the HMI has no batch for."""
    fb = feedback_of(sync, slot)
    if fb is None or not (fb.finished or fb.failed) or fb.read_flag:
        return None
    if any(b.slot == slot and b.mo_name == fb.mo_name for b in batches):
        return None
    if accounted(fb, {a.slot: a for a in sync.acks}):
        return None
    return fb


def why_not_ack_slot(batches: Sequence[Batch], sync: SyncState, slot: int | None) -> Message | None:
    """Acknowledge a finished slot the HMI has no batch for."""
    if slot is None:
        return msg("why.slot_needed")
    if not sync.feedback_ok:
        return msg("why.plc_unreadable")
    if acknowledgeable(batches, sync, slot) is None:
        return msg("why.ack_slot.nothing", slot=slot)
    return None


def why_not_decide(batches: Sequence[Batch], sync: SyncState, mo_id: int | None) -> Message | None:
    """Decide about implausible values: only for a batch whose values are implausible now."""
    if mo_id is None or mo_id not in sync.implausible:
        return msg("why.decide.none")
    return None


def why_not_release(claim_waits: dict[int, object], mo_id: int | None) -> Message | None:
    """Release another panel's report claim: only one this panel waits on."""
    if mo_id is None or mo_id not in claim_waits:
        return msg("why.release.none")
    return None


def why_not_resolve(sync: SyncState) -> Message | None:
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


def why_not_recovery(
    command: Command,
    batches: Sequence[Batch],
    sync: SyncState,
    *,
    ready: bool | None,
    claim_waits: dict[int, object],
    mo_id: int | None = None,
    slot: int | None = None,
) -> Message | None:
    """Why one recovery command cannot run now (None: it can)."""
    if command is Command.RESEND_BATCHES:
        return why_not_resend(batches, sync, ready)
    if command is Command.ACK_PLC_SLOT:
        return why_not_ack_slot(batches, sync, slot)
    if command is Command.DECIDE_IMPLAUSIBLE:
        return why_not_decide(batches, sync, mo_id)
    if command is Command.RELEASE_CLAIM:
        return why_not_release(claim_waits, mo_id)
    if command is Command.RESOLVE_UNKNOWN_PLC:
        return why_not_resolve(sync)
    return msg("why.not_recovery", command=command.value)
