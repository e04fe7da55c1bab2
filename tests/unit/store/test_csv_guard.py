"""CSV exports through defusedcsv plus the leading tab, CR and LF it lets through: no cell a
spreadsheet would run as a formula, and numbers (negative ones too) stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from hmi.store.records import AUDIT_CSV_COLUMNS, AuditEntry, audit_csv, write_csv

DANGEROUS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "|calc",
    "%0A",
    "\t=cmd|' /C calc'!A0",
    "\r=1",
    "\n=1",
]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_a_formula_never_leads_a_cell(cell: str) -> None:
    (row,) = list(csv.reader(io.StringIO(write_csv(["h"], [[cell]]))))[1:]
    assert row[0].startswith("'")


@pytest.mark.parametrize("cell", ["-1.5", "-3", "12.50", "1,234.50", "Budi", "a = b", ""])
def test_numbers_and_plain_text_stay_as_they_are(cell: str) -> None:
    (row,) = list(csv.reader(io.StringIO(write_csv(["h"], [[cell]]))))[1:]
    assert row[0] == cell


def test_the_audit_csv_has_person_role_command_and_every_field() -> None:
    entry = AuditEntry(
        datetime(2026, 7, 15, 6, 0, tzinfo=UTC),
        "Budi",
        "cancel",
        "WH/MO/1",
        "sent",
        "-5",
        "=x",
        "supervisor",
        7,
    )
    rows = list(csv.reader(io.StringIO(audit_csv([entry]))))
    assert tuple(rows[0]) == AUDIT_CSV_COLUMNS
    assert rows[1] == [
        "7",
        "2026-07-15T06:00:00+00:00",
        "Budi",
        "supervisor",
        "cancel",
        "WH/MO/1",
        "sent",
        "-5",
        "'=x",
    ]
