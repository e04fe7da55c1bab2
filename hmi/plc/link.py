"""The async link to the batching PLC: handshake, batch slots, feedback and event blocks.

One `PlcLink` owns one Modbus connection. It reconnects with capped exponential backoff
(never a zero delay), retries a call that failed on a dropped connection once after
reconnecting, publishes its `LinkState`, and logs one line per change of state on "hmi.plc".

A PLC that answers with Modbus exception responses is FAULTED, not up: each refused
request (function, first word, count) is remembered until the same request is answered
normally (or is not asked again for FAULT_FORGET_S); the state carries the latest refusal.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from hmi.domain.errors import (
    LinkDownError,
    PlcDataError,
    PlcNotReadyError,
    PlcRefusedError,
    ValidationError,
)
from hmi.domain.links import LinkState
from hmi.domain.messages import msg
from hmi.domain.model import Batch, SlotFeedback
from hmi.plc.capabilities import PlcCapabilities
from hmi.plc.modbus_client import plan_reads, plan_writes
from hmi.plc.register_map import Area, RegisterMap, load_register_map
from hmi.plc.slots import (
    EquipmentFailure,
    ManualWeighing,
    capacity_kg,
    decode_equipment_failure,
    decode_feedback_slot,
    decode_manual_weighing,
    empty_slot_words,
    encode_write_slot,
)
from hmi.plc.transport import PlcTransport, open_transport

log = logging.getLogger("hmi.plc")
T = TypeVar("T")
StateListener = Callable[[LinkState], None]
#: A refusal not repeated for this long is forgotten (the request was not asked again).
FAULT_FORGET_S = 60.0


class PlcLink:
    """Async Modbus TCP link to the batching PLC (satisfies hmi.engine.ports.PlcPort).

    Example::

        link = PlcLink("127.0.0.1", 5020)
        await link.connect()
        if await link.read_ready():
            await link.write_batches(batches)
        feedback = await link.read_feedback()
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        unit_id: int = 1,
        register_map: RegisterMap | None = None,
        timeout: float = 2.0,
        reconnect_min_s: float = 0.5,
        reconnect_max_s: float = 30.0,
    ) -> None:
        """Prepare the link; nothing is opened before `connect()` or the first call."""
        if not 0 < reconnect_min_s <= reconnect_max_s:
            raise ValueError(
                f"reconnect delays need 0 < min ≤ max, got {reconnect_min_s}, {reconnect_max_s}"
            )
        self._map = register_map or load_register_map()
        # commissioning: the map's [plc] table picks the transport (Modbus TCP, FINS) and limits
        self._client: PlcTransport = open_transport(
            host, port, self._map.capabilities, unit_id=unit_id, timeout=timeout
        )
        self._client.on_answer = self._on_answer
        self._min_delay = reconnect_min_s
        self._max_delay = reconnect_max_s
        self._delay = reconnect_min_s
        self._next_attempt = 0.0
        self._closed = False
        self._state = LinkState(name="PLC")
        self._listeners: list[StateListener] = []
        self._lock = asyncio.Lock()
        self._pending: dict[str, bool] = {}
        self._chunks = _write_chunks(self._map)
        #: (function kind, first word, count) -> (refusal, monotonic time last seen)
        self._faults: dict[tuple[str, int, int], tuple[PlcRefusedError, float]] = {}

    # ---- state -------------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        return self._state

    @property
    def slot_count(self) -> int:
        """Number of batch slots in the register map."""
        return self._map.slots

    @property
    def register_map(self) -> RegisterMap:
        """The register map this link uses."""
        return self._map

    @property
    def capacity_kg(self) -> Decimal:
        """The most kg the write slot's quantity and material fields hold (their types)."""
        return capacity_kg(self._map)

    @property
    def request_count(self) -> int:
        """Modbus requests sent so far."""
        return self._client.request_count

    @property
    def capabilities(self) -> PlcCapabilities:
        """The PLC's protocol and limits (the register map's [plc] table)."""
        return self._map.capabilities

    @property
    def refusals(self) -> tuple[PlcRefusedError, ...]:
        """Requests the PLC refuses now (exception responses, FINS end codes)."""
        return self._client.refusals.current()

    @property
    def where(self) -> str:
        """host:port of the PLC (and the protocol, for FINS)."""
        return self._client.where

    @property
    def next_attempt_in(self) -> float:
        """Seconds until the next reconnect attempt while down (0 when connected or due)."""
        if self._client.connected:
            return 0.0
        return max(0.0, self._next_attempt - time.monotonic())

    def add_state_listener(self, callback: StateListener) -> None:
        """Call `callback(state)` whenever the link goes up or down."""
        self._listeners.append(callback)

    @property
    def faults(self) -> tuple[PlcRefusedError, ...]:
        """The refusals in force (requests the PLC answered with an exception response)."""
        return tuple(error for error, _ in self._faults.values())

    def _publish(self, new: LinkState) -> None:
        old, self._state = self._state, new
        first_failure = old.down_since is None and new.down_since is not None
        if old.status == new.status and old.fault == new.fault and not first_failure:
            return
        if new.up:
            log.info("PLC %s up", self._client.where)
        elif self._closed:
            log.info("PLC %s link closed", self._client.where)
        else:
            log.warning("%s (%s)", new.describe(), self._client.where)
        for listener in list(self._listeners):
            listener(new)

    def _on_answer(
        self, kind: str, address: int, count: int, error: PlcRefusedError | None
    ) -> None:
        """Remember a refusal, or forget the refusals of the same kind this answer covers."""
        now = time.monotonic()
        if error is not None:
            self._faults[(kind, address, count)] = (error, now)
            return
        for key in list(self._faults):
            k, start, n = key
            if k == kind and start < address + count and address < start + n:
                del self._faults[key]

    def _mark_up(self) -> None:
        now = time.monotonic()
        for key, (_, seen) in list(self._faults.items()):
            if now - seen > FAULT_FORGET_S:
                del self._faults[key]
        if self._faults:
            latest = max(self._faults.values(), key=lambda item: item[1])[0]
            self._publish(self._state.went_faulted(latest.message))
        else:
            self._publish(self._state.went_up())

    def _mark_down(self, error: str) -> None:
        self._publish(self._state.went_down(error))

    # ---- connection --------------------------------------------------------------------------

    async def connect(self) -> None:
        """Open the connection; a refusal only marks the link down (never raises)."""
        self._closed = False
        async with self._lock:
            try:
                await self._open()
            except LinkDownError:
                return
            self._mark_up()

    async def close(self) -> None:
        """Close the connection and stop reconnecting until `connect()` is called again."""
        self._closed = True
        self._client.close()
        self._mark_down("link closed by the HMI")

    async def _open(self) -> None:
        """Connect now; on failure schedule the next attempt (capped backoff) and mark down."""
        try:
            await self._client.connect()
        except LinkDownError as exc:
            self._schedule_retry()
            self._mark_down(str(exc))
            raise
        self._delay = self._min_delay
        self._next_attempt = 0.0

    def _schedule_retry(self) -> None:
        self._next_attempt = time.monotonic() + self._delay
        self._delay = min(self._delay * 2, self._max_delay)

    async def _ensure_connected(self) -> None:
        if self._closed:
            raise LinkDownError("PLC link is closed")
        if self._client.connected:
            return
        wait = self.next_attempt_in
        if wait > 0:
            raise LinkDownError(
                f"PLC down: {self._state.last_error or 'not connected'} "
                f"(next attempt in {wait:.1f} s)"
            )
        await self._open()

    async def _run(self, operation: Callable[[], Awaitable[T]]) -> T:
        """Run an idempotent exchange; retry it once after reconnecting if the link dropped."""
        async with self._lock:
            await self._ensure_connected()
            try:
                result = await operation()
            except LinkDownError:
                await asyncio.sleep(self._min_delay)
                await self._ensure_connected_now()
                try:
                    result = await operation()
                except LinkDownError as exc:
                    self._client.close()
                    self._schedule_retry()
                    self._mark_down(str(exc))
                    raise
            except (PlcDataError, PlcRefusedError, PlcNotReadyError):
                self._mark_up()
                raise
            self._mark_up()
            return result

    async def _ensure_connected_now(self) -> None:
        if self._closed:
            raise LinkDownError("PLC link is closed")
        await self._open()

    # ---- words -------------------------------------------------------------------------------

    async def _read_image(self, ranges: Sequence[tuple[int, int]]) -> dict[int, int]:
        """Read the given ranges in the fewest requests; return address → word."""
        image: dict[int, int] = {}
        for address, count in plan_reads(ranges, self._map.capabilities.max_read):
            words = await self._client.read(address, count)
            image.update(zip(range(address, address + count), words, strict=True))
        return image

    async def _write_slot(self, slot: int, words: Sequence[int]) -> None:
        """Write a slot's words, never touching the handshake flag's words."""
        base = self._map.write.record_base(slot)
        for offset, length in self._chunks:
            chunk = words[offset : offset + length]
            for address, values in plan_writes(base + offset, chunk, self.capabilities.max_write):
                await self._client.write(address, values)

    def _mismatch(self, slot: int, words: Sequence[int], image: dict[int, int]) -> str | None:
        """Describe the first written word that reads back differently, or None."""
        base = self._map.write.record_base(slot)
        for offset, length in self._chunks:
            for i in range(offset, offset + length):
                got = image[base + i]
                if got != words[i]:
                    return f"write slot {slot}: word {base + i} reads {got}, wrote {words[i]}"
        return None

    def _slot_words(self, area: Area, slot: int, image: dict[int, int]) -> tuple[int, ...]:
        base = area.record_base(slot)
        return tuple(image[a] for a in range(base, base + area.layout.words))

    def _check_slot(self, slot: int) -> None:
        if not 1 <= slot <= self._map.slots:
            raise ValidationError(f"PLC slot {slot} is outside 1..{self._map.slots}")

    def _encode_all(self, batches: Sequence[Batch]) -> dict[int, list[int]]:
        """Words for every slot (empty slots zero); refuses duplicate or out-of-range slots."""
        words = {slot: empty_slot_words(self._map) for slot in range(1, self._map.slots + 1)}
        seen: set[int] = set()
        for batch in batches:
            self._check_slot(batch.slot)
            if batch.slot in seen:
                raise ValidationError(f"two batches for PLC slot {batch.slot}")
            seen.add(batch.slot)
            words[batch.slot] = encode_write_slot(batch, self._map)
        return words

    # ---- handshake and batches ---------------------------------------------------------------

    async def _ready_now(self) -> bool:
        """Read the ready flag (inside an exchange holding the lock)."""
        address = self._map.ready_address
        (value,) = await self._client.read(address, 1)
        if value not in (0, 1):
            raise PlcDataError(f"ready flag at word {address} is {value}, expected 0 or 1")
        return value == 1

    async def read_ready(self) -> bool:
        """The PLC's ready-for-new-batches flag (write slot 1's handshake word).

        Raises PlcRefusedError when the PLC refuses the read: the flag is then unreadable,
        which is not the same as "not ready"."""
        return await self._run(self._ready_now)

    async def write_batches(self, batches: Sequence[Batch], *, require_ready: bool = True) -> None:
        """Write each batch to its slot and zero the others, read back, then clear ready.

        With `require_ready` (the default) the ready flag is read again under the link's lock
        right before the first word is written; PlcNotReadyError if the PLC dropped it."""
        slots = self._encode_all(batches)
        area = self._map.write

        async def operation() -> None:
            if require_ready and not await self._ready_now():
                raise PlcNotReadyError(msg("plc.not_ready_before_write"))
            for slot, words in slots.items():
                await self._write_slot(slot, words)
            image = await self._read_image(area.ranges())
            for slot, words in slots.items():
                problem = self._mismatch(slot, words, image)
                if problem:
                    raise PlcDataError(problem, self._slot_words(area, slot, image))
            await self._client.write(self._map.ready_address, [0])

        await self._run(operation)
        log.info("wrote %d batch(es) to the PLC and cleared its ready flag", len(batches))

    async def written_batches_match(self, batches: Sequence[Batch]) -> bool:
        """True when the write area holds exactly these batches and zeros elsewhere."""
        slots = self._encode_all(batches)

        async def operation() -> bool:
            image = await self._read_image(self._map.write.ranges())
            return all(self._mismatch(s, w, image) is None for s, w in slots.items())

        return await self._run(operation)

    async def clear_slot(self, slot: int) -> None:
        """Zero one write slot (its handshake word untouched) and check it reads back as zero."""
        self._check_slot(slot)
        words = empty_slot_words(self._map)
        area = self._map.write

        async def operation() -> None:
            await self._write_slot(slot, words)
            image = await self._read_image([(area.record_base(slot), area.layout.words)])
            problem = self._mismatch(slot, words, image)
            if problem:
                raise PlcDataError(problem, self._slot_words(area, slot, image))

        await self._run(operation)

    # ---- feedback ----------------------------------------------------------------------------

    async def read_feedback(self) -> list[SlotFeedback]:
        """Read the whole feedback area in the fewest requests and decode every slot."""
        area = self._map.feedback

        async def operation() -> list[SlotFeedback]:
            image = await self._read_image(area.ranges())
            return [
                decode_feedback_slot(slot, self._slot_words(area, slot, image), self._map)
                for slot in range(1, area.count + 1)
            ]

        return await self._run(operation)

    async def read_feedback_slot(self, slot: int) -> SlotFeedback:
        """Read one feedback slot in one request (where `max_read` allows): words of one PLC
        scan. The whole-area read packs requests by words, so a slot can straddle two of
        them and be read half before and half after the PLC finished it (a torn read)."""
        self._check_slot(slot)
        area = self._map.feedback

        async def operation() -> SlotFeedback:
            image = await self._read_image([(area.record_base(slot), area.layout.words)])
            return decode_feedback_slot(slot, self._slot_words(area, slot, image), self._map)

        return await self._run(operation)

    async def acknowledge_finished(self, slot: int) -> bool:
        """Set feedback slot `slot`'s read flag to 1 (after its actuals are stored).

        The flag is read back in the same exchange: True when it reads 1 (the PLC has not
        taken it yet), False when it already reads 0 again (the PLC took it within its scan).
        Either way the PLC answered the write normally; a refusal raises PlcRefusedError."""
        self._check_slot(slot)
        address = self._map.ack_address(slot)

        async def operation() -> bool:
            await self._client.write(address, [1])
            (value,) = await self._client.read(address, 1)
            return value == 1

        return await self._run(operation)

    async def read_written(self) -> list[SlotFeedback]:
        """Read and decode the whole write area (what the PLC holds from the HMI)."""
        area = self._map.write

        async def operation() -> list[SlotFeedback]:
            image = await self._read_image(area.ranges())
            return [
                decode_feedback_slot(
                    slot, self._slot_words(area, slot, image), self._map, layout=area.layout
                )
                for slot in range(1, area.count + 1)
            ]

        return await self._run(operation)

    # ---- event blocks ------------------------------------------------------------------------

    async def read_equipment_failure(self) -> EquipmentFailure | None:
        """The PLC's new equipment failure record, or None; acknowledge it once stored."""
        words = await self._read_event(self._map.equipment_failure)
        return None if words is None else decode_equipment_failure(words, self._map)

    async def acknowledge_equipment_failure(self) -> None:
        """Set the equipment failure block's read flag after the record is stored."""
        await self._ack_event(self._map.equipment_failure)

    async def read_manual_weighing(self) -> ManualWeighing | None:
        """The PLC's new manual weighing record, or None; acknowledge it once stored."""
        words = await self._read_event(self._map.manual_weighing)
        return None if words is None else decode_manual_weighing(words, self._map)

    async def acknowledge_manual_weighing(self) -> None:
        """Set the manual weighing block's read flag after the record is stored."""
        await self._ack_event(self._map.manual_weighing)

    async def _read_event(self, area: Area) -> tuple[int, ...] | None:
        """The block's words when it holds a record not yet acknowledged, else None."""
        layout = area.layout
        new_at, read_at = layout.field("new_record").offset, layout.field("read_flag").offset

        async def operation() -> tuple[int, ...] | None:
            image = await self._read_image(area.ranges())
            words = self._slot_words(area, 1, image)
            fresh = words[new_at] == 1 and words[read_at] == 0
            self._pending[area.name] = fresh
            return words if fresh else None

        return await self._run(operation)

    async def _ack_event(self, area: Area) -> None:
        if not self._pending.get(area.name):
            raise ValidationError(
                f"no {area.name.replace('_', ' ')} record was read to acknowledge"
            )
        address = area.address("read_flag")
        await self._run(lambda: self._client.write(address, [1]))
        self._pending[area.name] = False


def _write_chunks(regmap: RegisterMap) -> list[tuple[int, int]]:
    """(offset, length) runs of a write slot the HMI writes: every word but the ready flag's."""
    layout = regmap.write.layout
    flag = layout.field(regmap.ready_flag)
    skip = set(range(flag.offset, flag.end))
    chunks: list[tuple[int, int]] = []
    for offset in range(layout.words):
        if offset in skip:
            continue
        if chunks and sum(chunks[-1]) == offset:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + 1)
        else:
            chunks.append((offset, 1))
    return chunks
