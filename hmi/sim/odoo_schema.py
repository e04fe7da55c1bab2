"""The models and fields the Odoo simulator knows, per Odoo version (as `fields_get` shows them).

Field names, types, relations and labels follow what real Odoo 16, 17, 18 and 19 servers
answered (`data/odoo-recordings/`, fields_get with type/relation/string) and, for Odoo 14,
OCA/OpenUpgrade's upgrade analyses (14.0→16.0: `stock.production.lot` became `stock.lot`, the
move line's `product_uom_qty`/`product_qty` became `reserved_uom_qty`/`reserved_qty`;
`detailed_type` appeared in 15.0). Only what the HMI and the recordings touch is modelled.
"""

from __future__ import annotations

from hmi.sim.odoo_actions import wizard_schema
from hmi.sim.odoo_fields import (
    CONSUMPTION,
    DEFAULT_ORDER,
    MAINTENANCE_TYPES,
    MO_STATES,
    MODULE_STATES,
    MOVE_STATES,
    REQUEST_PRIORITIES,
    RESERVATION,
    TRACKING,
    UOM_TYPES,
    VERSIONS,
    WORKORDER_STATES,
    Field,
    f,
    lot_model,
)

__all__ = ["DEFAULT_ORDER", "VERSIONS", "Field", "build_schema", "lot_model"]


def build_schema(version: int, *, maintenance: bool = False) -> dict[str, dict[str, Field]]:
    """Every model the simulator serves, with the field names of `version`."""
    display = f("char", "Display Name", readonly=True, computed=True)
    write_date = f("datetime", "Last Updated on", readonly=True)
    uom_label = "Unit" if version >= 19 else "Unit of Measure"
    lots = lot_model(version)
    schema: dict[str, dict[str, Field]] = {
        "mrp.production": _production(version, display, write_date),
        "stock.move": _move(version, display, write_date),
        "stock.move.line": _move_line(version, display, lots),
        "product.product": _product(version, display),
        "uom.uom": _uom(version, display),
        "mrp.bom": {
            "code": f("char", "Reference"),
            "product_id": f("many2one", "Product Variant", "product.product"),
            "product_qty": f("float", "Quantity"),
            "product_uom_id": f("many2one", uom_label, "uom.uom"),
            "consumption": f("selection", "Flexible Consumption", selection=CONSUMPTION),
            "bom_line_ids": f("one2many", "BoM Lines", "mrp.bom.line", inverse="bom_id"),
            "byproduct_ids": f("one2many", "By-products", "mrp.bom.byproduct", inverse="bom_id"),
            "display_name": display,
        },
        "mrp.bom.line": {
            "bom_id": f("many2one", "Parent BoM", "mrp.bom"),
            "product_id": f("many2one", "Component", "product.product"),
            "product_qty": f("float", "Quantity"),
            "product_uom_id": f("many2one", uom_label, "uom.uom"),
            "display_name": display,
        },
        "mrp.bom.byproduct": {
            "bom_id": f("many2one", "BoM", "mrp.bom"),
            "product_id": f("many2one", "By-product", "product.product"),
            "product_qty": f("float", "Quantity"),
            "product_uom_id": f("many2one", uom_label, "uom.uom"),
            "display_name": display,
        },
        lots: {
            "name": f("char", "Lot/Serial Number"),
            "product_id": f("many2one", "Product", "product.product"),
            "display_name": display,
        },
        "stock.location": {
            "name": f("char", "Location Name"),
            "complete_name": f("char", "Full Location Name"),
            "display_name": display,
        },
        "procurement.group": {"name": f("char", "Reference"), "display_name": display},
        "mrp.workcenter": {"name": f("char", "Work Center"), "display_name": display},
        "mrp.workorder": {
            "name": f("char", "Operation"),
            "production_id": f("many2one", "Manufacturing Order", "mrp.production"),
            "workcenter_id": f("many2one", "Work Center", "mrp.workcenter"),
            "state": f("selection", "Status", selection=WORKORDER_STATES),
            "display_name": display,
        },
        "stock.picking.type": {
            "name": f("char", "Operation Type"),
            "code": f("char", "Type of Operation"),
            "display_name": display,
        },
        "res.company": {"name": f("char", "Company Name"), "display_name": display},
        "res.users": {
            "name": f("char", "Name"),
            "login": f("char", "Login"),
            "company_id": f("many2one", "Company", "res.company"),
            "tz": f("selection", "Timezone"),
            "lang": f("selection", "Language"),
            "display_name": display,
        },
        "ir.model": {"name": f("char", "Model Description"), "model": f("char", "Model")},
        "ir.model.data": {
            "name": f("char", "External Identifier"),
            "module": f("char", "Module"),
            "model": f("char", "Model Name"),
            "res_id": f("many2one_reference", "Record ID"),
            "display_name": display,
        },
        "ir.module.module": {
            "name": f("char", "Technical Name", readonly=True),
            "state": f("selection", "Status", selection=MODULE_STATES, readonly=True),
            "display_name": display,
        },
        **wizard_schema(version, display),
    }
    if version <= 18:
        schema["uom.category"] = {"name": f("char", "Unit of Measure Category")}
    if maintenance:
        schema["maintenance.request"] = {
            "name": f("char", "Subjects", required=True),
            "description": f("html", "Description"),
            "priority": f("selection", "Priority", selection=REQUEST_PRIORITIES),
            "maintenance_type": f("selection", "Maintenance Type", selection=MAINTENANCE_TYPES),
            "request_date": f("date", "Request Date"),
            "display_name": display,
        }
    return schema


def _production(version: int, display: Field, write_date: Field) -> dict[str, Field]:
    mo: dict[str, Field] = {
        "name": f("char", "Reference", readonly=True),
        "state": f("selection", "State", selection=MO_STATES, readonly=True),
        "priority": f("selection", "Priority", selection=(("0", "Normal"), ("1", "Urgent"))),
        "origin": f("char", "Source"),
        "product_id": f("many2one", "Product", "product.product", required=True),
        "product_qty": f("float", "Quantity To Produce", required=True),
        "product_uom_id": f(
            "many2one", "Unit" if version >= 19 else "Product Unit of Measure", "uom.uom"
        ),
        "product_uom_qty": f("float", "Total Quantity", computed=True),
        "qty_producing": f("float", "Quantity Producing"),
        "qty_produced": f("float", "Quantity Produced", readonly=True),
        "consumption": f("selection", "Consumption", selection=CONSUMPTION, readonly=True),
        "reservation_state": f("selection", "MO Readiness", selection=RESERVATION, computed=True),
        "bom_id": f("many2one", "Bill of Material", "mrp.bom"),
        "move_raw_ids": f(
            "one2many", "Components", "stock.move", inverse="raw_material_production_id"
        ),
        "move_finished_ids": f(
            "one2many", "Finished Products", "stock.move", inverse="production_id"
        ),
        "move_byproduct_ids": f(
            "one2many", "Move Byproduct", "stock.move", inverse="production_id", computed=True
        ),
        "workorder_ids": f("one2many", "Work Orders", "mrp.workorder", inverse="production_id"),
        "backorder_sequence": f("integer", "Backorder Sequence"),
        "is_locked": f("boolean", "Is Locked"),
        "picking_type_id": f("many2one", "Operation Type", "stock.picking.type", required=True),
        "company_id": f("many2one", "Company", "res.company", required=True),
        "date_finished": f("datetime", "End", readonly=True),
        "write_date": write_date,
        "display_name": display,
    }
    if version <= 18:
        mo["procurement_group_id"] = f("many2one", "Procurement Group", "procurement.group")
    if version >= 17:
        mo["date_start"] = f("datetime", "Start", required=True)
    else:
        # OpenUpgrade mrp 17.0: date_planned_start DEL, date_start now required.
        mo["date_planned_start"] = f("datetime", "Scheduled Date", required=True)
        mo["date_planned_finished"] = f("datetime", "Scheduled End Date")
        mo["date_start"] = f("datetime", "Start Date")
    return mo


def _move(version: int, display: Field, write_date: Field) -> dict[str, Field]:
    move: dict[str, Field] = {
        "sequence": f("integer", "Sequence"),
        "state": f("selection", "Status", selection=MOVE_STATES, readonly=True),
        "product_id": f("many2one", "Product", "product.product", required=True),
        "product_uom_qty": f("float", "Demand"),
        "product_qty": f("float", "Real Quantity", computed=True),
        "product_uom": f("many2one", "Unit" if version >= 19 else "UoM", "uom.uom"),
        "move_line_ids": f("one2many", "Move Line", "stock.move.line", inverse="move_id"),
        "raw_material_production_id": f(
            "many2one", "Production Order for components", "mrp.production"
        ),
        "production_id": f("many2one", "Production Order for finished products", "mrp.production"),
        "bom_line_id": f("many2one", "BoM Line", "mrp.bom.line"),
        "byproduct_id": f("many2one", "By-products", "mrp.bom.byproduct"),
        "should_consume_qty": f("float", "Quantity To Consume", computed=True),
        "unit_factor": f("float", "Unit Factor"),
        "has_tracking": f("selection", "Product with Tracking", selection=TRACKING, computed=True),
        "forecast_availability": f("float", "Forecast Availability", computed=True),
        "location_id": f("many2one", "Source Location", "stock.location"),
        "location_dest_id": f(
            "many2one",
            "Intermediate Location" if version >= 18 else "Destination Location",
            "stock.location",
        ),
        "manual_consumption": f("boolean", "Manual Consumption"),
        "write_date": write_date,
        "display_name": display,
    }
    if version <= 18:
        move["name"] = f("char", "Description")
        move["is_done"] = f("boolean", "Done", computed=True)
    if version >= 17:
        # OpenUpgrade stock 17.0: quantity_done DEL, quantity and picked NEW.
        move["quantity"] = f("float", "Quantity")
        move["picked"] = f("boolean", "Picked")
    else:
        move["quantity_done"] = f("float", "Quantity Done")
        move["reserved_availability"] = f("float", "Quantity Reserved", computed=True)
    return move


def _move_line(version: int, display: Field, lots: str) -> dict[str, Field]:
    line: dict[str, Field] = {
        "move_id": f("many2one", "Stock Operation", "stock.move"),
        "product_id": f("many2one", "Product", "product.product"),
        "product_uom_id": f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom"),
        "lot_id": f("many2one", "Lot/Serial Number", lots),
        "lot_name": f("char", "Lot/Serial Number Name"),
        "location_id": f("many2one", "From", "stock.location"),
        "location_dest_id": f("many2one", "To", "stock.location"),
        "state": f("selection", "Status", selection=MOVE_STATES, computed=True),
        "display_name": display,
    }
    if version >= 17:
        line["quantity"] = f("float", "Quantity")
        line["quantity_product_uom"] = f("float", "Quantity in Product UoM", computed=True)
        line["picked"] = f("boolean", "Picked")
    else:
        line["qty_done"] = f("float", "Done")
        reserved, real = (
            ("reserved_uom_qty", "reserved_qty")
            if version >= 16
            else (
                "product_uom_qty",
                "product_qty",
            )
        )
        line[reserved] = f("float", "Reserved")
        line[real] = f("float", "Real Reserved Quantity", computed=True)
    return line


def _product(version: int, display: Field) -> dict[str, Field]:
    product: dict[str, Field] = {
        "name": f("char", "Name"),
        "default_code": f("char", "Internal Reference"),
        "uom_id": f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom"),
        "tracking": f("selection", "Tracking", selection=TRACKING),
        "qty_available": f("float", "Quantity On Hand", readonly=True, computed=True),
        "active": f("boolean", "Active"),
        "display_name": display,
    }
    kinds = (("consu", "Consumable"), ("service", "Service"), ("product", "Storable Product"))
    if version >= 18:
        # OpenUpgrade stock 18.0: detailed_type DEL, is_storable NEW; type is consu/service/combo.
        product["type"] = f("selection", "Product Type", selection=kinds[:2])
        product["is_storable"] = f("boolean", "Track Inventory")
    else:
        product["type"] = f(
            "selection", "Type" if version >= 15 else "Product Type", selection=kinds
        )
        if version >= 15:
            product["detailed_type"] = f("selection", "Product Type", selection=kinds)
    if version <= 18:
        product["uom_po_id"] = f(
            "many2one", "Purchase Unit" if version >= 18 else "Purchase UoM", "uom.uom"
        )
    return product


def _uom(version: int, display: Field) -> dict[str, Field]:
    if version >= 19:
        # OpenUpgrade uom 19.0: category_id, uom_type DEL; relative_factor, relative_uom_id,
        # parent_path NEW; factor is now computed (the size in the root unit).
        return {
            "name": f("char", "Unit Name"),
            "factor": f("float", "Absolute Quantity", computed=True),
            "relative_factor": f("float", "Contains", required=True),
            "relative_uom_id": f("many2one", "Reference Unit", "uom.uom"),
            "parent_path": f("char", "Parent Path"),
            "rounding": f("float", "Rounding Precision", computed=True),
            "active": f("boolean", "Active"),
            "display_name": display,
        }
    return {
        "name": f("char", "Unit of Measure"),
        "category_id": f("many2one", "Category", "uom.category"),
        "factor": f("float", "Ratio"),
        "factor_inv": f("float", "Bigger Ratio", computed=True),
        "uom_type": f("selection", "Type", selection=UOM_TYPES),
        "rounding": f("float", "Rounding Precision"),
        "active": f("boolean", "Active"),
        "display_name": display,
    }
