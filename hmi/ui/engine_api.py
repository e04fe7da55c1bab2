"""The part of the engine the window uses: the UI talks to nothing else (no Modbus, Odoo, SQL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from hmi.config import Settings
from hmi.engine.snapshot import EngineEvent, EngineSnapshot, FetchPreview, FetchResult
from hmi.store.records import ArchivedBatch


class HistorySource(Protocol):
    """Paged, filtered access to archived batches."""

    async def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[ArchivedBatch]:
        """Archived batches `offset`..`offset+limit`, newest first."""
        ...

    async def history_count(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        """Number of archived batches matching the filter."""
        ...


class EngineApi(HistorySource, Protocol):
    """The engine's state and commands as the window uses them (hmi.engine.engine.Engine)."""

    settings: Settings

    def snapshot(self) -> EngineSnapshot:
        """The current state."""
        ...

    def add_listener(self, cb: Callable[[EngineSnapshot], None]) -> None:
        """Call `cb` with every new snapshot."""

    def add_event_listener(self, cb: Callable[[EngineEvent], None]) -> None:
        """Call `cb` with every new event."""

    async def preview_fetch(self) -> FetchPreview:
        """What a fetch would queue now; changes nothing."""
        ...

    async def confirm_fetch(self, preview: FetchPreview, actor: str) -> FetchResult:
        """Queue the previewed batches if the gate is still open."""
        ...

    async def cancel_batch(self, mo_id: int, actor: str, reason: str) -> None:
        """Cancel one batch, recording who and why."""

    async def retry_now(self, mo_id: int, actor: str) -> None:
        """Retry a failed or pending batch now."""

    async def set_auto_fetch(self, enabled: bool, actor: str) -> None:
        """Switch automatic fetching on or off."""

    async def recent_events(self, limit: int = 500) -> list[EngineEvent]:
        """The persisted event log, oldest first."""
        ...

    async def apply_settings(self, settings: Settings, actor: str) -> None:
        """Validate, save and audit new settings."""
