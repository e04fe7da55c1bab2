"""Opening the store: the default SQLite file, connection settings, and Alembic on start.

SQLite connections run in WAL mode with `synchronous=FULL` (panel PCs lose power),
foreign keys on and a busy timeout. SQLAlchemy's pysqlite recipe hands transaction
control to us: `BEGIN` is emitted by an event, `BEGIN IMMEDIATE` for connections
checked out through `write_engine(engine)`, so a write transaction takes the database's
write lock at its start and excludes every other writer, in this process or another.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from hmi.domain.errors import ConfigError
from hmi.store.models import Base

APP_NAME = "feedmill-batch-hmi"
DB_FILE = "hmi.sqlite"
BUSY_TIMEOUT_MS = 15_000
SUPPORTED_DIALECTS = ("sqlite", "postgresql")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BEGIN_OPTION = "hmi_sqlite_begin"
MIGRATE_LOCK = 0x484D4901  # PostgreSQL advisory lock key of migrations ("HMI" 1)
SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)


def default_database_url() -> str:
    """SQLite file `hmi.sqlite` in $HMI_DATA_DIR if set, else in the user's data folder."""
    folder = os.environ.get("HMI_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False)
    path = Path(folder).expanduser().resolve() / DB_FILE
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def open_database(url: str) -> Engine:
    """Create an Engine for `url`; SQLite gets WAL, synchronous=FULL, FKs and BEGIN control."""
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(parsed)
    return _create(parsed, pool_pre_ping=True)


def write_engine(engine: Engine) -> Engine:
    """The same engine whose transactions start with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to the newest revision (or to `revision`); refuse (untouched) a DB
    newer than the app."""
    _run_migrations(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the schema to `revision` (for an integrator rolling back an HMI version)."""
    _run_migrations(engine, "downgrade", revision)


def _run_migrations(engine: Engine, direction: str, revision: str) -> None:
    """Run Alembic in one write transaction, under the migration lock.

    On SQLite, foreign keys are switched off for the connection before its transaction starts
    (SQLite ignores the pragma inside one) and back on after it: a migration that rebuilds a
    table (copy, drop, rename) would otherwise cascade the drop of `mo_batch` or `mo_history`
    to every line row. Before committing, `PRAGMA foreign_key_check` must find nothing
    dangling, or the whole migration is rolled back.
    """
    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    with write_engine(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":  # panels starting together take turns
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK}
                    )
                _check_revision(connection, script)
                config.attributes["connection"] = connection
                if direction == "upgrade":
                    command.upgrade(config, revision)
                else:
                    command.downgrade(config, revision)
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign-key enforcement for this connection, outside any transaction."""
    raw = connection.connection.driver_connection
    if raw is None:  # pragma: no cover - a live pool connection always has one
        raise ConfigError("the SQLite connection is closed")
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    """Refuse to commit a migration that left a row pointing at nothing."""
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if dangling:
        tables = sorted({str(row[0]) for row in dangling})
        raise ConfigError(
            f"database {_describe(connection)}: the migration would leave {len(dangling)} "
            f"rows without their parent in {', '.join(tables)}; nothing was changed"
        )


def head_revision() -> str:
    """The newest schema revision this application knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise ConfigError(f"no migrations found in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _parse_url(url: str) -> URL:
    """Parse and check a database URL, naming it (password hidden) in every error."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"database URL {url!r} is empty: give a SQLAlchemy URL")
    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise ConfigError(f"database URL {url!r} is not a SQLAlchemy URL: {exc}") from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_DIALECTS:
        raise ConfigError(
            f"database URL {parsed.render_as_string()!r}: {backend!r} is not supported; "
            "the queue gate needs SQLite or PostgreSQL to exclude other writers"
        )
    return parsed


def _create(url: URL, **kwargs: Any) -> Engine:
    """create_engine with a ConfigError naming the URL when its driver is missing."""
    try:
        return create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(
            f"database URL {url.render_as_string()!r}: driver not installed ({exc})"
        ) from exc


def _open_sqlite(url: URL) -> Engine:
    """SQLite engine: create the file's folder, set pragmas per connection, own BEGIN."""
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"database file {database!r}: cannot create its folder: {exc}"
            ) from exc
    engine = _create(url)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Let us emit BEGIN ourselves (pysqlite's own is broken) and apply the pragmas."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    """Emit BEGIN, or BEGIN IMMEDIATE for a write transaction."""
    mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations; no alembic.ini needed."""
    if not (MIGRATIONS / "env.py").is_file():
        raise ConfigError(f"database migrations missing: {MIGRATIONS / 'env.py'} not found")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _check_revision(connection: Connection, script: ScriptDirectory) -> None:
    """Refuse a database whose revision this app does not know, or foreign tables without one."""
    heads = MigrationContext.configure(connection).get_current_heads()
    for head in heads:
        try:
            known = script.get_revision(head)
        except CommandError:
            known = None
        if known is None:
            raise ConfigError(
                f"database {_describe(connection)} has schema revision {head!r}, which this "
                f"application does not know (its newest is {script.get_current_head()!r}): it "
                "was written by a newer HMI. Install that version or use another database; "
                "the database was left untouched."
            )
    ours = set(Base.metadata.tables)
    if not heads and ours & set(inspect(connection).get_table_names()):
        raise ConfigError(
            f"database {_describe(connection)} has HMI tables but no schema revision: it was "
            "not created by this application; the database was left untouched."
        )


def _describe(connection: Connection) -> str:
    """The database's URL with the password hidden, for messages."""
    return repr(connection.engine.url.render_as_string())
