"""The rules an MO must pass before it becomes a batch: limits and the stated policies.

`MappingRules` is data: the engine builds it from the settings (`[batching]`) and the PLC's
register map, and `hmi.domain.mapping` applies it. The checks of an order's Odoo state
(in progress, lot/serial tracking, by-products, open work orders) live here too; each
refusal is a `Message` naming the MO, the thing and the reason.

Sources: Odoo's `mrp.production` (`state`, `qty_producing`, `qty_produced`,
`move_byproduct_ids`, `workorder_ids`), `stock.move` (`state`, `quantity_done` ≤16 /
`quantity` + `picked` 17+) and `product.product.tracking` (none, lot, serial), as the
recordings of real Odoo 16–19 show them (`data/odoo-recordings/README.md`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hmi.domain.equipment import EquipmentTable
from hmi.domain.messages import Message, msg
from hmi.domain.model import ManufacturingOrder, MoComponent
from hmi.domain.plc_text import NamePolicy

#: Largest quantity a u32 register holding kg × 100 can carry.
MAX_QUANTITY_KG = Decimal("42949672.95")
#: MO states the HMI queues (Odoo: confirmed; progress once something was produced or consumed).
QUEUEABLE_STATES = ("confirmed", "progress")


class InProgressPolicy(StrEnum):
    """What to do with an MO Odoo already started (something consumed, produced or done)."""

    REFUSE = "refuse"  # default: refuse it with what Odoo already has
    REMAINDER = "remainder"  # dose only what is left: demand − consumed, skip done moves


class TrackedPolicy(StrEnum):
    """What to do with lot- or serial-tracked components or finished products."""

    REFUSE = "refuse"  # default: the HMI sends no lot, so refuse before dosing
    ODOO_ASSIGNS = "odoo_assigns"  # queue it; Odoo must pick the lot itself (16, 19 do so
    # when exactly one lot is in stock; 17, 18 refuse mark-done and the batch needs attention)


class ByproductPolicy(StrEnum):
    """What to do with an MO that has by-products (`move_byproduct_ids`)."""

    REFUSE = "refuse"  # default
    ODOO_BOOKS = "odoo_books"  # queue it; Odoo books the by-products at their BoM share


class WorkorderPolicy(StrEnum):
    """What to do with an MO that has work orders not done or cancelled."""

    REFUSE = "refuse"  # default
    ODOO_FINISHES = "odoo_finishes"  # queue it; mark-done finishes the open work orders
    # (Odoo 16's button_mark_done calls workorder_ids.button_finish(); enterprise quality
    # checks on a work order may still stop it, and the batch then needs attention)


@dataclass(frozen=True)
class MappingRules:
    """Limits and policies of the MO → batch mapping.

    field_limit_kg: the most the PLC's quantity fields hold (from the register map; a u32
    of kg × 100 holds 42 949 672.95 kg); max_batch_kg: the line's largest batch (mixer
    capacity); sum_tolerance_pct: how far the components' sum may be from the MO's quantity,
    in percent of the MO's quantity.
    """

    name_policy: NamePolicy = NamePolicy.REFUSE
    text_length: int = 16
    field_limit_kg: Decimal = MAX_QUANTITY_KG
    max_batch_kg: Decimal = MAX_QUANTITY_KG
    sum_tolerance_pct: Decimal = Decimal(1)
    in_progress: InProgressPolicy = InProgressPolicy.REFUSE
    tracked: TrackedPolicy = TrackedPolicy.REFUSE
    byproducts: ByproductPolicy = ByproductPolicy.REFUSE
    workorders: WorkorderPolicy = WorkorderPolicy.REFUSE

    def fingerprint(self, table: EquipmentTable) -> str:
        """A short digest of these rules and the equipment table: a refusal remembered under
        another fingerprint is tried again (the integrator changed what the HMI accepts)."""
        text = repr((self, table.entries))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def component_label(component: MoComponent) -> str:
    """'[RM-CORN] Yellow corn' or '(no internal reference) Yellow corn'."""
    ref = component.product_ref or "(no internal reference)"
    return f"{ref} {component.product_name}".strip()


def is_in_progress(order: ManufacturingOrder) -> bool:
    """True when Odoo already started the MO: state progress, something consumed, produced,
    being produced, or a component move done."""
    return (
        order.state == "progress"
        or order.qty_producing > 0
        or order.qty_produced > 0
        or any(c.consumed > 0 or c.state == "done" for c in order.components)
    )


def progress_evidence(order: ManufacturingOrder) -> tuple[Message, ...]:
    """What Odoo already has of an MO in progress, each as a message."""
    found: list[Message] = []
    uom = order.uom.name
    if order.qty_produced > 0:
        found.append(msg("mapping.progress.produced", quantity=order.qty_produced, uom=uom))
    if order.qty_producing > 0:
        found.append(msg("mapping.progress.producing", quantity=order.qty_producing, uom=uom))
    for component in order.components:
        label = component_label(component)
        if component.state == "cancel":
            continue
        if component.state == "done":
            found.append(msg("mapping.progress.done_move", component=label))
        elif component.consumed > 0:
            found.append(
                msg(
                    "mapping.progress.consumed",
                    component=label,
                    quantity=component.consumed,
                    uom=component.uom.name,
                )
            )
    if not found:
        found.append(msg("mapping.progress.state", state=order.state))
    return tuple(found)


def order_state_reasons(order: ManufacturingOrder, rules: MappingRules) -> list[Message]:
    """Refusals that come from the MO's Odoo state and its stated policies."""
    mo = order.name
    reasons: list[Message] = []
    if order.state not in QUEUEABLE_STATES:
        reasons.append(msg("mapping.state", mo=mo, state=order.state))
    elif is_in_progress(order) and rules.in_progress is InProgressPolicy.REFUSE:
        reasons.append(msg("mapping.in_progress", mo=mo, progress=progress_evidence(order)))
    if rules.tracked is TrackedPolicy.REFUSE:
        if order.tracking not in ("", "none"):
            reasons.append(
                msg(
                    "mapping.tracked_product",
                    mo=mo,
                    product=order.product_name,
                    tracking=msg(f"mapping.tracking.{_tracking(order.tracking)}"),
                )
            )
        for component in order.components:
            if component.state != "cancel" and component.tracking not in ("", "none"):
                reasons.append(
                    msg(
                        "mapping.tracked_component",
                        mo=mo,
                        component=component_label(component),
                        tracking=msg(f"mapping.tracking.{_tracking(component.tracking)}"),
                    )
                )
    if order.byproduct_count > 0 and rules.byproducts is ByproductPolicy.REFUSE:
        reasons.append(msg("mapping.byproduct", mo=mo, count=order.byproduct_count))
    if order.open_workorder_count > 0 and rules.workorders is WorkorderPolicy.REFUSE:
        reasons.append(msg("mapping.workorders", mo=mo, count=order.open_workorder_count))
    return reasons


def _tracking(value: str) -> str:
    """Odoo's tracking selection as a catalogue key (an unknown value counts as 'other')."""
    return value if value in ("lot", "serial") else "other"
