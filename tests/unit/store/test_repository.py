"""QueueRepository on a real SQLite file: the gate, transitions, actuals, archive, logs."""

from __future__ import annotations

import asyncio
import inspect as pyinspect
import math
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, text

from hmi.domain import Batch, BatchLine, BatchState, InvalidTransition, ValidationError
from hmi.engine.ports import StorePort
from hmi.store import AuditEntry, QueueRepository
from hmi.store.models import MoBatchRow


def test_signatures_match_the_store_port_exactly() -> None:
    names = [n for n in vars(StorePort) if not n.startswith("_")]
    # 17 queue (+remap_lines), 20 alarms, roles, outbox, 4 acks, 4 refused, 5 unknown PLC
    # batches; issue 14: one transaction, the audit chain (7), users (6), manual weighing (4),
    # records (4); the event log and the history count the engine reads (2)
    assert len(names) == 73
    for name in names:
        port = pyinspect.signature(getattr(StorePort, name))
        ours = pyinspect.signature(getattr(QueueRepository, name))
        assert ours == port, name


# --- the gate -----------------------------------------------------------------------------


def test_fill_inserts_all_as_queued_only_when_empty(repo: QueueRepository, make_batch) -> None:
    given = [make_batch(12, 2), make_batch(11, 1, state=BatchState.RUNNING)]
    before = datetime.now(UTC)
    assert repo.fill_if_empty(given) is True
    assert repo.count() == 2
    queued = repo.batches()
    assert [b.mo_id for b in queued] == [11, 12]
    assert {b.state for b in queued} == {BatchState.QUEUED}
    for batch in queued:
        assert batch.queued_at is not None
        assert batch.queued_at.tzinfo == UTC
        assert before <= batch.queued_at <= datetime.now(UTC)
    assert queued[0].lines == given[1].lines  # order and values kept
    assert repo.fill_if_empty([make_batch(13, 1)]) is False
    assert [b.mo_id for b in repo.batches()] == [11, 12]


def test_fill_refuses_an_archived_mo_by_name_and_inserts_nothing(
    repo: QueueRepository, make_batch, fill
) -> None:
    fill(21)
    repo.archive(21, BatchState.CANCELLED, actor="op", reason="wrong silo")
    with pytest.raises(ValidationError, match=r"WH/MO/00021 \(id 21\).*nothing was queued"):
        repo.fill_if_empty([make_batch(22, 1), make_batch(21, 2)])
    assert repo.count() == 0


@pytest.mark.parametrize(
    ("slots", "ids", "words"),
    [
        ((), (), "at least one"),
        ((1, 1), (1, 2), "slots 1..2"),
        ((1, 3), (1, 2), "slots 1..2"),
        ((0,), (1,), "slots 1..1"),
        ((1, 2), (5, 5), "appears twice"),
    ],
)
def test_fill_refuses_bad_slots_and_ids(
    repo: QueueRepository, make_batch, slots, ids, words
) -> None:
    batches = [make_batch(mo_id, slot) for mo_id, slot in zip(ids, slots, strict=True)]
    with pytest.raises(ValidationError, match=words):
        repo.fill_if_empty(batches)
    assert repo.count() == 0


BAD_BATCHES = [
    ({"mo_id": 0}, "MO id 0"),
    ({"mo_id": True}, "MO id True"),
    ({"mo_name": ""}, "MO name is empty"),
    ({"mo_name": "X" * 129}, "longer than 128"),
    ({"product_name": " "}, "product name is empty"),
    ({"quantity_kg": 0.0}, "greater than 0"),
    ({"quantity_kg": math.nan}, "not a finite number"),
    ({"lines": ()}, "has no materials"),
    ({"lines": (BatchLine(101, 1, 1, "A", -1.0),)}, "planned quantity of equipment 101"),
    ({"lines": (BatchLine(101, 1, 1, "A", 1.0), BatchLine(101, 2, 2, "B", 1.0))}, "twice"),
    ({"lines": (BatchLine(0, 1, 1, "A", 1.0),)}, "equipment id 0"),
    ({"lines": ("not a line",)}, "is not a BatchLine"),
    ({"report_attempts": -1}, "report_attempts -1"),
    ({"started_at": datetime(2025, 1, 1)}, "started_at .* timezone-aware"),
]


@pytest.mark.parametrize(("changes", "words"), BAD_BATCHES)
def test_fill_validates_every_field(repo: QueueRepository, make_batch, changes, words) -> None:
    with pytest.raises(ValidationError, match=words):
        repo.fill_if_empty([replace(make_batch(1, 1), **changes)])
    assert repo.count() == 0


def test_fill_refuses_things_that_are_not_batches(repo: QueueRepository) -> None:
    with pytest.raises(ValidationError, match="not a sequence"):
        repo.fill_if_empty("batches")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="is not a Batch"):
        repo.fill_if_empty([{"mo_id": 1}])  # type: ignore[list-item]


def test_fill_waits_for_another_writer_then_sees_its_rows(
    engine: Engine, repo: QueueRepository, make_batch
) -> None:
    """A writer holding the lock (another process's gate) makes the fill wait, then refuse."""
    holding = threading.Event()

    def other_writer() -> None:
        with engine.connect() as conn:
            conn.exec_driver_sql("ROLLBACK")  # end the implicit BEGIN of the pool checkout
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.exec_driver_sql(
                "INSERT INTO mo_batch (mo_id, slot, mo_name, bom_name, product_name, "
                "quantity_kg100, state, note, odoo_message, report_attempts) "
                "VALUES (99, 1, 'WH/MO/00099', 'B', 'P', 1000, 'queued', '', '', 0)"
            )
            holding.set()
            threading.Event().wait(0.3)  # hold the write lock while the gate tries
            conn.exec_driver_sql("COMMIT")

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert holding.wait(10)
    assert repo.count() == 0  # WAL: readers are not blocked and see the committed state
    started = time.monotonic()
    assert repo.fill_if_empty([make_batch(1, 1)]) is False
    assert time.monotonic() - started >= 0.1
    thread.join(10)
    assert [b.mo_id for b in repo.batches()] == [99]


# --- reading ------------------------------------------------------------------------------


def test_get_and_batches(repo: QueueRepository, fill) -> None:
    assert repo.get(5) is None
    assert repo.batches() == []
    fill(5, 4)
    batch = repo.get(4)
    assert batch is not None
    assert (batch.slot, batch.mo_name, batch.planned_total_kg) == (2, "WH/MO/00004", 1000.0)
    with pytest.raises(ValidationError, match="MO id -1"):
        repo.get(-1)


# --- transitions --------------------------------------------------------------------------


def test_set_state_follows_the_lifecycle_and_stamps_times(repo: QueueRepository, fill) -> None:
    fill(31)
    assert repo.set_state(31, BatchState.SENT).state is BatchState.SENT
    running = repo.set_state(31, BatchState.RUNNING)
    assert running.started_at is not None
    assert running.started_at.tzinfo == UTC
    finished = repo.set_state(31, BatchState.FINISHED, produced_kg=999.994, note="weighed")
    assert finished.finished_at is not None
    assert (finished.produced_kg, finished.note) == (Decimal("999.99"), "weighed")
    later = datetime.now(UTC) + timedelta(seconds=30)
    retry = repo.set_state(
        31,
        BatchState.FINISHED,
        report_attempts=2,
        next_attempt_at=later,
        odoo_message="timeout",
    )
    assert (retry.report_attempts, retry.next_attempt_at, retry.odoo_message) == (
        2,
        later,
        "timeout",
    )
    assert repo.get(31) == retry


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), BatchState.RUNNING),
        ((), BatchState.FINISHED),
        ((BatchState.SENT,), BatchState.REPORTED),
        ((BatchState.SENT, BatchState.CANCELLED), BatchState.SENT),
    ],
)
def test_set_state_refuses_invalid_transitions(repo: QueueRepository, fill, path, refused):
    fill(32)
    for state in path:
        repo.set_state(32, state)
    before = repo.get(32)
    with pytest.raises(InvalidTransition, match=r"WH/MO/00032 \(id 32\).*cannot go from"):
        repo.set_state(32, refused)
    assert repo.get(32) == before


def test_set_state_refuses_unknown_ids_states_and_columns(repo: QueueRepository, fill) -> None:
    fill(33)
    with pytest.raises(ValidationError, match="MO id 34 is not in the queue"):
        repo.set_state(34, BatchState.SENT)
    with pytest.raises(ValidationError, match="'exploded' is unknown"):
        repo.set_state(33, "exploded")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="cannot set mo_name, slot"):
        repo.set_state(33, BatchState.SENT, slot=4, mo_name="X")
    with pytest.raises(ValidationError, match="produced_kg -5"):
        repo.set_state(33, BatchState.SENT, produced_kg=-5)
    assert repo.get(33).state is BatchState.QUEUED  # type: ignore[union-attr]
    assert repo.set_state(33, "sent").state is BatchState.SENT  # type: ignore[arg-type]


def test_set_many_state_is_all_or_nothing(repo: QueueRepository, fill) -> None:
    fill(41, 42, 43)
    repo.set_state(43, BatchState.CANCELLED)
    with pytest.raises(InvalidTransition, match="id 43"):
        repo.set_many_state([41, 42, 43], BatchState.SENT)
    with pytest.raises(ValidationError, match=r"\[44\] are not in the queue"):
        repo.set_many_state([41, 44], BatchState.SENT)
    assert [b.state for b in repo.batches()] == [
        BatchState.QUEUED,
        BatchState.QUEUED,
        BatchState.CANCELLED,
    ]
    repo.set_many_state({41, 42}, BatchState.SENT)
    repo.set_many_state([], BatchState.SENT)
    assert [b.state for b in repo.batches()][:2] == [BatchState.SENT, BatchState.SENT]


# --- actuals ------------------------------------------------------------------------------


def test_record_actuals_stores_rounded_values_and_state(repo: QueueRepository, fill) -> None:
    fill(51)
    repo.set_state(51, BatchState.SENT)
    running = repo.record_actuals(51, {101: 300.126, 114: 0}, state=BatchState.RUNNING)
    assert [line.actual_kg for line in running.lines] == [Decimal("300.13"), None, Decimal(0)]
    assert running.state is BatchState.RUNNING
    done = repo.record_actuals(
        51,
        {101: 600.0, 102: 350.5, 114: 49.5},
        state=BatchState.FINISHED,
        finished_weight_kg=0.0,
        produced_kg=1000.0,
        note="finished weight missing",
    )
    assert (done.actual_total_kg, done.finished_weight_kg, done.produced_kg) == (
        1000.0,
        0.0,
        1000.0,
    )
    assert done.note == "finished weight missing"
    assert done.finished_at is not None
    assert repo.get(51) == done


@pytest.mark.parametrize(
    ("actuals", "words"),
    [
        ({101: math.nan}, "actual of equipment 101 nan"),
        ({101: math.inf}, "not a finite number"),
        ({102: -0.5}, "0 or more"),
        ({115: 1.0}, r"uses no silo/tank \[115\]"),
        ({0: 1.0}, "equipment id 0"),
    ],
)
def test_record_actuals_refuses_implausible_values(repo: QueueRepository, fill, actuals, words):
    before = fill(52)[0]
    with pytest.raises(ValidationError, match=words):
        repo.record_actuals(52, actuals)
    assert repo.get(52) == before


def test_record_actuals_refuses_an_invalid_state_and_keeps_the_actuals(
    repo: QueueRepository, fill
) -> None:
    before = fill(53)[0]
    with pytest.raises(InvalidTransition):
        repo.record_actuals(53, {101: 10.0}, state=BatchState.FINISHED)
    assert repo.get(53) == before
    with pytest.raises(ValidationError, match="MO id 54 is not in the queue"):
        repo.record_actuals(54, {101: 1.0})


# --- archive ------------------------------------------------------------------------------


def _finish(repo: QueueRepository, mo_id: int) -> Batch:
    repo.set_state(mo_id, BatchState.SENT)
    return repo.record_actuals(
        mo_id, {101: 601.0, 102: 349.0, 114: 50.0}, state=BatchState.FINISHED, produced_kg=1000.0
    )


def test_archive_reported_moves_batch_and_lines_to_history(repo: QueueRepository, fill) -> None:
    fill(61, 62)
    finished = _finish(repo, 61)
    repo.archive(61, BatchState.REPORTED, actor="engine")
    assert [b.mo_id for b in repo.batches()] == [62]
    (archived,) = repo.history_page(0, 10)
    assert archived.outcome is BatchState.REPORTED
    assert archived.lines == finished.lines
    assert (archived.produced_kg, archived.actual_total_kg, archived.actor) == (
        1000.0,
        1000.0,
        "engine",
    )
    assert archived.finished_at == finished.finished_at
    assert archived.archived_at.tzinfo == UTC
    assert repo.archived_ids() == {61}
    repo.archive(61, BatchState.REPORTED, actor="engine")  # a retry after a crash: no-op
    assert repo.history_count() == 1


def test_archive_checks_outcome_transition_actor_and_reason(repo: QueueRepository, fill):
    fill(71)
    with pytest.raises(ValidationError, match="cannot archive as finished"):
        repo.archive(71, BatchState.FINISHED, actor="engine")
    with pytest.raises(InvalidTransition, match="queued to reported"):
        repo.archive(71, BatchState.REPORTED, actor="engine")
    with pytest.raises(ValidationError, match="reason for cancelling MO id 71 is empty"):
        repo.archive(71, BatchState.CANCELLED, actor="op")
    with pytest.raises(ValidationError, match="actor is empty"):
        repo.archive(71, BatchState.CANCELLED, actor=" ", reason="r")
    with pytest.raises(ValidationError, match="MO id 72 is not in the queue"):
        repo.archive(72, BatchState.CANCELLED, actor="op", reason="r")
    assert repo.count() == 1
    assert repo.history_count() == 0
    repo.archive(71, BatchState.CANCELLED, actor="op", reason="silo empty")
    with pytest.raises(ValidationError, match="already archived as cancelled, not reported"):
        repo.archive(71, BatchState.REPORTED, actor="engine")
    (entry,) = repo.history_page(0, 1)
    assert (entry.outcome, entry.actor, entry.reason) == (
        BatchState.CANCELLED,
        "op",
        "silo empty",
    )


def test_archive_is_atomic_when_the_delete_fails(
    engine: Engine, repo: QueueRepository, fill
) -> None:
    fill(81)
    _finish(repo, 81)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse_delete BEFORE DELETE ON mo_batch "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        )
    with pytest.raises(ValidationError, match="disk says no"):
        repo.archive(81, BatchState.REPORTED, actor="engine")
    assert repo.history_count() == 0
    assert repo.archived_ids([81]) == set()
    assert repo.get(81).state is BatchState.FINISHED  # type: ignore[union-attr]
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_delete"))
        assert conn.execute(text("SELECT count(*) FROM history_line")).scalar() == 0
    repo.archive(81, BatchState.REPORTED, actor="engine")
    assert (repo.count(), repo.history_count()) == (0, 1)


def test_deleting_a_batch_row_deletes_its_lines(engine: Engine, repo: QueueRepository, fill):
    fill(82)
    with engine.begin() as conn:
        conn.execute(MoBatchRow.__table__.delete())
        assert conn.execute(text("SELECT count(*) FROM batch_line")).scalar() == 0


def test_archived_ids_filters_in_chunks(repo: QueueRepository, make_batch) -> None:
    for mo_id in (3, 4):
        assert repo.fill_if_empty([make_batch(mo_id, 1)])
        repo.archive(mo_id, BatchState.CANCELLED, actor="op", reason="test")
    assert repo.archived_ids(range(1, 1200)) == {3, 4}
    assert repo.archived_ids([]) == set()
    assert repo.archived_ids() == {3, 4}
    with pytest.raises(ValidationError, match="MO id 'x'"):
        repo.archived_ids(["x"])  # type: ignore[list-item]


# --- event log and audit ------------------------------------------------------------------


def test_events_newest_last_filtered_by_level(repo: QueueRepository) -> None:
    start = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
    levels = ["DEBUG", "INFO", "WARNING", "ERROR", "info"]
    for i, level in enumerate(levels):
        repo.log_event(level, "plc", f"event {i}", start + timedelta(seconds=i))
    repo.log_event("ERROR", "odoo", "earlier but logged late", start - timedelta(hours=1))
    events = repo.recent_events()
    assert [message for *_, message in events] == [
        "earlier but logged late",
        *(f"event {i}" for i in range(5)),
    ]
    assert events[-1] == (start + timedelta(seconds=4), "INFO", "plc", "event 4")
    assert [m for *_, m in repo.recent_events(min_level="warning")] == [
        "earlier but logged late",
        "event 2",
        "event 3",
    ]
    assert [m for *_, m in repo.recent_events(limit=2)] == ["event 3", "event 4"]
    assert repo.recent_events()[-1][0].tzinfo == UTC


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("NOTICE", "plc", "m"), "log level 'NOTICE' is unknown"),
        (("INFO", "", "m"), "event source is empty"),
        (("INFO", "s" * 33, "m"), "longer than 32"),
        (("INFO", "plc", 5), "event message 5 is not text"),
        (("INFO", "plc", "m", datetime(2025, 1, 1)), "event time .* timezone-aware"),
    ],
)
def test_log_event_validates(repo: QueueRepository, args, words) -> None:
    with pytest.raises(ValidationError, match=words):
        repo.log_event(*args)
    assert repo.recent_events() == []


def test_recent_events_validates_its_arguments(repo: QueueRepository) -> None:
    with pytest.raises(ValidationError, match="event count 0"):
        repo.recent_events(0)
    with pytest.raises(ValidationError, match="log level 'LOUD'"):
        repo.recent_events(min_level="LOUD")


def test_audit_entries_newest_last(repo: QueueRepository) -> None:
    repo.audit("supervisor", "cancel", "MO WH/MO/00007", "queued", "cancelled", "wrong recipe")
    repo.audit("operator", "pause_fetch")
    entries = repo.audit_entries()
    assert [e.action for e in entries] == ["cancel", "pause_fetch"]
    first = entries[0]
    assert isinstance(first, AuditEntry)
    assert (first.actor, first.target, first.before, first.after, first.reason) == (
        "supervisor",
        "MO WH/MO/00007",
        "queued",
        "cancelled",
        "wrong recipe",
    )
    assert first.at.tzinfo == UTC
    assert [e.action for e in repo.audit_entries(limit=1)] == ["pause_fetch"]
    with pytest.raises(ValidationError, match="audit actor is empty"):
        repo.audit("", "cancel")
    with pytest.raises(ValidationError, match="audit action is empty"):
        repo.audit("op", "")
    assert len(repo.audit_entries()) == 2


def test_repository_needs_an_engine() -> None:
    with pytest.raises(ValidationError, match="needs a SQLAlchemy Engine"):
        QueueRepository("sqlite:///x.sqlite")  # type: ignore[arg-type]


def test_report_claim_excludes_a_second_panel_until_released_or_expired(tmp_path) -> None:
    from hmi.store.database import migrate, open_database
    from hmi.store.repository import QueueRepository

    engine = open_database(f"sqlite:///{tmp_path / 'claim.sqlite'}")
    migrate(engine)
    repo = QueueRepository(engine)
    batch = Batch(
        mo_id=7,
        mo_name="WH/MO/00007",
        bom_name="BOM",
        product_name="Feed",
        quantity_kg=1000.0,
        lines=(BatchLine(101, 1, 1, "RM-CORN", 1000.0),),
        slot=1,
    )
    assert repo.fill_if_empty([batch])
    assert repo.claim(7, "panel-a", 60)
    assert repo.claim(7, "panel-a", 60), "the owner may renew its claim"
    assert not repo.claim(7, "panel-b", 60)
    repo.release(7, "panel-b")  # not b's claim: nothing happens
    assert not repo.claim(7, "panel-b", 60)
    repo.release(7, "panel-a")
    assert repo.claim(7, "panel-b", 0.01)
    deadline = time.monotonic() + 5
    while not repo.claim(7, "panel-a", 60):  # b's claim expires
        assert time.monotonic() < deadline
        asyncio.run(asyncio.sleep(0.02))
    with pytest.raises(ValidationError, match="not in the queue"):
        repo.claim(8, "panel-a", 60)
