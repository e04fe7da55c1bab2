"""Named users: who may sign in on the panel, with which role, PIN and badge.

A user is known by a name (what the audit trail shows) and optionally a badge number, typed
or scanned (a badge reader is a keyboard wedge: it types the digits and Enter). The PIN is
never part of a `User`: the store keeps only its hash, and no hash leaves the store.
Standard library only.

Example::

    >>> check_user_name("  Budi Santoso ")
    'Budi Santoso'
    >>> check_badge("0042 17")
    '004217'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from hmi.domain.errors import ValidationError
from hmi.domain.messages import msg
from hmi.domain.roles import Command, Role, may

#: The actor of what the HMI does by itself: timer fills, reports, PLC values, service mode.
AUTOMATIC = "automatic"
#: Names the HMI uses itself; a person cannot take them (the audit could not tell them apart).
RESERVED_NAMES = frozenset({AUTOMATIC, "engine", "timer", "system", "plc", "odoo"})
NAME_MAX = 64
BADGE_MIN, BADGE_MAX = 3, 32


@dataclass(frozen=True)
class User:
    """A named user (the PIN hash stays in the store)."""

    id: int
    name: str
    role: Role
    badge: str = ""
    active: bool = True
    created_at: datetime | None = None
    created_by: str = ""
    pin_set_at: datetime | None = None

    def may(self, command: Command | str) -> bool:
        """True when this user is active and the role may run `command`."""
        return self.active and may(self.role, command)

    @property
    def label(self) -> str:
        """'Budi (supervisor)': who, with the role, as the header and the audit show it."""
        return f"{self.name} ({self.role.value})"


def check_user_name(name: object) -> str:
    """A person's name: printable, 1 to 64 characters after trimming, not one of the HMI's own
    actor words; ValidationError says why not."""
    if not isinstance(name, str):
        raise ValidationError(msg("users.name_invalid", name=str(name)))
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX:
        raise ValidationError(msg("users.name_length", name=cleaned, limit=NAME_MAX))
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise ValidationError(
            msg("users.name_invalid", name=cleaned.encode("unicode_escape").decode("ascii"))
        )
    if cleaned.casefold() in RESERVED_NAMES or cleaned.isdigit():
        raise ValidationError(msg("users.name_reserved", name=cleaned))
    return cleaned


def check_badge(badge: object) -> str:
    """A badge number as typed or scanned: digits and letters only (spaces and dashes a reader
    may add are dropped), 3 to 32 of them; '' = no badge."""
    if badge is None:
        return ""
    if not isinstance(badge, str):
        raise ValidationError(msg("users.badge_invalid", badge=str(badge)))
    cleaned = "".join(ch for ch in badge if ch not in " -\t\r\n")
    if not cleaned:
        return ""
    if not (cleaned.isascii() and cleaned.isalnum()) or not BADGE_MIN <= len(cleaned) <= BADGE_MAX:
        raise ValidationError(
            msg("users.badge_invalid", badge=cleaned[:BADGE_MAX], low=BADGE_MIN, high=BADGE_MAX)
        )
    return cleaned.upper()


def check_role(role: object) -> Role:
    """A Role (or its value)."""
    try:
        return Role(str(role))
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValidationError(msg("users.role_unknown", role=str(role), known=known)) from None


def typed_identity(text: str) -> str:
    """What the sign-in field holds, tidied: a scanned badge's trailing Enter and spaces gone."""
    return " ".join(str(text).split())
