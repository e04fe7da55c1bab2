"""Who may run a protected command: named users, their role, their PIN, a lockout per user.

A protected command runs for a named user whose role allows it (`hmi.domain.roles`
PERMISSIONS) and who proved it with their own PIN now, or with a one-time approval from
`verify` (the PIN pad before the reason, TOKEN_TTL_S). Until the first administrator exists,
no protected command runs at all (a first start asks for one; no open window). A wrong PIN
is audited with the name that was typed and no role (nobody is proven), counted against
that user, and locks the user's PIN after `[alarms] pin_max_failures`. PINs are verified
with argon2id in a worker thread (`hmi.engine.pin_hash`); no hash leaves the store.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from hmi.domain.audit import UNVERIFIED, AuditNote
from hmi.domain.links import utcnow
from hmi.domain.messages import Message, msg
from hmi.domain.roles import (
    AccessDenied,
    LockoutPolicy,
    PinAttempts,
    command_message,
    lockout_message,
    roles_for,
)
from hmi.domain.users import User, typed_identity
from hmi.engine.clock_steps import pin_lockout
from hmi.engine.context import EngineContext
from hmi.engine.pin_hash import check_pin, hash_pin, needs_rehash

TOKEN_TTL_S = 600.0
#: What the audit trail calls a PIN check that is not a command of its own.
SIGN_IN = "sign in"


@dataclass(frozen=True)
class SupervisorToken:
    """Proof that `user` entered their PIN for `command`: single use, expires after
    TOKEN_TTL_S (the name stays for the callers that knew it as the supervisor's)."""

    value: str
    command: str
    expires_at: datetime
    user: User | None = None


Approval = SupervisorToken


def lock_key(user: User) -> str:
    """The lockout record of one user (kept in the store, survives a restart)."""
    return f"user:{user.id}"


def role_words(command: str) -> str:
    """'supervisor or administrator': who may run a command."""
    try:
        return " / ".join(role.value for role in roles_for(command))
    except ValueError:
        return "-"


class Roles:
    """Checks named users and their PINs for the engine's protected commands."""

    def __init__(self, ctx: EngineContext) -> None:
        self.ctx = ctx
        self._tokens: dict[str, SupervisorToken] = {}

    def policy(self) -> LockoutPolicy:
        """The lockout policy from the settings."""
        alarms = self.ctx.settings.alarms
        return LockoutPolicy(alarms.pin_max_failures, alarms.pin_lockout_min * 60.0)

    async def has_administrator(self) -> bool:
        """True once the first administrator exists (before that nothing protected runs)."""
        return bool(await self.ctx.db.call(self.ctx.store.administrator_count))

    async def identify(self, identity: str, pin: str, command: str) -> User:
        """The user named (or badged) `identity` whose PIN `pin` is right now; a wrong one is
        counted, audited with the name typed, and refused (locked after too many)."""
        ctx = self.ctx
        typed = typed_identity(identity) or "-"
        if not await self.has_administrator():
            raise AccessDenied(msg("users.no_administrator"))
        user = await ctx.db.call(ctx.store.find_user, typed)
        if user is None or not user.active:
            await self._audit_refusal(typed, command, msg("users.unknown", name=typed))
            raise AccessDenied(msg("users.unknown", name=typed))
        now = utcnow()
        attempts = await ctx.db.call(ctx.store.pin_attempts, lock_key(user))
        attempts = ctx.deadlines.lockout(  # as it holds now, whatever the clock did (issue 11)
            attempts, now, self.policy().lock_s, pin_lockout(lock_key(user))
        )
        if attempts.locked(now):
            message = lockout_message(attempts, now, user.name)
            await ctx.db.call(
                ctx.store.write_audit,
                AuditNote(typed, "", "pin locked", command, reason=str(message)),
            )
            raise AccessDenied(message)
        stored = await ctx.db.call(ctx.store.pin_hash_of, user.id)
        ok = isinstance(pin, str) and await asyncio.to_thread(check_pin, pin, stored)
        if not ok:
            await self._refuse(user, typed, command, now)
        await ctx.db.call(ctx.store.reset_pin_failures, lock_key(user))
        if needs_rehash(stored):
            fresh = await asyncio.to_thread(hash_pin, pin)
            await ctx.db.call(ctx.store.update_user, user.id, pin_hash=fresh)
        return user

    async def _audit_refusal(self, typed: str, command: str, why: Message) -> None:
        """Audit a refused identification with the name typed and no role."""
        note = AuditNote(typed[:64], UNVERIFIED, "pin refused", command, reason=str(why))
        await self.ctx.db.call(self.ctx.store.write_audit, note)
        self.ctx.event("WARNING", "operator", why)

    async def _refuse(self, user: User, typed: str, command: str, now: datetime) -> None:
        """Count the wrong PIN, audit it with the name typed, and raise AccessDenied."""
        ctx = self.ctx
        policy = self.policy()
        state: PinAttempts = await ctx.db.call(ctx.store.record_pin_failure, policy, lock_key(user))
        if state.locked(now) and state.locked_until is not None:
            ctx.deadlines.set(pin_lockout(lock_key(user)), state.locked_until, policy.lock_s)
            message = lockout_message(state, now, user.name)
        else:
            message = msg(
                "users.wrong_pin",
                name=user.name,
                command=command_message(command),
                left=state.left(policy),
            )
        await self._audit_refusal(typed, command, message)
        raise AccessDenied(message)

    def _allowed(self, user: User, command: str) -> None:
        """Refuse a user whose role may not run `command`, saying who may."""
        if not user.may(command):
            raise AccessDenied(
                msg(
                    "users.not_allowed",
                    name=user.name,
                    role=user.role.value,
                    command=command_message(command),
                    roles=role_words(command),
                )
            )

    async def verify(self, pin: str, command: str, actor: str) -> SupervisorToken:
        """Check `actor`'s PIN now (lockout counted) and that the role may run `command`; a
        one-time approval for that user and command."""
        user = await self.identify(actor, pin, command)
        self._allowed(user, command)
        now = utcnow()
        self._tokens = {k: t for k, t in self._tokens.items() if t.expires_at > now}
        token = SupervisorToken(
            secrets.token_hex(16), command, now + timedelta(seconds=TOKEN_TTL_S), user
        )
        self._tokens[token.value] = token
        return token

    async def require(self, pin: str | SupervisorToken | None, command: str, actor: str) -> User:
        """The named user who runs `command`: `actor` with their PIN, or the user of a live,
        unused approval for this command. AccessDenied says why not."""
        if not await self.has_administrator():
            raise AccessDenied(msg("users.no_administrator"))
        if isinstance(pin, SupervisorToken):
            token = self._tokens.pop(pin.value, None)
            if token is None or token.expires_at <= utcnow() or token.command != command:
                raise AccessDenied(msg("users.approval_expired", command=command_message(command)))
            assert token.user is not None
            current = await self.ctx.db.call(self.ctx.store.find_user, token.user.name)
            if current is None or not current.active:
                raise AccessDenied(msg("users.unknown", name=token.user.name))
            self._allowed(current, command)
            return current
        if not pin:
            raise AccessDenied(
                msg("users.pin_needed", command=command_message(command), roles=role_words(command))
            )
        user = await self.identify(actor, pin, command)
        self._allowed(user, command)
        return user

    async def sign_in(self, identity: str, pin: str) -> User:
        """Sign a user in on the panel (name or badge, and PIN); audited."""
        user = await self.identify(identity, pin, SIGN_IN)
        note = AuditNote(user.name, user.role.value, SIGN_IN, "panel", after=self.ctx.owner)
        await self.ctx.db.call(self.ctx.store.write_audit, note)
        self.ctx.event("INFO", "operator", msg("users.signed_in", name=user.label))
        return user

    async def sign_out(self, user: User, reason: str) -> None:
        """Record that a user left the panel (by hand, or signed out after the idle time)."""
        note = AuditNote(user.name, user.role.value, "sign out", "panel", reason=reason)
        await self.ctx.db.call(self.ctx.store.write_audit, note)
        self.ctx.event("INFO", "operator", msg("users.signed_out", name=user.label, why=reason))
