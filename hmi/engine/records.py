"""Read-only records the engine hands to the window: archived batches and audit entries.

The store defines them (`hmi.store.records`); the window takes them from here, so it
depends on the engine only (DESIGN §2: the UI talks only to the engine).
"""

from hmi.store.records import ArchivedBatch, AuditEntry

__all__ = ["ArchivedBatch", "AuditEntry"]
