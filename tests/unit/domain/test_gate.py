"""The gate rule opens only when the queue is empty and every link is up and ready."""

from hmi.domain import GateInputs, decide_gate


def test_gate_open_when_everything_ready() -> None:
    decision = decide_gate(GateInputs(queued_batches=0, plc_up=True, plc_ready=True, odoo_up=True))
    assert decision.open
    assert decision.reason == ""


def test_gate_names_every_reason() -> None:
    decision = decide_gate(
        GateInputs(queued_batches=8, plc_up=True, plc_ready=False, odoo_up=False)
    )
    assert not decision.open
    assert decision.reasons == ("8 batches still in the queue", "PLC not ready", "Odoo offline")


def test_plc_offline_hides_ready_flag() -> None:
    decision = decide_gate(GateInputs(queued_batches=1, plc_up=False, plc_ready=True, odoo_up=True))
    assert decision.reasons == ("1 batch still in the queue", "PLC offline")


def test_database_offline_closes_gate() -> None:
    decision = decide_gate(
        GateInputs(queued_batches=0, plc_up=True, plc_ready=True, odoo_up=True, db_up=False)
    )
    assert decision.reasons == ("Database offline",)
