"""MO → batch mapping and validation (invariant 5: bad input is refused whole, with reasons).

An Odoo manufacturing order becomes a batch only when every rule holds; otherwise it is
refused whole, with every reason as a `Message` naming the MO, the component and why:

- its Odoo state and the stated policies (`hmi.domain.mapping_rules`): in progress, lot or
  serial tracking, by-products, open work orders;
- every component's unit converts to kg exactly (`hmi.domain.units`): a weight by its factor,
  a volume only through the density configured for the tank that doses it; the MO's own unit
  is a weight;
- cancelled moves are skipped; done moves and what Odoo already consumed are never dosed
  again (an MO in progress, under the "remainder" policy, doses demand − consumed);
- the components add up to the MO's quantity within the tolerance, and the quantity fits the
  mixer (maximum batch) and the PLC's fields;
- each component has an internal reference held by exactly one silo or tank;
- the MO, BoM and product names fit the PLC's ASCII fields (`hmi.domain.plc_text`).

Quantities are rounded once, half up, to 0.01 kg where they come in from Odoo.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hmi.domain.equipment import Equipment, EquipmentTable
from hmi.domain.mapping_rules import (
    MAX_QUANTITY_KG,
    ByproductPolicy,
    InProgressPolicy,
    MappingRules,
    TrackedPolicy,
    WorkorderPolicy,
    component_label,
    is_in_progress,
    order_state_reasons,
)
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, BatchLine, ManufacturingOrder, MoComponent, Refusal
from hmi.domain.plc_text import NamePolicy, fit_name, is_plc_text, transliterate
from hmi.domain.states import BatchState
from hmi.domain.units import UnitError, UomKind, kg_total, round_kg, to_kg

__all__ = [
    "MAX_QUANTITY_KG",
    "ByproductPolicy",
    "InProgressPolicy",
    "MappingRules",
    "NamePolicy",
    "TrackedPolicy",
    "WorkorderPolicy",
    "fit_name",
    "is_plc_text",
    "map_orders",
    "transliterate",
]

NAME_FIELDS = ("mo_name", "bom_name", "product_name")


@dataclass(frozen=True)
class _Material:
    """One component converted: its equipment, Odoo's demand, consumed, and what to dose (kg)."""

    component: MoComponent
    equipment: Equipment
    demand_kg: Decimal
    consumed_kg: Decimal

    @property
    def planned_kg(self) -> Decimal:
        return self.demand_kg - self.consumed_kg


def map_orders(
    orders: Sequence[ManufacturingOrder],
    table: EquipmentTable,
    *,
    queued_ids: Collection[int] = (),
    archived_ids: Collection[int] = (),
    rules: MappingRules | None = None,
) -> tuple[list[Batch], list[Refusal]]:
    """Map MOs to queued batches (slot 0) in their order; refuse each bad MO whole, with reasons."""
    rules = rules or MappingRules()
    batches: list[Batch] = []
    refusals: list[Refusal] = []
    queued, archived = set(queued_ids), set(archived_ids)
    for order in orders:
        batch, reasons = map_order(order, table, rules, queued=queued, archived=archived)
        if batch is None:
            refusals.append(Refusal(order.mo_id, order.name, tuple(reasons), order.write_date))
        else:
            batches.append(batch)
    return batches, refusals


def map_order(
    order: ManufacturingOrder,
    table: EquipmentTable,
    rules: MappingRules,
    *,
    queued: Collection[int] = (),
    archived: Collection[int] = (),
) -> tuple[Batch | None, list[Message]]:
    """One MO: (its batch, []) or (None, every reason it is refused)."""
    mo = order.name
    reasons: list[Message] = []
    if order.mo_id in queued:
        reasons.append(msg("mapping.already_queued", mo=mo))
    if order.mo_id in archived:
        reasons.append(msg("mapping.already_archived", mo=mo))
    reasons += order_state_reasons(order, rules)
    names, name_reasons = _names(order, rules)
    reasons += name_reasons
    materials, material_reasons = _materials(order, table)
    reasons += material_reasons
    quantity_kg, quantity_reasons = _quantity(order, rules)
    reasons += quantity_reasons
    lines: list[BatchLine] = []
    if not material_reasons:
        if quantity_kg is not None:
            reasons += _sum_reasons(order, materials, quantity_kg, rules)
        lines, line_reasons = _lines(order, materials, rules)
        reasons += line_reasons
    if reasons or quantity_kg is None:
        return None, reasons
    batch = Batch(
        mo_id=order.mo_id,
        mo_name=names[0],
        bom_name=names[1],
        product_name=names[2],
        quantity_kg=quantity_kg,
        lines=tuple(lines),
        slot=0,
        state=BatchState.QUEUED,
        consumption=order.consumption or "warning",
    )
    return batch, []


def _names(order: ManufacturingOrder, rules: MappingRules) -> tuple[list[str], list[Message]]:
    written: list[str] = []
    reasons: list[Message] = []
    texts = (order.name, order.bom_name, order.product_name)
    for field, text in zip(NAME_FIELDS, texts, strict=True):
        value, reason = fit_name(field, text, rules.name_policy, rules.text_length, mo=order.name)
        written.append(value or "")
        if reason:
            reasons.append(reason)
    return written, reasons


def _quantity(
    order: ManufacturingOrder, rules: MappingRules
) -> tuple[Decimal | None, list[Message]]:
    """The kg to produce (the MO's quantity less what earlier steps produced), or reasons."""
    mo = order.name
    if order.uom.kind is not UomKind.WEIGHT:
        return None, [msg("mapping.order_unit_not_weight", mo=mo, uom=order.uom.name)]
    produced = order.qty_produced if is_in_progress(order) else Decimal(0)
    kg = round_kg(to_kg(order.quantity - produced, order.uom))
    if kg <= 0:
        reason = msg(
            "mapping.order_not_positive", mo=mo, quantity=order.quantity, uom=order.uom.name
        )
        return None, [reason]
    reasons: list[Message] = []
    if kg > rules.field_limit_kg:
        reasons.append(msg("mapping.order_over_field", mo=mo, kg=kg, limit=rules.field_limit_kg))
    if kg > rules.max_batch_kg:
        reasons.append(msg("mapping.over_capacity", mo=mo, kg=kg, limit=rules.max_batch_kg))
    return kg, reasons


def _materials(
    order: ManufacturingOrder, table: EquipmentTable
) -> tuple[list[_Material], list[Message]]:
    """Every component not cancelled, on its equipment and in kg; or the reasons why not."""
    mo = order.name
    materials: list[_Material] = []
    reasons: list[Message] = []
    by_equipment: dict[int, MoComponent] = {}
    for component in order.components:
        if component.state == "cancel":
            continue
        label = component_label(component)
        if not component.product_ref:
            reasons.append(msg("mapping.no_reference", mo=mo, component=component.product_name))
            continue
        equipment = table.for_ref(component.product_ref)
        if equipment is None:
            reasons.append(msg("mapping.no_equipment", mo=mo, component=label))
            continue
        other = by_equipment.get(equipment.id)
        if other is not None and component.state != "done":
            reasons.append(
                msg(
                    "mapping.shared_equipment",
                    mo=mo,
                    equipment=equipment.name,
                    equipment_id=equipment.id,
                    component=component_label(other),
                    other=label,
                )
            )
            continue
        if component.state != "done":  # a done move is never dosed: it holds no equipment
            by_equipment[equipment.id] = component
        converted = _convert(order, component, equipment)
        if isinstance(converted, Message):
            reasons.append(converted)
        else:
            materials.append(converted)
    if not order.components or (not materials and not reasons):
        reasons.append(msg("mapping.no_components", mo=mo))
    return materials, reasons


def _convert(
    order: ManufacturingOrder, component: MoComponent, equipment: Equipment
) -> _Material | Message:
    """Odoo's demand and consumed quantity of a move in kg, rounded once, or the reason."""
    uom, label = component.uom, component_label(component)
    if uom.kind is UomKind.VOLUME and equipment.density_kg_per_l is None:
        return msg(
            "mapping.volume_without_density",
            mo=order.name,
            component=label,
            uom=uom.name,
            equipment=equipment.name,
        )
    if uom.kind is UomKind.OTHER:
        return msg("mapping.unit_not_weight", mo=order.name, component=label, uom=uom.name)
    try:
        demand = round_kg(to_kg(component.quantity, uom, equipment.density_kg_per_l))
        consumed = round_kg(to_kg(component.consumed, uom, equipment.density_kg_per_l))
    except UnitError:  # pragma: no cover - the two checks above cover every kind
        return msg("mapping.unit_not_weight", mo=order.name, component=label, uom=uom.name)
    if component.state == "done":
        consumed = demand  # a done move is consumed whole: never dosed or written again
    return _Material(component, equipment, demand, consumed)


def _sum_reasons(
    order: ManufacturingOrder, materials: list[_Material], quantity_kg: Decimal, rules: MappingRules
) -> list[Message]:
    """The components' demand must add up to the MO's quantity within the tolerance."""
    total = kg_total(m.demand_kg for m in materials)
    whole = round_kg(to_kg(order.quantity, order.uom))
    reference = whole if whole > 0 else quantity_kg
    allowed = reference * rules.sum_tolerance_pct / 100
    if abs(total - reference) <= allowed:
        return []
    return [
        msg(
            "mapping.sum_mismatch",
            mo=order.name,
            components=total,
            quantity=order.quantity,
            uom=order.uom.name,
            order=reference,
            tolerance=rules.sum_tolerance_pct,
        )
    ]


def _lines(
    order: ManufacturingOrder, materials: list[_Material], rules: MappingRules
) -> tuple[list[BatchLine], list[Message]]:
    """Batch lines of what is left to dose; an MO in progress doses only its remainder."""
    lines: list[BatchLine] = []
    reasons: list[Message] = []
    remainder = rules.in_progress is InProgressPolicy.REMAINDER
    for material in materials:
        component, label = material.component, component_label(material.component)
        if remainder and material.consumed_kg > 0 and material.planned_kg <= 0:
            continue  # done, or consumed in full: nothing left to dose or to write
        if material.planned_kg <= 0:
            reasons.append(
                msg(
                    "mapping.component_not_positive",
                    mo=order.name,
                    component=label,
                    kg=material.planned_kg,
                )
            )
            continue
        if material.planned_kg > rules.field_limit_kg:
            reasons.append(
                msg(
                    "mapping.component_over_field",
                    mo=order.name,
                    component=label,
                    kg=material.planned_kg,
                    limit=rules.field_limit_kg,
                )
            )
            continue
        lines.append(
            BatchLine(
                equipment_id=material.equipment.id,
                move_id=component.move_id,
                product_id=component.product_id,
                product_ref=component.product_ref or "",
                planned_kg=material.planned_kg,
                consumed_kg=material.consumed_kg if remainder else Decimal(0),
            )
        )
    if materials and not lines and not reasons:
        reasons.append(msg("mapping.no_components", mo=order.name))
    return lines, reasons
