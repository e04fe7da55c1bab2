"""Secrets live in a keyring backend; the file backend only when explicitly configured."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from hmi.domain.errors import ConfigError
from hmi.odoo.credentials import SERVICE, SecretStore, make_backend, secret_username

URL, DB, LOGIN = "https://odoo.example.com", "plant", "hmi-line1"


def test_file_backend_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "odoo.cfg"
    store = SecretStore.from_setting("file", path)
    store.save(URL, DB, LOGIN, "api-key-123")
    assert store.load(URL + "/", DB, LOGIN) == "api-key-123"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "api-key-123" not in path.read_text() or store.backend_name == "PlaintextKeyring"
    assert store.delete(URL, DB, LOGIN) is True
    assert store.delete(URL, DB, LOGIN) is False
    with pytest.raises(
        ConfigError,
        match=r"no Odoo password is stored for hmi-line1@plant@https://odoo\.example\.com",
    ):
        store.load(URL, DB, LOGIN)


def test_accounts_are_kept_apart(tmp_path: Path) -> None:
    store = SecretStore(make_backend("file", tmp_path / "k.cfg"))
    store.save(URL, DB, LOGIN, "one")
    store.save(URL, "other", LOGIN, "two")
    assert (store.load(URL, DB, LOGIN), store.load(URL, "other", LOGIN)) == ("one", "two")


def test_no_system_backend_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(ConfigError, match="no keyring backend is available"):
        SecretStore.from_setting("system")


def test_failing_backend_errors_name_the_account() -> None:
    store = SecretStore(fail.Keyring())
    with pytest.raises(ConfigError, match="cannot store the Odoo password for hmi-line1@plant"):
        store.save(URL, DB, LOGIN, "x")


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs a file path"):
        make_backend("file")
    with pytest.raises(ConfigError, match="must be one of system, file"):
        make_backend("vault")
    store = SecretStore(make_backend("file", tmp_path / "k.cfg"))
    with pytest.raises(ConfigError, match="must not be empty"):
        store.save(URL, DB, LOGIN, "")
    with pytest.raises(ConfigError, match="database must not be empty"):
        secret_username(URL, " ", LOGIN)
    assert SERVICE.startswith("feedmill")
