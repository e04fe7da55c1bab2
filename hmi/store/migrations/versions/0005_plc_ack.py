"""Persisted acknowledgements of finished PLC slots (plc_ack), one record per slot.

A finished slot's acknowledgement is part of the batch life cycle: written in the same
transaction as the batch's actuals, kept after the archive, retried after a restart.
Batches already finished or failed when upgrading get a pending acknowledgement (the
previous version acknowledged them again after every restart).

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create plc_ack and seed it from the finished and failed batches in mo_batch."""
    op.create_table(
        "plc_ack",
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mo_id", sa.Integer(), nullable=True),
        sa.Column("mo_name", sa.String(length=128), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.CheckConstraint("state IN ('pending', 'done', 'expected')", name="state_known"),
        sa.CheckConstraint("slot >= 1", name="slot_positive"),
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        sa.PrimaryKeyConstraint("slot"),
    )
    op.execute(
        "INSERT INTO plc_ack (slot, mo_id, mo_name, state, created_at, attempts, last_error) "
        "SELECT slot, mo_id, mo_name, 'pending', CURRENT_TIMESTAMP, 0, '' FROM mo_batch "
        "WHERE state IN ('finished', 'failed', 'needs_attention', 'reported')"
    )


def downgrade() -> None:
    """Drop plc_ack."""
    op.drop_table("plc_ack")
