"""Pure domain: batches, states, the gate rule, MO→batch mapping. Standard library only."""

from hmi.domain.equipment import (
    Equipment,
    EquipmentTable,
    load_equipment_table,
    parse_equipment_table,
)
from hmi.domain.errors import (
    AuthenticationError,
    ConfigError,
    HmiError,
    InvalidTransition,
    LinkDownError,
    PlcDataError,
    RefusedError,
    ValidationError,
)
from hmi.domain.gate import GateDecision, GateInputs, decide_gate
from hmi.domain.links import LinkState
from hmi.domain.mapping import NamePolicy, map_orders
from hmi.domain.model import (
    Batch,
    BatchLine,
    ConsumptionLine,
    ConsumptionReport,
    ManufacturingOrder,
    MaterialReading,
    MoComponent,
    Refusal,
    ReportOutcome,
    ReportResult,
    SlotFeedback,
)
from hmi.domain.produced import ProducedPolicy, produced_quantity
from hmi.domain.states import BatchState, check_transition

__all__ = [
    "AuthenticationError",
    "Batch",
    "BatchLine",
    "BatchState",
    "ConfigError",
    "ConsumptionLine",
    "ConsumptionReport",
    "Equipment",
    "EquipmentTable",
    "GateDecision",
    "GateInputs",
    "HmiError",
    "InvalidTransition",
    "LinkDownError",
    "LinkState",
    "ManufacturingOrder",
    "MaterialReading",
    "MoComponent",
    "NamePolicy",
    "PlcDataError",
    "ProducedPolicy",
    "Refusal",
    "RefusedError",
    "ReportOutcome",
    "ReportResult",
    "SlotFeedback",
    "ValidationError",
    "check_transition",
    "decide_gate",
    "load_equipment_table",
    "map_orders",
    "parse_equipment_table",
    "produced_quantity",
]
