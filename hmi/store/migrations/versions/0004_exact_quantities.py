"""Exact quantities: every kg column as whole hundredths; BoM consumption; refused MOs.

Float kg columns (`quantity_kg`, `finished_weight_kg`, `produced_kg`, `planned_kg`,
`actual_kg`) become integer columns of hundredths of a kilogram (`…_kg100`, the PLC's
kg × 100), read back by the application as exact Decimal kg. Existing values were rounded
to 0.01 kg when written, so `ROUND(kg * 100)` is exact. Also: `consumed_kg100` on the lines
(what Odoo had consumed before an MO in progress was dosed for its remainder), the BoM's
`consumption` mode on the queue and the history, and the `refused_mo` table.

On SQLite, dropping a column rebuilds the table (copy, drop, rename): `hmi.store.database`
runs migrations with foreign keys off, outside the transaction, as SQLite requires, or
dropping `mo_batch` would cascade to every `batch_line` row (issue 17).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: table -> (quantity columns without the suffix, nullable)
QUANTITIES: dict[str, tuple[tuple[str, bool], ...]] = {
    "mo_batch": (("quantity", False), ("finished_weight", True), ("produced", True)),
    "mo_history": (("quantity", False), ("finished_weight", True), ("produced", True)),
    "batch_line": (("planned", False), ("actual", True)),
    "history_line": (("planned", False), ("actual", True)),
}
#: table -> (check constraint name, condition on float columns, condition on hundredths)
CHECKS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "mo_batch": (("quantity_positive", "quantity_kg > 0", "quantity_kg100 > 0"),),
    "batch_line": (
        ("planned_not_negative", "planned_kg >= 0", "planned_kg100 >= 0"),
        (
            "actual_not_negative",
            "actual_kg IS NULL OR actual_kg >= 0",
            "actual_kg100 IS NULL OR actual_kg100 >= 0",
        ),
    ),
}
CONSUMED_CHECK = ("consumed_not_negative", "consumed_kg100 >= 0")


def _convert(table: str, *, to_hundredths: bool) -> None:
    """Add the new columns, copy the values converted, drop the old columns and checks."""
    old, new = ("_kg", "_kg100") if to_hundredths else ("_kg100", "_kg")
    new_type = sa.BigInteger() if to_hundredths else sa.Float()
    with op.batch_alter_table(table) as batch:
        for name, _nullable in QUANTITIES[table]:
            batch.add_column(sa.Column(f"{name}{new}", new_type, nullable=True))
    copy = ", ".join(
        f"{name}{new} = CAST(ROUND({name}{old} * 100) AS BIGINT)"
        if to_hundredths
        else f"{name}{new} = {name}{old} / 100.0"
        for name, _nullable in QUANTITIES[table]
    )
    op.execute(f"UPDATE {table} SET {copy}")
    with op.batch_alter_table(table) as batch:
        for check, float_sql, int_sql in CHECKS.get(table, ()):
            batch.drop_constraint(op.f(f"ck_{table}_{check}"), type_="check")
            batch.create_check_constraint(check, int_sql if to_hundredths else float_sql)
        for name, nullable in QUANTITIES[table]:
            batch.drop_column(f"{name}{old}")
            batch.alter_column(f"{name}{new}", existing_type=new_type, nullable=nullable)


def upgrade() -> None:
    """Quantities to hundredths, consumed_kg100, consumption, refused_mo."""
    for table in ("mo_batch", "mo_history"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column(
                    "consumption", sa.String(length=16), nullable=False, server_default="warning"
                )
            )
    for table in ("batch_line", "history_line"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("consumed_kg100", sa.BigInteger(), nullable=False, server_default="0")
            )
    for table in QUANTITIES:
        _convert(table, to_hundredths=True)
    with op.batch_alter_table("batch_line") as batch:
        batch.create_check_constraint(*CONSUMED_CHECK)
    op.create_table(
        "refused_mo",
        sa.Column("mo_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mo_name", sa.String(length=128), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("write_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rules_key", sa.String(length=64), nullable=False),
        sa.Column("refused_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("mo_id"),
    )
    op.create_index("ix_refused_mo_refused_at", "refused_mo", ["refused_at"])


def downgrade() -> None:
    """Back to float kg columns; consumed quantities, consumption and refusals are dropped."""
    op.drop_index("ix_refused_mo_refused_at", table_name="refused_mo")
    op.drop_table("refused_mo")
    with op.batch_alter_table("batch_line") as batch:
        batch.drop_constraint(op.f(f"ck_batch_line_{CONSUMED_CHECK[0]}"), type_="check")
    for table in QUANTITIES:
        _convert(table, to_hundredths=False)
    for table in ("batch_line", "history_line"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("consumed_kg100")
    for table in ("mo_batch", "mo_history"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("consumption")
