"""What one PLC can do, as data: the `[plc]` table of the plant's register map.

A real PLC is not the protocol's ideal: it may accept fewer registers per request than
Modbus allows (125 read, 123 write: Modbus Application Protocol V1.1b3 §6.3, §6.12), only
function 6 (write single register), number its registers from 1 (the "40001" convention:
register number n goes on the wire as address n − 1), answer a single client, or speak Omron
FINS instead of Modbus. Defaults are today's behaviour (Modbus TCP, 125/123, function 16,
addresses as written, unit id from the settings).

Example (`register_map.toml`)::

    [plc]
    transport = "modbus_tcp"    # modbus_tcp | fins_udp | fins_tcp
    max_read = 100
    max_write = 60
    write_function = 16         # 16, or 6 for a PLC that writes one register at a time
    address_base = 1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hmi.domain.errors import ConfigError

TRANSPORTS = ("modbus_tcp", "fins_udp", "fins_tcp")
FINS_TRANSPORTS = ("fins_udp", "fins_tcp")
#: transport → (largest read, largest write) the protocol allows, in 16-bit words.
#: Modbus: function 3 reads 125, function 16 writes 123 (Modbus spec §6.3, §6.12).
#: FINS: MEMORY AREA READ/WRITE carry at most 2,000 bytes of parameters and data
#: (Omron W342 §5-3-2/§5-3-3): 999 words read, 996 words written on CS/CJ/CP.
PROTOCOL_LIMITS = {"modbus_tcp": (125, 123), "fins_udp": (999, 996), "fins_tcp": (999, 996)}
WRITE_FUNCTIONS = (16, 6)
PLC_KEYS = frozenset(
    {
        "transport",
        "max_read",
        "max_write",
        "write_function",
        "unit_id",
        "address_base",
        "single_connection",
        "fins",
    }
)
FINS_KEYS = frozenset({"network", "plc_node", "plc_unit", "hmi_node"})


@dataclass(frozen=True)
class FinsNodes:
    """FINS addresses (Omron W342 §5-1 FINS header: DNA/DA1/DA2, SNA/SA1/SA2).

    `network` is the FINS network number of both ends (0 = the local network).
    `plc_node` (DA1) and `hmi_node` (SA1) are FINS node numbers 1..254; 0 = derive: over UDP
    from the last number of the PLC's and this PC's IPv4 address (the Ethernet unit's
    default "IP address table / automatic" conversion), over TCP from the node address
    handshake. `plc_unit` (DA2) is 0 for the CPU unit.
    """

    network: int = 0
    plc_node: int = 0
    plc_unit: int = 0
    hmi_node: int = 0


@dataclass(frozen=True)
class PlcCapabilities:
    """The PLC's protocol and limits; every value has a default that is today's behaviour."""

    transport: str = "modbus_tcp"
    max_read: int = 125
    max_write: int = 123
    write_function: int = 16
    unit_id: int | None = None  # None: the settings' plc.unit_id
    address_base: int = 0
    single_connection: bool = False
    fins: FinsNodes = field(default_factory=FinsNodes)

    @property
    def is_fins(self) -> bool:
        """True for FINS over UDP or TCP."""
        return self.transport in FINS_TRANSPORTS

    def wire_address(self, address: int) -> int:
        """The address sent on the wire for a map address (map addresses are word numbers)."""
        return address - self.address_base

    def describe(self) -> str:
        """One line for logs and the probe report."""
        if self.is_fins:
            return f"{self.transport}, read ≤ {self.max_read} words, write ≤ {self.max_write} words"
        one = ", one connection only" if self.single_connection else ""
        return (
            f"{self.transport}, read ≤ {self.max_read}, write ≤ {self.max_write} registers, "
            f"function {self.write_function}, address base {self.address_base}{one}"
        )


def _whole(value: Any, low: int, high: int, where: str, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{source}: {where}: must be a whole number {low}..{high}, got {value!r}")
    return value


def parse_capabilities(table: Any, source: str) -> PlcCapabilities:
    """Validate the map's `[plc]` table (absent: defaults); ConfigError names file and key."""
    if table is None:
        return PlcCapabilities()
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: plc: must be a table")
    unknown = sorted(set(table) - PLC_KEYS)
    if unknown:
        raise ConfigError(f"{source}: plc: unknown key(s) {', '.join(unknown)}")
    transport = table.get("transport", "modbus_tcp")
    if transport not in TRANSPORTS:
        raise ConfigError(
            f"{source}: plc.transport: must be one of {', '.join(TRANSPORTS)}, got {transport!r}"
        )
    most_read, most_write = PROTOCOL_LIMITS[transport]
    max_read = _whole(table.get("max_read", most_read), 1, most_read, "plc.max_read", source)
    max_write = _whole(table.get("max_write", most_write), 1, most_write, "plc.max_write", source)
    function = table.get("write_function", 16)
    if function not in WRITE_FUNCTIONS or isinstance(function, bool):
        raise ConfigError(f"{source}: plc.write_function: must be 16 or 6, got {function!r}")
    unit = table.get("unit_id")
    unit_id = None if unit is None else _whole(unit, 0, 255, "plc.unit_id", source)
    base = table.get("address_base", 0)
    if base not in (0, 1) or isinstance(base, bool):
        raise ConfigError(f"{source}: plc.address_base: must be 0 or 1, got {base!r}")
    single = table.get("single_connection", False)
    if not isinstance(single, bool):
        raise ConfigError(f"{source}: plc.single_connection: must be true or false")
    fins = _parse_fins(table.get("fins"), source)
    if transport in FINS_TRANSPORTS:
        for key, value, default in (
            ("write_function", function, 16),
            ("address_base", base, 0),
            ("unit_id", unit, None),
        ):
            if value != default:
                raise ConfigError(
                    f"{source}: plc.{key}: is a Modbus setting; FINS addresses DM words "
                    f"directly (remove it for transport {transport!r})"
                )
    return PlcCapabilities(
        transport=transport,
        max_read=max_read,
        max_write=max_write,
        write_function=function,
        unit_id=unit_id,
        address_base=base,
        single_connection=single,
        fins=fins,
    )


def _parse_fins(table: Any, source: str) -> FinsNodes:
    if table is None:
        return FinsNodes()
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: plc.fins: must be a table")
    unknown = sorted(set(table) - FINS_KEYS)
    if unknown:
        raise ConfigError(f"{source}: plc.fins: unknown key(s) {', '.join(unknown)}")
    return FinsNodes(
        network=_whole(table.get("network", 0), 0, 127, "plc.fins.network", source),
        plc_node=_whole(table.get("plc_node", 0), 0, 254, "plc.fins.plc_node", source),
        plc_unit=_whole(table.get("plc_unit", 0), 0, 255, "plc.fins.plc_unit", source),
        hmi_node=_whole(table.get("hmi_node", 0), 0, 254, "plc.fins.hmi_node", source),
    )
