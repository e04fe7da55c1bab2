"""How the link answers the wizards Odoo's `button_mark_done` may return, without a browser.

Odoo 14–19 return an `ir.actions.act_window` for a transient model instead of `True` when
the MO needs a confirmation: `mrp.consumption.warning` (actuals differ from the BoM),
`mrp.production.backorder` (less produced than planned) and, up to Odoo 16,
`mrp.immediate.production` (nothing was reported). The wizard is created with the action's
context and one of its buttons is called; its answer may be the next wizard. A consumption
warning on a *strict* BoM is never confirmed, whatever the policy: Odoo's form hides that
button for strict BoMs, only the API accepts it (recorded on 16–19).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hmi.domain.messages import Message, msg, plain


class ConsumptionChoice(StrEnum):
    """Answer to the consumption warning."""

    ACCEPT_ACTUAL = "accept_actual"  # "Confirm": post what the PLC dosed
    SET_EXPECTED = "set_expected"  # "Set quantities & validate": post the BoM's quantities
    REFUSE = "refuse"  # leave the MO open; the operator decides in Odoo


class BackorderChoice(StrEnum):
    """Answer to the backorder question when less was produced than planned."""

    CLOSE = "close"  # "No backorder": close the MO with what was produced
    BACKORDER = "backorder"  # "Create backorder" for the remaining quantity
    REFUSE = "refuse"


class ImmediateChoice(StrEnum):
    """Answer to Odoo 16's immediate-production wizard (nothing was reported)."""

    REFUSE = "refuse"  # default: never consume planned quantities nobody measured
    PROCESS = "process"  # "Apply": Odoo sets the planned quantities and closes


CONSUMPTION_WIZARD = "mrp.consumption.warning"
BACKORDER_WIZARD = "mrp.production.backorder"
IMMEDIATE_WIZARD = "mrp.immediate.production"

#: Button method per wizard and choice; a missing entry means "refuse".
_BUTTONS: dict[str, dict[str, str]] = {
    CONSUMPTION_WIZARD: {
        ConsumptionChoice.ACCEPT_ACTUAL: "action_confirm",
        ConsumptionChoice.SET_EXPECTED: "action_set_qty",
    },
    BACKORDER_WIZARD: {
        BackorderChoice.CLOSE: "action_close_mo",
        BackorderChoice.BACKORDER: "action_backorder",
    },
    IMMEDIATE_WIZARD: {ImmediateChoice.PROCESS: "process"},
}

_QUESTIONS = {
    CONSUMPTION_WIZARD: "odoo.wizard.consumption",
    BACKORDER_WIZARD: "odoo.wizard.backorder",
    IMMEDIATE_WIZARD: "odoo.wizard.immediate",
}


@dataclass(frozen=True)
class WizardStep:
    """One wizard to complete: its model, the button to press and the context to use."""

    model: str
    method: str
    context: dict[str, Any]


@dataclass(frozen=True)
class WizardPolicy:
    """Configured answer to each wizard; default: accept actual consumption, no backorder."""

    consumption: ConsumptionChoice = ConsumptionChoice.ACCEPT_ACTUAL
    backorder: BackorderChoice = BackorderChoice.CLOSE
    immediate: ImmediateChoice = ImmediateChoice.REFUSE
    max_steps: int = 6  # wizards in one report before giving up (Odoo chains at most 3)

    def __post_init__(self) -> None:
        object.__setattr__(self, "consumption", ConsumptionChoice(self.consumption))
        object.__setattr__(self, "backorder", BackorderChoice(self.backorder))
        object.__setattr__(self, "immediate", ImmediateChoice(self.immediate))
        if not 1 <= self.max_steps <= 20:
            raise ValueError(f"wizard max_steps must be 1..20, not {self.max_steps}")

    def choice_for(self, model: str) -> str | None:
        """The configured choice for a wizard model, or None if the model is unknown."""
        return {
            CONSUMPTION_WIZARD: self.consumption.value,
            BACKORDER_WIZARD: self.backorder.value,
            IMMEDIATE_WIZARD: self.immediate.value,
        }.get(model)


class WizardRefused(Exception):
    """The policy (or an unknown wizard) stops the report; `message` says why, for an MO
    `mo` (a Message naming it)."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def is_wizard_action(answer: Any) -> bool:
    """True when an answer of button_mark_done is a window action on a transient wizard."""
    return (
        isinstance(answer, Mapping)
        and answer.get("type") == "ir.actions.act_window"
        and answer.get("res_model") != "mrp.production"
        and not answer.get("res_id")
    )


def next_step(answer: Any, policy: WizardPolicy, mo: Message | None = None) -> WizardStep | None:
    """The wizard step to take for an answer, None when the answer ends the report.

    mo: the MO the report is about (for the messages). Raises WizardRefused when the policy
    refuses the wizard or the wizard is unknown.
    """
    mo = mo if mo is not None else plain("MO")
    if not is_wizard_action(answer):
        return None
    model = str(answer.get("res_model"))
    choice = policy.choice_for(model)
    if choice is None:
        title = str(answer.get("name") or model)
        raise WizardRefused(msg("odoo.report.wizard_unknown", mo=mo, title=title, model=model))
    method = _BUTTONS[model].get(choice)
    if method is None:
        question = msg(_QUESTIONS[model])
        raise WizardRefused(msg("odoo.report.wizard_refused", mo=mo, question=question))
    context = answer.get("context") or {}
    if isinstance(context, str):
        context = _literal_context(context)
    if not isinstance(context, Mapping):
        raise WizardRefused(msg("odoo.report.wizard_context", mo=mo, model=model))
    return WizardStep(model=model, method=method, context=dict(context))


def consumption_lines(step: WizardStep) -> list[dict[str, Any]]:
    """The lines of a consumption warning's context: product, unit, expected and consumed."""
    lines = []
    for command in step.context.get("default_mrp_consumption_warning_line_ids") or []:
        if isinstance(command, list | tuple) and len(command) == 3 and isinstance(command[2], dict):
            lines.append(dict(command[2]))
    return lines


def _literal_context(text: str) -> Any:
    """An action context sent as Python literal text (as XML actions store it), or None."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
