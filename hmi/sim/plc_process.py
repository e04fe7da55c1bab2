"""A model of the batching PLC's process, working on the PLC's word memory.

`BatchProcess.step(dt)` is a small state machine (idle → start slot → dosing → next slot →
ready again); `run()` calls it on the running event loop. All its state is in the memory and
in this object, so it resumes after a server restart (unless told to lose its memory).

Two plant behaviours (DESIGN §5): by default the PLC goes on with the next slot as soon as
one finishes, without waiting for the HMI's acknowledgement (several finished,
unacknowledged slots at once are then normal; it takes each acknowledgement whenever it
comes). With `wait_for_ack` it waits for each slot's acknowledgement before the next.
"""

from __future__ import annotations

import asyncio
import math
import random
import struct
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from hmi.domain.units import ZERO_KG, as_kg, round_kg
from hmi.plc.codec import Value, Writable, decode_field, encode_field, f32_decimal, field_words
from hmi.plc.register_map import Area, RegisterMap
from hmi.plc.slots import (
    EquipmentFailure,
    ManualWeighing,
    encode_equipment_failure,
    encode_manual_weighing,
)

BATCH_SECONDS = 300.0  # a batch takes five minutes at speed 1
NOISE = 0.005  # dosing lands within ±0.5 % of plan
TICK_S = 0.02
FINISHED_WEIGHT_MODES = ("measured", "zero", "float_low_first")
IMPLAUSIBLE_KINDS = ("text", "batch_no", "silo_id", "overdose", "finished_weight")
COPIED_FIELDS = ("batch_no", "mo_name", "bom_name", "product_name", "quantity_kg")


class PlcMemory:
    """The PLC's holding registers from `start` to `end` (exclusive), all zero at first."""

    def __init__(self, start: int, end: int) -> None:
        """Allocate the words."""
        self.start = start
        self.words = [0] * (end - start)

    @property
    def end(self) -> int:
        """First address after the memory."""
        return self.start + len(self.words)

    def _index(self, address: int, count: int) -> int:
        if address < self.start or address + count > self.end or count < 0:
            raise ValueError(f"words {address}..{address + count - 1} are outside the PLC memory")
        return address - self.start

    def get(self, address: int, count: int = 1) -> list[int]:
        """Read `count` words."""
        index = self._index(address, count)
        return self.words[index : index + count]

    def set(self, address: int, values: Sequence[int]) -> None:
        """Write words; each must be 0..65535."""
        if any(not 0 <= v <= 0xFFFF for v in values):
            raise ValueError(f"writing at {address}: words must be 0..65535")
        index = self._index(address, len(values))
        self.words[index : index + len(values)] = list(values)


class Phase(StrEnum):
    """Where the process model is."""

    IDLE = "idle"  # ready flag set, waiting for the HMI to drop it
    START = "start"  # about to copy the next slot into the feedback area
    DOSING = "dosing"
    WAIT_ACK = "wait_ack"  # finished or failed, waiting for the HMI's read flag (wait_for_ack)


@dataclass(frozen=True)
class CompletedBatch:
    """A batch the simulated PLC finished (or failed) and the HMI acknowledged."""

    slot: int
    batch_no: int
    mo_name: str
    actuals: dict[int, Decimal]  # kg per equipment id, as the HMI reads them
    finished_weight_kg: Decimal
    failed: bool = False


@dataclass
class ProcessFaults:
    """Faults the process model injects into the batches it runs."""

    fail_slots: set[int] = field(default_factory=set)
    implausible: dict[int, str] = field(default_factory=dict)
    pad_with_spaces: bool = False  # copy text back padded with spaces instead of NUL bytes

    def fail_next(self, slot: int) -> None:
        """The next batch run in `slot` fails halfway (status_operation = 1)."""
        self.fail_slots.add(slot)

    def publish_implausible(self, slot: int, kind: str) -> None:
        """The next batch run in `slot` publishes an implausible value of this kind."""
        if kind not in IMPLAUSIBLE_KINDS:
            raise ValueError(f"implausible kind must be one of {IMPLAUSIBLE_KINDS}, not {kind!r}")
        self.implausible[slot] = kind


@dataclass
class _Run:
    """The slot being processed."""

    slot: int
    targets: dict[int, Decimal]  # final actual kg per equipment id, in dosing order
    fail: bool
    implausible: str | None
    elapsed: float = 0.0


class BatchProcess:
    """The batching process: runs written slots in order, doses, finishes, waits for the HMI."""

    def __init__(
        self,
        memory: PlcMemory,
        regmap: RegisterMap,
        *,
        speed: float = 60.0,
        seed: int | None = None,
        finished_weight: str = "measured",
        wait_for_ack: bool = False,
    ) -> None:
        """Set up the model; call `reset()` once to raise the ready flag.

        `wait_for_ack`: wait for each slot's acknowledgement before starting the next (the
        default goes on at once and takes acknowledgements whenever they come)."""
        if not math.isfinite(speed) or speed <= 0:
            raise ValueError(f"speed must be a finite number > 0, got {speed!r}")
        if finished_weight not in FINISHED_WEIGHT_MODES:
            raise ValueError(
                f"finished_weight must be one of {FINISHED_WEIGHT_MODES}, not {finished_weight!r}"
            )
        self.memory = memory
        self.map = regmap
        self.speed = speed
        self.finished_weight = finished_weight
        self.wait_for_ack = wait_for_ack
        self.faults = ProcessFaults()
        self.completed: list[CompletedBatch] = []
        self.acknowledged_events: list[EquipmentFailure | ManualWeighing] = []
        self.phase = Phase.IDLE
        self._rng = random.Random(seed)
        self._queue: deque[int] = deque()
        self._run: _Run | None = None
        #: slot -> the finished/failed batch not yet acknowledged (recorded when it ended)
        self._awaiting: dict[int, CompletedBatch] = {}
        self._events: dict[str, deque[EquipmentFailure | ManualWeighing]] = {
            "equipment_failure": deque(),
            "manual_weighing": deque(),
        }
        self._published: dict[str, EquipmentFailure | ManualWeighing | None] = {}

    @property
    def batch_seconds(self) -> float:
        """Real seconds one batch takes at this speed."""
        return BATCH_SECONDS / self.speed

    # ---- memory helpers ----------------------------------------------------------------------

    def _get(self, area: Area, name: str, index: int = 1) -> Value:
        spec = area.layout.field(name)
        return decode_field(
            spec, self.memory.get(area.record_base(index) + spec.offset, spec.length)
        )

    def _put(self, area: Area, name: str, value: Writable, index: int = 1) -> None:
        spec = area.layout.field(name)
        self.memory.set(area.record_base(index) + spec.offset, encode_field(spec, value))

    def _kg(self, area: Area, name: str, index: int = 1) -> Decimal:
        """A numeric field as exact Decimal kg on the 0.01 kg grid."""
        value = self._get(area, name, index)
        if isinstance(value, str):
            raise ValueError(f"field {name} holds text, not a quantity")
        return as_kg(Decimal(value))

    def _flag(self, address: int) -> int:
        return self.memory.get(address)[0]

    @property
    def ready(self) -> bool:
        """The ready-for-new-batches flag."""
        return self._flag(self.map.ready_address) == 1

    def reset(self) -> None:
        """Start state: ready flag set, every slot empty."""
        self.memory.set(self.memory.start, [0] * len(self.memory.words))
        self.memory.set(self.map.ready_address, [1])
        self.phase = Phase.IDLE
        self._queue.clear()
        self._run = None
        self._awaiting.clear()

    @property
    def unacknowledged(self) -> list[int]:
        """Slots finished (or failed) whose acknowledgement has not come yet."""
        return sorted(self._awaiting)

    # ---- the loop ----------------------------------------------------------------------------

    async def run(self) -> None:
        """Step the model every tick until cancelled."""
        last = time.monotonic()
        while True:
            await asyncio.sleep(TICK_S)
            now = time.monotonic()
            self.step(now - last)
            last = now

    def step(self, dt: float) -> None:
        """Advance the model by `dt` real seconds."""
        self._step_events()
        self._step_acks()
        handler = {
            Phase.IDLE: self._idle,
            Phase.START: self._start,
            Phase.DOSING: self._dose,
            Phase.WAIT_ACK: self._wait_ack,
        }[self.phase]
        handler(dt)

    def _idle(self, _dt: float) -> None:
        if self.ready:
            return
        write = self.map.write
        slots = [s for s in range(1, write.count + 1) if self._get(write, "batch_no", s) != 0]
        self._queue = deque(slots)
        self._next_slot()

    def _next_slot(self) -> None:
        if self._queue:
            self.phase = Phase.START
        else:
            self.memory.set(self.map.ready_address, [1])
            self.phase = Phase.IDLE

    def _start(self, _dt: float) -> None:
        slot = self._queue[0]
        write, feedback = self.map.write, self.map.feedback
        base_w, base_f = write.record_base(slot), feedback.record_base(slot)
        self.memory.set(base_f, [0] * feedback.layout.words)
        for name in COPIED_FIELDS:
            spec = write.layout.field(name)
            self.memory.set(
                base_f + spec.offset, self.memory.get(base_w + spec.offset, spec.length)
            )
        targets: dict[int, Decimal] = {}
        for pos in self.map.positions:
            self.memory.set(
                base_f + feedback.layout.field(pos.id_field).offset,
                self.memory.get(base_w + write.layout.field(pos.id_field).offset),
            )
            planned = self._kg(write, pos.kg_field, slot)
            noise = 1 + Decimal(repr(self._rng.uniform(-NOISE, NOISE)))
            targets[pos.equipment_id] = round_kg(planned * noise) if planned > 0 else ZERO_KG
        kind = self.faults.implausible.pop(slot, None)
        self._run = _Run(slot, targets, slot in self.faults.fail_slots, kind)
        self.faults.fail_slots.discard(slot)
        self._awaiting.pop(slot, None)
        if self.faults.pad_with_spaces:
            self._pad_text(slot)
        self._corrupt_identity(slot, kind)
        self.phase = Phase.DOSING

    def _pad_text(self, slot: int) -> None:
        """Replace the NUL padding of the slot's text fields by spaces (some PLC programs)."""
        feedback = self.map.feedback
        for name in ("mo_name", "bom_name", "product_name"):
            spec = feedback.layout.field(name)
            address = feedback.record_base(slot) + spec.offset
            words = self.memory.get(address, spec.length)
            padded = [((w >> 8 or 0x20) << 8) | ((w & 0xFF) or 0x20) for w in words]
            self.memory.set(address, padded)

    def _corrupt_identity(self, slot: int, kind: str | None) -> None:
        feedback = self.map.feedback
        base = feedback.record_base(slot)
        if kind == "text":
            self.memory.set(base + feedback.layout.field("mo_name").offset, [0x5701])
        elif kind == "batch_no":
            self._put(feedback, "batch_no", self.map.slots + 5, slot)
        elif kind == "silo_id":
            pos = self.map.positions[2]
            self._put(feedback, pos.id_field, 999, slot)

    def _dose(self, dt: float) -> None:
        run = self._run
        assert run is not None
        run.elapsed += dt
        fraction = min(1.0, run.elapsed / self.batch_seconds)
        if run.fail and fraction >= 0.5:
            self._publish_actuals(run, 0.5)
            self._put(self.map.feedback, "status_operation", 1, run.slot)
            self._done(run)
            return
        self._publish_actuals(run, fraction)
        if fraction >= 1.0:
            self._finish(run)

    def _publish_actuals(self, run: _Run, fraction: float) -> dict[int, Decimal]:
        """Dose the materials one after another up to `fraction` of the total."""
        total = sum(run.targets.values(), ZERO_KG)
        remaining = total * Decimal(repr(fraction))
        actuals: dict[int, Decimal] = {}
        for pos in self.map.positions:
            target = run.targets[pos.equipment_id]
            dosed = target if fraction >= 1.0 else round_kg(min(target, remaining))
            remaining = max(ZERO_KG, remaining - target)
            actuals[pos.equipment_id] = dosed
            self._put(self.map.feedback, pos.kg_field, dosed, run.slot)
        return actuals

    def _finish(self, run: _Run) -> None:
        feedback = self.map.feedback
        if run.implausible == "overdose":
            pos = max(self.map.positions, key=lambda p: run.targets[p.equipment_id])
            self._put(
                feedback,
                pos.kg_field,
                max(10 * run.targets[pos.equipment_id], Decimal(100)),
                run.slot,
            )
        weight = round_kg(sum(run.targets.values(), ZERO_KG))
        if run.implausible == "finished_weight":
            weight = 100 * max(weight, Decimal(1))
        self._write_finished_weight(run.slot, weight)
        self._put(feedback, "status_manufacturing", 1, run.slot)
        self._done(run)

    def _done(self, run: _Run) -> None:
        """The slot finished or failed: wait for its acknowledgement, or go on at once."""
        self._awaiting[run.slot] = self._record(run)
        if self.wait_for_ack:
            self.phase = Phase.WAIT_ACK
            return
        self._queue.popleft()
        self._run = None
        self._next_slot()

    def _step_acks(self) -> None:
        """Take every acknowledgement the HMI wrote: clear the flag, record the batch."""
        for slot, record in list(self._awaiting.items()):
            ack = self.map.ack_address(slot)
            if self._flag(ack) != 1:
                continue
            self.memory.set(ack, [0])
            self.completed.append(record)
            del self._awaiting[slot]
        for slot in range(1, self.map.feedback.count + 1):  # an acknowledgement of nothing
            ack = self.map.ack_address(slot)
            if slot not in self._awaiting and self._flag(ack) == 1:
                self.memory.set(ack, [0])

    def _write_finished_weight(self, slot: int, weight: Decimal) -> None:
        feedback = self.map.feedback
        spec = feedback.layout.field("finished_weight_kg")
        address = feedback.record_base(slot) + spec.offset
        if self.finished_weight == "zero":
            self.memory.set(address, [0] * spec.length)
        elif self.finished_weight == "float_low_first":
            high, low = struct.unpack(">HH", struct.pack(">f", float(weight)))
            self.memory.set(address, [low, high])
        else:
            self.memory.set(address, encode_field(spec, weight))

    def _wait_ack(self, _dt: float) -> None:
        run = self._run
        assert run is not None
        if run.slot in self._awaiting:
            return
        self._queue.popleft()
        self._run = None
        self._next_slot()

    def _record(self, run: _Run) -> CompletedBatch:
        feedback = self.map.feedback
        spec = feedback.layout.field("finished_weight_kg")
        words = field_words(
            spec, self.memory.get(feedback.record_base(run.slot), feedback.layout.words)
        )
        if self.finished_weight == "float_low_first":
            (single,) = struct.unpack(">f", struct.pack(">HH", words[1], words[0]))
            weight = as_kg(f32_decimal(single))
        else:
            value = decode_field(spec, words)
            weight = as_kg(Decimal(value)) if not isinstance(value, str) else ZERO_KG
        actuals = {
            pos.equipment_id: self._kg(feedback, pos.kg_field, run.slot)
            for pos in self.map.positions
        }
        return CompletedBatch(
            slot=run.slot,
            batch_no=int(self._get(self.map.write, "batch_no", run.slot)),
            mo_name=str(self._get(self.map.write, "mo_name", run.slot)),
            actuals=actuals,
            finished_weight_kg=weight,
            failed=bool(self._get(feedback, "status_operation", run.slot)),
        )

    # ---- event blocks ------------------------------------------------------------------------

    def queue_event(self, record: EquipmentFailure | ManualWeighing) -> None:
        """Queue a record for its block; it is published when the block is free."""
        name = "equipment_failure" if isinstance(record, EquipmentFailure) else "manual_weighing"
        self._events[name].append(record)
        self._step_events()

    def _step_events(self) -> None:
        for name, queue in self._events.items():
            area = self.map.areas[name]
            base = area.record_base(1)
            if self._get(area, "read_flag") == 1:
                self.memory.set(base, [0] * area.layout.words)
                published = self._published.pop(name, None)
                if published is not None:
                    self.acknowledged_events.append(published)
            if queue and self._get(area, "new_record") == 0:
                record = queue.popleft()
                encode = (
                    encode_equipment_failure
                    if isinstance(record, EquipmentFailure)
                    else encode_manual_weighing
                )
                self.memory.set(base, encode(record, self.map))  # type: ignore[arg-type]
                self._published[name] = record
