"""A tour of every screen of the operator's window: the main window and each dialog, in
each language, with the PLC link up and then down (and the main window with the PLC
FAULTED). `visit` is called with each screen shown; the panel check (tests/ui) measures
it, `hmi --demo --tour DIR` photographs it.

The data shown is real where the demo has it (the engine's queue, alarms, history, audit,
an implausible value the simulated PLC publishes and the line status it stops, a PLC
slot's words, the probe of the simulated PLC) and built from domain records where the
demo would need luck (a batch of 15 materials, a fetch preview with refused orders, a
strict bill of materials Odoo holds).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from hmi.domain.consumption import hold_reason
from hmi.domain.equipment import EquipmentTable
from hmi.domain.gate import GateDecision
from hmi.domain.links import LinkStatus
from hmi.domain.messages import msg
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


def strict_bom_batch(table: EquipmentTable) -> Batch:
    """A batch Odoo's strict BoM holds: dosed off plan, nothing reported ("needs attention")."""
    entries = list(table)[:5]
    dosed = (Decimal("612.40"), Decimal("298.00"), Decimal("41.10"), Decimal("20.00"), None)
    lines = tuple(
        BatchLine(e.id, 9100 + i, 600 + i, e.product_ref, planned, actual)
        for i, (e, planned, actual) in enumerate(
            zip(
                entries,
                (Decimal("600"), Decimal("300"), Decimal("40"), Decimal("20"), Decimal("40")),
                dosed,
                strict=False,
            )
        )
    )
    batch = Batch(
        mo_id=999_002,
        mo_name="WH/MO/09002",
        bom_name="BoM Broiler Starter (strict)",
        product_name="Broiler Starter",
        quantity_kg=Decimal("1000"),
        lines=lines,
        slot=5,
        state=BatchState.NEEDS_ATTENTION,
        queued_at=datetime(2026, 11, 29, 6, 0, tzinfo=UTC),
        produced_kg=Decimal("1000"),
        consumption="strict",
    )
    reason = hold_reason(batch, batch.produced_kg)
    return replace(batch, odoo_message=reason.to_json() if reason else "")


def refusing_preview(batches: tuple[Batch, ...]) -> FetchPreview:
    """A fetch preview with four orders to queue and three refused, one with two reasons."""
    refusals = (
        Refusal(
            9101,
            "WH/MO/09101",
            (
                msg("mapping.no_equipment", mo="WH/MO/09101", component="RM-UNOBTAINIUM"),
                msg(
                    "mapping.component_not_positive",
                    mo="WH/MO/09101",
                    component="RM-SALT",
                    kg=Decimal(0),
                ),
            ),
        ),
        Refusal(
            9102,
            "WH/MO/09102",
            (
                msg(
                    "mapping.order_not_positive",
                    mo="WH/MO/09102",
                    quantity=Decimal(0),
                    uom="kg",
                ),
            ),
        ),
        Refusal(
            9103,
            "WH/MO/09103",
            (
                msg(
                    "mapping.order_unit_not_weight",
                    mo="WH/MO/09103",
                    uom="Units",
                ),
            ),
            write_date=datetime(2026, 11, 29, 5, 40, tzinfo=UTC),
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
        self.probe: Any = None  # the simulated PLC's probe report, taken while it is up

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
        await self.recovery_screens()

    async def _shown(self, name: str, dialog: QWidget) -> None:
        """Show a dialog built here, visit it, close it."""
        dialog.show()
        await self._see(name, dialog)
        dialog.close()
        dialog.deleteLater()

    async def recovery_screens(self) -> None:
        """The supervised recoveries' screens, the refused orders, the probe, the strict BoM
        and the start-up refusal."""
        from hmi.engine.permissions import Action
        from hmi.ui.batch_detail import BatchDetailDialog
        from hmi.ui.number_pad import WeightsDialog
        from hmi.ui.probe_report import ProbeReportDialog
        from hmi.ui.recovery_dialogs import DecisionDialog
        from hmi.ui.refused_orders import RefusedOrdersDialog
        from hmi.ui.startup_refusal import refusal_dialog

        window, engine = self.window, self.engine
        snapshot = engine.snapshot()
        facts = snapshot.recovery
        implausible = [b for b in snapshot.batches if b.mo_id in facts.implausible]
        if implausible:
            mo_id = implausible[0].mo_id
            await self._asked("decision", lambda: window.ask_decision(mo_id), DecisionDialog)
            await self._asked("weights", lambda: window.ask_weights(mo_id), WeightsDialog)
        else:  # the simulated PLC published nothing implausible (yet): the same screens
            batch = fifteen_materials(engine.equipment)
            problem = msg("plc.problem.missing", where=msg("plc.where.feedback", slot=4))
            decision = DecisionDialog(batch, (problem,), None, engine.why_not, engine.equipment)
            await self._shown("decision", decision)
            await self._shown("weights", WeightsDialog(batch, {}, engine.equipment))
        slots = [fb for fb in facts.feedback if fb.mo_name] or list(facts.feedback)
        if slots:
            dialog = window._recovery_dialog(Action.ACK_PLC_SLOT, snapshot, None, slots[0].slot)
            if dialog is not None:
                await self._shown("slot-words", dialog)
        else:  # no slot read yet (the PLC is down): what a resolve would act on instead
            dialog = window._recovery_dialog(Action.RESOLVE_UNKNOWN, snapshot, None, None)
            await self._shown("slot-words", dialog)
        refused = await engine.refused_orders()
        if not refused:
            refused = list(refusing_preview((fifteen_materials(engine.equipment),)).refusals)
        await self._shown("refused-orders", RefusedOrdersDialog(refused, window))
        if self.probe is None and self.link == "up":
            self.probe = await engine.probe_plc()
        if self.probe is not None:
            await self._shown("probe", ProbeReportDialog(self.probe, window))
        held = strict_bom_batch(engine.equipment)
        bom = BatchDetailDialog(  # not in the demo's queue: its buttons shown live
            held, 2.0, window, equipment=engine.equipment, why=lambda *_a, **_k: None
        )
        await self._shown("strict-bom", bom)
        detail = "another HMI (panel-1:4711) already runs on the queue /var/lib/hmi/hmi.sqlite"
        await self._shown("startup-refusal", refusal_dialog(msg("startup.already_running"), detail))

    async def run(
        self,
        translations: Translations,
        *,
        languages: tuple[str, ...] = ("en", "id"),
        go_down: Callable[[], Awaitable[None]] | None = None,
        fault: Callable[[bool], None] | None = None,
        running_within_s: float = 60.0,
        archived: int = 0,
        stopped: bool = False,
    ) -> None:
        """Wait for a batch to run (and `archived` batches in the history, and — `stopped` —
        the line stopped by an alarm), tour with the PLC link up; with `fault` (True: the
        PLC refuses every request, False: it answers again) the main window with the PLC
        FAULTED; take the link down (`go_down`), tour again."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + running_within_s

        async def waiting() -> bool:
            snapshot = self.engine.snapshot()
            if snapshot.running_slot is None and not snapshot.line_status.cause:
                return True
            if stopped and not snapshot.line_status.cause:
                return True
            return await self.engine.history_count() < archived

        while await waiting():
            if loop.time() > deadline:
                raise TimeoutError("the demo did not reach the state toured within the time")
            await asyncio.sleep(0.1)
        for link in ("up", "faulted", "down"):
            if link == "faulted":
                if fault is not None:
                    await self._faulted(translations, languages, fault)
                continue
            if link == "down":
                if go_down is None:
                    continue
                await go_down()
                while self.engine.snapshot().plc.up:
                    await asyncio.sleep(0.1)
            self.link = link
            for language in languages:
                self.language = translations.switch(language)
                await self.every_screen()

    async def _faulted(
        self, translations: Translations, languages: tuple[str, ...], fault: Callable[[bool], None]
    ) -> None:
        """The main window while the PLC answers with exception responses (amber badge)."""
        fault(True)
        try:
            await self._until(lambda: self.engine.snapshot().plc.status is LinkStatus.FAULTED)
            self.link = "faulted"
            for language in languages:
                self.language = translations.switch(language)
                await self._see("main", self.window)
        finally:
            fault(False)
        await self._until(lambda: self.engine.snapshot().plc.status is LinkStatus.UP)

    async def _until(self, condition: Callable[[], bool], seconds: float = 20.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not condition():
            if loop.time() > deadline:
                raise TimeoutError("the simulated PLC did not change its state in time")
            await asyncio.sleep(0.05)
