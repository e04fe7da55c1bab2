"""Persisted acknowledgements of PLC slots (hmi.domain.acks), part of QueueRepository."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hmi.domain.acks import AckState, SlotAck
from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_id, check_text
from hmi.store.models import NAME_LEN, PlcAckRow

ERROR_LEN = 500


def to_ack(row: PlcAckRow) -> SlotAck:
    """A SlotAck record from a plc_ack row."""
    return SlotAck(
        slot=row.slot,
        mo_name=row.mo_name,
        state=AckState(row.state),
        mo_id=row.mo_id,
        created_at=row.created_at,
        done_at=row.done_at,
        attempts=row.attempts,
        last_error=row.last_error,
    )


def put_ack(
    session: Session, slot: int, mo_id: int | None, mo_name: str, state: AckState
) -> PlcAckRow:
    """Insert or replace the record of one slot inside an open write transaction."""
    check_id("PLC slot", slot)
    check_text("MO name", mo_name, NAME_LEN)
    row = session.get(PlcAckRow, slot)
    if row is None:
        row = PlcAckRow(slot=slot)
        session.add(row)
    row.mo_id = mo_id
    row.mo_name = mo_name
    row.state = state.value
    row.created_at = utcnow()
    row.done_at = utcnow() if state is AckState.DONE else None
    row.attempts = 0
    row.last_error = ""
    return row


class AckStore(RepositoryBase):
    """The plc_ack table over the store's sessions."""

    def slot_acks(self) -> list[SlotAck]:
        """Every slot's latest acknowledgement record, by slot."""
        with self._read() as session:
            rows = session.scalars(select(PlcAckRow).order_by(PlcAckRow.slot))
            return [to_ack(row) for row in rows]

    def put_slot_ack(
        self, slot: int, mo_name: str, state: AckState, mo_id: int | None = None
    ) -> SlotAck:
        """Record what the HMI knows about one slot (replacing the slot's previous record)."""
        ack_state = AckState(state)
        with self._write() as session:
            return to_ack(put_ack(session, slot, mo_id, mo_name, ack_state))

    def ack_done(self, slot: int, mo_name: str, at: datetime | None = None) -> SlotAck | None:
        """The PLC got the acknowledgement of `mo_name` in `slot` (or moved on)."""
        check_id("PLC slot", slot)
        with self._write() as session:
            row = session.get(PlcAckRow, slot)
            if row is None or row.mo_name != mo_name:
                return None
            row.state = AckState.DONE.value
            row.done_at = at or utcnow()
            return to_ack(row)

    def ack_failed(self, slot: int, mo_name: str, error: str) -> SlotAck | None:
        """One more attempt to acknowledge `mo_name` in `slot` failed, with the reason."""
        check_id("PLC slot", slot)
        if not isinstance(error, str):
            raise ValidationError(f"acknowledgement error {error!r} is not text")
        with self._write() as session:
            row = session.get(PlcAckRow, slot)
            if row is None or row.mo_name != mo_name:
                return None
            row.attempts += 1
            row.last_error = error[:ERROR_LEN]
            return to_ack(row)
