"""Domain records: Odoo's manufacturing orders, the batches made of them, and PLC feedback.

Odoo's records (`ManufacturingOrder`, `MoComponent`) carry Odoo's quantities in their own
units; everything after the mapping carries `Decimal` kilograms on the 0.01 kg grid (the
PLC's resolution, see `hmi.domain.units`). Every record is immutable so snapshots can cross
threads safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from hmi.domain.messages import Message, msg
from hmi.domain.states import BatchState
from hmi.domain.units import KG, ZERO_KG, Uom, as_kg, kg_total


@dataclass(frozen=True)
class MoComponent:
    """One raw-material move (`stock.move` in `move_raw_ids`) of an MO as Odoo has it.

    Quantities are in the move's own unit `uom` (Odoo's `product_uom`), exactly as Odoo
    sent them (see `hmi.domain.units.decimal_from_odoo`); `hmi.domain.mapping` converts them.
    """

    move_id: int
    product_id: int
    product_ref: str | None  # the product's internal reference (default_code); None if False
    product_name: str
    quantity: Decimal  # demand: stock.move.product_uom_qty, in `uom`
    uom: Uom = KG  # stock.move.product_uom
    state: str = "confirmed"  # stock.move.state: draft, confirmed, assigned, done, cancel, …
    consumed: Decimal = Decimal(
        0
    )  # already consumed in `uom` (≤16 quantity_done; 17+ quantity if picked)
    tracking: str = "none"  # product.product.tracking: none, lot, serial


@dataclass(frozen=True)
class ManufacturingOrder:
    """An Odoo `mrp.production` with its raw moves, keyed by Odoo's numeric id.

    `quantity` is `product_qty` in the MO's unit `uom` (`product_uom_id`).
    """

    mo_id: int
    name: str  # e.g. "WH/MO/00011" (contains '/': never use it as a key)
    state: str
    product_id: int
    product_name: str
    bom_id: int | None
    bom_name: str
    quantity: Decimal  # product_qty, in `uom`
    planned_start: datetime | None
    components: tuple[MoComponent, ...]
    uom: Uom = KG  # mrp.production.product_uom_id
    qty_producing: Decimal = Decimal(0)  # in `uom`
    qty_produced: Decimal = Decimal(0)  # in `uom` (done on earlier backorders)
    consumption: str = "warning"  # mrp.bom.consumption: strict, warning, flexible
    tracking: str = "none"  # the finished product's tracking
    byproduct_count: int = 0  # moves in move_byproduct_ids
    open_workorder_count: int = 0  # work orders not done/cancelled
    write_date: datetime | None = None  # Odoo's last change: a refusal is retried after it


def _kg_fields(record: object, *names: str, optional: tuple[str, ...] = ()) -> None:
    """Put a frozen record's kg fields on the 0.01 kg `Decimal` grid (`units.as_kg`).

    The records enforce their own invariant: whatever number a caller passes, the record
    carries exact hundredths of a kilogram, rounded once, half up.
    """
    for name in (*names, *optional):
        value = getattr(record, name)
        if value is None and name in optional:
            continue
        kg = as_kg(value)
        if kg is not value:
            object.__setattr__(record, name, kg)


@dataclass(frozen=True)
class BatchLine:
    """One material of a batch: which silo/tank doses which Odoo product, planned and actual.

    Quantities are `Decimal` kg on the 0.01 kg grid. `planned_kg` is what the PLC doses;
    `consumed_kg` is what Odoo had already consumed of the move before the batch (an MO in
    progress dosed for its remainder only: see `hmi.domain.mapping`); `manual_kg` is what was
    added by hand (the PLC's manual weighing block); what is reported to Odoo for the move is
    `consumed_kg + actual_kg + manual_kg`.
    """

    equipment_id: int  # silo 101..113, liquid tank 114/115
    move_id: int
    product_id: int
    product_ref: str
    planned_kg: Decimal
    actual_kg: Decimal | None = None
    consumed_kg: Decimal = ZERO_KG
    manual_kg: Decimal = ZERO_KG

    def __post_init__(self) -> None:
        _kg_fields(self, "planned_kg", "consumed_kg", "manual_kg", optional=("actual_kg",))

    @property
    def demand_kg(self) -> Decimal:
        """Odoo's demand of the move in kg: consumed before plus planned now."""
        return self.consumed_kg + self.planned_kg

    @property
    def total_actual_kg(self) -> Decimal | None:
        """What the move consumed in all: consumed before, the PLC's actual and what was added
        by hand (None while neither the PLC nor a hand has given a value)."""
        if self.actual_kg is None and not self.manual_kg:
            return None
        return self.consumed_kg + (self.actual_kg or ZERO_KG) + self.manual_kg


@dataclass(frozen=True)
class Batch:
    """A manufacturing order queued for the PLC: the row of `mo_batch` plus its lines.

    `quantity_kg` is the quantity to produce in kg (Odoo's `product_qty` converted, minus
    `qty_produced` of an MO in progress); `consumption` is the BoM's consumption mode
    (`mrp.bom.consumption`: strict, warning, flexible), checked before reporting.
    """

    mo_id: int
    mo_name: str  # as written to the PLC (validated to fit its ASCII field)
    bom_name: str
    product_name: str
    quantity_kg: Decimal
    lines: tuple[BatchLine, ...]
    slot: int = 0  # PLC slot 1..N; 0 while not assigned
    state: BatchState = BatchState.QUEUED
    finished_weight_kg: Decimal | None = None
    produced_kg: Decimal | None = None  # what is (or will be) reported to Odoo
    note: str = ""  # visible remark, e.g. "finished weight missing: used sum of actuals"
    odoo_message: str = ""  # Odoo's last answer when reporting failed or was refused
    report_attempts: int = 0
    next_attempt_at: datetime | None = None
    queued_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    consumption: str = "warning"  # the BoM's consumption mode: strict, warning, flexible
    fetched_by: str = ""  # who queued it ("automatic" for a timer fill)
    confirmed_by: str = ""  # who confirmed its values ("PLC" when taken as the PLC gave them)
    reported_by: str = ""  # who reported it to Odoo ("automatic", a person retrying)

    def __post_init__(self) -> None:
        _kg_fields(self, "quantity_kg", optional=("finished_weight_kg", "produced_kg"))

    @property
    def planned_total_kg(self) -> Decimal:
        """Sum of the planned quantities of all materials (what the PLC doses)."""
        return kg_total(line.planned_kg for line in self.lines)

    @property
    def actual_total_kg(self) -> Decimal:
        """Sum of the actual quantities so far, the PLC's and those added by hand (missing ones
        count as 0)."""
        return kg_total(line.actual_kg for line in self.lines) + self.manual_total_kg

    @property
    def manual_total_kg(self) -> Decimal:
        """Sum of what was added by hand (manual weighing block)."""
        return kg_total(line.manual_kg for line in self.lines)

    @property
    def consumed_before_kg(self) -> Decimal:
        """Sum of what Odoo had consumed before the batch (0 unless dosed for a remainder)."""
        return kg_total(line.consumed_kg for line in self.lines)

    @property
    def progress(self) -> float:
        """Fraction 0..1 of the planned material dosed so far."""
        planned = self.planned_total_kg
        if planned <= 0:
            return 0.0
        dosed = kg_total(line.actual_kg for line in self.lines)
        return max(0.0, min(1.0, float(dosed / planned)))


@dataclass(frozen=True)
class Refusal:
    """An MO that cannot be queued, with every reason (each a `Message` naming the MO).

    `write_date` is Odoo's last change of the MO when it was refused: a remembered refusal
    is tried again once Odoo changes the MO (or the HMI's mapping rules change).
    """

    mo_id: int
    mo_name: str
    reasons: tuple[Message, ...]
    write_date: datetime | None = None

    @property
    def reason(self) -> Message:
        """All reasons as one message."""
        return msg("mapping.refused", mo=self.mo_name, reasons=self.reasons)


@dataclass(frozen=True)
class MaterialReading:
    """One silo or tank position of a PLC feedback slot (kg as read, on the 0.01 kg grid)."""

    position: int  # 0..14 in the map's order
    equipment_id: int
    actual_kg: Decimal

    def __post_init__(self) -> None:
        _kg_fields(self, "actual_kg")


@dataclass(frozen=True)
class SlotFeedback:
    """A decoded PLC feedback slot; `problems` lists why it is implausible (empty if fine).

    kg values are `Decimal` on the 0.01 kg grid, or NaN/infinite exactly as the PLC sent them.
    """

    slot: int
    batch_no: int
    mo_name: str
    bom_name: str
    product_name: str
    quantity_kg: Decimal
    materials: tuple[MaterialReading, ...]
    finished: bool  # status_manufacturing == 1
    failed: bool  # status_operation == 1
    finished_weight_kg: Decimal
    read_flag: bool  # status_read_data (HMI's acknowledgement, cleared by the PLC)
    raw_words: tuple[int, ...] = ()
    problems: tuple[Message, ...] = field(default=())

    def __post_init__(self) -> None:
        _kg_fields(self, "quantity_kg", "finished_weight_kg")

    @property
    def empty(self) -> bool:
        """True when the slot holds no batch (batch number 0)."""
        return self.batch_no == 0

    @property
    def plausible(self) -> bool:
        """True when no plausibility rule fired."""
        return not self.problems


@dataclass(frozen=True)
class ConsumptionLine:
    """What was actually consumed of one raw move, in kg (0.01 kg).

    The Odoo link converts it to the move's own unit when it reports (a volume through
    `density_kg_per_l`, the density configured for the tank that dosed it).
    """

    move_id: int
    product_id: int
    quantity_kg: Decimal
    density_kg_per_l: Decimal | None = None


@dataclass(frozen=True)
class ConsumptionReport:
    """What is sent to Odoo for one finished batch (kg; the link converts to the MO's unit)."""

    mo_id: int
    mo_name: str
    produced_kg: Decimal
    lines: tuple[ConsumptionLine, ...]


class ReportOutcome(StrEnum):
    """How Odoo answered a consumption report."""

    DONE = "done"  # consumption written and the MO marked done now
    ALREADY_DONE = "already_done"  # the MO was done before: nothing was written
    REFUSED = "refused"  # Odoo refused with a business error (see message)


@dataclass(frozen=True)
class ReportResult:
    """Odoo's answer to one consumption report.

    message: English text (logs, stored remarks); detail: the same as a Message for the
    operator's language. A refusal whose `detail.code` is "odoo.report.strict_bom" means the
    consumption differs from a strict BoM and was not confirmed: the batch needs attention.
    """

    outcome: ReportOutcome
    message: str = ""
    detail: Message | None = None
