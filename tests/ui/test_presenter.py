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

from hmi.config import Settings, with_section
from hmi.demo import DemoPlant
from hmi.domain.messages import Message
from hmi.domain.pin import hash_pin
from hmi.domain.states import BatchState
from hmi.engine.engine import Engine
from hmi.engine.permissions import Action
from hmi.engine.snapshot import FetchPreview
from hmi.ui.presenter import WindowPresenter, Writers

pytestmark = pytest.mark.slow


@dataclass
class FakeView:
    """Answers the presenter's questions from scripted lists and records what it was told."""

    pins: list[str | None] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)
    confirm: bool = True
    language: str = "en"
    asked: list[str] = field(default_factory=list)
    told: list[tuple[str, Message]] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    previews: list[FetchPreview] = field(default_factory=list)

    async def ask_pin(self, command: str, locked: bool) -> str | None:
        self.asked.append(f"pin:{command}")
        return self.pins.pop(0)

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
    """The real engine on the demo's simulators, a supervisor PIN 4711 set; no timers."""
    plant = DemoPlant(speed=60.0, orders=12)
    await plant.start()
    base = with_section(Settings(), "ui", supervisor_pin_hash=hash_pin("4711", 1000))
    runtime = plant.build(base)
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

    # a wrong PIN stops the flow before the reason; the right one, then a reason, cancels
    view.pins = ["0000"]
    assert not await presenter.cancel(waiting.mo_id)
    assert view.asked == ["pin:cancel batch"]
    assert "Wrong supervisor PIN" in str(view.told[-1][1])
    view.pins, view.reasons = ["4711"], ["Material missing"]
    assert await presenter.cancel(waiting.mo_id)
    assert view.asked[-2:] == ["pin:cancel batch", "reason:cancel"]
    archived = await engine.history_page(0, 10)
    assert [(b.mo_name, b.reason) for b in archived] == [(waiting.mo_name, "Material missing")]


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
    view.pins = [None]  # the supervisor cancels the keypad
    assert not await presenter.settings()
    assert view.asked == ["pin:change settings"]
