"""Omron FINS frames: the small part of the protocol the HMI needs (pure functions, no I/O).

Sources (checked through Omron's manuals): W342 "CS/CJ Communications Commands Reference"
§5-1 (FINS header) and §5-3-2/§5-3-3 (MEMORY AREA READ 01 01, WRITE 01 02); W421 "CJ1W-ETN21
Ethernet Units" §7-2 (FINS frames over UDP and TCP) and §7-4 (FINS/TCP header and the node
address handshake).

A command frame is the 10-byte FINS header — ICF RSV GCT DNA DA1 DA2 SNA SA1 SA2 SID — then the
command code MRC SRC and its parameters. ICF 0x80 is "command, response required"; a response
has ICF 0xC0, the addresses swapped, the same SID and command code, then the end code
MRES SRES and the data. MEMORY AREA READ's parameters are the area code (0x82: DM words), the
beginning word (2 bytes) and bit (1 byte, 0 for words), and the number of items (2 bytes);
WRITE adds the words, high byte first.

FINS/TCP wraps each frame in a 16-byte header: "FINS", the length of what follows the length
field, a command (0 node address data send client→server, 1 server→client, 2 frame send,
3 frame send error notification) and an error code. Right after connecting, the client sends
its node address (0: assign one) and the server answers with the client's and its own.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

ICF_COMMAND = 0x80  # command, response required
ICF_RESPONSE = 0xC0
GCT = 0x02  # permissible number of gateways
DM_WORDS = 0x82  # memory area code of the DM area, word access
MEMORY_AREA_READ = (0x01, 0x01)
MEMORY_AREA_WRITE = (0x01, 0x02)
HEADER = struct.Struct(">10B")
TCP_MAGIC = b"FINS"
TCP_HEADER = struct.Struct(">4sIII")  # magic, length (after this field), command, error
TCP_NODE_TO_SERVER = 0
TCP_NODE_TO_CLIENT = 1
TCP_FRAME = 2
TCP_ERROR = 3
#: FINS/TCP error codes (W421 §7-4)
TCP_ERRORS = {
    0x01: "the header is not 'FINS'",
    0x02: "the data length is too long",
    0x03: "the command is not supported",
    0x20: "all connections are in use",
    0x21: "the specified node is already connected",
    0x22: "access to a protected node from an unspecified IP address",
    0x23: "the client FINS node address is out of range",
    0x24: "the client and the server use the same FINS node address",
    0x25: "all node addresses available for allocation are in use",
}
MAX_FRAME = 2012  # a FINS frame: 10-byte header, 2-byte command, at most 2,000 bytes


class FinsFrameError(ValueError):
    """A frame that is not FINS as W342/W421 describe it."""


@dataclass(frozen=True)
class Address:
    """A FINS address: network (0 = local), node (1..254) and unit (0 = CPU)."""

    network: int = 0
    node: int = 0
    unit: int = 0


@dataclass(frozen=True)
class Frame:
    """A decoded FINS frame (a command, or a response with its end code)."""

    icf: int
    destination: Address
    source: Address
    sid: int
    command: tuple[int, int]
    end_code: int  # responses: MRES << 8 | SRES; commands: 0
    data: bytes

    @property
    def is_response(self) -> bool:
        """True for a response frame (ICF bit 6)."""
        return bool(self.icf & 0x40)


def _header(icf: int, destination: Address, source: Address, sid: int) -> bytes:
    return HEADER.pack(
        icf,
        0,
        GCT,
        destination.network,
        destination.node,
        destination.unit,
        source.network,
        source.node,
        source.unit,
        sid & 0xFF,
    )


def command_frame(
    destination: Address, source: Address, sid: int, command: tuple[int, int], params: bytes
) -> bytes:
    """A command frame."""
    frame = _header(ICF_COMMAND, destination, source, sid) + bytes(command) + params
    if len(frame) > MAX_FRAME:
        raise FinsFrameError(f"a FINS frame carries at most {MAX_FRAME} bytes, not {len(frame)}")
    return frame


def response_frame(command: Frame, end_code: int, data: bytes = b"") -> bytes:
    """The response to `command` (addresses swapped, same SID and command code)."""
    head = _header(ICF_RESPONSE, command.source, command.destination, command.sid)
    return head + bytes(command.command) + struct.pack(">H", end_code) + data


def read_params(address: int, count: int) -> bytes:
    """MEMORY AREA READ of `count` DM words from D`address`."""
    return struct.pack(">BHBH", DM_WORDS, address, 0, count)


def write_params(address: int, words: Sequence[int]) -> bytes:
    """MEMORY AREA WRITE of `words` to DM words from D`address`."""
    return struct.pack(">BHBH", DM_WORDS, address, 0, len(words)) + words_to_bytes(words)


def parse_memory_params(params: bytes) -> tuple[int, int, int, int, bytes]:
    """(area code, word address, bit, item count, the rest) of a MEMORY AREA command."""
    if len(params) < 6:
        raise FinsFrameError("a memory area command needs 6 bytes of parameters")
    area, address, bit, count = struct.unpack(">BHBH", params[:6])
    return area, address, bit, count, params[6:]


def words_to_bytes(words: Sequence[int]) -> bytes:
    """16-bit words, high byte first (FINS word data)."""
    return struct.pack(f">{len(words)}H", *words)


def bytes_to_words(data: bytes) -> list[int]:
    """FINS word data back to words."""
    if len(data) % 2:
        raise FinsFrameError(f"word data of odd length {len(data)}")
    return list(struct.unpack(f">{len(data) // 2}H", data))


def parse_frame(frame: bytes) -> Frame:
    """Decode a command or response frame."""
    if len(frame) < 12:
        raise FinsFrameError(f"a FINS frame has at least 12 bytes, got {len(frame)}")
    icf, _rsv, _gct, dna, da1, da2, sna, sa1, sa2, sid = HEADER.unpack(frame[:10])
    command = (frame[10], frame[11])
    end_code, data = 0, frame[12:]
    if icf & 0x40:
        if len(frame) < 14:
            raise FinsFrameError("a FINS response has an end code (14 bytes at least)")
        end_code, data = struct.unpack(">H", frame[12:14])[0], frame[14:]
    return Frame(icf, Address(dna, da1, da2), Address(sna, sa1, sa2), sid, command, end_code, data)


def tcp_frame(command: int, payload: bytes = b"", error: int = 0) -> bytes:
    """A FINS/TCP frame: header and payload."""
    return TCP_HEADER.pack(TCP_MAGIC, 8 + len(payload), command, error) + payload


def parse_tcp_header(header: bytes) -> tuple[int, int, int]:
    """(payload length, command, error code) of a 16-byte FINS/TCP header."""
    magic, length, command, error = TCP_HEADER.unpack(header)
    if magic != TCP_MAGIC:
        raise FinsFrameError(f"not a FINS/TCP header: {magic!r}")
    if not 8 <= length <= 8 + MAX_FRAME:
        raise FinsFrameError(f"FINS/TCP length {length} is out of range")
    return length - 8, command, error


def node_request(client_node: int = 0) -> bytes:
    """FINS NODE ADDRESS DATA SEND (client to server); 0 asks the server to assign one."""
    return tcp_frame(TCP_NODE_TO_SERVER, struct.pack(">I", client_node))


def node_answer(client_node: int, server_node: int, error: int = 0) -> bytes:
    """FINS NODE ADDRESS DATA SEND (server to client)."""
    return tcp_frame(TCP_NODE_TO_CLIENT, struct.pack(">II", client_node, server_node), error)
