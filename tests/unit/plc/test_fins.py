"""FINS frames against the byte layouts of Omron's manuals (W342 §5-1, §5-3; W421 §7-4)."""

from __future__ import annotations

import pytest

from hmi.plc import fins
from hmi.plc.refusals import mask_fins


def test_memory_area_read_of_20_dm_words_from_d100_is_the_manuals_frame() -> None:
    # DNA 00 DA1 41 DA2 00, SNA 00 SA1 0B SA2 00, SID 00; 01 01; 82 0064 00 0014
    frame = fins.command_frame(
        fins.Address(0, 0x41, 0),
        fins.Address(0, 0x0B, 0),
        0,
        fins.MEMORY_AREA_READ,
        fins.read_params(100, 20),
    )
    assert frame.hex(" ") == "80 00 02 00 41 00 00 0b 00 00 01 01 82 00 64 00 00 14"


def test_a_response_swaps_the_addresses_and_carries_the_end_code_and_words() -> None:
    command = fins.parse_frame(
        bytes.fromhex("80 00 02 00 41 00 00 0b 00 07 01 01 82 00 64 00 00 03")
    )
    answer = fins.response_frame(command, 0, fins.words_to_bytes([0x1388, 0x1770, 0x1B58]))
    assert answer.hex(" ") == ("c0 00 02 00 0b 00 00 41 00 07 01 01 00 00 13 88 17 70 1b 58")
    decoded = fins.parse_frame(answer)
    assert decoded.is_response
    assert decoded.sid == 7
    assert fins.bytes_to_words(decoded.data) == [5000, 6000, 7000]


def test_memory_area_write_parameters() -> None:
    assert fins.write_params(7076, [0]).hex(" ") == "82 1b a4 00 00 01 00 00"
    area, address, bit, count, rest = fins.parse_memory_params(fins.write_params(6000, [1, 2]))
    assert (area, address, bit, count, rest) == (0x82, 6000, 0, 2, b"\x00\x01\x00\x02")


def test_fins_tcp_node_address_handshake_frames() -> None:
    assert fins.node_request(0).hex(" ") == (
        "46 49 4e 53 00 00 00 0c 00 00 00 00 00 00 00 00 00 00 00 00"
    )
    answer = fins.node_answer(0xEF, 1)
    assert fins.parse_tcp_header(answer[:16]) == (8, fins.TCP_NODE_TO_CLIENT, 0)
    assert answer[16:].hex(" ") == "00 00 00 ef 00 00 00 01"


def test_frame_send_wraps_a_fins_frame() -> None:
    frame = fins.command_frame(
        fins.Address(0, 1, 0),
        fins.Address(0, 2, 0),
        1,
        fins.MEMORY_AREA_READ,
        fins.read_params(6000, 1),
    )
    wrapped = fins.tcp_frame(fins.TCP_FRAME, frame)
    assert fins.parse_tcp_header(wrapped[:16]) == (len(frame), fins.TCP_FRAME, 0)
    assert wrapped[16:] == frame


@pytest.mark.parametrize(
    "bad",
    [b"", b"\x80\x00", b"HTTP/1.1 200 OK\r\n\r\n"[:11]],
)
def test_short_or_foreign_frames_are_refused(bad: bytes) -> None:
    with pytest.raises(fins.FinsFrameError):
        fins.parse_frame(bad)
    with pytest.raises(fins.FinsFrameError):
        fins.parse_tcp_header(b"HTTP/1.1 200 OK\r")


def test_end_code_flag_bits_are_masked() -> None:
    assert mask_fins(0x0040) == 0  # SRES bit 6: a non-fatal CPU error, the command worked
    assert mask_fins(0x8000 | 0x1104) == 0x1104  # MRES bit 7: relayed through a network
