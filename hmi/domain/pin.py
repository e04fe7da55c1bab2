"""PIN rules (4 to 8 digits, not a trivial one) and the previous version's supervisor PIN hashes
(salted PBKDF2-SHA256, checked in constant time; new PINs are argon2id: hmi.engine.pin_hash).
Standard library only."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from itertools import pairwise

from hmi.domain.errors import ValidationError

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
MIN_DIGITS = 4
MAX_DIGITS = 8


def check_pin_format(pin: str) -> str:
    """Return `pin` if it is 4 to 8 digits, else raise ValidationError saying why."""
    if not isinstance(pin, str):
        raise ValidationError(f"supervisor PIN: expected text, got {type(pin).__name__}")
    if not (pin.isascii() and pin.isdigit()):
        raise ValidationError("supervisor PIN: only the digits 0 to 9 are allowed")
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise ValidationError(
            f"supervisor PIN: must have {MIN_DIGITS} to {MAX_DIGITS} digits, got {len(pin)}"
        )
    return pin


def _derive(pin: str, salt: str, iterations: int) -> str:
    """PBKDF2-SHA256 of the PIN as hex."""
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt.encode("ascii"), iterations)
    return digest.hex()


def hash_pin(pin: str, iterations: int = ITERATIONS) -> str:
    """Hash a 4–8 digit PIN as "pbkdf2_sha256$iterations$salt$hash" with a fresh random salt."""
    check_pin_format(pin)
    if iterations < 1:
        raise ValidationError(f"PIN hash iterations: must be at least 1, got {iterations}")
    salt = secrets.token_hex(16)
    return f"{ALGORITHM}${iterations}${salt}${_derive(pin, salt, iterations)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` matches the stored hash; a malformed hash or PIN simply does not match."""
    parts = stored.split("$") if isinstance(stored, str) else []
    if len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit():
        return False
    _, iterations, salt, expected = parts
    if not isinstance(pin, str) or not (pin.isascii() and pin.isdigit()):
        return False
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS or int(iterations) < 1:
        return False
    return hmac.compare_digest(_derive(pin, salt, int(iterations)), expected)


def weak_pin(pin: str) -> bool:
    """True for a PIN anyone would try first: one digit repeated (0000) or a plain run up or
    down (1234, 98765)."""
    if len(set(pin)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    return steps in ({1}, {9})
