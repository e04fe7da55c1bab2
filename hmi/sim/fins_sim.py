"""FINS simulator: the seed plant's Omron PLC, serving the same plant model as the Modbus one
over FINS/UDP or FINS/TCP (DM words at the register map's numbers, D6000 = word 6000).

In-process (tests)::

    async with FinsSimulator(protocol="udp", speed=600) as sim:
        link = PlcLink("127.0.0.1", sim.port, register_map=fins_map)

Standalone: ``hmi-fins-sim --protocol tcp --port 9600 --speed 60``.

It answers MEMORY AREA READ (01 01) and WRITE (01 02) of DM words; anything else gets end code
0401 (undefined command), another area 1101, words outside the map's areas 1103, a read longer
than the PLC's `max_read` 110B (response too long) and a longer write 1001 (command too long),
as a CS/CJ PLC does (W342 §5-1-3).

Faults (`faults`, `hmi.sim.sim_faults`) answer with FINS end codes: 0302 (CPU Unit error) for
a PLC refusing everything, 1103 for part of an area it does not map, 2101 (read-only) while
it protects its memory; `restart(lose_memory=True)` is a PLC whose program restarts without
retained memory. The plant model may wait for each slot's acknowledgement (`wait_for_ack`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from hmi.domain.errors import HmiError
from hmi.plc import fins
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.register_map import RegisterMap, load_register_map
from hmi.sim.plant_access import PlantAccess
from hmi.sim.plc_process import FINISHED_WEIGHT_MODES, BatchProcess, PlcMemory
from hmi.sim.sim_faults import SimFaults, add_fault_arguments, apply_fault_arguments

log = logging.getLogger("hmi.sim.fins")

__all__ = ["FinsSimulator", "main"]

END_UNDEFINED_COMMAND = 0x0401
END_COMMAND_TOO_LONG = 0x1001
END_NO_AREA = 0x1101
END_ADDRESS_RANGE = 0x1103
END_RESPONSE_TOO_LONG = 0x110B
FIRST_CLIENT_NODE = 0xEF  # nodes the simulator assigns over TCP count down from 239


class _Udp(asyncio.DatagramProtocol):
    def __init__(self, sim: FinsSimulator) -> None:
        self.sim = sim
        self.transport: asyncio.DatagramTransport | None = None
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)  # the socket is closed: the port is free again

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.sim._spawn(self._answer(data, addr))

    async def _answer(self, data: bytes, addr: Any) -> None:
        answer = await self.sim.answer(data)
        if answer is not None and self.transport is not None:
            self.transport.sendto(answer, addr)


class FinsSimulator(PlantAccess):
    """A simulated Omron PLC on a loopback FINS port (UDP or TCP), same plant model as Modbus.

    `capabilities`: the PLC's limits (default: its map's, with FINS's own 999/996 words);
    `node`: the PLC's FINS node number. Stopping and starting keeps memory and process state.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        protocol: str = "udp",
        speed: float = 60.0,
        register_map: RegisterMap | None = None,
        seed: int | None = None,
        finished_weight: str = "measured",
        capabilities: PlcCapabilities | None = None,
        node: int = 1,
        wait_for_ack: bool = False,
    ) -> None:
        if protocol not in ("udp", "tcp"):
            raise ValueError(f"protocol must be 'udp' or 'tcp', not {protocol!r}")
        self.host = host
        self.port = port
        self.protocol = protocol
        self.node = node
        self.map = register_map or load_register_map()
        self.capabilities = (
            capabilities
            or self.map.with_capabilities(
                transport=f"fins_{protocol}", max_read=999, max_write=996
            ).capabilities
        )
        self.spans = sorted((area.base, area.end) for area in self.map.areas.values())
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
        self.faults = SimFaults(self, protocol="fins")
        self.requests = 0
        self._udp: asyncio.DatagramTransport | None = None
        self._udp_protocol: _Udp | None = None
        self._tcp: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._process_task: asyncio.Task[None] | None = None
        self._reopen: asyncio.Task[None] | None = None
        self._next_node = FIRST_CLIENT_NODE

    # ---- life cycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen (port 0 picks a free one, kept for restarts) and run the plant model."""
        await self._listen()
        if self._process_task is None:
            self._process_task = asyncio.get_running_loop().create_task(
                self.process.run(), name="fins-sim-process"
            )

    async def stop(self) -> None:
        """Stop the model and the server; memory and process state are kept."""
        for task in (self._process_task, self._reopen):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._process_task = self._reopen = None
        await self._close_server()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def restart(self, *, lose_memory: bool = False, down_s: float = 0.0) -> None:
        """Stop, stay down `down_s` seconds, start again on the same port; `lose_memory`
        clears every word (a program restarting without retained memory: idle, ready, write
        area empty)."""
        await self.stop()
        if lose_memory:
            self.process.reset()
        if down_s > 0:
            await asyncio.sleep(down_s)
        await self.start()

    async def __aenter__(self) -> FinsSimulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def running(self) -> bool:
        """True while the server listens."""
        return self._udp is not None or self._tcp is not None

    async def _listen(self) -> None:
        if self.running:
            return
        loop = asyncio.get_running_loop()
        if self.protocol == "udp":
            transport, protocol = await loop.create_datagram_endpoint(
                lambda: _Udp(self), local_addr=(self.host, self.port)
            )
            self._udp, self._udp_protocol = transport, protocol
            self.port = int(transport.get_extra_info("sockname")[1])
        else:
            self._tcp = await asyncio.start_server(self._serve_tcp, self.host, self.port)
            self.port = int(self._tcp.sockets[0].getsockname()[1])
        log.info("FINS simulator (%s) listening on %s:%s", self.protocol, self.host, self.port)

    async def _close_server(self) -> None:
        if self._udp is not None:
            self._udp.close()
            self._udp = None
            if self._udp_protocol is not None:  # a restart binds the same port again
                await self._udp_protocol.closed
                self._udp_protocol = None
        if self._tcp is not None:
            server, self._tcp = self._tcp, None
            self._drop_connections()
            server.close()
            await server.wait_closed()

    def _drop_connections(self) -> int:
        """Close every TCP client connection (UDP has none); return how many."""
        writers = list(self._writers)
        for writer in writers:
            writer.close()
        self._writers.clear()
        return len(writers)

    async def _refuse_for(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError(f"refuse connections for a positive time, not {seconds!r} s")
        await self._close_server()

        async def reopen() -> None:
            await asyncio.sleep(seconds)
            await self._listen()

        self._reopen = asyncio.get_running_loop().create_task(reopen(), name="fins-sim-reopen")

    def _spawn(self, job: Any) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ---- FINS/TCP ----------------------------------------------------------------------------

    async def _serve_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            length, command, _ = fins.parse_tcp_header(await reader.readexactly(16))
            payload = await reader.readexactly(length)
            if command != fins.TCP_NODE_TO_SERVER or len(payload) != 4:
                writer.write(fins.tcp_frame(fins.TCP_ERROR, error=0x03))
                return
            client = int.from_bytes(payload, "big") or self._assign_node()
            writer.write(fins.node_answer(client, self.node))
            while True:
                length, command, _ = fins.parse_tcp_header(await reader.readexactly(16))
                payload = await reader.readexactly(length)
                if command != fins.TCP_FRAME:
                    writer.write(fins.tcp_frame(fins.TCP_ERROR, error=0x03))
                    return
                answer = await self.answer(payload)
                if answer is not None:
                    writer.write(fins.tcp_frame(fins.TCP_FRAME, answer))
                    await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, fins.FinsFrameError):
            pass
        except asyncio.CancelledError:  # the simulator stops: end quietly (asyncio.streams
            pass  # logs a handler task that ends cancelled)
        finally:
            self._writers.discard(writer)
            if task is not None:
                self._tasks.discard(task)
            writer.close()

    def _assign_node(self) -> int:
        node, self._next_node = self._next_node, self._next_node - 1
        if self._next_node < 2:
            self._next_node = FIRST_CLIENT_NODE
        return node

    # ---- FINS commands -----------------------------------------------------------------------

    async def answer(self, data: bytes) -> bytes | None:
        """The response frame to a command frame (None: not a command, no answer)."""
        try:
            command = fins.parse_frame(data)
        except fins.FinsFrameError:
            return None
        if command.is_response:
            return None
        self.requests += 1
        if self.faults.latency > 0:
            await asyncio.sleep(self.faults.latency)
        if command.command == fins.MEMORY_AREA_READ:
            return self._read(command)
        if command.command == fins.MEMORY_AREA_WRITE:
            return self._write(command)
        return fins.response_frame(command, END_UNDEFINED_COMMAND)

    def _check(self, command: fins.Frame) -> tuple[int, int, bytes] | int:
        """(address, count, data) of a memory area command, or the end code refusing it."""
        try:
            area, address, bit, count, rest = fins.parse_memory_params(command.data)
        except fins.FinsFrameError:
            return 0x1002  # command too short
        if area != fins.DM_WORDS:
            return END_NO_AREA
        inside = any(s <= address and address + count <= e for s, e in self.spans)
        if bit != 0 or count < 1 or not inside:
            return END_ADDRESS_RANGE
        return address, count, rest

    def _read(self, command: fins.Frame) -> bytes:
        checked = self._check(command)
        if isinstance(checked, int):
            return fins.response_frame(command, checked)
        address, count, _ = checked
        if count > self.capabilities.max_read:
            return fins.response_frame(command, END_RESPONSE_TOO_LONG)
        refused = self.faults.refusal_for(0x0101, address, count)
        if refused is not None:
            return fins.response_frame(command, refused)
        words = self.memory.get(address, count)
        return fins.response_frame(command, 0, fins.words_to_bytes(words))

    def _write(self, command: fins.Frame) -> bytes:
        checked = self._check(command)
        if isinstance(checked, int):
            return fins.response_frame(command, checked)
        address, count, data = checked
        if count > self.capabilities.max_write:
            return fins.response_frame(command, END_COMMAND_TOO_LONG)
        try:
            words = fins.bytes_to_words(data)
        except fins.FinsFrameError:
            return fins.response_frame(command, 0x1003)
        if len(words) != count:
            return fins.response_frame(command, 0x1003)  # elements/data don't match
        refused = self.faults.refusal_for(0x0102, address, count)
        if refused is not None:
            return fins.response_frame(command, refused)
        self.memory.set(address, words)
        for stuck, value in self.faults.stuck.items():
            if address <= stuck < address + count:
                self.memory.set(stuck, [value])
        return fins.response_frame(command, 0)


def build_parser() -> argparse.ArgumentParser:
    """The `hmi-fins-sim` command line."""
    parser = argparse.ArgumentParser(
        prog="hmi-fins-sim", description="Simulated Omron batching PLC over FINS"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=9600, help="FINS port (0: any free port)")
    parser.add_argument("--protocol", choices=("udp", "tcp"), default="udp")
    parser.add_argument("--node", type=int, default=1, help="the PLC's FINS node number")
    parser.add_argument("--speed", type=float, default=60.0, help="speed factor (60: 5 min → 5 s)")
    parser.add_argument("--seed", type=int, default=None, help="random seed for dosing noise")
    parser.add_argument("--finished-weight", choices=FINISHED_WEIGHT_MODES, default="measured")
    parser.add_argument("--register-map", type=Path, default=None, help="register map TOML")
    add_fault_arguments(parser, "fins")
    return parser


async def serve(args: argparse.Namespace) -> None:
    """Run the simulator until SIGINT/SIGTERM."""
    sim = FinsSimulator(
        args.host,
        args.port,
        protocol=args.protocol,
        speed=args.speed,
        register_map=load_register_map(args.register_map),
        seed=args.seed,
        finished_weight=args.finished_weight,
        node=args.node,
        wait_for_ack=args.wait_for_ack,
    )
    apply_fault_arguments(sim.faults, args)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with sim:
        print(f"hmi-fins-sim ({args.protocol}) listening on {sim.host}:{sim.port}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `hmi-fins-sim`."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        return 0
    except (OSError, ValueError, HmiError) as exc:
        print(f"hmi-fins-sim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
