"""Single-flight runner: a tick that finds its task still running is skipped, never queued."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class SingleFlight:
    """One lock per task; `run_or_skip` for timer ticks, `run_waiting` for operator commands."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = asyncio.Lock()
        self.skipped = 0

    @property
    def running(self) -> bool:
        """True while the task runs."""
        return self._lock.locked()

    async def run_or_skip(self, job: Callable[[], Awaitable[T]]) -> T | None:
        """Run `job` unless it is already running (then count a skip and return None)."""
        if self._lock.locked():
            self.skipped += 1
            return None
        async with self._lock:
            return await job()

    async def run_waiting(self, job: Callable[[], Awaitable[T]]) -> T:
        """Run `job` after any running instance finished (same lock, never concurrent)."""
        async with self._lock:
            return await job()
