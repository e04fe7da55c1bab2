"""Migrations never lose data: up from the first release and down again, with rows in every table.

Revision 0004 turns every kg column into whole hundredths, which on SQLite rebuilds the
tables (copy, drop, rename). With foreign keys on, dropping `mo_batch` cascades to every
`batch_line` row (issue 17); `hmi.store.database` runs migrations with them off. On
PostgreSQL (HMI_TEST_POSTGRES_URL, a scratch database) the same round trip runs natively.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, inspect, text

from hmi.domain.messages import msg
from hmi.domain.model import Refusal
from hmi.domain.states import BatchState
from hmi.store import QueueRepository, current_revision, migrate, open_database
from hmi.store.database import _alembic_config, downgrade

PG_URL = os.environ.get("HMI_TEST_POSTGRES_URL", "")
URLS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="no PG"))]
NOW = "'2026-12-01 06:00:00'"


@pytest.fixture(params=URLS)
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database (SQLite file, or an emptied scratch PostgreSQL schema)."""
    if request.param == "sqlite":
        engine = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    else:
        engine = open_database(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    yield engine
    engine.dispose()


def run(conn: Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(text(statement))


def first_release_rows(engine: Engine) -> None:
    """Two queued batches of three lines each, one archived batch of two, a log line, audit."""
    with engine.begin() as conn:
        for mo_id, slot in ((11, 1), (12, 2)):
            run(
                conn,
                "INSERT INTO mo_batch (mo_id, slot, mo_name, bom_name, product_name, quantity_kg, "
                "finished_weight_kg, produced_kg, note, odoo_message, report_attempts, state) "
                f"VALUES ({mo_id}, {slot}, 'WH/MO/000{mo_id}', 'B', 'P', 1000.05, "
                f"{'NULL' if slot == 1 else 997.94}, NULL, '', '', 0, 'queued')",
            )
            for position, (eq, planned, actual) in enumerate(
                ((101, 600.0, "NULL"), (103, 398.04, "398.05"), (113, 2.01, "2.68"))
            ):
                run(
                    conn,
                    "INSERT INTO batch_line (mo_id, position, equipment_id, move_id, product_id, "
                    "product_ref, planned_kg, actual_kg) VALUES "
                    f"({mo_id}, {position}, {eq}, {mo_id * 10 + position}, 5, 'RM', {planned}, "
                    f"{actual})",
                )
        run(
            conn,
            "INSERT INTO mo_history (mo_id, slot, mo_name, bom_name, product_name, quantity_kg, "
            "finished_weight_kg, produced_kg, note, odoo_message, report_attempts, outcome, "
            f"actor, reason, archived_at) VALUES (9, 1, 'WH/MO/00009', 'B', 'P', 2000.0, 0.0, "
            f"1999.99, '', '', 1, 'reported', 'engine', '', {NOW})",
            "INSERT INTO history_line (mo_id, position, equipment_id, move_id, product_id, "
            "product_ref, planned_kg, actual_kg) VALUES (9, 0, 101, 91, 5, 'RM', 1400.0, 1400.01), "
            "(9, 1, 103, 92, 6, 'RM', 600.0, 599.98)",
            f"INSERT INTO event_log (at, level, source, message) VALUES ({NOW}, 'INFO', 't', 'x')",
            "INSERT INTO audit (at, actor, action, target, before, after, reason) VALUES "
            f"({NOW}, 'ana', 'fetch', 'WH/MO/00011', '', '2 queued', '')",
        )


def release_three_rows(engine: Engine) -> None:
    """A row in each table revision 0003 added."""
    with engine.begin() as conn:
        run(
            conn,
            "INSERT INTO alarm (key, active_key, source, priority, text, raised_at, acked_by, "
            "shelved_by, mo_id) VALUES "
            f"('failed.11', 'failed.11', 'plc', 1, 'x', {NOW}, '', '', 11)",
            "INSERT INTO equipment_failure (equipment_id, fault_code, batch_no, message, "
            f"raw_words, stored_at) VALUES (103, 17, 1, 'GATE', '', {NOW})",
            "INSERT INTO outbox (kind, key, payload, state, created_at, attempts, last_error) "
            f"VALUES ('maintenance', 'k1', '{{}}', 'pending', {NOW}, 0, '')",
            "INSERT INTO pin_attempt (role, failures) VALUES ('supervisor', 2)",
        )


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table, of the tables the schema has now."""
    tables = [t for t in ALL_ROWS if t in inspect(engine).get_table_names()]
    with engine.connect() as conn:
        return {
            t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()) for t in tables
        }


ALL_ROWS = {
    "mo_batch": 2,
    "batch_line": 6,
    "mo_history": 1,
    "history_line": 2,
    "event_log": 1,
    "audit": 1,
    "alarm": 1,
    "equipment_failure": 1,
    "outbox": 1,
    "pin_attempt": 1,
}


def float_lines(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT mo_id, equipment_id, planned_kg, actual_kg FROM batch_line ORDER BY id")
        )
        return [tuple(row) for row in rows]


def test_a_first_release_database_goes_up_and_down_without_losing_a_row(blank: Engine) -> None:
    migrate(blank, "0001")
    first_release_rows(blank)
    before = float_lines(blank)
    migrate(blank, "0003")
    release_three_rows(blank)
    migrate(blank)
    assert current_revision(blank) == "0007"
    assert counts(blank) == ALL_ROWS

    repo = QueueRepository(blank)
    queue = repo.batches()
    assert [(b.mo_id, b.quantity_kg, b.finished_weight_kg) for b in queue] == [
        (11, Decimal("1000.05"), None),
        (12, Decimal("1000.05"), Decimal("997.94")),
    ]
    assert [(ln.planned_kg, ln.actual_kg, ln.consumed_kg) for ln in queue[0].lines] == [
        (Decimal("600.00"), None, Decimal(0)),
        (Decimal("398.04"), Decimal("398.05"), Decimal(0)),
        (Decimal("2.01"), Decimal("2.68"), Decimal(0)),
    ]
    assert {b.consumption for b in queue} == {"warning"}
    archived = repo.archived(9)
    assert archived is not None
    assert (archived.produced_kg, archived.actual_total_kg) == (
        Decimal("1999.99"),
        Decimal("1999.99"),
    )
    with blank.connect() as conn:
        stored = conn.execute(
            text("SELECT planned_kg100, actual_kg100 FROM batch_line ORDER BY id")
        ).all()
    assert [tuple(row) for row in stored][:3] == [(60000, None), (39804, 39805), (201, 268)]
    refused = Refusal(
        30, "WH/MO/00030", (msg("mapping.byproduct", mo="WH/MO/00030", count=1),), None
    )
    repo.remember_refusals([refused], "key")
    repo.set_state(11, BatchState.SENT)

    downgrade(blank, "0003")
    assert counts(blank) == ALL_ROWS
    downgrade(blank, "0001")
    assert current_revision(blank) == "0001"
    assert counts(blank) == {t: n for t, n in ALL_ROWS.items() if t in _FIRST_RELEASE}
    assert float_lines(blank) == before  # the same floats as the first release wrote

    migrate(blank)
    assert counts(blank) == {
        **ALL_ROWS,
        "alarm": 0,
        "equipment_failure": 0,
        "outbox": 0,
        "pin_attempt": 0,
    }
    assert [b.state for b in QueueRepository(blank).batches()] == [
        BatchState.SENT,
        BatchState.QUEUED,
    ]


_FIRST_RELEASE = ("mo_batch", "batch_line", "mo_history", "history_line", "event_log", "audit")


def test_foreign_keys_are_on_again_after_migrating(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    try:
        migrate(engine)
        with engine.connect() as conn:
            for _ in range(3):  # every pooled connection
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_the_hazard_a_rebuild_with_foreign_keys_on_deletes_every_line(tmp_path: Path) -> None:
    """What the migrations are protected from: the same downgrade run the naive way."""
    engine = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    try:
        migrate(engine, "0001")
        first_release_rows(engine)
        migrate(engine)
        config = _alembic_config()
        with engine.begin() as conn:  # a plain connection: foreign keys on
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
        assert counts(engine)["batch_line"] == 0  # cascaded away without an error
        assert counts(engine)["mo_batch"] == 2
    finally:
        engine.dispose()
