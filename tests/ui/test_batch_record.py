"""The batch record and shift report PDFs (QTextDocument through QPdfWriter), read back by
pdftotext and rendered to PNG by pdftoppm: wrapped cells, a header repeated on every page,
"page n of m", the batch's own alarms, lots, hand-added material, signature lines, the
screen's number format in both languages, local times in the plant's zone."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.audit import ChainReport
from hmi.domain.localtime import set_plant_zone
from hmi.domain.manual import ManualAddition
from hmi.domain.messages import msg
from hmi.domain.model import BatchLine
from hmi.domain.outbox import OutboxItem
from hmi.domain.states import BatchState
from hmi.engine.reports import BatchRecord, ShiftReport, Unreported, material_totals
from hmi.store.records import ArchivedBatch, AuditEntry
from hmi.ui.batch_record import write_batch_record, write_shift_report

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
pytestmark = pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="pdftotext (poppler-utils) is not installed: apt-get install poppler-utils",
)
T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 13:00 in Jakarta
LONG_NOTE = (
    "finished weight 0 kg from the PLC: produced = sum of actuals; the operator noted that the "
    "mixer door sensor was replaced during the batch and the discharge took longer than usual"
)


@pytest.fixture(autouse=True)
def jakarta():
    set_plant_zone("Asia/Jakarta")
    yield
    set_plant_zone(None)


def text_of(path: Path) -> str:
    assert PDFTOTEXT is not None
    run = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def squash(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a cell wrapped over lines (and
    pdftotext's joining of hyphenated words) reads as one word."""
    return re.sub(r"[\s\-]", "", text)


def archived(mo_id: int, *, outcome: BatchState = BatchState.REPORTED, lines=None) -> ArchivedBatch:
    lines = lines or (
        BatchLine(101, 1, 500, "RM-CORN", Decimal("600"), Decimal("612.5")),
        BatchLine(114, 2, 501, "RM-OIL", Decimal("100"), Decimal("99.9")),
        BatchLine(107, 3, 502, "RM-PREMIX", Decimal("5"), Decimal("0"), manual_kg=Decimal("5.1")),
    )
    return ArchivedBatch(
        mo_id=mo_id,
        mo_name=f"WH/MO/{mo_id:05d}",
        bom_name="BoM Starter",
        product_name="Broiler Starter",
        quantity_kg=Decimal("705"),
        produced_kg=Decimal("717.5"),
        finished_weight_kg=Decimal("0"),
        outcome=outcome,
        note=LONG_NOTE,
        odoo_message="consumption posted, MO done",
        actor="Budi" if outcome is BatchState.CANCELLED else "automatic",
        reason="wrong silo" if outcome is BatchState.CANCELLED else "",
        queued_at=T0,
        started_at=T0,
        finished_at=T0,
        archived_at=T0,
        lines=lines,
        fetched_by="Sari",
        confirmed_by="PLC",
        reported_by="automatic",
    )


ALARM = Alarm(
    id=3,
    key="tolerance.7",
    source="plc",
    priority=AlarmPriority.LOW,
    text=msg("text", text="Batch WH/MO/00007 dosed beyond the tolerance").to_json(),
    raised_at=T0,
    acked_by="Sari",
    acked_at=T0,
    mo_id=7,
)
MANUAL = (
    ManualAddition(
        1, 2, 107, "RM-PREMIX", Decimal("5.10"), 7, 2, None, T0, 7, "WH/MO/00007", 107, True
    ),
    ManualAddition(
        2,
        2,
        9,
        "RM-MEDIC",
        Decimal("0.75"),
        7,
        2,
        None,
        T0,
        7,
        "WH/MO/00007",
        None,
        False,
        msg("manual.not_component", mo="WH/MO/00007", material="RM-MEDIC"),
    ),
)


def record_of(batch: ArchivedBatch) -> BatchRecord:
    audit = (
        AuditEntry(T0, "Sari", "fetch", batch.mo_name, "", "10 queued", "", "operator", 1),
        AuditEntry(
            T0, "Budi", "cancel", batch.mo_name, "sent", "cancel", "wrong silo", "supervisor", 2
        ),
    )
    return BatchRecord(
        batch,
        (ALARM,),
        "Sari",
        T0,
        "Line 2",
        2.0,
        T0,
        manual=MANUAL,
        lots={1: ("LOT-CORN-0425",)},
        audit=audit,
    )


def test_batch_record_pdf_has_every_fact(tmp_path: Path, qapp) -> None:
    path = write_batch_record(record_of(archived(7)), tmp_path / "record.pdf")
    flat = squash(text_of(path))
    for expected in (
        "Batch record — WH/MO/00007",
        "Line: Line 2",
        "Printed: 2026-03-02 13:00:00",  # Asia/Jakarta, UTC+7
        "Product: Broiler Starter",
        "Fetched by: Sari (2026-03-02 13:00:00)",
        "Values confirmed by: PLC",
        "Reported by: automatic",
        "Odoo's answer: consumption posted, MO done",
        "Finished weight: 0.00 kg",
        "Produced quantity: 717.50 kg",
        "the discharge took longer than usual",  # a long note wraps, nothing is cut
        "LOT-CORN-0425",
        "612.50 kg",
        "+12.50 kg (+2.08 %)",
        "-0.10 kg (-0.10 %)",
        "5.10 kg",
        "RM-MEDIC",
        "NOT booked",
        "not a component of WH/MO/00007",
        "dosed beyond the tolerance",
        "wrong silo",
        "Signatures",
        "Operator",
        "Supervisor",
        "Page 1 of 1",
    ):
        assert squash(expected) in flat, expected


def test_indonesian_record_uses_the_screens_number_format(tmp_path: Path, qapp) -> None:
    path = write_batch_record(record_of(archived(7)), tmp_path / "id.pdf", "id")
    flat = squash(text_of(path))
    assert squash("612,50 kg") in flat
    assert squash("Produced quantity: 717,50 kg") in flat


def test_a_long_record_breaks_pages_repeats_the_header_and_counts_pages(
    tmp_path: Path, qapp
) -> None:
    lines = tuple(
        BatchLine(
            100 + n,
            n,
            600 + n,
            f"RM-MATERIAL-{n:02d}-" + "X" * 30,
            Decimal(10 + n),
            Decimal(10 + n),
        )
        for n in range(1, 61)
    )
    path = write_batch_record(record_of(archived(8, lines=lines)), tmp_path / "long.pdf")
    text = text_of(path)
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    count = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in " ".join(page.split())
    repeated = [p for p in pages if "Silo/tank" in squash(p) and "Deviation" in p]
    assert len(repeated) >= 2  # the materials table's header on each page it spans
    assert "RMMATERIAL60" in squash(text)
    if PDFTOPPM:
        subprocess.run(
            [PDFTOPPM, "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True
        )
        assert len(list(tmp_path.glob("page-*.png"))) == count


def test_shift_report_lists_every_unreported_batch_with_why(
    tmp_path: Path, make_batch, qapp
) -> None:
    batches = (archived(7), archived(8), archived(9, outcome=BatchState.CANCELLED))
    attention = make_batch(10, 1, state=BatchState.NEEDS_ATTENTION, odoo_message="lot missing")
    failed = make_batch(11, 2, state=BatchState.FAILED)
    stalled = make_batch(12, 3, state=BatchState.SENT)
    item = OutboxItem(1, "maintenance.request", "HMI-F4", "{}", T0, last_error="Odoo offline")
    report = ShiftReport(
        since=T0,
        until=T0.replace(hour=14),
        line_name="Line 2",
        batches=batches,
        totals=material_totals(batches),
        alarms=(ALARM,),
        failures=(),
        unsynced=(
            Unreported(attention, msg("shift.why.attention", answer="lot missing")),
            Unreported(failed, msg("shift.why.failed")),
            Unreported(
                stalled, msg("shift.why.stalled", alarm=msg("text", text="slot 3 did not start"))
            ),
        ),
        outbox=(item,),
        printed_at=T0,
        shift_name="Morning 2026-03-02",
        people=(("Sari", "operator"), ("Budi", "supervisor")),
        audit_head=ChainReport(42, 42, "ab" * 32),
    )
    assert [(t.product_ref, t.actual_kg, t.manual_kg) for t in report.totals] == [
        ("RM-CORN", Decimal("1225.00"), Decimal("0.00")),
        ("RM-OIL", Decimal("199.80"), Decimal("0.00")),
        ("RM-PREMIX", Decimal("10.20"), Decimal("10.20")),
    ]  # the cancelled batch is not counted; hand-added kg are
    flat = squash(text_of(write_shift_report(report, tmp_path / "shift.pdf")))
    for expected in (
        "Shift report — Line 2",
        "Morning 2026-03-02: 2026-03-02 13:00:00",
        "Not yet reported to Odoo (3)",
        "WH/MO/00010",
        "lot missing",
        "WH/MO/00011",
        "failed",
        "WH/MO/00012",
        "slot 3 did not start",
        "1,225.00 kg",
        "10.20 kg",
        "Sari",
        "Budi",
        "#42 abababab",
        "HMI-F4",
        "Page 1 of",
        "Who worked the shift",
    ):
        assert squash(expected) in flat, expected
