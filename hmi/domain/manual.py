"""Manual weighing: a material weighed by hand (premix, medication) and added to a batch.

The PLC publishes one record at a time in its manual-weighing block (batch number = the
batch's PLC slot, material code, kg, operator and scale ids, when). The HMI books it on the
line of the batch whose Odoo product is that material, on top of the PLC's actual, so it is
reported to Odoo on that line's stock move with the rest of the batch (exactly once, like
every report).

A material that is not a component of the batch's MO is NOT booked in Odoo: the addition
is stored with its reason, shown on the batch record and alarmed, for a person to book in
Odoo. Adding a stock move to a confirmed MO through the API would put an off-BoM material
into the books without anyone deciding it (through the API even a strict BoM's consumption
warning is confirmed, PLATFORM.md), and a new move needs a source location, a unit and,
for a tracked product, a lot — choices for a person in Odoo, not for the panel.

Material codes: a silo or tank id of the equipment table stands for the material in it; other
codes (materials only ever added by hand) are listed in `[batching] manual_materials`
("1=RM-PREMIX; 2=RM-MEDIC"). Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hmi.domain.equipment import EquipmentTable
from hmi.domain.errors import ValidationError
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import Batch
from hmi.domain.states import BatchState

#: Batch states a manual addition can still be booked in (not yet reported to Odoo).
BOOKABLE = frozenset(
    {
        BatchState.QUEUED,
        BatchState.SENT,
        BatchState.RUNNING,
        BatchState.FINISHED,
        BatchState.FAILED,
        BatchState.NEEDS_ATTENTION,
    }
)


@dataclass(frozen=True)
class ManualAddition:
    """A stored manual weighing record and where it was booked (or why not)."""

    id: int
    batch_no: int
    material_code: int
    product_ref: str
    weight_kg: Decimal
    operator_id: int
    scale_id: int
    weighed_at: datetime | None  # the PLC's local clock, no zone
    stored_at: datetime
    mo_id: int | None = None
    mo_name: str = ""
    equipment_id: int | None = None  # the batch line it was added to
    booked: bool = False
    reason: Message | None = None  # why it was not booked
    acknowledged_at: datetime | None = None


@dataclass(frozen=True)
class Placement:
    """Where a manual weighing goes: the batch and its line, or why it cannot be booked."""

    batch: Batch | None
    product_ref: str
    equipment_id: int | None
    reason: Message | None

    @property
    def booked(self) -> bool:
        """True when it is added to a line of its batch."""
        return self.reason is None and self.equipment_id is not None


def parse_manual_materials(text: str) -> dict[int, str]:
    """'1=RM-PREMIX; 2=RM-MEDIC' → {1: 'RM-PREMIX', 2: 'RM-MEDIC'}; ValidationError names a
    bad entry."""
    table: dict[int, str] = {}
    for part in (p.strip() for p in str(text).split(";")):
        if not part:
            continue
        code, sep, ref = part.partition("=")
        code, ref = code.strip(), ref.strip()
        if not sep or not code.isdigit() or not 0 < int(code) <= 65_535 or not ref:
            raise ValueError(
                f"manual material {part!r}: write code=internal reference, e.g. '1=RM-PREMIX'"
            )
        if int(code) in table:
            raise ValueError(f"manual material code {code} is listed twice")
        table[int(code)] = ref
    return table


def material_ref(code: int, table: EquipmentTable, materials: Mapping[int, str]) -> str | None:
    """The Odoo internal reference of a material code, or None when the code is unknown."""
    equipment = table.by_id(code)
    if equipment is not None:
        return equipment.product_ref
    return materials.get(code)


def place(
    batches: list[Batch],
    batch_no: int,
    code: int,
    weight_kg: Decimal,
    problems: tuple[Message | str, ...],
    table: EquipmentTable,
    materials: Mapping[int, str],
) -> Placement:
    """Decide where a manual weighing record goes (pure; the store re-checks at booking)."""
    batch = next((b for b in batches if b.slot == batch_no and b.slot > 0), None)
    ref = material_ref(code, table, materials) or ""
    if problems or not weight_kg.is_finite() or weight_kg <= 0:
        why = tuple(p if isinstance(p, Message) else plain(p) for p in problems)
        why = why or (plain(str(weight_kg)),)
        return Placement(batch, ref, None, msg("manual.implausible", problems=why))
    if not ref:
        return Placement(batch, ref, None, msg("manual.unknown_material", number=code))
    if batch is None:
        return Placement(None, ref, None, msg("manual.no_batch", batch_no=batch_no))
    if batch.state not in BOOKABLE:
        return Placement(batch, ref, None, msg("manual.too_late", mo=batch.mo_name))
    wanted = ref.casefold()
    line = next((ln for ln in batch.lines if ln.product_ref.casefold() == wanted), None)
    if line is None:
        return Placement(
            batch, ref, None, msg("manual.not_component", mo=batch.mo_name, material=ref)
        )
    return Placement(batch, ref, line.equipment_id, None)


def check_manual_materials(text: str) -> str:
    """A settings validator: the text if it parses (ValidationError otherwise)."""
    try:
        parse_manual_materials(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    return text
