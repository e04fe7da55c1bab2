"""The scale ticket's weights by touch: one row per material, a numeric keypad that types into
the selected row (the window's language decides the decimal separator: 1.234,5 in
Indonesian). Only what was typed is sent; the rest keeps the PLC's value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from hmi.domain.equipment import EquipmentTable
from hmi.domain.model import Batch
from hmi.ui.i18n import current_language
from hmi.ui.labels import equipment_name, kg, material_name, number
from hmi.ui.theme import MIN_TOUCH_PX
from hmi.ui.touch import ElidedLabel, TouchDialog

BACKSPACE, CLEAR, DOT = "⌫", "C", "."
KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", DOT, "0", BACKSPACE)
#: At most this many digits before the decimal separator (the PLC's u32 of kg × 100 holds
#: 42 949 672.95 kg) and two after it (the PLC's 0.01 kg).
MAX_WHOLE, MAX_DECIMALS = 8, 2


def separator(language: str) -> str:
    """The decimal separator of a language (Indonesian writes a comma)."""
    return "," if language == "id" else "."


def typed(text: str, key: str) -> str:
    """`text` (digits and at most one '.') after one key of the pad."""
    if key == BACKSPACE:
        return text[:-1]
    if key == CLEAR:
        return ""
    if key == DOT:
        return text if DOT in text else (text or "0") + DOT
    whole, _, decimals = text.partition(DOT)
    if DOT in text and len(decimals) >= MAX_DECIMALS:
        return text
    if DOT not in text and len(whole) >= MAX_WHOLE:
        return text
    return "0" if text == "0" and key == "0" else (key if text == "0" else text + key)


def as_weight(text: str) -> Decimal | None:
    """The kg typed ('612.5' → 612.5), None when nothing (or nothing sensible) was typed."""
    if not text or text == DOT:
        return None
    try:
        return Decimal(text.rstrip(DOT))
    except InvalidOperation:
        return None


class WeightsDialog(TouchDialog):
    """Rows of materials (the PLC's value, the ticket's) and a keypad on the right."""

    def __init__(
        self,
        batch: Batch,
        plc_values: Mapping[int, Decimal],
        table: EquipmentTable | None = None,
        *,
        required: Sequence[int] = (),
        suspect: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, scroll=False)
        self.batch = batch
        self.table = table
        self.required = tuple(required)
        self.setWindowTitle(self.tr("Scale ticket: %1").replace("%1", batch.mo_name))
        self.texts: dict[int, str] = {line.equipment_id: "" for line in batch.lines}
        self.entries: dict[int, QPushButton] = {}
        self.group = QButtonGroup(self)
        rows = QGridLayout()
        rows.setVerticalSpacing(4)
        for column, title in enumerate(
            (self.tr("Silo / tank"), self.tr("PLC reads"), self.tr("Scale ticket"))
        ):
            label = ElidedLabel(title)
            label.setStyleSheet("font-weight: bold;")
            rows.addWidget(label, 0, column)
        for row, line in enumerate(batch.lines, start=1):
            eq = line.equipment_id
            name = f"{equipment_name(eq, table)} — {material_name(line.product_ref, table)}"
            rows.addWidget(ElidedLabel(name), row, 0)
            read = QLabel(kg(plc_values.get(eq)))
            if eq in suspect or eq in required:
                read.setObjectName("error")
            rows.addWidget(read, row, 1)
            entry = QPushButton()
            entry.setCheckable(True)
            entry.setAutoDefault(False)
            entry.setMinimumHeight(MIN_TOUCH_PX)
            entry.clicked.connect(self._render)
            self.group.addButton(entry, eq)
            self.entries[eq] = entry
            rows.addWidget(entry, row, 2)
        rows.setColumnStretch(0, 2)
        rows.setColumnStretch(2, 1)
        rows.setRowStretch(len(batch.lines) + 1, 1)
        left = QWidget()
        left.setLayout(rows)
        self.pad = self._pad()
        split = QHBoxLayout()
        split.addWidget(left, 3)
        split.addWidget(self.pad, 2)
        self.body.addLayout(split, 1)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")))
        self.cancel.setProperty("primary", True)
        self.ok = self.add_button(QPushButton(self.tr("OK")), stretch_before=True)
        self.ok.setProperty("primary", True)
        self.cancel.clicked.connect(self.reject)
        self.ok.clicked.connect(self._accept_if_complete)
        if self.entries:  # the first implausible value first
            first = next((eq for eq in (*required, *suspect) if eq in self.entries), None)
            self.entries[first if first is not None else next(iter(self.entries))].setChecked(True)
        self.want_size(1100, 760)
        self._render()

    def _pad(self) -> QWidget:
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate((*KEYS, CLEAR)):
            label = separator(current_language()) if key == DOT else key
            if key == CLEAR:
                label = self.tr("Clear")
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.setProperty("primary", True)
            button.setMinimumSize(MIN_TOUCH_PX + 24, MIN_TOUCH_PX + 8)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            span = 3 if key == CLEAR else 1
            grid.addWidget(button, index // 3, index % 3, 1, span)
            self.keys[key] = button
        return pad

    def selected(self) -> int | None:
        """The equipment id of the row being typed into."""
        checked = self.group.checkedId()
        return checked if checked in self.entries else None

    def press(self, key: str) -> None:
        """One key of the pad, into the selected row."""
        eq = self.selected()
        if eq is None:
            return
        self.texts[eq] = typed(self.texts[eq], key)
        self._render()

    def select(self, equipment_id: int) -> None:
        """Type into this material's row next (tests, a tap on the row)."""
        self.entries[equipment_id].setChecked(True)
        self._render()

    def weights(self) -> dict[int, Decimal]:
        """kg per equipment id, of the rows that were typed."""
        found = {eq: as_weight(text) for eq, text in self.texts.items()}
        return {eq: value for eq, value in found.items() if value is not None}

    def _render(self) -> None:
        language = current_language()
        for eq, entry in self.entries.items():
            value = as_weight(self.texts[eq])
            shown = "–" if value is None else number(value, len(self.texts[eq].partition(".")[2]))
            if self.texts[eq].endswith(DOT):
                shown += separator(language)
            entry.setText(f"{shown} kg" if value is not None else shown)
        missing = [eq for eq in self.required if eq not in self.weights()]
        if not self.weights():
            self.reason.set_text(self.tr("Type at least one weight from the scale ticket."))
        elif missing:
            names = ", ".join(equipment_name(eq, self.table) for eq in missing)
            self.reason.set_text(
                self.tr("The PLC's value cannot be stored: type the weight of %1.").replace(
                    "%1", names
                )
            )
        else:
            self.reason.set_text("")
        self.ok.setEnabled(bool(self.weights()) and not missing)

    def _accept_if_complete(self) -> None:
        if self.ok.isEnabled():
            self.accept()
