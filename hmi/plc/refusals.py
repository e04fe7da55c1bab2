"""A PLC's refusal, translated for the integrator: which setting to change, and why.

Modbus exception codes: Modbus Application Protocol V1.1b3 §7. FINS end codes (MRES/SRES):
Omron W342 "Communications Commands Reference Manual" §5-1-3 "End Codes"; bit 7 of MRES (a
relay error on the network) and bits 6–7 of SRES (CPU errors) are flags, masked here.
"""

from __future__ import annotations

from hmi.domain.errors import PlcRefusedError
from hmi.domain.messages import Message, msg
from hmi.plc.capabilities import PlcCapabilities

#: Modbus exception code → its name in the specification.
MODBUS_EXCEPTIONS = {
    1: "illegal function",
    2: "illegal data address",
    3: "illegal data value",
    4: "server device failure",
    5: "acknowledge",
    6: "server device busy",
    8: "memory parity error",
    10: "gateway path unavailable",
    11: "gateway target device failed to respond",
}
#: FINS end code (MRES << 8 | SRES) → its name in W342.
FINS_END_CODES = {
    0x0000: "normal completion",
    0x0001: "service cancelled",
    0x0101: "local node not in network",
    0x0102: "token timeout",
    0x0103: "retries failed",
    0x0104: "too many send frames",
    0x0105: "node address range error",
    0x0106: "node address duplication",
    0x0201: "destination node not in network",
    0x0202: "unit missing",
    0x0203: "third node missing",
    0x0204: "destination node busy",
    0x0205: "response timeout",
    0x0301: "communications controller error",
    0x0302: "CPU Unit error",
    0x0303: "controller error",
    0x0304: "unit number error",
    0x0401: "undefined command",
    0x0402: "not supported by model/version",
    0x1001: "command too long",
    0x1002: "command too short",
    0x1003: "elements/data don't match",
    0x1004: "command format error",
    0x1005: "header error",
    0x1101: "area classification missing",
    0x1102: "access size error",
    0x1103: "address range error",
    0x1104: "address range exceeded",
    0x110B: "response too long",
    0x110C: "parameter error",
    0x2101: "read-only",
    0x2102: "protected",
    0x2201: "not possible while running",
    0x2202: "not possible in the current mode",
    0x2203: "PLC in PROGRAM mode",
    0x2205: "PLC in MONITOR mode",
    0x2206: "PLC in RUN mode",
}
#: FINS end code → the kind of advice (prefixes: a whole main code).
FINS_KINDS = {
    0x1001: "too_long",
    0x110B: "too_long",
    0x1101: "address",
    0x1103: "address",
    0x1104: "address",
    0x2101: "read_only",
    0x2102: "read_only",
}
MODBUS_KINDS = {1: "function", 2: "address", 3: "too_long", 10: "gateway", 11: "gateway"}


def mask_fins(code: int) -> int:
    """The end code without its flag bits (MRES bit 7, SRES bits 6 and 7)."""
    return code & 0x7F3F


def _kind(error: PlcRefusedError) -> str:
    if error.protocol == "modbus":
        return MODBUS_KINDS.get(error.code, "other")
    code = mask_fins(error.code)
    if code in FINS_KINDS:
        return FINS_KINDS[code]
    main = code >> 8
    if main in (0x01, 0x02):
        return "node"
    if main == 0x22:
        return "mode"
    return "other"


def reason(error: PlcRefusedError) -> Message:
    """'Modbus exception 3: illegal data value' / 'FINS end code 1104: …'."""
    if error.protocol == "modbus":
        known = error.code in MODBUS_EXCEPTIONS  # named in the operator's language
        name = msg(f"modbus.exception.{error.code}" if known else "modbus.exception.unknown")
        return msg("plc.why.modbus", number=error.code, name=name)
    code = mask_fins(error.code)
    return msg("plc.why.fins", number=f"{code:04X}", name=FINS_END_CODES.get(code, "unknown"))


def explain_refusal(
    error: PlcRefusedError, capabilities: PlcCapabilities, unit: int = 1
) -> Message:
    """What the integrator should change, e.g. "The PLC refuses reads of 125 registers at 6000
    (Modbus exception 3: illegal data value): set max_read …"."""
    why = reason(error)
    kind = _kind(error)
    operation = msg(f"plc.op.{error.operation}")
    end = error.address + error.count - 1
    if kind == "too_long" and error.operation == "read":
        return msg(
            "plc.refused.read_too_long",
            count=error.count,
            address=error.address,
            limit=capabilities.max_read,
            why=why,
        )
    if kind == "too_long":
        return msg(
            "plc.refused.write_too_long",
            count=error.count,
            address=error.address,
            limit=capabilities.max_write,
            why=why,
        )
    if kind == "function" and error.function == 16:
        return msg("plc.refused.function_16", address=error.address, why=why)
    if kind == "function":
        return msg("plc.refused.function", function=error.function, address=error.address, why=why)
    if kind == "address":
        return msg(
            "plc.refused.address",
            address=error.address,
            end=end,
            operation=operation,
            base=capabilities.address_base,
            why=why,
        )
    if kind == "read_only":
        return msg("plc.refused.read_only", address=error.address, end=end, why=why)
    if kind == "mode":
        return msg("plc.refused.mode", operation=operation, address=error.address, why=why)
    if kind == "node":
        return msg("plc.refused.node", why=why)
    if kind == "gateway":
        return msg("plc.refused.gateway", unit=unit, why=why)
    return msg(
        "plc.refused.other", operation=operation, count=error.count, address=error.address, why=why
    )
