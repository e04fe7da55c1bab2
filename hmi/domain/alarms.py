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
from hmi.domain.messages import Message

KEY_LEN = 128


class AlarmPriority(IntEnum):
    """ISA-18.2 style priority: a lower number is more severe."""

    HIGH = 1
    MEDIUM = 2
    LOW = 3


@dataclass(frozen=True)
class AlarmKind:
    """How one kind of alarm behaves: where it comes from, how severe, latched or not."""

    source: str
    priority: AlarmPriority
    latched: bool = False  # active until acknowledged (an event, not a condition)
    #: message code of the operator's response (ISA-18.2: what to do about it)
    response: str = "action.generic"


#: The first part of an alarm key (before the first dot) → its kind.
ALARM_KINDS: dict[str, AlarmKind] = {
    "failed": AlarmKind("plc", AlarmPriority.HIGH, response="action.failed"),
    "implausible": AlarmKind("plc", AlarmPriority.HIGH, response="action.implausible"),
    "equipment": AlarmKind(
        "equipment", AlarmPriority.HIGH, latched=True, response="action.equipment"
    ),
    # plc.mismatch, plc.lost, plc.unknown, plc.cancelled_ran
    "plc": AlarmKind("plc", AlarmPriority.HIGH, response="action.plc"),
    "link": AlarmKind("engine", AlarmPriority.MEDIUM, response="action.link"),
    "overrun": AlarmKind("engine", AlarmPriority.MEDIUM, response="action.overrun"),
    "refused": AlarmKind("odoo", AlarmPriority.MEDIUM, response="action.refused"),
    "outbox": AlarmKind("odoo", AlarmPriority.LOW, response="action.outbox"),
    "tolerance": AlarmKind("plc", AlarmPriority.LOW, response="action.tolerance"),
    "ack": AlarmKind("plc", AlarmPriority.HIGH, response="action.ack"),  # ack.<slot>
    "orphan": AlarmKind("plc", AlarmPriority.HIGH, response="action.orphan"),  # orphan.<slot>
    "identity": AlarmKind("plc", AlarmPriority.HIGH, response="action.identity"),
    "stall": AlarmKind("engine", AlarmPriority.HIGH, response="action.queue_idle"),
    "task": AlarmKind("engine", AlarmPriority.MEDIUM, response="action.task"),
    "claim": AlarmKind("engine", AlarmPriority.LOW, response="action.claim"),  # claim.<mo>
    # an event: a cancelled batch ran on the PLC anyway (dosed material not booked)
    "ran": AlarmKind("plc", AlarmPriority.HIGH, latched=True, response="action.cancelled_ran"),
    # config.plc, config.odoo: that side is not set up (the other side runs)
    "config": AlarmKind("engine", AlarmPriority.HIGH, response="action.config"),
    # held.<mo>: the equipment table changed under a waiting batch
    "held": AlarmKind("engine", AlarmPriority.HIGH, response="action.held"),
    # manual.<id>: a hand-added material that could not be booked in Odoo (an event)
    "manual": AlarmKind("plc", AlarmPriority.MEDIUM, latched=True, response="action.manual"),
}


def kind_of(key: str) -> AlarmKind:
    """The kind of an alarm key; an unknown kind is refused by name."""
    check_key(key)
    prefix = key.split(".", 1)[0]
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
    prefix = key.split(".", 1)[0]
    kind = ALARM_KINDS.get(prefix)
    return Message(kind.response if kind else "action.generic")


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
        raise ValidationError(f"shelve time {minutes!r} is not a number of minutes")
    if not 0 < minutes <= maximum:
        raise ValidationError(
            f"shelve time {minutes} min must be more than 0 and at most {maximum:g} min"
        )
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

    def describe(self) -> str:
        """'CORN (silo 101): 612.00 kg of 600.00 kg planned (+2.0 %)'."""
        return (
            f"{self.product_ref} ({self.equipment_id}): {self.actual_kg:.2f} kg of "
            f"{self.planned_kg:.2f} kg planned ({self.percent:+.1f} %)"
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
