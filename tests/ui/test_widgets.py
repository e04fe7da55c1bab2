"""Widgets fed with real domain records: log console, PLC panel, batch detail, fetch dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hmi.domain.gate import GateDecision
from hmi.domain.links import LinkState
from hmi.domain.messages import msg, plain
from hmi.domain.model import Batch, MaterialReading, Refusal, SlotFeedback
from hmi.domain.states import BatchState
from hmi.engine.snapshot import EngineEvent, EngineSnapshot, FetchPreview
from hmi.ui.batch_detail import BatchDetailDialog, deviation_pct
from hmi.ui.fetch_dialog import FetchDialog
from hmi.ui.log_console import LogConsole, LogModel
from hmi.ui.plc_panel import PlcPanel
from hmi.ui.theme import mm_to_px

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


def test_log_handler_brings_records_from_any_thread(qtbot: QtBot) -> None:
    console = LogConsole()
    qtbot.addWidget(console)
    logger = logging.getLogger("hmi.test.console")
    logger.setLevel(logging.INFO)
    console.attach(logger)
    try:
        import threading

        worker = threading.Thread(target=lambda: logger.warning("disk %s nearly full", "D:"))
        worker.start()
        worker.join()
        logging.getLogger("hmi.events").warning("shown through the engine signal instead")
        qtbot.waitUntil(lambda: console.model.rowCount() == 1, timeout=2000)
    finally:
        console.detach(logger)
    only = console.model.events()[0]
    assert (only.level, only.source, str(only.message)) == (
        "WARNING",
        "hmi.test.console",
        "disk D: nearly full",
    )


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


def test_plc_panel_shows_live_dosing(qtbot: QtBot, make_batch: Callable[..., Batch]) -> None:
    panel = PlcPanel()
    qtbot.addWidget(panel)
    batch = make_batch(7, 2, state=BatchState.RUNNING, actual=(100.0, None, None))
    panel.show_snapshot(snapshot_with_running(batch, (450.0, 30.0, 0.0)))
    assert "WH/MO/00007" in panel.running.text()
    assert panel.ready.text().endswith("no")
    assert panel.link.property("link") == "up"
    rows = panel.model.rows()
    assert [r.equipment_id for r in rows] == [101, 102, 114]
    assert rows[0].actual_kg == 450.0  # live feedback wins over the stored actual
    assert panel.model.index(0, 4).data() == "75 %"
    changes: list[int] = []
    panel.model.dataChanged.connect(lambda a, _b, _r=(): changes.append(a.row()))
    panel.show_snapshot(snapshot_with_running(batch, (450.0, 60.0, 0.0)))
    assert changes == [1]


def test_plc_panel_shows_a_down_link(qtbot: QtBot) -> None:
    panel = PlcPanel()
    qtbot.addWidget(panel)
    down = LinkState(name="PLC").went_down("connection refused")
    panel.show_snapshot(EngineSnapshot(plc=down))
    assert panel.link.property("link") == "down"
    assert "connection refused" in panel.link.text()
    assert panel.model.rowCount() == 0
    assert "none" in panel.running.text()


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
    dialog = BatchDetailDialog(batch, tolerance_pct=1.5)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(type(dialog.header))]
    assert "+2.00 %" in texts  # 612 against 600
    assert "-1.00 %" in texts
    assert any("no stock" in t for t in texts)
    assert any("06:00:00" in t or "02 Mar" in t for t in texts)
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
                9,
                "WH/MO/00009",
                (msg("mapping.no_equipment", mo="WH/MO/00009", component="RM-FISH Fish meal"),),
            ),
        ),
        gate=GateDecision(open=True),
    )
    dialog = FetchDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.queued_table.rowCount() == 3
    assert dialog.queued_table.item(0, 1).text() == "WH/MO/00101"
    assert dialog.refused_table.item(0, 1).text() == (
        "WH/MO/00009: no silo or tank holds RM-FISH Fish meal: add it to the equipment table"
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
    dialog = BatchDetailDialog(batch, tolerance_pct=2.0)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(type(dialog.header))]
    assert "+6.67 %" in texts  # 640 against 600: overdosed already
    assert not any(t.startswith("-") and t.endswith("%") for t in texts)
    assert not dialog.cancel.isEnabled()  # the engine refuses while the PLC doses
    assert not dialog.retry.isEnabled()


def test_gate_reasons_follow_the_language(qapp) -> None:
    from hmi.domain.messages import msg, plain
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
        assert gate_reasons(reasons) == (
            "8 batch masih dalam antrean; PLC belum siap; Odoo tidak tersambung"
        )
        assert gate_reasons((plain("something new"),)) == "something new"
    finally:
        translations.switch("en")
    assert gate_reasons(reasons) == "8 batches still in the queue; PLC not ready; Odoo offline"
