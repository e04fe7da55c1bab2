"""Supervisor PIN hashing: format, salt, verification, malformed input."""

from __future__ import annotations

import pytest

from hmi.domain.errors import ValidationError
from hmi.domain.pin import ALGORITHM, check_pin_format, hash_pin, verify_pin


def test_hash_has_the_documented_format() -> None:
    stored = hash_pin("1234", iterations=1000)
    algorithm, iterations, salt, digest = stored.split("$")
    assert algorithm == ALGORITHM
    assert iterations == "1000"
    assert len(salt) == 32
    assert len(digest) == 64


def test_the_right_pin_verifies_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("20240815", iterations=1000)
    assert verify_pin("20240815", stored)
    assert not verify_pin("20240816", stored)
    assert not verify_pin("2024081", stored)


def test_each_hash_gets_its_own_salt() -> None:
    first, second = hash_pin("4321", iterations=1000), hash_pin("4321", iterations=1000)
    assert first != second
    assert verify_pin("4321", first)
    assert verify_pin("4321", second)


def test_default_iterations_are_strong() -> None:
    assert int(hash_pin("9876").split("$")[1]) >= 100_000


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("123", "4 to 8 digits"),
        ("123456789", "4 to 8 digits"),
        ("12a4", "only the digits"),
        ("", "only the digits"),
        ("١٢٣٤", "only the digits"),  # Arabic-Indic digits are not ASCII
        (" 1234", "only the digits"),
    ],
)
def test_bad_pins_are_refused_with_a_reason(pin: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        hash_pin(pin)
    with pytest.raises(ValidationError, match="supervisor PIN"):
        check_pin_format(pin)


def test_non_text_pin_is_refused() -> None:
    with pytest.raises(ValidationError, match="expected text"):
        check_pin_format(1234)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "stored",
    ["", "1234", "md5$1$aa$bb", "pbkdf2_sha256$x$aa$bb", "pbkdf2_sha256$0$aa$bb", "a$b$c"],
)
def test_malformed_stored_hash_never_matches(stored: str) -> None:
    assert not verify_pin("1234", stored)


def test_malformed_pin_never_matches() -> None:
    stored = hash_pin("1234", iterations=1000)
    assert not verify_pin("12x4", stored)
    assert not verify_pin("", stored)
