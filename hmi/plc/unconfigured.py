"""The PLC link of an installation whose PLC side cannot be configured (a bad [plc] section or
register map): always down with the reason, so the Odoo side keeps running and the operator
sees what to fix. Mirrors `hmi.odoo.unconfigured.UnconfiguredOdooLink`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from hmi.domain.errors import LinkDownError
from hmi.domain.links import LinkState
from hmi.domain.messages import Message, plain
from hmi.domain.model import Batch, SlotFeedback
from hmi.plc.slots import EquipmentFailure, ManualWeighing


class UnconfiguredPlcLink:
    """A PlcPort that is always down with the configuration problem as its reason."""

    def __init__(self, reason: Message | str, slot_count: int = 10) -> None:
        self.reason = reason if isinstance(reason, Message) else plain(reason)
        self._slots = slot_count
        self._state = LinkState(name="PLC").went_down(f"not configured: {self.reason}")

    @property
    def state(self) -> LinkState:
        """Always down, with the configuration problem as the last error."""
        return self._state

    @property
    def slot_count(self) -> int:
        """The default number of slots (nothing is ever written)."""
        return self._slots

    @property
    def capacity_kg(self) -> Decimal:
        """0 kg: no register map, so no write slot field holds anything."""
        return Decimal(0)

    @property
    def refusals(self) -> tuple[()]:
        """Nothing was asked, nothing refused."""
        return ()

    def add_state_listener(self, callback: Callable[[LinkState], None]) -> None:
        """Announce the (permanent) down state once."""
        callback(self._state)

    def _refuse(self) -> LinkDownError:
        return LinkDownError(f"PLC not configured: {self.reason}")

    async def connect(self) -> None:
        """Nothing to connect to; the state stays down."""

    async def close(self) -> None:
        """Nothing to close."""

    async def read_ready(self) -> bool:
        """Refuse."""
        raise self._refuse()

    async def write_batches(self, batches: Sequence[Batch], *, require_ready: bool = True) -> None:
        """Refuse."""
        raise self._refuse()

    async def read_written(self) -> list[SlotFeedback]:
        """Refuse."""
        raise self._refuse()

    async def written_batches_match(self, batches: Sequence[Batch]) -> bool:
        """Refuse."""
        raise self._refuse()

    async def read_feedback(self) -> list[SlotFeedback]:
        """Refuse."""
        raise self._refuse()

    async def read_feedback_slot(self, slot: int) -> SlotFeedback:
        """Refuse."""
        raise self._refuse()

    async def acknowledge_finished(self, slot: int) -> bool:
        """Refuse."""
        raise self._refuse()

    async def clear_slot(self, slot: int) -> None:
        """Refuse."""
        raise self._refuse()

    async def read_equipment_failure(self) -> EquipmentFailure | None:
        """Refuse."""
        raise self._refuse()

    async def acknowledge_equipment_failure(self) -> None:
        """Refuse."""
        raise self._refuse()

    async def read_manual_weighing(self) -> ManualWeighing | None:
        """Refuse."""
        raise self._refuse()

    async def acknowledge_manual_weighing(self) -> None:
        """Refuse."""
        raise self._refuse()
