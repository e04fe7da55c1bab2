"""Sessions shared by the store's repositories: short reads, writes that lock first, and one
transaction around several writes (`atomic`: a change and the audit entry that records it)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hmi.domain.errors import ValidationError
from hmi.store.database import write_engine

T = TypeVar("T")


class RepositoryBase:
    """A reader and a writer session factory over one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        if not isinstance(engine, Engine):
            raise ValidationError(f"QueueRepository needs a SQLAlchemy Engine, not {engine!r}")
        self._dialect = engine.dialect.name
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(write_engine(engine), expire_on_commit=False)
        self._local = threading.local()  # the session of an `atomic` block, per thread

    def _open(self) -> Session | None:
        """The write session of the `atomic` block this thread is in, or None."""
        return getattr(self._local, "session", None)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        """A short read-only session (a deferred transaction, rolled back at the end); inside an
        `atomic` block, that block's session (so it sees the block's own writes)."""
        open_session = self._open()
        if open_session is not None:
            yield open_session
            return
        with self._reader() as session:
            yield session

    def atomic(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `work(*args, **kwargs)` — calls of this store's methods — in ONE write
        transaction: all of it is committed, or (on any error) none of it."""
        if self._open() is not None:
            return work(*args, **kwargs)
        with self._write() as session:
            self._local.session = session
            try:
                return work(*args, **kwargs)
            finally:
                self._local.session = None

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction holding the write lock from its start; committed on success.
        Inside an `atomic` block it is that block's transaction (flushed, not committed)."""
        open_session = self._open()
        if open_session is not None:
            yield open_session
            open_session.flush()
            return
        try:
            with self._writer.begin() as session:
                yield session
                session.flush()
        except IntegrityError as exc:
            detail = str(exc.orig or exc).splitlines()[0]
            raise ValidationError(f"the database refused the change: {detail}") from exc
