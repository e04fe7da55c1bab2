"""How a simulated PLC's Modbus front end differs from the protocol's ideal.

Real PLCs accept fewer registers per request than Modbus allows, only function 6, number their
registers from 1, expose only the configured blocks, or serve one client at a time. The
simulator answers as such a PLC would (exception responses, Modbus spec §7) when given the
`PlcCapabilities` of the PLC it plays; the HMI's own copy of the map may say otherwise, which
is how the tests show the translated alarm of a misconfigured HMI.
"""

from __future__ import annotations

from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.register_map import RegisterMap

ILLEGAL_FUNCTION = 1
ILLEGAL_ADDRESS = 2
ILLEGAL_VALUE = 3
READS = (3,)
WRITES = (6, 16)


class ModbusRules:
    """Which requests the simulated PLC refuses, and where a wire address points."""

    def __init__(self, capabilities: PlcCapabilities, regmap: RegisterMap) -> None:
        self.capabilities = capabilities
        self.spans = sorted((area.base, area.end) for area in regmap.areas.values())

    @property
    def base(self) -> int:
        """1 for a PLC that numbers its registers from 1 (wire address = word number − 1)."""
        return self.capabilities.address_base

    @property
    def single_connection(self) -> bool:
        """True when the PLC serves one client at a time."""
        return self.capabilities.single_connection

    def word(self, wire: int) -> int:
        """The PLC's word number a wire address points at."""
        return wire + self.base

    def inside(self, first: int, count: int) -> bool:
        """True when words first..first+count−1 all belong to one configured block."""
        return any(start <= first and first + count <= end for start, end in self.spans)

    def refuse(self, function_code: int, wire: int, count: int) -> int | None:
        """The exception code this PLC answers the request with, or None to serve it."""
        caps = self.capabilities
        if function_code == 16 and caps.write_function == 6:
            return ILLEGAL_FUNCTION
        if function_code in READS and count > caps.max_read:
            return ILLEGAL_VALUE
        if function_code == 16 and count > caps.max_write:
            return ILLEGAL_VALUE
        if function_code in READS + WRITES and not self.inside(self.word(wire), count):
            return ILLEGAL_ADDRESS
        return None
