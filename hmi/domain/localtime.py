"""The plant's local time: one IANA time zone by name (zoneinfo), each day with its own offset.

Everything is stored in UTC; what a person reads (the log, the history's day filter, shifts,
reports) is local time in the plant's zone. The zone is set once by the composition root
from the settings (`[ui] time_zone`, e.g. "Asia/Jakarta"); until then it is the computer's
own zone. A local day is [00:00, next day's 00:00) with the offset in force on that day, so a
day filter for 15 July in Europe/Amsterdam starts at 00:00+02:00 even when it is asked in
winter. On Windows, zoneinfo reads the IANA database from the `tzdata` package.
Standard library only.

Example::

    >>> from datetime import date
    >>> start, end = day_span(date(2026, 7, 15), ZoneInfo("Europe/Amsterdam"))
    >>> start.isoformat(), end.isoformat()
    ('2026-07-14T22:00:00+00:00', '2026-07-15T22:00:00+00:00')
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hmi.domain.errors import ConfigError

_zone: tzinfo | None = None


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone `name` ("Asia/Jakarta"); ConfigError names it when it is unknown."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ConfigError(
            f"time zone {name!r} is unknown: use an IANA name such as Asia/Jakarta or "
            "Europe/Amsterdam (on Windows the tzdata package provides them)"
        ) from exc


def set_plant_zone(zone: tzinfo | str | None) -> tzinfo:
    """Set the zone local times are shown in (a name, a tzinfo, or None: the computer's)."""
    global _zone
    _zone = zone_named(zone) if isinstance(zone, str) and zone.strip() else None
    if isinstance(zone, tzinfo):
        _zone = zone
    return plant_zone()


def plant_zone() -> tzinfo:
    """The zone local times are shown in."""
    if _zone is not None:
        return _zone
    return system_zone()


def system_zone() -> tzinfo:
    """The computer's own zone: by name where the system says it ($TZ, /etc/localtime), else
    its current fixed offset (then DST changes need `[ui] time_zone` set)."""
    import os
    from pathlib import Path

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        link = Path("/etc/localtime")
        try:
            target = str(link.resolve())
        except OSError:
            target = ""
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = datetime.now().astimezone().tzinfo
    return offset if offset is not None else UTC


def to_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """An aware UTC time as local time in the plant's zone (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone or plant_zone())


def local_stamp(
    moment: datetime | None, zone: tzinfo | None = None, *, seconds: bool = True
) -> str:
    """'2026-07-15 00:30:00' in the plant's zone, or a dash."""
    if moment is None:
        return "—"
    return to_local(moment, zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def local_clock(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """'00:30:00' in the plant's zone, or a dash."""
    if moment is None:
        return "–"
    return to_local(moment, zone).strftime("%H:%M:%S")


def at_local(day: date, clock: time, zone: tzinfo | None = None) -> datetime:
    """The UTC instant of a local wall-clock time on a local day (a time skipped by a DST
    change is taken after the change; a repeated one, its first occurrence)."""
    # PEP 495, fold=0: a wall time in a gap maps with the offset before the change (so it
    # lands after it), an ambiguous one to its first occurrence
    return datetime.combine(day, clock).replace(tzinfo=zone or plant_zone()).astimezone(UTC)


def day_span(day: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[start, end) in UTC of one local day, each end with the offset of its own day."""
    return at_local(day, time(0), zone), at_local(day + timedelta(days=1), time(0), zone)


def local_today(zone: tzinfo | None = None, now: datetime | None = None) -> date:
    """Today's date in the plant's zone."""
    return to_local(now or datetime.now(UTC), zone).date()
