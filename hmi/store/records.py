"""Read-only records the store hands to the UI: archived batches and audit entries.

CSV exports go through defusedcsv (a maintained drop-in for the csv module that prefixes
cells a spreadsheet would run as a formula — leading =, +, -, @, |, % — and keeps numbers,
negative ones too, as numbers). It does not cover the leading tab and carriage return that
OWASP's CSV-injection guidance also lists: `defuse` adds those before defusedcsv sees the cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hmi.domain.model import BatchLine
from hmi.domain.states import BatchState
from hmi.domain.units import kg_total

from defusedcsv import csv  # isort: skip

#: One row of the event log: (at, level, source, message as JSON).
EventTuple = tuple[datetime, str, str, str]


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
    fetched_by: str = ""  # who queued it ("automatic" for a timer fill)
    confirmed_by: str = ""  # who confirmed its values ("PLC": as the PLC gave them)
    reported_by: str = ""  # who reported it ("automatic", a person, "found done in Odoo")

    @property
    def actual_total_kg(self) -> Decimal:
        """Sum of the actual quantities consumed, by the PLC and by hand (missing ones count
        as 0)."""
        return kg_total(line.actual_kg for line in self.lines) + self.manual_total_kg

    @property
    def manual_total_kg(self) -> Decimal:
        """Sum of what was added by hand."""
        return kg_total(line.manual_kg for line in self.lines)


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
    role: str = ""  # the actor's role then ("automatic" for what the HMI did by itself)
    id: int = 0  # the row's place in the audit chain


AUDIT_CSV_COLUMNS = (
    "entry",
    "time (UTC)",
    "person",
    "role",
    "command",
    "object",
    "before",
    "after",
    "reason",
)
#: Leading characters OWASP lists that defusedcsv 3.0 lets through: a spreadsheet strips them
#: and may then see a formula.
LEADING_CONTROLS = ("\t", "\r", "\n")


def defuse(value: object) -> object:
    """A cell ready for defusedcsv: text starting with a tab, CR or LF is prefixed with a quote
    (defusedcsv handles =, +, -, @, | and % itself); numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(LEADING_CONTROLS):
        return "'" + value
    return value


def write_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """CSV text (CRLF lines, as spreadsheets expect) with every cell defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([defuse(cell) for cell in header])
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    return out.getvalue()


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """The audit entries as CSV text (header first, ISO times in UTC), for a spreadsheet; no
    cell can run as a formula (`write_csv`)."""
    rows = (
        (
            entry.id,
            entry.at.isoformat(timespec="seconds"),
            entry.actor,
            entry.role,
            entry.action,
            entry.target,
            entry.before,
            entry.after,
            entry.reason,
        )
        for entry in entries
    )
    return write_csv(AUDIT_CSV_COLUMNS, rows)
