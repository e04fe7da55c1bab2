"""Named users the tests act as (issue 14: no protected command runs without a named user
whose role allows it, proven by that user's PIN). Import: `from tests.named_users import …`."""

from __future__ import annotations

#: The PIN of every user `seed_users` creates (not a weak PIN: the engine refuses those).
TEST_PIN = "2580"
#: name → role of the named users the tests act as (issue 14: no protected command runs
#: without a named user whose role allows it).
TEST_USERS = {
    "supervisor": "administrator",
    "sup": "supervisor",
    "bot": "administrator",
    "maint": "maintenance",
    "operator": "operator",
}
_HASHES: dict[str, str] = {}


def pin_hash() -> str:
    """The argon2id hash of TEST_PIN, made once per test session (hashing is slow on purpose)."""
    if "pin" not in _HASHES:
        from hmi.engine.pin_hash import hash_pin

        _HASHES["pin"] = hash_pin(TEST_PIN)
    return _HASHES["pin"]


def seed_users(store: object, users: dict[str, str] | None = None) -> None:
    """Add the test users (TEST_USERS, PIN TEST_PIN) to a store that has none of them."""
    wanted = TEST_USERS if users is None else users
    for name, role in wanted.items():
        if store.find_user(name) is None:  # type: ignore[attr-defined]
            store.add_user(name, role, pin_hash(), created_by="tests")  # type: ignore[attr-defined]
