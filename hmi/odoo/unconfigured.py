"""The Odoo link of an installation that cannot log in yet (no secret stored, bad settings).

The HMI still starts, so the operator can watch the PLC and enter the missing
setting; the gate stays closed and every call says what must be fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from hmi.domain.errors import AuthenticationError
from hmi.domain.links import LinkState
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import ConsumptionReport, ManufacturingOrder, ReportResult
from hmi.domain.outbox import MaintenanceRequest


class UnconfiguredOdooLink:
    """An OdooPort that is always down with the reason it cannot be configured."""

    def __init__(self, reason: Message | str) -> None:
        self.reason = reason if isinstance(reason, Message) else plain(reason)
        self._state = LinkState(name="Odoo").went_down(str(self.reason))
        self.server_version: int | None = None

    @property
    def state(self) -> LinkState:
        """Always down, with the configuration problem as the last error."""
        return self._state

    def add_state_listener(self, callback: Callable[[LinkState], None]) -> None:
        """Announce the (permanent) down state once."""
        callback(self._state)

    def _refuse(self) -> AuthenticationError:
        return AuthenticationError(msg("odoo.not_configured", reason=self.reason))

    async def connect(self) -> None:
        """Refuse: there is nothing to log in with."""
        raise self._refuse()

    async def close(self) -> None:
        """Nothing to close."""

    async def heartbeat(self) -> None:
        """Refuse: there is nothing to ask."""
        raise self._refuse()

    async def fetch_orders(
        self,
        limit: int,
        exclude_ids: Collection[int] = (),
        after: ManufacturingOrder | None = None,
    ) -> list[ManufacturingOrder]:
        """Refuse."""
        raise self._refuse()

    async def read_states(self, mo_ids: Collection[int]) -> dict[int, str]:
        """Refuse."""
        raise self._refuse()

    async def report(self, report: ConsumptionReport) -> ReportResult:
        """Refuse (the batch waits, finished, until Odoo is configured)."""
        raise self._refuse()

    async def cancel(self, mo_id: int) -> None:
        """Refuse."""
        raise self._refuse()

    async def maintenance_installed(self) -> bool:
        """Refuse."""
        raise self._refuse()

    async def lots_of_moves(self, move_ids: Collection[int]) -> dict[int, tuple[str, ...]]:
        """Refuse."""
        raise self._refuse()

    async def create_maintenance_request(self, request: MaintenanceRequest) -> int:
        """Refuse (the outbox keeps the request until Odoo is configured)."""
        raise self._refuse()
