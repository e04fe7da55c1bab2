"""Alarms, equipment failures, the Odoo outbox and the supervisor PIN lockout.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def utc() -> sa.DateTime:
    """A timezone-aware timestamp column type (naive UTC text on SQLite)."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create alarm, equipment_failure, outbox and pin_attempt."""
    op.create_table(
        "alarm",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("active_key", sa.String(length=128), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raised_at", utc(), nullable=False),
        sa.Column("cleared_at", utc(), nullable=True),
        sa.Column("acked_by", sa.String(length=64), nullable=False),
        sa.Column("acked_at", utc(), nullable=True),
        sa.Column("shelved_by", sa.String(length=64), nullable=False),
        sa.Column("shelved_until", utc(), nullable=True),
        sa.Column("mo_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("priority BETWEEN 1 AND 3", name="priority_known"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("active_key"),
    )
    op.create_index("ix_alarm_cleared_at", "alarm", ["cleared_at"])
    op.create_index("ix_alarm_key", "alarm", ["key"])
    op.create_index("ix_alarm_mo_id", "alarm", ["mo_id"])
    op.create_index("ix_alarm_raised_at", "alarm", ["raised_at"])
    op.create_table(
        "equipment_failure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("equipment_id", sa.Integer(), nullable=False),
        sa.Column("fault_code", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("batch_no", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("raw_words", sa.Text(), nullable=False),
        sa.Column("stored_at", utc(), nullable=False),
        sa.Column("acknowledged_at", utc(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_equipment_failure_stored_at", "equipment_failure", ["stored_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", utc(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", utc(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", utc(), nullable=True),
        sa.Column("remote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'sent', 'skipped')", name="state_known"),
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_outbox_state_next_attempt_at", "outbox", ["state", "next_attempt_at"])
    op.create_table(
        "pin_attempt",
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", utc(), nullable=True),
        sa.Column("last_failure_at", utc(), nullable=True),
        sa.CheckConstraint("failures >= 0", name="failures_not_negative"),
        sa.PrimaryKeyConstraint("role"),
    )


def downgrade() -> None:
    """Drop the four tables."""
    op.drop_table("pin_attempt")
    op.drop_index("ix_outbox_state_next_attempt_at", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_equipment_failure_stored_at", table_name="equipment_failure")
    op.drop_table("equipment_failure")
    for index in ("ix_alarm_raised_at", "ix_alarm_mo_id", "ix_alarm_key", "ix_alarm_cleared_at"):
        op.drop_index(index, table_name="alarm")
    op.drop_table("alarm")
