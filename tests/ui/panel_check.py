"""Opens the operator's window and every dialog on a panel-sized screen and lists what an
operator could not use: a window larger than the screen, a button off the screen, a control
under 48 px, clipped text, an English word in Indonesian.

Run in its own process (the screen's size is fixed when Qt starts), by `test_panel_fit.py`:

    QT_QPA_PLATFORM="offscreen:configfile=screen.json" python tests/ui/panel_check.py
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python tests/ui/panel_check.py      # a real X window

It runs the demo plant (both simulators on loopback) with a batch running, PLC link up
and then down, in English and Indonesian, and prints one JSON object: the screen and the
problems found (an empty list is a pass).
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QTableView,
    QWidget,
)

from hmi.domain.texts import TEXTS
from hmi.ui.i18n import translations_dir
from hmi.ui.theme import MIN_TOUCH_PX
from hmi.ui.touch import ElidedLabel

Problem = dict[str, str]
#: Words that are the same in both languages (names, units, symbols) are not "untranslated".
PLACEHOLDER = re.compile(r"%\d|\{[^}]*\}")


def english_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Every English text of ours whose Indonesian differs: Qt's .ts and the catalogue."""
    pairs: list[tuple[str, str]] = []
    tree = ET.parse(translations_dir() / "hmi_id.ts")
    for message in tree.iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation")
        pairs.append((source, translation or ""))
    pairs.extend(TEXTS.values())
    patterns = []
    for english, indonesian in pairs:
        bare = PLACEHOLDER.sub("", english)
        if english == indonesian or len(re.sub(r"[\W\d_]+", "", bare)) < 3:
            continue
        parts = [re.escape(p) for p in PLACEHOLDER.split(english)]
        patterns.append((re.compile("^" + ".+?".join(parts) + "$", re.DOTALL), english))
    return patterns


def shown(widget: QWidget) -> bool:
    """On screen: visible and not scrolled out of its scroll area."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def in_scroll_area(widget: QWidget) -> bool:
    """Inside a scroll area's content (reachable by scrolling, not necessarily in view)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def global_rect(widget: QWidget) -> QRect:
    """The widget's rectangle in screen coordinates."""
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def texts_of(widget: QWidget) -> Iterator[str]:
    """Every text the operator can read in a widget."""
    if isinstance(widget, ElidedLabel):
        yield widget.full_text
    elif (isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.RichText) or (
        isinstance(widget, QLabel) and "<br>" in widget.text()
    ):
        for line in re.sub(r"<(?!br)[^>]+>", "", widget.text()).split("<br>"):
            yield line
            yield from line.split(" · ")
    elif isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        for column in range(model.columnCount()):
            if not widget.isColumnHidden(column):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for row in range(min(model.rowCount(), 30)):
                    yield str(model.index(row, column).data() or "")
    if widget.isWindow():
        yield widget.windowTitle()


def clipped(widget: QWidget) -> str | None:
    """Why the widget's text does not fit its rectangle, or None."""
    metrics = widget.fontMetrics()
    if isinstance(widget, ElidedLabel):
        return None  # elides by design; the whole text is a tap away
    if (
        isinstance(widget, QLabel)
        and widget.text()
        and widget.textFormat() != Qt.TextFormat.RichText
    ):
        room = widget.contentsRect()
        if widget.wordWrap():
            need = widget.heightForWidth(room.width())
            return (
                f"needs {need} px of height, has {room.height()}"
                if need > room.height() + 2
                else None
            )
        width = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n"))
        return f"needs {width} px, has {room.width()}" if width > room.width() + 1 else None
    if isinstance(widget, QCheckBox):
        width = metrics.horizontalAdvance(widget.text()) + MIN_TOUCH_PX
        return f"needs {width} px, has {widget.width()}" if width > widget.width() + 1 else None
    if isinstance(widget, QPushButton) and widget.text():
        width = metrics.horizontalAdvance(widget.text()) + 8
        return f"needs {width} px, has {widget.width()}" if width > widget.width() else None
    if isinstance(widget, QComboBox):
        width = metrics.horizontalAdvance(widget.currentText()) + 36
        return f"needs {width} px, has {widget.width()}" if width > widget.width() else None
    if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        model = widget.model()
        for column in range(model.columnCount() if model else 0):
            if widget.isSectionHidden(column) or widget.sectionSize(column) == 0:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if metrics.horizontalAdvance(title) + 8 > widget.sectionSize(column):
                return f"column title {title!r} does not fit"
    return None


def too_small(widget: QWidget) -> str | None:
    """Why the control is below the 48 px touch size, or None."""
    if isinstance(widget, QScrollBar):
        if widget.maximum() == widget.minimum():
            return None
        thick = (
            widget.width() if widget.orientation() == Qt.Orientation.Vertical else widget.height()
        )
        return f"scrollbar {thick} px thick" if thick < MIN_TOUCH_PX else None
    controls = QAbstractButton | QComboBox | QLineEdit
    if isinstance(widget, controls) and min(widget.height(), widget.width()) < MIN_TOUCH_PX:
        return f"{widget.width()} × {widget.height()} px"
    if isinstance(widget, QTableView) and widget.model() is not None:
        header = widget.verticalHeader()
        rows = widget.model().rowCount()
        if rows and min(header.sectionSize(r) for r in range(min(rows, 20))) < MIN_TOUCH_PX:
            return "rows under 48 px"
    if isinstance(widget, QComboBox):
        view = widget.view()
        if widget.count() and view.sizeHintForRow(0) < MIN_TOUCH_PX:
            return f"list rows {view.sizeHintForRow(0)} px"
    return None


class Checker:
    """Collects problems of every window shown, named by where they were seen."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.screen = app.primaryScreen().geometry()
        self.patterns = english_patterns()
        self.problems: list[Problem] = []
        self.checked: list[str] = []
        self.language = "en"
        self.link = "up"

    def add(self, where: str, widget: QWidget, problem: str) -> None:
        name = widget.objectName() or type(widget).__name__
        text = next(iter(texts_of(widget)), "")[:60]
        self.problems.append(
            {
                "where": where,
                "language": self.language,
                "link": self.link,
                "widget": f"{name} {text!r}",
                "problem": problem,
            }
        )

    def check(self, where: str, window: QWidget) -> None:
        """Check one top-level window and everything in it."""
        self.checked.append(f"{where}/{self.language}/{self.link}")
        print("checked", self.checked[-1], file=sys.stderr, flush=True)
        frame = window.frameGeometry()
        if not self.screen.contains(frame):
            self.add(
                where,
                window,
                f"window {frame.getRect()} is not inside the screen {self.screen.getRect()}"
                f" (its minimum: {window.minimumSizeHint().toTuple()})",
            )
        for widget in [window, *window.findChildren(QWidget)]:
            if not shown(widget):
                continue
            if isinstance(widget, QAbstractButton) and not in_scroll_area(widget):
                rect = global_rect(widget)
                if not (self.screen.contains(rect) and global_rect(window).contains(rect)):
                    self.add(where, widget, "button not on the screen")
            small = too_small(widget)
            if small:
                self.add(where, widget, f"control under 48 px: {small}")
            clip = clipped(widget)
            if clip:
                self.add(where, widget, f"text clipped: {clip}")
            if self.language == "id":
                for text in texts_of(widget):
                    english = self.untranslated(text)
                    if english:
                        self.add(where, widget, f"English in Indonesian: {text!r} ({english!r})")
        self.check_log(where, window)

    def check_log(self, where: str, window: QWidget) -> None:
        """Every line of the log console is a catalogue message (never a sentence built in
        English by the engine): a top-level plain text is a leak in any language."""
        from hmi.ui.log_console import LogConsole

        for console in window.findChildren(LogConsole):
            for event in console.model.events():
                if event.message.code == "text":
                    self.add(where, console, f"log line not a message code: {event.message}")

    def untranslated(self, text: str) -> str | None:
        text = text.strip().rstrip("…").strip()
        if not text:
            return None
        for pattern, english in self.patterns:
            if pattern.match(text):
                return english
        return None


async def scenario(checker: Checker) -> None:
    """The demo with a batch running and an equipment alarm; every screen checked."""
    from hmi.demo import DemoPlant
    from hmi.engine.qt_driver import EngineDriver
    from hmi.ui.i18n import Translations
    from hmi.ui.main_window import MainWindow
    from hmi.ui.tour import Tour

    plant = DemoPlant(speed=30.0)
    await plant.start()
    assert plant.plc is not None
    plant.plc.faults.publish_implausible(2, "overdose")  # the line stops: a decision waits
    runtime = plant.build()
    engine = runtime.engine
    await engine.start()
    driver = EngineDriver(engine)
    translations = Translations(checker.app)
    translations.switch("en")
    window = MainWindow(driver, translations=translations)
    window.apply_kiosk(True)  # the panel's way: the whole screen, no frame
    driver.start()
    assert plant.plc is not None
    plant.plc.inject_equipment_failure(103, 12, "motor overload")

    async def visit(name: str, widget: QWidget, language: str, link: str) -> None:
        checker.language, checker.link = language, link
        checker.check(name, widget)

    faults = plant.plc.faults

    def fault(on: bool) -> None:
        if on:
            faults.refuse_all(4)
        else:
            faults.clear_refusals()

    try:
        await Tour(window, visit).run(
            translations, go_down=plant.plc.stop, fault=fault, stopped=True, running_within_s=90
        )
    finally:
        await driver.drain()
        window.close()
        await engine.stop()
        await plant.stop()
        translations.switch("en")


def main() -> int:
    """Run the check; print the JSON result; exit 0 (the test reads the problems)."""
    import qasync

    from hmi.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)
    checker = Checker(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    error = ""
    with loop:
        try:
            loop.run_until_complete(asyncio.wait_for(scenario(checker), 280))
        except Exception:  # reported in the JSON: the test shows it
            import traceback

            error = traceback.format_exc()
    screen = checker.screen
    print(
        json.dumps(
            {
                "platform": QApplication.platformName(),
                "screen": [screen.width(), screen.height()],
                "checked": checker.checked,
                "problems": checker.problems,
                "error": error,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
