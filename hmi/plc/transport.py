"""The PLC transport behind `PlcLink`: words in, words out, over Modbus TCP or Omron FINS.

`PlcLink` speaks in map addresses (the PLC's data-memory word numbers, D6000 = 6000) and never
knows the protocol: `open_transport` picks the client the register map's `[plc] transport`
names. A request the PLC answers with a refusal (a Modbus exception response, a FINS end code
other than 0000) raises `PlcRefusedError`, which carries what was asked and the code, so the
integrator can be told which setting to change (`hmi.plc.refusals`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from hmi.domain.errors import PlcRefusedError
from hmi.plc.capabilities import PlcCapabilities

#: Told of every answered request: (operation "read"/"write", map address, count, the refusal
#: or None when answered normally). The link derives its FAULTED state from it.
AnswerListener = Callable[[str, int, int, PlcRefusedError | None], None]


class PlcTransport(Protocol):
    """One connection to one PLC, in map addresses (see `PlcCapabilities.wire_address`)."""

    request_count: int
    refusals: RefusalLog
    on_answer: AnswerListener | None

    @property
    def where(self) -> str:
        """host:port (and protocol) for messages."""
        ...

    @property
    def connected(self) -> bool:
        """True while the connection is usable."""
        ...

    async def connect(self) -> None:
        """Open a fresh connection; LinkDownError when the PLC does not accept it."""
        ...

    def close(self) -> None:
        """Close the connection (idempotent)."""
        ...

    async def read(self, address: int, count: int) -> list[int]:
        """Read `count` words at map address `address` in one request."""
        ...

    async def write(self, address: int, values: Sequence[int]) -> None:
        """Write words at map address `address` (one request, or one per word for function 6)."""
        ...


def open_transport(
    host: str,
    port: int,
    capabilities: PlcCapabilities,
    *,
    unit_id: int = 1,
    timeout: float = 2.0,
) -> PlcTransport:
    """The client for the map's transport (not connected yet)."""
    if capabilities.is_fins:
        from hmi.plc.fins_client import FinsClient

        return FinsClient(host, port, capabilities=capabilities, timeout=timeout)
    from hmi.plc.modbus_client import ModbusClient

    return ModbusClient(host, port, unit_id=unit_id, timeout=timeout, capabilities=capabilities)


RequestKey = tuple[str, int, int]  # (operation, map address, word count)


class RefusalLog:
    """The requests a PLC currently refuses: recorded on refusal, dropped when the same request
    succeeds. The engine turns a non-empty log into the link-fault alarm (`refusals`)."""

    def __init__(self) -> None:
        self._refused: dict[RequestKey, PlcRefusedError] = {}

    def refused(self, error: PlcRefusedError) -> None:
        """Remember a refusal."""
        self._refused[(error.operation, error.address, error.count)] = error

    def succeeded(self, operation: str, address: int, count: int) -> None:
        """The request went through: it is no longer refused."""
        if self._refused:
            self._refused.pop((operation, address, count), None)

    def current(self) -> tuple[PlcRefusedError, ...]:
        """Refusals in the order they were first seen."""
        return tuple(self._refused.values())

    def clear(self) -> None:
        """Forget everything (a new connection, a new map)."""
        self._refused.clear()
