"""The one module that talks FINS to an Omron PLC: DM words in and out over UDP or TCP.

Own asyncio code on `hmi.plc.fins` frames: the FINS packages on PyPI were evaluated and not
used (docs/INTEGRATOR.md §8: `fins` and `aphyt` are GPL-2.0 and blocking, `aphyt` speaks
EtherNet/IP rather than FINS; `fins-driver` is blocking, sends no FINS/TCP header or node
handshake and never matches service ids).

One request at a time (the link holds its lock); a response is matched by its service id
(SID), so a late answer to a timed-out request is never taken for the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Sequence
from typing import Any

from hmi.domain.errors import LinkDownError, PlcDataError, PlcRefusedError
from hmi.domain.messages import msg
from hmi.plc import fins
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.refusals import FINS_END_CODES, mask_fins
from hmi.plc.transport import AnswerListener, RefusalLog


def last_octet(host: str) -> int:
    """The last number of an IPv4 address (the FINS node of the usual IP conversion)."""
    try:
        return int(ipaddress.IPv4Address(host).packed[-1])
    except ValueError:
        return int(ipaddress.IPv4Address(socket.gethostbyname(host)).packed[-1])


class _Datagrams(asyncio.DatagramProtocol):
    """UDP endpoint: hands every datagram to the waiting request."""

    def __init__(self) -> None:
        self.inbox: asyncio.Queue[bytes] = asyncio.Queue()
        self.lost = asyncio.Event()

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.inbox.put_nowait(data)

    def error_received(self, exc: Exception) -> None:
        self.lost.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost.set()


class FinsClient:
    """Async FINS client for one PLC (satisfies `hmi.plc.transport.PlcTransport`).

    Example::

        client = FinsClient("192.168.250.1", 9600, capabilities=PlcCapabilities("fins_udp"))
        await client.connect()
        words = await client.read(6000, 77)
    """

    def __init__(
        self, host: str, port: int, *, capabilities: PlcCapabilities, timeout: float = 2.0
    ) -> None:
        if not capabilities.is_fins:
            raise ValueError(f"FinsClient needs a FINS transport, not {capabilities.transport!r}")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0 s, got {timeout}")
        self.host = host
        self.port = port
        self.capabilities = capabilities
        self.timeout = timeout
        self.request_count = 0
        self.refusals = RefusalLog()
        self.on_answer: AnswerListener | None = None
        self._tcp = capabilities.transport == "fins_tcp"
        self._sid = 0
        self._plc = fins.Address()
        self._hmi = fins.Address()
        self._udp: tuple[asyncio.DatagramTransport, _Datagrams] | None = None
        self._stream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    @property
    def where(self) -> str:
        """host:port and the protocol, for messages."""
        return f"{self.host}:{self.port} ({'FINS/TCP' if self._tcp else 'FINS/UDP'})"

    @property
    def connected(self) -> bool:
        """True while the socket is open (UDP: the endpoint; TCP: the handshaken stream)."""
        if self._udp is not None:
            return not self._udp[1].lost.is_set()
        return self._stream is not None and not self._stream[1].is_closing()

    @property
    def nodes(self) -> tuple[fins.Address, fins.Address]:
        """(the PLC's FINS address, this HMI's) in use."""
        return self._plc, self._hmi

    async def connect(self) -> None:
        """Open the socket (TCP: and do the node address handshake); LinkDownError if not."""
        self.close()
        try:
            if self._tcp:
                await asyncio.wait_for(self._open_tcp(), self.timeout)
            else:
                await self._open_udp()
        except (OSError, TimeoutError, fins.FinsFrameError, asyncio.IncompleteReadError) as exc:
            self.close()
            reason = str(exc) or "timed out"  # asyncio's TimeoutError has no text
            raise LinkDownError(f"PLC {self.where} not reachable: {reason}") from None

    async def _open_udp(self) -> None:
        loop = asyncio.get_running_loop()
        transport, protocol = await loop.create_datagram_endpoint(
            _Datagrams, remote_addr=(self.host, self.port)
        )
        self._udp = (transport, protocol)
        nodes = self.capabilities.fins
        local = transport.get_extra_info("sockname")[0]
        plc_node = nodes.plc_node or last_octet(self.host)
        hmi_node = nodes.hmi_node or last_octet(local)
        self._plc = fins.Address(nodes.network, plc_node, nodes.plc_unit)
        self._hmi = fins.Address(nodes.network, hmi_node, 0)

    async def _open_tcp(self) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self._stream = (reader, writer)
        nodes = self.capabilities.fins
        writer.write(fins.node_request(nodes.hmi_node))
        await writer.drain()
        length, command, error = fins.parse_tcp_header(await reader.readexactly(16))
        payload = await reader.readexactly(length)
        if error:
            reason = fins.TCP_ERRORS.get(error, f"error {error:#x}")
            raise OSError(f"the PLC refused the FINS/TCP node handshake: {reason}")
        if command != fins.TCP_NODE_TO_CLIENT or len(payload) < 8:
            raise fins.FinsFrameError(f"unexpected FINS/TCP command {command} in the handshake")
        client_node = int.from_bytes(payload[0:4], "big")
        server_node = int.from_bytes(payload[4:8], "big")
        self._plc = fins.Address(nodes.network, nodes.plc_node or server_node, nodes.plc_unit)
        self._hmi = fins.Address(nodes.network, client_node, 0)

    def close(self) -> None:
        """Close the socket (idempotent)."""
        if self._udp is not None:
            self._udp[0].close()
        if self._stream is not None:
            self._stream[1].close()
        self._udp = None
        self._stream = None

    async def read(self, address: int, count: int) -> list[int]:
        """Read `count` DM words from D`address` (MEMORY AREA READ, one request)."""
        limit = self.capabilities.max_read
        if not 1 <= count <= limit:
            raise ValueError(f"a read carries 1..{limit} words, not {count}")
        frame = await self._request(
            fins.MEMORY_AREA_READ, fins.read_params(address, count), ("read", address, count)
        )
        words = fins.bytes_to_words(frame.data)
        if len(words) != count:
            raise PlcDataError(
                f"PLC {self.where}: reading {count} words at {address} returned {len(words)}"
            )
        return words

    async def write(self, address: int, values: Sequence[int]) -> None:
        """Write DM words from D`address` (MEMORY AREA WRITE, one request)."""
        limit = self.capabilities.max_write
        if not 1 <= len(values) <= limit:
            raise ValueError(f"a write carries 1..{limit} words, not {len(values)}")
        if any(not 0 <= v <= 0xFFFF for v in values):
            raise ValueError(f"writing at {address}: every word must be 0..65535")
        await self._request(
            fins.MEMORY_AREA_WRITE,
            fins.write_params(address, values),
            ("write", address, len(values)),
        )

    async def _request(
        self, command: tuple[int, int], params: bytes, what: tuple[str, int, int]
    ) -> fins.Frame:
        """Send one command, wait for its response; refusals raise PlcRefusedError."""
        operation, address, count = what
        text = f"{'reading' if operation == 'read' else 'writing'} {count} words at D{address}"
        if not self.connected:
            raise LinkDownError(f"PLC {self.where} not connected ({text})")
        self._sid = self._sid % 255 + 1
        frame = fins.command_frame(self._plc, self._hmi, self._sid, command, params)
        self.request_count += 1
        try:
            answer = await asyncio.wait_for(self._exchange(frame, self._sid), self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, fins.FinsFrameError) as exc:
            self.close()
            why = str(exc) or "no answer in time"
            raise LinkDownError(f"PLC {self.where} stopped answering ({text}): {why}") from None
        code = mask_fins(answer.end_code)
        if code:
            error = PlcRefusedError(
                msg(
                    "plc.refused_fins",
                    function=msg(f"modbus.function.{operation}"),
                    first=address,
                    last=address + max(count, 1) - 1,
                    number=f"{code:04X}",
                    name=FINS_END_CODES.get(code, "unknown end code"),
                ),
                protocol="fins",
                operation=operation,
                address=address,
                count=count,
                code=code,
                function=command[0] << 8 | command[1],
            )
            self.refusals.refused(error)
            if self.on_answer is not None:
                self.on_answer(operation, address, count, error)
            raise error
        self.refusals.succeeded(operation, address, count)
        if self.on_answer is not None:
            self.on_answer(operation, address, count, None)
        return answer

    async def _exchange(self, frame: bytes, sid: int) -> fins.Frame:
        """Send and take frames until the one answering `sid` arrives."""
        if self._udp is not None:
            transport, protocol = self._udp
            while not protocol.inbox.empty():  # late answers to timed-out requests
                protocol.inbox.get_nowait()
            transport.sendto(frame)
            while True:
                answer = fins.parse_frame(await self._next_datagram(protocol))
                if answer.is_response and answer.sid == sid:
                    return answer
        assert self._stream is not None
        reader, writer = self._stream
        writer.write(fins.tcp_frame(fins.TCP_FRAME, frame))
        await writer.drain()
        while True:
            length, command, error = fins.parse_tcp_header(await reader.readexactly(16))
            payload = await reader.readexactly(length)
            if command == fins.TCP_ERROR:
                raise OSError(f"the PLC closed FINS/TCP: {fins.TCP_ERRORS.get(error, error)}")
            if command != fins.TCP_FRAME:
                continue
            answer = fins.parse_frame(payload)
            if answer.is_response and answer.sid == sid:
                return answer

    @staticmethod
    async def _next_datagram(protocol: _Datagrams) -> bytes:
        getter = asyncio.ensure_future(protocol.inbox.get())
        lost = asyncio.ensure_future(protocol.lost.wait())
        try:
            await asyncio.wait({getter, lost}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            lost.cancel()
            if not getter.done():
                getter.cancel()
        if getter.done() and not getter.cancelled():
            return getter.result()
        with contextlib.suppress(asyncio.CancelledError):
            await getter
        raise OSError("the UDP socket reported an error (ICMP port unreachable)")
