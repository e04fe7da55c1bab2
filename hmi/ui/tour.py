"""A tour of every screen of the operator's window: the main window and each dialog, in
each language, with the PLC link up and then down. `visit` is called with each screen
shown; the panel check (tests/ui) measures it, `hmi --demo --tour DIR` photographs it.

The data shown is real where the demo has it (the engine's queue, alarms, history, audit)
and built from domain records where the demo would need luck (a batch of 15 materials,
a fetch preview with refused orders).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from hmi.domain.equipment import EquipmentTable
from hmi.domain.gate import GateDecision
from hmi.domain.messages import plain
from hmi.domain.model import Batch, BatchLine, Refusal
from hmi.domain.states import BatchState
from hmi.engine.snapshot import FetchPreview
from hmi.ui.i18n import Translations

#: visit(screen name, the window shown, language, "up" or "down")
Visit = Callable[[str, QWidget, str, str], Awaitable[None]]
SETTLE_S = 0.15


def fifteen_materials(table: EquipmentTable) -> Batch:
    """A running batch of 15 materials: every silo and tank of the plant's table."""
    lines = tuple(
        BatchLine(
            e.id, 9000 + i, 500 + i, e.product_ref, Decimal(100 + 10 * i), Decimal(90 + 10 * i)
        )
        for i, e in enumerate(table)
    )
    return Batch(
        mo_id=999_001,
        mo_name="WH/MO/09001",
        bom_name="BoM Layer Mash 15",
        product_name="Layer Mash Premium, 15 materials",
        quantity_kg=Decimal(3075),
        lines=lines,
        slot=4,
        state=BatchState.FAILED,
        odoo_message="Odoo refused: not enough stock of Soybean meal in WH/Stock",
        queued_at=datetime(2026, 11, 29, 6, 0, tzinfo=UTC),
    )


def refusing_preview(batches: tuple[Batch, ...]) -> FetchPreview:
    """A fetch preview with four orders to queue and three refused, one long reason."""
    refusals = (
        Refusal(
            9101,
            "WH/MO/09101",
            (
                plain(
                    "component RM-UNOBTAINIUM (Unobtainium powder) has no "
                    "silo or tank in the equipment table: add it or change "
                    "the bill of materials"
                ),
            ),
        ),
        Refusal(9102, "WH/MO/09102", (plain("quantity 0 kg of RM-SALT is not more than 0"),)),
        Refusal(
            9103, "WH/MO/09103", (plain("the MO name is longer than the PLC's 16 characters"),)
        ),
    )
    return FetchPreview(batches=batches[:4], refusals=refusals, gate=GateDecision(open=True))


async def settle(seconds: float = SETTLE_S) -> None:
    """Let Qt lay out and paint (never processEvents() inside a coroutine)."""
    await asyncio.sleep(seconds)


async def visible_dialog(parent: QWidget, kind: type[QDialog]) -> QDialog:
    """The visible dialog of `kind` that `parent` opened (polled, 4 s at most)."""
    for _ in range(200):
        found = [d for d in parent.findChildren(kind) if d.isVisible()]
        if found:
            await settle()
            return found[-1]
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no {kind.__name__} opened")


class Tour:
    """Shows every screen in turn and calls `visit` for each."""

    def __init__(self, window: Any, visit: Visit) -> None:
        self.window = window
        self.engine = window.engine
        self.visit = visit
        self.language = "en"
        self.link = "up"

    async def _see(self, name: str, widget: QWidget) -> None:
        await settle()
        await self.visit(name, widget, self.language, self.link)

    async def _asked(
        self, name: str, ask: Callable[[], Awaitable[Any]], kind: type[QDialog]
    ) -> None:
        """Start `ask` (it opens a dialog), visit the dialog, cancel it."""
        task = asyncio.ensure_future(ask())
        dialog = await visible_dialog(self.window, kind)
        await self._see(name, dialog)
        dialog.reject()
        await asyncio.wait_for(task, 10)

    async def every_screen(self) -> None:
        """The main window and every dialog, in the current language and link state."""
        from hmi.ui.audit_view import AuditDialog
        from hmi.ui.batch_detail import BatchDetailDialog
        from hmi.ui.fetch_dialog import FetchDialog
        from hmi.ui.history_view import HistoryDialog
        from hmi.ui.keyboard import KeyboardDialog
        from hmi.ui.pin_pad import PinPadDialog
        from hmi.ui.records_menu import RecordsMenu
        from hmi.ui.settings_dialog import SettingsDialog
        from hmi.ui.sign_in import SignInDialog
        from hmi.ui.touch import show_text
        from hmi.ui.user_admin import UserAdminDialog

        window, engine = self.window, self.engine
        await self._see("main", window)
        batch = fifteen_materials(engine.equipment)
        detail = BatchDetailDialog(
            batch, 2.0, window, equipment=engine.equipment, why=engine.why_not
        )
        detail.show()
        await self._see("batch-detail", detail)
        detail.close()
        detail.deleteLater()
        batches = engine.snapshot().batches or (batch,)
        preview = refusing_preview(batches * 4)
        await self._asked("fetch-preview", lambda: window.confirm_fetch(preview), FetchDialog)
        window.on_alarms()
        alarms = window.alarm_dialog
        if alarms.model.alarms:
            alarms.select_alarm(alarms.model.alarms[0].id)
        await self._see("alarms", alarms)
        alarms.show_shelved.click()
        await self._see("alarms-shelved", alarms)
        alarms.close()
        history = HistoryDialog(engine, window)
        await history.load()
        history.show()
        await history.model.wait_idle()
        await self._see("history", history)
        history.close()
        history.deleteLater()
        audit = AuditDialog(window)
        audit.show_entries(await engine.audit_entries(200))
        audit.show()
        await self._see("audit", audit)
        audit.close()
        audit.deleteLater()
        await self._asked(
            "settings", lambda: window.edit_settings(engine.settings, True), SettingsDialog
        )
        await self._asked("pin", lambda: window.ask_pin("cancel batch", False), PinPadDialog)
        awaited_users = await engine.users()
        names = tuple(u.name for u in awaited_users)
        await self._asked("sign-in", lambda: window.ask_identity("sign in", names), SignInDialog)
        await self._asked("users", lambda: window.edit_users(list(awaited_users)), UserAdminDialog)
        await self._asked("keyboard", lambda: window.ask_reason("cancel"), KeyboardDialog)
        menu = RecordsMenu(window)
        menu.show()
        await self._see("records", menu)
        menu.close()
        menu.deleteLater()
        text = show_text(window, "Log", "A long line of the log " * 30)
        await self._see("text", text)
        text.close()

    async def run(
        self,
        translations: Translations,
        *,
        languages: tuple[str, ...] = ("en", "id"),
        go_down: Callable[[], Awaitable[None]] | None = None,
        running_within_s: float = 60.0,
        archived: int = 0,
    ) -> None:
        """Wait for a batch to run (and `archived` batches in the history), tour with the
        PLC link up, take it down, tour again."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + running_within_s
        while (
            self.engine.snapshot().running_slot is None
            or await self.engine.history_count() < archived
        ):
            if loop.time() > deadline:
                raise TimeoutError("no batch started within the time given")
            await asyncio.sleep(0.1)
        for link in ("up", "down") if go_down is not None else ("up",):
            if link == "down" and go_down is not None:
                await go_down()
                while self.engine.snapshot().plc.up:
                    await asyncio.sleep(0.1)
            self.link = link
            for language in languages:
                self.language = translations.switch(language)
                await self.every_screen()
