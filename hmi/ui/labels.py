"""The operator's words for what the engine reports: states, links, levels, sources, numbers.

Words the engine decides come from the message catalogue (`hmi.domain.texts`) rendered in
the window's language; numbers are formatted one way everywhere (`format_kg`,
`format_number`, the language's separators).
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from hmi.domain.equipment import EquipmentTable
from hmi.domain.links import LinkState, LinkStatus
from hmi.domain.localtime import to_local
from hmi.domain.messages import Message, format_kg, format_number
from hmi.domain.states import BatchState
from hmi.ui.i18n import QT_TRANSLATE_NOOP, current_language, say

Number = float | int | Decimal | None

LINK_CODES = {"PLC": "link.name.plc", "Odoo": "link.name.odoo", "Database": "link.name.db"}
LEVEL_NAMES = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: What an operator must never read: errno numbers, internal ids, Python module names.
INTERNAL = (
    re.compile(r"\[Errno -?\d+\]\s*"),
    re.compile(r"\s*\((?:MO )?id \d+\)"),
    re.compile(r"\bhmi(?:\.[a-z_]+)+\b"),
)


def state_name(state: BatchState | str) -> str:
    """The operator's word for a batch state, in the window's language."""
    try:
        key = BatchState(state)
    except ValueError:
        return str(state)
    return say(Message(f"batch.state.{key.value}"))


def link_name(name: str) -> str:
    """The translated name of a link (PLC, Odoo, Database)."""
    code = LINK_CODES.get(name)
    return say(Message(code)) if code else name


def level_name(level: str) -> str:
    """A log level in the operator's words."""
    upper = level.upper()
    return say(Message(f"log.level.{upper.lower()}")) if upper in LEVEL_NAMES else level


def source_name(source: str) -> str:
    """Where a log line comes from, in the operator's words (never a module name)."""
    from hmi.domain.texts import TEXTS

    code = f"log.source.{source.split('.')[-1]}"
    return say(Message(code if code in TEXTS else "log.source.other"))


def clean(text: str) -> str:
    """`text` without errno numbers, internal ids and module names (foreign words we show)."""
    for pattern in INTERNAL:
        text = pattern.sub("", text)
    return text.strip()


def stored_text(text: str) -> str:
    """A batch's note or Odoo answer as stored (a message's JSON; plain text in older rows),
    in the window's language, without internal identifiers."""
    return clean(say(Message.from_json(text))) if text else ""


def gate_reasons(reasons: tuple[Message, ...]) -> str:
    """The gate's reasons, translated and joined: '8 batches still in the queue; PLC not
    ready'."""
    return "; ".join(say(r) for r in reasons)


def equipment_name(equipment_id: int, table: EquipmentTable | None = None) -> str:
    """What the operator calls a silo or tank: the equipment table's name ("Silo 1")."""
    entry = table.by_id(equipment_id) if table is not None else None
    if entry is not None:
        return entry.name
    if equipment_id >= 114:
        return QCoreApplication.translate("Labels", "Tank %1").replace("%1", str(equipment_id))
    return QCoreApplication.translate("Labels", "Silo %1").replace("%1", str(equipment_id))


def material_name(ref: str, table: EquipmentTable | None = None) -> str:
    """What the operator calls a material: the equipment table's material name, not the
    Odoo internal reference (falls back to the reference when the table does not name it)."""
    entry = table.for_ref(ref) if table is not None else None
    if entry is not None and entry.material:
        return entry.material
    return ref


def number(value: Number, decimals: int = 2) -> str:
    """A number in the window's language ('1,234.50' / '1.234,50'), or a dash."""
    if value is None:
        return "–"
    return format_number(value, current_language(), decimals)


def kg(value: Number) -> str:
    """A mass: '1,234.50 kg' ('1.234,50 kg' in Indonesian), or a dash when unknown."""
    return format_kg(value, current_language())


def percent(value: Decimal | float | None, signed: bool = False) -> str:
    """'75 %', '+2.08 %' or a dash."""
    if value is None:
        return "–"
    text = format_number(value, current_language(), 2 if signed else 0)
    return f"{'+' if signed and value > 0 else ''}{text} %"


def clock(value: datetime | None, seconds: bool = True) -> str:
    """Local time of day, or a dash."""
    if value is None:
        return "–"
    return to_local(value).strftime("%H:%M:%S" if seconds else "%H:%M")


def stamp(value: datetime | None) -> str:
    """Local date and time to the second (the plant's zone), or a dash."""
    return to_local(value).strftime("%Y-%m-%d %H:%M:%S") if value else "–"


def link_text(state: LinkState) -> str:
    """One header badge: 'PLC OK', 'PLC FAULTED 02:14' or 'PLC DOWN 02:14'."""
    name = link_name(state.name)
    if state.status is LinkStatus.UP:
        return QCoreApplication.translate("Labels", "%1 OK").replace("%1", name)
    since = clock(state.down_since, seconds=False) if state.down_since else "–"
    word = (
        QCoreApplication.translate("Labels", "%1 FAULTED %2")
        if state.status is LinkStatus.FAULTED
        else QCoreApplication.translate("Labels", "%1 DOWN %2")
    )
    return word.replace("%1", name).replace("%2", since)


def link_detail(state: LinkState) -> str:
    """The badge's detail on a tap: since when and the last error (or, FAULTED, what the
    link refuses), cleaned for an operator."""
    name = link_name(state.name)
    if state.status is LinkStatus.UP:
        return QCoreApplication.translate("Labels", "%1 is connected.").replace("%1", name)
    if state.status is LinkStatus.FAULTED and state.fault is not None:
        return (
            QCoreApplication.translate("Labels", "%1 answers but refuses requests since %2: %3")
            .replace("%1", name)
            .replace("%2", clock(state.down_since))
            .replace("%3", clean(say(state.fault)))
        )
    since = clock(state.down_since)
    error = clean(state.last_error or "") or QCoreApplication.translate("Labels", "not connected")
    return (
        QCoreApplication.translate("Labels", "%1 is not connected since %2: %3")
        .replace("%1", name)
        .replace("%2", since)
        .replace("%3", error)
    )


#: The button that runs an alarm's remedy (hmi.domain.alarms.ALARM_KINDS), per action.
REMEDY_LABELS = {
    "batch_detail": QT_TRANSLATE_NOOP("Remedy", "Open the batch"),
    "decide": QT_TRANSLATE_NOOP("Remedy", "Decide…"),
    "resend_batches": QT_TRANSLATE_NOOP("Remedy", "Resend batches…"),
    "ack_plc_slot": QT_TRANSLATE_NOOP("Remedy", "Acknowledge slot…"),
    "release_claim": QT_TRANSLATE_NOOP("Remedy", "Release claim…"),
    "resolve_unknown": QT_TRANSLATE_NOOP("Remedy", "Resolve unknown batches…"),
    "resend_held": QT_TRANSLATE_NOOP("Remedy", "Resend with current table…"),
    "settings": QT_TRANSLATE_NOOP("Remedy", "Settings…"),
}


def remedy_label(action: str) -> str:
    """The text of the button that runs a remedy, in the window's language."""
    return QCoreApplication.translate("Remedy", REMEDY_LABELS.get(action, action))
