"""The top of the window, three fixed rows that never move with their content:

1. the header: line name, the PLC/Odoo/database badges (flat: they are not buttons; a tap
   reads the detail), who is signed in (a tap signs in, or opens the user's menu), the alarm
   count button and the clock;
2. the line status: RUNNING / WAITING for … / STOPPED because …, with the action;
3. the alarm banner, in a reserved place (an empty grey line when nothing is active) with
   the count of shelved alarms beside it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from hmi.domain.alarms import Alarm, AlarmPriority
from hmi.domain.line_status import LineMode, LineStatus
from hmi.domain.links import LinkState, LinkStatus, utcnow
from hmi.domain.localtime import to_local
from hmi.domain.users import User
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.i18n import say
from hmi.ui.labels import clean, clock, link_detail, link_text
from hmi.ui.theme import MIN_TOUCH_PX, restyle
from hmi.ui.touch import ElidedLabel

MODE_WORDS = {
    LineMode.RUNNING: ("●", "RUNNING"),
    LineMode.WAITING: ("◌", "WAITING"),
    LineMode.STOPPED: ("■", "STOPPED"),
}
BANNER_LOOK = {AlarmPriority.HIGH: "high", AlarmPriority.MEDIUM: "medium", AlarmPriority.LOW: "low"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Header", text)


def mode_word(mode: LineMode) -> str:
    """RUNNING, WAITING or STOPPED in the window's language, with its symbol."""
    symbol, word = MODE_WORDS[mode]
    names = {
        "RUNNING": QCoreApplication.translate("Header", "RUNNING"),
        "WAITING": QCoreApplication.translate("Header", "WAITING"),
        "STOPPED": QCoreApplication.translate("Header", "STOPPED"),
    }
    return f"{symbol} {names[word]}"


def line_status_text(status: LineStatus) -> tuple[str, str]:
    """(the one line, the detail a tap shows) for a line status."""
    line = f"{mode_word(status.mode)} — {say(status.message)}"
    if status.action is not None:
        line += f" — {say(status.action)}"
    detail = []
    if status.since is not None:
        detail.append(
            QCoreApplication.translate("Header", "Since %1").replace("%1", clock(status.since))
        )
    if status.action is not None:
        detail.append(
            QCoreApplication.translate("Header", "What to do: %1").replace("%1", say(status.action))
        )
    return line, "\n".join(detail)


class Badge(ElidedLabel):
    """A link's state: flat text, red only when down; a tap reads since when and why."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumHeight(MIN_TOUCH_PX)
        self.setProperty("badge", "ok")

    def show_state(self, state: LinkState) -> None:
        """Render one link state."""
        self.set_text(link_text(state), "" if state.up else link_detail(state))
        self.detail_title = link_text(state)
        look = {LinkStatus.UP: "ok", LinkStatus.FAULTED: "faulted"}.get(state.status, "down")
        if self.property("badge") != look:
            self.setProperty("badge", look)
            restyle(self)


class Header(QWidget):
    """Line name, link badges, the Alarms button and the clock, in fixed proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(MIN_TOUCH_PX + 4)
        self.line_name = ElidedLabel()
        self.line_name.setObjectName("title")
        self.badges = {name: Badge() for name in ("PLC", "Odoo", "Database")}
        self.user_button = QPushButton()
        self.user_button.setObjectName("user")
        self.user_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.user: User | None = None
        self.alarms_button = QPushButton()
        self.alarms_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_name, 2)
        for badge in self.badges.values():
            layout.addWidget(badge, 2)
        layout.addWidget(self.user_button, 2)
        layout.addWidget(self.alarms_button)
        layout.addWidget(self.clock)

    def show_user(self, user: User | None) -> None:
        """Who is signed in ('Budi · supervisor'), or the Sign in button."""
        self.user = user
        if user is None:
            self.user_button.setText(QCoreApplication.translate("Header", "Sign in"))
        else:
            role = QCoreApplication.translate("UserAdmin", user.role.value)
            self.user_button.setText(f"{user.name} · {role}")

    def tick(self, now: datetime | None = None) -> None:
        """Show the time (the plant's local time)."""
        self.clock.setText(to_local(now or utcnow()).strftime("%H:%M:%S"))
        if self.user is None:
            self.show_user(None)  # the language may have changed
        width = self.clock.fontMetrics().horizontalAdvance("00:00:00") + 16
        self.clock.setFixedWidth(width)

    def show_snapshot(self, snapshot: EngineSnapshot, line_name: str) -> None:
        """Line name, links and the count of alarms waiting for acknowledgement."""
        self.line_name.set_text(line_name)
        for state in (snapshot.plc, snapshot.odoo, snapshot.db):
            badge = self.badges.get(state.name)
            if badge is not None:
                badge.show_state(state)
        unacked = sum(1 for a in snapshot.alarm_list if not a.acknowledged)
        self.alarms_button.setText(
            QCoreApplication.translate("Header", "Alarms (%1)").replace("%1", str(unacked))
        )
        widest = self.alarms_button.fontMetrics().horizontalAdvance(
            QCoreApplication.translate("Header", "Alarms (%1)")
        )
        self.alarms_button.setFixedWidth(widest + 48)
        if self.alarms_button.property("alarm") != bool(unacked):
            self.alarms_button.setProperty("alarm", bool(unacked))
            restyle(self.alarms_button)


class LineStatusBar(ElidedLabel):
    """The one-line status of the line (from the engine), coloured only when stopped."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedHeight(MIN_TOUCH_PX)
        self.setProperty("line", "waiting")

    def show_status(self, status: LineStatus, why_not: str = "") -> None:
        """Render the engine's line status (`why_not`: why its action cannot run now)."""
        line, detail = line_status_text(status)
        if why_not:
            detail += "\n" + QCoreApplication.translate("Header", "Not now: %1").replace(
                "%1", why_not
            )
        self.detail_title = mode_word(status.mode)
        self.set_text(line, detail)
        if self.property("line") != status.mode.value:
            self.setProperty("line", status.mode.value)
            restyle(self)


class AlarmBanner(QWidget):
    """The most important active alarm in a reserved line; the shelved count beside it.

    New (unacknowledged) alarms fill the line with their priority colour; acknowledged
    ones are outlined only. A tap opens the alarm list.
    """

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(MIN_TOUCH_PX - 4)
        self.text = ElidedLabel()
        self.text.setProperty("banner", "none")
        self.text.read_on_tap = False
        self.text.tapped.connect(self.tapped)
        self.shelved = QLabel()
        self.shelved.setObjectName("reason")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.shelved)
        self.top: Alarm | None = None

    def show_alarms(self, banner: tuple[Alarm, ...], alarm_list: tuple[Alarm, ...]) -> None:
        """The first of `banner` (engine order: most severe, new before acknowledged)."""
        now = utcnow()
        self.top = banner[0] if banner else None
        if self.top is None:
            self.text.set_text(QCoreApplication.translate("Header", "No active alarm"))
            look = "none"
        else:
            more = len(banner) - 1
            extra = (
                "   " + QCoreApplication.translate("Header", "(+%1 more)").replace("%1", str(more))
                if more
                else ""
            )
            self.text.set_text(f"■ {clean(say(self.top.message))}{extra}")
            look = "acked" if self.top.acknowledged else BANNER_LOOK[self.top.priority]
        self.text.detail = ""
        if self.text.property("banner") != look:
            self.text.setProperty("banner", look)
            restyle(self.text)
        shelved = sum(1 for a in alarm_list if a.shelved(now))
        self.shelved.setText(
            QCoreApplication.translate("Header", "%1 shelved").replace("%1", str(shelved))
            if shelved
            else ""
        )
        self.shelved.setVisible(bool(shelved))
