"""Domain records: Odoo's manufacturing orders, the batches made of them, and PLC feedback.

Quantities are kilograms as floats rounded to 0.01 kg (the PLC's resolution);
every record is immutable so snapshots can cross threads safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from hmi.domain.messages import Message
from hmi.domain.states import BatchState
from hmi.domain.units import KG, Uom


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


@dataclass(frozen=True)
class BatchLine:
    """One material of a batch: which silo/tank doses which Odoo product, planned and actual."""

    equipment_id: int  # silo 101..113, liquid tank 114/115
    move_id: int
    product_id: int
    product_ref: str
    planned_kg: float
    actual_kg: float | None = None


@dataclass(frozen=True)
class Batch:
    """A manufacturing order queued for the PLC: the row of `mo_batch` plus its lines."""

    mo_id: int
    mo_name: str  # as written to the PLC (validated to fit its ASCII field)
    bom_name: str
    product_name: str
    quantity_kg: float
    lines: tuple[BatchLine, ...]
    slot: int = 0  # PLC slot 1..N; 0 while not assigned
    state: BatchState = BatchState.QUEUED
    finished_weight_kg: float | None = None
    produced_kg: float | None = None  # what is (or will be) reported to Odoo
    note: str = ""  # visible remark, e.g. "finished weight missing: used sum of actuals"
    odoo_message: str = ""  # Odoo's last answer when reporting failed or was refused
    report_attempts: int = 0
    next_attempt_at: datetime | None = None
    queued_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def planned_total_kg(self) -> float:
        """Sum of the planned quantities of all materials."""
        return round(sum(line.planned_kg for line in self.lines), 2)

    @property
    def actual_total_kg(self) -> float:
        """Sum of the actual quantities reported so far (missing ones count as 0)."""
        return round(sum(line.actual_kg or 0.0 for line in self.lines), 2)

    @property
    def progress(self) -> float:
        """Fraction 0..1 of the planned material dosed so far."""
        planned = self.planned_total_kg
        if planned <= 0:
            return 0.0
        return max(0.0, min(1.0, self.actual_total_kg / planned))


@dataclass(frozen=True)
class Refusal:
    """An MO that cannot be queued, and why, in words that name it."""

    mo_id: int
    mo_name: str
    reason: str


@dataclass(frozen=True)
class MaterialReading:
    """One silo or tank position of a PLC feedback slot."""

    position: int  # 0..14 in the map's order
    equipment_id: int
    actual_kg: float


@dataclass(frozen=True)
class SlotFeedback:
    """A decoded PLC feedback slot; `problems` lists why it is implausible (empty if fine)."""

    slot: int
    batch_no: int
    mo_name: str
    bom_name: str
    product_name: str
    quantity_kg: float
    materials: tuple[MaterialReading, ...]
    finished: bool  # status_manufacturing == 1
    failed: bool  # status_operation == 1
    finished_weight_kg: float
    read_flag: bool  # status_read_data (HMI's acknowledgement, cleared by the PLC)
    raw_words: tuple[int, ...] = ()
    problems: tuple[str, ...] = field(default=())

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
