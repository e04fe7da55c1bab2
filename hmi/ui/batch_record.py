"""Printable PDFs: the batch record of one archived batch and the shift report.

Laid out by Qt's text layout engine (hmi.ui.pdf_document): text wraps in every cell, a table's
header repeats on each page, every page says "page n of m". Written in a worker thread, in the
language given: report words through Qt's translators, the engine's messages through the
catalogue, numbers and kg exactly as the screen shows them (`format_kg`, `format_number`),
times in the plant's zone (hmi.domain.localtime).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from hmi.domain.alarms import Alarm
from hmi.domain.localtime import local_stamp
from hmi.domain.messages import Message, format_kg, format_number, render
from hmi.domain.states import BatchState
from hmi.engine.reports import BatchRecord, ShiftReport
from hmi.ui.labels import stored_text
from hmi.ui.pdf_document import Html, tr, write_pdf


def stamp(value: datetime | None) -> str:
    """Local time to the second in the plant's zone, or a dash."""
    return local_stamp(value)


class Words:
    """Numbers, states and messages in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def kg(self, value: Decimal | float | None) -> str:
        """'1,234.50 kg' ('1.234,50 kg'), or a dash: as the screen shows it."""
        return format_kg(value, self.language)

    def signed_kg(self, value: Decimal) -> str:
        """'+12.50 kg' / '-0.10 kg'."""
        return ("+" if value > 0 else "") + format_kg(value, self.language)

    def state(self, state: BatchState) -> str:
        """A batch state in the operator's words."""
        return render(Message(f"batch.state.{state.value}"), self.language)

    def say(self, message: Message | str) -> str:
        """A message of the engine."""
        return render(message, self.language)


def alarm_rows(alarms: Sequence[Alarm], words: Words) -> list[list[str]]:
    """One row per alarm: raised, cleared, priority, text, who acknowledged it."""
    rows = []
    for alarm in alarms:
        priority = words.say(Message(f"alarm.priority.{alarm.priority.name.lower()}"))
        acked = f"{alarm.acked_by} {stamp(alarm.acked_at)}" if alarm.acked_at else "—"
        rows.append(
            [
                stamp(alarm.raised_at),
                stamp(alarm.cleared_at),
                priority,
                words.say(alarm.message),
                acked,
            ]
        )
    return rows


ALARM_HEADERS = ("Raised", "Cleared", "Priority", "Alarm", "Acknowledged by")


def _alarms(doc: Html, alarms: Sequence[Alarm], words: Words) -> None:
    doc.table([tr(h) for h in ALARM_HEADERS], alarm_rows(alarms, words), (15, 15, 10, 42, 18))


def _deviation(planned: Decimal, total: Decimal | None, words: Words) -> str:
    if total is None or planned <= 0:
        return "—"
    diff = total - planned
    pct = diff / planned * 100
    return (
        f"{words.signed_kg(diff)} ({'+' if pct > 0 else ''}{format_number(pct, words.language)} %)"
    )


def write_batch_record(record: BatchRecord, path: Path, language: str = "en") -> Path:
    """Write the batch record PDF of one archived batch to `path`, in `language`."""
    words = Words(language)
    kg = words.kg
    batch = record.batch
    doc = Html()
    doc.title(tr("Batch record") + f" — {batch.mo_name}")
    doc.text(f"{tr('Line')}: {record.line_name}    {tr('Printed')}: {stamp(record.printed_at)}")
    facts = [
        (tr("Manufacturing order"), batch.mo_name),
        (tr("Product"), batch.product_name),
        (tr("Bill of materials"), batch.bom_name),
        (tr("Planned quantity"), kg(batch.quantity_kg)),
        (tr("Outcome"), words.state(batch.outcome)),
        (tr("Fetched by"), f"{record.fetched_by} ({stamp(record.fetched_at)})"),
        (tr("Queued"), stamp(batch.queued_at)),
        (tr("Started"), stamp(batch.started_at)),
        (tr("Finished"), stamp(batch.finished_at)),
        (tr("Values confirmed by"), batch.confirmed_by or "—"),
        (tr("Reported by"), batch.reported_by or "—"),
        (tr("Odoo's answer"), stored_text(batch.odoo_message) or "—"),
        (tr("Archived"), stamp(batch.archived_at)),
        (tr("Finished weight"), kg(batch.finished_weight_kg)),
        (tr("Produced quantity"), kg(batch.produced_kg)),
    ]
    for label, value in facts:
        doc.text(f"{label}: {value}")
    if batch.note:
        doc.text(f"{tr('Note')}: {stored_text(batch.note)}")
    if batch.outcome is BatchState.CANCELLED:
        doc.text(f"{tr('Cancelled by')} {batch.actor}: {batch.reason}", bold=True)
    doc.heading(tr("Materials") + f" (±{format_number(record.tolerance_pct, language)} %)")
    lots = record.lots
    rows = []
    for line in batch.lines:
        total = line.total_actual_kg
        rows.append(
            [
                str(line.equipment_id),
                line.product_ref,
                ", ".join(lots.get(line.move_id, ())) if lots is not None else tr("(Odoo offline)"),
                kg(line.planned_kg),
                kg(line.actual_kg),
                kg(line.manual_kg) if line.manual_kg else "—",
                _deviation(line.planned_kg, total - line.consumed_kg if total else None, words),
            ]
        )
    headers = [
        tr("Silo/tank"),
        tr("Material"),
        tr("Lots"),
        tr("Planned"),
        tr("Actual (PLC)"),
        tr("Added by hand"),
        tr("Deviation"),
    ]
    doc.table(headers, rows, (8, 16, 14, 13, 13, 12, 24), numeric=(3, 4, 5))
    doc.text(f"{tr('Total actual')}: {kg(batch.actual_total_kg)}", bold=True)
    doc.heading(tr("Added by hand (manual weighing)"))
    manual_rows = [
        [
            stamp(m.stored_at),
            f"{m.product_ref or '?'} ({tr('code')} {m.material_code})",
            kg(m.weight_kg),
            tr("booked") if m.booked else tr("NOT booked") + f": {words.say(m.reason or '')}",
            f"{m.operator_id} / {m.scale_id}",
        ]
        for m in record.manual
    ]
    doc.table(
        [tr("Stored"), tr("Material"), tr("Weight"), tr("In Odoo"), tr("PLC operator / scale")],
        manual_rows,
        (16, 22, 13, 33, 16),
        numeric=(2,),
    )
    doc.heading(tr("Alarms of this batch"))
    _alarms(doc, record.alarms, words)
    doc.heading(tr("Who did what"))
    audit_rows = [
        [stamp(e.at), e.actor, e.role or "—", e.action, e.reason or e.after] for e in record.audit
    ]
    doc.table(
        [tr("Time"), tr("Person"), tr("Role"), tr("Command"), tr("Reason / result")],
        audit_rows,
        (17, 16, 14, 21, 32),
    )
    doc.heading(tr("Signatures"))
    doc.signatures((tr("Operator"), tr("Supervisor")))
    footer = f"{tr('Batch record')} {batch.mo_name} — {record.line_name}"
    write_pdf(path, f"Batch record {batch.mo_name}", doc, footer)
    return path


def write_shift_report(report: ShiftReport, path: Path, language: str = "en") -> Path:
    """Write the shift report PDF to `path`, in `language`."""
    words = Words(language)
    kg = words.kg
    doc = Html()
    doc.title(tr("Shift report") + f" — {report.line_name}")
    doc.text(
        f"{report.shift_name}: {stamp(report.since)} → {stamp(report.until)}    "
        f"{tr('Printed')}: {stamp(report.printed_at)}"
    )
    doc.heading(tr("Not yet reported to Odoo") + f" ({len(report.unsynced)})")
    waiting = [
        [u.batch.mo_name, u.batch.product_name, words.state(u.batch.state), words.say(u.why)]
        for u in report.unsynced
    ]
    waiting += [
        [item.key, tr("maintenance request"), item.state.value, item.last_error]
        for item in report.outbox
    ]
    doc.table([tr("MO"), tr("Product"), tr("State"), tr("Why")], waiting, (17, 23, 15, 45))
    doc.heading(tr("Batches") + f" ({len(report.batches)})")
    rows = [
        [
            b.mo_name,
            b.product_name,
            words.state(b.outcome),
            kg(b.quantity_kg),
            kg(b.produced_kg),
            stamp(b.archived_at),
            b.reported_by or b.actor,
        ]
        for b in report.batches
    ]
    headers = [tr("MO"), tr("Product"), tr("Outcome"), tr("Planned"), tr("Produced")]
    doc.table(
        [*headers, tr("Archived"), tr("By")], rows, (18, 17, 11, 13, 13, 15, 13), numeric=(3, 4)
    )
    doc.heading(tr("Totals per material (reported batches): planned and actual"))
    totals = [
        [t.product_ref, str(t.equipment_id), kg(t.planned_kg), kg(t.actual_kg), kg(t.manual_kg)]
        for t in report.totals
    ]
    doc.table(
        [tr("Material"), tr("Silo/tank"), tr("Planned"), tr("Actual"), tr("Of it by hand")],
        totals,
        (28, 14, 20, 20, 18),
        numeric=(2, 3, 4),
    )
    doc.heading(tr("Who worked the shift"))
    doc.table(
        [tr("Person"), tr("Role")],
        [[name, role or "—"] for name, role in report.people],
        (60, 40),
    )
    doc.heading(tr("Alarms"))
    _alarms(doc, report.alarms, words)
    if report.audit_head is not None:
        head = report.audit_head
        doc.text(
            f"{tr('Audit trail at printing')}: #{head.head_id} {head.head_hash[:16]} "
            f"({tr('compare with hmi --verify-audit')})"
        )
    doc.heading(tr("Signatures"))
    doc.signatures((tr("Operator"), tr("Supervisor")))
    footer = f"{tr('Shift report')} {report.shift_name} — {report.line_name}"
    write_pdf(path, "Shift report", doc, footer)
    return path
