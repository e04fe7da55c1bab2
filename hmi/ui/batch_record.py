"""Printable PDFs (QPdfWriter): the batch record of one archived batch and the shift report.

Written in a worker thread (QPdfWriter paints without a window), in the language given:
widget words through Qt's translators, the engine's messages through the catalogue,
numbers with the language's separators.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from hmi.domain.alarms import Alarm
from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, format_number, render
from hmi.domain.states import BatchState
from hmi.engine.reports import BatchRecord, ShiftReport

DPI = 150
MARGIN_MM = 15.0


def tr(text: str) -> str:
    """Translate a report text (context "Report")."""
    return QCoreApplication.translate("Report", text)


def stamp(value: datetime | None) -> str:
    """Local time to the second, or a dash."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else "—"


class Words:
    """Numbers, states and messages in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def kg(self, value: Decimal | float | None) -> str:
        """'1,234.50' ('1.234,50') or a dash."""
        return "–" if value is None else format_number(value, self.language, 2)

    def state(self, state: BatchState) -> str:
        """A batch state in the operator's words."""
        return render(Message(f"batch.state.{state.value}"), self.language)

    def say(self, message: Message | str) -> str:
        """A message of the engine."""
        return render(message, self.language)


def plain_font(points: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """A sans font without ligatures, so the PDF's text is searchable as typed ("fi", not "ﬁ")."""
    font = QFont("DejaVu Sans", points, weight)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


class PdfPages:
    """Writes headings, text lines and simple tables top to bottom, breaking pages as needed."""

    def __init__(self, path: Path, title: str) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(DPI)
        self.writer.setTitle(title)
        self.writer.setCreator("Batch HMI")
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise ValidationError(f"the PDF file {path} cannot be written")
        rect = self.writer.pageLayout().paintRectPixels(DPI)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.y = 0.0
        self.body = plain_font(9)
        self.bold = plain_font(9, QFont.Weight.Bold)
        self.big = plain_font(14, QFont.Weight.Bold)

    def _room(self, height: float) -> None:
        if self.y + height > self.height:
            self.writer.newPage()
            self.y = 0.0

    def text(self, line: str, font: QFont | None = None) -> None:
        """One paragraph, wrapped to the page width."""
        font = font or self.body
        self.painter.setFont(font)
        metrics = QFontMetricsF(font, self.writer)
        flags = int(Qt.TextFlag.TextWordWrap)
        box = metrics.boundingRect(QRectF(0, 0, self.width, 10_000), flags, line)
        self._room(box.height())
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), flags, line)
        self.y += box.height() + metrics.height() * 0.15

    def heading(self, line: str) -> None:
        """A section title with some space above."""
        self.y += QFontMetricsF(self.bold, self.writer).height() * 0.6
        self.text(line, self.bold)

    def title(self, line: str) -> None:
        """The document title."""
        self.text(line, self.big)

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """A table with a bold header row; `widths` are fractions of the page width."""
        metrics = QFontMetricsF(self.body, self.writer)
        height = metrics.height() * 1.3
        for index, cells in enumerate([headers, *rows]):
            self._room(height)
            self.painter.setFont(self.bold if index == 0 else self.body)
            x = 0.0
            for cell, fraction in zip(cells, widths, strict=True):
                width = fraction * self.width
                text = metrics.elidedText(str(cell), Qt.TextElideMode.ElideRight, width - 8)
                self.painter.drawText(
                    QRectF(x, self.y, width - 4, height), int(Qt.AlignmentFlag.AlignVCenter), text
                )
                x += width
            self.y += height
        if not rows:
            self.text(tr("(none)"))

    def finish(self) -> None:
        """Close the PDF file."""
        self.painter.end()


def write_alarms(pdf: PdfPages, alarms: Sequence[Alarm], words: Words) -> None:
    """One wrapped paragraph per alarm: when, priority, text, who acknowledged it."""
    if not alarms:
        pdf.text(tr("(none)"))
    for alarm in alarms:
        acked = (
            tr("acknowledged by %1 at %2")
            .replace("%1", alarm.acked_by)
            .replace("%2", stamp(alarm.acked_at))
            if alarm.acked_at
            else tr("not acknowledged")
        )
        pdf.text(
            f"{stamp(alarm.raised_at)} → {stamp(alarm.cleared_at)}  "
            f"[{words.say(Message(f'alarm.priority.{alarm.priority.name.lower()}'))}]  "
            f"{words.say(alarm.message)}  ({acked})"
        )


def write_batch_record(record: BatchRecord, path: Path, language: str = "en") -> Path:
    """Write the batch record PDF of one archived batch to `path`, in `language`."""
    words = Words(language)
    kg = words.kg
    batch = record.batch
    pdf = PdfPages(path, f"Batch record {batch.mo_name}")
    try:
        pdf.title(tr("Batch record") + f" — {batch.mo_name}")
        pdf.text(f"{tr('Line')}: {record.line_name}    {tr('Printed')}: {stamp(record.printed_at)}")
        facts = (
            (tr("Manufacturing order"), batch.mo_name),
            (tr("Product"), batch.product_name),
            (tr("Bill of materials"), batch.bom_name),
            (tr("Planned quantity (kg)"), kg(batch.quantity_kg)),
            (tr("Outcome"), words.state(batch.outcome)),
            (tr("Queued"), stamp(batch.queued_at)),
            (tr("Fetch confirmed by"), f"{record.fetched_by} ({stamp(record.fetched_at)})"),
            (tr("Started"), stamp(batch.started_at)),
            (tr("Finished"), stamp(batch.finished_at)),
            (tr("Archived"), stamp(batch.archived_at)),
            (tr("Finished weight (kg)"), kg(batch.finished_weight_kg)),
            (tr("Produced quantity (kg)"), kg(batch.produced_kg)),
        )
        for label, value in facts:
            pdf.text(f"{label}: {value}")
        if batch.note:
            pdf.text(f"{tr('Note')}: {batch.note}")
        if batch.reason:
            pdf.text(f"{tr('Cancelled by')} {batch.actor}: {batch.reason}")
        pdf.heading(tr("Materials") + f" (±{record.tolerance_pct:g} %)")
        rows = []
        for line in batch.lines:
            deviation = "—"
            if line.actual_kg is not None and line.planned_kg > 0:
                pct = (line.actual_kg - line.planned_kg) / line.planned_kg * 100
                diff = line.actual_kg - line.planned_kg
                sign, psign = ("+" if diff > 0 else ""), ("+" if pct > 0 else "")
                deviation = f"{sign}{kg(diff)} kg ({psign}{format_number(pct, language)} %)"
            rows.append(
                [
                    str(line.equipment_id),
                    line.product_ref,
                    kg(line.planned_kg),
                    kg(line.actual_kg),
                    deviation,
                ]
            )
        headers = [tr("Silo/tank"), tr("Material"), tr("Planned kg"), tr("Actual kg")]
        pdf.table([*headers, tr("Deviation")], rows, (0.12, 0.28, 0.18, 0.18, 0.24))
        pdf.text(f"{tr('Total actual (kg)')}: {kg(batch.actual_total_kg)}", pdf.bold)
        pdf.heading(tr("Alarms during the batch"))
        write_alarms(pdf, record.alarms, words)
    finally:
        pdf.finish()
    return path


def write_shift_report(report: ShiftReport, path: Path, language: str = "en") -> Path:
    """Write the shift report PDF to `path`, in `language`."""
    words = Words(language)
    kg = words.kg
    pdf = PdfPages(path, "Shift report")
    try:
        pdf.title(tr("Shift report") + f" — {report.line_name}")
        pdf.text(
            f"{stamp(report.since)} → {stamp(report.until)}    "
            f"{tr('Printed')}: {stamp(report.printed_at)}"
        )
        pdf.heading(tr("Batches") + f" ({len(report.batches)})")
        rows = [
            [
                b.mo_name,
                b.product_name,
                words.state(b.outcome),
                kg(b.quantity_kg),
                kg(b.produced_kg),
                stamp(b.archived_at),
            ]
            for b in report.batches
        ]
        headers = [tr("MO"), tr("Product"), tr("Outcome"), tr("Planned kg"), tr("Produced kg")]
        pdf.table([*headers, tr("Archived")], rows, (0.16, 0.24, 0.11, 0.13, 0.13, 0.23))
        pdf.heading(tr("Totals per material (reported batches)"))
        totals = [
            [t.product_ref, str(t.equipment_id), kg(t.planned_kg), kg(t.actual_kg)]
            for t in report.totals
        ]
        pdf.table(
            [tr("Material"), tr("Silo/tank"), tr("Planned kg"), tr("Actual kg")],
            totals,
            (0.34, 0.18, 0.24, 0.24),
        )
        pdf.heading(tr("Alarms"))
        write_alarms(pdf, report.alarms, words)
        pdf.heading(tr("Not yet in Odoo"))
        waiting = [
            [b.mo_name, b.product_name, words.state(b.state), b.odoo_message]
            for b in report.unsynced
        ]
        waiting += [
            [item.key, tr("maintenance request"), item.state.value, item.last_error]
            for item in report.outbox
        ]
        pdf.table(
            [tr("Item"), tr("What"), tr("State"), tr("Last message")],
            waiting,
            (0.17, 0.23, 0.2, 0.4),
        )
    finally:
        pdf.finish()
    return path
