"""Every supervised recovery from the panel (issue 11 and 13), driven through the real window
against a real PLC simulator (Modbus TCP on loopback), a real Odoo simulator (JSON-RPC over
HTTP) and a real SQLite file: tap the alarm's (or the line status's) action → what it acts
on → supervisor PIN → reason → the engine's command ran, the alarm cleared, the line goes on.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog

from hmi.config import Settings, with_section
from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.domain.line_status import LineMode
from hmi.domain.model import Batch, BatchLine
from hmi.domain.stalls import Decision
from hmi.domain.states import BatchState
from hmi.engine.engine import Engine
from hmi.engine.qt_driver import EngineDriver
from hmi.odoo.link import OdooLink
from hmi.plc.link import PlcLink
from hmi.plc.register_map import load_register_map
from hmi.plc.slots import encode_write_slot
from hmi.resources import resource_path
from hmi.sim.odoo_sim import OdooSimulator
from hmi.sim.plc_sim import PlcSimulator
from hmi.store.database import migrate, open_database
from hmi.store.repository import QueueRepository
from hmi.ui.i18n import Translations
from hmi.ui.keyboard import KeyboardDialog
from hmi.ui.main_window import MainWindow
from hmi.ui.number_pad import WeightsDialog
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.recovery_dialogs import DecisionDialog, RecoveryDialog
from tests.named_users import TEST_PIN, seed_users

pytestmark = pytest.mark.slow
PIN = TEST_PIN  # the signed-in supervisor's (tests.named_users)
#: 300 s / 30: a batch takes 10 s, long enough to act while it doses
SLOW = 30.0
#: 300 s / 100: a batch takes 3 s, still dosing while a slot is forged, and over soon
MEDIUM = 100.0
#: a batch takes a fraction of a second
FAST = 1500.0
WATCHDOG = {
    "fault_s": 0.5,
    "confirm_s": 0.5,
    "ack_s": 1.0,
    "start_s": 30.0,
    "heartbeat_s": 0.5,
    "claim_s": 1.0,
}


@dataclass
class Live:
    """The window, the engine and the simulators of one scenario."""

    window: MainWindow
    engine: Engine
    plc: PlcSimulator
    odoo: OdooSimulator


async def until(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    """Poll `condition` on the running loop; fail naming `what` after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def visible(window: MainWindow, kind: type[QDialog]) -> QDialog:
    """The visible dialog of `kind` the window opened (over it or over another dialog)."""
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return bool(found)

    await until(shown, f"a {kind.__name__}")
    return found[-1]


async def supervise(window: MainWindow, reason: str) -> None:
    """The supervised flow's two questions: the PIN on the keypad, then the reason."""
    pad = await visible(window, PinPadDialog)
    assert isinstance(pad, PinPadDialog)
    for key in PIN:
        pad.press(key)
    pad.press("OK")
    ask = await visible(window, KeyboardDialog)
    assert isinstance(ask, KeyboardDialog)
    for key in reason:
        ask.keyboard.press(key)
    ask.ok.click()
    await until(lambda: not ask.isVisible(), "the reason keyboard to close")


async def go_on(window: MainWindow, check: Callable[[RecoveryDialog], None]) -> None:
    """The dialog showing what a recovery acts on: checked, then Go on."""
    dialog = await visible(window, RecoveryDialog)
    assert isinstance(dialog, RecoveryDialog)
    check(dialog)
    dialog.go_on.click()


def stopped_for(window: MainWindow, action: str) -> bool:
    """The line status shows STOPPED with the action button of `action`."""
    status = window.snapshot.line_status
    remedy = window.line_remedy
    return (
        status.mode is LineMode.STOPPED
        and remedy is not None
        and remedy.action == action
        and window.line_action.isVisible()
    )


def alarm_id(window: MainWindow, key: str) -> int | None:
    """The id of the active alarm with `key` in the window's snapshot, or None."""
    return next((a.id for a in window.snapshot.active_alarms if a.key == key), None)


def audited(engine: Engine, action: str) -> list[str]:
    """The reasons of the audit entries of `action`."""
    return [e.reason for e in engine.ctx.store.audit_entries(100, action=action)]


@asynccontextmanager
async def recovery_window(
    tmp_path: Path,
    *,
    orders: int = 3,
    speed: float = SLOW,
    wait_for_ack: bool = True,
    auto_fetch: bool = True,
    before_start: Callable[[PlcSimulator], object] | None = None,
) -> AsyncIterator[Live]:
    """Both simulators, the engine with its timers and a quick watchdog, the window."""
    plc_sim = PlcSimulator(port=0, speed=speed, seed=7, wait_for_ack=wait_for_ack)
    await plc_sim.start()
    if before_start is not None:
        outcome = before_start(plc_sim)
        if asyncio.iscoroutine(outcome):
            await outcome
    odoo_sim = OdooSimulator(port=0, orders=orders, seed=7).start()
    settings = Settings()
    settings = with_section(settings, "plc", host="127.0.0.1", port=plc_sim.port)
    settings = with_section(
        settings, "odoo", url=odoo_sim.url, database="demo", login="admin", timeout_s=5.0
    )
    settings = with_section(
        settings,
        "tasks",
        auto_fetch=auto_fetch,
        plc_interval_s=0.1,
        complete_interval_s=0.3,
        fetch_interval_s=1.0,
        retry_min_s=0.3,
        retry_max_s=1.0,
    )
    settings = with_section(settings, "watchdog", **WATCHDOG)
    settings = with_section(settings, "alarms", link_down_s=1.0)
    database = open_database(f"sqlite:///{tmp_path / 'hmi.sqlite'}")
    migrate(database)
    plc = PlcLink("127.0.0.1", plc_sim.port, reconnect_min_s=0.1, reconnect_max_s=0.5)
    odoo = OdooLink(odoo_sim.url, "demo", "admin", "admin", timeout=5.0)
    equipment = load_equipment_table(resource_path("equipment.toml"))
    store = QueueRepository(database)
    seed_users(store)  # named users (tests.named_users): no first-start dialog
    engine = Engine(settings, plc, odoo, store, equipment, settings_path=tmp_path / "settings.toml")
    await engine.start()
    driver = EngineDriver(engine)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = Translations(app)
    translations.switch("en")
    window = MainWindow(driver, translations=translations, reports_folder=tmp_path / "reports")
    window.show()
    driver.start()
    user = await engine.sign_in("supervisor", PIN)  # the supervisor on the panel
    window.presenter.session.user = user
    window.show_user(user)
    try:
        yield Live(window, engine, plc_sim, odoo_sim)
    finally:
        await driver.drain()
        window.close()
        # deleted by Qt now, children first, not later by Python's collector in any order
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        await engine.stop()
        await plc_sim.stop()
        odoo_sim.stop()
        database.dispose()


def run(loop: qasync.QEventLoop, scenario: Callable[[], object], timeout: float = 150) -> None:
    """Run one async scenario on the qasync loop with an overall time limit."""
    loop.run_until_complete(asyncio.wait_for(scenario(), timeout))  # type: ignore[arg-type]


# -- the PLC lost its batches: resend them ---------------------------------------------------


def test_resend_lost_batches_from_the_line_status(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with recovery_window(tmp_path) as live:
            window, engine = live.window, live.engine
            await until(lambda: engine.snapshot().running_slot == 1, "the first batch dosing")
            await live.plc.restart(lose_memory=True)
            await until(lambda: stopped_for(window, "resend_batches"), "Resend batches offered")
            assert "plc.lost" in engine.ctx.alarms
            # greyed while a lost batch still counts as dosing, with the reason in words
            await until(lambda: not window.line_action.isEnabled(), "Resend greyed")
            assert "cancel it first" in window.line_status.detail
            running = next(b for b in engine.snapshot().batches if b.state is BatchState.RUNNING)
            window.open_batch(running.mo_id)
            detail = window.detail
            assert detail is not None
            await until(detail.cancel.isEnabled, "Cancel live for the lost batch")
            detail.cancel.click()
            await supervise(window, "lost when the plc restarted")
            await until(lambda: window.line_action.isEnabled(), "Resend batches live")
            lost = [b.mo_name for b in engine.snapshot().batches if b.state is BatchState.SENT]
            window.line_action.click()

            def lists_the_batches(dialog: RecoveryDialog) -> None:
                shown = " ".join(dialog.texts)
                assert lost
                assert all(name in shown for name in lost), shown
                assert dialog.go_on.text() == "Resend batches…"

            await go_on(window, lists_the_batches)
            await supervise(window, "plc restarted")
            await until(lambda: "plc.lost" not in engine.ctx.alarms, "the alarm to clear")
            await until(lambda: engine.snapshot().running_slot is not None, "the line going on")
            assert window.snapshot.line_status.mode is not LineMode.STOPPED
            assert audited(engine, "resend batches") == ["plc restarted"]

    run(qloop, scenario)


# -- a finished slot the HMI has no batch for: acknowledge it after seeing its words ----------


def test_acknowledge_an_unknown_finished_slot_from_the_alarm(
    tmp_path: Path, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        async with recovery_window(tmp_path, orders=2, speed=MEDIUM) as live:
            window, engine = live.window, live.engine
            await until(lambda: engine.snapshot().running_slot == 1, "the first batch dosing")
            base = 6000 + 4 * 100  # slot 5: the queue has two batches, slot 5 none
            await live.plc.write_words(base, [5, 0x5858, 0x2F31])  # batch 5, MO "XX/1"
            await live.plc.write_words(base + 72, [1])  # finished
            await until(lambda: "orphan.5" in engine.ctx.alarms, "the unknown slot's alarm")
            window.on_alarms()
            alarms = window.alarm_dialog
            assert alarms is not None
            await until(
                lambda: any(a.key == "orphan.5" for a in alarms.model.alarms), "the alarm row"
            )
            alarms.select_alarm(next(a.id for a in alarms.model.alarms if a.key == "orphan.5"))
            assert alarms.remedy.isVisible()
            assert alarms.remedy.text() == "Acknowledge slot…"
            assert "Acknowledge slot" in alarms.detail.text()  # the response says the button
            await until(alarms.remedy.isEnabled, "Acknowledge slot live")
            alarms.remedy.click()

            def shows_the_words(dialog: RecoveryDialog) -> None:
                assert "MO: XX/1" in dialog.texts  # decoded
                assert "Finished: yes" in dialog.texts
                raw = dialog.texts[-1]
                assert raw.startswith("+0 ")  # and raw
                assert " 22616 " in raw

            await go_on(window, shows_the_words)
            await supervise(window, "checked at the plc")
            await until(lambda: "orphan.5" not in engine.ctx.alarms, "the alarm to clear")
            assert audited(engine, "acknowledge PLC slot") == ["checked at the plc"]
            await until(lambda: engine.ctx.store.history_count() >= 2, "the line going on", 60)
            alarms.reject()  # closed before the window (it deletes itself on close)
            await until(lambda: window.alarm_dialog is None, "the alarm list closed")

    run(qloop, scenario)


# -- implausible values: read again, accept, enter the scale ticket, abort -------------------


def implausible(plc: PlcSimulator) -> None:
    plc.faults.publish_implausible(1, "overdose")


async def decide(window: MainWindow, decision: Decision) -> DecisionDialog:
    """Tap the line status's Decide…, then one decision."""
    await until(lambda: stopped_for(window, "decide"), "the line stopped, Decide… offered")
    await until(window.line_action.isEnabled, "Decide… live")
    window.line_action.click()
    dialog = await visible(window, DecisionDialog)
    assert isinstance(dialog, DecisionDialog)
    button = dialog.buttons[decision]
    await until(button.isEnabled, f"{decision.value} live")
    button.click()
    return dialog


@pytest.mark.parametrize("decision", [Decision.ACCEPT, Decision.ENTER, Decision.ABORT])
def test_implausible_values_decided_from_the_line_status(
    decision: Decision, tmp_path: Path, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        async with recovery_window(
            tmp_path, orders=2, speed=FAST, before_start=implausible
        ) as live:
            window, engine = live.window, live.engine
            await until(lambda: any(k.startswith("implausible.") for k in engine.ctx.alarms), "x")
            key = next(k for k in engine.ctx.alarms if k.startswith("implausible."))
            mo_id = int(key.split(".")[1])
            # the window shows snapshots a moment after the engine has them: wait for the
            # alarm there too, else the "alarmed anew" below could be met by this first alarm
            await until(lambda: alarm_id(window, key) is not None, "the alarm in the window")
            first = alarm_id(window, key)
            # reading again needs no PIN; the value is still implausible: alarmed anew
            await decide(window, Decision.READ_AGAIN)
            await until(lambda: audited(engine, "read again"), "the read again audited")
            assert not [d for d in window.findChildren(PinPadDialog) if d.isVisible()]
            await until(lambda: alarm_id(window, key) not in (None, first), "alarmed anew")
            await decide(window, decision)
            batch = engine.ctx.store.get(mo_id)
            assert batch is not None
            if decision is Decision.ENTER:
                pad = await visible(window, WeightsDialog)
                assert isinstance(pad, WeightsDialog)
                chosen = pad.selected()  # the implausible value is selected first
                assert chosen is not None
                planned = next(ln.planned_kg for ln in batch.lines if ln.equipment_id == chosen)
                for key_ in f"{planned:.2f}":
                    pad.press(key_)
                assert pad.weights() == {chosen: planned}
                pad.ok.click()
            await supervise(window, f"scale checked {decision.value}")
            await until(lambda: key not in engine.ctx.alarms, "the alarm to clear")
            # the alarm may clear a moment before the decision's audit entry is written
            await until(lambda: audited(engine, f"implausible: {decision.value}"), "the audit")
            entries = engine.ctx.store.audit_entries(10, action=f"implausible: {decision.value}")
            said = "\n".join(str(e.message) for e in window.console.model.events()[-12:])
            assert [e.reason for e in entries] == [f"scale checked {decision.value}"], said
            assert not [d for d in window.findChildren(QDialog) if d.isVisible()], said
            await until(
                lambda: engine.ctx.store.history_count() >= 2, "the line going on", timeout=60
            )
            archived = engine.ctx.store.archived(mo_id)
            if decision is Decision.ABORT:
                assert archived.outcome is BatchState.CANCELLED
            else:
                assert archived.outcome is BatchState.REPORTED
            if decision is Decision.ENTER:
                line = next(ln for ln in archived.lines if ln.equipment_id == chosen)
                assert line.actual_kg == planned

    run(qloop, scenario)


# -- another panel's report claim: release it --------------------------------------------------


def test_release_a_stuck_claim_from_the_line_status(
    tmp_path: Path, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        async with recovery_window(tmp_path, orders=1, speed=FAST) as live:
            window, engine = live.window, live.engine
            await until(lambda: engine.ctx.store.batches(), "the batch queued")
            (batch,) = engine.ctx.store.batches()
            # a panel that crashed on another host holds the batch's report claim
            assert engine.ctx.store.claim(batch.mo_id, "panel-2:4242", 25.0)
            await until(lambda: stopped_for(window, "release_claim"), "Release claim offered")
            await until(window.line_action.isEnabled, "Release claim live")
            window.line_action.click()

            def names_the_panel(dialog: RecoveryDialog) -> None:
                shown = " ".join(dialog.texts)
                assert "panel-2:4242" in shown
                assert batch.mo_name in shown

            await go_on(window, names_the_panel)
            await supervise(window, "panel 2 is switched off")
            await until(lambda: engine.ctx.store.history_count() == 1, "the batch reported")
            assert f"claim.{batch.mo_id}" not in engine.ctx.alarms
            assert live.odoo.model.mo_state(batch.mo_id) == "done"
            assert audited(engine, "release report claim") == ["panel 2 is switched off"]

    run(qloop, scenario)


# -- batches on the PLC the database does not know: resolve them ----------------------------


def unknown_batches(plc: PlcSimulator) -> object:
    """Two batches in the PLC's write area that no database holds (a lost WAL)."""
    regmap = load_register_map()
    table = load_equipment_table(resource_path("equipment.toml"))
    entry = next(iter(table))

    async def write() -> None:
        for slot in (1, 2):
            batch = Batch(
                mo_id=900 + slot,
                mo_name=f"WH/MO/0090{slot}",
                bom_name="BoM X",
                product_name="Lost product",
                quantity_kg=Decimal(100),
                lines=(BatchLine(entry.id, 1, 1, entry.product_ref, Decimal(100)),),
                slot=slot,
            )
            words = list(encode_write_slot(batch, regmap))
            base = regmap.write.record_base(slot)
            # the ready flag sits in slot 1's record: it is the PLC's word, left set (writing
            # it 0 would hand the PLC these batches and it would run them)
            keep = regmap.ready_address - base
            if 0 <= keep < len(words):
                await plc.write_words(base, words[:keep])
                await plc.write_words(base + keep + 1, words[keep + 1 :])
            else:
                await plc.write_words(base, words)

    return write()


def test_resolve_unknown_plc_batches_from_the_line_status(
    tmp_path: Path, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        async with recovery_window(
            tmp_path, orders=2, speed=FAST, before_start=unknown_batches
        ) as live:
            window, engine = live.window, live.engine
            await until(lambda: stopped_for(window, "resolve_unknown"), "Resolve offered")
            assert not engine.snapshot().gate.open  # nothing is fetched meanwhile
            await until(window.line_action.isEnabled, "Resolve live")
            window.line_action.click()

            def lists_the_slots(dialog: RecoveryDialog) -> None:
                shown = " ".join(dialog.texts)
                assert "WH/MO/00901" in shown
                assert "WH/MO/00902" in shown

            await go_on(window, lists_the_slots)
            await supervise(window, "checked in odoo")
            await until(lambda: "plc.unknown" not in engine.ctx.alarms, "the alarm to clear")
            await until(lambda: engine.ctx.store.history_count() >= 2, "the line going on", 60)
            names = [c.mo_name for c in live.plc.completed]
            assert "WH/MO/00901" not in names  # the unknown batches never ran
            assert audited(engine, "resolve unknown PLC batch")

    run(qloop, scenario)


# -- a batch held by an equipment table change: resend it with the current table ------------


def swapped(table: EquipmentTable, first: str, second: str) -> EquipmentTable:
    """The table with the materials of two silos swapped (they were refilled)."""
    a = next(e for e in table if e.product_ref == first)
    b = next(e for e in table if e.product_ref == second)
    entries = tuple(
        replace(e, product_ref=b.product_ref, material=b.material)
        if e.id == a.id
        else replace(e, product_ref=a.product_ref, material=a.material)
        if e.id == b.id
        else e
        for e in table
    )
    return EquipmentTable(entries)


def fail_first(plc: PlcSimulator) -> None:
    plc.faults.fail_next(1)


def test_resend_a_held_batch_from_its_detail(tmp_path: Path, qloop: qasync.QEventLoop) -> None:
    async def scenario() -> None:
        async with recovery_window(
            tmp_path, orders=1, speed=FAST, auto_fetch=True, before_start=fail_first
        ) as live:
            window, engine = live.window, live.engine
            await until(
                lambda: any(b.state is BatchState.FAILED for b in engine.ctx.store.batches()),
                "the batch failed",
            )
            (batch,) = engine.ctx.store.batches()
            refs = [ln.product_ref for ln in batch.lines]
            other = next(e.product_ref for e in engine.equipment if e.product_ref not in refs)
            engine.ctx.equipment = swapped(engine.equipment, refs[0], other)
            assert await engine.recheck_equipment() == 1
            window.open_batch(batch.mo_id)
            detail = window.detail
            assert detail is not None
            await until(lambda: detail.remedy.isVisible(), "the batch's own recovery")
            assert detail.remedy.text() == "Resend with current table…"
            assert not detail.retry.isEnabled()  # held: retry waits for the current table
            await until(detail.remedy.isEnabled, "Resend with current table live")
            detail.remedy.click()

            def names_the_change(dialog: RecoveryDialog) -> None:
                shown = " ".join(dialog.texts)
                assert batch.mo_name in shown
                assert refs[0] in shown  # what moved

            await go_on(window, names_the_change)
            await supervise(window, "silo refilled")
            await until(lambda: f"held.{batch.mo_id}" not in engine.ctx.alarms, "released")
            await until(detail.retry.isEnabled, "Retry now live")
            detail.retry.click()
            await until(lambda: engine.ctx.store.history_count() == 1, "the line going on", 60)
            assert audited(engine, "resend with current table") == ["silo refilled"]

    run(qloop, scenario)
