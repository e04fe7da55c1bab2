"""Link state published by every external link (PLC, Odoo, database) for the UI and the log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class LinkState:
    """Whether a link is up, since when it is down, and the last error, in operator words."""

    name: str
    up: bool = False
    down_since: datetime | None = None
    last_error: str | None = None
    changed_at: datetime | None = None

    def went_up(self) -> LinkState:
        """Return the state after a successful exchange."""
        if self.up:
            return self
        return replace(self, up=True, down_since=None, last_error=None, changed_at=utcnow())

    def went_down(self, error: str) -> LinkState:
        """Return the state after a failed exchange; `down_since` keeps the first failure."""
        if not self.up and self.down_since is not None:
            return replace(self, last_error=error)
        now = utcnow()
        return replace(self, up=False, down_since=now, last_error=error, changed_at=now)

    def describe(self) -> str:
        """Return one line for the log console: 'PLC up' or 'PLC down since 10:02:03: reason'."""
        if self.up:
            return f"{self.name} up"
        since = self.down_since.astimezone().strftime("%H:%M:%S") if self.down_since else "start"
        return f"{self.name} down since {since}: {self.last_error or 'not connected'}"
