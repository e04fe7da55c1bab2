"""Managing named users: the first administrator, adding and changing users, own PINs, and
the upgrade from the previous version's single supervisor PIN.

Every change is audited in the same transaction (`store.audited`); a PIN is hashed with
argon2id off the event loop and appears in the audit only as "(set)".

Upgrading: an installation whose settings hold a supervisor PIN hash (`[ui]
supervisor_pin_hash`) and that has no administrator yet gets a user "Supervisor" with the
role administrator and that very hash, so the PIN the plant knows keeps working (it is
re-hashed with argon2id at its first use); the hash is then removed from the settings file.
That administrator names the real users and should then deactivate "Supervisor".
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

from hmi.config import save_settings
from hmi.domain.audit import AUTOMATIC_ROLE, AuditNote
from hmi.domain.errors import ConfigError, ValidationError
from hmi.domain.messages import msg
from hmi.domain.pin import check_pin_format, weak_pin
from hmi.domain.roles import AccessDenied, Command, Role
from hmi.domain.users import AUTOMATIC, User, check_badge, check_role, check_user_name
from hmi.engine.pin_hash import hash_pin

if TYPE_CHECKING:
    from hmi.engine.engine import Engine, Pin

LEGACY_NAME = "Supervisor"


def check_new_pin(pin: str) -> str:
    """A new PIN: 4 to 8 digits, not one digit repeated nor a plain run (1234, 9876)."""
    try:
        check_pin_format(pin)
    except ValidationError:
        raise ValidationError(msg("users.pin_format")) from None
    if weak_pin(pin):
        raise ValidationError(msg("users.pin_weak"))
    return pin


async def create_first_administrator(engine: Engine, name: str, pin: str, badge: str = "") -> User:
    """The first administrator of an installation (refused once one exists)."""
    ctx = engine.ctx
    who = check_user_name(name)
    card = check_badge(badge)
    check_new_pin(pin)
    if await engine.roles.has_administrator():
        raise AccessDenied(msg("users.administrator_exists"))
    hashed = await asyncio.to_thread(hash_pin, pin)
    note = AuditNote(
        who,
        Role.ADMINISTRATOR.value,
        "create first administrator",
        who,
        "",
        _describe(Role.ADMINISTRATOR, card),
    )
    user: User = await ctx.db.call(
        ctx.store.audited,
        note,
        ctx.store.add_user,
        who,
        Role.ADMINISTRATOR,
        hashed,
        badge=card,
        created_by=who,
    )
    ctx.event("WARNING", "operator", msg("users.first_administrator", name=user.name))
    return user


async def add_user(
    engine: Engine, name: str, role: Role | str, pin: str, badge: str, actor: str, approval: Pin
) -> User:
    """Administrator: add a named user with a role and a first PIN."""
    ctx = engine.ctx
    who, what, card = check_user_name(name), check_role(role), check_badge(badge)
    check_new_pin(pin)
    admin = await engine.roles.require(approval, Command.MANAGE_USERS, actor)
    hashed = await asyncio.to_thread(hash_pin, pin)
    note = AuditNote(admin.name, admin.role.value, "add user", who, "", _describe(what, card))
    user: User = await ctx.db.call(
        ctx.store.audited,
        note,
        ctx.store.add_user,
        who,
        what,
        hashed,
        badge=card,
        created_by=admin.name,
    )
    ctx.event("INFO", "operator", msg("users.added", name=user.label, by=admin.name))
    return user


async def change_user(
    engine: Engine,
    user_id: int,
    actor: str,
    approval: Pin,
    *,
    role: Role | str | None = None,
    badge: str | None = None,
    active: bool | None = None,
    new_pin: str | None = None,
) -> User:
    """Administrator: change a user's role, badge, active flag, or set a new PIN."""
    ctx = engine.ctx
    what = check_role(role) if role is not None else None
    card = check_badge(badge) if badge is not None else None
    if new_pin is not None:
        check_new_pin(new_pin)
    admin = await engine.roles.require(approval, Command.MANAGE_USERS, actor)
    before = next((u for u in await ctx.db.call(ctx.store.users) if u.id == user_id), None)
    if before is None:
        raise ValidationError(msg("users.unknown_id", user_id=user_id))
    hashed = await asyncio.to_thread(hash_pin, new_pin) if new_pin is not None else None
    after_role = what or before.role
    after_badge = card if card is not None else before.badge
    after_active = before.active if active is None else active
    note = AuditNote(
        admin.name,
        admin.role.value,
        "change user",
        before.name,
        _describe(before.role, before.badge, before.active),
        _describe(after_role, after_badge, after_active) + ("; PIN (set)" if hashed else ""),
    )
    user: User = await ctx.db.call(
        ctx.store.audited,
        note,
        ctx.store.update_user,
        user_id,
        role=what,
        badge=card,
        active=active,
        pin_hash=hashed,
    )
    ctx.event("INFO", "operator", msg("users.changed", name=user.label, by=admin.name))
    return user


async def change_own_pin(engine: Engine, identity: str, old_pin: str, new_pin: str) -> User:
    """A user sets a new PIN of their own (the old one proves who they are)."""
    ctx = engine.ctx
    check_new_pin(new_pin)
    user = await engine.roles.identify(identity, old_pin, "change own PIN")
    hashed = await asyncio.to_thread(hash_pin, new_pin)
    note = AuditNote(user.name, user.role.value, "change own PIN", user.name, "(set)", "(set)")
    await ctx.db.call(ctx.store.audited, note, ctx.store.update_user, user.id, pin_hash=hashed)
    ctx.event("INFO", "operator", msg("users.pin_changed", name=user.name))
    return user


async def migrate_supervisor_pin(engine: Engine) -> User | None:
    """Start-up: turn the previous version's supervisor PIN into the administrator
    "Supervisor" (see the module's docstring); None when there is nothing to migrate."""
    ctx = engine.ctx
    legacy = ctx.settings.ui.supervisor_pin_hash
    if not legacy or await engine.roles.has_administrator():
        return None
    existing = await ctx.db.call(ctx.store.find_user, LEGACY_NAME)
    name = LEGACY_NAME if existing is None else f"{LEGACY_NAME} {existing.id + 1}"
    note = AuditNote(
        AUTOMATIC,
        AUTOMATIC_ROLE,
        "migrate supervisor PIN",
        name,
        "settings [ui] supervisor_pin_hash (set)",
        _describe(Role.ADMINISTRATOR, ""),
    )
    user: User = await ctx.db.call(
        ctx.store.audited,
        note,
        ctx.store.add_user,
        name,
        Role.ADMINISTRATOR,
        legacy,
        created_by=AUTOMATIC,
    )
    ctx.settings = replace(ctx.settings, ui=replace(ctx.settings.ui, supervisor_pin_hash=""))
    if engine.settings_path is not None:
        try:
            await ctx.db.call(save_settings, ctx.settings, engine.settings_path)
        except (ConfigError, OSError) as exc:
            ctx.event("WARNING", "engine", msg("users.migrate_not_saved", error=str(exc)))
    ctx.event("WARNING", "engine", msg("users.migrated", name=user.name))
    return user


def _describe(role: Role, badge: str, active: bool = True) -> str:
    """'role supervisor, badge 0042, active' for the audit (never a PIN)."""
    parts = [f"role {role.value}", f"badge {badge}" if badge else "no badge"]
    parts.append("active" if active else "inactive")
    return ", ".join(parts)
