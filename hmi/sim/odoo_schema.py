"""The models and fields the Odoo simulator knows, per Odoo version (as `fields_get` shows them).

Field names, types, relations and labels follow what real Odoo 16, 17, 18 and 19 servers
answered (`data/odoo-recordings/`, fields_get with type/relation/string) and, for Odoo 14,
OCA/OpenUpgrade's upgrade analyses (14.0→16.0: `stock.production.lot` became `stock.lot`, the
move line's `product_uom_qty`/`product_qty` became `reserved_uom_qty`/`reserved_qty`;
`detailed_type` appeared in 15.0). Only what the HMI and the recordings touch is modelled.
"""

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


def _f(type_: str, string: str, relation: str | None = None, **kw: Any) -> Field:
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


def build_schema(version: int, *, maintenance: bool = False) -> dict[str, dict[str, Field]]:
    """Every model the simulator serves, with the field names of `version`."""
    display = _f("char", "Display Name", readonly=True, computed=True)
    write_date = _f("datetime", "Last Updated on", readonly=True)
    uom_label = "Unit" if version >= 19 else "Unit of Measure"
    lots = lot_model(version)
    schema: dict[str, dict[str, Field]] = {
        "mrp.production": _production(version, display, write_date),
        "stock.move": _move(version, display, write_date),
        "stock.move.line": _move_line(version, display, lots),
        "product.product": _product(version, display),
        "uom.uom": _uom(version, display),
        "mrp.bom": {
            "code": _f("char", "Reference"),
            "product_id": _f("many2one", "Product Variant", "product.product"),
            "product_qty": _f("float", "Quantity"),
            "product_uom_id": _f("many2one", uom_label, "uom.uom"),
            "consumption": _f("selection", "Flexible Consumption", selection=CONSUMPTION),
            "bom_line_ids": _f("one2many", "BoM Lines", "mrp.bom.line", inverse="bom_id"),
            "byproduct_ids": _f("one2many", "By-products", "mrp.bom.byproduct", inverse="bom_id"),
            "display_name": display,
        },
        "mrp.bom.line": {
            "bom_id": _f("many2one", "Parent BoM", "mrp.bom"),
            "product_id": _f("many2one", "Component", "product.product"),
            "product_qty": _f("float", "Quantity"),
            "product_uom_id": _f("many2one", uom_label, "uom.uom"),
            "display_name": display,
        },
        "mrp.bom.byproduct": {
            "bom_id": _f("many2one", "BoM", "mrp.bom"),
            "product_id": _f("many2one", "By-product", "product.product"),
            "product_qty": _f("float", "Quantity"),
            "product_uom_id": _f("many2one", uom_label, "uom.uom"),
            "display_name": display,
        },
        lots: {
            "name": _f("char", "Lot/Serial Number"),
            "product_id": _f("many2one", "Product", "product.product"),
            "display_name": display,
        },
        "stock.location": {
            "name": _f("char", "Location Name"),
            "complete_name": _f("char", "Full Location Name"),
            "display_name": display,
        },
        "procurement.group": {"name": _f("char", "Reference"), "display_name": display},
        "mrp.workcenter": {"name": _f("char", "Work Center"), "display_name": display},
        "mrp.workorder": {
            "name": _f("char", "Operation"),
            "production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "workcenter_id": _f("many2one", "Work Center", "mrp.workcenter"),
            "state": _f("selection", "Status", selection=WORKORDER_STATES),
            "display_name": display,
        },
        "stock.picking.type": {
            "name": _f("char", "Operation Type"),
            "code": _f("char", "Type of Operation"),
            "display_name": display,
        },
        "res.company": {"name": _f("char", "Company Name"), "display_name": display},
        "res.users": {
            "name": _f("char", "Name"),
            "login": _f("char", "Login"),
            "company_id": _f("many2one", "Company", "res.company"),
            "tz": _f("selection", "Timezone"),
            "lang": _f("selection", "Language"),
            "display_name": display,
        },
        "ir.model": {"name": _f("char", "Model Description"), "model": _f("char", "Model")},
        "ir.model.data": {
            "name": _f("char", "External Identifier"),
            "module": _f("char", "Module"),
            "model": _f("char", "Model Name"),
            "res_id": _f("many2one_reference", "Record ID"),
            "display_name": display,
        },
        "ir.module.module": {
            "name": _f("char", "Technical Name", readonly=True),
            "state": _f("selection", "Status", selection=MODULE_STATES, readonly=True),
            "display_name": display,
        },
        **_wizards(version, display),
    }
    if version <= 18:
        schema["uom.category"] = {"name": _f("char", "Unit of Measure Category")}
    if maintenance:
        schema["maintenance.request"] = {
            "name": _f("char", "Subjects", required=True),
            "description": _f("html", "Description"),
            "priority": _f("selection", "Priority", selection=REQUEST_PRIORITIES),
            "maintenance_type": _f("selection", "Maintenance Type", selection=MAINTENANCE_TYPES),
            "request_date": _f("date", "Request Date"),
            "display_name": display,
        }
    return schema


def _production(version: int, display: Field, write_date: Field) -> dict[str, Field]:
    mo: dict[str, Field] = {
        "name": _f("char", "Reference", readonly=True),
        "state": _f("selection", "State", selection=MO_STATES, readonly=True),
        "priority": _f("selection", "Priority", selection=(("0", "Normal"), ("1", "Urgent"))),
        "origin": _f("char", "Source"),
        "product_id": _f("many2one", "Product", "product.product", required=True),
        "product_qty": _f("float", "Quantity To Produce", required=True),
        "product_uom_id": _f(
            "many2one", "Unit" if version >= 19 else "Product Unit of Measure", "uom.uom"
        ),
        "product_uom_qty": _f("float", "Total Quantity", computed=True),
        "qty_producing": _f("float", "Quantity Producing"),
        "qty_produced": _f("float", "Quantity Produced", readonly=True),
        "consumption": _f("selection", "Consumption", selection=CONSUMPTION, readonly=True),
        "reservation_state": _f("selection", "MO Readiness", selection=RESERVATION, computed=True),
        "bom_id": _f("many2one", "Bill of Material", "mrp.bom"),
        "move_raw_ids": _f(
            "one2many", "Components", "stock.move", inverse="raw_material_production_id"
        ),
        "move_finished_ids": _f(
            "one2many", "Finished Products", "stock.move", inverse="production_id"
        ),
        "move_byproduct_ids": _f(
            "one2many", "Move Byproduct", "stock.move", inverse="production_id", computed=True
        ),
        "workorder_ids": _f("one2many", "Work Orders", "mrp.workorder", inverse="production_id"),
        "backorder_sequence": _f("integer", "Backorder Sequence"),
        "is_locked": _f("boolean", "Is Locked"),
        "picking_type_id": _f("many2one", "Operation Type", "stock.picking.type", required=True),
        "company_id": _f("many2one", "Company", "res.company", required=True),
        "date_finished": _f("datetime", "End", readonly=True),
        "write_date": write_date,
        "display_name": display,
    }
    if version <= 18:
        mo["procurement_group_id"] = _f("many2one", "Procurement Group", "procurement.group")
    if version >= 17:
        mo["date_start"] = _f("datetime", "Start", required=True)
    else:
        # OpenUpgrade mrp 17.0: date_planned_start DEL, date_start now required.
        mo["date_planned_start"] = _f("datetime", "Scheduled Date", required=True)
        mo["date_planned_finished"] = _f("datetime", "Scheduled End Date")
        mo["date_start"] = _f("datetime", "Start Date")
    return mo


def _move(version: int, display: Field, write_date: Field) -> dict[str, Field]:
    move: dict[str, Field] = {
        "sequence": _f("integer", "Sequence"),
        "state": _f("selection", "Status", selection=MOVE_STATES, readonly=True),
        "product_id": _f("many2one", "Product", "product.product", required=True),
        "product_uom_qty": _f("float", "Demand"),
        "product_qty": _f("float", "Real Quantity", computed=True),
        "product_uom": _f("many2one", "Unit" if version >= 19 else "UoM", "uom.uom"),
        "move_line_ids": _f("one2many", "Move Line", "stock.move.line", inverse="move_id"),
        "raw_material_production_id": _f(
            "many2one", "Production Order for components", "mrp.production"
        ),
        "production_id": _f("many2one", "Production Order for finished products", "mrp.production"),
        "bom_line_id": _f("many2one", "BoM Line", "mrp.bom.line"),
        "byproduct_id": _f("many2one", "By-products", "mrp.bom.byproduct"),
        "should_consume_qty": _f("float", "Quantity To Consume", computed=True),
        "unit_factor": _f("float", "Unit Factor"),
        "has_tracking": _f("selection", "Product with Tracking", selection=TRACKING, computed=True),
        "forecast_availability": _f("float", "Forecast Availability", computed=True),
        "location_id": _f("many2one", "Source Location", "stock.location"),
        "location_dest_id": _f(
            "many2one",
            "Intermediate Location" if version >= 18 else "Destination Location",
            "stock.location",
        ),
        "manual_consumption": _f("boolean", "Manual Consumption"),
        "write_date": write_date,
        "display_name": display,
    }
    if version <= 18:
        move["name"] = _f("char", "Description")
        move["is_done"] = _f("boolean", "Done", computed=True)
    if version >= 17:
        # OpenUpgrade stock 17.0: quantity_done DEL, quantity and picked NEW.
        move["quantity"] = _f("float", "Quantity")
        move["picked"] = _f("boolean", "Picked")
    else:
        move["quantity_done"] = _f("float", "Quantity Done")
        move["reserved_availability"] = _f("float", "Quantity Reserved", computed=True)
    return move


def _move_line(version: int, display: Field, lots: str) -> dict[str, Field]:
    line: dict[str, Field] = {
        "move_id": _f("many2one", "Stock Operation", "stock.move"),
        "product_id": _f("many2one", "Product", "product.product"),
        "product_uom_id": _f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom"),
        "lot_id": _f("many2one", "Lot/Serial Number", lots),
        "lot_name": _f("char", "Lot/Serial Number Name"),
        "location_id": _f("many2one", "From", "stock.location"),
        "location_dest_id": _f("many2one", "To", "stock.location"),
        "state": _f("selection", "Status", selection=MOVE_STATES, computed=True),
        "display_name": display,
    }
    if version >= 17:
        line["quantity"] = _f("float", "Quantity")
        line["quantity_product_uom"] = _f("float", "Quantity in Product UoM", computed=True)
        line["picked"] = _f("boolean", "Picked")
    else:
        line["qty_done"] = _f("float", "Done")
        reserved, real = ("reserved_uom_qty", "reserved_qty") if version >= 16 else (
            "product_uom_qty",
            "product_qty",
        )
        line[reserved] = _f("float", "Reserved")
        line[real] = _f("float", "Real Reserved Quantity", computed=True)
    return line


def _product(version: int, display: Field) -> dict[str, Field]:
    product: dict[str, Field] = {
        "name": _f("char", "Name"),
        "default_code": _f("char", "Internal Reference"),
        "uom_id": _f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom"),
        "tracking": _f("selection", "Tracking", selection=TRACKING),
        "qty_available": _f("float", "Quantity On Hand", readonly=True, computed=True),
        "active": _f("boolean", "Active"),
        "display_name": display,
    }
    kinds = (("consu", "Consumable"), ("service", "Service"), ("product", "Storable Product"))
    if version >= 18:
        # OpenUpgrade stock 18.0: detailed_type DEL, is_storable NEW; type is consu/service/combo.
        product["type"] = _f("selection", "Product Type", selection=kinds[:2])
        product["is_storable"] = _f("boolean", "Track Inventory")
    else:
        product["type"] = _f("selection", "Type" if version >= 15 else "Product Type", selection=kinds)
        if version >= 15:
            product["detailed_type"] = _f("selection", "Product Type", selection=kinds)
    if version <= 18:
        product["uom_po_id"] = _f(
            "many2one", "Purchase Unit" if version >= 18 else "Purchase UoM", "uom.uom"
        )
    return product


def _uom(version: int, display: Field) -> dict[str, Field]:
    if version >= 19:
        # OpenUpgrade uom 19.0: category_id, uom_type DEL; relative_factor, relative_uom_id,
        # parent_path NEW; factor is now computed (the size in the root unit).
        return {
            "name": _f("char", "Unit Name"),
            "factor": _f("float", "Absolute Quantity", computed=True),
            "relative_factor": _f("float", "Contains", required=True),
            "relative_uom_id": _f("many2one", "Reference Unit", "uom.uom"),
            "parent_path": _f("char", "Parent Path"),
            "rounding": _f("float", "Rounding Precision", computed=True),
            "active": _f("boolean", "Active"),
            "display_name": display,
        }
    return {
        "name": _f("char", "Unit of Measure"),
        "category_id": _f("many2one", "Category", "uom.category"),
        "factor": _f("float", "Ratio"),
        "factor_inv": _f("float", "Bigger Ratio", computed=True),
        "uom_type": _f("selection", "Type", selection=UOM_TYPES),
        "rounding": _f("float", "Rounding Precision"),
        "active": _f("boolean", "Active"),
        "display_name": display,
    }


def _wizards(version: int, display: Field) -> dict[str, dict[str, Field]]:
    uom = _f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom")
    wizards: dict[str, dict[str, Field]] = {
        "mrp.consumption.warning": {
            "mrp_production_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_consumption_warning_line_ids": _f(
                "one2many",
                "Lines",
                "mrp.consumption.warning.line",
                inverse="mrp_consumption_warning_id",
            ),
            "consumption": _f("selection", "Consumption", selection=CONSUMPTION, computed=True),
            "display_name": display,
        },
        "mrp.consumption.warning.line": {
            "mrp_consumption_warning_id": _f(
                "many2one", "Parent Wizard", "mrp.consumption.warning"
            ),
            "mrp_production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "product_id": _f("many2one", "Product", "product.product"),
            "consumption": _f("selection", "Consumption", selection=CONSUMPTION),
            "product_uom_id": uom,
            "product_consumed_qty_uom": _f("float", "Consumed"),
            "product_expected_qty_uom": _f("float", "To Consume"),
            "display_name": display,
        },
        "mrp.production.backorder": {
            "mrp_production_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_production_backorder_line_ids": _f(
                "one2many",
                "Backorder Confirmation Lines",
                "mrp.production.backorder.line",
                inverse="mrp_production_backorder_id",
            ),
            "display_name": display,
        },
        "mrp.production.backorder.line": {
            "mrp_production_backorder_id": _f(
                "many2one", "MO Backorder", "mrp.production.backorder"
            ),
            "mrp_production_id": _f("many2one", "Manufacturing Order", "mrp.production"),
            "to_backorder": _f("boolean", "To Backorder"),
            "display_name": display,
        },
    }
    if version <= 16:
        # OpenUpgrade mrp 17.0: "obsolete model mrp.immediate.production [transient]".
        wizards["mrp.immediate.production"] = {
            "mo_ids": _f("many2many", "Manufacturing Orders", "mrp.production"),
            "immediate_production_line_ids": _f(
                "one2many",
                "Immediate Production Lines",
                "mrp.immediate.production.line",
                inverse="immediate_production_id",
            ),
            "display_name": display,
        }
        wizards["mrp.immediate.production.line"] = {
            "immediate_production_id": _f(
                "many2one", "Immediate Production", "mrp.immediate.production"
            ),
            "production_id": _f("many2one", "Production", "mrp.production"),
            "to_immediate": _f("boolean", "To Process"),
            "display_name": display,
        }
    return wizards
