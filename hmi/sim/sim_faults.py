"""Fault injection of the simulated PLCs (Modbus TCP and FINS): refused requests per address
range and function, dropped and refused connections, slow answers, failed or implausible
batches, space-padded text — every stall of the liveness catalogue (issue 11), usable from
tests and from `hmi-plc-sim` / `hmi-fins-sim`.

A refusal answers with the protocol's own words: a Modbus exception code (Modbus Application
Protocol V1.1b3 §7) or a FINS end code (Omron W342 §5-1-3). Their counterparts:

| stall                         | Modbus TCP                  | FINS                          |
|-------------------------------|-----------------------------|-------------------------------|
| the PLC refuses everything    | exception 4, device failure | end code 0302, CPU Unit error |
| part of an area is not mapped | exception 2, illegal address| end code 1103, address range  |
| writes refused for N s        | exception 2                 | end code 2101, read-only      |
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from hmi.sim.plc_process import IMPLAUSIBLE_KINDS, BatchProcess, PlcMemory

#: Modbus function codes and FINS commands (MRC << 8 | SRC) -> "read" or "write"
FUNCTION_KINDS = {3: "read", 6: "write", 16: "write", 0x0101: "read", 0x0102: "write"}
#: Per protocol: the valid codes, and the default code of "refuse everything" and of
#: "refuse writes"
PROTOCOLS = {
    "modbus": (range(1, 12), 4, 2),
    "fins": (range(0x0001, 0x10000), 0x0302, 0x2101),
}


@dataclass(frozen=True)
class Refusal:
    """Answer requests touching words `first`..`last` with `code` (a Modbus exception code or
    a FINS end code).

    `function`: "read", "write" or None (both); `until`: time.monotonic() when it ends
    (None: until removed)."""

    code: int
    first: int
    last: int
    function: str | None = None
    until: float | None = None

    def applies(self, function_code: int, address: int, count: int, now: float) -> bool:
        """True when this refusal answers the request now."""
        if self.until is not None and now >= self.until:
            return False
        if self.function is not None and FUNCTION_KINDS.get(function_code) != self.function:
            return False
        return address <= self.last and self.first <= address + max(count, 1) - 1


class SimulatedPlc(Protocol):
    """What the faults act on: a simulator front end over the plant model."""

    memory: PlcMemory
    process: BatchProcess

    def _drop_connections(self) -> int: ...

    async def _refuse_for(self, seconds: float) -> None: ...


class SimFaults:
    """Fault injection of one simulated PLC; `protocol` ("modbus" or "fins") gives the codes
    a refusal answers with."""

    def __init__(self, sim: SimulatedPlc, protocol: str = "modbus") -> None:
        """Faults act on `sim`; `latency` (seconds) delays every answer."""
        if protocol not in PROTOCOLS:
            raise ValueError(f"protocol must be one of {sorted(PROTOCOLS)}, not {protocol!r}")
        self._sim = sim
        self.protocol = protocol
        self.latency = 0.0
        self.stuck: dict[int, int] = {}
        self.refusals: list[Refusal] = []
        #: called with (first word, count) before a read is answered: the PLC's program runs
        #: a scan between two requests of the HMI (e.g. a slot finishes between them)
        self.before_read: Callable[[int, int], None] | None = None

    def _code(self, code: int | None, default: int) -> int:
        valid = PROTOCOLS[self.protocol][0]
        chosen = default if code is None else code
        if chosen not in valid:
            what = "Modbus exception code (1..11)" if self.protocol == "modbus" else "FINS end code"
            raise ValueError(f"{chosen!r} is not a {what}")
        return chosen

    def refuse(
        self,
        code: int,
        first: int,
        last: int | None = None,
        *,
        function: str | None = None,
        seconds: float | None = None,
    ) -> Refusal:
        """Answer requests touching words first..last with `code` (Modbus 2: illegal data
        address, 4: server device failure, …; FINS 0x1103: address range error, …), for
        `function` "read"/"write" or both, for `seconds` or until `clear_refusals()`."""
        checked = self._code(code, code)
        if function not in (None, "read", "write"):
            raise ValueError(f"function must be 'read', 'write' or None, not {function!r}")
        until = None if seconds is None else time.monotonic() + seconds
        refusal = Refusal(checked, first, first if last is None else last, function, until)
        self.refusals.append(refusal)
        return refusal

    def refuse_all(self, code: int | None = None, *, seconds: float | None = None) -> Refusal:
        """Answer every request with `code` (default: Modbus exception 4, server device
        failure; FINS end code 0302, CPU Unit error)."""
        return self.refuse(
            self._code(code, PROTOCOLS[self.protocol][1]), 0, 0xFFFF, seconds=seconds
        )

    def refuse_writes(self, seconds: float, code: int | None = None) -> Refusal:
        """Refuse every write for `seconds` (the PLC protects its memory: Modbus exception 2,
        FINS end code 2101 read-only)."""
        chosen = self._code(code, PROTOCOLS[self.protocol][2])
        return self.refuse(chosen, 0, 0xFFFF, function="write", seconds=seconds)

    def clear_refusals(self) -> None:
        """Answer normally again."""
        self.refusals.clear()

    def refusal_for(self, function_code: int, address: int, count: int) -> int | None:
        """The code a request gets now (`function_code`: Modbus function or FINS command
        0x0101/0x0102), or None."""
        now = time.monotonic()
        self.refusals = [r for r in self.refusals if r.until is None or r.until > now]
        for refusal in self.refusals:
            if refusal.applies(function_code, address, count, now):
                return refusal.code
        return None

    def pad_text_with_spaces(self, on: bool = True) -> None:
        """Copy text back into the feedback area padded with spaces instead of NUL bytes."""
        self._sim.process.faults.pad_with_spaces = on

    def stick(self, address: int, value: int) -> None:
        """Word `address` keeps `value` whatever a client writes (a write-protected word)."""
        self._sim.memory.set(address, [value])
        self.stuck[address] = value

    def drop_connections(self) -> int:
        """Close every client connection now; return how many were closed (UDP: none)."""
        return self._sim._drop_connections()

    async def refuse_connections(self, seconds: float) -> None:
        """Stop listening (and drop clients) for `seconds`; the process keeps running."""
        await self._sim._refuse_for(seconds)

    def fail_next(self, slot: int) -> None:
        """The next batch run in `slot` fails halfway (status_operation = 1, not finished)."""
        self._sim.process.faults.fail_next(slot)

    def publish_implausible(self, slot: int, kind: str) -> None:
        """The next batch run in `slot` publishes an implausible value.

        Kinds: text (non-printable MO name), batch_no (outside 1..slots), silo_id (wrong id
        at position 3), overdose (one actual ten times its plan), finished_weight (100 ×).
        """
        self._sim.process.faults.publish_implausible(slot, kind)


def parse_refusal(text: str) -> tuple[int, int, int, str | None, float | None]:
    """'2:6900-6999:read:30' → (2, 6900, 6999, "read", 30.0); a FINS end code in hex with
    0x: '0x1103:6900-6999'. ValueError names the part."""
    parts = text.split(":")
    if len(parts) < 2:
        raise ValueError(f"--refuse {text!r}: expected CODE:FIRST-LAST[:read|write][:SECONDS]")
    code = int(parts[0], 0)
    first_text, _, last_text = parts[1].partition("-")
    first = int(first_text)
    last = int(last_text) if last_text else first
    function: str | None = None
    seconds: float | None = None
    for extra in parts[2:]:
        if extra in ("read", "write"):
            function = extra
        else:
            seconds = float(extra)
    return code, first, last, function, seconds


def add_fault_arguments(parser: argparse.ArgumentParser, protocol: str) -> None:
    """The fault options of `hmi-plc-sim` and `hmi-fins-sim`."""
    codes = "Modbus exception CODE" if protocol == "modbus" else "FINS end CODE (0x1103)"
    example = "2:6900-6999" if protocol == "modbus" else "0x1103:6900-6999"
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument(
        "--implausible",
        nargs=2,
        metavar=("SLOT", "KIND"),
        action="append",
        default=[],
        help=f"publish an implausible value in SLOT; KIND is one of {', '.join(IMPLAUSIBLE_KINDS)}",
    )
    parser.add_argument(
        "--fail-slot", type=int, action="append", default=[], help="fail the next batch in a slot"
    )
    parser.add_argument(
        "--wait-for-ack",
        action="store_true",
        help="wait for each slot's acknowledgement before the next (default: go on at once)",
    )
    parser.add_argument(
        "--refuse",
        action="append",
        default=[],
        metavar="CODE:FIRST-LAST[:read|write][:SECONDS]",
        help=f"answer requests touching these words with {codes}, e.g. {example}",
    )
    parser.add_argument(
        "--refuse-writes",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="refuse every write for the first SECONDS",
    )
    parser.add_argument(
        "--space-padded", action="store_true", help="copy text back padded with spaces"
    )


def apply_fault_arguments(faults: SimFaults, args: Any) -> None:
    """Inject the faults the command line asked for."""
    faults.latency = args.latency
    for text in args.refuse:
        code, first, last, function, seconds = parse_refusal(text)
        faults.refuse(code, first, last, function=function, seconds=seconds)
    if args.refuse_writes > 0:
        faults.refuse_writes(args.refuse_writes)
    faults.pad_text_with_spaces(args.space_padded)
    for slot, kind in args.implausible:
        faults.publish_implausible(int(slot), kind)
    for slot in args.fail_slot:
        faults.fail_next(slot)
