"""Named users (part of QueueRepository): names, roles, badges and PIN hashes.

A PIN hash is read only by `pin_hash_of`, for the engine to verify a PIN it was given; no
other method returns it, and no record the store hands out carries it.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.roles import Role
from hmi.domain.users import User, check_badge, check_role, check_user_name, typed_identity
from hmi.store.base import RepositoryBase
from hmi.store.checks import check_id, check_text
from hmi.store.models import ACTOR_LEN, UserRow

PIN_HASH_LEN = 255


def to_user(row: UserRow) -> User:
    """A domain User (without its PIN hash) from a user row."""
    return User(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        badge=row.badge or "",
        active=bool(row.active),
        created_at=row.created_at,
        created_by=row.created_by,
        pin_set_at=row.pin_set_at,
    )


def _check_hash(pin_hash: str) -> str:
    if not isinstance(pin_hash, str) or not pin_hash.strip() or len(pin_hash) > PIN_HASH_LEN:
        raise ValidationError(msg("users.pin_hash_invalid"))
    return pin_hash


class UserStore(RepositoryBase):
    """Adds, changes and finds named users."""

    def users(self) -> list[User]:
        """Every user, active ones first, by name."""
        query = select(UserRow).order_by(UserRow.active.desc(), UserRow.name_key)
        with self._read() as session:
            return [to_user(row) for row in session.scalars(query)]

    def administrator_count(self) -> int:
        """How many active administrators there are (0 on a first start)."""
        query = select(func.count()).where(
            UserRow.role == Role.ADMINISTRATOR.value, UserRow.active.is_(True)
        )
        with self._read() as session:
            return int(session.scalar(query) or 0)

    def find_user(self, identity: str) -> User | None:
        """The user whose name (any case) or badge number is `identity`, or None."""
        typed = typed_identity(identity)
        if not typed:
            return None
        with self._read() as session:
            row = session.scalars(
                select(UserRow).where(UserRow.name_key == typed.casefold())
            ).one_or_none()
            if row is None:
                try:
                    badge = check_badge(typed)
                except ValidationError:
                    return None
                if badge:
                    row = session.scalars(
                        select(UserRow).where(UserRow.badge == badge)
                    ).one_or_none()
            return None if row is None else to_user(row)

    def pin_hash_of(self, user_id: int) -> str:
        """The stored PIN hash of one user, for verifying a PIN (never shown or logged)."""
        check_id("user id", user_id)
        with self._read() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise ValidationError(msg("users.unknown_id", user_id=user_id))
            return row.pin_hash

    def add_user(
        self, name: str, role: Role | str, pin_hash: str, *, badge: str = "", created_by: str
    ) -> User:
        """Add a user; a name or badge another user has is refused, naming it."""
        who = check_user_name(name)
        what = check_role(role)
        card = check_badge(badge)
        check_text("created by", created_by, ACTOR_LEN, required=True)
        now = utcnow()
        with self._write() as session:
            self._refuse_taken(session, who, card, None)
            row = UserRow(
                name=who,
                name_key=who.casefold(),
                role=what.value,
                badge=card or None,
                pin_hash=_check_hash(pin_hash),
                active=True,
                created_at=now,
                created_by=created_by,
                pin_set_at=now,
            )
            session.add(row)
            session.flush()
            return to_user(row)

    def update_user(
        self,
        user_id: int,
        *,
        role: Role | str | None = None,
        badge: str | None = None,
        active: bool | None = None,
        pin_hash: str | None = None,
    ) -> User:
        """Change a user's role, badge, active flag or PIN hash; the last active administrator
        cannot be demoted or deactivated (nobody could manage users then)."""
        check_id("user id", user_id)
        with self._write() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise ValidationError(msg("users.unknown_id", user_id=user_id))
            new_role = check_role(role).value if role is not None else row.role
            new_active = bool(active) if active is not None else bool(row.active)
            losing = row.role == Role.ADMINISTRATOR.value and row.active
            if losing and (new_role != Role.ADMINISTRATOR.value or not new_active):
                others = session.scalar(
                    select(func.count()).where(
                        UserRow.role == Role.ADMINISTRATOR.value,
                        UserRow.active.is_(True),
                        UserRow.id != user_id,
                    )
                )
                if not others:
                    raise ValidationError(msg("users.last_administrator", name=row.name))
            if badge is not None:
                card = check_badge(badge)
                self._refuse_taken(session, None, card, user_id)
                row.badge = card or None
            if pin_hash is not None:
                row.pin_hash = _check_hash(pin_hash)
                row.pin_set_at = utcnow()
            row.role, row.active = new_role, new_active
            session.flush()
            return to_user(row)

    @staticmethod
    def _refuse_taken(session: Session, name: str | None, badge: str, user_id: int | None) -> None:
        """Refuse a name or badge that another user already has."""
        if name is not None:
            taken = session.scalars(
                select(UserRow).where(UserRow.name_key == name.casefold())
            ).first()
            if taken is not None and taken.id != user_id:
                raise ValidationError(msg("users.name_taken", name=name))
        if badge:
            holder = session.scalars(select(UserRow).where(UserRow.badge == badge)).first()
            if holder is not None and holder.id != user_id:
                raise ValidationError(msg("users.badge_taken", badge=badge, name=holder.name))
