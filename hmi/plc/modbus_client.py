"""The one module that touches pymodbus' client: connect, read and write holding registers.

pymodbus renames keywords between minor versions (pinned to 3.16 in pyproject.toml). Its own
reconnect is switched off (`reconnect_delay=0` disables it in 3.16) because `PlcLink` owns the
backoff; a dropped connection fails the pending request at once instead of after the timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable, Sequence
from typing import Any

from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ModbusException

from hmi.domain.errors import (
    MODBUS_EXCEPTIONS,
    MODBUS_FUNCTIONS,
    LinkDownError,
    PlcDataError,
    PlcRefusedError,
)
from hmi.domain.messages import Message, msg
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.transport import AnswerListener, RefusalLog

#: Most registers one read (function 3) may return.
MAX_READ = 125
#: Most registers one write (function 16) may carry.
MAX_WRITE = 123


def plan_reads(ranges: Iterable[tuple[int, int]], limit: int = MAX_READ) -> list[tuple[int, int]]:
    """Fewest (address, count) requests of at most `limit` words covering every wanted word.

    Words between wanted ranges may be read too (they are ignored); greedy windows starting at
    the next uncovered wanted word are optimal for covering points with fixed-length windows.
    """
    wanted = sorted({a for start, count in ranges for a in range(start, start + count)})
    requests: list[tuple[int, int]] = []
    index = 0
    while index < len(wanted):
        start = wanted[index]
        while index < len(wanted) and wanted[index] < start + limit:
            index += 1
        requests.append((start, wanted[index - 1] - start + 1))
    return requests


def plan_writes(
    address: int, values: Sequence[int], limit: int = MAX_WRITE
) -> list[tuple[int, list[int]]]:
    """Split one contiguous write into the fewest requests of at most `limit` words."""
    return [(address + i, list(values[i : i + limit])) for i in range(0, len(values), limit)]


class ModbusClient:
    """Async Modbus TCP client for one PLC: plain words in, plain words out, domain errors.

    `capabilities` (from the register map) set the largest read and write, the write function
    (16, or 6: one request per register), the address base (1: the wire address is one less
    than the map's) and the unit id (overriding `unit_id` when the map sets one).
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        unit_id: int = 1,
        timeout: float = 2.0,
        capabilities: PlcCapabilities | None = None,
        on_answer: AnswerListener | None = None,
    ) -> None:
        """Remember where the PLC is; `connect()` opens the socket.

        `on_answer` hears of every answered request, normal or refused (link fault state)."""
        self.capabilities = capabilities or PlcCapabilities()
        if self.capabilities.unit_id is not None:
            unit_id = self.capabilities.unit_id
        if not 0 <= unit_id <= 255:
            raise ValueError(f"Modbus unit id must be 0..255, got {unit_id}")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0 s, got {timeout}")
        self.host = host
        self.port = port
        self.unit_id = unit_id
        self.timeout = timeout
        self.request_count = 0
        self.refusals = RefusalLog()
        self.on_answer: AnswerListener | None = on_answer
        self._client: AsyncModbusTcpClient | None = None
        self._lost: asyncio.Event | None = None

    @property
    def where(self) -> str:
        """host:port for messages."""
        return f"{self.host}:{self.port}"

    @property
    def connected(self) -> bool:
        """True while the TCP connection is open."""
        return self._client is not None and self._client.connected

    async def connect(self) -> None:
        """Open a fresh connection; LinkDownError when the PLC does not accept it."""
        self.close()
        lost = asyncio.Event()

        def on_connect(up: bool) -> None:
            if not up:
                lost.set()

        client = AsyncModbusTcpClient(
            self.host,
            port=self.port,
            timeout=self.timeout,
            retries=0,
            reconnect_delay=0,
            trace_connect=on_connect,
        )
        try:
            ok = await client.connect()
        except OSError as exc:
            ok = False
            reason = str(exc)
        else:
            reason = "connection refused or timed out"
        if not ok:
            client.close()
            raise LinkDownError(f"PLC {self.where} not reachable: {reason}{self._single_hint}")
        self._client, self._lost = client, lost

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._client is not None:
            self._client.close()
        self._client = None
        self._lost = None

    @property
    def _single_hint(self) -> str:
        if not self.capabilities.single_connection:
            return ""
        return (
            " (this PLC serves one client at a time: another panel, the programming tool or "
            "a probe may hold its connection)"
        )

    async def read(self, address: int, count: int) -> list[int]:
        """Read `count` holding registers starting at map address `address` (one request)."""
        limit = min(MAX_READ, self.capabilities.max_read)
        if not 1 <= count <= limit:
            raise ValueError(f"a read carries 1..{limit} registers, not {count}")
        what = f"reading {count} words at {address}"
        wire = self.capabilities.wire_address(address)
        response = await self._request(
            what,
            lambda c: c.read_holding_registers(wire, count=count, device_id=self.unit_id),
            refusal=("read", address, count, 3),
        )
        registers = list(response.registers)
        if len(registers) != count:
            raise PlcDataError(f"PLC {self.where}: {what} returned {len(registers)} words")
        return registers

    async def write(self, address: int, values: Sequence[int]) -> None:
        """Write holding registers at map address `address`: one function 16 request, or one
        function 6 request per register when the PLC only supports that."""
        limit = min(MAX_WRITE, self.capabilities.max_write)
        if not 1 <= len(values) <= limit:
            raise ValueError(f"a write carries 1..{limit} registers, not {len(values)}")
        if any(not 0 <= v <= 0xFFFF for v in values):
            raise ValueError(f"writing at {address}: every word must be 0..65535")
        wire = self.capabilities.wire_address(address)
        if self.capabilities.write_function == 6:
            for i, value in enumerate(values):
                await self._request(
                    f"writing 1 word at {address + i}",
                    lambda c, a=wire + i, v=value: c.write_register(a, v, device_id=self.unit_id),
                    refusal=("write", address + i, 1, 6),
                )
            return
        what = f"writing {len(values)} words at {address}"
        await self._request(
            what,
            lambda c: c.write_registers(wire, list(values), device_id=self.unit_id),
            refusal=("write", address, len(values), 16),
        )

    async def _request(
        self, what: str, call: Any, refusal: tuple[str, int, int, int] | None = None
    ) -> Any:
        """Send one request; a dropped link or timeout closes and raises LinkDownError."""
        client, lost = self._client, self._lost
        if client is None or lost is None or not client.connected:
            raise LinkDownError(f"PLC {self.where} not connected ({what})")
        self.request_count += 1
        try:
            response = await _race(call(client), lost)
        except (TimeoutError, ModbusException, OSError) as exc:
            self.close()
            raise LinkDownError(f"PLC {self.where} stopped answering ({what}): {exc}") from None
        if response is None:
            self.close()
            raise LinkDownError(
                f"PLC {self.where} dropped the connection ({what}){self._single_hint}"
            )
        if response.isError():
            code = int(getattr(response, "exception_code", 0))
            if refusal is None:
                raise PlcDataError(f"PLC {self.where} refused {what}: exception {code}")
            operation, address, count, function = refusal
            error = PlcRefusedError(
                refusal_message(code, function, address, count),
                protocol="modbus",
                operation=operation,
                address=address,
                count=count,
                code=code,
                function=function,
            )
            self.refusals.refused(error)
            if self.on_answer is not None:
                self.on_answer(operation, address, count, error)
            raise error
        if refusal is not None:
            self.refusals.succeeded(*refusal[:3])
            if self.on_answer is not None:
                self.on_answer(refusal[0], refusal[1], refusal[2], None)
        return response


def refusal_message(code: int, function: int, address: int, count: int) -> Message:
    """'the PLC refuses reading words 6000–6124: exception 2 (illegal data address)'."""
    return msg(
        "plc.refused",
        number=code,
        exception=msg(MODBUS_EXCEPTIONS.get(code, "modbus.exception.unknown")),
        function=msg(MODBUS_FUNCTIONS.get(function, "modbus.function.other"), number=function),
        first=address,
        last=address + max(count, 1) - 1,
    )


async def _race(request: Awaitable[Any], lost: asyncio.Event) -> Any:
    """The request's response, or None as soon as the connection is lost."""
    if lost.is_set():
        return None
    task = asyncio.ensure_future(request)
    waiter = asyncio.ensure_future(lost.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        waiter.cancel()
        raise
    waiter.cancel()
    if task.done():
        return task.result()
    task.cancel()
    return None
