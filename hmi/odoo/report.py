"""Report: write a finished batch's consumption to Odoo and mark its MO done, exactly once.

In the link's worker thread:

1. read the MO (state, components, unit, BoM consumption mode) — the only state check,
   done first: a done MO is never written to (Odoo accepts writes to done MOs and moves);
2. read the reported component moves (unit, state) and their units, and convert each
   actual kg to the move's own unit (a volume through the tank's density), rounded to the
   unit's rounding; the produced kg to the MO's unit;
3. write `qty_producing` and the consumed quantities (≤16 `quantity_done`; 17+ `quantity`
   and `picked`) in one `write`, then `button_mark_done`;
4. answer the wizards Odoo returns per the WizardPolicy — never the consumption warning of
   a *strict* BoM: that is refused with a message listing Odoo's planned and the dosed
   quantities side by side (outcome REFUSED, `detail.code` "odoo.report.strict_bom": the
   engine shows it as needing attention);
5. read the state again: DONE only when Odoo says done.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hmi.crashpoints import crashpoint
from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import ConsumptionReport, ReportOutcome, ReportResult
from hmi.domain.units import UnitError, Uom, decimal_from_odoo, to_uom
from hmi.odoo.fetch import read, read_uoms
from hmi.odoo.rpc import Caller, unwrap_created
from hmi.odoo.uoms import References, m2o_id
from hmi.odoo.versions import OdooVersion
from hmi.odoo.wizards import (
    CONSUMPTION_WIZARD,
    WizardPolicy,
    WizardRefused,
    WizardStep,
    consumption_lines,
    next_step,
)

#: MO states a report may write to.
REPORTABLE_STATES = frozenset({"confirmed", "progress", "to_close"})
STRICT_CODE = "odoo.report.strict_bom"


def result(outcome: ReportOutcome, detail: Message) -> ReportResult:
    """A ReportResult whose text is the English rendering of `detail`."""
    return ReportResult(outcome, str(detail), detail=detail)


def check_report(report: ConsumptionReport) -> None:
    """Refuse a report with impossible numbers before anything is sent."""
    produced = report.produced_kg
    if not math.isfinite(produced) or produced < 0:
        raise ValidationError(
            msg("odoo.report.invalid_produced", mo=report.mo_name, value=str(produced))
        )
    seen: set[int] = set()
    for line in report.lines:
        if not math.isfinite(line.quantity_kg) or line.quantity_kg < 0:
            raise ValidationError(
                msg(
                    "odoo.report.invalid_line",
                    mo=report.mo_name,
                    value=str(line.quantity_kg),
                    move=line.move_id,
                )
            )
        if line.move_id in seen:
            raise ValidationError(msg("odoo.report.twice", mo=report.mo_name, move=line.move_id))
        seen.add(line.move_id)


class Reporter:
    """One report, in the worker thread: `call` is the link's RPC call (re-login included)."""

    def __init__(
        self, call: Caller, version: OdooVersion, refs: References, policy: WizardPolicy
    ) -> None:
        self.call = call
        self.version = version
        self.refs = refs
        self.policy = policy
        self._labels: dict[int, str] = {}  # product id -> "[CODE] Name" as Odoo shows it
        self._unit_names: dict[int, str] = {}  # uom id -> its name

    def read_mo(self, mo_id: int) -> Mapping[str, Any] | None:
        """The MO's state, components, unit and consumption mode (None if it is gone)."""
        fields = ["name", "state", "move_raw_ids", "product_uom_id", "consumption"]
        rows = self.call("mrp.production", "read", [[mo_id]], {"fields": fields})
        return rows[0] if rows else None

    def report(self, report: ConsumptionReport) -> ReportResult:
        """Report consumption and mark done (see the module docstring)."""
        mo = self.read_mo(report.mo_id)
        label = msg("odoo.mo", name=report.mo_name, mo_id=report.mo_id)
        if mo is None:
            return result(ReportOutcome.REFUSED, msg("odoo.report.missing", mo=label))
        state = str(mo["state"])
        if state == "done":
            return result(ReportOutcome.ALREADY_DONE, msg("odoo.report.already_done", mo=label))
        if state not in REPORTABLE_STATES:
            return result(ReportOutcome.REFUSED, msg("odoo.report.state", mo=label, state=state))
        unknown = sorted({line.move_id for line in report.lines} - set(mo["move_raw_ids"]))
        if unknown:
            moves = ", ".join(str(i) for i in unknown)
            return result(
                ReportOutcome.REFUSED, msg("odoo.report.foreign_moves", moves=moves, mo=label)
            )
        values = self._values(report, mo, label)
        if isinstance(values, Message):
            return result(ReportOutcome.REFUSED, values)
        self.call("mrp.production", "write", [[report.mo_id], values], {})
        crashpoint("complete.after_odoo_write")
        answer = self.call("mrp.production", "button_mark_done", [[report.mo_id]], {})
        try:
            steps = self._wizards(answer, mo, label)
        except WizardRefused as exc:
            return result(ReportOutcome.REFUSED, exc.message)
        final = self.read_mo(report.mo_id)
        final_state = str(final["state"]) if final else "deleted"
        if final_state != "done":
            return result(
                ReportOutcome.REFUSED, msg("odoo.report.not_closed", mo=label, state=final_state)
            )
        if steps:
            done = msg("odoo.report.done_after", mo=label, steps=", ".join(steps))
            return result(ReportOutcome.DONE, done)
        return result(ReportOutcome.DONE, msg("odoo.report.done", mo=label))

    def _values(
        self, report: ConsumptionReport, mo: Mapping[str, Any], label: Message
    ) -> dict[str, Any] | Message:
        """The write of the report in each move's own unit, or why it cannot be written."""
        fields = ["product_id", "product_uom", "state"]
        moves = read(self.call, "stock.move", {line.move_id for line in report.lines}, fields)
        for line in report.lines:
            move = moves.get(line.move_id, {})
            if move.get("state") in ("done", "cancel"):
                state = str(move["state"])
                return msg("odoo.report.move_state", move=line.move_id, mo=label, state=state)
        uom_ids = {m2o_id(m.get("product_uom")) for m in moves.values()}
        uom_ids.add(m2o_id(mo.get("product_uom_id")))
        units = read_uoms(self.call, self.version, self.refs, {i for i in uom_ids if i})
        for move in moves.values():
            product = move.get("product_id")
            if isinstance(product, list) and len(product) > 1:
                self._labels[int(product[0])] = str(product[1])
            uom = move.get("product_uom")
            if isinstance(uom, list) and len(uom) > 1:
                self._unit_names[int(uom[0])] = str(uom[1])
        self._unit_names.update({uom_id: unit.name for uom_id, unit in units.items()})
        what, kg, unit_value = msg("odoo.report.what_produced"), report.produced_kg, None
        try:
            unit_value = mo.get("product_uom_id")
            produced = to_uom(report.produced_kg, self._unit(units, unit_value))
            commands = []
            for line in report.lines:
                what, kg = msg("odoo.report.what_move", move=line.move_id), line.quantity_kg
                unit_value = moves[line.move_id].get("product_uom")
                quantity = to_uom(
                    line.quantity_kg, self._unit(units, unit_value), line.density_kg_per_l
                )
                commands.append([1, line.move_id, self.version.move_values(_number(quantity))])
        except UnitError as exc:
            unit = (
                str(unit_value[1]) if isinstance(unit_value, list) and len(unit_value) > 1 else "?"
            )
            reason = plain(str(exc))
            return msg("odoo.report.unit", mo=label, what=what, kg=kg, unit=unit, reason=reason)
        return {"qty_producing": _number(produced), "move_raw_ids": commands}

    @staticmethod
    def _unit(units: Mapping[int, Uom], value: Any) -> Uom:
        uom_id = m2o_id(value)
        if uom_id is None or uom_id not in units:
            raise UnitError(f"unit {value!r} was not found in Odoo")
        return units[uom_id]

    def _wizards(self, answer: Any, mo: Mapping[str, Any], label: Message) -> list[str]:
        steps: list[str] = []
        for _ in range(self.policy.max_steps):
            step = next_step(answer, self.policy, label)
            if step is None:
                return steps
            if step.model == CONSUMPTION_WIZARD and mo.get("consumption") == "strict":
                raise WizardRefused(self._strict(step, label))
            created = self.call(step.model, "create", [{}], {"context": step.context})
            wizard_id = unwrap_created(created)
            answer = self.call(step.model, step.method, [[wizard_id]], {"context": step.context})
            steps.append(f"{step.model}.{step.method}")
        count = len(steps)
        raise WizardRefused(msg("odoo.report.too_many_wizards", mo=label, count=count))

    def _strict(self, step: WizardStep, label: Message) -> Message:
        """Planned and dosed quantities of every component that differs, as Odoo counted
        them (in the product's unit); names from what the report already read."""
        items = tuple(
            msg(
                "odoo.report.strict_line",
                product=self._labels.get(int(line.get("product_id") or 0), "?"),
                planned=decimal_from_odoo(line.get("product_expected_qty_uom")),
                actual=decimal_from_odoo(line.get("product_consumed_qty_uom")),
                unit=self._unit_names.get(int(line.get("product_uom_id") or 0), ""),
            )
            for line in consumption_lines(step)
        )
        return msg(STRICT_CODE, mo=label, lines=items)


def _number(value: Decimal) -> float | int:
    """A Decimal for JSON: an int when whole (as a user types it), else the float."""
    return int(value) if value == value.to_integral_value() else float(value)
