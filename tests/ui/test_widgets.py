"""Widgets fed with real domain records: log console, PLC panel, batch detail, fetch dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from hmi.domain.equipment import load_equipment_table
from hmi.domain.gate import GateDecision
from hmi.domain.links import LinkState
from hmi.domain.messages import msg, plain
from hmi.domain.model import Batch, MaterialReading, Refusal, SlotFeedback
from hmi.domain.states import BatchState
from hmi.engine.snapshot import EngineEvent, EngineSnapshot, FetchPreview
from hmi.resources import resource_path
from hmi.ui.batch_detail import BatchDetailDialog, deviation_pct
from hmi.ui.fetch_dialog import FetchDialog
from hmi.ui.log_console import LogConsole, LogModel
from hmi.ui.overview import OverviewPanel
from hmi.ui.process_view import Look, picture
from hmi.ui.theme import mm_to_px
from hmi.ui.touch import TextDialog

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def event(minute: int, level: str, source: str, message: str) -> EngineEvent:
    return EngineEvent(
        at=T0 + timedelta(minutes=minute), level=level, source=source, message=plain(message)
    )


def visible_messages(console: LogConsole) -> list[str]:
    proxy = console.proxy
    return [proxy.index(r, 3).data() for r in range(proxy.rowCount())]


def test_log_console_filters_by_level_and_text(qtbot: QtBot) -> None:
    console = LogConsole()
    qtbot.addWidget(console)
    console.add_event(event(1, "INFO", "fetch", "Queued 3 batches"))
    console.add_event(event(2, "WARNING", "plc", "PLC down since 06:02:00: refused"))
    console.add_event(event(3, "ERROR", "complete", "Odoo refused WH/MO/00011"))
    assert len(visible_messages(console)) == 3
    console.level.setCurrentIndex(2)  # warnings and errors
    assert visible_messages(console) == [
        "PLC down since 06:02:00: refused",
        "Odoo refused WH/MO/00011",
    ]
    console.level.setCurrentIndex(0)
    console.search.setText("odoo")
    assert visible_messages(console) == ["Odoo refused WH/MO/00011"]
    console.search.setText("FETCH")  # the source matches too, any case
    assert visible_messages(console) == ["Queued 3 batches"]
    error_row = console.model.index(2, 1)
    assert error_row.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert console.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_log_console_shows_history_above_new_events(qtbot: QtBot) -> None:
    console = LogConsole()
    qtbot.addWidget(console)
    console.add_event(event(60, "INFO", "engine", "Engine starting"))
    console.load_history([event(2, "INFO", "fetch", "b"), event(1, "INFO", "fetch", "a")])
    assert visible_messages(console) == ["a", "b", "Engine starting"]


def test_log_model_keeps_at_most_its_limit() -> None:
    model = LogModel(limit=3)
    model.extend(event(i, "INFO", "plc", str(i)) for i in range(5))
    model.append(event(9, "INFO", "plc", "9"))
    assert [str(e.message) for e in model.events()] == ["3", "4", "9"]
    with pytest.raises(ValueError, match="at least 1"):
        LogModel(limit=0)


def test_python_log_records_stay_out_of_the_console(qtbot: QtBot) -> None:
    """Only engine events reach the operator: a module's log line (English, with its
    module name) goes to the log file, so a PLC write is shown once, not twice."""
    console = LogConsole()
    qtbot.addWidget(console)
    logging.getLogger("hmi.plc").warning("wrote 10 batch(es) to the PLC")
    console.add_event(event(1, "INFO", "plc", "10 batches written to the PLC"))
    assert visible_messages(console) == ["10 batches written to the PLC"]
    assert console.model.index(0, 2).data() == "PLC"  # a source name, never "hmi.plc"


def test_log_console_speaks_the_language_and_follows_new_lines(qtbot: QtBot, qapp) -> None:
    from hmi.domain.messages import msg
    from hmi.ui.i18n import Translations

    console = LogConsole()
    qtbot.addWidget(console)
    console.resize(800, 200)
    console.show()
    for minute in range(30):
        console.add_event(event(minute, "WARNING", "plc", f"line {minute}"))
    console.level.setCurrentIndex(2)  # filtered: warnings and errors
    coded = EngineEvent(T0, "WARNING", "fetch", msg("gate.plc_not_ready"))
    console.add_event(coded)
    bar = console.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())  # the filtered log follows
    translations = Translations(qapp)
    try:
        translations.switch("id")
        last = console.proxy.rowCount() - 1
        assert console.proxy.index(last, 3).data() == "PLC belum siap"
        assert console.proxy.index(last, 1).data() == "Peringatan"
        assert console.proxy.index(last, 2).data() == "Ambil"
    finally:
        translations.switch("en")
    assert console.proxy.index(console.proxy.rowCount() - 1, 3).data() == "PLC not ready"


def snapshot_with_running(batch: Batch, actual: tuple[float, ...]) -> EngineSnapshot:
    feedback = SlotFeedback(
        slot=batch.slot,
        batch_no=batch.slot,
        mo_name=batch.mo_name,
        bom_name=batch.bom_name,
        product_name=batch.product_name,
        quantity_kg=batch.quantity_kg,
        materials=tuple(
            MaterialReading(position=i, equipment_id=line.equipment_id, actual_kg=actual[i])
            for i, line in enumerate(batch.lines)
        ),
        finished=False,
        failed=False,
        finished_weight_kg=0.0,
        read_flag=False,
    )
    return EngineSnapshot(
        batches=(batch,),
        gate=GateDecision(open=False, reasons=("1 batch still in the queue",)),
        plc=LinkState(name="PLC", up=True),
        plc_ready=False,
        running_slot=batch.slot,
        feedback=(feedback,),
    )


def test_process_picture_names_materials_and_shows_live_dosing(
    make_batch: Callable[..., Batch],
) -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    batch = make_batch(7, 2, state=BatchState.RUNNING, actual=(100.0, None, None))
    batch = replace(
        batch,
        lines=tuple(
            replace(line, equipment_id=eid, product_ref=ref)
            for line, eid, ref in zip(
                batch.lines, (101, 102, 114), ("RM-CORN", "RM-WHEAT", "RM-MOLASSES"), strict=True
            )
        ),
    )
    shown = picture(snapshot_with_running(batch, (450.0, 30.0, 0.0)), table, 2.0, "Mixer")
    assert len(shown.silos) == 13
    assert len(shown.tanks) == 2
    corn = shown.silos[0]
    assert (corn.title, corn.material) == ("Silo 1", "Yellow corn, ground")  # not RM-CORN
    assert corn.actual_kg == 450.0  # live feedback wins over the stored actual
    assert corn.look is Look.NORMAL
    assert shown.silos[2].planned_kg is None
    assert shown.silos[2].look is Look.IDLE
    assert shown.hopper.planned_kg == 1000.0
    assert shown.hopper.actual_kg == 480.0
    assert shown.mixer.title == "WH/MO/00007"
    overdosed = picture(snapshot_with_running(batch, (640.0, 30.0, 0.0)), table, 2.0, "Mixer")
    assert overdosed.silos[0].look is Look.ABNORMAL  # colour only for what is abnormal
    assert overdosed.hopper.look is Look.ABNORMAL


def test_overview_panel_paints_and_reads_a_vessel_on_a_tap(
    qtbot: QtBot, make_batch: Callable[..., Batch]
) -> None:
    table = load_equipment_table(resource_path("equipment.toml"))
    panel = OverviewPanel(table, 2.0)
    qtbot.addWidget(panel)
    panel.resize(700, 360)
    panel.show()
    batch = make_batch(7, 2, state=BatchState.RUNNING, actual=(100.0, None, None))
    panel.show_snapshot(snapshot_with_running(batch, (450.0, 30.0, 0.0)))
    assert "slot 2" in panel.plc_line.full_text
    panel.view.grab()  # paints, lays the cells out
    cell = panel.view.cell("101")
    assert cell.width() > 48
    assert cell.height() > 48
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=cell.center().toPoint())
    shown = [d for d in panel.findChildren(TextDialog) if d.isVisible()]
    assert shown
    assert "Yellow corn, ground" in shown[0].text.text()
    down = LinkState(name="PLC").went_down("connection refused")
    panel.show_snapshot(EngineSnapshot(plc=down))
    assert "not ready" in panel.plc_line.full_text


def test_batch_detail_shows_deviation_times_and_odoo_message(
    qtbot: QtBot, make_batch: Callable[..., Batch]
) -> None:
    batch = make_batch(
        11,
        1,
        state=BatchState.NEEDS_ATTENTION,
        actual=(612.0, 300.0, 99.0),
        odoo_message="Odoo refused: product CORN has no stock",
    )
    snapshot = EngineSnapshot(
        batches=(batch,), odoo=LinkState(name="Odoo", up=True), db=LinkState("Database", True)
    )
    dialog = BatchDetailDialog(batch, tolerance_pct=1.5, why=asked(snapshot))
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "+2.00 %" in texts  # 612 against 600
    assert "-1.00 %" in texts
    assert any("no stock" in t for t in texts)
    assert any("2026-03-02" in t for t in texts)
    assert dialog.retry.isEnabled()
    assert dialog.cancel.isEnabled()
    retried: list[int] = []
    dialog.retry_requested.connect(retried.append)
    qtbot.mouseClick(dialog.retry, Qt.MouseButton.LeftButton)
    assert retried == [11]
    assert deviation_pct(batch.lines[0]) == 2.0
    assert deviation_pct(make_batch(1, 1).lines[0]) is None


def test_fetch_dialog_lists_queued_and_refused(qtbot: QtBot, batches: tuple[Batch, ...]) -> None:
    preview = FetchPreview(
        batches=batches,
        refusals=(
            Refusal(
                mo_id=9,
                mo_name="WH/MO/00009",
                reasons=(msg("mapping.no_equipment", mo="WH/MO/00009", component="FISH"),),
            ),
        ),
        gate=GateDecision(open=True),
    )
    dialog = FetchDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.queued_table.rowCount() == 3
    assert dialog.queued_table.item(0, 1).text() == "WH/MO/00101"
    assert dialog.refused_table.item(0, 1).text() == (
        "WH/MO/00009: no silo or tank holds FISH: add it to the equipment table"
    )
    assert dialog.confirm.isEnabled()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)


def test_fetch_dialog_cannot_confirm_when_gate_closed(
    qtbot: QtBot, batches: tuple[Batch, ...]
) -> None:
    preview = FetchPreview(batches=(), refusals=(), gate=GateDecision(False, ("PLC not ready",)))
    dialog = FetchDialog(preview)
    qtbot.addWidget(dialog)
    assert not dialog.confirm.isEnabled()
    assert "PLC not ready" in dialog.gate.text()


def test_touch_targets_are_big_enough(qtbot: QtBot, batches: tuple[Batch, ...]) -> None:
    from hmi.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    m = apply_theme(app, dpi=160.0)
    try:
        assert m.touch_px == mm_to_px(10, 160.0) == 63
        assert m.primary_px == mm_to_px(15, 160.0) == 95
        dialog = FetchDialog(FetchPreview(batches=batches, refusals=(), gate=GateDecision(True)))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.confirm.height() >= m.primary_px
        assert dialog.cancel.height() >= m.primary_px
    finally:
        app.setStyleSheet("")


def test_batch_detail_while_dosing_shows_only_overdose(
    qtbot: QtBot, make_batch: Callable[..., Batch]
) -> None:
    batch = make_batch(12, 1, state=BatchState.RUNNING, actual=(640.0, 10.0, None))
    snapshot = EngineSnapshot(batches=(batch,), running_slot=1, db=LinkState("Database", True))
    dialog = BatchDetailDialog(batch, tolerance_pct=2.0, why=asked(snapshot))
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "+6.67 %" in texts  # 640 against 600: overdosed already
    assert not any(t.startswith("-") and t.endswith("%") for t in texts)
    assert not dialog.cancel.isEnabled()  # the engine refuses while the PLC doses
    assert not dialog.retry.isEnabled()
    # greyed with the reason in words, not only a tooltip
    assert "stop it at the PLC first" in dialog.reason.full_text
    assert "nothing to retry" in dialog.reason.full_text


def test_gate_reasons_follow_the_language(qapp) -> None:
    from hmi.domain.messages import msg
    from hmi.ui.i18n import Translations
    from hmi.ui.labels import gate_reasons

    reasons = (
        msg("gate.queue_not_empty", count=8),
        msg("gate.plc_not_ready"),
        msg("gate.odoo_offline"),
    )
    translations = Translations(qapp)
    try:
        translations.switch("id")
        expected = "8 batch masih dalam antrean; PLC belum siap; Odoo tidak tersambung"
        assert gate_reasons(reasons) == expected
    finally:
        translations.switch("en")
    assert gate_reasons(reasons) == "8 batches still in the queue; PLC not ready; Odoo offline"


def asked(snapshot: EngineSnapshot) -> Callable[..., object]:
    """The engine's why_not over a fixed snapshot (what Engine.why_not does)."""
    from hmi.engine.permissions import why_not

    return lambda action, mo_id=None, **target: why_not(snapshot, action, mo_id=mo_id, **target)
