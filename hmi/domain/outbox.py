"""Equipment failures as stored, and the outbox of messages to Odoo that retries with backoff.

Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg, plain

MAINTENANCE_REQUEST = "maintenance.request"
OUTBOX_KINDS = (MAINTENANCE_REQUEST,)


class OutboxState(StrEnum):
    """Where an outbox item is: waiting, delivered, or dropped because Odoo cannot take it."""

    PENDING = "pending"
    SENT = "sent"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class FailureRecord:
    """An equipment failure read from the PLC's failure block, as stored."""

    id: int
    equipment_id: int
    fault_code: int
    occurred_at: datetime | None  # the PLC's clock (local time, no zone) as a naive datetime
    batch_no: int
    message: str
    stored_at: datetime
    acknowledged_at: datetime | None = None

    def describe(self, name: str = "") -> Message:
        """'Silo 3 (103): fault 12 (motor overload) in batch 3': `name` is what the plant
        calls the equipment (its table's name); without one, 'Equipment 103: fault 12 …'.
        The PLC's own text stays as it was sent."""
        equipment = (
            msg("equipment.named", name=name, id=self.equipment_id)
            if name
            else msg("equipment.numbered", id=self.equipment_id)
        )
        text = msg("equipment.fault_text", text=plain(self.message)) if self.message else plain("")
        batch = msg("equipment.in_batch", batch=self.batch_no) if self.batch_no else plain("")
        return msg(
            "equipment.fault", equipment=equipment, fault=self.fault_code, text=text, batch=batch
        )


@dataclass(frozen=True)
class MaintenanceRequest:
    """What Odoo's maintenance.request gets for one equipment failure.

    `reference` is unique per failure ("HMI-F17"); the Odoo link looks it up before
    creating, so a request re-sent after a crash is not created twice.
    """

    reference: str
    name: str
    description: str
    priority: str = "2"  # Odoo: 0 normal … 3 very high

    def to_payload(self) -> str:
        """JSON text for the outbox."""
        return json.dumps(
            {
                "reference": self.reference,
                "name": self.name,
                "description": self.description,
                "priority": self.priority,
            },
            sort_keys=True,
        )

    @classmethod
    def from_payload(cls, payload: str) -> MaintenanceRequest:
        """Parse the outbox's JSON text; a damaged payload is refused by name."""
        try:
            data: Any = json.loads(payload)
            return cls(
                reference=str(data["reference"]),
                name=str(data["name"]),
                description=str(data["description"]),
                priority=str(data.get("priority", "2")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationError(f"maintenance request payload is damaged: {exc}") from exc

    @classmethod
    def for_failure(cls, failure: FailureRecord, line_name: str) -> MaintenanceRequest:
        """The request for one stored failure."""
        when = failure.occurred_at.isoformat(sep=" ") if failure.occurred_at else "unknown time"
        return cls(
            reference=f"HMI-F{failure.id}",
            name=f"[HMI-F{failure.id}] {line_name}: {failure.describe()!s}"[:120],
            description=(
                f"Reported by the batch HMI of {line_name}.\n"
                f"Equipment: {failure.equipment_id}\nFault code: {failure.fault_code}\n"
                f"Message: {failure.message or '-'}\nBatch number: {failure.batch_no or '-'}\n"
                f"PLC time: {when}"
            ),
        )


@dataclass(frozen=True)
class OutboxItem:
    """One message waiting for Odoo (or already delivered)."""

    id: int
    kind: str
    key: str
    payload: str
    created_at: datetime
    state: OutboxState = OutboxState.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str = ""
    sent_at: datetime | None = None
    remote_id: int | None = None
