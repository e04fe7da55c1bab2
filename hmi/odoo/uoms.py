"""Odoo's units of measure (`uom.uom`) normalized into `hmi.domain.units.Uom`.

A unit's kind is decided by identity, never by a (translated) name: the link resolves the
external ids `uom.product_uom_kgm` and `uom.product_uom_litre` once per login. Up to Odoo 18
a unit is a weight when it is in kg's category and a volume when in the litre's; its
`factor` is relative to the category's reference unit, so one unit is kg.factor / factor kg.
From Odoo 19 there are no categories: a unit is a weight when it has kg's root unit (the
first id of `parent_path`) and its `factor` is its size in that root unit, so one unit is
factor / kg.factor kg. (OCA/OpenUpgrade uom 19.0 analysis; real 16–19 answers recorded.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hmi.domain.units import KG_STEP, Uom, UomKind, decimal_from_odoo

#: External ids (module uom) of the units the kinds are measured against.
KG_XMLID = "product_uom_kgm"
LITRE_XMLID = "product_uom_litre"


@dataclass(frozen=True)
class References:
    """uom.uom ids of the kilogram and the litre in one Odoo database (0 when absent)."""

    kg: int = 0
    litre: int = 0


def m2o_id(value: Any) -> int | None:
    """The id of a many2one value as read() returns it ([id, name], id or False)."""
    if isinstance(value, list | tuple) and value:
        return int(value[0])
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def root_of(row: Mapping[str, Any], rows: Mapping[int, Mapping[str, Any]]) -> int:
    """Odoo 19: the root unit of a unit (the first id of parent_path, or its own chain)."""
    path = str(row.get("parent_path") or "")
    if path.strip("/"):
        return int(path.strip("/").split("/")[0])
    seen: set[int] = set()
    current = row
    while (parent := m2o_id(current.get("relative_uom_id"))) and parent not in seen:
        seen.add(parent)
        if parent not in rows:
            return parent
        current = rows[parent]
    return int(current["id"])


def normalize(
    rows: Mapping[int, Mapping[str, Any]], refs: References, *, categories: bool
) -> dict[int, Uom]:
    """Every read uom.uom row as a `Uom` (kind, kg or litres per unit, rounding).

    rows: uom.uom rows by id, including the kg and litre rows when they exist;
    categories: the Odoo version has uom categories (≤18).
    """
    kinds = ((refs.kg, UomKind.WEIGHT), (refs.litre, UomKind.VOLUME))
    units: dict[int, Uom] = {}
    for uom_id, row in rows.items():
        kind, per_unit = UomKind.OTHER, Decimal(0)
        for ref_id, ref_kind in kinds:
            ref = rows.get(ref_id)
            if ref is None or not _same_kind(row, ref, rows, categories):
                continue
            factor, ref_factor = decimal_from_odoo(row["factor"]), decimal_from_odoo(ref["factor"])
            if factor <= 0 or ref_factor <= 0:
                break
            kind = ref_kind
            per_unit = ref_factor / factor if categories else factor / ref_factor
            break
        rounding = decimal_from_odoo(row.get("rounding")) or KG_STEP
        units[uom_id] = Uom(int(uom_id), str(row.get("name") or uom_id), kind, per_unit, rounding)
    return units


def _same_kind(
    row: Mapping[str, Any],
    ref: Mapping[str, Any],
    rows: Mapping[int, Mapping[str, Any]],
    categories: bool,
) -> bool:
    if categories:
        category = m2o_id(row.get("category_id"))
        return category is not None and category == m2o_id(ref.get("category_id"))
    return root_of(row, rows) == root_of(ref, rows)
