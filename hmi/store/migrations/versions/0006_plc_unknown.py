"""Unknown PLC batches, persisted (plc_unknown): the gate stays closed over a restart until a
supervisor decides, and an MO the PLC dosed outside the queue is never fetched again until a
supervisor releases it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create plc_unknown."""
    op.create_table(
        "plc_unknown",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=16), nullable=False),
        sa.Column("mo_name", sa.String(length=128), nullable=False),
        sa.Column("started", sa.Boolean(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("dosed_kg100", sa.BigInteger(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("state IN ('blocking', 'withheld')", name="state_known"),
        sa.CheckConstraint("area IN ('write', 'feedback')", name="area_known"),
        sa.CheckConstraint("slot >= 1", name="slot_positive"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slot", "area", "mo_name"),
    )


def downgrade() -> None:
    """Drop plc_unknown."""
    op.drop_table("plc_unknown")
