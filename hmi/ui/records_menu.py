"""The records menu: the batch history, the shift report and the audit trail, one tap each;
and the window's side of those records (a mixin of MainWindow)."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget
from qasync import asyncSlot

from hmi.domain.localtime import local_stamp, to_local
from hmi.domain.shifts import ShiftSpan
from hmi.ui.audit_view import AuditDialog
from hmi.ui.dialogs import run_dialog
from hmi.ui.history_view import HistoryDialog
from hmi.ui.touch import TouchDialog


class RecordsMenu(TouchDialog):
    """Three large buttons; the window connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, scroll=False)
        self.setWindowTitle(self.tr("Records"))
        self.history = QPushButton(self.tr("Batch history…"))
        self.shift = QPushButton(self.tr("Shift report (PDF)…"))
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


class ShiftChoiceDialog(TouchDialog):
    """The shift running now and the ones before it, one button each; `chosen` after accept."""

    def __init__(self, spans: list[ShiftSpan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift report"))
        self.chosen: ShiftSpan | None = None
        self.buttons: list[QPushButton] = []
        for span in spans:
            text = (
                f"{span.name}  {local_stamp(span.start, seconds=False)} → "
                f"{to_local(span.end).strftime('%H:%M')}"
            )
            button = QPushButton(text)
            button.setProperty("primary", True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=span: self._pick(s))
            self.body.addWidget(button)
            self.buttons.append(button)
        self.body.addStretch(1)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.clicked.connect(self.reject)
        self.want_size(560, 520)

    def _pick(self, span: ShiftSpan) -> None:
        self.chosen = span
        self.accept()


class RecordsHost:
    """Opens the records menu and its dialogs; the presenter writes the files."""

    engine: Any
    presenter: Any
    dialog: QDialog | None

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def on_records(self) -> None:
        """The records menu: history, shift report, audit trail."""
        menu = RecordsMenu(self._parent())
        menu.history.clicked.connect(lambda: self._after(menu, self.on_history))
        menu.shift.clicked.connect(lambda: self._after(menu, self.on_shift_report))
        menu.audit.clicked.connect(lambda: self._after(menu, self.on_audit))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.open()

    @staticmethod
    def _after(menu: QDialog, then: object) -> None:
        menu.accept()
        then()  # type: ignore[operator]

    @asyncSlot()
    async def on_history(self) -> None:
        """The history of archived batches."""
        dialog = HistoryDialog(self.engine, self._parent())
        dialog.record_requested.connect(self.on_batch_record)
        self.dialog = dialog
        try:
            await dialog.load()
            await run_dialog(dialog)
        finally:
            dialog.deleteLater()
            self.dialog = None

    @asyncSlot(int)
    async def on_batch_record(self, mo_id: int) -> None:
        """The history's "Batch record" button: the PDF, in the reports folder."""
        await self.presenter.batch_record(mo_id)

    @asyncSlot()
    async def on_shift_report(self) -> None:
        """Choose a shift (the current one first), then its report as a PDF."""
        dialog = ShiftChoiceDialog(self.engine.shifts(), self._parent())
        self.dialog = dialog
        try:
            chosen = await run_dialog(dialog) == QDialog.DialogCode.Accepted
            span = dialog.chosen
        finally:
            dialog.deleteLater()
            self.dialog = None
        if chosen and span is not None:
            await self.presenter.shift_report(shift=span)

    @asyncSlot()
    async def on_audit(self) -> None:
        """The audit trail with its filter and CSV export."""
        dialog = AuditDialog(self._parent())
        self.dialog = dialog

        async def load() -> None:
            entries = await self.presenter.audit_entries(dialog.filters())
            if entries is not None:
                dialog.show_entries(entries)

        dialog.filter_requested.connect(lambda: asyncio.ensure_future(load()))
        dialog.export_requested.connect(
            lambda: asyncio.ensure_future(self.presenter.export_audit(dialog.filters()))
        )
        try:
            await load()
            await run_dialog(dialog)
        finally:
            dialog.deleteLater()
            self.dialog = None
