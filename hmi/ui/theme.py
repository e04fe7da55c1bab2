"""ISA-101 look: grey and calm, colour only for abnormal states, touch targets sized in mm."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from hmi.domain.states import BatchState

MM_PER_INCH = 25.4
TOUCH_MM = 10.0  # every touch target
PRIMARY_MM = 15.0  # primary actions (Fetch, Confirm)
MIN_TOUCH_PX = 48  # DESIGN §8 floor, whatever the DPI says
FONT_PT = 12  # readable at arm's length on a 10-15 inch panel, fits 1024 × 768

BACKGROUND = "#c8c8c8"  # ISA-101 light grey
PANEL = "#d9d9d9"
TEXT = "#1a1a1a"
MUTED = "#505050"
NORMAL_BAR = "#6e6e6e"  # progress in dark grey: normal is not coloured
ALARM = "#d01c1c"  # red: failed, down, alarm
WARNING = "#f0c000"  # amber: needs attention, implausible
ALARM_TEXT = "#ffffff"
WARNING_TEXT = "#1a1a1a"
MEDIUM = "#f0a030"  # orange: medium-priority alarm
LOW = "#f5e08a"  # pale yellow: low-priority alarm

ABNORMAL_STATES: dict[BatchState, tuple[str, str]] = {
    BatchState.FAILED: (ALARM, ALARM_TEXT),
    BatchState.NEEDS_ATTENTION: (WARNING, WARNING_TEXT),
}


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes derived from the panel's logical DPI."""

    dpi: float
    touch_px: int
    primary_px: int
    font_pt: int


def mm_to_px(mm: float, dpi: float) -> int:
    """Convert millimetres to pixels at `dpi` (rounded up so targets are never too small)."""
    if dpi <= 0:
        raise ValueError(f"screen DPI must be positive, got {dpi}")
    return int(-(-mm * dpi // MM_PER_INCH))


def metrics(dpi: float | None = None) -> Metrics:
    """Touch and font sizes for `dpi` (default: the primary screen's logical DPI)."""
    if dpi is None:
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    touch = max(MIN_TOUCH_PX, mm_to_px(TOUCH_MM, dpi))
    primary = max(touch, mm_to_px(PRIMARY_MM, dpi))
    return Metrics(dpi=dpi, touch_px=touch, primary_px=primary, font_pt=FONT_PT)


def state_colours(state: BatchState) -> tuple[QColor, QColor] | None:
    """(background, text) for an abnormal state, or None: normal states stay grey."""
    pair = ABNORMAL_STATES.get(state)
    if pair is None:
        return None
    return QColor(pair[0]), QColor(pair[1])


def stylesheet(m: Metrics) -> str:
    """The application's style sheet for metrics `m`.

    Buttons are raised (border, rounded corners); status badges and labels are flat, so
    nothing that is not a button looks like one. Every control, scrollbar, list row,
    checkbox and combo item is at least `m.touch_px` high.
    """
    t = m.touch_px
    b = "font-weight: bold"
    return f"""
QWidget {{ background: {BACKGROUND}; color: {TEXT}; font-size: {m.font_pt}pt; }}
QLabel {{ background: transparent; }}
QDialog {{ border: 2px solid #606060; }}
QPushButton, QToolButton, QComboBox, QLineEdit {{ min-height: {t}px; padding: 0 10px; }}
QPushButton, QToolButton {{
    min-width: {t}px; background: {PANEL}; border: 2px solid #7a7a7a; border-radius: 6px;
}}
QPushButton:pressed, QToolButton:pressed {{ background: #b0b0b0; }}
QPushButton:checked {{ background: #a8a8a8; border-color: #303030; }}
QPushButton:disabled {{ color: #8a8a8a; background: #cfcfcf; border: 2px dashed #a8a8a8; }}
QPushButton[primary="true"] {{ min-height: {m.primary_px}px; font-weight: bold; }}
QLineEdit, QComboBox {{ background: #ececec; border: 1px solid #8a8a8a; }}
QLineEdit:disabled, QComboBox:disabled {{
    color: #8a8a8a; background: #cfcfcf; border-style: dashed;
}}
QComboBox QAbstractItemView {{ background: #ececec; }}
QComboBox QAbstractItemView::item {{ min-height: {t}px; }}
QCheckBox {{ min-height: {t}px; spacing: 12px; }}
QCheckBox::indicator {{ width: {t - 12}px; height: {t - 12}px; }}
QTableView, QListView, QHeaderView {{ font-size: {m.font_pt - 1}pt; }}
QTableView, QListView {{
    background: #e4e4e4; alternate-background-color: #dcdcdc; gridline-color: #b4b4b4;
    selection-background-color: #9a9a9a; selection-color: {TEXT};
}}
QHeaderView::section {{ background: #b8b8b8; padding: 4px; border: 0; font-weight: bold; }}
QScrollBar:vertical {{ width: {t}px; background: #d0d0d0; }}
QScrollBar:horizontal {{ height: {t}px; background: #d0d0d0; }}
QScrollBar::handle {{ background: #8a8a8a; min-height: {t}px; min-width: {t}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QFrame#panel {{ background: {PANEL}; border: 1px solid #a0a0a0; border-radius: 4px; }}
QLabel#title {{ font-size: {m.font_pt + 4}pt; font-weight: bold; }}
QLabel#clock {{ font-size: {m.font_pt + 2}pt; font-weight: bold; }}
QLabel#reason {{ color: {MUTED}; font-style: italic; }}
QLabel#error {{ color: {ALARM}; font-weight: bold; }}
QLabel[badge="ok"] {{ color: {TEXT}; padding: 0 8px; }}
QLabel[badge="down"] {{ background: {ALARM}; color: {ALARM_TEXT}; {b}; padding: 0 8px; }}
QLabel[badge="faulted"] {{ background: {WARNING}; color: {WARNING_TEXT}; {b}; padding: 0 8px; }}
QLabel[banner="none"] {{ color: {MUTED}; padding: 0 10px; }}
QLabel[banner="high"] {{ background: {ALARM}; color: {ALARM_TEXT}; {b}; padding: 0 10px; }}
QLabel[banner="medium"] {{ background: {MEDIUM}; color: #000000; {b}; padding: 0 10px; }}
QLabel[banner="low"] {{ background: {LOW}; color: #000000; {b}; padding: 0 10px; }}
QLabel[banner="acked"] {{ border: 3px solid {ALARM}; {b}; padding: 0 10px; }}
QLabel[line="running"] {{ padding: 0 10px; {b}; }}
QLabel[line="waiting"] {{ padding: 0 10px; {b}; color: #303030; }}
QLabel[line="stopped"] {{
    background: {ALARM}; color: {ALARM_TEXT}; padding: 0 10px; font-weight: bold;
}}
QPushButton[alarm="true"] {{ background: {ALARM}; color: {ALARM_TEXT}; font-weight: bold; }}
"""


def apply_theme(app: QApplication, dpi: float | None = None) -> Metrics:
    """Apply font and style sheet to `app`; return the metrics used."""
    m = metrics(dpi)
    font = QFont(app.font())
    font.setPointSize(m.font_pt)
    app.setFont(font)
    app.setStyleSheet(stylesheet(m))
    return m


def restyle(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property changed (e.g. link up/down)."""
    style = widget.style()  # type: ignore[attr-defined]
    style.unpolish(widget)
    style.polish(widget)
