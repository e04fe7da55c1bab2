"""SQLAlchemy 2 tables of the store: the live queue, its history, the event log and the audit.

Every datetime column is stored as UTC and read back as an aware UTC datetime
(`UtcDateTime`). Every quantity is stored exactly, as a whole number of hundredths of a
kilogram (`KgHundredths`: the PLC's kg × 100; columns named `…_kg100`), and read back as a
`Decimal` kg on the 0.01 kg grid.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from hmi.domain.states import BatchState
from hmi.domain.units import KG_STEP

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Column widths, also used to validate input with a clear message before the database does.
NAME_LEN = 128
REF_LEN = 64
ACTOR_LEN = 64
SOURCE_LEN = 32
LEVEL_LEN = 8
STATE_LEN = 20
CONSUMPTION_LEN = 16

ALL_STATES = ", ".join(f"'{state.value}'" for state in BatchState)
ARCHIVED_STATES = f"'{BatchState.REPORTED.value}', '{BatchState.CANCELLED.value}'"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ALL_LEVELS = ", ".join(f"'{level}'" for level in LEVELS)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC; refuses naive datetimes, returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC (naive UTC for SQLite, which keeps no zone)."""
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"timestamp {value!r} must be a timezone-aware datetime")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Attach UTC to what the database returns."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise ValueError(f"the database returned {value!r}, not a timestamp")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class KgHundredths(TypeDecorator[Decimal]):
    """A quantity in kg stored exactly as an integer number of hundredths (kg × 100).

    Binds a `Decimal` (or int) on the 0.01 kg grid; a float, or a value finer than 0.01 kg,
    is refused (the domain rounds once, where a number comes in, never here). Reads back a
    `Decimal` with two decimals: 60000 → Decimal("600.00").
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        """Decimal kg → hundredths."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise ValueError(f"quantity {value!r} must be a Decimal number of kg")
        kg = Decimal(value)
        if not kg.is_finite() or kg.quantize(KG_STEP) != kg:
            raise ValueError(f"quantity {value!r} kg is not on the 0.01 kg grid")
        return int(kg.scaleb(2))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Hundredths → Decimal kg."""
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-2)


def kg_column(name: str, *, nullable: bool = False, default: Decimal | None = None) -> Any:
    """A quantity column `<name>_kg100` (hundredths of a kg) mapped as Decimal kg; in Python
    (attribute and `Table.c` key) it is `<name>_kg`, so Core inserts use the same names."""
    return mapped_column(
        f"{name}_kg100", KgHundredths, key=f"{name}_kg", nullable=nullable, default=default
    )


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING)


class MoBatchRow(Base):
    """One batch in the live queue (`mo_batch`), keyed by Odoo's numeric MO id."""

    __tablename__ = "mo_batch"
    __table_args__ = (
        CheckConstraint("slot >= 1", name="slot_positive"),
        CheckConstraint(f"state IN ({ALL_STATES})", name="state_known"),
        CheckConstraint("quantity_kg100 > 0", name="quantity_positive"),
        CheckConstraint("report_attempts >= 0", name="attempts_not_negative"),
    )

    mo_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    slot: Mapped[int] = mapped_column(Integer, unique=True)
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN))
    bom_name: Mapped[str] = mapped_column(String(NAME_LEN))
    product_name: Mapped[str] = mapped_column(String(NAME_LEN))
    quantity_kg: Mapped[Decimal] = kg_column("quantity")
    state: Mapped[str] = mapped_column(String(STATE_LEN))
    finished_weight_kg: Mapped[Decimal | None] = kg_column("finished_weight", nullable=True)
    produced_kg: Mapped[Decimal | None] = kg_column("produced", nullable=True)
    #: the BoM's consumption mode (mrp.bom.consumption: strict, warning, flexible)
    consumption: Mapped[str] = mapped_column(String(CONSUMPTION_LEN), default="warning")
    note: Mapped[str] = mapped_column(Text, default="")
    odoo_message: Mapped[str] = mapped_column(Text, default="")
    report_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: Which HMI process is reporting this batch to Odoo now, and until when (panels sharing a DB)
    claim_owner: Mapped[str | None] = mapped_column(String(ACTOR_LEN))
    claim_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: who queued it ("automatic" for a timer fill), who confirmed its values, who reported it
    fetched_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    confirmed_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    reported_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    lines: Mapped[list[BatchLineRow]] = relationship(
        back_populates="batch",
        order_by="BatchLineRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class MaterialColumns:
    """The columns of one material line, shared by the queue's and the history's lines."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer)
    equipment_id: Mapped[int] = mapped_column(Integer)
    move_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    product_ref: Mapped[str] = mapped_column(String(REF_LEN))
    planned_kg: Mapped[Decimal] = kg_column("planned")
    actual_kg: Mapped[Decimal | None] = kg_column("actual", nullable=True)
    #: what Odoo had consumed of the move before the batch (an MO in progress)
    consumed_kg: Mapped[Decimal] = kg_column("consumed", default=Decimal(0))
    #: what was added by hand (the PLC's manual weighing block), on top of the PLC's actual
    manual_kg: Mapped[Decimal] = kg_column("manual", default=Decimal(0))


class BatchLineRow(MaterialColumns, Base):
    """One material of a queued batch: the silo/tank, the Odoo move, planned and actual kg."""

    __tablename__ = "batch_line"
    __table_args__ = (
        UniqueConstraint("mo_id", "equipment_id"),
        CheckConstraint("planned_kg100 >= 0", name="planned_not_negative"),
        CheckConstraint("actual_kg100 IS NULL OR actual_kg100 >= 0", name="actual_not_negative"),
        CheckConstraint("consumed_kg100 >= 0", name="consumed_not_negative"),
    )

    mo_id: Mapped[int] = mapped_column(ForeignKey("mo_batch.mo_id", ondelete="CASCADE"))
    batch: Mapped[MoBatchRow] = relationship(back_populates="lines")


class MoHistoryRow(Base):
    """A batch archived after Odoo accepted it, or after an operator cancelled it."""

    __tablename__ = "mo_history"
    __table_args__ = (
        CheckConstraint(f"outcome IN ({ARCHIVED_STATES})", name="outcome_archived"),
        Index(None, "product_name", "archived_at"),
    )

    mo_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    slot: Mapped[int] = mapped_column(Integer)
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN), index=True)
    bom_name: Mapped[str] = mapped_column(String(NAME_LEN))
    product_name: Mapped[str] = mapped_column(String(NAME_LEN))
    quantity_kg: Mapped[Decimal] = kg_column("quantity")
    produced_kg: Mapped[Decimal | None] = kg_column("produced", nullable=True)
    finished_weight_kg: Mapped[Decimal | None] = kg_column("finished_weight", nullable=True)
    consumption: Mapped[str] = mapped_column(String(CONSUMPTION_LEN), default="warning")
    outcome: Mapped[str] = mapped_column(String(STATE_LEN))
    note: Mapped[str] = mapped_column(Text, default="")
    odoo_message: Mapped[str] = mapped_column(Text, default="")
    report_attempts: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(ACTOR_LEN))
    reason: Mapped[str] = mapped_column(Text, default="")
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    archived_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    fetched_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    confirmed_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    reported_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    lines: Mapped[list[HistoryLineRow]] = relationship(
        back_populates="batch",
        order_by="HistoryLineRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class HistoryLineRow(MaterialColumns, Base):
    """One material of an archived batch, as it was when the batch left the queue."""

    __tablename__ = "history_line"
    __table_args__ = (UniqueConstraint("mo_id", "equipment_id"),)

    mo_id: Mapped[int] = mapped_column(ForeignKey("mo_history.mo_id", ondelete="CASCADE"))
    batch: Mapped[MoHistoryRow] = relationship(back_populates="lines")


class EventLogRow(Base):
    """One line of the log console, persisted."""

    __tablename__ = "event_log"
    __table_args__ = (CheckConstraint(f"level IN ({ALL_LEVELS})", name="level_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    level: Mapped[str] = mapped_column(String(LEVEL_LEN))
    source: Mapped[str] = mapped_column(String(SOURCE_LEN))
    message: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """Who (person and role) did what to which thing, with the values before and after, and
    why; `hash` chains the row to the one before it (hmi.domain.audit)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(ACTOR_LEN))
    role: Mapped[str] = mapped_column(String(STATE_LEN), default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(REF_LEN))
    target: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


ALARM_KEY_LEN = 128
OUTBOX_STATES = "'pending', 'sent', 'skipped'"


class AlarmRow(Base):
    """One alarm: raised, maybe cleared, acknowledged or shelved (kept after a restart).

    `active_key` equals `key` while the alarm is active and is NULL once cleared: its unique
    constraint lets two panels sharing a database never raise the same alarm twice.
    """

    __tablename__ = "alarm"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_known"),
        Index(None, "cleared_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(ALARM_KEY_LEN), index=True)
    active_key: Mapped[str | None] = mapped_column(String(ALARM_KEY_LEN), unique=True)
    source: Mapped[str] = mapped_column(String(SOURCE_LEN))
    priority: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    acked_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    acked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    shelved_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    shelved_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    mo_id: Mapped[int | None] = mapped_column(Integer, index=True)


class EquipmentFailureRow(Base):
    """An equipment failure record read from the PLC, stored before it is acknowledged."""

    __tablename__ = "equipment_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    equipment_id: Mapped[int] = mapped_column(Integer)
    fault_code: Mapped[int] = mapped_column(Integer)
    #: the PLC's local clock, without a zone, as the PLC reported it
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    batch_no: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    raw_words: Mapped[str] = mapped_column(Text, default="")
    stored_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboxRow(Base):
    """A message for Odoo (a maintenance request), retried with capped backoff until sent."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(f"state IN ({OUTBOX_STATES})", name="state_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index(None, "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(REF_LEN))
    key: Mapped[str] = mapped_column(String(REF_LEN), unique=True)
    payload: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(STATE_LEN))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    remote_id: Mapped[int | None] = mapped_column(Integer)


class PinAttemptRow(Base):
    """Wrong supervisor PINs in a row and the lockout, per role (survives a restart)."""

    __tablename__ = "pin_attempt"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures_not_negative"),)

    role: Mapped[str] = mapped_column(String(ACTOR_LEN), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_failure_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


ACK_STATES = "'pending', 'done', 'expected'"


class PlcAckRow(Base):
    """The latest acknowledgement record of one PLC slot (hmi.domain.acks), kept after the
    batch is archived: pending until the PLC answered the write normally or moved on."""

    __tablename__ = "plc_ack"
    __table_args__ = (
        CheckConstraint(f"state IN ({ACK_STATES})", name="state_known"),
        CheckConstraint("slot >= 1", name="slot_positive"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )

    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mo_id: Mapped[int | None] = mapped_column(Integer)
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    state: Mapped[str] = mapped_column(String(STATE_LEN))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class RefusedMoRow(Base):
    """An MO the fetch refused, remembered with its reasons until Odoo or the rules change it.

    `write_date` is Odoo's last change of the MO when it was refused; `rules_key` the digest of
    the mapping rules and equipment table then (`MappingRules.fingerprint`). The fetch pages
    past a remembered MO and tries it again only when either differs.
    """

    __tablename__ = "refused_mo"

    mo_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN))
    reasons: Mapped[str] = mapped_column(Text)  # the refusal as a Message (JSON)
    write_date: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rules_key: Mapped[str] = mapped_column(String(REF_LEN), default="")
    refused_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)


ROLES = "'operator', 'supervisor', 'maintenance', 'administrator'"


class UserRow(Base):
    """A named user: role, PIN hash (argon2id; never leaves the store), optional badge."""

    __tablename__ = "hmi_user"
    __table_args__ = (CheckConstraint(f"role IN ({ROLES})", name="role_known"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(ACTOR_LEN))
    #: the name folded for comparison: "budi" and "Budi" are one user
    name_key: Mapped[str] = mapped_column(String(ACTOR_LEN), unique=True)
    role: Mapped[str] = mapped_column(String(STATE_LEN))
    badge: Mapped[str | None] = mapped_column(String(32), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(ACTOR_LEN), default="")
    pin_set_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ManualAdditionRow(Base):
    """A manual weighing record read from the PLC (block 9000–9013), stored before it is
    acknowledged; `booked` says whether it was added to a line of its batch, `reason` why not."""

    __tablename__ = "manual_addition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mo_id: Mapped[int | None] = mapped_column(Integer, index=True)
    mo_name: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    batch_no: Mapped[int] = mapped_column(Integer)
    material_code: Mapped[int] = mapped_column(Integer)
    product_ref: Mapped[str] = mapped_column(String(REF_LEN), default="")
    equipment_id: Mapped[int | None] = mapped_column(Integer)
    weight_kg: Mapped[Decimal] = kg_column("weight")
    operator_id: Mapped[int] = mapped_column(Integer, default=0)
    scale_id: Mapped[int] = mapped_column(Integer, default=0)
    #: the PLC's local clock, without a zone, as the PLC reported it
    weighed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    raw_words: Mapped[str] = mapped_column(Text, default="")
    booked: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    stored_at: Mapped[datetime] = mapped_column(UtcDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
