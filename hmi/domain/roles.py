"""Roles and permissions: watching needs no login; protected commands need a named user whose
role allows them, and that user's personal PIN, with a lockout per user.

`PERMISSIONS` is the ONE table of who may run what (IEC 62443-3-3 SR 1.1/2.1: identified
users, authorisation by role). The lockout state is a small record the store keeps per user,
so a restart does not reset it. Standard library only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg, plain


class Command(StrEnum):
    """Protected commands: each needs a signed-in user whose role allows it (the audit names
    them)."""

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
    # named users (issue 14)
    MANAGE_USERS = "manage users"
    RESEND_HELD = "resend held batch"


class Role(StrEnum):
    """What a named user is (ISA-101/IEC 62443 role-based access)."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    MAINTENANCE = "maintenance"
    ADMINISTRATOR = "administrator"


_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
_PLC_PEOPLE = frozenset({Role.SUPERVISOR, Role.MAINTENANCE, Role.ADMINISTRATOR})

#: THE permission table: which roles may run each protected command. Watching, fetching,
#: retrying and acknowledging alarms need no sign-in beyond the panel (operators' daily work).
PERMISSIONS: dict[Command, frozenset[Role]] = {
    Command.CANCEL_BATCH: _SUPERVISORS,
    Command.CLEAR_QUEUE: _SUPERVISORS,
    Command.SHELVE_ALARM: _SUPERVISORS,
    Command.CHANGE_SETTINGS: frozenset({Role.ADMINISTRATOR, Role.MAINTENANCE}),
    Command.RESEND_BATCHES: _PLC_PEOPLE,
    Command.ACK_PLC_SLOT: _PLC_PEOPLE,
    Command.DECIDE_IMPLAUSIBLE: _SUPERVISORS,
    Command.RELEASE_CLAIM: _SUPERVISORS,
    Command.RESOLVE_UNKNOWN_PLC: _PLC_PEOPLE,
    Command.RESEND_HELD: _PLC_PEOPLE,
    Command.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
}


def may(role: Role | str, command: Command | str) -> bool:
    """True when `role` may run `command` (an unknown role or command may not)."""
    try:
        return Role(role) in PERMISSIONS.get(Command(command), frozenset())
    except ValueError:
        return False


def roles_for(command: Command | str) -> tuple[Role, ...]:
    """The roles that may run `command`, in the order of `Role` (for the refusal's words)."""
    allowed = PERMISSIONS.get(Command(command), frozenset())
    return tuple(role for role in Role if role in allowed)


class AccessDenied(ValidationError):
    """A protected command without a signed-in user allowed to run it, a wrong PIN, or a PIN
    locked after too many wrong ones."""


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


def lockout_span(attempts: PinAttempts, now: datetime) -> str:
    """'4 min 10 s' until the lockout ends."""
    seconds = math.ceil(attempts.remaining_s(now))
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def lockout_message(attempts: PinAttempts, now: datetime, who: str = "") -> Message:
    """'PIN of Budi locked for 4 min 10 s after 5 wrong PINs' as a message."""
    return msg(
        "users.locked",
        who=who or "-",
        span=lockout_span(attempts, now),
        failures=attempts.failures,
    )


def command_message(command: str) -> Message:
    """A protected command's name in the operator's words ('cancel a batch')."""
    try:
        return msg(f"command.name.{Command(command).name.lower()}")
    except ValueError:
        return plain(command)
