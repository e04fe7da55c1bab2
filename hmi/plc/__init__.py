"""PLC layer (DESIGN.md §2, §5): register map, codec, slot records and the async Modbus link."""

from hmi.plc.link import PlcLink
from hmi.plc.modbus_client import MAX_READ, MAX_WRITE, ModbusClient, plan_reads, plan_writes
from hmi.plc.register_map import (
    Area,
    FieldSpec,
    Layout,
    MaterialPosition,
    RegisterMap,
    load_register_map,
    parse_register_map,
)
from hmi.plc.slots import (
    EquipmentFailure,
    ManualWeighing,
    decode_equipment_failure,
    decode_feedback_slot,
    decode_manual_weighing,
    empty_slot_words,
    encode_write_slot,
)

__all__ = [
    "MAX_READ",
    "MAX_WRITE",
    "Area",
    "EquipmentFailure",
    "FieldSpec",
    "Layout",
    "ManualWeighing",
    "MaterialPosition",
    "ModbusClient",
    "PlcLink",
    "RegisterMap",
    "decode_equipment_failure",
    "decode_feedback_slot",
    "decode_manual_weighing",
    "empty_slot_words",
    "encode_write_slot",
    "load_register_map",
    "parse_register_map",
    "plan_reads",
    "plan_writes",
]
