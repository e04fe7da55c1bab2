"""What differs between the Odoo versions the HMI supports (14 to 19 and later), in one table.

Every row names the difference, its value per version and where it was checked: Odoo's own
source and documentation (odoo/odoo on GitHub, odoo.com/documentation), OCA/OpenUpgrade's
upgrade analyses (the field and model changes Odoo made between two versions, generated from
Odoo's source) and the recordings of real Odoo 16.0, 17.0, 18.0 and 19.0 servers
(`tests/data/odoo-recordings/`). `docs/INTEGRATOR.md` shows the same table (a unit test keeps
them equal). Odoo 15 is treated as 14/16 where both agree; it was not recorded.

Example::

    >>> OdooVersion.for_major(parse_server_version("18.0+e-20250520")[0]).consumed_field
    'quantity'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Oldest Odoo major version whose manufacturing API the link knows.
MIN_MAJOR = 14
#: First version with the External JSON-2 API (and deprecated /jsonrpc).
JSON2_MAJOR = 19

OPENUPGRADE = "OCA/OpenUpgrade openupgrade_scripts/scripts"
RECORDED = "tests/data/odoo-recordings (real 16.0, 17.0, 18.0, 19.0)"


@dataclass(frozen=True)
class Difference:
    """One row of the version table: a topic, its value from a version on, and the source."""

    topic: str
    values: tuple[tuple[int, str], ...]  # (first major version, value), ascending
    source: str

    def value(self, major: int) -> str:
        """The value for an Odoo major version."""
        chosen = self.values[0][1]
        for first, value in self.values:
            if major >= first:
                chosen = value
        return chosen


#: The version table (rendered in docs/INTEGRATOR.md, "Odoo versions").
DIFFERENCES: tuple[Difference, ...] = (
    Difference(
        "server_version at login (the link reads the leading major.minor)",
        (
            (14, "`14.0`"),
            (15, "`15.0`"),
            (16, "`16.0`"),
            (17, "`17.0`"),
            (18, "`18.0+e-20250520` (a packaged build)"),
            (19, "`19.0+e-20251227` (a packaged build)"),
        ),
        f"odoo/odoo odoo/release.py (serie + level + serial + suffix); {RECORDED}",
    ),
    Difference(
        "API the link uses",
        (
            (14, "JSON-RPC `/jsonrpc` through odoorpc"),
            (
                19,
                "External JSON-2 `POST /json/2/<model>/<method>`, "
                "`Authorization: bearer <API key>`",
            ),
        ),
        "odoo.com/documentation/19.0/developer/reference/external_api.html; odoo/odoo "
        "addons/rpc/controllers/json2.py; 19 logs for every /jsonrpc call that it is "
        f"deprecated and scheduled for removal in Odoo 20 ({RECORDED})",
    ),
    Difference(
        "MO planned start (mrp.production)",
        ((14, "`date_planned_start`"), (17, "`date_start`")),
        f"{OPENUPGRADE}/mrp/17.0.2.0/upgrade_analysis.txt: "
        "date_planned_start DEL, date_start now required",
    ),
    Difference(
        "consumed quantity (stock.move)",
        ((14, "`quantity_done`"), (17, "`quantity`, counted when `picked`")),
        f"{OPENUPGRADE}/stock/17.0.1.1/upgrade_analysis.txt: "
        "quantity_done DEL, quantity and picked NEW",
    ),
    Difference(
        "move line quantities (stock.move.line)",
        (
            (14, "`qty_done`, reserved `product_uom_qty`"),
            (16, "`qty_done`, reserved `reserved_uom_qty`"),
            (17, "`quantity`, `picked`"),
        ),
        f"{OPENUPGRADE}/stock/16.0.1.1 and 17.0.1.1/upgrade_analysis.txt",
    ),
    Difference(
        "lot model",
        ((14, "`stock.production.lot`"), (16, "`stock.lot`")),
        f"{OPENUPGRADE}/stock/16.0.1.1/upgrade_analysis.txt: "
        "stock.production.lot renamed to stock.lot",
    ),
    Difference(
        "units (uom.uom)",
        (
            (14, "`category_id`; `factor` against the category's reference (kg 1, g 1000)"),
            (
                19,
                "no category; `factor` = size in the root unit (g 1, kg 1000, Ton 1 000 000); "
                "`relative_factor`, `relative_uom_id`, `parent_path`",
            ),
        ),
        f"{OPENUPGRADE}/uom/19.0.1.0/upgrade_analysis.txt: category_id, uom_type DEL; "
        f"parent_path, relative_factor, relative_uom_id NEW; {RECORDED}",
    ),
    Difference(
        "how the link tells weight from volume",
        (
            (14, "same `category_id` as `uom.product_uom_kgm` / `uom.product_uom_litre`"),
            (19, "same root (first id of `parent_path`) as `uom.product_uom_kgm` / `_litre`"),
        ),
        "external ids in ir.model.data, readable by every internal user (odoo/odoo "
        "odoo/addons/base/security/ir.model.access.csv: access_ir_model_data_user); "
        "category names are translated, so they are never compared",
    ),
    Difference(
        "product kind (product.product)",
        (
            (14, "`type` = `product`"),
            (15, "`type`, `detailed_type` = `product`"),
            (18, "`type` = `consu`, `is_storable`"),
        ),
        f"{OPENUPGRADE}/stock/18.0.1.1/upgrade_analysis.txt: detailed_type DEL, "
        f"is_storable NEW; {RECORDED}",
    ),
    Difference(
        "mark done with nothing written",
        (
            (14, "wizard `mrp.immediate.production` (`process` consumes the plan)"),
            (17, "no wizard: done at once with the planned quantities"),
        ),
        f"{OPENUPGRADE}/mrp/17.0.2.0/upgrade_analysis.txt: obsolete model "
        f"mrp.immediate.production; {RECORDED}",
    ),
    Difference(
        "consumption differs from the BoM",
        (
            (
                14,
                "wizard `mrp.consumption.warning` (`action_confirm`, `action_set_qty`), "
                "for strict BoMs too over RPC",
            ),
        ),
        f"{OPENUPGRADE}/mrp/14.0.2.0/upgrade_analysis.txt: new model "
        f"mrp.consumption.warning; {RECORDED}",
    ),
    Difference(
        "less produced than planned",
        ((14, "wizard `mrp.production.backorder` (`action_close_mo`, `action_backorder`)"),),
        f"{OPENUPGRADE}/mrp/14.0.2.0/upgrade_analysis.txt: new model "
        f"mrp.production.backorder; {RECORDED}",
    ),
    Difference(
        "closing without backorder",
        ((14, "MO quantity lowered to what was produced, the rest cancelled"), (17, "kept")),
        RECORDED,
    ),
    Difference(
        "`action_cancel` on a done MO",
        ((14, "`True`, nothing changes"), (19, "UserError")),
        RECORDED,
    ),
    Difference(
        "what `create` returns",
        ((14, "the new id"), (19, "a list of ids over JSON-2 (`vals_list`)")),
        f"odoo/odoo addons/rpc/controllers/json2.py; {RECORDED}",
    ),
)

#: The versions the table shows, one column each.
TABLE_VERSIONS = (14, 15, 16, 17, 18, 19)


def markdown_table() -> str:
    """The version table as Markdown (docs/INTEGRATOR.md holds this text)."""
    head = ["topic", *[f"{v}" if v < 19 else "19+" for v in TABLE_VERSIONS], "source"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in DIFFERENCES:
        cells = [row.topic, *[row.value(v) for v in TABLE_VERSIONS], row.source]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class OdooVersion:
    """The field, model and protocol names the link uses for one Odoo major version."""

    major: int
    planned_start: str  # mrp.production
    consumed_field: str  # stock.move
    picked_field: str | None  # stock.move (17+)
    immediate_wizard: bool  # mrp.immediate.production exists (≤16)
    uom_has_category: bool  # uom.uom.category_id (≤18)
    json2: bool  # External JSON-2 API available (19+)

    @classmethod
    def for_major(cls, major: int) -> OdooVersion:
        """The names of `major` (later versions use the newest known names)."""
        return cls(
            major=major,
            planned_start="date_start" if major >= 17 else "date_planned_start",
            consumed_field="quantity" if major >= 17 else "quantity_done",
            picked_field="picked" if major >= 17 else None,
            immediate_wizard=major <= 16,
            uom_has_category=major < JSON2_MAJOR,
            json2=major >= JSON2_MAJOR,
        )

    def move_values(self, quantity: float) -> dict[str, object]:
        """Values that set a component move's consumed quantity."""
        values: dict[str, object] = {self.consumed_field: quantity}
        if self.picked_field:
            values[self.picked_field] = True
        return values

    def consumed(self, move: dict[str, object]) -> object:
        """A move's consumed quantity as read (0 when not picked on 17+)."""
        if self.picked_field and not move.get(self.picked_field):
            return 0.0
        return move.get(self.consumed_field) or 0.0

    @property
    def uom_fields(self) -> list[str]:
        """uom.uom fields the link reads."""
        if self.uom_has_category:
            return ["name", "category_id", "factor", "rounding"]
        return ["name", "factor", "rounding", "parent_path", "relative_uom_id"]


_VERSION = re.compile(r"^\s*(?:saas~)?(\d+)(?:\.(\d+))?")


def parse_server_version(text: object) -> tuple[int, int] | None:
    """(major, minor) from Odoo's server_version: '16.0', '18.0+e-20250520', 'saas~17.2',
    '17.0rc1'; None when it is not an Odoo version string."""
    match = _VERSION.match(str(text or ""))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 0)
