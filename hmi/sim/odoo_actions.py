"""The window actions Odoo's `button_mark_done` and wizards return, per version, as recorded.

`ir.actions.act_window` records are data: their ids, keys and labels differ between versions
(16: `search_view`; 17: `mobile_view_mode`; 18: `path`, `embedded_action_ids`; 19:
`group_ids`, `cache`, and "You produced less than *the* initial demand"). The values below
are those real Odoo 16.0, 17.0, 18.0 and 19.0 servers sent (`data/odoo-recordings/`); Odoo 14
is assumed to answer as 16 (same wizards, OCA/OpenUpgrade mrp 14.0 analysis).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hmi.sim.odoo_fields import CONSUMPTION, Field, f

CONSUMPTION_WIZARD = "mrp.consumption.warning"
BACKORDER_WIZARD = "mrp.production.backorder"
IMMEDIATE_WIZARD = "mrp.immediate.production"

_SEARCH_VIEWS_16 = {
    CONSUMPTION_WIZARD: (
        "{'arch': '<search string=\"Wizard in case of consumption in warning/strict and more "
        'component has been used for a MO (related to the bom)"><field name="id"/></search>\', '
        "'id': False, 'model': 'mrp.consumption.warning', 'models': {'mrp.consumption.warning': "
        "('mrp_production_ids', 'mrp_production_count', 'consumption', "
        "'mrp_consumption_warning_line_ids', 'id', '__last_update', 'display_name', 'create_uid', "
        "'create_date', 'write_uid', 'write_date')}}"
    ),
    BACKORDER_WIZARD: (
        "{'arch': '<search string=\"Wizard to mark as done or create back order\"><field "
        "name=\"id\"/></search>', 'id': False, 'model': 'mrp.production.backorder', 'models': "
        "{'mrp.production.backorder': ('mrp_production_ids', 'mrp_production_backorder_line_ids', "
        "'show_backorder_lines', 'id', '__last_update', 'display_name', 'create_uid', "
        "'create_date', 'write_uid', 'write_date')}}"
    ),
}

#: (wizard model) -> (xml id, ir.actions.act_window id per version)
_ACTION_IDS = {
    CONSUMPTION_WIZARD: (
        "mrp.action_mrp_consumption_warning",
        {16: 270, 17: 286, 18: 305, 19: 307},
    ),
    BACKORDER_WIZARD: ("mrp.action_mrp_production_backorder", {16: 269, 17: 285, 18: 304, 19: 306}),
}


def wizard_title(version: int, model: str) -> str:
    """The action's name (its window title)."""
    if model == CONSUMPTION_WIZARD:
        return "Consumption Warning"
    if model == BACKORDER_WIZARD:
        the = "the " if version >= 19 else ""
        return f"You produced less than {the}initial demand"
    return "Immediate Production?"


def wizard_action(version: int, model: str, context: Mapping[str, Any]) -> dict[str, Any]:
    """The act_window button_mark_done returns to open `model` with `context`."""
    title = wizard_title(version, model)
    if model == IMMEDIATE_WIZARD:  # built in Python by Odoo ≤16, not read from a record
        return {
            "name": title,
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": model,
            "views": [[684, "form"]],
            "view_id": 684,
            "target": "new",
            "context": dict(context),
        }
    xml_id, ids = _ACTION_IDS[model]
    shown = min(max(version, 16), 19)
    action: dict[str, Any] = {"id": ids[shown]}
    if version >= 19:
        action["display_name"] = title
    action.update(
        {
            "name": title,
            "type": "ir.actions.act_window",
            "xml_id": xml_id,
        }
    )
    if version >= 18:
        action["path"] = False
    action.update(
        {
            "help": False,
            "binding_model_id": False,
            "binding_type": "action",
            "binding_view_types": "list,form",
        }
    )
    if version <= 18:
        action["display_name"] = title
    action.update(
        {
            "view_id": False,
            "domain": False,
            "context": dict(context),
            "res_id": 0,
            "res_model": model,
            "target": "new",
            "view_mode": "form",
        }
    )
    if version >= 17:
        action["mobile_view_mode"] = "kanban"
    action.update({"views": [[False, "form"]], "limit": 80})
    action["group_ids" if version >= 19 else "groups_id"] = []
    action["search_view_id"] = False
    if version >= 18:
        action["embedded_action_ids"] = []
    action["filter"] = False
    if version >= 19:
        action["cache"] = True
    if version <= 16:
        action["search_view"] = _SEARCH_VIEWS_16[model]
    return action


def backorder_opened(version: int, backorder_id: int) -> dict[str, Any]:
    """What action_backorder returns: the form of the new backorder MO."""
    context: dict[str, Any] = {"skip_backorder": False, "mo_ids_to_backorder": None}
    if version <= 16:
        context = {"button_mark_done_production_ids": None, **context}
    action: dict[str, Any] = {
        "res_model": "mrp.production",
        "type": "ir.actions.act_window",
        "context": context,
    }
    if version >= 17:
        action["views"] = [[False, "form"]]
    action.update({"view_mode": "form", "res_id": backorder_id})
    return action


def wizard_schema(version: int, display: Field) -> dict[str, dict[str, Field]]:
    """The wizard models of `version` (mrp.immediate.production up to 16)."""
    uom = f("many2one", "Unit" if version >= 19 else "Unit of Measure", "uom.uom")
    wizards: dict[str, dict[str, Field]] = {
        "mrp.consumption.warning": {
            "mrp_production_ids": f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_consumption_warning_line_ids": f(
                "one2many",
                "Lines",
                "mrp.consumption.warning.line",
                inverse="mrp_consumption_warning_id",
            ),
            "consumption": f("selection", "Consumption", selection=CONSUMPTION, computed=True),
            "display_name": display,
        },
        "mrp.consumption.warning.line": {
            "mrp_consumption_warning_id": f("many2one", "Parent Wizard", "mrp.consumption.warning"),
            "mrp_production_id": f("many2one", "Manufacturing Order", "mrp.production"),
            "product_id": f("many2one", "Product", "product.product"),
            "consumption": f("selection", "Consumption", selection=CONSUMPTION),
            "product_uom_id": uom,
            "product_consumed_qty_uom": f("float", "Consumed"),
            "product_expected_qty_uom": f("float", "To Consume"),
            "display_name": display,
        },
        "mrp.production.backorder": {
            "mrp_production_ids": f("many2many", "Manufacturing Orders", "mrp.production"),
            "mrp_production_backorder_line_ids": f(
                "one2many",
                "Backorder Confirmation Lines",
                "mrp.production.backorder.line",
                inverse="mrp_production_backorder_id",
            ),
            "display_name": display,
        },
        "mrp.production.backorder.line": {
            "mrp_production_backorder_id": f(
                "many2one", "MO Backorder", "mrp.production.backorder"
            ),
            "mrp_production_id": f("many2one", "Manufacturing Order", "mrp.production"),
            "to_backorder": f("boolean", "To Backorder"),
            "display_name": display,
        },
    }
    if version <= 16:
        # OpenUpgrade mrp 17.0: "obsolete model mrp.immediate.production [transient]".
        wizards["mrp.immediate.production"] = {
            "mo_ids": f("many2many", "Manufacturing Orders", "mrp.production"),
            "immediate_production_line_ids": f(
                "one2many",
                "Immediate Production Lines",
                "mrp.immediate.production.line",
                inverse="immediate_production_id",
            ),
            "display_name": display,
        }
        wizards["mrp.immediate.production.line"] = {
            "immediate_production_id": f(
                "many2one", "Immediate Production", "mrp.immediate.production"
            ),
            "production_id": f("many2one", "Production", "mrp.production"),
            "to_immediate": f("boolean", "To Process"),
            "display_name": display,
        }
    return wizards
