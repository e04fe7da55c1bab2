"""One engine per line, before the engine starts: take the queue's single-instance lock, or
wait as a standby panel, and keep checking it while running (hmi.store.instance_lock).

- SQLite, or a second start on the same settings file: refused (`AlreadyRunningError`, exit
  code 3, saying who holds the lock).
- A second panel of a line on a shared PostgreSQL queue: a *standby*. It says so (log and,
  with a window, a standby screen naming the panel that runs the line), holds no PLC or Odoo
  connection, tries the line's lock every `[watchdog] standby_retry_s` seconds and takes over
  as soon as it gets it: within that interval after the running panel's process ends (its
  session ends with it), within the lock session's TCP keepalive time (about 20 s) when
  that panel's PC lost power or its network.
- The running panel checks on the same timer that its session still holds the lock (a
  restarted database server drops every session); if another panel took the line meanwhile,
  it stops its engine and exits with code 3 rather than run a second engine on the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol

from hmi.config import Settings
from hmi.store.instance_lock import AlreadyRunningError, InstanceLock

log = logging.getLogger("hmi.line")


class StandbyScreen(Protocol):
    """What a standby panel shows (hmi.ui.standby_view); None in service mode."""

    def show_holder(self, line: str, holder: str, retry_s: float) -> None:
        """Say which panel runs the line, and how often this one tries to take over."""
        ...

    def close(self) -> Any:
        """The panel took over (or stops)."""
        ...


def standby_message(line: str, holder: str, retry_s: float) -> str:
    """'standby: line 'Line 1' runs on panel host:1234; ...' for the log."""
    who = f"panel {holder}" if holder else "another panel"
    return (
        f"standby: line {line!r} runs on {who}; this panel takes over by itself when that "
        f"one stops (the line's lock is tried every {retry_s:g} s)"
    )


async def take_line(
    lock: InstanceLock,
    line: str,
    retry_s: float,
    stop: asyncio.Event,
    screen: StandbyScreen | None = None,
) -> bool:
    """Hold the line's lock: at once, or after waiting as a standby. False when `stop` was
    set while waiting (the panel was closed); AlreadyRunningError for a refused start."""
    try:
        lock.acquire()
        return True
    except AlreadyRunningError as exc:
        if not exc.standby:
            raise
        holder = exc.holder
    log.warning("%s", standby_message(line, holder, retry_s))
    if screen is not None:
        screen.show_holder(line, holder, retry_s)
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), retry_s)
            if stop.is_set():
                return False
            try:
                await asyncio.to_thread(lock.acquire)
            except AlreadyRunningError as again:
                if not again.standby:
                    raise
                if again.holder != holder:
                    holder = again.holder
                    log.warning("%s", standby_message(line, holder, retry_s))
                    if screen is not None:
                        screen.show_holder(line, holder, retry_s)
                continue
            except Exception as exc:  # the database is away: keep waiting, say it once
                log.warning("standby: cannot reach the database to try the lock: %s", exc)
                continue
            log.warning("standby over: this panel takes over line %r from %s", line, holder)
            return True
        return False
    finally:
        if screen is not None:
            screen.close()


async def watch_line(
    lock: InstanceLock, line: str, retry_s: float, lost: Callable[[str], None]
) -> None:
    """While running: check every `retry_s` that this panel still holds the line; call
    `lost(reason)` once and end when another panel took it over."""
    while True:
        await asyncio.sleep(retry_s)
        held = await asyncio.to_thread(lock.still_held)
        if held is False:
            reason = (
                f"this panel lost the lock of line {line!r} (the database dropped its "
                "session) and another panel took the line over: stopping, so that only one "
                "engine runs the queue"
            )
            log.error("%s", reason)
            lost(reason)
            return


async def hold_line(
    runtime: Any, settings_path: Path, stop: asyncio.Event, window: bool, language: str
) -> InstanceLock | Literal[False] | None:
    """The lock of the runtime's queue, held (at once or after a standby); None when there
    is nothing to lock (a private in-memory database), False when `stop` was set while
    waiting. With a window, a standby shows hmi.ui.standby_view's screen."""
    if runtime.db_engine is None:
        return None
    settings: Settings = runtime.engine.settings
    lock = InstanceLock(runtime.db_engine, settings.ui.line_name, settings_path)
    screen = None
    if window and lock.shared:
        from hmi.ui.i18n import resolve_language
        from hmi.ui.standby_view import StandbyView

        view = StandbyView(resolve_language(language))
        view.quit_requested.connect(stop.set)
        screen = view
    retry_s = settings.watchdog.standby_retry_s
    if await take_line(lock, settings.ui.line_name, retry_s, stop, screen):
        return lock
    lock.release()
    return False


def start_watch(
    lock: InstanceLock | None, settings: Settings, lost: Callable[[str], None]
) -> asyncio.Task[None] | None:
    """`watch_line` as a task, for a lock on a shared queue (None otherwise)."""
    if lock is None or not lock.shared:
        return None
    job = watch_line(lock, settings.ui.line_name, settings.watchdog.standby_retry_s, lost)
    return asyncio.ensure_future(job)
