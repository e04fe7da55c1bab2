"""A dedicated worker thread for the store, so SQL never runs on the Qt/event-loop thread."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError

from hmi.domain.errors import LinkDownError
from hmi.domain.links import LinkState
from hmi.domain.messages import msg, plain

T = TypeVar("T")


class DbThread:
    """Runs repository calls one at a time, in order, on one thread; tracks the DB link state."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hmi-db")
        self.state = LinkState(name="Database", up=True)
        self.slowest_call_s = 0.0

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Await `fn(*args, **kwargs)` on the DB thread; an unreachable DB is LinkDownError."""
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        try:
            result = await loop.run_in_executor(
                self._executor, functools.partial(fn, *args, **kwargs)
            )
        except OperationalError as exc:
            self.state = self.state.went_down(str(exc.orig or exc).splitlines()[0])
            error = plain(self.state.last_error or "")
            raise LinkDownError(msg("db.unavailable", error=error)) from exc
        finally:
            self.slowest_call_s = max(self.slowest_call_s, time.perf_counter() - started)
        self.state = self.state.went_up()
        return result

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Queue `fn` on the DB thread without waiting (event-log writes)."""
        self._executor.submit(fn, *args, **kwargs)

    def shutdown(self) -> None:
        """Finish queued work and stop the thread."""
        self._executor.shutdown(wait=True)
