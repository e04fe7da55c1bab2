"""The operator's window on the real engine, a real PLC simulator (Modbus TCP on loopback),
a real Odoo simulator (JSON-RPC over HTTP) and a real SQLite file: the issue's "Done when"."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from hmi.config import Settings, load_settings, with_section
from hmi.domain.equipment import load_equipment_table
from hmi.engine.engine import Engine
from hmi.engine.qt_driver import EngineDriver
from hmi.engine.snapshot import EngineSnapshot
from hmi.odoo.link import OdooLink
from hmi.plc.link import PlcLink
from hmi.resources import resource_path
from hmi.sim.odoo_sim import OdooSimulator
from hmi.sim.plc_sim import PlcSimulator
from hmi.store.database import migrate, open_database
from hmi.store.repository import QueueRepository
from hmi.ui.audit_view import AuditDialog
from hmi.ui.i18n import Translations
from hmi.ui.keyboard import KeyboardDialog
from hmi.ui.main_window import MainWindow
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.queue_model import PROGRESS_ROLE
from hmi.ui.settings_dialog import SettingsDialog
from hmi.ui.user_admin import UserAdminDialog
from tests.named_users import TEST_PIN, seed_users

pytestmark = pytest.mark.slow


@dataclass
class Live:
    """Everything one scenario runs on."""

    window: MainWindow
    engine: Engine
    driver: EngineDriver
    plc_sim: PlcSimulator
    odoo_sim: OdooSimulator
    settings_path: Path
    snapshots: list[tuple[bool, bool, bool]]  # (gate open, fetch dialog busy, Fetch enabled)


async def until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll `condition` on the running loop; fail naming `what` after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


@asynccontextmanager
async def live_window(
    tmp_path: Path, *, orders: int = 2, speed: float = 240.0, pin: str = ""
) -> AsyncIterator[Live]:
    """Start both simulators, the engine with its timers, and the window; tear all down."""
    plc_sim = PlcSimulator(port=0, speed=speed, seed=7)
    await plc_sim.start()
    odoo_sim = OdooSimulator(port=0, orders=orders, seed=7).start()
    settings = Settings()
    settings = with_section(settings, "plc", host="127.0.0.1", port=plc_sim.port)
    settings = with_section(
        settings, "odoo", url=odoo_sim.url, database="demo", login="admin", timeout_s=5.0
    )
    settings = with_section(
        settings,
        "tasks",
        auto_fetch=False,
        plc_interval_s=0.1,
        complete_interval_s=1.0,
        fetch_interval_s=3600.0,
        retry_min_s=1.0,
    )
    database = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    migrate(database)
    plc = PlcLink("127.0.0.1", plc_sim.port, reconnect_min_s=0.1, reconnect_max_s=1.0)
    odoo = OdooLink(odoo_sim.url, "demo", "admin", "admin", timeout=5.0)
    equipment = load_equipment_table(resource_path("equipment.toml"))
    settings_path = tmp_path / "settings.toml"
    store = QueueRepository(database)
    seed_users(store)  # named users (tests.named_users): no first-start dialog
    engine = Engine(settings, plc, odoo, store, equipment, settings_path=settings_path)
    await engine.start()
    driver = EngineDriver(engine)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = Translations(app)
    translations.switch("en")
    window = MainWindow(driver, translations=translations, reports_folder=tmp_path / "reports")
    snapshots: list[tuple[bool, bool, bool]] = []

    def record(snapshot: EngineSnapshot) -> None:  # connected after the window's own slot
        snapshots.append((snapshot.gate.open, window.fetching, window.fetch.isEnabled()))

    driver.snapshot_changed.connect(record)
    window.show()
    driver.start()
    if pin:  # `pin` names the user signed in on the panel (PIN: TEST_PIN)
        user = await engine.sign_in(pin, TEST_PIN)
        window.presenter.session.user = user
        window.show_user(user)
    try:
        yield Live(window, engine, driver, plc_sim, odoo_sim, settings_path, snapshots)
    finally:
        await driver.drain()
        window.close()
        await engine.stop()
        await plc_sim.stop()
        odoo_sim.stop()
        database.dispose()
        translations.switch("en")


def run(loop: qasync.QEventLoop, scenario: Callable[[], object], timeout: float = 90) -> None:
    """Run one async scenario on the qasync loop with an overall time limit."""
    loop.run_until_complete(asyncio.wait_for(scenario(), timeout))  # type: ignore[arg-type]


async def open_fetch_dialog(live: Live) -> None:
    """Tap Fetch and wait for the confirmation dialog."""
    await until(lambda: live.window.fetch.isEnabled(), "the Fetch button to be enabled")
    live.window.fetch.click()
    await until(
        lambda: live.window.fetch_dialog is not None and live.window.fetch_dialog.isVisible(),
        "the fetch confirmation dialog",
    )
    assert not live.window.fetch.isEnabled()  # no second press while the dialog is open


def test_fetch_confirm_dose_report_and_gate(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with live_window(tmp_path) as live:
            window = live.window
            # refused MO: a material no silo holds
            live.odoo_sim.model.add_order("Broiler Starter", 500.0, [("RM-UNOBTAINIUM", 500.0)])
            await until(lambda: window.snapshot.gate.open, "the gate to open at start")
            # said before the window existed: it comes from the persisted event_log
            await until(
                lambda: any(
                    str(e.message) == "Engine starting" for e in window.console.model.events()
                ),
                "the persisted log in the console",
            )
            assert window.fetch.isEnabled()

            # Cancel queues nothing
            await open_fetch_dialog(live)
            dialog = window.fetch_dialog
            assert dialog is not None
            assert dialog.queued_table.rowCount() == 2
            names = {dialog.queued_table.item(r, 1).text() for r in range(2)}
            assert dialog.refused_table.rowCount() == 1
            assert "RM-UNOBTAINIUM" in dialog.refused_table.item(0, 1).text()
            dialog.cancel.click()
            await until(lambda: window.fetch_dialog is None, "the dialog to close")
            assert live.engine.snapshot().batches == ()
            assert window.model.rowCount() == 0
            assert any("nothing queued" in str(e.message) for e in window.console.model.events())

            # Confirm queues exactly what was listed
            await open_fetch_dialog(live)
            dialog = window.fetch_dialog
            assert dialog is not None
            dialog.confirm.click()
            await until(lambda: window.model.rowCount() == 2, "two batches in the queue table")
            assert {b.mo_name for b in window.model.batches()} == names
            mo_ids = [b.mo_id for b in window.model.batches()]
            assert not window.fetch.isEnabled()
            assert "queue" in window.fetch_reason.full_text

            # progress bars advance as the simulator doses
            seen: list[float] = []
            panel_rows: list[int] = []

            def progress_of_first() -> float:
                row = window.model.row_of(window.model.batch_at(0).mo_id)
                return float(window.model.index(row, 4).data(PROGRESS_ROLE))

            def sample() -> bool:
                if window.model.rowCount() == 2:
                    seen.append(progress_of_first())
                picture = window.overview.view.picture_
                if window.snapshot.running_slot is not None and picture is not None:
                    dosed = [v for v in (*picture.silos, *picture.tanks) if v.planned_kg]
                    panel_rows.append(len(dosed))
                return any(0.0 < p < 1.0 for p in seen) and seen[-1] >= 0.99

            await until(sample, "the first batch's progress bar to advance", timeout=30)
            partial = [p for p in seen if 0.0 < p < 1.0]
            assert partial
            assert partial == sorted(partial)
            assert any(rows > 0 for rows in panel_rows)  # live dosing per silo and tank

            # everything reported and archived: the gate opens and Fetch is enabled again
            await until(lambda: window.model.rowCount() == 0, "the queue to empty", timeout=40)
            await until(lambda: window.fetch.isEnabled(), "Fetch enabled when the gate opens")
            assert [live.odoo_sim.model.mo_state(i) for i in mo_ids] == ["done", "done"]
            # after every snapshot: Fetch enabled exactly when the gate is open (and no
            # fetch dialog is already open)
            assert len(live.snapshots) > 10
            assert all(enabled == (gate and not busy) for gate, busy, enabled in live.snapshots)
            assert any(not gate for gate, _, _ in live.snapshots)
            sources = {e.source for e in window.console.model.events()}
            assert {"fetch", "complete"} <= sources

    run(qloop, scenario)


def test_settings_pin_validation_and_language(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with live_window(tmp_path, orders=0, pin="supervisor") as live:
            window = live.window
            assert "supervisor" in window.header.user_button.text()
            # a wrong PIN keeps the settings closed
            task = window.on_settings()
            pad = await wait_visible(window, PinPadDialog)
            for key in "1234":
                pad.press(key)
            pad.press("OK")
            await task
            assert not [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
            assert any(
                "Wrong PIN for supervisor" in str(e.message) for e in window.console.model.events()
            )
            window.message_box.close()

            # the right PIN opens them; invalid values are refused by name
            task = window.on_settings()
            pad = await wait_visible(window, PinPadDialog)
            for key in TEST_PIN:
                pad.press(key)
            pad.press("OK")
            dialog = await wait_visible(window, SettingsDialog)
            dialog.edits[("plc", "port")].setText("0")
            dialog.edits[("tasks", "fetch_interval_s")].setText("fast")
            dialog.ok.click()
            assert "[plc] port: must be at least 1 (got 0)" in dialog.errors.text()
            assert "Fetch every (s): 'fast' is not a number" in dialog.errors.text()
            assert dialog.isVisible()
            dialog.edits[("plc", "port")].setText(str(live.plc_sim.port))
            dialog.edits[("tasks", "fetch_interval_s")].setText("120")
            dialog.edits[("ui", "line_name")].setText("Line 2")
            dialog.language.setCurrentIndex(dialog.language.findData("id"))
            dialog.ok.click()
            await task
            assert live.engine.settings.tasks.fetch_interval_s == 120.0
            assert load_settings(live.settings_path).ui.language == "id"
            assert live.driver.interval_ms("fetch") == 120_000

            # the language switch: the window speaks Indonesian, then English again
            await until(lambda: window.records_button.text() == "Catatan…", "Indonesian texts")
            assert window.settings_button.text() == "Pengaturan…"
            assert window.header.line_name.full_text == "Line 2"
            assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Slot"
            assert window.model.headerData(3, Qt.Orientation.Horizontal) == "Rencana (kg)"
            assert window.translations is not None
            window.translations.switch("en")
            await until(lambda: window.records_button.text() == "Records…", "English texts")
            assert QCoreApplication.translate("BatchState", "Dosing") == "Dosing"

    run(qloop, scenario)


async def wait_visible(window: MainWindow, kind: type[QDialog]) -> QDialog:
    """The visible dialog of `kind` opened by the window."""
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return bool(found)

    await until(visible, f"a {kind.__name__}")
    return found[-1]


# -- issue 7: alarms, roles, audit trail, batch records -------------------------------------

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="pdftotext (poppler-utils) is not installed: apt-get install poppler-utils",
)


def pdf_text(path: Path) -> str:
    """The text of a PDF, as poppler's pdftotext extracts it."""
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


async def answer_pin(window: MainWindow, digits: str) -> None:
    """Type `digits` on the PIN pad the window opened, then OK."""
    pad = await wait_visible(window, PinPadDialog)
    for key in digits:
        pad.press(key)
    pad.press("OK")


async def answer_text(window: MainWindow, text: str) -> None:
    """Type a reason on the keyboard dialog the window opened, then OK."""
    ask = await wait_visible(window, KeyboardDialog)
    assert isinstance(ask, KeyboardDialog)
    for key in text:
        ask.keyboard.press(key)
    ask.ok.click()


def test_alarm_banner_list_ack_shelve_and_lockout(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with live_window(tmp_path, orders=0, pin="supervisor") as live:
            window = live.window
            assert window.banner.top is None
            live.plc_sim.inject_equipment_failure(103, 12, "motor overload")
            await until(lambda: window.banner.top is not None, "the alarm banner")
            assert "fault 12 (motor overload)" in window.banner.text.full_text
            assert window.header.alarms_button.text() == "Alarms (1)"

            # operator acknowledges from the alarm list: a latched failure clears
            window.on_alarms()
            dialog = window.alarm_dialog
            assert dialog is not None
            assert dialog.model.rowCount() == 1
            assert not dialog.shelve.isEnabled()  # nothing selected yet
            dialog.select_alarm(dialog.model.alarms[0].id)
            assert dialog.acknowledge.isEnabled()
            assert "motor" in dialog.detail.text()  # the alarm and what to do about it
            dialog.acknowledge.click()
            await until(lambda: window.banner.top is None, "the banner to clear")
            await until(lambda: dialog.model.rowCount() == 0, "the list to empty")

            # supervisor shelves another one: PIN on the pad, then a reason
            live.plc_sim.inject_equipment_failure(101, 3, "level probe")
            await until(lambda: dialog.model.rowCount() == 1, "the second alarm in the list")
            alarm_id = dialog.model.alarms[0].id
            task = asyncio.ensure_future(window.presenter.shelve(alarm_id, 30))
            await answer_pin(window, TEST_PIN)
            await answer_text(window, "probe replaced")
            assert await task
            await until(lambda: window.banner.top is None, "the shelved alarm off the banner")
            await until(lambda: dialog.shelved_model.rowCount() == 1, "the shelved list")
            assert dialog.show_shelved.text() == "Shelved (1)"
            assert window.banner.shelved.text() == "1 shelved"
            assert "min" in dialog.shelved_model.index(0, 1).data()  # time left

            # five wrong PINs lock the supervisor commands, also the right PIN afterwards
            for _ in range(5):
                task = asyncio.ensure_future(window.presenter.settings())
                await answer_pin(window, "0000")
                assert not await task
                assert window.message_box is not None
                window.message_box.close()
            task = asyncio.ensure_future(window.presenter.settings())
            await answer_pin(window, TEST_PIN)
            assert not await task
            assert window.message_box is not None
            assert "locked" in window.message_box.text.text()
            window.message_box.close()

            # the audit trail shows who did what, and exports it as CSV
            audit = AuditDialog(window)
            entries = await window.presenter.audit_entries(audit.filters())
            assert entries is not None
            audit.show_entries(entries)
            actions = {audit.table.item(r, 2).text() for r in range(audit.table.rowCount())}
            assert {"acknowledge alarm", "shelve alarm", "pin refused", "pin locked"} <= actions
            people = {audit.table.item(r, 1).text() for r in range(audit.table.rowCount())}
            assert "supervisor (administrator)" in people  # the named user and the role
            audit.action.setText("shelve")
            path = await window.presenter.export_audit(audit.filters(), tmp_path / "audit.csv")
            assert path is not None
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
            assert rows[0][:5] == ["entry", "time (UTC)", "person", "role", "command"]
            assert [r[2:5] for r in rows[1:]] == [["supervisor", "administrator", "shelve alarm"]]
            assert rows[1][8] == "probe replaced"

            # no PIN hash or salt on any screen, in the export or in the log console
            users = UserAdminDialog(await live.engine.users(), window)
            screens: list[str] = [path.read_text(encoding="utf-8-sig")]
            for widget in (window, audit, users):
                screens += [w.text() for w in widget.findChildren(QLabel)]
                screens += [w.text() for w in widget.findChildren(QPushButton)]
            for table in (audit.table, users.table):
                screens += [
                    table.item(r, c).text()
                    for r in range(table.rowCount())
                    for c in range(table.columnCount())
                    if table.item(r, c) is not None
                ]
            screens += [str(e.message) for e in window.console.model.events()]
            for user in await live.engine.users():
                stored = live.engine.ctx.store.pin_hash_of(user.id)
                for secret in ("$argon2", stored.split("$")[4], stored[-12:]):
                    assert not [t for t in screens if secret in t], secret
            users.deleteLater()
            audit.deleteLater()

    run(qloop, scenario)


@needs_pdftotext
def test_batch_record_and_shift_report_pdfs(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with live_window(tmp_path, orders=1, speed=600.0) as live:
            window, engine = live.window, live.engine
            await until(lambda: window.snapshot.gate.open, "the gate to open")
            preview = await engine.preview_fetch()
            assert (await engine.confirm_fetch(preview, "operator")).queued == 1
            batch = preview.batches[0]
            await until(
                lambda: batch.mo_id in engine.ctx.store.archived_ids([batch.mo_id]),
                "the batch to be reported and archived",
                timeout=40,
            )
            path = await window.presenter.batch_record(batch.mo_id, tmp_path / "record.pdf")
            assert path is not None
            text = pdf_text(path)
            archived = engine.ctx.store.archived(batch.mo_id)
            assert f"Batch record — {batch.mo_name}" in text
            assert batch.product_name in text
            assert f"Bill of materials: {batch.bom_name}" in text
            assert "Fetched by: operator" in text
            assert "Produced quantity" in text
            for line in archived.lines:
                assert line.product_ref in text
                assert f"{line.planned_kg:,.2f} kg" in text
                assert f"{line.actual_kg:,.2f} kg" in text
            assert "Alarms of this batch" in text
            assert "Page 1 of 1" in text

            shift = await window.presenter.shift_report(tmp_path / "shift.pdf")
            assert shift is not None
            text = pdf_text(shift)
            assert "Shift report" in text
            assert batch.mo_name in text
            assert "Totals per material" in text
            assert archived.lines[0].product_ref in text
            assert "Not yet reported to Odoo" in text

    run(qloop, scenario)
