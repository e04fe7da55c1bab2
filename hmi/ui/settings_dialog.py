"""Settings dialog: PLC, Odoo, task intervals, equipment table, language; validated by name."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from hmi.config import Settings, validate_settings, with_section
from hmi.domain.errors import ValidationError
from hmi.domain.pin import check_pin_format, hash_pin
from hmi.ui.dialogs import run_dialog
from hmi.ui.pin_pad import PinPadDialog


@dataclass(frozen=True)
class Field:
    """One editable setting: where it lives, its label and its type."""

    section: str
    name: str
    label: str
    kind: type


GROUPS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "PLC"),
        (
            Field("plc", "host", QT_TRANSLATE_NOOP("SettingsDialog", "PLC host"), str),
            Field("plc", "port", QT_TRANSLATE_NOOP("SettingsDialog", "PLC port"), int),
            Field("plc", "unit_id", QT_TRANSLATE_NOOP("SettingsDialog", "PLC unit id"), int),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Odoo"),
        (
            Field("odoo", "url", QT_TRANSLATE_NOOP("SettingsDialog", "Odoo URL"), str),
            Field("odoo", "database", QT_TRANSLATE_NOOP("SettingsDialog", "Odoo database"), str),
            Field("odoo", "login", QT_TRANSLATE_NOOP("SettingsDialog", "Odoo user"), str),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Task intervals"),
        (
            Field(
                "tasks",
                "fetch_interval_s",
                QT_TRANSLATE_NOOP("SettingsDialog", "Fetch every (s)"),
                float,
            ),
            Field(
                "tasks",
                "plc_interval_s",
                QT_TRANSLATE_NOOP("SettingsDialog", "Read the PLC every (s)"),
                float,
            ),
            Field(
                "tasks",
                "complete_interval_s",
                QT_TRANSLATE_NOOP("SettingsDialog", "Report to Odoo every (s)"),
                float,
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsDialog", "Plant and display"),
        (
            Field(
                "batching",
                "equipment_table",
                QT_TRANSLATE_NOOP("SettingsDialog", "Equipment table file"),
                str,
            ),
            Field("ui", "line_name", QT_TRANSLATE_NOOP("SettingsDialog", "Line name"), str),
        ),
    ),
)
LANGUAGE_CHOICES = (
    ("", QT_TRANSLATE_NOOP("SettingsDialog", "System language")),
    ("en", "English"),
    ("id", "Bahasa Indonesia"),
)


def _tr(text: str) -> str:
    """Translate a SettingsDialog text marked with QT_TRANSLATE_NOOP."""
    return QCoreApplication.translate("SettingsDialog", text)


def parse_field(field: Field, text: str) -> Any:
    """Convert the text of one field to its type, or raise ValidationError naming the field."""
    label = _tr(field.label)
    if field.kind is int:
        try:
            return int(text.strip())
        except ValueError:
            raise ValidationError(f"{label}: {text!r} is not a whole number") from None
    if field.kind is float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"{label}: {text!r} is not a number") from None
    return text.strip()


class SettingsDialog(QDialog):
    """Edits a copy of the settings; OK accepts only when every value is valid."""

    def __init__(
        self, settings: Settings, secret_supported: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._original = settings
        self._result: Settings | None = None
        self._pin_hash = settings.ui.supervisor_pin_hash
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        body = QWidget()
        grid = QGridLayout(body)
        for i, (title, fields) in enumerate(GROUPS):
            grid.addWidget(self._group(title, fields, settings), i // 2, i % 2)
        grid.addWidget(self._extras(settings, secret_supported), 2, 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.errors = QLabel()
        self.errors.setObjectName("error")
        self.errors.setWordWrap(True)
        self.ok = QPushButton(self.tr("Save"))
        self.ok.setProperty("primary", True)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setProperty("primary", True)
        self.ok.clicked.connect(self.try_accept)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)
        self.resize(1000, 700)

    def _group(self, title: str, fields: tuple[Field, ...], settings: Settings) -> QGroupBox:
        """A titled form of line edits for `fields`."""
        box = QGroupBox(_tr(title))
        form = QFormLayout(box)
        for field in fields:
            edit = QLineEdit(str(getattr(getattr(settings, field.section), field.name)))
            self.edits[(field.section, field.name)] = edit
            if field.name == "equipment_table":
                browse = QPushButton(self.tr("Choose…"))
                browse.clicked.connect(self._browse)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(browse)
                form.addRow(_tr(field.label), row)
            else:
                form.addRow(_tr(field.label), edit)
        return box

    def _extras(self, settings: Settings, secret_supported: bool) -> QGroupBox:
        """Secret, language, kiosk and the supervisor PIN."""
        box = QGroupBox(self.tr("Access and language"))
        form = QFormLayout(box)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("unchanged"))
        if secret_supported:
            form.addRow(self.tr("Odoo password or API key"), self.secret)
        else:
            self.secret.setEnabled(False)
            note = QLabel(self.tr("No keyring here: the Odoo secret cannot be changed."))
            note.setWordWrap(True)
            form.addRow(self.tr("Odoo password or API key"), note)
        self.language = QComboBox()
        for code, text in LANGUAGE_CHOICES:
            self.language.addItem(_tr(text) if code == "" else text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.ui.language)))
        form.addRow(self.tr("Language"), self.language)
        self.kiosk = QCheckBox(self.tr("Full screen (kiosk)"))
        self.kiosk.setChecked(settings.ui.kiosk)
        self.kiosk.setMinimumHeight(48)
        form.addRow("", self.kiosk)
        self.pin_button = QPushButton(self.tr("Set supervisor PIN…"))
        self.pin_button.clicked.connect(self.change_pin)
        self.pin_state = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.pin_button)
        row.addWidget(self.pin_state, 1)
        form.addRow(self.tr("Supervisor PIN"), row)
        self._show_pin_state()
        return box

    def _show_pin_state(self) -> None:
        """Say whether a PIN is set."""
        self.pin_state.setText(
            self.tr("set") if self._pin_hash else self.tr("not set: anyone can open settings")
        )

    def _browse(self) -> None:
        """Pick the equipment table file (plain slot, not inside a coroutine)."""
        edit = self.edits[("batching", "equipment_table")]
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Equipment table"), edit.text() or str(Path.home())
        )
        if path:
            edit.setText(path)

    @asyncSlot()
    async def change_pin(self) -> None:
        """Ask for a new PIN twice on the keypad and keep its hash for Save."""
        self.pin_button.setEnabled(False)
        try:
            first = await self._ask_pin(self.tr("Enter the new supervisor PIN"))
            again = await self._ask_pin(self.tr("Enter the new PIN again")) if first else None
            if first is None or again is None:
                return
            if first != again:
                self.errors.setText(self.tr("The two PINs differ; the PIN was not changed."))
                return
            self._pin_hash = await asyncio.to_thread(hash_pin, check_pin_format(first))
            self._show_pin_state()
        finally:
            self.pin_button.setEnabled(True)

    async def _ask_pin(self, prompt: str) -> str | None:
        """One PIN from the keypad, or None if cancelled."""
        pad = PinPadDialog(prompt, self)
        accepted = await run_dialog(pad) == QDialog.DialogCode.Accepted
        pin = pad.pin()
        pad.deleteLater()
        return pin if accepted else None

    def read_form(self) -> tuple[Settings | None, list[str]]:
        """The settings the form describes, or None and every problem by name."""
        problems: list[str] = []
        settings = self._original
        for (section, name), edit in self.edits.items():
            field = next(
                f for _, fs in GROUPS for f in fs if (f.section, f.name) == (section, name)
            )
            try:
                settings = with_section(
                    settings, section, **{name: parse_field(field, edit.text())}
                )
            except ValidationError as exc:
                problems.append(str(exc))
        settings = with_section(
            settings,
            "ui",
            language=str(self.language.currentData()),
            kiosk=self.kiosk.isChecked(),
            supervisor_pin_hash=self._pin_hash,
        )
        table = settings.batching.equipment_table
        if table and not Path(table).is_file():
            problems.append(f"{_tr('Equipment table file')}: {table} does not exist")
        problems.extend(validate_settings(settings))
        return (None if problems else settings), problems

    def try_accept(self) -> None:
        """Accept if valid, else list the problems and stay open."""
        settings, problems = self.read_form()
        if settings is None:
            self.errors.setText("\n".join(problems))
            return
        self._result = settings
        self.errors.clear()
        self.accept()

    def settings(self) -> Settings:
        """The accepted settings (the original ones if nothing was accepted)."""
        return self._result or replace(self._original)

    def new_secret(self) -> str:
        """The new Odoo secret typed in, or '' to keep the stored one."""
        return self.secret.text() if self.secret.isEnabled() else ""
