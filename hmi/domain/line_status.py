"""The one-line status of the line the window shows on top and the service log repeats.

RUNNING (which slot and MO), WAITING (for what) or STOPPED (why, since when, and the
action that resolves it). The engine decides it from the stall rules each refresh; the
window shows it as is, translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from hmi.domain.messages import Message, msg


class LineMode(StrEnum):
    """What the line is doing, at a glance."""

    RUNNING = "running"  # the PLC is dosing a batch of the queue
    WAITING = "waiting"  # nothing is wrong: the line waits for something expected
    STOPPED = "stopped"  # the line cannot go on without someone acting


@dataclass(frozen=True)
class LineStatus:
    """The line's status: its mode, what it is doing or why not, since when, what to do."""

    mode: LineMode = LineMode.WAITING
    message: Message = msg("line.starting")
    since: datetime | None = None
    action: Message | None = None  # STOPPED: the action that resolves it
    #: STOPPED: the alarm key of the stall that stops the line (its first cause: the
    #: first-out alarm, and the window's action button through its kind's remedy)
    cause: str = ""
