"""The window's presenter with a fake view and the real engine on both simulators: the
operator's flows are decided without a widget (mu editor's split)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hmi.config import Settings
from hmi.demo import DemoPlant
from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.domain.users import User
from hmi.engine.engine import Engine
from hmi.engine.permissions import Action
from hmi.engine.snapshot import FetchPreview
from hmi.ui.presenter import WindowPresenter, Writers
from hmi.ui.session import UserEdit
from tests.named_users import TEST_PIN, seed_users

pytestmark = pytest.mark.slow


@dataclass
class FakeView:
    """Answers the presenter's questions from scripted lists and records what it was told."""

    pins: list[str | None] = field(default_factory=list)
    identities: list[tuple[str, str] | None] = field(default_factory=list)
    admins: list[tuple[str, str, str] | None] = field(default_factory=list)
    edits: list[UserEdit | None] = field(default_factory=list)
    shown: list[User | None] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)
    confirm: bool = True
    language: str = "en"
    asked: list[str] = field(default_factory=list)
    told: list[tuple[str, Message]] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    previews: list[FetchPreview] = field(default_factory=list)

    async def ask_pin(self, command: str, locked: bool, who: str = "") -> str | None:
        self.asked.append(f"pin:{command}:{who}")
        return self.pins.pop(0)

    async def ask_identity(self, purpose: str, names: tuple[str, ...]) -> tuple[str, str] | None:
        self.asked.append(f"identity:{purpose}:{','.join(names)}")
        return self.identities.pop(0)

    async def ask_first_admin(self) -> tuple[str, str, str] | None:
        self.asked.append("first admin")
        return self.admins.pop(0)

    async def edit_users(self, users: list[User]) -> UserEdit | None:
        self.asked.append("users")
        return self.edits.pop(0)

    def show_user(self, user: User | None) -> None:
        self.shown.append(user)

    async def ask_reason(self, purpose: str) -> str | None:
        self.asked.append(f"reason:{purpose}")
        return self.reasons.pop(0)

    async def confirm_fetch(self, preview: FetchPreview) -> bool:
        self.previews.append(preview)
        return self.confirm

    async def edit_settings(self, settings: Settings, secret_supported: bool) -> Any:
        self.asked.append("settings")
        return None

    async def ask_path(self, kind: str, name: str) -> Path | None:
        return None

    def tell(self, action: str, message: Message) -> None:
        self.told.append((action, message))

    def note(self, level: str, message: Message) -> None:
        self.notes.append(message)

    def settings_applied(self, before: Settings, after: Settings) -> None:
        pass


@pytest.fixture
async def engine() -> AsyncIterator[Engine]:
    """The real engine on the demo's simulators with the test users (tests.named_users);
    no timers."""
    plant = DemoPlant(speed=60.0, orders=12)
    await plant.start()
    runtime = plant.build(Settings(), users=False)
    seed_users(runtime.engine.ctx.store)
    await runtime.engine.start()
    try:
        yield runtime.engine
    finally:
        await runtime.engine.stop()
        await plant.stop()


async def until_running(engine: Engine) -> None:
    for _ in range(300):
        await engine.sync_tick()
        if engine.snapshot().running_slot is not None:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("no batch started")


async def test_fetch_cancel_and_clear_flows(engine: Engine) -> None:
    view = FakeView(confirm=False)
    presenter = WindowPresenter(engine, view)
    assert not await presenter.fetch()  # Cancel in the preview queues nothing
    assert engine.snapshot().batches == ()
    assert view.notes[-1].code == "window.fetch_cancelled"

    view.confirm = True
    assert await presenter.fetch()
    await until_running(engine)
    snapshot = engine.snapshot()
    running = next(b for b in snapshot.batches if b.slot == snapshot.running_slot)
    waiting = next(b for b in snapshot.batches if b.state is BatchState.SENT)

    # refused before any PIN is asked: the reason the button showed greyed
    assert not await presenter.cancel(running.mo_id)
    assert view.asked == []
    assert view.told[-1] == (
        Action.CANCEL.value,
        engine.why_not(Action.CANCEL, mo_id=running.mo_id),
    )
    assert view.told[-1][1].code == "why.cancel_dosing"
    assert not await presenter.clear_queue()
    assert view.told[-1][1].code == "why.queue_on_plc"
    assert view.asked == []

    # nobody signed in: a supervisor approves with name and PIN; a wrong PIN stops the flow
    # before the reason, and the name typed is recorded
    view.identities = [("sup", "0000")]
    assert not await presenter.cancel(waiting.mo_id)
    assert view.asked == ["identity:cancel batch:bot,sup,supervisor"]
    assert view.told[-1][1].code == "users.wrong_pin"
    view.identities, view.reasons = [("sup", TEST_PIN)], ["Material missing"]
    assert await presenter.cancel(waiting.mo_id)
    assert view.asked[-1] == "reason:cancel"
    archived = await engine.history_page(0, 10)
    assert [(b.mo_name, b.reason, b.actor) for b in archived] == [
        (waiting.mo_name, "Material missing", "sup")
    ]


async def test_the_signed_in_user_types_only_their_pin_and_is_recorded(engine: Engine) -> None:
    view = FakeView()
    presenter = WindowPresenter(engine, view)
    view.identities = [("Sup", TEST_PIN)]
    user = await presenter.session.sign_in()
    assert user is not None
    assert view.shown[-1] == user
    assert presenter.actor == "sup"
    await presenter.set_auto_fetch(False)
    view.identities = [None]
    assert not await presenter.settings()  # a supervisor may not: an approver is asked
    assert view.asked[-1].startswith("identity:change settings:")
    await engine.set_auto_fetch(True, presenter.actor)
    entries = await engine.audit_entries(action="auto fetch")
    assert {(e.actor, e.role) for e in entries} == {("sup", "supervisor")}


async def test_idle_sign_out_after_the_configured_time(engine: Engine) -> None:
    view = FakeView()
    presenter = WindowPresenter(engine, view)
    now = [1000.0]
    presenter.session.clock = lambda: now[0]
    view.identities = [("operator", TEST_PIN)]
    await presenter.session.sign_in()
    now[0] += engine.settings.ui.idle_signout_min * 60 - 1
    assert not await presenter.session.check_idle()
    presenter.session.touch()
    now[0] += engine.settings.ui.idle_signout_min * 60 + 1
    assert await presenter.session.check_idle()
    assert presenter.session.user is None
    assert view.shown[-1] is None
    out = (await engine.audit_entries(action="sign out"))[-1]
    assert out.actor == "operator"
    assert "no touch" in out.reason


async def test_an_administrator_adds_a_user_through_the_session(engine: Engine) -> None:
    view = FakeView()
    presenter = WindowPresenter(engine, view)
    view.edits = [UserEdit("add", name="Dewi", role="supervisor", pin="8520", badge="991")]
    view.identities = [("supervisor", TEST_PIN)]
    assert await presenter.session.manage_users(presenter._locked)
    dewi = next(u for u in await engine.users() if u.name == "Dewi")
    assert (dewi.role.value, dewi.badge) == ("supervisor", "991")
    added = (await engine.audit_entries(action="add user"))[-1]
    assert (added.actor, added.target) == ("supervisor", "Dewi")


async def test_records_are_written_off_the_qt_thread(engine: Engine, tmp_path: Path) -> None:
    threads: list[str] = []

    def write(record: Any, path: Path, language: str) -> Path:
        threads.append(threading.current_thread().name)
        path.write_text(json.dumps({"line": record.line_name, "language": language}))
        return path

    view = FakeView(language="id")
    presenter = WindowPresenter(engine, view, writers=Writers(write, write))
    path = await presenter.shift_report(tmp_path / "shift.pdf")
    assert path == tmp_path / "shift.pdf"
    assert json.loads(path.read_text()) == {"line": "Line 1", "language": "id"}
    assert threads
    assert threads[0] != threading.main_thread().name
    assert view.notes[-1].code == "window.file_written"
    missing = await presenter.batch_record(987_654, tmp_path / "none.pdf")
    assert missing is None
    assert view.told[-1][0] == "batch_record"  # told, calmly, in the operator's words


async def test_acknowledge_all_and_settings_need_the_pin(engine: Engine) -> None:
    view = FakeView()
    presenter = WindowPresenter(engine, view)
    assert await presenter.acknowledge_all() == 0
    assert view.told[-1][1].code == "why.nothing_to_ack"
    view.identities = [None]  # the approver cancels the keypad
    assert not await presenter.settings()
    assert view.asked == ["identity:change settings:bot,maint,supervisor"]


async def test_a_first_start_asks_for_the_administrator_first() -> None:
    plant = DemoPlant(speed=60.0, orders=3)
    await plant.start()
    runtime = plant.build(Settings(), users=False)
    engine = runtime.engine
    await engine.start()
    try:
        view = FakeView()
        presenter = WindowPresenter(engine, view)
        view.admins = [("Rina", "1234", ""), ("Rina", "7391", "")]  # a weak PIN is refused
        assert await presenter.session.first_start()
        assert view.told[0][1].code == "users.pin_weak"
        assert presenter.session.user is not None
        assert presenter.session.user.name == "Rina"
        assert await engine.has_administrator()
    finally:
        await engine.stop()
        await plant.stop()
