"""Read-only records the store hands to the UI: archived batches and audit entries."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hmi.domain.model import BatchLine
from hmi.domain.states import BatchState
from hmi.domain.units import kg_total


@dataclass(frozen=True)
class ArchivedBatch:
    """A batch that left `mo_batch`: reported to Odoo or cancelled by an operator."""

    mo_id: int
    mo_name: str
    bom_name: str
    product_name: str
    quantity_kg: Decimal
    produced_kg: Decimal | None
    finished_weight_kg: Decimal | None
    outcome: BatchState  # REPORTED or CANCELLED
    note: str
    odoo_message: str
    actor: str
    reason: str
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    archived_at: datetime
    lines: tuple[BatchLine, ...]
    consumption: str = "warning"  # the BoM's consumption mode when it was queued

    @property
    def actual_total_kg(self) -> Decimal:
        """Sum of the actual quantities consumed (missing ones count as 0)."""
        return kg_total(line.actual_kg for line in self.lines)


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, to which thing, with the values before and after and why."""

    at: datetime
    actor: str
    action: str
    target: str
    before: str
    after: str
    reason: str


AUDIT_CSV_COLUMNS = ("time (UTC)", "actor", "action", "target", "before", "after", "reason")


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """The audit entries as CSV text (header first, ISO times in UTC), for a spreadsheet.

    A cell that starts with =, +, - or @ is prefixed with a quote so a spreadsheet never
    runs it as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(AUDIT_CSV_COLUMNS)
    for entry in entries:
        cells = (entry.actor, entry.action, entry.target, entry.before, entry.after, entry.reason)
        writer.writerow((entry.at.isoformat(timespec="seconds"), *map(_safe_cell, cells)))
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
