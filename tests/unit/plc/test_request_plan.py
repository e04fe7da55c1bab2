"""Request planning: the fewest reads under 125 registers, writes under 123."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hmi.plc.modbus_client import MAX_READ, MAX_WRITE, plan_reads, plan_writes
from hmi.plc.register_map import load_register_map


def test_feedback_area_is_read_in_eight_requests() -> None:
    area = load_register_map().feedback
    plan = plan_reads(area.ranges())
    assert len(plan) == 8  # 977 words from 6000 to 6976; per slot it would be 10
    assert plan[0] == (6000, 125)
    assert plan[-1][0] + plan[-1][1] == 6977
    assert all(count <= MAX_READ for _, count in plan)


def test_event_blocks_are_one_request_each() -> None:
    regmap = load_register_map()
    assert plan_reads(regmap.equipment_failure.ranges()) == [(8000, 23)]
    assert plan_reads(regmap.manual_weighing.ranges()) == [(9000, 14)]


def test_distant_ranges_are_not_bridged() -> None:
    assert plan_reads([(100, 2), (5000, 3)]) == [(100, 2), (5000, 3)]
    assert plan_reads([]) == []


@given(
    ranges=st.lists(st.tuples(st.integers(0, 3000), st.integers(1, 300)), min_size=1, max_size=12),
    limit=st.integers(1, MAX_READ),
)
def test_reads_cover_every_wanted_word_in_the_fewest_requests(
    ranges: list[tuple[int, int]], limit: int
) -> None:
    plan = plan_reads(ranges, limit)
    wanted = {a for start, count in ranges for a in range(start, start + count)}
    covered = {a for start, count in plan for a in range(start, start + count)}
    assert wanted <= covered
    assert all(1 <= count <= limit for _, count in plan)
    assert all(a in wanted for a, _ in plan)  # every request starts at a wanted word
    # lower bound: greedy windows are optimal; no window can cover two words `limit` apart
    ordered = sorted(wanted)
    lower, reach = 0, -1
    for address in ordered:
        if address > reach:
            lower, reach = lower + 1, address + limit - 1
    assert len(plan) == lower


def test_writes_split_at_123_registers() -> None:
    assert plan_writes(7000, list(range(76))) == [(7000, list(range(76)))]
    chunks = plan_writes(100, list(range(250)))
    assert [(a, len(v)) for a, v in chunks] == [(100, MAX_WRITE), (223, MAX_WRITE), (346, 4)]
