"""PIN pad, settings dialog validation, lazy history, excepthook, theme sizes."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from hmi.config import Settings
from hmi.domain.model import BatchLine
from hmi.domain.states import BatchState
from hmi.engine.records import ArchivedBatch
from hmi.ui.excepthook import CalmExceptHook
from hmi.ui.history_view import PAGE_SIZE, HistoryDialog, HistoryFilter, day_range
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.settings_dialog import SettingsDialog
from hmi.ui.theme import metrics, mm_to_px
from hmi.ui.touch import TextDialog

T0 = datetime(2025, 1, 1, tzinfo=UTC)
When = datetime | None


def archived(n: int) -> ArchivedBatch:
    """The n-th archived batch, one every 5 minutes."""
    at = T0 + timedelta(minutes=5 * n)
    return ArchivedBatch(
        mo_id=n,
        mo_name=f"WH/MO/{n:06d}",
        bom_name="BoM",
        product_name="Layer Mash" if n % 2 else "Broiler Starter",
        quantity_kg=1000.0,
        produced_kg=998.5,
        finished_weight_kg=None,
        outcome=BatchState.REPORTED,
        note="",
        odoo_message="",
        actor="engine",
        reason="",
        queued_at=at,
        started_at=at,
        finished_at=at,
        archived_at=at,
        lines=(BatchLine(101, n, 1, "CORN", 600.0, 599.0),),
    )


class ArchiveList:
    """A year of archived batches as plain data, answering like the engine (newest first)."""

    def __init__(self, count: int) -> None:
        self.rows = [archived(n) for n in range(count)]
        self.page_requests: list[tuple[int, int]] = []

    def _match(
        self, since: When, until: When, product: str | None, mo: str | None
    ) -> list[ArchivedBatch]:
        return [
            b
            for b in reversed(self.rows)
            if (since is None or b.archived_at >= since)
            and (until is None or b.archived_at < until)
            and (product is None or product.lower() in b.product_name.lower())
            and (mo is None or mo.lower() in b.mo_name.lower())
        ]

    async def history_page(
        self,
        offset: int,
        limit: int,
        *,
        since: When = None,
        until: When = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> list[ArchivedBatch]:
        self.page_requests.append((offset, limit))
        await asyncio.sleep(0)
        return self._match(since, until, product, mo)[offset : offset + limit]

    async def history_count(
        self,
        *,
        since: When = None,
        until: When = None,
        product: str | None = None,
        mo: str | None = None,
    ) -> int:
        await asyncio.sleep(0)
        return len(self._match(since, until, product, mo))


def test_pin_pad_collects_digits(qtbot: QtBot) -> None:
    pad = PinPadDialog("Enter the supervisor PIN")
    qtbot.addWidget(pad)
    for key in "12349":
        qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.buttons["⌫"], Qt.MouseButton.LeftButton)
    assert pad.display.text().count("●") == 4
    with qtbot.waitSignal(pad.accepted):
        qtbot.mouseClick(pad.buttons["OK"], Qt.MouseButton.LeftButton)
    assert pad.pin() == "1234"


def test_pin_pad_refuses_too_short_and_caps_length(qtbot: QtBot) -> None:
    pad = PinPadDialog("PIN")
    qtbot.addWidget(pad)
    pad.press("1")
    pad.press("OK")
    assert pad.result() != QDialog.DialogCode.Accepted
    assert "4 to 8" in pad.message.text()
    for _ in range(12):
        pad.press("7")
    assert pad.pin() == "1" + "7" * 7
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.pin() == "1" + "7" * 6


def test_settings_dialog_refuses_bad_values_by_name(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.edits[("plc", "port")].setText("70000")
    dialog.edits[("plc", "unit_id")].setText("one")
    dialog.edits[("odoo", "url")].setText("odoo.local")
    dialog.edits[("tasks", "plc_interval_s")].setText("0,01")
    dialog.edits[("batching", "equipment_table")].setText("/nonexistent/equipment.toml")
    dialog.try_accept()
    text = dialog.errors.text()
    assert "[plc] port: must be at most 65535 (got 70000)" in text
    assert "PLC unit id: 'one' is not a whole number" in text
    assert "[odoo] url: 'odoo.local' is not an http:// or https:// address" in text
    assert "[tasks] plc_interval_s: must be at least 0.1 (got 0.01)" in text
    assert "/nonexistent/equipment.toml does not exist" in text
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_settings_dialog_accepts_valid_values(qtbot: QtBot, tmp_path: Path) -> None:
    table = tmp_path / "equipment.toml"
    table.write_text("", encoding="utf-8")
    dialog = SettingsDialog(Settings(), secret_supported=True)
    qtbot.addWidget(dialog)
    dialog.edits[("plc", "host")].setText(" 10.0.0.5 ")
    dialog.edits[("plc", "port")].setText("5020")
    dialog.edits[("batching", "equipment_table")].setText(str(table))
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    dialog.secret.setText("api-key-123")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_accept()
    new = dialog.settings()
    assert (new.plc.host, new.plc.port, new.ui.language) == ("10.0.0.5", 5020, "id")
    assert new.batching.equipment_table == str(table)
    assert dialog.new_secret() == "api-key-123"


def test_settings_dialog_without_keyring_skips_the_secret(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), secret_supported=False)
    qtbot.addWidget(dialog)
    dialog.secret.setText("typed anyway")
    assert dialog.new_secret() == ""


def test_settings_dialog_has_no_pin_and_checks_zone_and_shifts(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "pin_button")  # PINs are each user's own (Users…)
    dialog.edits[("ui", "time_zone")].setText("Mars/Olympus")
    dialog.edits[("ui", "shifts")].setText("Morning")
    dialog.try_accept()
    assert "Mars/Olympus" in dialog.errors.text()
    assert "Morning" in dialog.errors.text()
    dialog.edits[("ui", "time_zone")].setText("Asia/Jakarta")
    dialog.edits[("ui", "shifts")].setText("Pagi 07:00; Malam 19:00")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_accept()
    assert dialog.settings().ui.time_zone == "Asia/Jakarta"
    assert dialog.settings().ui.shifts == "Pagi 07:00; Malam 19:00"


def test_history_opens_instantly_with_100000_rows(qtbot: QtBot, qloop: qasync.QEventLoop) -> None:
    source = ArchiveList(100_000)
    dialog = HistoryDialog(source)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.period.setCurrentIndex(dialog.period.findData(0))  # everything

    async def scenario() -> None:
        assert await dialog.load() == 100_000
        model = dialog.model
        assert model.rowCount() == 100_000
        assert model.index(0, 1).data() == "…"  # first paint asks for page 1 only
        await model.wait_idle()
        assert model.index(0, 1).data() == "WH/MO/099999"
        dialog.table.scrollToBottom()
        assert model.index(99_999, 1).data() == "…"
        await model.wait_idle()
        assert model.index(99_999, 1).data() == "WH/MO/000000"

    qloop.run_until_complete(asyncio.wait_for(scenario(), 10))
    assert len(source.page_requests) <= 4  # pages, never the whole year
    assert all(limit == PAGE_SIZE for _, limit in source.page_requests)


def test_history_filters_by_product_mo_and_period(qtbot: QtBot, qloop: qasync.QEventLoop) -> None:
    source = ArchiveList(2_000)
    dialog = HistoryDialog(source)
    qtbot.addWidget(dialog)

    async def scenario() -> None:
        dialog.period.setCurrentIndex(dialog.period.findData(0))  # everything
        dialog.product.setText("layer")
        assert await dialog.load() == 1_000
        dialog.mo.setText("WH/MO/00001")
        assert await dialog.load() == 5  # the odd ones of 000010..000019
        dialog.product.clear()
        dialog.mo.clear()
        dialog.period.setCurrentIndex(dialog.period.findData(7))  # T0 is long ago
        assert await dialog.load() == 0
        assert "archived" in dialog.count.text()
        assert not dialog.record.isEnabled()
        assert "Tap a batch" in dialog.reason.full_text

    qloop.run_until_complete(asyncio.wait_for(scenario(), 10))


def test_history_filter_day_range_is_whole_days() -> None:
    since, until = day_range(datetime(2026, 1, 31).date(), datetime(2026, 1, 31).date())
    assert since is not None
    assert until is not None
    assert until - since == timedelta(days=1)
    assert HistoryFilter().kwargs() == {"since": None, "until": None, "product": None, "mo": None}


def test_excepthook_logs_and_shows_a_calm_message(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    hook = CalmExceptHook()
    with caplog.at_level(logging.ERROR, logger="hmi.crash"):
        try:
            raise RuntimeError("slot 3 exploded")
        except RuntimeError:
            hook(*sys.exc_info())  # type: ignore[arg-type]
    assert "slot 3 exploded" in caplog.text
    qtbot.waitUntil(lambda: hook._box is not None and hook._box.isVisible(), timeout=2000)
    box = hook._box
    assert isinstance(box, TextDialog)
    assert "keeps running" in box.text.text()
    assert "slot 3 exploded" not in box.text.text()  # the details are in the log
    assert hook.count == 1
    box.close()


def test_metrics_follow_the_dpi() -> None:
    low, high = metrics(96.0), metrics(220.0)
    assert low.touch_px == 48  # DESIGN floor
    assert high.touch_px == mm_to_px(10, 220.0) == 87
    assert high.primary_px >= mm_to_px(15, 220.0)
    with pytest.raises(ValueError, match="DPI"):
        mm_to_px(10, 0)


def test_settings_keep_unrelated_values(qtbot: QtBot) -> None:
    base = replace(Settings(), database_url="sqlite:///x.db")
    dialog = SettingsDialog(base)
    qtbot.addWidget(dialog)
    settings, problems = dialog.read_form()
    assert problems == []
    assert settings is not None
    assert settings.database_url == "sqlite:///x.db"


def test_indonesian_catalogue_is_complete_and_loads(qapp: object) -> None:
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QCoreApplication

    from hmi.ui.i18n import Translations, resolve_language, translations_dir
    from hmi.ui.labels import state_name

    tree = ET.parse(translations_dir() / "hmi_id.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []
    translations = Translations(QCoreApplication.instance())  # type: ignore[arg-type]
    try:
        assert translations.switch("id") == "id"
        assert QCoreApplication.translate("MainWindow", "Records…") == "Catatan…"
        assert state_name("running") == "Menakar"  # the engine's words: the catalogue
        assert translations.switch("en") == "en"
        assert QCoreApplication.translate("MainWindow", "Records…") == "Records…"
        assert state_name("running") == "Dosing"
    finally:
        translations.switch("en")
    with pytest.raises(ValueError, match="not one of"):
        resolve_language("fr")


def test_the_wheel_changes_no_value_in_the_settings(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.language.currentIndex()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(dialog.language, wheel)
    assert dialog.language.currentIndex() == before


def test_every_settings_field_opens_the_keyboard(qtbot: QtBot) -> None:
    from hmi.ui.keyboard import KeyboardDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.edits[("ui", "line_name")]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    keyboards = [k for k in dialog.findChildren(KeyboardDialog) if k.isVisible()]
    assert len(keyboards) == 1
    keyboard = keyboards[0]
    keyboard.keyboard.press("✕")
    for key in ("⇧", "l", "i", "n", "e", " ", "2"):
        keyboard.keyboard.press(key)
    keyboard.ok.click()
    assert edit.text() == "Line 2"


def test_a_second_tap_on_a_toggle_within_500_ms_does_nothing(qtbot: QtBot) -> None:
    from hmi.ui.touch import ToggleButton

    button = ToggleButton()
    qtbot.addWidget(button)
    changes: list[bool] = []
    button.toggled.connect(changes.append)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a bounce: ignored
    assert changes == [True]
    button._last -= 1.0  # half a second and more later
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert changes == [True, False]


def test_the_reason_keyboard_offers_standard_reasons(qtbot: QtBot) -> None:
    from hmi.ui.keyboard import KeyboardDialog

    ask = KeyboardDialog(
        "Cancel batch", "Why?", choices=("Material missing", "Test"), required=True
    )
    qtbot.addWidget(ask)
    assert not ask.ok.isEnabled()
    assert ask.reason.full_text  # says why OK is grey
    ask.choices[0].click()
    assert ask.ok.isEnabled()
    assert ask.value() == "Material missing"


def test_alarm_states_are_told_apart_and_first_out_is_marked(qtbot: QtBot) -> None:
    from hmi.domain.alarms import Alarm, AlarmPriority
    from hmi.ui.alarm_view import AlarmListDialog, alarm_order, state_text

    now = datetime.now(UTC)
    new = Alarm(
        1, "link.plc", "engine", AlarmPriority.MEDIUM, "PLC down", now - timedelta(minutes=5)
    )
    acked = replace(
        new,
        id=2,
        key="failed.7",
        priority=AlarmPriority.HIGH,
        raised_at=now,
        acked_by="op",
        acked_at=now,
    )
    cleared = replace(new, id=3, key="tolerance.8", priority=AlarmPriority.LOW, cleared_at=now)
    shelved = replace(
        new, id=4, key="overrun.9", shelved_by="sup", shelved_until=now + timedelta(minutes=30)
    )
    texts = {state_text(a) for a in (new, acked, cleared)}
    assert len(texts) == 3  # new, acknowledged and cleared read differently
    assert [a.id for a in alarm_order([cleared, new, acked])] == [2, 1, 3]  # priority, then time
    dialog = AlarmListDialog()
    qtbot.addWidget(dialog)
    dialog.show_alarms([new, acked, cleared, shelved])
    assert dialog.model.rowCount() == 3
    assert dialog.show_shelved.text() == "Shelved (1)"
    first = [dialog.model.index(r, 1).data() for r in range(3)]
    assert any(t.startswith("First out") for t in first)  # the oldest of the active ones
    assert dialog.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    dialog.show_shelved.click()
    assert "min" in dialog.table.model().index(0, 1).data()
