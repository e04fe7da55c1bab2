"""Translatable names of batch states and link names, shared by the widgets."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hmi.domain.messages import Message, format_kg, format_number, render
from hmi.domain.states import BatchState
from hmi.ui.i18n import current_language

STATE_NAMES: dict[BatchState, str] = {
    BatchState.QUEUED: QT_TRANSLATE_NOOP("BatchState", "Queued"),
    BatchState.SENT: QT_TRANSLATE_NOOP("BatchState", "Sent to PLC"),
    BatchState.RUNNING: QT_TRANSLATE_NOOP("BatchState", "Dosing"),
    BatchState.FINISHED: QT_TRANSLATE_NOOP("BatchState", "Reporting"),
    BatchState.REPORTED: QT_TRANSLATE_NOOP("BatchState", "Reported"),
    BatchState.FAILED: QT_TRANSLATE_NOOP("BatchState", "FAILED"),
    BatchState.NEEDS_ATTENTION: QT_TRANSLATE_NOOP("BatchState", "Needs attention"),
    BatchState.CANCELLED: QT_TRANSLATE_NOOP("BatchState", "Cancelled"),
}

LINK_NAMES: dict[str, str] = {
    "PLC": QT_TRANSLATE_NOOP("Links", "PLC"),
    "Odoo": QT_TRANSLATE_NOOP("Links", "Odoo"),
    "Database": QT_TRANSLATE_NOOP("Links", "Database"),
}


def gate_reasons(reasons: tuple[Message, ...]) -> str:
    """All gate reasons for the label beside the Fetch button, in the current language."""
    return "; ".join(render(reason, current_language()) for reason in reasons)


def state_name(state: BatchState | str) -> str:
    """The operator's word for a batch state, in the current language."""
    try:
        key = BatchState(state)
    except ValueError:
        return str(state)
    return QCoreApplication.translate("BatchState", STATE_NAMES[key])


def link_name(name: str) -> str:
    """The translated name of a link (PLC, Odoo, Database)."""
    source = LINK_NAMES.get(name)
    return QCoreApplication.translate("Links", source) if source else name


def equipment_name(equipment_id: int) -> str:
    """'Silo 101' or 'Tank 114' in the current language."""
    if equipment_id >= 114:
        return QCoreApplication.translate("Labels", "Tank %1").replace("%1", str(equipment_id))
    return QCoreApplication.translate("Labels", "Silo %1").replace("%1", str(equipment_id))


def number(value: Decimal | float | None) -> str:
    """A mass without unit for table columns titled '(kg)': '1,234.50' ('1.234,50' in
    Indonesian), or an em dash; the same format as every message (`format_number`)."""
    if value is None:
        return "—"
    return format_number(value, current_language())


def kg(value: Decimal | float | None) -> str:
    """A mass for display: '1,234.50 kg' (`format_kg`), or an em dash when unknown."""
    if value is None:
        return "—"
    return format_kg(value, current_language())
