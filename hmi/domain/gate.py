"""The gate rule (invariant 1): when may the queue be refilled from Odoo, and if not, why.

Pure: the engine gathers the inputs (`hmi.engine.gate`) and this decides. The reasons are
messages (codes with parameters) the window renders in the operator's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from hmi.domain.messages import Message, msg


@dataclass(frozen=True)
class GateInputs:
    """Everything the gate looks at, gathered by the engine.

    `plc_ready`: True/False as read, None when the PLC refused or could not answer the read
    (unreadable is not "not ready"). `plc_fault`: the PLC's refusal while its link is
    FAULTED. `pending_acks`: finished slots whose acknowledgement has not reached the PLC
    yet. `blocked`: reasons a supervisor must clear first (the PLC holds batches the
    database does not know).
    """

    queued_batches: int
    plc_up: bool
    plc_ready: bool | None
    odoo_up: bool
    db_up: bool = True
    plc_fault: Message | None = None
    pending_acks: int = 0
    blocked: tuple[Message, ...] = ()


@dataclass(frozen=True)
class GateDecision:
    """Whether fetching is possible now, and the reasons it is not, as messages."""

    open: bool
    reasons: tuple[Message, ...] = ()

    @property
    def reason(self) -> str:
        """All reasons joined in English (log lines); empty when the gate is open."""
        return "; ".join(str(reason) for reason in self.reasons)


def decide_gate(inputs: GateInputs) -> GateDecision:
    """Apply invariant 1: open only if the queue is empty, every finished slot acknowledged,
    nothing blocked by a supervisor's decision, the PLC up and ready, Odoo and DB up."""
    reasons: list[Message] = []
    if not inputs.db_up:
        reasons.append(msg("gate.db_offline"))
    if inputs.queued_batches == 1:
        reasons.append(msg("gate.queue_one"))
    elif inputs.queued_batches:
        reasons.append(msg("gate.queue_not_empty", count=inputs.queued_batches))
    if inputs.pending_acks:
        reasons.append(msg("gate.acks_pending", count=inputs.pending_acks))
    reasons.extend(inputs.blocked)
    if not inputs.plc_up and inputs.plc_fault is None:
        reasons.append(msg("gate.plc_offline"))
    else:
        if inputs.plc_fault is not None:
            reasons.append(msg("gate.plc_faulted", fault=inputs.plc_fault))
        if inputs.plc_ready is None:
            reasons.append(msg("gate.plc_ready_unreadable"))
        elif not inputs.plc_ready:
            reasons.append(msg("gate.plc_not_ready"))
    if not inputs.odoo_up:
        reasons.append(msg("gate.odoo_offline"))
    return GateDecision(open=not reasons, reasons=tuple(reasons))
