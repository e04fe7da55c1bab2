"""Settings dialog: PLC, Odoo, task intervals, equipment table, language; validated by name.

Every field is filled with the on-screen keyboard; the wheel changes no value; PINs are
each user's own (Users…), never a setting. The fields
are one table (`GROUPS`): the one place to adapt when the settings get a schema.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from qasync import asyncSlot

from hmi.config import Settings, settings_problems, with_section
from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message
from hmi.ui.i18n import QT_TRANSLATE_NOOP, say
from hmi.ui.keyboard import attach_keyboard
from hmi.ui.touch import ElidedLabel, TouchDialog, no_wheel, touch_combo


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
            Field(
                "ui",
                "standard_reasons",
                QT_TRANSLATE_NOOP("SettingsDialog", "Standard reasons (separate with ;)"),
                str,
            ),
            Field(
                "ui",
                "time_zone",
                QT_TRANSLATE_NOOP("SettingsDialog", "Time zone (e.g. Asia/Jakarta)"),
                str,
            ),
            Field(
                "ui",
                "shifts",
                QT_TRANSLATE_NOOP("SettingsDialog", "Shifts (name and start, separate with ;)"),
                str,
            ),
            Field(
                "ui",
                "idle_signout_min",
                QT_TRANSLATE_NOOP("SettingsDialog", "Sign out after idle (min)"),
                float,
            ),
            Field(
                "batching",
                "manual_materials",
                QT_TRANSLATE_NOOP("SettingsDialog", "Hand-added materials (code=reference; …)"),
                str,
            ),
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
            raise ValidationError(
                _tr("%1: %2 is not a whole number").replace("%1", label).replace("%2", repr(text))
            ) from None
    if field.kind is float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            raise ValidationError(
                _tr("%1: %2 is not a number").replace("%1", label).replace("%2", repr(text))
            ) from None
    return text.strip()


class SettingsDialog(TouchDialog):
    """Edits a copy of the settings; Save accepts only when every value is valid."""

    def __init__(
        self,
        settings: Settings,
        secret_supported: bool = False,
        parent: QWidget | None = None,
        *,
        probe: Callable[[], Awaitable[object]] | None = None,
        probe_why: Callable[[], Message | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._probe = probe
        self._probe_why = probe_why or (lambda: None)
        self.setWindowTitle(self.tr("Settings"))
        self._original = settings
        self._result: Settings | None = None
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        for title, fields in GROUPS:
            self.body.addWidget(self._group(title, fields, settings))
            if fields[0].section == "plc":
                self.body.addLayout(self._probe_row())
        self.body.addWidget(self._extras(settings, secret_supported))
        self.errors = QLabel()
        self.errors.setObjectName("error")
        self.errors.setWordWrap(True)
        self.body.addWidget(self.errors)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")))
        self.cancel.setProperty("primary", True)
        self.ok = self.add_button(QPushButton(self.tr("Save")), stretch_before=True)
        self.ok.setProperty("primary", True)
        self.ok.clicked.connect(self.try_accept)
        self.cancel.clicked.connect(self.try_cancel)
        self.want_size(900, 760)

    def _probe_row(self) -> QHBoxLayout:
        """Probe the PLC (the settings in force; read only), greyed with the reason."""
        self.probe_button = QPushButton(self.tr("Probe the PLC…"))
        self.probe_button.setAutoDefault(False)
        self.probe_button.clicked.connect(self.run_probe)
        self.probe_reason = ElidedLabel()
        self.probe_reason.setObjectName("reason")
        why = self._probe_why() if self._probe is not None else None
        self.probe_button.setEnabled(self._probe is not None and why is None)
        self.probe_reason.set_text(
            say(why)
            if why is not None
            else self.tr("Reads what the PLC of the saved settings accepts; writes nothing.")
        )
        row = QHBoxLayout()
        row.addWidget(self.probe_button)
        row.addWidget(self.probe_reason, 1)
        return row

    @asyncSlot()
    async def run_probe(self) -> None:
        """Run the probe (the presenter shows the report and saves it when asked)."""
        if self._probe is None:
            return
        self.probe_button.setEnabled(False)
        try:
            await self._probe()
        finally:
            self.probe_button.setEnabled(self._probe_why() is None)

    def _group(self, title: str, fields: tuple[Field, ...], settings: Settings) -> QGroupBox:
        """A titled form of line edits for `fields`, each filled with the keyboard."""
        box = QGroupBox(_tr(title))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in fields:
            edit = QLineEdit(str(getattr(getattr(settings, field.section), field.name)))
            attach_keyboard(edit, _tr(field.label))
            self.edits[(field.section, field.name)] = edit
            form.addRow(_tr(field.label), edit)
        return box

    def _extras(self, settings: Settings, secret_supported: bool) -> QGroupBox:
        """Secret, language, kiosk; PINs are each user's own (Users…, not here)."""
        box = QGroupBox(self.tr("Access and language"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("unchanged"))
        attach_keyboard(self.secret, self.tr("Odoo password or API key"), secret=True)
        if secret_supported:
            form.addRow(self.tr("Odoo password or API key"), self.secret)
        else:
            self.secret.setEnabled(False)
            note = QLabel(self.tr("No keyring here: the Odoo secret cannot be changed."))
            note.setWordWrap(True)
            form.addRow(self.tr("Odoo password or API key"), note)
        self.language = touch_combo(QComboBox())
        for code, text in LANGUAGE_CHOICES:
            self.language.addItem(_tr(text) if code == "" else text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.ui.language)))
        form.addRow(self.tr("Language"), self.language)
        self.kiosk = QCheckBox(self.tr("Full screen (kiosk)"))
        self.kiosk.setChecked(settings.ui.kiosk)
        no_wheel(self.kiosk)
        form.addRow("", self.kiosk)
        return box

    def try_cancel(self) -> None:
        """Cancel: nothing is saved."""
        self.reject()

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
        )
        table = settings.batching.equipment_table
        if table and not Path(table).is_file():
            problems.append(
                _tr("%1: %2 does not exist")
                .replace("%1", _tr("Equipment table file"))
                .replace("%2", table)
            )
        problems.extend(say(problem) for problem in settings_problems(settings))
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
