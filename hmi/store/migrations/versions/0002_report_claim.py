"""Report claim on mo_batch: which panel reports a batch to Odoo now, and until when.

Two HMI processes sharing one queue must never report the same batch at once:
Odoo posts stock again when a done MO is written.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the claim columns."""
    with op.batch_alter_table("mo_batch") as batch:
        batch.add_column(sa.Column("claim_owner", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("claim_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Drop the claim columns."""
    with op.batch_alter_table("mo_batch") as batch:
        batch.drop_column("claim_until")
        batch.drop_column("claim_owner")
