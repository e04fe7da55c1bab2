"""Who is signed in on the panel: sign-in, sign-out after the idle time, the first
administrator, approvals of protected commands, and user administration (presenter side, no
widget here; the view is asked through `SessionView`).

A protected command runs with the signed-in user's PIN when their role allows it; otherwise
(nobody signed in, or an operator) a user whose role allows it approves it with their own
name or badge and PIN. Either way the engine checks the PIN and the role (hmi.engine.roles)
and records that user by name.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from hmi.domain.errors import HmiError
from hmi.domain.messages import Message, msg
from hmi.domain.roles import AccessDenied, Command, Role
from hmi.domain.users import User
from hmi.engine.roles import SupervisorToken

#: What the audit records for an unprotected action while nobody is signed in.
NOT_SIGNED_IN = "operator"
#: A protected command may run: (approved, the approval to pass to the engine).
Approval = tuple[bool, SupervisorToken | None]


@dataclass(frozen=True)
class UserEdit:
    """One change the user administration asks for: add a user, or change one."""

    kind: str  # "add" | "role" | "badge" | "pin" | "active"
    user: User | None = None
    name: str = ""
    role: str = ""
    badge: str = ""
    pin: str = ""
    active: bool = True


class SessionView(Protocol):
    """What the session needs from the window (a fake one in tests)."""

    def ask_pin(self, command: str, locked: bool, who: str = "") -> Awaitable[str | None]:
        """The PIN of `who` for `command` on the keypad, or None when cancelled."""
        ...

    def ask_identity(
        self, purpose: str, names: tuple[str, ...]
    ) -> Awaitable[tuple[str, str] | None]:
        """(name or badge, PIN) of a user (`names`: who may, as taps), or None."""
        ...

    def ask_first_admin(self) -> Awaitable[tuple[str, str, str] | None]:
        """(name, PIN, badge) of the first administrator, or None."""
        ...

    def edit_users(self, users: list[User]) -> Awaitable[UserEdit | None]:
        """One change to the users, or None."""
        ...

    def show_user(self, user: User | None) -> None:
        """Show who is signed in (the header)."""

    def tell(self, action: str, message: Message) -> None:
        """Show that `action` did not happen, and why."""

    def note(self, level: str, message: Message) -> None:
        """One line in the log console."""


class SessionEngine(Protocol):
    """The engine's user commands (hmi.engine.engine.Engine)."""

    async def has_administrator(self) -> bool: ...
    async def create_first_administrator(self, name: str, pin: str, badge: str = "") -> User: ...
    async def sign_in(self, identity: str, pin: str) -> User: ...
    async def sign_out(self, user: User, reason: str) -> None: ...
    async def users(self) -> list[User]: ...
    async def verify_supervisor(self, pin: str, command: str, actor: str) -> SupervisorToken: ...
    async def add_user(
        self, name: str, role: str, pin: str, badge: str, actor: str, *, approval: Any = None
    ) -> User: ...
    async def change_user(
        self, user_id: int, actor: str, *, approval: Any = None, **changes: Any
    ) -> User: ...


class Session:
    """The panel's signed-in user and the idle clock."""

    def __init__(
        self,
        engine: SessionEngine,
        view: SessionView,
        idle_min: Callable[[], float],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.view = view
        self.idle_min = idle_min
        self.clock = clock
        self.user: User | None = None
        self.last_touch = clock()

    @property
    def actor(self) -> str:
        """Who an unprotected action is recorded for: the signed-in user, else 'operator'."""
        return self.user.name if self.user is not None else NOT_SIGNED_IN

    def touch(self) -> None:
        """The panel was used: the idle time starts again."""
        self.last_touch = self.clock()

    async def check_idle(self) -> bool:
        """Sign the user out after the idle time; True when it did."""
        if self.user is None:
            return False
        minutes = self.idle_min()
        if self.clock() - self.last_touch < minutes * 60.0:
            return False
        await self.sign_out(msg("users.idle", minutes=round(minutes, 1)))
        return True

    async def _run(self, action: str, job: Awaitable[Any]) -> Any:
        try:
            return await job
        except HmiError as exc:
            self.view.tell(action, exc.message)
            return None

    async def first_start(self) -> bool:
        """Ask for the first administrator while there is none; True once one exists."""
        if await self._run("users", self.engine.has_administrator()):
            return True
        while True:
            answer = await self.view.ask_first_admin()
            if answer is None:
                self.view.note("WARNING", msg("users.no_administrator"))
                return False
            name, pin, badge = answer
            user = await self._run(
                "users", self.engine.create_first_administrator(name, pin, badge)
            )
            if user is not None:
                self.user = user
                self.touch()
                self.view.show_user(user)
                return True

    async def sign_in(self) -> User | None:
        """Ask for a name or badge and a PIN; the user is signed in on the panel."""
        users = await self._run("users", self.engine.users()) or []
        names = tuple(u.name for u in users if u.active)
        answer = await self.view.ask_identity("sign in", names)
        if answer is None:
            return None
        user = await self._run("pin", self.engine.sign_in(*answer))
        if user is not None:
            if self.user is not None and self.user.id != user.id:
                await self._run("users", self.engine.sign_out(self.user, "another user signed in"))
            self.user = user
            self.touch()
            self.view.show_user(user)
        return user

    async def sign_out(self, why: Message | None = None) -> None:
        """The signed-in user leaves the panel (by hand, or after the idle time)."""
        user, self.user = self.user, None
        self.view.show_user(None)
        if user is not None:
            reason = str(why or msg("users.by_hand"))
            await self._run("users", self.engine.sign_out(user, reason))

    async def approve(self, command: Command, locked: Callable[[str], Awaitable[bool]]) -> Approval:
        """The PIN of the signed-in user when their role allows `command`, else the name and
        PIN of a user whose role does; checked by the engine (lockout included)."""
        user = self.user
        self.touch()
        if user is not None and user.may(command):
            pin = await self.view.ask_pin(command.value, await locked(user.name), who=user.name)
            if pin is None:
                return False, None
            identity = user.name
        else:
            users = await self._run("users", self.engine.users()) or []
            names = tuple(u.name for u in users if u.may(command))
            answer = await self.view.ask_identity(command.value, names)
            if answer is None:
                return False, None
            identity, pin = answer
        try:
            token = await self.engine.verify_supervisor(pin, command.value, identity)
        except AccessDenied as exc:
            self.view.tell("pin", exc.message)
            return False, None
        return True, token

    async def manage_users(self, locked: Callable[[str], Awaitable[bool]]) -> bool:
        """Administrator: one change to the users (each approved with the PIN, audited)."""
        users = await self._run("users", self.engine.users())
        if users is None:
            return False
        edit = await self.view.edit_users(users)
        if edit is None:
            return False
        approved, token = await self.approve(Command.MANAGE_USERS, locked)
        if not approved or token is None or token.user is None:
            return False
        admin = token.user.name
        if edit.kind == "add":
            job = self.engine.add_user(
                edit.name, edit.role, edit.pin, edit.badge, admin, approval=token
            )
        else:
            assert edit.user is not None
            by_kind: dict[str, dict[str, Any]] = {
                "role": {"role": edit.role},
                "badge": {"badge": edit.badge},
                "pin": {"new_pin": edit.pin},
                "active": {"active": edit.active},
            }
            changes = by_kind[edit.kind]
            job = self.engine.change_user(edit.user.id, admin, approval=token, **changes)
        done = await self._run("users", job)
        if done is not None and self.user is not None and done.id == self.user.id:
            self.user = done
            self.view.show_user(done)
        return done is not None


ROLE_CHOICES = tuple(role.value for role in Role)
