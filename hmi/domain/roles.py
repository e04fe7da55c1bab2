"""Roles: watching needs no login; a supervisor PIN protects some commands, with a lockout.

The lockout state is a small record the store keeps, so a restart does not reset it.
Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg, plain


class Command(StrEnum):
    """Commands that need the supervisor PIN (the audit names them)."""

    CANCEL_BATCH = "cancel batch"
    CHANGE_SETTINGS = "change settings"
    SHELVE_ALARM = "shelve alarm"
    CLEAR_QUEUE = "clear queue"
    # supervised recovery (issue 11): each refused with a reason when unsafe, each audited
    RESEND_BATCHES = "resend batches"
    ACK_PLC_SLOT = "acknowledge PLC slot"
    DECIDE_IMPLAUSIBLE = "decide implausible values"
    RELEASE_CLAIM = "release report claim"
    RESOLVE_UNKNOWN_PLC = "resolve unknown PLC batches"


class AccessDenied(ValidationError):
    """A protected command without a valid supervisor PIN, or while the PIN is locked."""


@dataclass(frozen=True)
class LockoutPolicy:
    """After `max_failures` wrong PINs in a row, refuse every PIN for `lock_s` seconds."""

    max_failures: int = 5
    lock_s: float = 300.0

    def __post_init__(self) -> None:
        if not 1 <= self.max_failures <= 100:
            raise ValidationError(f"PIN lockout: {self.max_failures} failures is not 1 to 100")
        if not 1 <= self.lock_s <= 86_400:
            raise ValidationError(f"PIN lockout: {self.lock_s} s is not 1 s to one day")


@dataclass(frozen=True)
class PinAttempts:
    """Wrong PINs in a row and, once locked, until when."""

    failures: int = 0
    locked_until: datetime | None = None

    def locked(self, now: datetime) -> bool:
        """True while the lockout lasts."""
        return self.locked_until is not None and self.locked_until > now

    def remaining_s(self, now: datetime) -> float:
        """Seconds until the lockout ends (0 when not locked)."""
        if not self.locked(now):
            return 0.0
        assert self.locked_until is not None
        return (self.locked_until - now).total_seconds()

    def after_failure(self, now: datetime, policy: LockoutPolicy) -> PinAttempts:
        """The state after one more wrong PIN: locked once the limit is reached."""
        failures = 0 if self.locked_until is not None and not self.locked(now) else self.failures
        failures += 1
        if failures >= policy.max_failures:
            return PinAttempts(failures, now + timedelta(seconds=policy.lock_s))
        return replace(self, failures=failures, locked_until=None)

    def left(self, policy: LockoutPolicy) -> int:
        """Wrong PINs still allowed before the lockout."""
        return max(0, policy.max_failures - self.failures)


def lockout_message(attempts: PinAttempts, now: datetime) -> Message:
    """'Supervisor PIN locked for 4 min 10 s after 5 wrong PINs'."""
    seconds = math.ceil(attempts.remaining_s(now))
    minutes, rest = divmod(seconds, 60)
    if minutes:
        return msg("pin.locked_min", minutes=minutes, seconds=rest, failures=attempts.failures)
    return msg("pin.locked_s", seconds=rest, failures=attempts.failures)


def command_message(command: str) -> Message:
    """A protected command's name in the operator's words ('cancel a batch')."""
    try:
        return msg(f"command.name.{Command(command).name.lower()}")
    except ValueError:
        return plain(command)
