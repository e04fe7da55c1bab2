"""Opening the database and migrating it: URLs, SQLite settings, Alembic on start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from platformdirs import user_data_dir
from sqlalchemy import Engine, inspect, text

from hmi.domain import BatchState, ConfigError
from hmi.store import (
    QueueRepository,
    current_revision,
    default_database_url,
    head_revision,
    migrate,
    open_database,
)
from hmi.store.models import Base

TABLES = {
    "mo_batch",
    "batch_line",
    "mo_history",
    "history_line",
    "event_log",
    "audit",
    "alarm",
    "equipment_failure",
    "outbox",
    "pin_attempt",
    "plc_unknown",
    "hmi_user",
    "manual_addition",
}


def test_default_url_uses_hmi_data_dir(data_dir: Path) -> None:
    url = default_database_url()
    assert url == f"sqlite:///{data_dir.resolve() / 'hmi.sqlite'}"


def test_default_url_falls_back_to_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HMI_DATA_DIR", raising=False)
    expected = Path(user_data_dir("feedmill-batch-hmi", appauthor=False)).resolve()
    assert default_database_url() == f"sqlite:///{expected / 'hmi.sqlite'}"


def test_open_creates_the_folder_and_sets_the_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "hmi.sqlite"
    engine = open_database(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert path.parent.is_dir()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 15000,
    }


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("no url at all", "not a SQLAlchemy URL"),
        ("mysql://user:secret@db/hmi", "'mysql' is not supported"),
        ("postgresql+nodriver://db/hmi", "driver not installed"),
    ],
)
def test_bad_urls_are_refused_by_name(url: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words) as info:
        open_database(url)
    assert "secret" not in str(info.value)


def test_migrate_from_empty_creates_every_table_at_head(engine: Engine) -> None:
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert current_revision(engine) == head_revision() == "0007"


def test_models_match_the_migrations(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrate_is_idempotent_and_keeps_data(
    engine: Engine, repo: QueueRepository, make_batch
) -> None:
    assert repo.fill_if_empty([make_batch(7, 1)])
    migrate(engine)
    migrate(engine)
    assert [b.mo_id for b in repo.batches()] == [7]
    assert current_revision(engine) == head_revision()


def test_migrate_on_a_fresh_file_from_a_second_engine(db_url: str, engine: Engine) -> None:
    other = open_database(db_url)
    try:
        migrate(other)
        assert current_revision(other) == head_revision()
    finally:
        other.dispose()


def test_newer_database_is_refused_and_left_byte_identical(db_url: str, engine: Engine) -> None:
    repo = QueueRepository(engine)
    repo.log_event("INFO", "test", "written by a newer HMI")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    engine.dispose()
    path = Path(engine.url.database or "")
    before = path.read_bytes()
    newer = open_database(db_url)
    try:
        with pytest.raises(ConfigError, match=r"'0099_future'.*newer HMI.*left untouched"):
            migrate(newer)
        assert current_revision(newer) == "0099_future"
    finally:
        newer.dispose()
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_foreign_tables_without_revision_are_refused(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'foreign.sqlite'}")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE mo_batch (id INTEGER PRIMARY KEY)"))
        with pytest.raises(ConfigError, match="no schema revision"):
            migrate(engine)
        assert "alembic_version" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_timestamps_come_back_aware_utc(repo: QueueRepository) -> None:
    jakarta = timezone(timedelta(hours=7))
    at = datetime(2025, 3, 1, 14, 30, 15, 250_000, tzinfo=jakarta)
    repo.log_event("WARNING", "plc", "slot 3 failed", at)
    ((stored, *_),) = repo.recent_events()
    assert stored == at
    assert stored.tzinfo == UTC
    assert stored.hour == 7


def test_batch_state_check_constraint_holds_in_sql(
    engine: Engine, repo: QueueRepository, make_batch
) -> None:
    assert repo.fill_if_empty([make_batch(3, 1)])
    with pytest.raises(Exception, match="CHECK constraint failed"), engine.begin() as conn:
        conn.execute(text("UPDATE mo_batch SET state = 'teleported'"))
    assert repo.get(3).state is BatchState.QUEUED  # type: ignore[union-attr]
