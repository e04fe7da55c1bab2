"""Produced-quantity policy for batches the PLC reports without a finished weight."""

from __future__ import annotations

from enum import StrEnum


class ProducedPolicy(StrEnum):
    """What to report as produced when the PLC's finished weight is missing (0)."""

    SUM_OF_ACTUALS = "sum_of_actuals"
    PLANNED = "planned"


def produced_quantity(
    finished_weight_kg: float | None,
    actual_total_kg: float,
    planned_kg: float,
    policy: ProducedPolicy = ProducedPolicy.SUM_OF_ACTUALS,
) -> tuple[float, str]:
    """Return (kg to report, note for the operator); the note is empty when the PLC weighed it."""
    if finished_weight_kg is not None and finished_weight_kg > 0:
        return round(finished_weight_kg, 2), ""
    if policy is ProducedPolicy.PLANNED:
        return (
            round(planned_kg, 2),
            "finished weight missing from PLC: reported the planned quantity",
        )
    return (
        round(actual_total_kg, 2),
        "finished weight missing from PLC: reported the sum of actual consumption",
    )
