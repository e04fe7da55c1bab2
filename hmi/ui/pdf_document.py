"""Paginated PDFs with Qt's own layout engine: QTextDocument laid out for A4 and printed page by
page through QPdfWriter, with "page n of m" at the foot of each page.

Why Qt and not a PDF library: QTextDocument wraps text in any cell, repeats a table's header
rows (`<thead>`) on every page it spans, and uses the same fonts and text shaping as the
screen; QPdfWriter is part of PySide6-Essentials, already installed (no second layout engine,
no fonts to ship). The document is built from escaped HTML, so no text from Odoo or the PLC
can inject markup. It runs in a worker thread (QTextDocument and QPdfWriter need no window).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from hmi.domain.errors import ValidationError

DPI = 150
MARGIN_MM = 15.0
STYLE = """
h1 { font-size: 14pt; margin-bottom: 2px; }
h2 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 3px; }
p { margin: 1px 0; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #e6e6e6; font-weight: bold; }
table.grid th, table.grid td { border: 1px solid #888; padding: 2px 4px; }
td.num { text-align: right; }
table.facts td { padding: 1px 6px 1px 0; }
"""


def tr(text: str) -> str:
    """Translate a report text. pyside6-lupdate files a bare `tr("…")` call under the empty
    context, so that is the context looked up (the previous "Report" context was never in
    the catalogue: Indonesian PDFs came out in English)."""
    return QCoreApplication.translate("", text)


def esc(text: object) -> str:
    """Text as HTML, line breaks kept."""
    return html.escape(str(text)).replace("\n", "<br/>")


def plain_font(points: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """A sans font without ligatures, so the PDF's text is searchable as typed ("fi", not "ﬁ")."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setWeight(weight)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


class Html:
    """Builds the document's HTML from escaped parts."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def title(self, text: str) -> None:
        """The document's title."""
        self.parts.append(f"<h1>{esc(text)}</h1>")

    def heading(self, text: str) -> None:
        """A section title."""
        self.parts.append(f"<h2>{esc(text)}</h2>")

    def text(self, text: str, *, bold: bool = False) -> None:
        """A paragraph (wrapped)."""
        body = f"<b>{esc(text)}</b>" if bold else esc(text)
        self.parts.append(f"<p>{body}</p>")

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Label: value lines, aligned in two columns."""
        rows = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in pairs)
        self.parts.append(f'<table class="facts" width="100%">{rows}</table>')

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
        numeric: Sequence[int] = (),
    ) -> None:
        """A grid whose header row repeats on every page; `widths` in percent, `numeric`: the
        right-aligned columns."""
        if not rows:
            self.text(tr("(none)"))
            return
        head = "".join(
            f'<th width="{w}%">{esc(h)}</th>' for h, w in zip(headers, widths, strict=True)
        )
        body = []
        for row in rows:
            cells = "".join(
                f'<td class="num">{esc(c)}</td>' if i in numeric else f"<td>{esc(c)}</td>"
                for i, c in enumerate(row)
            )
            body.append(f"<tr>{cells}</tr>")
        self.parts.append(
            '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )

    def signatures(self, roles: Sequence[str]) -> None:
        """Signature lines: role, name, date, signature."""
        header = (tr("Role"), tr("Name"), tr("Date"), tr("Signature"))
        rows = [(role, "", "", "") for role in roles]
        head = "".join(f"<th>{esc(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f'<td height="36">{esc(c)}</td>' for c in row) + "</tr>"
            for row in rows
        )
        self.parts.append(
            '<table class="grid" width="100%" cellspacing="0" cellpadding="3">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def html(self) -> str:
        """The whole document."""
        return f"<html><head><style>{STYLE}</style></head><body>{''.join(self.parts)}</body></html>"


def write_pdf(path: Path, title: str, document: Html, footer: str) -> int:
    """Lay the HTML out on A4 pages and write them to `path`; return the page count. Each
    page's foot says `footer` and "Page n of m"."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("Batch HMI")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise ValidationError(f"the PDF file {path} cannot be written")
    try:
        area = writer.pageLayout().paintRectPixels(DPI)
        width, height = float(area.width()), float(area.height())
        small = plain_font(7.5)
        foot_h = QFontMetricsF(small, writer).height() * 2.0
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(plain_font(9))
        doc.setDocumentMargin(0)
        doc.setHtml(document.html())
        page_h = height - foot_h
        doc.setPageSize(QSizeF(width, page_h))
        pages = doc.pageCount()
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page_h)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, index * page_h, width, page_h)
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawLine(0, int(page_h + foot_h * 0.2), int(width), int(page_h + foot_h * 0.2))
            page = tr("Page %1 of %2").replace("%1", str(index + 1)).replace("%2", str(pages))
            box = QRectF(0, page_h + foot_h * 0.3, width, foot_h * 0.7)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), footer)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), page)
    finally:
        painter.end()
    return pages
