"""Sessions shared by the store's repositories: short reads, and writes that lock first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hmi.domain.errors import ValidationError
from hmi.store.database import write_engine


class RepositoryBase:
    """A reader and a writer session factory over one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        if not isinstance(engine, Engine):
            raise ValidationError(f"QueueRepository needs a SQLAlchemy Engine, not {engine!r}")
        self._dialect = engine.dialect.name
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(write_engine(engine), expire_on_commit=False)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """A short read-only session (a deferred transaction, rolled back at the end)."""
        with self._reader() as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction holding the write lock from its start; committed on success."""
        try:
            with self._writer.begin() as session:
                yield session
                session.flush()
        except IntegrityError as exc:
            detail = str(exc.orig or exc).splitlines()[0]
            raise ValidationError(f"the database refused the change: {detail}") from exc
