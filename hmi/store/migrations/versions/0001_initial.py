"""Initial schema: mo_batch, batch_line, mo_history, history_line, event_log, audit.

Revision ID: 0001
Revises:
Create Date: 2025-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATES = (
    "'queued', 'sent', 'running', 'finished', 'reported', 'failed', 'needs_attention', 'cancelled'"
)
LEVELS = "'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'"


def utc() -> sa.DateTime:
    """A timezone-aware timestamp column type (naive UTC text on SQLite)."""
    return sa.DateTime(timezone=True)


def line_columns(parent: str) -> list[SchemaItem]:
    """Columns and constraints shared by batch_line and history_line."""
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mo_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("equipment_id", sa.Integer(), nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("product_ref", sa.String(length=64), nullable=False),
        sa.Column("planned_kg", sa.Float(), nullable=False),
        sa.Column("actual_kg", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["mo_id"], [f"{parent}.mo_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mo_id", "equipment_id"),
    ]


def batch_columns() -> list[SchemaItem]:
    """Columns shared by mo_batch and mo_history."""
    return [
        sa.Column("mo_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("mo_name", sa.String(length=128), nullable=False),
        sa.Column("bom_name", sa.String(length=128), nullable=False),
        sa.Column("product_name", sa.String(length=128), nullable=False),
        sa.Column("quantity_kg", sa.Float(), nullable=False),
        sa.Column("finished_weight_kg", sa.Float(), nullable=True),
        sa.Column("produced_kg", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("odoo_message", sa.Text(), nullable=False),
        sa.Column("report_attempts", sa.Integer(), nullable=False),
        sa.Column("queued_at", utc(), nullable=True),
        sa.Column("started_at", utc(), nullable=True),
        sa.Column("finished_at", utc(), nullable=True),
        sa.PrimaryKeyConstraint("mo_id"),
    ]


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "mo_batch",
        *batch_columns(),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("next_attempt_at", utc(), nullable=True),
        sa.CheckConstraint("slot >= 1", name="slot_positive"),
        sa.CheckConstraint(f"state IN ({STATES})", name="state_known"),
        sa.CheckConstraint("quantity_kg > 0", name="quantity_positive"),
        sa.CheckConstraint("report_attempts >= 0", name="attempts_not_negative"),
        sa.UniqueConstraint("slot"),
    )
    op.create_table(
        "batch_line",
        *line_columns("mo_batch"),
        sa.CheckConstraint("planned_kg >= 0", name="planned_not_negative"),
        sa.CheckConstraint("actual_kg IS NULL OR actual_kg >= 0", name="actual_not_negative"),
    )
    op.create_table(
        "mo_history",
        *batch_columns(),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("archived_at", utc(), nullable=False),
        sa.CheckConstraint("outcome IN ('reported', 'cancelled')", name="outcome_archived"),
    )
    op.create_index("ix_mo_history_archived_at", "mo_history", ["archived_at"])
    op.create_index("ix_mo_history_mo_name", "mo_history", ["mo_name"])
    op.create_index(
        "ix_mo_history_product_name_archived_at", "mo_history", ["product_name", "archived_at"]
    )
    op.create_table("history_line", *line_columns("mo_history"))
    op.create_table(
        "event_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", utc(), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint(f"level IN ({LEVELS})", name="level_known"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_event_log_at", "event_log", ["at"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", utc(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_at", "audit", ["at"])


def downgrade() -> None:
    """Drop every table of the first release."""
    for index, table in (
        ("ix_audit_at", "audit"),
        ("ix_event_log_at", "event_log"),
        ("ix_mo_history_product_name_archived_at", "mo_history"),
        ("ix_mo_history_mo_name", "mo_history"),
        ("ix_mo_history_archived_at", "mo_history"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("audit", "event_log", "history_line", "mo_history", "batch_line", "mo_batch"):
        op.drop_table(table)
