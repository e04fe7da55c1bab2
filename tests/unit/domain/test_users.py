"""Named users, roles and the one permission table (hmi.domain.roles, hmi.domain.users)."""

from __future__ import annotations

import pytest

from hmi.domain.errors import ValidationError
from hmi.domain.pin import weak_pin
from hmi.domain.roles import PERMISSIONS, Command, Role, may
from hmi.domain.users import User, check_badge, check_user_name


def test_every_protected_command_is_in_the_one_table() -> None:
    assert set(PERMISSIONS) == set(Command)
    assert all(Role.ADMINISTRATOR in roles for roles in PERMISSIONS.values())
    assert not any(Role.OPERATOR in roles for roles in PERMISSIONS.values())


@pytest.mark.parametrize(
    ("role", "command", "allowed"),
    [
        (Role.SUPERVISOR, Command.CANCEL_BATCH, True),
        (Role.SUPERVISOR, Command.CHANGE_SETTINGS, False),
        (Role.MAINTENANCE, Command.CHANGE_SETTINGS, True),
        (Role.MAINTENANCE, Command.CANCEL_BATCH, False),
        (Role.MAINTENANCE, Command.ACK_PLC_SLOT, True),
        (Role.OPERATOR, Command.SHELVE_ALARM, False),
        (Role.ADMINISTRATOR, Command.MANAGE_USERS, True),
        ("nobody", Command.CANCEL_BATCH, False),
        (Role.ADMINISTRATOR, "no such command", False),
    ],
)
def test_may(role: object, command: object, allowed: bool) -> None:
    assert may(role, command) is allowed  # type: ignore[arg-type]


def test_an_inactive_user_may_nothing() -> None:
    admin = User(1, "Rina", Role.ADMINISTRATOR)
    assert admin.may(Command.MANAGE_USERS)
    assert not User(1, "Rina", Role.ADMINISTRATOR, active=False).may(Command.MANAGE_USERS)


@pytest.mark.parametrize("name", ["", "   ", "automatic", "Engine", "12345", "a\tb" * 40, "x" * 65])
def test_unusable_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        check_user_name(name)


def test_names_are_tidied_and_badges_read_as_a_scanner_types_them() -> None:
    assert check_user_name("  Budi   Santoso ") == "Budi Santoso"
    assert check_badge(" 0042-17\r\n") == "004217"
    assert check_badge("ab12") == "AB12"
    assert check_badge("") == ""
    with pytest.raises(ValidationError):
        check_badge("12")
    with pytest.raises(ValidationError):
        check_badge("12;DROP")


@pytest.mark.parametrize(
    ("pin", "weak"),
    [
        ("0000", True),
        ("1234", True),
        ("98765", True),
        ("8901", True),
        ("2580", False),
        ("4711", False),
    ],
)
def test_weak_pins(pin: str, weak: bool) -> None:
    assert weak_pin(pin) is weak
