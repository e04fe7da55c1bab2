"""One engine per queue: a single-instance lock held for the life of an `hmi` process.

A double-tapped desktop icon must not start a second engine on the same queue (both would
resume it and both would hold a Modbus connection). SQLite: an exclusive lock on a file
beside the database (the `filelock` library: fcntl/msvcrt locks the operating system drops
when the process dies, so a crashed HMI never blocks the next start). PostgreSQL: a
session advisory lock per line (`pg_try_advisory_lock`), held on a connection of its own.
"""

from __future__ import annotations

import os
import socket
import zlib
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from hmi.domain.errors import ConfigError

#: Exit code of a second `hmi` on a queue that already has an engine (service mode).
ALREADY_RUNNING_EXIT = 3


class AlreadyRunningError(ConfigError):
    """Another HMI process holds this queue's single-instance lock."""


def holder() -> str:
    """Who this process is, for the message another instance shows: 'host:pid'."""
    return f"{socket.gethostname()}:{os.getpid()}"


def advisory_key(line_name: str) -> int:
    """The PostgreSQL advisory lock key of one line (a signed 64-bit number)."""
    return 0x484D4900_00000000 | zlib.crc32(line_name.strip().encode("utf-8"))


class InstanceLock:
    """The single-instance lock of the queue at `engine`'s URL (line `line_name`)."""

    def __init__(self, engine: Engine, line_name: str) -> None:
        self._engine = engine
        self._line = line_name
        self._file: FileLock | None = None
        self._connection: Connection | None = None
        self.where = ""

    def acquire(self) -> None:
        """Take the lock now (never waits); AlreadyRunningError says who holds it."""
        url = self._engine.url
        if url.get_backend_name() == "postgresql":
            self._acquire_advisory()
            return
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return  # a private in-memory database: nothing to share
        self._acquire_file(Path(database).expanduser().resolve())

    def _acquire_file(self, database: Path) -> None:
        path = database.with_name(database.name + ".lock")
        owner = database.with_name(database.name + ".owner")
        self.where = str(path)
        lock = FileLock(str(path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            try:
                who = owner.read_text(encoding="utf-8").strip()
            except OSError:
                who = "another process"
            raise AlreadyRunningError(
                f"another HMI ({who}) already runs on the queue {database} (lock file {path}): "
                "only one HMI may run per queue; use that one, or stop it first"
            ) from None
        owner.write_text(holder(), encoding="utf-8")
        self._file = lock

    def _acquire_advisory(self) -> None:
        key = advisory_key(self._line)
        where = make_url(str(self._engine.url)).render_as_string(hide_password=True)
        self.where = f"{where} (line {self._line!r}, advisory lock {key})"
        connection = self._engine.connect()
        got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        connection.commit()
        if not got:
            connection.close()
            raise AlreadyRunningError(
                f"another HMI already runs line {self._line!r} on {where}: only one HMI may run "
                "per line; use that one, or stop it first"
            )
        self._connection = connection

    def release(self) -> None:
        """Give the lock back (also done by the operating system when the process ends)."""
        if self._file is not None:
            self._file.release()
            self._file = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None
