"""The history view: paging and filtering archived batches, newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, update

from hmi.domain import BatchState, ValidationError
from hmi.store import QueueRepository
from hmi.store.models import MoHistoryRow

T0 = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
PRODUCTS = ("Layer Mash", "Broiler Starter", "Sow Pellet")


@pytest.fixture
def archived(engine: Engine, repo: QueueRepository, make_batch) -> list[int]:
    """25 archived MOs (ids 1..25), MO id n archived at T0 + n hours, products in turn."""
    for first in range(1, 26, 5):
        ids = range(first, first + 5)
        batches = [
            make_batch(mo_id, slot, PRODUCTS[mo_id % 3]) for slot, mo_id in enumerate(ids, 1)
        ]
        assert repo.fill_if_empty(batches)
        for mo_id in ids:
            repo.archive(mo_id, BatchState.CANCELLED, actor="op", reason="history test")
    with engine.begin() as conn:
        for mo_id in range(1, 26):
            at = T0 + timedelta(hours=mo_id)
            conn.execute(
                update(MoHistoryRow).where(MoHistoryRow.mo_id == mo_id).values(archived_at=at)
            )
    return list(range(1, 26))


def ids(rows: list) -> list[int]:
    """MO ids of a page."""
    return [row.mo_id for row in rows]


def test_pages_are_newest_first_and_cover_everything_once(
    repo: QueueRepository, archived: list[int]
) -> None:
    assert repo.history_count() == 25
    pages = [repo.history_page(offset, 10) for offset in (0, 10, 20, 30)]
    assert [len(page) for page in pages] == [10, 10, 5, 0]
    assert [mo_id for page in pages for mo_id in ids(page)] == archived[::-1]
    first = pages[0][0]
    assert (first.mo_id, first.archived_at, first.reason) == (
        25,
        T0 + timedelta(hours=25),
        "history test",
    )
    assert len(first.lines) == 3


def test_filter_by_product_part_ignores_case(repo: QueueRepository, archived: list[int]) -> None:
    layer = [mo_id for mo_id in archived if mo_id % 3 == 0][::-1]
    assert ids(repo.history_page(0, 100, product="Layer Mash")) == layer
    assert repo.history_count(product="layer") == len(layer)
    assert repo.history_count(product=" PELLET ") == len([i for i in archived if i % 3 == 2])
    assert repo.history_count(product="Mash%") == 0
    assert repo.history_count(product="") == 25
    assert repo.history_products() == sorted(PRODUCTS)


def test_filter_by_mo_name_part_ignores_case_and_wildcards(
    repo: QueueRepository, archived: list[int]
) -> None:
    assert ids(repo.history_page(0, 100, mo="wh/mo/0001")) == list(range(19, 9, -1))
    assert repo.history_count(mo="00007") == 1
    assert repo.history_count(mo="%") == 0
    assert repo.history_count(mo="_") == 0
    assert repo.history_count(mo="  ") == 25


def test_filter_by_archive_time_is_since_inclusive_until_exclusive(
    repo: QueueRepository, archived: list[int]
) -> None:
    since, until = T0 + timedelta(hours=5), T0 + timedelta(hours=9)
    assert ids(repo.history_page(0, 100, since=since, until=until)) == [8, 7, 6, 5]
    assert repo.history_count(since=since, until=until) == 4
    assert repo.history_count(since=T0 + timedelta(hours=24)) == 2
    assert repo.history_count(until=T0 + timedelta(hours=3)) == 2
    jakarta = since.astimezone(timezone(timedelta(hours=7)))
    assert repo.history_count(since=jakarta, until=until) == 4


def test_filters_combine(repo: QueueRepository, archived: list[int]) -> None:
    found = repo.history_page(
        0,
        100,
        since=T0 + timedelta(hours=10),
        product="Broiler Starter",
        mo="0001",
    )
    assert ids(found) == [19, 16, 13, 10]
    assert (
        repo.history_count(since=T0 + timedelta(hours=10), product="Broiler Starter", mo="0001")
        == 4
    )


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda r: r.history_page(-1, 10), "history offset -1"),
        (lambda r: r.history_page(0, 0), "page size 0"),
        (lambda r: r.history_page(0, 2**31), "page size 2147483648"),
        (lambda r: r.history_page(0, 10, since=datetime(2025, 1, 1)), "'since'.*timezone-aware"),
        (
            lambda r: r.history_count(since=T0, until=T0 - timedelta(seconds=1)),
            "'since' .* is after 'until'",
        ),
        (lambda r: r.history_count(product=7), "history product 7 is not text"),
        (lambda r: r.history_count(mo=b"WH"), "history MO name b'WH' is not text"),
    ],
)
def test_history_arguments_are_validated(repo: QueueRepository, call, words) -> None:
    with pytest.raises(ValidationError, match=words):
        call(repo)
