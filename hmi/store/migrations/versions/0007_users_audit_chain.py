"""Named users, a tamper-evident audit chain, who-did-what on every batch, manual weighings.

- `hmi_user`: named users with a role, a PIN hash (argon2id) and an optional badge.
- `audit`: the actor's `role`, and `prev_hash`/`hash` chaining every row to the one before
  (hmi.domain.audit). Existing rows are first scrubbed of any PIN hash an older version
  wrote into a settings change (issue 14's first defect), then chained in id order.
- `mo_batch`/`mo_history`: `fetched_by`, `confirmed_by`, `reported_by`.
- `batch_line`/`history_line`: `manual_kg100`, the kg added by hand (manual weighing block).
- `manual_addition`: every manual weighing record read from the PLC, stored before the PLC
  is acknowledged, with where it was booked (a line of its batch) or why not.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-20
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from hmi.domain.audit import GENESIS, AuditNote, chain_hash

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WHO_COLUMNS = ("fetched_by", "confirmed_by", "reported_by")
#: "pbkdf2_sha256$200000$salt$hash", "$argon2id$v=19$…", "$2b$12$…": never kept in the audit
HASH_LIKE = re.compile(r"(pbkdf2_[a-z0-9]+\$|\$argon2(id|i|d)\$|\$2[aby]\$\d\d\$)")


def upgrade() -> None:
    """Create the user and manual-addition tables, add the columns, scrub and chain the audit."""
    op.create_table(
        "hmi_user",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("name_key", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("badge", sa.String(length=32), nullable=True),
        sa.Column("pin_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("pin_set_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "role IN ('operator', 'supervisor', 'maintenance', 'administrator')",
            name="role_known",
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
        sa.UniqueConstraint("badge"),
    )
    op.create_table(
        "manual_addition",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mo_id", sa.Integer(), nullable=True),
        sa.Column("mo_name", sa.String(length=128), nullable=False),
        sa.Column("batch_no", sa.Integer(), nullable=False),
        sa.Column("material_code", sa.Integer(), nullable=False),
        sa.Column("product_ref", sa.String(length=64), nullable=False),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("weight_kg100", sa.BigInteger(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("scale_id", sa.Integer(), nullable=False),
        sa.Column("weighed_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("raw_words", sa.Text(), nullable=False),
        sa.Column("booked", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_manual_addition_mo_id", "manual_addition", ["mo_id"])
    for table in ("mo_batch", "mo_history"):
        with op.batch_alter_table(table) as batch:
            for name in WHO_COLUMNS:
                batch.add_column(
                    sa.Column(name, sa.String(length=64), nullable=False, server_default="")
                )
    for table in ("batch_line", "history_line"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("manual_kg100", sa.BigInteger(), nullable=False, server_default="0")
            )
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("role", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=False, server_default=""))
    _scrub_and_chain()


def _scrub_and_chain() -> None:
    """Replace hash-like before/after values with '(set)', then chain every row in id order."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, at, actor, role, action, target, before, after, reason FROM audit "
            "ORDER BY id"
        )
    ).all()
    previous = GENESIS
    for row in rows:
        before = "(set)" if HASH_LIKE.search(row.before or "") else (row.before or "")
        after = "(set)" if HASH_LIKE.search(row.after or "") else (row.after or "")
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        note = AuditNote(
            row.actor,
            row.role or "",
            row.action,
            row.target or "",
            before,
            after,
            row.reason or "",
        )
        digest = chain_hash(previous, row.id, at, note)
        conn.execute(
            sa.text(
                "UPDATE audit SET before = :before, after = :after, prev_hash = :prev, "
                "hash = :hash WHERE id = :id"
            ),
            {"before": before, "after": after, "prev": previous, "hash": digest, "id": row.id},
        )
        previous = digest


def downgrade() -> None:
    """Drop what upgrade added (users, manual additions, the chain, who-did-what columns)."""
    with op.batch_alter_table("audit") as batch:
        for name in ("hash", "prev_hash", "role"):
            batch.drop_column(name)
    for table in ("batch_line", "history_line"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("manual_kg100")
    for table in ("mo_batch", "mo_history"):
        with op.batch_alter_table(table) as batch:
            for name in WHO_COLUMNS:
                batch.drop_column(name)
    op.drop_index("ix_manual_addition_mo_id", table_name="manual_addition")
    op.drop_table("manual_addition")
    op.drop_table("hmi_user")
