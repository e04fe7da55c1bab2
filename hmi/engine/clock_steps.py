"""Deadlines this process set, kept on the monotonic clock (issue 11: every deadline survives a
clock step in either direction).

The PIN lockout and the shelving of an alarm are stored as wall-clock dates: other panels and
the next start read them there. This process also remembers each one it set on
`time.monotonic()`, so a clock stepped forward (NTP correcting a slow panel) does not end a
lockout or a shelving early here; one stepped back does not stretch it either: the stored
date is then further ahead than its cap and due now (`hmi.domain.deadlines`), while the
monotonic copy holds the remaining time. A stored date another panel changed since (a new
lockout, a shelving renewed) is taken as stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from hmi.domain.alarms import Alarm
from hmi.domain.deadlines import trusted_deadline
from hmi.domain.roles import PinAttempts

PIN_LOCKOUT = "pin"


def pin_lockout(user_key: str) -> str:
    """The key of one user's PIN lockout deadline (`user_key`: the store's lockout record)."""
    return f"{PIN_LOCKOUT}.{user_key}"


def shelving(alarm_id: int) -> str:
    """The key of an alarm's shelving deadline."""
    return f"shelve.{alarm_id}"


@dataclass
class Deadlines:
    """key -> (the date stored, when it ends on the monotonic clock) for deadlines set here."""

    kept: dict[str, tuple[datetime, float]] = field(default_factory=dict)

    def set(self, key: str, stored: datetime, seconds: float) -> None:
        """Remember a deadline stored as `stored`, ending `seconds` from now."""
        self.kept[key] = (stored, time.monotonic() + seconds)

    def until(
        self, key: str, stored: datetime | None, now: datetime, cap_s: float
    ) -> datetime | None:
        """When the deadline `key` ends, on the wall clock as it reads `now` (None: passed).

        The monotonic copy decides while the stored date is the one set here; otherwise the
        stored date, trusted only up to `cap_s` seconds ahead."""
        mine = self.kept.get(key)
        if mine is not None and stored is not None and mine[0] == stored:
            left = mine[1] - time.monotonic()
            if left > 0:
                return now + timedelta(seconds=left)
            del self.kept[key]
            return None
        if mine is not None:
            del self.kept[key]  # changed or cleared elsewhere
        return trusted_deadline(stored, now, cap_s)

    def lockout(
        self, attempts: PinAttempts, now: datetime, lock_s: float, key: str = PIN_LOCKOUT
    ) -> PinAttempts:
        """The PIN lockout `key` as it holds now, whatever the clock did since it began."""
        until = self.until(key, attempts.locked_until, now, lock_s)
        return replace(attempts, locked_until=until)

    def shelved(self, alarms: list[Alarm], now: datetime, cap_s: float) -> list[Alarm]:
        """The alarms with each shelving as it holds now."""
        out: list[Alarm] = []
        for alarm in alarms:
            if alarm.shelved_until is None:
                out.append(alarm)
                continue
            until = self.until(shelving(alarm.id), alarm.shelved_until, now, cap_s)
            out.append(
                alarm if until == alarm.shelved_until else replace(alarm, shelved_until=until)
            )
        return out
