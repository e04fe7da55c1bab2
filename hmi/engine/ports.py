"""What the engine needs from the PLC link, the Odoo link and the store (typing Protocols).

The concrete classes are `hmi.plc.link.PlcLink`, `hmi.odoo.link.OdooLink` and
`hmi.store.repository.QueueRepository`; the engine depends only on these shapes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from hmi.domain.links import LinkState
from hmi.domain.model import (
    Batch,
    ConsumptionReport,
    ManufacturingOrder,
    ReportResult,
    SlotFeedback,
)
from hmi.domain.states import BatchState


class PlcPort(Protocol):
    """Async Modbus link to the batching PLC (DESIGN.md §5)."""

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        ...

    @property
    def slot_count(self) -> int:
        """Number of batch slots in the register map (default 10)."""
        ...

    async def connect(self) -> None:
        """Open the connection; never raises for a refused connection (state says down)."""

    async def close(self) -> None:
        """Close the connection and stop reconnecting."""

    async def read_ready(self) -> bool:
        """Read the PLC's ready-for-new-batches flag (write area slot 1, status_read_data)."""
        ...

    async def write_batches(self, batches: Sequence[Batch]) -> None:
        """Write each batch to `batch.slot`, zero the unused slots, read back, then clear ready."""

    async def written_batches_match(self, batches: Sequence[Batch]) -> bool:
        """True when the write area holds exactly these batches (used by reconciliation)."""
        ...

    async def read_feedback(self) -> list[SlotFeedback]:
        """Read and decode the whole feedback area in the fewest requests."""
        ...

    async def acknowledge_finished(self, slot: int) -> None:
        """Set the feedback slot's status_read_data to 1 after its actuals are stored."""

    async def clear_slot(self, slot: int) -> None:
        """Zero one write slot (a batch cancelled before the PLC started it)."""


class OdooPort(Protocol):
    """Async link to Odoo over odoorpc (DESIGN.md §6)."""

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        ...

    async def connect(self) -> None:
        """Log in; raises AuthenticationError or LinkDownError."""

    async def close(self) -> None:
        """Forget the session."""

    async def fetch_orders(
        self, limit: int, exclude_ids: Collection[int] = ()
    ) -> list[ManufacturingOrder]:
        """Confirmed/in-progress MOs, oldest planned first, in a constant number of calls."""
        ...

    async def read_states(self, mo_ids: Collection[int]) -> dict[int, str]:
        """Current Odoo state of each MO id; ids Odoo does not know are absent."""
        ...

    async def report(self, report: ConsumptionReport) -> ReportResult:
        """Report consumption and mark done, idempotently (an MO already done is not touched)."""
        ...

    async def cancel(self, mo_id: int) -> None:
        """Cancel the MO in Odoo."""


class StorePort(Protocol):
    """Synchronous repository over `mo_batch` and friends; the engine calls it on a DB thread."""

    def count(self) -> int:
        """Number of rows in mo_batch."""
        ...

    def fill_if_empty(self, batches: Sequence[Batch]) -> bool:
        """The gate: in one exclusive transaction insert all as queued iff mo_batch is empty."""
        ...

    def batches(self) -> list[Batch]:
        """Every batch in mo_batch with its lines, ordered by slot."""
        ...

    def get(self, mo_id: int) -> Batch | None:
        """One batch or None."""
        ...

    def set_state(self, mo_id: int, state: BatchState, **changes: Any) -> Batch:
        """Move a batch to `state` (checked transition) and set other columns."""
        ...

    def set_many_state(self, mo_ids: Collection[int], state: BatchState) -> None:
        """Move several batches to `state` in one transaction."""

    def claim(self, mo_id: int, owner: str, seconds: float) -> bool:
        """Claim a batch for reporting; False while another process's claim is live."""
        ...

    def release(self, mo_id: int, owner: str) -> None:
        """Drop this owner's claim."""

    def record_actuals(
        self,
        mo_id: int,
        actuals: Mapping[int, float],
        *,
        state: BatchState | None = None,
        finished_weight_kg: float | None = None,
        produced_kg: float | None = None,
        note: str | None = None,
    ) -> Batch:
        """Store actual kg per equipment id (and optionally a new state) in one transaction."""
        ...

    def archive(self, mo_id: int, outcome: BatchState, *, actor: str, reason: str = "") -> None:
        """Copy to mo_history (+lines) and delete from mo_batch in one transaction."""

    def archived_ids(self, mo_ids: Collection[int] | None = None) -> set[int]:
        """MO ids present in mo_history (reported or cancelled)."""
        ...

    def log_event(self, level: str, source: str, message: str, at: datetime | None = None) -> None:
        """Persist one event-log line."""

    def audit(
        self,
        actor: str,
        action: str,
        target: str = "",
        before: str = "",
        after: str = "",
        reason: str = "",
    ) -> None:
        """Record who did what, with before/after values."""
