"""The view side of the supervised recoveries (the presenter's `RecoveryView`): what each
recovery acts on, built from the engine's latest snapshot, and the decision, keypad,
refused-orders and probe dialogs. A mixin of `MainWindow`; every dialog is opened with
`open()` and awaited (never `exec()` inside a coroutine)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from hmi.domain.model import Batch, Refusal
from hmi.domain.stalls import Decision
from hmi.engine.permissions import Action
from hmi.engine.probe import ProbeReport
from hmi.engine.recovery_checks import feedback_of, resendable, storable
from hmi.engine.snapshot import EngineSnapshot
from hmi.ui.dialogs import run_dialog
from hmi.ui.i18n import QT_TRANSLATE_NOOP, say
from hmi.ui.labels import clean, clock
from hmi.ui.number_pad import WeightsDialog
from hmi.ui.probe_report import ProbeReportDialog
from hmi.ui.recovery_dialogs import DecisionDialog, RecoveryDialog, suspects
from hmi.ui.refused_orders import RefusedOrdersDialog

#: What each recovery's dialog says (translated in context "RecoveryHost").
TEXTS = {
    "resend": QT_TRANSLATE_NOOP("RecoveryHost", "Resend batches"),
    "resend_go": QT_TRANSLATE_NOOP("RecoveryHost", "Resend batches…"),
    "resend_text": QT_TRANSLATE_NOOP(
        "RecoveryHost",
        "The PLC asks for new data and no longer holds these batches. They are written to it "
        "again, each in its slot. A batch the PLC has started is never written again.",
    ),
    "slot_line": QT_TRANSLATE_NOOP("RecoveryHost", "Slot %1: %2 — %3"),
    "slot": QT_TRANSLATE_NOOP("RecoveryHost", "PLC slot %1"),
    "slot_go": QT_TRANSLATE_NOOP("RecoveryHost", "Acknowledge slot…"),
    "slot_text": QT_TRANSLATE_NOOP(
        "RecoveryHost",
        "The HMI has no batch for what this slot shows. Acknowledging it lets the PLC go on; "
        "nothing is booked in Odoo. Compare the words with the PLC and Odoo first.",
    ),
    "claim": QT_TRANSLATE_NOOP("RecoveryHost", "Release claim"),
    "claim_go": QT_TRANSLATE_NOOP("RecoveryHost", "Release claim…"),
    "claim_text": QT_TRANSLATE_NOOP(
        "RecoveryHost",
        "%1 is being reported by the panel %2 (claimed until %3). Release the claim only if "
        "that panel is switched off or has crashed: this panel then reports the batch after "
        "reading its state in Odoo, so nothing is booked twice.",
    ),
    "unknown": QT_TRANSLATE_NOOP("RecoveryHost", "Resolve unknown batches"),
    "unknown_go": QT_TRANSLATE_NOOP("RecoveryHost", "Resolve unknown batches…"),
    "unknown_text": QT_TRANSLATE_NOOP(
        "RecoveryHost",
        "The PLC holds batches the database does not know. Batches it has not started are "
        "cleared from it; finished ones are acknowledged. If one was dosed, automatic "
        "fetching pauses: check those MOs in Odoo first.",
    ),
    "held": QT_TRANSLATE_NOOP("RecoveryHost", "Resend %1 with the current table"),
    "held_go": QT_TRANSLATE_NOOP("RecoveryHost", "Resend with current table…"),
    "held_text": QT_TRANSLATE_NOOP(
        "RecoveryHost",
        "The silo table changed after this batch was planned. It is mapped again with the "
        "current table and released to the PLC.",
    ),
}


def _say(key: str, *values: object) -> str:
    """One of TEXTS in the window's language, %1 … filled in."""
    text = QCoreApplication.translate("RecoveryHost", TEXTS[key])
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


class RecoveryHost:
    """Implements the presenter's `RecoveryView` with touch dialogs (mixin of MainWindow)."""

    engine: Any
    presenter: Any
    dialog: QDialog | None

    def _top(self) -> QWidget:
        """The parent for a new dialog: the modal dialog open now (Settings), else the window."""
        assert isinstance(self, QWidget)
        if self.dialog is not None and self.dialog.isVisible():
            return self.dialog
        return self

    def _batch(self, snapshot: EngineSnapshot, mo_id: int | None) -> Batch | None:
        return next((b for b in snapshot.batches if b.mo_id == mo_id), None)

    async def _ask(self, dialog: QDialog) -> bool:
        """Open `dialog`, wait for it; True on accept."""
        previous, self.dialog = self.dialog, dialog
        try:
            return await run_dialog(dialog) == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
            self.dialog = previous

    async def confirm_recovery(
        self, action: str, mo_id: int | None, slot: int | None
    ) -> tuple[int, ...] | None:
        """What the recovery acts on, and Go on; None on Cancel, the slot's words on Go on."""
        snapshot: EngineSnapshot = self.engine.snapshot()
        dialog = self._recovery_dialog(Action(action), snapshot, mo_id, slot)
        if dialog is None:
            return None
        shown = dialog.property("words") or ()
        if not await self._ask(dialog):
            return None
        return tuple(int(w) for w in shown)

    def _recovery_dialog(
        self, action: Action, snapshot: EngineSnapshot, mo_id: int | None, slot: int | None
    ) -> RecoveryDialog | None:
        facts = snapshot.recovery
        parent = self._top()
        batch = self._batch(snapshot, mo_id)
        if action is Action.RESEND_BATCHES:
            dialog = RecoveryDialog(_say("resend"), _say("resend_go"), parent)
            dialog.say_text(_say("resend_text"))
            dialog.add_lines(
                [
                    _say("slot_line", b.slot, b.mo_name, b.product_name)
                    for b in resendable(snapshot.batches, facts)
                ]
            )
            return dialog
        if action is Action.ACK_PLC_SLOT and slot is not None:
            fb = feedback_of(facts, slot)
            if fb is None:
                return None
            dialog = RecoveryDialog(_say("slot", slot), _say("slot_go"), parent)
            dialog.say_text(_say("slot_text"))
            dialog.show_slot(fb, self.engine.equipment)
            dialog.setProperty("words", list(fb.raw_words))
            return dialog
        if action is Action.RELEASE_CLAIM and mo_id is not None and mo_id in facts.claims:
            owner, until = facts.claims[mo_id]
            name = batch.mo_name if batch is not None else "–"
            dialog = RecoveryDialog(_say("claim"), _say("claim_go"), parent)
            dialog.say_text(_say("claim_text", name, owner, clock(until)))
            return dialog
        if action is Action.RESOLVE_UNKNOWN:
            dialog = RecoveryDialog(_say("unknown"), _say("unknown_go"), parent)
            dialog.say_text(_say("unknown_text"))
            dialog.add_lines([clean(say(u.message())) for u in facts.unknown])
            return dialog
        if action is Action.RESEND_HELD and batch is not None:
            dialog = RecoveryDialog(_say("held", batch.mo_name), _say("held_go"), parent)
            dialog.say_text(_say("held_text"))
            held = [a for a in snapshot.alarm_list if a.key == f"held.{batch.mo_id}"]
            dialog.add_lines([clean(say(a.message)) for a in held])
            return dialog
        return None

    async def ask_decision(self, mo_id: int) -> Decision | None:
        """The implausible-value decision for a batch, or None."""
        snapshot: EngineSnapshot = self.engine.snapshot()
        batch = self._batch(snapshot, mo_id)
        facts = snapshot.recovery
        if batch is None or mo_id not in facts.implausible:
            return None
        _slot, problems = facts.implausible[mo_id]
        dialog = DecisionDialog(
            batch,
            problems,
            feedback_of(facts, batch.slot),
            self.engine.why_not,
            self.engine.equipment,
            self._top(),
        )
        if not await self._ask(dialog):
            return None
        return dialog.choice

    async def ask_weights(self, mo_id: int) -> dict[int, Decimal] | None:
        """The scale ticket's weights on the keypad, or None."""
        snapshot: EngineSnapshot = self.engine.snapshot()
        batch = self._batch(snapshot, mo_id)
        if batch is None:
            return None
        fb = feedback_of(snapshot.recovery, batch.slot)
        read = {m.equipment_id: m.actual_kg for m in fb.materials} if fb is not None else {}
        used = [line.equipment_id for line in batch.lines]
        required = [eq for eq in used if eq in read and not storable(read[eq])]
        _slot, problems = snapshot.recovery.implausible.get(mo_id, (0, ()))
        dialog = WeightsDialog(
            batch,
            read,
            self.engine.equipment,
            required=required,
            suspect=sorted(suspects(problems)),
            parent=self._top(),
        )
        if not await self._ask(dialog):
            return None
        return dialog.weights()

    async def open_settings(self) -> bool:
        """The Settings flow (PIN, then the dialog)."""
        return bool(await self.presenter.settings())

    def show_refused(self, refusals: list[Refusal]) -> None:
        """The refused MOs (not modal: the line goes on behind it)."""
        dialog = RefusedOrdersDialog(refusals, self._top())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    async def show_probe(self, report: ProbeReport) -> bool:
        """The probe's report over Settings; True on Save."""
        return await self._ask(ProbeReportDialog(report, self._top()))
