"""Wizard policy: which button answers which wizard, and what is refused."""

from __future__ import annotations

import pytest

from hmi.odoo.wizards import (
    BACKORDER_WIZARD,
    CONSUMPTION_WIZARD,
    IMMEDIATE_WIZARD,
    BackorderChoice,
    ConsumptionChoice,
    ImmediateChoice,
    WizardPolicy,
    WizardRefused,
    is_wizard_action,
    next_step,
)


def action(model: str, context: object = None) -> dict[str, object]:
    return {
        "type": "ir.actions.act_window",
        "res_model": model,
        "target": "new",
        "context": context if context is not None else {"a": 1},
    }


def test_default_policy_accepts_actuals_and_closes_without_backorder() -> None:
    policy = WizardPolicy()
    consumption = next_step(action(CONSUMPTION_WIZARD), policy)
    backorder = next_step(action(BACKORDER_WIZARD), policy)
    assert consumption is not None
    assert consumption.method == "action_confirm"
    assert backorder is not None
    assert backorder.method == "action_close_mo"
    assert consumption.context == {"a": 1}
    with pytest.raises(WizardRefused, match="immediate production"):
        next_step(action(IMMEDIATE_WIZARD), policy)


def test_configured_choices() -> None:
    policy = WizardPolicy(consumption="set_expected", backorder="backorder", immediate="process")  # type: ignore[arg-type]
    assert policy.consumption is ConsumptionChoice.SET_EXPECTED
    assert next_step(action(CONSUMPTION_WIZARD), policy).method == "action_set_qty"  # type: ignore[union-attr]
    assert next_step(action(BACKORDER_WIZARD), policy).method == "action_backorder"  # type: ignore[union-attr]
    assert next_step(action(IMMEDIATE_WIZARD), policy).method == "process"  # type: ignore[union-attr]
    refuse = WizardPolicy(
        consumption=ConsumptionChoice.REFUSE,
        backorder=BackorderChoice.REFUSE,
        immediate=ImmediateChoice.REFUSE,
    )
    with pytest.raises(WizardRefused, match="consumption differs"):
        next_step(action(CONSUMPTION_WIZARD), refuse)
    with pytest.raises(WizardRefused, match="backorder"):
        next_step(action(BACKORDER_WIZARD), refuse)


def test_invalid_policy_values_are_refused() -> None:
    with pytest.raises(ValueError):
        WizardPolicy(consumption="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_steps"):
        WizardPolicy(max_steps=0)


def test_answers_that_end_the_report() -> None:
    policy = WizardPolicy()
    assert next_step(True, policy) is None
    assert next_step({"type": "ir.actions.act_window_close"}, policy) is None
    backorder_mo = {"type": "ir.actions.act_window", "res_model": "mrp.production", "res_id": 12}
    assert not is_wizard_action(backorder_mo)
    assert next_step(backorder_mo, policy) is None


def test_unknown_wizard_is_refused_with_its_name() -> None:
    unknown = action("stock.warn.insufficient.qty") | {"name": "Insufficient Quantity"}
    with pytest.raises(
        WizardRefused, match=r"Insufficient Quantity \(stock.warn.insufficient.qty\)"
    ):
        next_step(unknown, WizardPolicy())


def test_context_given_as_text_is_parsed_or_refused() -> None:
    step = next_step(
        action(CONSUMPTION_WIZARD, "{'default_mrp_production_ids': [3]}"), WizardPolicy()
    )
    assert step is not None
    assert step.context == {"default_mrp_production_ids": [3]}
    with pytest.raises(WizardRefused, match="without a usable context"):
        next_step(action(CONSUMPTION_WIZARD, "dict(active_id=3)"), WizardPolicy())
