"""The gate rule (invariant 1): when may the queue be refilled from Odoo, and if not, why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GateInputs:
    """Everything the gate looks at, gathered by the engine."""

    queued_batches: int
    plc_up: bool
    plc_ready: bool
    odoo_up: bool
    db_up: bool = True


@dataclass(frozen=True)
class GateDecision:
    """Whether fetching is possible now, and the reasons it is not, in operator words."""

    open: bool
    reasons: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """All reasons joined for one label; empty when the gate is open."""
        return "; ".join(self.reasons)


def decide_gate(inputs: GateInputs) -> GateDecision:
    """Apply invariant 1: open only if the queue is empty, PLC up and ready, Odoo and DB up."""
    reasons: list[str] = []
    if not inputs.db_up:
        reasons.append("Database offline")
    if inputs.queued_batches:
        noun = "batch" if inputs.queued_batches == 1 else "batches"
        reasons.append(f"{inputs.queued_batches} {noun} still in the queue")
    if not inputs.plc_up:
        reasons.append("PLC offline")
    elif not inputs.plc_ready:
        reasons.append("PLC not ready")
    if not inputs.odoo_up:
        reasons.append("Odoo offline")
    return GateDecision(open=not reasons, reasons=tuple(reasons))
