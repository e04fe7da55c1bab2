"""The gate rule opens only when the queue is empty, every finished slot is acknowledged,
nothing waits for a supervisor, and every link is up and ready; its reasons are messages."""

from hmi.domain import GateInputs, decide_gate
from hmi.domain.gate import GateDecision
from hmi.domain.messages import msg, render


def english(decision: GateDecision) -> tuple[str, ...]:
    return tuple(str(reason) for reason in decision.reasons)


def test_gate_open_when_everything_ready() -> None:
    decision = decide_gate(GateInputs(queued_batches=0, plc_up=True, plc_ready=True, odoo_up=True))
    assert decision.open
    assert decision.reason == ""


def test_gate_names_every_reason() -> None:
    decision = decide_gate(
        GateInputs(queued_batches=8, plc_up=True, plc_ready=False, odoo_up=False)
    )
    assert not decision.open
    assert english(decision) == ("8 batches still in the queue", "PLC not ready", "Odoo offline")
    assert render(decision.reasons[0], "id") == "8 batch masih dalam antrean"


def test_plc_offline_hides_ready_flag() -> None:
    decision = decide_gate(GateInputs(queued_batches=1, plc_up=False, plc_ready=True, odoo_up=True))
    assert english(decision) == ("1 batch still in the queue", "PLC offline")


def test_database_offline_closes_gate() -> None:
    decision = decide_gate(
        GateInputs(queued_batches=0, plc_up=True, plc_ready=True, odoo_up=True, db_up=False)
    )
    assert english(decision) == ("Database offline",)


def test_an_unreadable_ready_flag_is_not_not_ready() -> None:
    fault = msg("text", text="exception 2 at 7076")
    decision = decide_gate(
        GateInputs(0, plc_up=False, plc_ready=None, odoo_up=True, plc_fault=fault)
    )
    assert english(decision) == (
        "PLC refuses requests: exception 2 at 7076",
        "PLC ready flag unreadable",
    )


def test_pending_acknowledgements_and_supervisor_blocks_close_the_gate() -> None:
    block = msg("text", text="unknown batch in slot 3")
    decision = decide_gate(
        GateInputs(0, plc_up=True, plc_ready=True, odoo_up=True, pending_acks=2, blocked=(block,))
    )
    assert english(decision) == (
        "2 finished slots not yet acknowledged to the PLC",
        "unknown batch in slot 3",
    )
