"""What a test or the demo may do with any simulated PLC, whatever its transport: look at the
ready flag and the completed batches, read or forge memory, queue PLC events.

The plant model (`PlcMemory` + `BatchProcess` in `hmi.sim.plc_process`) is the same for every
transport; a simulator front end (Modbus TCP in `plc_sim`, FINS in `fins_sim`) only serves its
memory. Classes using this mixin set `self.memory` and `self.process`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from hmi.domain.units import as_kg
from hmi.plc.slots import EquipmentFailure, ManualWeighing
from hmi.sim.plc_process import BatchProcess, CompletedBatch, PlcMemory


class PlantAccess:
    """Inspection and forging of a simulated PLC's plant model."""

    memory: PlcMemory
    process: BatchProcess

    @property
    def ready(self) -> bool:
        """The PLC's ready-for-new-batches flag."""
        return self.process.ready

    @property
    def completed(self) -> list[CompletedBatch]:
        """Batches finished (or failed) and acknowledged, in order."""
        return self.process.completed

    async def read_words(self, address: int, count: int) -> list[int]:
        """The simulator's memory, as a client would read it."""
        return self.memory.get(address, count)

    async def write_words(self, address: int, values: Sequence[int]) -> None:
        """Change memory directly (tests: forge a PLC state)."""
        self.memory.set(address, values)

    def inject_equipment_failure(
        self,
        equipment_id: int,
        fault_code: int,
        message: str = "",
        *,
        batch_no: int = 0,
        at: datetime | None = None,
    ) -> None:
        """Queue an equipment failure record for the PLC to publish in its block."""
        record = EquipmentFailure(equipment_id, fault_code, at or _now(), batch_no, message)
        self.process.queue_event(record)

    def inject_manual_weighing(
        self,
        batch_no: int,
        material_code: int,
        weight_kg: Decimal | float,
        *,
        operator_id: int = 0,
        scale_id: int = 1,
        at: datetime | None = None,
    ) -> None:
        """Queue a manual weighing record for the PLC to publish in its block."""
        record = ManualWeighing(
            batch_no, material_code, as_kg(weight_kg), operator_id, scale_id, at or _now()
        )
        self.process.queue_event(record)


def _now() -> datetime:
    """The local time to the second (the PLC clock has no fractions)."""
    return datetime.now().replace(microsecond=0)
