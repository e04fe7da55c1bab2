"""Unknown PLC batches, persisted (part of QueueRepository; hmi.domain.unknown_batches).

A batch the PLC holds that the database does not know is stored when start-up
reconciliation finds it: the gate stays closed while any is *blocking*, also after a restart
and whatever the PLC shows by then. A supervisor's decision turns those whose dosing had
started into *withheld* MOs, which the fetch never takes, on any panel, until released.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from hmi.domain.links import utcnow
from hmi.domain.units import KG_STEP
from hmi.domain.unknown_batches import UnknownSlot, UnknownState
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_id, check_text
from hmi.store.models import ACTOR_LEN, NAME_LEN, STATE_LEN, Base, UtcDateTime, kg_column

UNKNOWN_STATES = ", ".join(f"'{state.value}'" for state in UnknownState)
AREA_LEN = 16


class PlcUnknownRow(Base):
    """One PLC slot that held a batch the database did not know (`plc_unknown`)."""

    __tablename__ = "plc_unknown"
    __table_args__ = (
        CheckConstraint(f"state IN ({UNKNOWN_STATES})", name="state_known"),
        CheckConstraint("area IN ('write', 'feedback')", name="area_known"),
        CheckConstraint("slot >= 1", name="slot_positive"),
        UniqueConstraint("slot", "area", "mo_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    slot: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(AREA_LEN))
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN))
    started: Mapped[bool] = mapped_column(Boolean)
    finished: Mapped[bool] = mapped_column(Boolean)
    dosed_kg: Mapped[Decimal] = kg_column("dosed")
    words: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(STATE_LEN))
    found_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


def to_unknown(row: PlcUnknownRow) -> UnknownSlot:
    """A domain UnknownSlot from a plc_unknown row."""
    return UnknownSlot(
        slot=row.slot,
        area=row.area,
        mo_name=row.mo_name,
        started=row.started,
        finished=row.finished,
        kg=row.dosed_kg,
        words=tuple(int(w) for w in row.words.split()),
        state=UnknownState(row.state),
        found_at=row.found_at,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        reason=row.reason,
    )


def _kg(value: Decimal | float) -> Decimal:
    kg = Decimal(str(value)).quantize(KG_STEP)
    return kg if kg.is_finite() and kg >= 0 else Decimal(0)


class UnknownStore(RepositoryBase):
    """The plc_unknown table over the store's sessions."""

    def record_unknown(self, slots: Sequence[UnknownSlot]) -> list[UnknownSlot]:
        """Store newly found unknown slots as blocking (one already recorded, decided or
        not, is kept as it is); return every blocking one, by slot."""
        with self._write() as session:
            for found in slots:
                check_id("PLC slot", found.slot)
                check_text("MO name", found.mo_name, NAME_LEN, required=True)
                query = select(PlcUnknownRow).where(
                    PlcUnknownRow.slot == found.slot,
                    PlcUnknownRow.area == found.area,
                    PlcUnknownRow.mo_name == found.mo_name,
                )
                if session.scalars(query).first() is not None:
                    continue
                session.add(
                    PlcUnknownRow(
                        slot=found.slot,
                        area=found.area,
                        mo_name=found.mo_name,
                        started=found.started,
                        finished=found.finished,
                        dosed_kg=_kg(found.kg),
                        words=" ".join(str(w) for w in found.words),
                        state=UnknownState.BLOCKING.value,
                        found_at=utcnow(),
                        decided_by="",
                        reason="",
                    )
                )
        return self.unknown_batches(UnknownState.BLOCKING)

    def unknown_batches(self, state: UnknownState | None = None) -> list[UnknownSlot]:
        """The recorded unknown PLC batches (of one state), by slot and area."""
        query = select(PlcUnknownRow).order_by(PlcUnknownRow.slot, PlcUnknownRow.area)
        if state is not None:
            query = query.where(PlcUnknownRow.state == UnknownState(state).value)
        with self._read() as session:
            return [to_unknown(row) for row in session.scalars(query)]

    def withheld_names(self) -> set[str]:
        """Names of the MOs dosed outside the queue that the fetch must not take."""
        query = select(PlcUnknownRow.mo_name).where(
            PlcUnknownRow.state == UnknownState.WITHHELD.value
        )
        with self._read() as session:
            return set(session.scalars(query))

    def decide_unknown(self, actor: str, reason: str) -> list[UnknownSlot]:
        """A supervisor decided about every blocking unknown batch (in one transaction):
        those whose dosing started become withheld, the others are forgotten. Returns the
        blocking ones as they were decided."""
        check_text("decided by", actor, ACTOR_LEN, required=True)
        now = utcnow()
        decided: list[UnknownSlot] = []
        with self._write() as session:
            query = select(PlcUnknownRow).where(PlcUnknownRow.state == UnknownState.BLOCKING.value)
            for row in session.scalars(query).all():
                decided.append(to_unknown(row))
                if row.started or row.finished:
                    row.state = UnknownState.WITHHELD.value
                    row.decided_by, row.decided_at, row.reason = actor, now, reason
                else:
                    session.delete(row)
        return decided

    def release_withheld(self, mo_name: str) -> list[UnknownSlot]:
        """Let the fetch take `mo_name` again (a supervisor settled it in Odoo); returns the
        records released (none: it was not withheld)."""
        check_text("MO name", mo_name, NAME_LEN, required=True)
        with self._write() as session:
            query = select(PlcUnknownRow).where(
                PlcUnknownRow.state == UnknownState.WITHHELD.value,
                PlcUnknownRow.mo_name == mo_name,
            )
            rows = session.scalars(query).all()
            released = [to_unknown(row) for row in rows]
            for row in rows:
                session.delete(row)
        return released
