"""Before the window: a second `hmi` on a queue says why it will not run, in a dialog (issue
11, stall 9); a standby panel says which panel runs its line.

The whole windowed start runs in this process (`hmi.app.run_mode` on a qasync loop, offscreen):
the queue's lock is held by the test as another HMI would hold it, the dialog must appear
without blocking the loop, name the lock and its holder, and closing it ends the start with
exit code 3, having opened no PLC connection.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from hmi.app import build_parser, run_mode
from hmi.config import OdooSettings, PlcSettings, Settings, dump_settings
from hmi.store.database import migrate, open_database
from hmi.store.instance_lock import ALREADY_RUNNING_EXIT, InstanceLock, holder
from hmi.ui.main_window import MainWindow
from hmi.ui.standby_view import StandbyView
from hmi.ui.touch import TextDialog


@pytest.fixture
def signals() -> Iterator[None]:
    """run_mode installs SIGINT/SIGTERM handlers for the panel: give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def settings_file(folder: Path, url: str = "") -> tuple[Path, str]:
    """A panel's settings file on a queue (default: SQLite in `folder`); (its path, the URL)."""
    url = url or f"sqlite:///{folder / 'hmi.sqlite'}"
    settings = Settings(
        plc=PlcSettings(host="127.0.0.1", port=1, timeout_s=0.5),
        odoo=OdooSettings(keyring_backend="file", keyring_file=str(folder / "keyring.cfg")),
        database_url=url,
    )
    path = folder / "settings.toml"
    path.write_text(dump_settings(settings), encoding="utf-8")
    return path, url


async def refusal_box(timeout: float = 20.0) -> TextDialog:
    """The refusal dialog once it is shown (the loop keeps running meanwhile)."""
    for _ in range(int(timeout / 0.05)):
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, TextDialog) and w.isVisible()
        ]
        if shown:
            return shown[0]
        await asyncio.sleep(0.05)
    raise AssertionError("no dialog said why the HMI does not start")


def test_a_second_windowed_hmi_says_why_in_a_dialog_and_exits_3(
    qloop: qasync.QEventLoop, tmp_path: Path, signals: None
) -> None:
    config, url = settings_file(tmp_path)
    db = open_database(url)
    migrate(db)
    first = InstanceLock(db, "Line 1")  # the HMI already running on this queue
    first.acquire()
    args = build_parser().parse_args(["--config", str(config)])

    async def scenario() -> tuple[int, str]:
        start = asyncio.ensure_future(run_mode(args, QApplication.instance()))
        box = await refusal_box()
        text = box.text.text()
        assert not start.done(), "the start did not wait for the operator to read"
        box.close_button.click()
        return await asyncio.wait_for(start, 10), text

    try:
        code, text = qloop.run_until_complete(scenario())
    finally:
        first.release()
        db.dispose()
    assert code == ALREADY_RUNNING_EXIT
    assert text.startswith("Another HMI already runs on this queue.")  # in the panel's words
    assert "hmi.sqlite.lock" in text  # the details, for whoever looks after the panels
    assert holder() in text  # who holds it: this test process, as host:pid
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Line Line 2 runs on panel panel-a:4242"), ("id", "dijalankan oleh panel panel-a")],
)
def test_the_standby_screen_names_the_panel_running_the_line(
    qtbot: object, language: str, words: str
) -> None:
    view = StandbyView(language)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    assert not view.isVisible()  # shown only once the panel turns out to be a standby
    view.show_holder("Line 2", "panel-a:4242", 2.0)
    assert view.isVisible()
    assert words in view.text.text()
    with qtbot.waitSignal(view.quit_requested, timeout=1000):  # type: ignore[attr-defined]
        view.quit_button.click()
    assert view.quit_button.height() >= 48
    stopped: list[bool] = []
    view.quit_requested.connect(lambda: stopped.append(True))
    view.close()  # the panel took over: the screen goes, nothing stops
    assert not view.isVisible()
    assert not stopped


PG_URL = os.environ.get("HMI_TEST_POSTGRES_URL", "")


@pytest.mark.skipif(not PG_URL, reason="HMI_TEST_POSTGRES_URL is not set")
def test_a_windowed_standby_panel_shows_whom_it_waits_for_then_takes_over(
    qloop: qasync.QEventLoop, tmp_path: Path, signals: None
) -> None:
    """On a shared PostgreSQL queue the second panel's window says which panel runs the
    line; once that panel lets go, it opens the operator's window itself."""
    config, _ = settings_file(tmp_path, PG_URL)
    db = open_database(PG_URL)
    migrate(db)
    running = InstanceLock(db, "Line 1")  # the panel running the line (this test process)
    running.acquire()
    args = build_parser().parse_args(["--config", str(config)])

    async def scenario() -> tuple[int, str]:
        start = asyncio.ensure_future(run_mode(args, QApplication.instance()))
        view = await shown(StandbyView)
        said = view.text.text()
        assert not start.done()
        running.release()  # the running panel stops
        window = await shown(MainWindow, timeout=3 * 2.0 + 5)
        assert not view.isVisible()
        window.close()
        return await asyncio.wait_for(start, 30), said

    try:
        code, said = qloop.run_until_complete(scenario())
    finally:
        running.release()
        db.dispose()
    assert code == 0
    assert f"Line Line 1 runs on panel {holder()}" in said


async def shown(kind: type, timeout: float = 20.0) -> Any:
    """The first visible top-level widget of `kind`."""
    for _ in range(int(timeout / 0.05)):
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            return found[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {kind.__name__} was shown")
