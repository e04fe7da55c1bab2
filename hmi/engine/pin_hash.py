"""Personal PINs hashed with argon2id (argon2-cffi), checked off the event loop.

argon2-cffi is the maintained reference binding of Argon2, the Password Hashing
Competition's winner and OWASP's first choice for password storage; its `PasswordHasher`
uses RFC 9106's parameters, salts each hash, compares in constant time and tells when a hash
was made with weaker parameters (`check_needs_rehash`). passlib (last release 2020) no
longer works with current bcrypt releases, so it was not chosen.

A 4–8 digit PIN has at most 10^8 values: no hash makes it strong against someone holding the
database file. What protects it is that the hash never leaves the store (not in a log,
event, audit row, export or screen) and the lockout per user on the panel.

Hashes of the previous version (the settings' supervisor PIN, PBKDF2-SHA256,
`hmi.domain.pin`) are still verified, and replaced by an argon2id hash on the first right
PIN (`needs_rehash`).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hmi.domain.pin import ALGORITHM as LEGACY_ALGORITHM
from hmi.domain.pin import check_pin_format, verify_pin

_HASHER = PasswordHasher()
#: What an argon2id hash starts with (tests search every output for it).
PREFIX = "$argon2id$"


def hash_pin(pin: str) -> str:
    """The argon2id hash of a 4–8 digit PIN (a fresh salt each time)."""
    return _HASHER.hash(check_pin_format(pin))


def check_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored` (argon2id, or the previous version's PBKDF2); a
    malformed hash or PIN simply does not match."""
    if not isinstance(pin, str) or not isinstance(stored, str):
        return False
    if stored.startswith(f"{LEGACY_ALGORITHM}$"):
        return verify_pin(pin, stored)
    try:
        return _HASHER.verify(stored, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when a hash should be replaced after a right PIN (legacy, or weaker parameters)."""
    if not stored.startswith(PREFIX):
        return True
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True
