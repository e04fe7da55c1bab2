"""Alarms: what raised them, how severe, when raised/cleared, who acknowledged or shelved them.

An alarm is identified by a `key` such as "failed.17" (kind "failed", MO id 17) or
"link.plc". Its kind decides the source and priority (a data table, not code). Most kinds
clear when their cause is gone; a *latched* kind (an equipment failure, an event without a
"gone" signal) stays active until someone acknowledges it. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import IntEnum

from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg

KEY_LEN = 128


class AlarmPriority(IntEnum):
    """ISA-18.2 style priority: a lower number is more severe."""

    HIGH = 1
    MEDIUM = 2
    LOW = 3


@dataclass(frozen=True)
class AlarmKind:
    """How one kind of alarm behaves: where it comes from, how severe, latched or not, what
    the operator does about it and which of the window's commands does it."""

    source: str
    priority: AlarmPriority
    latched: bool = False  # active until acknowledged (an event, not a condition)
    #: message code of the operator's response (ISA-18.2: what to do about it)
    response: str = "action.generic"
    #: the window's command that resolves it (a `hmi.engine.permissions.Action` value), if any
    remedy: str = ""


#: Remedies: the window's commands an alarm's action button runs (permissions.Action values).
OPEN_BATCH = "batch_detail"
DECIDE = "decide"
RESEND_BATCHES = "resend_batches"
ACK_PLC_SLOT = "ack_plc_slot"
RELEASE_CLAIM = "release_claim"
RESOLVE_UNKNOWN = "resolve_unknown"
RESEND_HELD = "resend_held"
SETTINGS = "settings"

_HIGH, _MEDIUM, _LOW = AlarmPriority.HIGH, AlarmPriority.MEDIUM, AlarmPriority.LOW

#: An alarm key's kind: its first part ("failed" of "failed.17"), or its first two parts when
#: the table names them ("plc.lost"): the one table of sources, priorities, responses and
#: remedies (ISA-18.2's alarm rationalization, as data).
ALARM_KINDS: dict[str, AlarmKind] = {
    "failed": AlarmKind("plc", _HIGH, response="action.failed", remedy=OPEN_BATCH),
    "implausible": AlarmKind("plc", _HIGH, response="action.implausible", remedy=DECIDE),
    "equipment": AlarmKind("equipment", _HIGH, latched=True, response="action.equipment"),
    # the PLC's data and the queue disagree (plc.mismatch, and any other plc.* key)
    "plc": AlarmKind("plc", _HIGH, response="action.plc"),
    "plc.lost": AlarmKind("plc", _HIGH, response="action.resend", remedy=RESEND_BATCHES),
    "plc.unknown": AlarmKind(
        "plc", _HIGH, response="action.resolve_unknown", remedy=RESOLVE_UNKNOWN
    ),
    "plc.refused": AlarmKind("plc", _HIGH, response="action.plc_refused", remedy=SETTINGS),
    "link": AlarmKind("engine", _MEDIUM, response="action.link"),
    "link.plc": AlarmKind("engine", _MEDIUM, response="action.plc_link"),
    "link.odoo": AlarmKind("engine", _MEDIUM, response="action.odoo_down"),
    "link.db": AlarmKind("engine", _MEDIUM, response="action.db_down"),
    "overrun": AlarmKind("engine", _MEDIUM, response="action.overrun", remedy=OPEN_BATCH),
    "refused": AlarmKind("odoo", _MEDIUM, response="action.refused", remedy=OPEN_BATCH),
    "outbox": AlarmKind("odoo", _LOW, response="action.outbox"),
    "tolerance": AlarmKind("plc", _LOW, response="action.tolerance"),
    "ack": AlarmKind("plc", _HIGH, response="action.ack"),  # ack.<slot>
    "orphan": AlarmKind("plc", _HIGH, response="action.orphan", remedy=ACK_PLC_SLOT),
    "identity": AlarmKind("plc", _HIGH, response="action.identity", remedy=ACK_PLC_SLOT),
    "stall": AlarmKind("engine", _HIGH, response="action.queue_idle"),
    "stall.sent": AlarmKind("engine", _HIGH, response="action.sent", remedy=RESEND_BATCHES),
    "stall.ready": AlarmKind("engine", _HIGH, response="action.plc_not_ready"),
    "task": AlarmKind("engine", _MEDIUM, response="action.task"),
    "claim": AlarmKind("engine", _LOW, response="action.claim", remedy=RELEASE_CLAIM),
    # an event: a cancelled batch ran on the PLC anyway (dosed material not booked)
    "ran": AlarmKind("plc", _HIGH, latched=True, response="action.cancelled_ran"),
    # an event: a batch left the PLC and the queue, but Odoo did not cancel its MO
    "open": AlarmKind("odoo", _MEDIUM, latched=True, response="action.odoo_open"),
    # config.plc, config.odoo: that side is not set up (the other side runs)
    "config": AlarmKind("engine", _HIGH, response="action.config", remedy=SETTINGS),
    # held.<mo>: the equipment table changed under a waiting batch
    "held": AlarmKind("engine", _HIGH, response="action.held", remedy=RESEND_HELD),
    # manual.<id>: a hand-added material that could not be booked in Odoo (an event)
    "manual": AlarmKind("plc", _MEDIUM, latched=True, response="action.manual"),
}
#: Alarm kinds whose key ends in a PLC slot number ("orphan.3").
SLOT_KINDS = ("ack", "orphan", "identity")


def _kind_name(key: str) -> str:
    """The table entry of a key: its first two parts if the table names them, else its first."""
    first, _, rest = key.partition(".")
    two = f"{first}.{rest.split('.', 1)[0]}" if rest else first
    return two if two in ALARM_KINDS else first


def kind_of(key: str) -> AlarmKind:
    """The kind of an alarm key; an unknown kind is refused by name."""
    check_key(key)
    prefix = _kind_name(key)
    kind = ALARM_KINDS.get(prefix)
    if kind is None:
        raise ValidationError(
            f"alarm key {key!r}: unknown kind {prefix!r} (one of: {', '.join(ALARM_KINDS)})"
        )
    return kind


def check_key(key: object) -> str:
    """An alarm key: non-empty text without spaces, at most KEY_LEN characters."""
    if not isinstance(key, str) or not key or " " in key or len(key) > KEY_LEN:
        raise ValidationError(
            f"alarm key {key!r} must be 1 to {KEY_LEN} characters of text without spaces"
        )
    return key


def batch_key(kind: str, mo_id: int) -> str:
    """The key of a batch's alarm of one kind, e.g. batch_key("failed", 17) == "failed.17"."""
    return f"{kind}.{mo_id}"


BATCH_KINDS = ("failed", "implausible", "overrun", "refused", "tolerance", "claim", "held")


def response_of(key: str) -> Message:
    """What to do about the alarm with this key (its kind's ISA-18.2 response)."""
    kind = ALARM_KINDS.get(_kind_name(key))
    return Message(kind.response if kind else "action.generic")


@dataclass(frozen=True)
class Remedy:
    """The window's command that resolves an alarm, and what it is about."""

    action: str  # a hmi.engine.permissions.Action value
    mo_id: int | None = None
    slot: int | None = None


def remedy_of(key: str) -> Remedy | None:
    """The command that resolves the alarm with this key (its kind's remedy), or None."""
    kind = ALARM_KINDS.get(_kind_name(key))
    if kind is None or not kind.remedy:
        return None
    return Remedy(kind.remedy, mo_id_of(key), slot_of(key))


def slot_of(key: str) -> int | None:
    """The PLC slot of a slot alarm key ("orphan.3" → 3), else None."""
    kind, _, rest = key.partition(".")
    if kind in SLOT_KINDS and rest.isdigit() and int(rest) > 0:
        return int(rest)
    return None


def mo_id_of(key: str) -> int | None:
    """The MO id of a batch alarm key ("failed.17" → 17), else None."""
    kind, _, rest = key.partition(".")
    if kind in BATCH_KINDS and rest.isdigit() and int(rest) > 0:
        return int(rest)
    return None


@dataclass(frozen=True)
class Alarm:
    """One alarm as stored: raised, maybe cleared, maybe acknowledged or shelved."""

    id: int
    key: str
    source: str
    priority: AlarmPriority
    text: str  # the Message as stored (JSON; plain text in rows older than message codes)
    raised_at: datetime
    cleared_at: datetime | None = None
    acked_by: str = ""
    acked_at: datetime | None = None
    shelved_by: str = ""
    shelved_until: datetime | None = None
    mo_id: int | None = None

    @property
    def message(self) -> Message:
        """What the alarm says, as a message code with parameters."""
        return Message.from_json(self.text)

    @property
    def active(self) -> bool:
        """True while the cause is present (not cleared)."""
        return self.cleared_at is None

    @property
    def acknowledged(self) -> bool:
        """True once an operator acknowledged it."""
        return self.acked_at is not None

    def shelved(self, now: datetime) -> bool:
        """True while a supervisor's shelving hides it from the banner."""
        return self.shelved_until is not None and self.shelved_until > now

    def needs_attention(self, now: datetime) -> bool:
        """Shown in the alarm list: active, or cleared but not yet acknowledged."""
        return (self.active or not self.acknowledged) and not self.shelved(now)


def banner_order(alarms: Iterable[Alarm], now: datetime) -> list[Alarm]:
    """Active, unshelved alarms, most severe first; unacknowledged before acknowledged,
    then the newest first."""
    shown = [a for a in alarms if a.active and not a.shelved(now)]
    shown.sort(key=lambda a: -a.raised_at.timestamp())
    shown.sort(key=lambda a: (a.priority, a.acknowledged))
    return shown


def check_shelve_minutes(minutes: object, maximum: float) -> float:
    """Shelving lasts more than 0 and at most `maximum` minutes."""
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise ValidationError(msg("alarm.shelve_not_minutes", minutes=repr(minutes)))
    if not 0 < minutes <= maximum:
        raise ValidationError(msg("alarm.shelve_range", minutes=minutes, maximum=maximum))
    return float(minutes)


@dataclass(frozen=True)
class Deviation:
    """One material dosed outside its tolerance."""

    equipment_id: int
    product_ref: str
    planned_kg: Decimal
    actual_kg: Decimal

    @property
    def percent(self) -> float:
        """Signed deviation from plan in percent."""
        return float((self.actual_kg - self.planned_kg) / self.planned_kg * 100)

    def describe(self, material: str = "", equipment: str = "") -> Message:
        """'Corn (Silo 1): 612.00 kg of 600.00 kg planned (+2.0 %)': the material and the silo
        as the plant calls them (the equipment table's names; the reference and the id when
        none is given)."""
        return msg(
            "alarm.deviation",
            material=material or self.product_ref,
            equipment=equipment or str(self.equipment_id),
            actual=self.actual_kg,
            planned=self.planned_kg,
            percent=f"{self.percent:+.1f}",
        )


def deviations(
    lines: Iterable[tuple[int, str, Decimal, Decimal | None]], tolerance_pct: float
) -> list[Deviation]:
    """Materials (equipment id, product ref, planned, actual) whose actual differs from the plan
    by more than `tolerance_pct` percent; materials without a plan or an actual are skipped."""
    if not 0 <= tolerance_pct <= 100:
        raise ValidationError(f"dosing tolerance {tolerance_pct} % is not between 0 and 100 %")
    found = []
    limit = Decimal(repr(float(tolerance_pct)))
    for equipment_id, ref, planned, actual in lines:
        if actual is None or planned <= 0:
            continue
        item = Deviation(equipment_id, ref, planned, actual)
        if abs(actual - planned) * 100 > limit * planned:  # exact: no float in between
            found.append(item)
    return found
