"""Link state published by every external link (PLC, Odoo, database) for the UI and the log.

A link is in one of three states (`LinkStatus`):

- UP: it answers normally;
- FAULTED: it answers, but refuses requests (a Modbus exception response): `fault` says
  which exception, for which function and which address range;
- DOWN: it does not answer at all (no connection, timeouts).

`up` keeps its meaning "answers normally": it is False while the link is FAULTED.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from hmi.domain.localtime import local_clock
from hmi.domain.messages import Message, msg, plain

#: LinkState.name -> the message code of the link's name
LINK_NAME_CODES = {"PLC": "link.name.plc", "Odoo": "link.name.odoo", "Database": "link.name.db"}


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class LinkStatus(StrEnum):
    """How a link answers: normally, with refusals (exception responses), or not at all."""

    UP = "up"
    FAULTED = "faulted"
    DOWN = "down"


@dataclass(frozen=True)
class LinkState:
    """Whether a link is up, since when it is down, and the last error, in operator words."""

    name: str
    up: bool = False
    down_since: datetime | None = None
    last_error: str | None = None
    changed_at: datetime | None = None
    #: set while the link answers with refusals (FAULTED): what it refuses, as a message
    fault: Message | None = None

    @property
    def status(self) -> LinkStatus:
        """UP, FAULTED (answers with exception responses) or DOWN."""
        if self.up:
            return LinkStatus.UP
        return LinkStatus.FAULTED if self.fault is not None else LinkStatus.DOWN

    def went_up(self) -> LinkState:
        """Return the state after a successful exchange (any fault is over)."""
        if self.up:
            return self
        return replace(
            self, up=True, down_since=None, last_error=None, changed_at=utcnow(), fault=None
        )

    def went_down(self, error: str) -> LinkState:
        """Return the state after a failed exchange; `down_since` keeps the first failure."""
        if not self.up and self.down_since is not None and self.fault is None:
            return replace(self, last_error=error)
        now = utcnow()
        since = self.down_since if self.down_since is not None else now
        return replace(
            self, up=False, down_since=since, last_error=error, changed_at=now, fault=None
        )

    def went_faulted(self, fault: Message) -> LinkState:
        """Return the state after the link answered with a refusal (an exception response).

        `down_since` keeps the first moment the link stopped answering normally."""
        if self.fault == fault and not self.up:
            return self
        now = utcnow()
        since = self.down_since if not self.up and self.down_since is not None else now
        return replace(
            self, up=False, down_since=since, last_error=str(fault), changed_at=now, fault=fault
        )

    def message(self) -> Message:
        """The state as a message: 'PLC up', 'PLC faulted since …: …', 'PLC down since …'."""
        code = LINK_NAME_CODES.get(self.name)
        name = msg(code) if code else plain(self.name)
        if self.up:
            return msg("link.up", link=name)
        since = self.down_since.isoformat() if self.down_since else None
        if self.fault is not None:
            return msg("link.faulted", link=name, since=since, fault=self.fault)
        error = plain(self.last_error) if self.last_error else msg("link.not_connected")
        return msg("link.down", link=name, since=since, error=error)

    def describe(self) -> str:
        """Return one line for the log console: 'PLC up' or 'PLC down since 10:02:03: reason'."""
        if self.up:
            return f"{self.name} up"
        since = local_clock(self.down_since) if self.down_since else "start"
        if self.fault is not None:
            return f"{self.name} faulted since {since}: {self.fault}"
        return f"{self.name} down since {since}: {self.last_error or 'not connected'}"
