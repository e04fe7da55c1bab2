"""MO → batch mapping and validation (invariant 5: bad input is refused whole, with a reason).

Each component's internal reference is looked up in the equipment table; the MO,
BoM and product names must fit the PLC's ASCII text field. Truncation or
transliteration happen only when a NamePolicy explicitly allows them.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Sequence
from enum import StrEnum

from hmi.domain.equipment import EquipmentTable
from hmi.domain.model import Batch, BatchLine, ManufacturingOrder, MoComponent, Refusal
from hmi.domain.states import BatchState
from hmi.domain.units import to_kg

#: Largest quantity a u32 register holding kg × 100 can carry.
MAX_QUANTITY_KG = 42_949_672.95

#: Characters NFKD does not reduce to ASCII, and what they become.
_TRANSLIT = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "ı": "i",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "⁄": "/",
    "×": "x",
    "°": "o",
    "µ": "u",
    "\u00a0": " ",
}


class NamePolicy(StrEnum):
    """What to do with a name that does not fit the PLC's ASCII text field."""

    REFUSE = "refuse"  # default: refuse the MO and show what would be written
    TRUNCATE = "truncate"  # cut ASCII names to the field length
    TRANSLITERATE = "transliterate"  # replace accented letters etc. by ASCII
    TRANSLITERATE_TRUNCATE = "transliterate_truncate"  # both


def is_plc_text(text: str, length: int = 16) -> bool:
    """True when `text` is printable ASCII and at most `length` characters."""
    return len(text) <= length and all(" " <= ch <= "~" for ch in text)


def transliterate(text: str) -> str:
    """Best ASCII spelling of `text`; characters with no ASCII form become '?'."""
    out: list[str] = []
    for ch in text:
        if " " <= ch <= "~":
            out.append(ch)
            continue
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        mapped = "".join(_TRANSLIT.get(c, c) for c in base)
        out.append(mapped if mapped and is_plc_text(mapped, len(mapped)) else "?")
    return "".join(out)


def fit_name(
    label: str, text: str, policy: NamePolicy, length: int = 16
) -> tuple[str | None, str | None]:
    """Return (text to write, None) or (None, reason) for one name under a policy."""
    if is_plc_text(text, length):
        return text, None
    ascii_text = transliterate(text)
    shown = ascii_text[:length]
    may_translit = policy in (NamePolicy.TRANSLITERATE, NamePolicy.TRANSLITERATE_TRUNCATE)
    may_truncate = policy in (NamePolicy.TRUNCATE, NamePolicy.TRANSLITERATE_TRUNCATE)
    candidate = ascii_text if may_translit else text
    if may_truncate:
        candidate = candidate[:length]
    if is_plc_text(candidate, length) and "?" not in (ascii_text if may_translit else ""):
        return candidate, None
    problems = []
    if not all(" " <= ch <= "~" for ch in text):
        problems.append("is not plain ASCII")
    if len(text) > length:
        problems.append(f"has {len(text)} characters (the PLC field holds {length})")
    reason = (
        f"{label} {text!r} {' and '.join(problems)}: it would be written as {shown!r}"
        f" (name policy {policy.value})"
    )
    return None, reason


def map_orders(
    orders: Sequence[ManufacturingOrder],
    table: EquipmentTable,
    *,
    queued_ids: Collection[int] = (),
    archived_ids: Collection[int] = (),
    max_quantity_kg: float = MAX_QUANTITY_KG,
    text_length: int = 16,
    name_policy: NamePolicy = NamePolicy.REFUSE,
) -> tuple[list[Batch], list[Refusal]]:
    """Map MOs to queued batches (slot 0) in their order; refuse each bad MO whole, with reasons."""
    batches: list[Batch] = []
    refusals: list[Refusal] = []
    queued, archived = set(queued_ids), set(archived_ids)
    for order in orders:
        reasons = _order_reasons(order, queued, archived)
        names, name_reasons = _names(order, name_policy, text_length)
        lines, line_reasons = _lines(order, table, max_quantity_kg)
        reasons += name_reasons + line_reasons + _quantity_reasons(order, max_quantity_kg)
        if reasons:
            refusals.append(
                Refusal(order.mo_id, order.name, f"MO {order.name}: " + "; ".join(reasons))
            )
            continue
        batches.append(
            Batch(
                mo_id=order.mo_id,
                mo_name=names[0],
                bom_name=names[1],
                product_name=names[2],
                quantity_kg=round(float(to_kg(order.quantity, order.uom)), 2),
                lines=tuple(lines),
                slot=0,
                state=BatchState.QUEUED,
            )
        )
    return batches, refusals


def _order_reasons(order: ManufacturingOrder, queued: set[int], archived: set[int]) -> list[str]:
    reasons = []
    if order.mo_id in queued:
        reasons.append("already in the queue")
    if order.mo_id in archived:
        reasons.append("already archived as reported or cancelled")
    if not order.components:
        reasons.append("has no components")
    return reasons


def _names(
    order: ManufacturingOrder, policy: NamePolicy, length: int
) -> tuple[list[str], list[str]]:
    written: list[str] = []
    reasons: list[str] = []
    for label, text in (
        ("MO name", order.name),
        ("BoM name", order.bom_name),
        ("product name", order.product_name),
    ):
        value, reason = fit_name(label, text, policy, length)
        written.append(value or "")
        if reason:
            reasons.append(reason)
    return written, reasons


def _quantity_problem(what: str, kg: float, max_kg: float) -> str | None:
    if not math.isfinite(kg):
        return f"{what} is not a number"
    if round(kg, 2) <= 0:
        return f"{what} is {kg:g} kg (must be more than 0)"
    if round(kg, 2) > max_kg:
        return f"{what} {kg:,.2f} kg is beyond the PLC register's range (max {max_kg:,.2f} kg)"
    return None


def _quantity_reasons(order: ManufacturingOrder, max_kg: float) -> list[str]:
    problem = _quantity_problem(
        "quantity to produce", float(to_kg(order.quantity, order.uom)), max_kg
    )
    return [problem] if problem else []


def _component_label(component: MoComponent) -> str:
    ref = component.product_ref or "(no internal reference)"
    return f"{ref} {component.product_name}".strip()


def _lines(
    order: ManufacturingOrder, table: EquipmentTable, max_kg: float
) -> tuple[list[BatchLine], list[str]]:
    lines: list[BatchLine] = []
    reasons: list[str] = []
    by_equipment: dict[int, MoComponent] = {}
    for component in order.components:
        label = _component_label(component)
        kg = float(to_kg(component.quantity, component.uom))
        problem = _quantity_problem(f"planned quantity of {label}", kg, max_kg)
        if problem:
            reasons.append(problem)
        if not component.product_ref:
            reasons.append(f"component {component.product_name!r} has no internal reference")
            continue
        equipment = table.for_ref(component.product_ref)
        if equipment is None:
            reasons.append(f"no silo or tank holds {label}")
            continue
        other = by_equipment.get(equipment.id)
        if other is not None:
            reasons.append(
                f"two components on {equipment.name} ({equipment.id}): "
                f"{_component_label(other)} and {label}"
            )
            continue
        by_equipment[equipment.id] = component
        lines.append(
            BatchLine(
                equipment_id=equipment.id,
                move_id=component.move_id,
                product_id=component.product_id,
                product_ref=component.product_ref,
                planned_kg=round(kg, 2),
            )
        )
    return lines, reasons
