"""Supervisor checks for protected commands: PIN verified off the loop, lockout persisted.

Without a supervisor PIN configured (a fresh installation, before commissioning) the
protected commands are open; once a PIN is set, each needs the PIN or a one-time token
issued by `verify` within the last `TOKEN_TTL_S` seconds.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.pin import verify_pin
from hmi.domain.roles import AccessDenied, LockoutPolicy, command_message, lockout_message
from hmi.engine.context import EngineContext

TOKEN_TTL_S = 600.0


@dataclass(frozen=True)
class SupervisorToken:
    """Proof that the supervisor PIN was entered: single use, expires after TOKEN_TTL_S."""

    value: str
    command: str
    expires_at: datetime


class Roles:
    """Checks the supervisor PIN for the engine's protected commands."""

    def __init__(self, ctx: EngineContext) -> None:
        self.ctx = ctx
        self._tokens: dict[str, SupervisorToken] = {}

    @property
    def pin_set(self) -> bool:
        """True once a supervisor PIN is configured."""
        return bool(self.ctx.settings.ui.supervisor_pin_hash)

    def policy(self) -> LockoutPolicy:
        """The lockout policy from the settings."""
        alarms = self.ctx.settings.alarms
        return LockoutPolicy(alarms.pin_max_failures, alarms.pin_lockout_min * 60.0)

    async def verify(self, pin: str, command: str, actor: str) -> SupervisorToken:
        """Check the PIN (refused while locked out); a right PIN gives a one-time token."""
        ctx = self.ctx
        now = utcnow()
        if self.pin_set:
            attempts = await ctx.db.call(ctx.store.pin_attempts)
            if attempts.locked(now):
                message = lockout_message(attempts, now)
                await ctx.db.call(
                    ctx.store.audit, actor, "pin locked", command, reason=str(message)
                )
                raise AccessDenied(message)
            stored = ctx.settings.ui.supervisor_pin_hash
            ok = isinstance(pin, str) and await asyncio.to_thread(verify_pin, pin, stored)
            if not ok:
                await self._refuse(command, actor, now)
            await ctx.db.call(ctx.store.reset_pin_failures)
        self._tokens = {k: t for k, t in self._tokens.items() if t.expires_at > now}
        token = SupervisorToken(
            secrets.token_hex(16), command, now + timedelta(seconds=TOKEN_TTL_S)
        )
        self._tokens[token.value] = token
        return token

    async def _refuse(self, command: str, actor: str, now: datetime) -> None:
        """Count the wrong PIN, audit it, and raise AccessDenied (with the lockout if reached)."""
        ctx = self.ctx
        policy = self.policy()
        state = await ctx.db.call(ctx.store.record_pin_failure, policy)
        if state.locked(now):
            message = lockout_message(state, now)
        else:
            message = msg("pin.wrong", command=command_message(command), left=state.left(policy))
        await ctx.db.call(ctx.store.audit, actor, "pin refused", command, reason=str(message))
        ctx.event("WARNING", "operator", message)
        raise AccessDenied(message)

    async def require(self, pin: str | SupervisorToken | None, command: str, actor: str) -> None:
        """Pass if no PIN is configured, the PIN is right, or the token is live and unused."""
        if not self.pin_set:
            return
        if isinstance(pin, SupervisorToken):
            token = self._tokens.pop(pin.value, None)
            if token is None or token.expires_at <= utcnow() or token.command != command:
                raise AccessDenied(msg("pin.approval_expired", command=command_message(command)))
            return
        if pin is None or not pin:
            raise AccessDenied(msg("pin.needed", command=command_message(command)))
        await self.verify(pin, command, actor)
