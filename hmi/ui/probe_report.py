"""The PLC probe's report (Settings → Probe the PLC): a summary in the operator's language,
then the report itself as the integrator files it (the words the commissioning record
keeps, `hmi --probe-plc` prints the same), and Save."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from hmi.engine.probe import ProbeReport
from hmi.ui.i18n import QT_TRANSLATE_NOOP
from hmi.ui.touch import TouchDialog

#: The summary's sentences (translated in context "ProbeReportDialog").
SUMMARY = {
    "where": QT_TRANSLATE_NOOP("ProbeReportDialog", "PLC: %1"),
    "nothing": QT_TRANSLATE_NOOP(
        "ProbeReportDialog", "The PLC refuses even one word: check the register map's addresses."
    ),
    "largest": QT_TRANSLATE_NOOP("ProbeReportDialog", "Largest read accepted: %1 words"),
    "areas": QT_TRANSLATE_NOOP("ProbeReportDialog", "Areas read: %1, requests refused: %2"),
    "implausible": QT_TRANSLATE_NOOP("ProbeReportDialog", "Values implausible as configured: %1"),
    "problems": QT_TRANSLATE_NOOP("ProbeReportDialog", "Map settings to change: %1"),
    "fine": QT_TRANSLATE_NOOP("ProbeReportDialog", "No map setting to change."),
}


def _say(key: str, *values: object) -> str:
    text = QCoreApplication.translate("ProbeReportDialog", SUMMARY[key])
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


def summary_lines(report: ProbeReport) -> list[str]:
    """What the probe found, in the window's language."""
    lines = [_say("where", report.where)]
    if report.largest_read is None:
        lines.append(_say("nothing"))
    else:
        lines.append(_say("largest", report.largest_read))
    refused = sum(len(area.refused) for area in report.areas)
    lines.append(_say("areas", len(report.areas), refused))
    implausible = sum(
        1 for f in report.fields if f.configured is not None and not f.configured.plausible
    )
    lines.append(_say("implausible", implausible))
    lines.append(_say("problems", len(report.problems)) if report.problems else _say("fine"))
    return lines


class ProbeReportDialog(TouchDialog):
    """The probe's summary and report; Save writes it to the reports folder."""

    def __init__(self, report: ProbeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("PLC probe"))
        summary = QLabel("\n".join(summary_lines(report)))
        summary.setWordWrap(True)
        summary.setObjectName("panel")
        self.body.addWidget(summary)
        heading = QLabel(self.tr("The report (for the commissioning record):"))
        heading.setWordWrap(True)
        self.body.addWidget(heading)
        self.text = QLabel(report.text())
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(8, self.font().pointSize() - 2))
        self.text.setFont(font)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.text, 1)
        self.save = self.add_button(QPushButton(self.tr("Save report")))
        self.save.setProperty("primary", True)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.save.clicked.connect(self.accept)
        self.close_button.clicked.connect(self.reject)
        self.want_size(1100, 760)
