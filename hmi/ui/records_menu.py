"""The records menu: the batch history, the shift report and the audit trail, one tap each."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from hmi.ui.touch import TouchDialog


class RecordsMenu(TouchDialog):
    """Three large buttons; the window connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(self.tr("Records"))
        self.history = QPushButton(self.tr("Batch history…"))
        self.shift = QPushButton(self.tr("Shift report (PDF, last 8 hours)"))
        self.audit = QPushButton(self.tr("Audit trail…"))
        note = QLabel(self.tr("PDF and CSV files are saved in the reports folder."))
        note.setWordWrap(True)
        for button in (self.history, self.shift, self.audit):
            button.setProperty("primary", True)
            button.setAutoDefault(False)
            self.body.addWidget(button)
        self.body.addWidget(note)
        self.body.addStretch(1)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.clicked.connect(self.reject)
        self.want_size(560, 420)
