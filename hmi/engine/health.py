"""Task health, in the style of Home Assistant's DataUpdateCoordinator: for each task the last
success, the failures in a row and the last error.

A task body that raises is never lost and never floods the log: an HmiError (a link or a
server said no) is said once per distinct message; any other exception is a programming
error, reported as such (never as a link being down), with one traceback per distinct
error per hour in the log file. The watchdog alarms after `[watchdog] task_failures`
failures in a row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from hmi.domain.errors import HmiError
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg, plain
from hmi.engine.context import EngineContext

log = logging.getLogger("hmi.engine")
T = TypeVar("T")
#: One traceback per distinct programming error per this many seconds in the log file.
TRACEBACK_EVERY_S = 3600.0


@dataclass
class TaskHealth:
    """How one task has fared: last success, failures in a row, the last error."""

    name: str
    last_success: datetime | None = None
    failures: int = 0  # in a row
    last_error: Message | None = None
    programming_error: bool = False  # the last failure was a bug, not a link


@dataclass
class Health:
    """Every task's health, and when each distinct programming error was last logged."""

    tasks: dict[str, TaskHealth] = field(default_factory=dict)
    tracebacks: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def of(self, name: str) -> TaskHealth:
        """The health record of one task (created on first use)."""
        return self.tasks.setdefault(name, TaskHealth(name))

    async def run(self, ctx: EngineContext, name: str, job: Awaitable[T]) -> T | None:
        """Run a task body; a failure is counted, said once per distinct error, never raised."""
        task = self.of(name)
        try:
            result = await job
        except HmiError as exc:
            self._failed(task, exc.message, programming=False)
            ctx.say_once(
                f"task.{name}", "WARNING", name, msg("task.failed", task=name, error=exc.message)
            )
            return None
        except Exception as exc:  # a bug: say so, with a traceback once an hour per kind
            self._log_traceback(name, exc)
            error = plain(f"{type(exc).__name__}: {exc}")
            self._failed(task, error, programming=True)
            ctx.say_once(f"task.{name}", "ERROR", name, msg("task.bug", task=name, error=error))
            return None
        if task.failures:
            ctx.event("INFO", name, msg("task.recovered", task=name, failures=task.failures))
        ctx.last_said.pop(f"task.{name}", None)
        task.failures = 0
        task.last_success = utcnow()
        task.programming_error = False
        return result

    @staticmethod
    def _failed(task: TaskHealth, error: Message, *, programming: bool) -> None:
        task.failures += 1
        task.last_error = error
        task.programming_error = programming

    def _log_traceback(self, name: str, exc: Exception) -> None:
        key = (name, type(exc).__name__, str(exc)[:200])
        now = time.monotonic()
        if now - self.tracebacks.get(key, float("-inf")) < TRACEBACK_EVERY_S:
            log.error("task %s failed again (programming error): %r", name, exc)
            return
        self.tracebacks[key] = now
        if len(self.tracebacks) > 256:  # bounded: forget the oldest
            oldest = min(self.tracebacks, key=self.tracebacks.__getitem__)
            del self.tracebacks[oldest]
        log.exception("task %s failed: programming error", name, exc_info=exc)
