"""The simulators' fault injection speaks each protocol's codes, from tests and the CLIs."""

from __future__ import annotations

import pytest

from hmi.sim import fins_sim, plc_sim
from hmi.sim.fins_sim import FinsSimulator
from hmi.sim.plc_sim import PlcSimulator
from hmi.sim.sim_faults import apply_fault_arguments, parse_refusal

READ, WRITE = 0x0101, 0x0102  # FINS MEMORY AREA READ / WRITE


def test_the_fins_simulators_command_line_injects_end_codes() -> None:
    args = fins_sim.build_parser().parse_args(
        ["--refuse", "0x1103:6900-6976:read", "--refuse-writes", "30", "--wait-for-ack"]
    )
    sim = FinsSimulator(wait_for_ack=args.wait_for_ack)
    apply_fault_arguments(sim.faults, args)
    assert sim.process.wait_for_ack
    assert sim.faults.refusal_for(READ, 6950, 10) == 0x1103
    assert sim.faults.refusal_for(READ, 6000, 10) is None
    assert sim.faults.refusal_for(WRITE, 6076, 1) == 0x2101  # read-only while protected
    sim.faults.clear_refusals()
    assert sim.faults.refuse_all().code == 0x0302  # CPU Unit error: FINS's device failure


def test_the_modbus_simulator_keeps_modbus_exception_codes() -> None:
    args = plc_sim.build_parser().parse_args(["--refuse", "2:6900-6999:read:30"])
    sim = PlcSimulator()
    apply_fault_arguments(sim.faults, args)
    assert sim.faults.refusal_for(3, 6950, 10) == 2
    assert sim.faults.refuse_all().code == 4
    assert sim.faults.refuse_writes(5).code == 2
    with pytest.raises(ValueError, match="not a Modbus exception code"):
        sim.faults.refuse(0x1103, 6900)


def test_a_refusal_on_the_command_line_names_what_is_wrong() -> None:
    assert parse_refusal("0x2101:7000-7999:write") == (0x2101, 7000, 7999, "write", None)
    with pytest.raises(ValueError, match="expected CODE:FIRST-LAST"):
        parse_refusal("2")
