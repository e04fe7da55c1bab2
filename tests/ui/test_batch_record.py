"""The batch record and shift report PDFs, rendered by QPdfWriter and read back by pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.model import BatchLine
from hmi.domain.outbox import OutboxItem
from hmi.domain.states import BatchState
from hmi.engine.reports import BatchRecord, ShiftReport, material_totals
from hmi.store.records import ArchivedBatch
from hmi.ui.batch_record import write_batch_record, write_shift_report

PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="pdftotext (poppler-utils) is not installed: apt-get install poppler-utils",
)
T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def text_of(path: Path) -> str:
    assert PDFTOTEXT is not None
    run = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def archived(mo_id: int, *, outcome: BatchState = BatchState.REPORTED) -> ArchivedBatch:
    lines = (
        BatchLine(101, 1, 500, "RM-CORN", 600.0, 612.5),
        BatchLine(114, 2, 501, "RM-OIL", 100.0, 99.9),
    )
    return ArchivedBatch(
        mo_id=mo_id,
        mo_name=f"WH/MO/{mo_id:05d}",
        bom_name="BoM Starter",
        product_name="Broiler Starter",
        quantity_kg=700.0,
        produced_kg=712.4,
        finished_weight_kg=0.0,
        outcome=outcome,
        note="finished weight 0 kg from the PLC: produced = sum of actuals",
        odoo_message="",
        actor="engine",
        reason="",
        queued_at=T0,
        started_at=T0,
        finished_at=T0,
        archived_at=T0,
        lines=lines,
    )


ALARM = Alarm(
    id=3,
    key="tolerance.7",
    source="plc",
    priority=AlarmPriority.LOW,
    text="Batch WH/MO/00007 dosed beyond the tolerance",
    raised_at=T0,
    acked_by="operator",
    acked_at=T0,
    mo_id=7,
)


def test_batch_record_pdf_has_every_fact(tmp_path: Path, qapp) -> None:
    record = BatchRecord(archived(7), (ALARM,), "operator", T0, "Line 2", 2.0, T0)
    text = text_of(write_batch_record(record, tmp_path / "record.pdf"))
    for expected in (
        "Batch record — WH/MO/00007",
        "Line: Line 2",
        "Product: Broiler Starter",
        "Bill of materials: BoM Starter",
        "Fetch confirmed by: operator",
        "Finished weight (kg): 0.00",
        "Produced quantity (kg): 712.40",
        "produced = sum of actuals",
        "RM-CORN",
        "600.00",
        "612.50",
        "+12.50 kg (+2.08 %)",
        "-0.10 kg (-0.10 %)",
        "dosed beyond the tolerance",
        "operator",
    ):
        assert expected in text, expected


def test_shift_report_pdf_totals_alarms_and_unsynced(tmp_path: Path, make_batch, qapp) -> None:
    batches = (archived(7), archived(8), archived(9, outcome=BatchState.CANCELLED))
    waiting = make_batch(10, 1, state=BatchState.NEEDS_ATTENTION, odoo_message="lot missing")
    item = OutboxItem(1, "maintenance.request", "HMI-F4", "{}", T0, last_error="Odoo offline")
    report = ShiftReport(
        since=T0,
        until=T0.replace(hour=14),
        line_name="Line 2",
        batches=batches,
        totals=material_totals(batches),
        alarms=(ALARM,),
        failures=(),
        unsynced=(waiting,),
        outbox=(item,),
        printed_at=T0,
    )
    assert [(t.product_ref, t.actual_kg) for t in report.totals] == [
        ("RM-CORN", Decimal("1225.00")),
        ("RM-OIL", Decimal("199.80")),
    ]  # the cancelled batch is not counted
    text = text_of(write_shift_report(report, tmp_path / "shift.pdf"))
    for expected in (
        "Shift report — Line 2",
        "WH/MO/00009",
        "Cancelled",
        "1,225.00",
        "199.80",
        "dosed beyond the tolerance",
        "WH/MO/00010",
        "lot missing",
        "HMI-F4",
        "Odoo offline",
    ):
        assert expected in text, expected
