"""The check before reporting: does the dosed consumption match what the BoM allows?

Odoo's `mrp.bom.consumption` says how strictly an MO must follow its BoM: `strict` (the web
client refuses any other consumption), `warning` (it asks), `flexible` (it accepts). Over
RPC, real Odoo 16–19 accept any consumption through the consumption-warning wizard, also for
a strict BoM (`data/odoo-recordings/README.md`), so the HMI checks before it writes anything:
a batch whose consumption differs from what Odoo expects for the produced quantity is held
("needs attention") with Odoo's and the PLC's quantities side by side, never reported through
the wizard. Strict BoMs are always held; warning and flexible follow a setting.

Odoo expects, per raw move, `qty_producing × unit_factor`, i.e. the move's demand scaled by
produced ÷ planned; both are compared in kg on the 0.01 kg grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, BatchLine
from hmi.domain.units import ZERO_KG, round_kg


class OffBomPolicy(StrEnum):
    """What to do with a consumption that differs from the BoM (warning and flexible BoMs)."""

    REPORT = "report"  # report the PLC's actuals; Odoo's wizard policy answers the rest
    HOLD = "hold"  # hold the batch for the operator, like a strict BoM


@dataclass(frozen=True)
class ConsumptionGap:
    """One material whose consumption differs from Odoo's expectation (kg)."""

    equipment_id: int
    product_ref: str
    planned_kg: Decimal  # Odoo's demand for the whole MO
    expected_kg: Decimal  # Odoo's demand scaled to the produced quantity
    actual_kg: Decimal  # consumed before the batch + the PLC's actual


def expected_kg(line: BatchLine, quantity_kg: Decimal, produced_kg: Decimal) -> Decimal:
    """What Odoo expects consumed of one move for `produced_kg` of `quantity_kg` planned."""
    if quantity_kg <= 0:
        return line.demand_kg
    return round_kg(line.demand_kg * produced_kg / quantity_kg)


def consumption_gaps(batch: Batch, produced_kg: Decimal) -> list[ConsumptionGap]:
    """The materials whose consumption differs from Odoo's expectation by 0.01 kg or more."""
    gaps = []
    for line in batch.lines:
        expected = expected_kg(line, batch.quantity_kg, produced_kg)
        actual = line.total_actual_kg if line.total_actual_kg is not None else line.consumed_kg
        if actual != expected:
            gaps.append(
                ConsumptionGap(
                    line.equipment_id, line.product_ref, line.demand_kg, expected, actual
                )
            )
    return gaps


def hold_reason(
    batch: Batch,
    produced_kg: Decimal | None,
    *,
    warning: OffBomPolicy = OffBomPolicy.REPORT,
    flexible: OffBomPolicy = OffBomPolicy.REPORT,
) -> Message | None:
    """Why the batch must not be reported as it is (a message with both sides), or None.

    A strict BoM holds every difference; warning and flexible hold only under `HOLD`. An
    unknown consumption mode is treated as warning.
    """
    mode = batch.consumption or "warning"
    policy = {"strict": OffBomPolicy.HOLD, "flexible": flexible}.get(mode, warning)
    if policy is OffBomPolicy.REPORT:
        return None
    produced = produced_kg if produced_kg is not None else batch.actual_total_kg
    gaps = consumption_gaps(batch, produced or ZERO_KG)
    if not gaps:
        return None
    lines = tuple(
        msg("consumption.line", product=g.product_ref, expected=g.expected_kg, actual=g.actual_kg)
        for g in gaps
    )
    return msg("consumption.held", mo=batch.mo_name, mode=mode, produced=produced, lines=lines)
