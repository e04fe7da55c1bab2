"""The Odoo password or API key, kept in the operating system's keyring, never in a config file.

On Windows the Credential Manager is used, on a Linux desktop the Secret Service.
A headless Linux panel has no keyring backend: there the `keyrings.alt` file
backend is used only when explicitly configured (`backend="file"` with a path),
otherwise the operator gets a clear error saying what to configure.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

from hmi.domain.errors import ConfigError
from hmi.domain.messages import msg, plain

#: Keyring service name under which every Odoo secret of the HMI is stored.
SERVICE = "feedmill-batch-hmi:odoo"
#: Accepted values of the `backend` setting.
BACKENDS = ("system", "file")


def secret_username(url: str, database: str, login: str) -> str:
    """The keyring user name of one Odoo account: login, database and server together."""
    for label, value in (("url", url), ("database", database), ("login", login)):
        if not value or not value.strip():
            raise ConfigError(msg("odoo.secret.empty_field", what=label))
    return f"{login.strip()}@{database.strip()}@{url.strip().rstrip('/')}"


def make_backend(
    backend: str = "system", file_path: Path | None = None
) -> keyring.backend.KeyringBackend:
    """Build the configured keyring backend; 'file' needs an explicit file path."""
    if backend == "system":
        chosen = keyring.get_keyring()
        if isinstance(chosen, fail.Keyring):
            raise ConfigError(msg("odoo.secret.no_backend"))
        return chosen
    if backend == "file":
        if file_path is None:
            raise ConfigError(msg("odoo.secret.file_path"))
        from keyrings.alt.file import PlaintextKeyring

        file_keyring: keyring.backend.KeyringBackend = PlaintextKeyring()
        setattr(file_keyring, "file_path", str(Path(file_path).expanduser()))  # noqa: B010
        return file_keyring
    raise ConfigError(msg("odoo.secret.backend", allowed=", ".join(BACKENDS), value=repr(backend)))


class SecretStore:
    """Save, load and delete the Odoo secret of one account in a keyring backend."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else make_backend("system")

    @classmethod
    def from_setting(cls, backend: str = "system", file_path: Path | None = None) -> SecretStore:
        """A store on the backend named in the settings ('system' or 'file' with a path)."""
        return cls(make_backend(backend, file_path))

    @property
    def backend_name(self) -> str:
        """Human-readable name of the backend in use (for the settings dialog)."""
        return type(self._backend).__name__

    def save(self, url: str, database: str, login: str, secret: str) -> None:
        """Store the secret; an empty secret is refused."""
        if not secret:
            raise ConfigError(msg("odoo.secret.empty"))
        user = secret_username(url, database, login)
        try:
            self._backend.set_password(SERVICE, user, secret)
        except keyring.errors.KeyringError as exc:
            error = plain(str(exc))
            raise ConfigError(msg("odoo.secret.store_failed", user=user, error=error)) from exc
        self._restrict_file()

    def load(self, url: str, database: str, login: str) -> str:
        """Return the stored secret; raise ConfigError naming the account if none is stored."""
        user = secret_username(url, database, login)
        try:
            secret = self._backend.get_password(SERVICE, user)
        except keyring.errors.KeyringError as exc:
            error = plain(str(exc))
            raise ConfigError(msg("odoo.secret.read_failed", user=user, error=error)) from exc
        if not secret:
            raise ConfigError(msg("odoo.secret.missing", user=user))
        return secret

    def delete(self, url: str, database: str, login: str) -> bool:
        """Forget the secret; False when none was stored."""
        user = secret_username(url, database, login)
        try:
            self._backend.delete_password(SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            error = plain(str(exc))
            raise ConfigError(msg("odoo.secret.delete_failed", user=user, error=error)) from exc
        return True

    def _restrict_file(self) -> None:
        path = getattr(self._backend, "file_path", None)
        if isinstance(path, str) and os.path.exists(path) and os.name == "posix":
            os.chmod(path, 0o600)
