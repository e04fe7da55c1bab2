"""Shifts: names and local start times from the settings; which shift an instant is in.

`[ui] shifts = "Morning 06:00; Afternoon 14:00; Night 22:00"`: each shift runs from its start
to the next shift's start (the last one to the first one's start the next day), in the
plant's local time (hmi.domain.localtime), so a shift across a daylight-saving change is an
hour shorter or longer, as the people working it experience it. Standard library only.

Example::

    >>> from zoneinfo import ZoneInfo
    >>> shifts = parse_shifts("Morning 06:00; Afternoon 14:00; Night 22:00")
    >>> span = shift_at(datetime(2026, 7, 15, 1, 0, tzinfo=UTC), shifts, ZoneInfo("Asia/Jakarta"))
    >>> span.name, span.day.isoformat(), span.start.isoformat()
    ('Morning', '2026-07-15', '2026-07-14T23:00:00+00:00')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from hmi.domain.errors import ValidationError
from hmi.domain.localtime import at_local, plant_zone, to_local

DEFAULT_SHIFTS = "Morning 06:00; Afternoon 14:00; Night 22:00"
MAX_SHIFTS = 6


@dataclass(frozen=True)
class Shift:
    """One shift of the plant's day: its name and local start time."""

    name: str
    start: time


@dataclass(frozen=True)
class ShiftSpan:
    """One shift on one day: [start, end) in UTC; `day` is the local date it starts on."""

    name: str
    day: date
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        """'Night 2026-07-15'."""
        return f"{self.name} {self.day.isoformat()}"


def parse_shifts(text: str) -> tuple[Shift, ...]:
    """'Morning 06:00; Afternoon 14:00' → shifts in order of their start; ValidationError names
    the bad entry (a name and HH:MM each, distinct names and times, 1 to 6 shifts)."""
    shifts: list[Shift] = []
    for part in (p.strip() for p in str(text).split(";")):
        if not part:
            continue
        name, _, clock = part.rpartition(" ")
        try:
            hours, minutes = (int(x) for x in clock.split(":"))
            start = time(hours, minutes)
        except ValueError:
            raise ValidationError(
                f"shift {part!r}: write a name and its start time, e.g. 'Morning 06:00'"
            ) from None
        if not name.strip():
            raise ValidationError(f"shift {part!r}: the shift has no name")
        shifts.append(Shift(" ".join(name.split()), start))
    if not 1 <= len(shifts) <= MAX_SHIFTS:
        raise ValidationError(f"shifts: name 1 to {MAX_SHIFTS} shifts, e.g. {DEFAULT_SHIFTS!r}")
    if len({s.name.casefold() for s in shifts}) != len(shifts):
        raise ValidationError("shifts: two shifts have the same name")
    if len({s.start for s in shifts}) != len(shifts):
        raise ValidationError("shifts: two shifts start at the same time")
    return tuple(sorted(shifts, key=lambda s: s.start))


def _span(shifts: tuple[Shift, ...], index: int, day: date, zone: tzinfo) -> ShiftSpan:
    """Shift `index` starting on local `day`."""
    shift = shifts[index]
    if index + 1 < len(shifts):
        end = at_local(day, shifts[index + 1].start, zone)
    else:
        end = at_local(day + timedelta(days=1), shifts[0].start, zone)
    return ShiftSpan(shift.name, day, at_local(day, shift.start, zone), end)


def spans_of_day(
    shifts: tuple[Shift, ...], day: date, zone: tzinfo | None = None
) -> list[ShiftSpan]:
    """Every shift that starts on local `day`, in order."""
    tz = zone or plant_zone()
    return [_span(shifts, i, day, tz) for i in range(len(shifts))]


def shift_at(moment: datetime, shifts: tuple[Shift, ...], zone: tzinfo | None = None) -> ShiftSpan:
    """The shift `moment` (aware) falls in."""
    tz = zone or plant_zone()
    day = to_local(moment, tz).date()
    for candidate in (day, day - timedelta(days=1)):
        for span in reversed(spans_of_day(shifts, candidate, tz)):
            if span.start <= moment < span.end:
                return span
    raise ValidationError(f"no shift covers {moment.isoformat()}")  # pragma: no cover


def recent_shifts(
    shifts: tuple[Shift, ...], count: int, zone: tzinfo | None = None, now: datetime | None = None
) -> list[ShiftSpan]:
    """The shift running now and the `count - 1` before it, newest first."""
    tz = zone or plant_zone()
    moment = now or datetime.now(UTC)
    found = [shift_at(moment, shifts, tz)]
    while len(found) < count:
        found.append(shift_at(found[-1].start - timedelta(seconds=1), shifts, tz))
    return found


def find_shift(
    shifts: tuple[Shift, ...], name: str, day: date, zone: tzinfo | None = None
) -> ShiftSpan:
    """Shift `name` starting on local `day`; ValidationError when there is no such shift."""
    for span in spans_of_day(shifts, day, zone):
        if span.name.casefold() == name.strip().casefold():
            return span
    known = ", ".join(s.name for s in shifts)
    raise ValidationError(f"there is no shift {name!r} (the shifts are: {known})")
