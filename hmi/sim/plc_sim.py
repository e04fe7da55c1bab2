"""PLC simulator: a pymodbus 3.16 TCP server over the register map plus the batching process model.

In-process (tests, demo mode)::

    async with PlcSimulator(port=0, speed=600) as sim:
        link = PlcLink("127.0.0.1", sim.port)

Standalone: ``hmi-plc-sim --host 127.0.0.1 --port 5020 --speed 60``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from pymodbus.constants import ExcCodes
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from hmi.domain.errors import HmiError
from hmi.domain.units import as_kg
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.register_map import RegisterMap, load_register_map
from hmi.plc.slots import EquipmentFailure, ManualWeighing
from hmi.sim.modbus_rules import ModbusRules
from hmi.sim.plc_process import (
    FINISHED_WEIGHT_MODES,
    BatchProcess,
    CompletedBatch,
    PlcMemory,
)
from hmi.sim.sim_faults import (
    Refusal,
    SimFaults,
    add_fault_arguments,
    apply_fault_arguments,
    parse_refusal,
)

log = logging.getLogger("hmi.sim.plc")

__all__ = ["CompletedBatch", "PlcSimulator", "Refusal", "SimFaults", "main", "parse_refusal"]


class PlcSimulator:
    """A simulated batching PLC on a loopback Modbus TCP port.

    Starts with the ready flag set and every slot empty. `speed` 60 runs a five-minute batch
    in five seconds. `finished_weight`: "measured", "zero" (like the plant) or
    "float_low_first" (an IEEE float with the low word first, like the plant's preflight).
    Stopping and starting again keeps the register contents and the process state.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        speed: float = 60.0,
        register_map: RegisterMap | None = None,
        seed: int | None = None,
        finished_weight: str = "measured",
        capabilities: PlcCapabilities | None = None,
        wait_for_ack: bool = False,
    ) -> None:
        """Build the memory and the process model; `start()` opens the port.

        `capabilities`: the limits of the PLC this simulator plays (default: its map's).
        `wait_for_ack`: the PLC waits for each slot's acknowledgement before the next slot
        (default: it goes on at once, like most plants' programs)."""
        self.host = host
        self.port = port
        self.map = register_map or load_register_map()
        self.rules = ModbusRules(capabilities or self.map.capabilities, self.map)
        start = min(area.base for area in self.map.areas.values())
        end = max(area.end for area in self.map.areas.values())
        self.memory = PlcMemory(start, end)
        self.process = BatchProcess(
            self.memory,
            self.map,
            speed=speed,
            seed=seed,
            finished_weight=finished_weight,
            wait_for_ack=wait_for_ack,
        )
        self.process.reset()
        self.faults = SimFaults(self)
        self._server: ModbusTcpServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._reopen: asyncio.Task[None] | None = None

    # ---- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on host:port (port 0 picks a free one, kept for restarts) and run the process."""
        await self._listen()
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(
                self.process.run(), name="plc-sim-process"
            )

    async def stop(self) -> None:
        """Stop the process and the server; memory and process state are kept."""
        for task in (self._task, self._reopen):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._reopen = None
        await self._close_server()

    async def restart(self, *, lose_memory: bool = False, down_s: float = 0.0) -> None:
        """Stop, stay down `down_s` seconds, start again; `lose_memory` clears every word (a
        PLC whose program restarts without retained memory: idle, ready, write area empty)."""
        await self.stop()
        if lose_memory:
            self.process.reset()
        if down_s > 0:
            await asyncio.sleep(down_s)
        await self.start()

    async def __aenter__(self) -> PlcSimulator:
        """Start on entry."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop on exit."""
        await self.stop()

    async def _listen(self) -> None:
        if self._server is not None:
            return
        block = SimData(
            self.memory.start - self.rules.base,
            values=[0] * len(self.memory.words),
            datatype=DataType.REGISTERS,
        )
        device = SimDevice(id=0, simdata=[block], action=self._on_request)
        server = ModbusTcpServer(
            device, address=(self.host, self.port), trace_connect=self._on_connect
        )
        await server.serve_forever(background=True)
        self._server = server
        sockets = getattr(server.transport, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("PLC simulator listening on %s:%s", self.host, self.port)

    async def _close_server(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            self._drop(server)
            await server.shutdown()

    @staticmethod
    def _drop(server: ModbusTcpServer) -> int:
        connections = list(server.active_connections.values())
        for connection in connections:
            connection.close()
        return len(connections)

    def _on_connect(self, up: bool) -> None:
        """A PLC that serves one client at a time closes any later connection."""
        server = self._server
        if up and server is not None and self.rules.single_connection:
            extra = list(server.active_connections.values())[1:]
            for connection in extra:
                asyncio.get_running_loop().call_soon(connection.close)

    def _drop_connections(self) -> int:
        return 0 if self._server is None else self._drop(self._server)

    async def _refuse_for(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError(f"refuse connections for a positive time, not {seconds!r} s")
        await self._close_server()

        async def reopen() -> None:
            await asyncio.sleep(seconds)
            await self._listen()

        self._reopen = asyncio.get_running_loop().create_task(reopen(), name="plc-sim-reopen")

    async def _on_request(
        self,
        function_code: int,
        start_address: int,
        address: int,
        count: int,
        registers: list[int],
        values: Any,
    ) -> ExcCodes | None:
        """pymodbus' action hook: answer from (and write into) the simulator's memory, or
        with a Modbus exception response when the PLC's limits or an injected fault refuse it."""
        if self.faults.latency > 0:
            await asyncio.sleep(self.faults.latency)
        refused = self.rules.refuse(function_code, address, count)
        if refused is not None:
            return ExcCodes(refused)
        offset = address - start_address
        address = self.rules.word(address)
        code = self.faults.refusal_for(function_code, address, count)
        if code is not None:
            registers[offset : offset + count] = self.memory.get(address, count)
            return ExcCodes(code)
        if values:
            self.memory.set(address, [int(v) for v in values])
            for stuck, value in self.faults.stuck.items():
                if address <= stuck < address + len(values):
                    self.memory.set(stuck, [value])
        else:
            if self.faults.before_read is not None:
                self.faults.before_read(address, count)
            registers[offset : offset + count] = self.memory.get(address, count)
        return None

    # ---- inspection --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while the server listens."""
        return self._server is not None

    @property
    def ready(self) -> bool:
        """The PLC's ready-for-new-batches flag."""
        return self.process.ready

    @property
    def completed(self) -> list[CompletedBatch]:
        """Batches finished (or failed) and acknowledged, in order."""
        return self.process.completed

    async def read_words(self, address: int, count: int) -> list[int]:
        """The simulator's memory, as a client would read it."""
        return self.memory.get(address, count)

    async def write_words(self, address: int, values: Sequence[int]) -> None:
        """Change memory directly (tests: forge a PLC state)."""
        self.memory.set(address, values)

    def inject_equipment_failure(
        self,
        equipment_id: int,
        fault_code: int,
        message: str = "",
        *,
        batch_no: int = 0,
        at: datetime | None = None,
    ) -> None:
        """Queue an equipment failure record for the PLC to publish in its block."""
        record = EquipmentFailure(equipment_id, fault_code, at or _now(), batch_no, message)
        self.process.queue_event(record)

    def inject_manual_weighing(
        self,
        batch_no: int,
        material_code: int,
        weight_kg: Decimal | float,
        *,
        operator_id: int = 0,
        scale_id: int = 1,
        at: datetime | None = None,
    ) -> None:
        """Queue a manual weighing record for the PLC to publish in its block."""
        record = ManualWeighing(
            batch_no, material_code, as_kg(weight_kg), operator_id, scale_id, at or _now()
        )
        self.process.queue_event(record)


def _now() -> datetime:
    """The local time to the second (the PLC clock has no fractions)."""
    return datetime.now().replace(microsecond=0)


def build_parser() -> argparse.ArgumentParser:
    """The `hmi-plc-sim` command line."""
    parser = argparse.ArgumentParser(prog="hmi-plc-sim", description="Simulated batching PLC")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=5020, help="TCP port (0: any free port)")
    parser.add_argument("--speed", type=float, default=60.0, help="speed factor (60: 5 min → 5 s)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for dosing noise")
    parser.add_argument(
        "--finished-weight",
        choices=FINISHED_WEIGHT_MODES,
        default="measured",
        help="how the PLC reports the finished weight",
    )
    parser.add_argument("--register-map", type=Path, default=None, help="register map TOML")
    add_fault_arguments(parser, "modbus")
    return parser


async def serve(args: argparse.Namespace) -> None:
    """Run the simulator until SIGINT/SIGTERM."""
    sim = PlcSimulator(
        args.host,
        args.port,
        speed=args.speed,
        register_map=load_register_map(args.register_map),
        seed=args.seed,
        finished_weight=args.finished_weight,
        wait_for_ack=args.wait_for_ack,
    )
    apply_fault_arguments(sim.faults, args)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with sim:
        print(f"hmi-plc-sim listening on {sim.host}:{sim.port} (speed {args.speed:g})", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `hmi-plc-sim`."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        return 0
    except (OSError, ValueError, HmiError) as exc:
        print(f"hmi-plc-sim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
