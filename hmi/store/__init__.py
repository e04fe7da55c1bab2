"""The store: SQLAlchemy models, Alembic migrations and the queue repository with the gate."""

from hmi.store.database import (
    current_revision,
    default_database_url,
    head_revision,
    migrate,
    open_database,
)
from hmi.store.records import ArchivedBatch, AuditEntry, audit_csv
from hmi.store.repository import QueueRepository

__all__ = [
    "ArchivedBatch",
    "AuditEntry",
    "QueueRepository",
    "audit_csv",
    "current_revision",
    "default_database_url",
    "head_revision",
    "migrate",
    "open_database",
]
