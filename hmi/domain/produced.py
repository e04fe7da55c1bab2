"""Produced-quantity policy for batches the PLC reports without a finished weight."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from hmi.domain.messages import Message, msg
from hmi.domain.units import round_kg


class ProducedPolicy(StrEnum):
    """What to report as produced when the PLC's finished weight is missing (0)."""

    SUM_OF_ACTUALS = "sum_of_actuals"
    PLANNED = "planned"


def produced_quantity(
    finished_weight_kg: Decimal | None,
    actual_total_kg: Decimal,
    planned_kg: Decimal,
    policy: ProducedPolicy = ProducedPolicy.SUM_OF_ACTUALS,
) -> tuple[Decimal, Message | None]:
    """Return (kg to report, note for the operator); the note is None when the PLC weighed it.

    `actual_total_kg` is everything in the batch: the PLC's actuals plus what Odoo had
    consumed before (an MO in progress dosed for its remainder).
    """
    if finished_weight_kg is not None and finished_weight_kg.is_finite() and finished_weight_kg > 0:
        return round_kg(finished_weight_kg), None
    if policy is ProducedPolicy.PLANNED:
        return round_kg(planned_kg), msg("produced.planned")
    return round_kg(actual_total_kg), msg("produced.sum_of_actuals")
