"""The Odoo password or API key as the settings screen changes it: saved off the Qt thread.

Wraps `hmi.odoo.credentials.SecretStore` so the window never touches the keyring itself.
"""

from __future__ import annotations

import asyncio
import logging

from hmi.config import OdooSettings
from hmi.domain.errors import ConfigError
from hmi.odoo.credentials import SecretStore

log = logging.getLogger(__name__)


class OdooSecret:
    """Saves the Odoo secret of the configured account in the keyring."""

    def __init__(self, store: SecretStore) -> None:
        self._store = store

    async def save(self, odoo: OdooSettings, secret: str) -> None:
        """Store `secret` for the account `odoo` names (in a worker thread); ConfigError if
        the keyring refuses it."""
        await asyncio.to_thread(self._store.save, odoo.url, odoo.database, odoo.login, secret)


def system_odoo_secret() -> OdooSecret | None:
    """The system keyring's secret store, or None when this machine has no keyring."""
    try:
        return OdooSecret(SecretStore())
    except ConfigError as exc:
        log.info("Odoo secret cannot be changed from the settings: %s", exc)
        return None
