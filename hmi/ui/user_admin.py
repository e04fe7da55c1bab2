"""User administration and the first administrator, as touch dialogs, and the view side of the
session's questions (`UsersHost`, a mixin of MainWindow).

A change is asked as a short sequence of the panel's dialogs (a name on the keyboard, a role
from buttons, a PIN on the keypad twice); the presenter approves it with an administrator's
PIN and the engine audits it. No PIN or hash is ever shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hmi.domain.users import User
from hmi.ui.dialogs import run_dialog
from hmi.ui.header import Header
from hmi.ui.keyboard import KeyboardDialog
from hmi.ui.pin_pad import PinPadDialog
from hmi.ui.session import ROLE_CHOICES, UserEdit
from hmi.ui.sign_in import SignInDialog
from hmi.ui.touch import TouchDialog, touch_table

#: What each administration button asks for.
KINDS = ("add", "role", "badge", "pin", "active")


def role_word(role: str) -> str:
    """A role in the window's language."""
    words = {
        "operator": QCoreApplication.translate("UserAdmin", "operator"),
        "supervisor": QCoreApplication.translate("UserAdmin", "supervisor"),
        "maintenance": QCoreApplication.translate("UserAdmin", "maintenance"),
        "administrator": QCoreApplication.translate("UserAdmin", "administrator"),
    }
    return words.get(role, role)


class UserAdminDialog(TouchDialog):
    """The named users (name, role, badge, active) and one change at a time."""

    def __init__(self, users: list[User], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Users"))
        self.users = users
        self.kind = ""
        self.table = QTableWidget(len(users), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Badge"), self.tr("Active")]
        )
        for row, user in enumerate(users):
            cells = (
                user.name,
                role_word(user.role.value),
                user.badge or "—",
                self.tr("yes") if user.active else self.tr("no"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        touch_table(self.table)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.body.addWidget(self.table, 1)
        labels = {
            "add": self.tr("Add user…"),
            "role": self.tr("Role…"),
            "badge": self.tr("Badge…"),
            "pin": self.tr("New PIN…"),
            "active": self.tr("Deactivate / activate"),
        }
        self.buttons: dict[str, QPushButton] = {}
        for kind in KINDS:
            button = self.add_button(QPushButton(labels[kind]))
            button.clicked.connect(lambda _c=False, k=kind: self._choose(k))
            self.buttons[kind] = button
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.reject)
        self.want_size(1000, 640)
        self._enable()

    def selected(self) -> User | None:
        """The user of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for kind, button in self.buttons.items():
            button.setEnabled(kind == "add" or chosen)
        self.reason.set_text("" if chosen else self.tr("Tap a user to change them."))

    def _choose(self, kind: str) -> None:
        self.kind = kind
        self.accept()


class UsersHost:
    """Implements the session's questions with touch dialogs (mixin of MainWindow)."""

    header: Header
    dialog: QDialog | None

    def _host(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    async def _run(self, dialog: QDialog) -> bool:
        self.dialog = dialog
        try:
            return await run_dialog(dialog) == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
            self.dialog = None

    async def ask_identity(self, purpose: str, names: tuple[str, ...]) -> tuple[str, str] | None:
        """Name or badge and PIN of a user (to sign in, or to approve `purpose`)."""
        if purpose == "sign in":
            title, prompt = (
                QCoreApplication.translate("UserAdmin", "Sign in"),
                QCoreApplication.translate(
                    "UserAdmin", "Tap your name or scan your badge, then your PIN."
                ),
            )
        else:
            title = QCoreApplication.translate("UserAdmin", "Approval needed")
            prompt = QCoreApplication.translate(
                "UserAdmin", "'%1' needs a user allowed to do it: their name or badge, then PIN."
            )
            prompt = prompt.replace("%1", purpose)
        dialog = SignInDialog(title, prompt, names, self._host())
        return dialog.value() if await self._run(dialog) else None

    async def _text(self, title: str, prompt: str, choices: tuple[str, ...] = ()) -> str | None:
        ask = KeyboardDialog(title, prompt, choices=choices, parent=self._host())
        return ask.value() if await self._run(ask) else None

    async def _new_pin(self, title: str) -> str | None:
        first = PinPadDialog(
            QCoreApplication.translate("UserAdmin", "Type the new PIN (4 to 8 digits)."),
            self._host(),
        )
        first.setWindowTitle(title)
        if not await self._run(first):
            return None
        pin = first.pin()
        again = PinPadDialog(
            QCoreApplication.translate("UserAdmin", "Type the new PIN once more."), self._host()
        )
        again.setWindowTitle(title)
        if not await self._run(again):
            return None
        if again.pin() != pin:
            self.tell_plain(
                title,
                QCoreApplication.translate(
                    "UserAdmin", "The two PINs differ: nothing was changed."
                ),
            )
            return None
        return pin

    def tell_plain(self, title: str, text: str) -> None:
        """A calm message in the window's words (the DialogHost shows it)."""
        from hmi.ui.touch import show_text

        show_text(self._host(), title, text)

    async def ask_first_admin(self) -> tuple[str, str, str] | None:
        """Name, PIN and (optional) badge of the installation's first administrator."""
        title = QCoreApplication.translate("UserAdmin", "First start: the administrator")
        name = await self._text(
            title,
            QCoreApplication.translate(
                "UserAdmin",
                "Nobody may cancel, clear, shelve or change settings yet. Type the name of the "
                "first administrator (they add the other users).",
            ),
        )
        if not name:
            return None
        pin = await self._new_pin(title)
        if pin is None:
            return None
        badge = await self._text(
            title,
            QCoreApplication.translate(
                "UserAdmin", "Badge number (optional: leave empty or scan it)."
            ),
        )
        return name, pin, badge or ""

    async def edit_users(self, users: list[User]) -> UserEdit | None:
        """The user list and one change to it."""
        dialog = UserAdminDialog(users, self._host())
        user = None
        if not await self._run(dialog):
            return None
        kind, user = dialog.kind, dialog.selected()
        title = QCoreApplication.translate("UserAdmin", "Users")
        roles = tuple(role_word(r) for r in ROLE_CHOICES)
        if kind == "add":
            name = await self._text(
                title, QCoreApplication.translate("UserAdmin", "Name of the new user.")
            )
            role = (
                await self._text(
                    title, QCoreApplication.translate("UserAdmin", "Role of the new user."), roles
                )
                if name
                else None
            )
            pin = await self._new_pin(title) if role else None
            if not (name and role and pin):
                return None
            badge = await self._text(
                title, QCoreApplication.translate("UserAdmin", "Badge number (optional).")
            )
            return UserEdit("add", name=name, role=_role_value(role), pin=pin, badge=badge or "")
        if user is None:
            return None
        if kind == "role":
            role = await self._text(
                title,
                QCoreApplication.translate("UserAdmin", "New role of %1.").replace("%1", user.name),
                roles,
            )
            return UserEdit("role", user, role=_role_value(role)) if role else None
        if kind == "badge":
            badge = await self._text(
                title,
                QCoreApplication.translate("UserAdmin", "Badge of %1 (empty: none).").replace(
                    "%1", user.name
                ),
            )
            return UserEdit("badge", user, badge=badge or "") if badge is not None else None
        if kind == "pin":
            pin = await self._new_pin(title)
            return UserEdit("pin", user, pin=pin) if pin else None
        return UserEdit("active", user, active=not user.active)

    async def ask_user_menu(self, user: User) -> str | None:
        """What the signed-in user wants: "out", "switch", "users" (administrators), or None."""
        menu = TouchDialog(self._host(), scroll=False)
        menu.setWindowTitle(f"{user.name} · {role_word(user.role.value)}")
        chosen: list[str] = []
        entries = [
            ("out", QCoreApplication.translate("UserAdmin", "Sign out")),
            ("switch", QCoreApplication.translate("UserAdmin", "Another user signs in")),
        ]
        if user.may("manage users"):
            entries.append(("users", QCoreApplication.translate("UserAdmin", "Users…")))

        def choose(key: str) -> None:
            chosen.append(key)
            menu.accept()

        for key, label in entries:
            button = QPushButton(label)
            button.setProperty("primary", True)
            button.clicked.connect(lambda _c=False, k=key: choose(k))
            menu.body.addWidget(button)
        menu.body.addStretch(1)
        close = menu.add_button(
            QPushButton(QCoreApplication.translate("UserAdmin", "Close")), stretch_before=True
        )
        close.clicked.connect(menu.reject)
        menu.want_size(480, 360)
        return chosen[0] if await self._run(menu) and chosen else None

    def show_user(self, user: User | None) -> None:
        """Who is signed in, in the header."""
        self.header.show_user(user)


def _role_value(word: str) -> str:
    """The role value of a role word in any language."""
    for role in ROLE_CHOICES:
        if word.strip().casefold() in (role, role_word(role).casefold()):
            return role
    return word.strip()
