"""One engine per queue: a single-instance lock held for the life of an `hmi` process.

A double-tapped desktop icon must not start a second engine on the same queue (both would
resume it and both would hold a Modbus connection). SQLite: an exclusive lock on a file
beside the database (the `filelock` library: fcntl/msvcrt locks the operating system drops
when the process dies, so a crashed HMI never blocks the next start). PostgreSQL: a
session advisory lock per line (`pg_try_advisory_lock`), held on a connection of its own,
and a file lock beside the panel's settings file.

On PostgreSQL a second *panel* of a line (another settings file, usually another PC) is a
standby: `acquire` tells it who runs the line (`AlreadyRunningError.standby`, `.holder`) and
it tries again on a timer (hmi.line_lock). The server drops the advisory lock with the
session of a panel that died: at once when its process ends (the operating system closes
the socket), within the TCP keepalive time set on the lock's session (KEEPALIVE_S) when its
PC lost power. A second start on the same settings file is a double start: refused.
"""

from __future__ import annotations

import os
import socket
import zlib
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hmi.domain.errors import ConfigError

#: Exit code of a second `hmi` on a queue that already has an engine (service mode).
ALREADY_RUNNING_EXIT = 3
#: TCP keepalive on the lock's session (idle, interval, probes): the server ends the session
#: of a panel that lost power within about idle + interval × probes seconds.
KEEPALIVE_S = (10, 3, 3)
APPLICATION_PREFIX = "hmi "


class AlreadyRunningError(ConfigError):
    """Another HMI process holds this queue's single-instance lock.

    `standby`: another panel runs the line on a shared PostgreSQL queue; this one may wait
    and take over (hmi.line_lock). `holder`: 'host:pid' of the process holding it, if known.
    """

    def __init__(self, message: str, *, standby: bool = False, holder: str = "") -> None:
        super().__init__(message)
        self.standby = standby
        self.holder = holder


def holder() -> str:
    """Who this process is, for the message another instance shows: 'host:pid'."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def advisory_key(line_name: str) -> int:
    """The PostgreSQL advisory lock key of one line (a signed 64-bit number)."""
    return 0x484D4900_00000000 | zlib.crc32(line_name.strip().encode("utf-8"))


class InstanceLock:
    """The single-instance lock of the queue at `engine`'s URL (line `line_name`).

    `settings_path`: the panel's settings file; on PostgreSQL a lock beside it tells a
    double start (refused) from another panel of the line (standby)."""

    def __init__(self, engine: Engine, line_name: str, settings_path: Path | None = None) -> None:
        self._engine = engine
        self._line = line_name
        self._settings = settings_path
        self._file: FileLock | None = None
        self._panel: FileLock | None = None
        self._connection: Connection | None = None
        self.where = ""

    @property
    def shared(self) -> bool:
        """True for a queue several panels share (PostgreSQL): a standby may wait on it."""
        return self._engine.url.get_backend_name() == "postgresql"

    @property
    def held(self) -> bool:
        """True while this process holds the lock."""
        return self._file is not None or self._connection is not None

    def acquire(self) -> None:
        """Take the lock now (never waits); AlreadyRunningError says who holds it. May be
        called again after a refusal (a standby trying again)."""
        url = self._engine.url
        if self.shared:
            if self._settings is not None and self._panel is None:
                self._panel = _take_file(self._settings, "settings file")
            self._acquire_advisory()
            return
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return  # a private in-memory database: nothing to share
        self._file = _take_file(Path(database).expanduser().resolve(), "queue")

    def _acquire_advisory(self) -> None:
        key = advisory_key(self._line)
        where = make_url(str(self._engine.url)).render_as_string(hide_password=True)
        self.where = f"{where} (line {self._line!r}, advisory lock {key})"
        connection = self._engine.connect()
        try:
            idle, interval, count = KEEPALIVE_S
            name = (APPLICATION_PREFIX + holder())[:63]
            for setting, value in (
                ("application_name", name),
                ("tcp_keepalives_idle", str(idle)),
                ("tcp_keepalives_interval", str(interval)),
                ("tcp_keepalives_count", str(count)),
            ):
                connection.execute(
                    text("SELECT set_config(:s, :v, false)"), {"s": setting, "v": value}
                )
            got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})
            taken = bool(got.scalar())
            connection.commit()
        except BaseException:
            _discard(connection)
            raise
        if not taken:
            running = self._holder_of(connection, key)
            _discard(connection)
            who = f" on panel {running}" if running else ""
            raise AlreadyRunningError(
                f"another HMI already runs line {self._line!r}{who} on {where}: this panel "
                "is a standby and takes over when that one stops",
                standby=True,
                holder=running,
            )
        self._connection = connection

    @staticmethod
    def _holder_of(connection: Connection, key: int) -> str:
        """'host:pid' of the session holding the advisory lock `key` ('' if unknown)."""
        query = text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND l.classid::bigint = :high AND l.objid::bigint = :low "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        try:
            name = connection.execute(query, {"high": key >> 32, "low": key & 0xFFFFFFFF}).scalar()
            connection.commit()
        except DBAPIError:
            return ""
        text_name = str(name or "")
        return text_name.removeprefix(APPLICATION_PREFIX) if text_name else ""

    def still_held(self) -> bool | None:
        """The running panel's check: True while its session still holds the line's lock,
        False once it lost it (the server restarted and another panel took the line), None
        when the database cannot be asked now. A lost session is re-taken if it is free."""
        if not self.shared or self._connection is None:
            return True
        key = advisory_key(self._line)
        query = text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND objsubid = 1 AND pid = pg_backend_pid() "
            "AND classid::bigint = :high AND objid::bigint = :low"
        )
        try:
            found = self._connection.execute(
                query, {"high": key >> 32, "low": key & 0xFFFFFFFF}
            ).scalar()
            self._connection.commit()
            return bool(found)
        except DBAPIError:
            _discard(self._connection)
            self._connection = None
        try:
            self._acquire_advisory()
        except AlreadyRunningError:
            return False
        except DBAPIError:
            return None
        return True

    def release(self) -> None:
        """Give the lock back (also done by the operating system when the process ends)."""
        for lock in (self._file, self._panel):
            if lock is not None:
                lock.release()
        self._file = self._panel = None
        if self._connection is not None:
            _discard(self._connection)
            self._connection = None


def _discard(connection: Connection) -> None:
    """Close the lock's session for good: never back to the pool, where a session lock and
    its settings would live on in a connection the store uses."""
    try:
        connection.invalidate()
    finally:
        connection.close()


def _take_file(path: Path, what: str) -> FileLock:
    """An exclusive lock on `path`.lock, with `path`.owner naming the holder; a held one
    raises AlreadyRunningError naming the holder and the lock file."""
    lock_path = path.with_name(path.name + ".lock")
    owner = path.with_name(path.name + ".owner")
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        try:
            who = owner.read_text(encoding="utf-8").strip()
        except OSError:
            who = "another process"
        raise AlreadyRunningError(
            f"another HMI ({who}) already runs on the {what} {path} (lock file {lock_path}): "
            "only one HMI may run per queue; use that one, or stop it first",
            holder=who,
        ) from None
    owner.write_text(holder(), encoding="utf-8")
    return lock
