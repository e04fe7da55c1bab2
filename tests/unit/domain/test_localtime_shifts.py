"""Local time by zone name: each day with its own UTC offset, across a daylight-saving change
(Europe/Amsterdam) and in the seed plant's UTC+7 (Asia/Jakarta); shifts from the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from hmi.domain.errors import ConfigError, ValidationError
from hmi.domain.localtime import (
    at_local,
    day_span,
    local_stamp,
    plant_zone,
    set_plant_zone,
    zone_named,
)
from hmi.domain.shifts import find_shift, parse_shifts, recent_shifts, shift_at

AMS = ZoneInfo("Europe/Amsterdam")
JKT = ZoneInfo("Asia/Jakarta")
SHIFTS = parse_shifts("Night 22:00; Morning 06:00; Afternoon 14:00")


@pytest.fixture(autouse=True)
def reset_zone():
    yield
    set_plant_zone(None)


def test_a_july_day_in_amsterdam_starts_at_plus_two_even_when_asked_in_winter() -> None:
    start, end = day_span(date(2026, 7, 15), AMS)
    assert start == datetime(2026, 7, 14, 22, 0, tzinfo=UTC)  # 00:00+02:00
    assert end == datetime(2026, 7, 15, 22, 0, tzinfo=UTC)
    archived_at_0030 = datetime(2026, 7, 14, 22, 30, tzinfo=UTC)  # 00:30 local on 15 July
    assert start <= archived_at_0030 < end
    winter_start, _ = day_span(date(2026, 1, 15), AMS)
    assert winter_start == datetime(2026, 1, 14, 23, 0, tzinfo=UTC)  # 00:00+01:00


def test_the_days_of_a_daylight_saving_change_are_23_and_25_hours_long() -> None:
    spring = day_span(date(2026, 3, 29), AMS)
    autumn = day_span(date(2026, 10, 25), AMS)
    assert (spring[1] - spring[0]).total_seconds() == 23 * 3600
    assert (autumn[1] - autumn[0]).total_seconds() == 25 * 3600
    # a wall time in the spring gap lands after the change
    assert at_local(date(2026, 3, 29), time(2, 30), AMS) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_jakarta_is_utc_plus_seven_all_year() -> None:
    for day in (date(2026, 1, 10), date(2026, 7, 15)):
        start, end = day_span(day, JKT)
        assert start == datetime(day.year, day.month, day.day, tzinfo=UTC).replace(day=day.day) - (
            datetime(2026, 1, 1, 7, tzinfo=UTC) - datetime(2026, 1, 1, tzinfo=UTC)
        )
        assert (end - start).total_seconds() == 86_400
    set_plant_zone("Asia/Jakarta")
    assert local_stamp(datetime(2026, 7, 14, 17, 30, tzinfo=UTC)) == "2026-07-15 00:30:00"
    assert plant_zone() == JKT


def test_an_unknown_zone_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        zone_named("Mars/Olympus")


def test_shifts_cover_the_day_and_the_night_shift_crosses_midnight() -> None:
    assert [s.name for s in SHIFTS] == ["Morning", "Afternoon", "Night"]
    night = shift_at(datetime(2026, 7, 15, 20, 0, tzinfo=UTC), SHIFTS, JKT)  # 03:00 local
    assert (night.name, night.day) == ("Night", date(2026, 7, 15))
    assert night.start == datetime(2026, 7, 15, 15, 0, tzinfo=UTC)  # 22:00+07:00
    assert night.end == datetime(2026, 7, 15, 23, 0, tzinfo=UTC)  # 06:00+07:00 next day
    morning = find_shift(SHIFTS, "morning", date(2026, 7, 16), JKT)
    assert morning.start == night.end


def test_a_night_shift_across_the_autumn_change_is_nine_hours() -> None:
    night = find_shift(SHIFTS, "Night", date(2026, 10, 24), AMS)
    assert (night.end - night.start).total_seconds() == 9 * 3600


def test_recent_shifts_go_back_one_after_another() -> None:
    spans = recent_shifts(SHIFTS, 4, JKT, now=datetime(2026, 7, 15, 2, 0, tzinfo=UTC))
    assert [s.label for s in spans] == [
        "Morning 2026-07-15",
        "Night 2026-07-14",
        "Afternoon 2026-07-14",
        "Morning 2026-07-14",
    ]
    for newer, older in pairwise(spans):
        assert older.end == newer.start


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "1 to 6 shifts"),
        ("Morning", "name and its start time"),
        ("Morning 25:00", "name and its start time"),
        ("A 06:00; a 14:00", "same name"),
        ("A 06:00; B 06:00", "same time"),
    ],
)
def test_bad_shift_settings_are_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_shifts(text)
