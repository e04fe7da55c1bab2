"""Field descriptions and selection values shared by the Odoo simulator's schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Odoo versions the simulator can present itself as.
VERSIONS = (14, 16, 17, 18, 19)


@dataclass(frozen=True)
class Field:
    """Schema of one field, as fields_get describes it."""

    type: str
    string: str
    relation: str | None = None
    inverse: str | None = None  # one2many: the many2one field on the comodel
    readonly: bool = False
    required: bool = False
    selection: tuple[tuple[str, str], ...] | None = None
    computed: bool = False  # not stored: the model computes it when read


def f(type_: str, string: str, relation: str | None = None, **kw: Any) -> Field:
    return Field(type_, string, relation, **kw)


MO_STATES = (
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("progress", "In Progress"),
    ("to_close", "To Close"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
)
MOVE_STATES = (
    ("draft", "New"),
    ("waiting", "Waiting Another Move"),
    ("confirmed", "Waiting Availability"),
    ("partially_available", "Partially Available"),
    ("assigned", "Available"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
)
RESERVATION = (("confirmed", "Waiting"), ("assigned", "Ready"), ("waiting", "Waiting Another"))
CONSUMPTION = (("flexible", "Allowed"), ("warning", "Allowed with warning"), ("strict", "Blocked"))
TRACKING = (("serial", "By Unique Serial Number"), ("lot", "By Lots"), ("none", "No Tracking"))
UOM_TYPES = (
    ("bigger", "Bigger than the reference Unit of Measure"),
    ("reference", "Reference Unit of Measure for this category"),
    ("smaller", "Smaller than the reference Unit of Measure"),
)
WORKORDER_STATES = (
    ("pending", "Waiting for another WO"),
    ("waiting", "Waiting for components"),
    ("ready", "Ready"),
    ("progress", "In Progress"),
    ("done", "Finished"),
    ("cancel", "Cancelled"),
)
MODULE_STATES = (
    ("uninstallable", "Uninstallable"),
    ("uninstalled", "Not Installed"),
    ("installed", "Installed"),
    ("to upgrade", "To be upgraded"),
    ("to remove", "To be removed"),
    ("to install", "To be installed"),
)
REQUEST_PRIORITIES = (("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High"))
MAINTENANCE_TYPES = (("corrective", "Corrective"), ("preventive", "Preventive"))

#: Each model's `_order` (used when a search gives none).
DEFAULT_ORDER = {
    "stock.move": "sequence, id",
    "stock.move.line": "id",
    "mrp.bom.line": "id",
    "uom.uom": "id",
}


def lot_model(version: int) -> str:
    """The lot model: stock.production.lot (≤15), stock.lot (16+) (OpenUpgrade stock 16.0)."""
    return "stock.lot" if version >= 16 else "stock.production.lot"
