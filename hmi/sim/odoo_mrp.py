"""Manufacturing orders in the Odoo simulator: creation from a BoM, states, writes, cancel.

What each version does, as real Odoo 16–19 servers did it (`data/odoo-recordings/`):

- An MO creates its component moves, then its finished-product move, then by-product moves
  (ids in that order), all in the units of the BoM lines; confirming reserves them.
- State: `progress` once something is produced or consumed, `to_close` when `qty_producing`
  reaches the quantity to produce; `reservation_state` is kept on a done MO by 16 only.
- Writes: a cancelled move refuses a consumed quantity; 16 refuses to delete a confirmed
  component move, 17+ delete it; ≤17 reject 2-element x2many commands such as ``(2, id)``.
- `action_cancel` on a done MO: `True` and nothing changes (16–18); a UserError on 19.
- Users without the manufacturing/inventory groups get Odoo's AccessError.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from hmi.sim.odoo_orm import OdooError, ids_of, missing_text, user_error
from hmi.sim.odoo_schema import Field
from hmi.sim.odoo_stock import StockOrm, round_to

CONSUMPTION_LABEL = (
    "Wizard in case of consumption in warning/strict and more component has been used for a MO "
    "(related to the bom)"
)
#: Models an internal user without Inventory/Manufacturing rights cannot access, and their
#: description in the AccessError (mrp.production's is recorded; the others follow it).
PROTECTED = {
    "mrp.production": ("Production Order", "Manufacturing Order"),
    "stock.move": ("Stock Move", "Stock Move"),
    "stock.move.line": ("Product Moves (Stock Move Line)", "Product Moves (Stock Move Line)"),
    "mrp.bom": ("Bill of Material", "Bill of Material"),
    "mrp.workorder": ("Work Order", "Work Order"),
    "mrp.consumption.warning": (CONSUMPTION_LABEL, CONSUMPTION_LABEL),
    "mrp.production.backorder": ("Wizard to mark as done or create back order",) * 2,
}
MANUFACTURING_GROUPS = ("Inventory/User", "Manufacturing/Administrator", "Manufacturing/User")


class MrpOrm(StockOrm):
    """StockOrm with manufacturing orders, their moves and their life cycle."""

    def __init__(self, version: int, schema: dict[str, dict[str, Field]]) -> None:
        super().__init__(version, schema)
        self.mo_sequence = 0
        self.postings: dict[int, int] = {}
        #: fault injection: MO id -> UserError text raised on write / button_mark_done
        self.report_refusals: dict[int, str] = {}
        #: user id -> True when the user has the Manufacturing/Inventory groups
        self.rights: dict[int, bool] = {}
        self.transactional = ("quants", "postings", "mo_sequence")

    @property
    def planned_start_field(self) -> str:
        """mrp.production's planned start: date_planned_start (≤16) or date_start (17+)."""
        return "date_start" if self.version >= 17 else "date_planned_start"

    def default_order(self, model: str) -> str:
        """`_order`: mrp.production sorts by priority, planned start, id."""
        if model == "mrp.production":
            return f"priority desc, {self.planned_start_field} asc, id"
        return super().default_order(model)

    # -- access ---------------------------------------------------------------------------------

    def check_access(self, model: str) -> None:
        """Odoo's AccessError for a user without the manufacturing groups."""
        if model not in PROTECTED or self.rights.get(self.uid, True):
            return
        label = PROTECTED[model][1 if self.version >= 18 else 0]
        groups = "\n".join(f"\t- {g}" for g in MANUFACTURING_GROUPS)
        raise OdooError(
            f"You are not allowed to access '{label}' ({model}) records.\n\n"
            f"This operation is allowed for the following groups:\n{groups}\n\n"
            "Contact your administrator to request access if necessary.",
            "odoo.exceptions.AccessError",
        )

    # -- creation --------------------------------------------------------------------------------

    def create_production(
        self,
        product_id: int,
        bom_id: int,
        qty: float,
        planned: datetime,
        *,
        name: str | None = None,
        state: str = "confirmed",
        picking_type_id: int = 1,
        uom_id: int | None = None,
        group_id: int | None = None,
        finished_first: bool = False,
    ) -> int:
        """An MO with its moves (components, finished product, by-products), confirmed."""
        bom = self.records["mrp.bom"][bom_id]
        if name is None:
            self.mo_sequence += 1
            name = f"WH/MO/{self.mo_sequence:05d}"
        uom = uom_id or self.product(product_id)["uom_id"]
        values: dict[str, Any] = {
            "name": name,
            "state": "draft",
            "priority": "0",
            "origin": False,
            "product_id": product_id,
            "product_qty": float(qty),
            "product_uom_id": uom,
            "qty_producing": 0.0,
            "qty_produced": 0.0,
            "consumption": bom["consumption"],
            "bom_id": bom_id,
            "backorder_sequence": 0,
            "is_locked": True,
            "picking_type_id": picking_type_id,
            "company_id": 1,
            "date_finished": False,
            "write_date": self.now_text(),
            self.planned_start_field: planned.strftime("%Y-%m-%d %H:%M:%S"),
        }
        if self.version <= 16:
            values["date_start"] = False
        if self.version <= 18:
            values["procurement_group_id"] = group_id or self.new(
                "procurement.group", {"name": name}
            )
        mo_id = self.new("mrp.production", values)
        ratio = self.convert(qty, uom, bom["product_uom_id"]) / float(bom["product_qty"])
        for line in self.bom_lines(bom_id):
            self._new_move(
                mo_id,
                line["product_id"],
                line["product_qty"] * ratio,
                line["product_uom_id"],
                raw=True,
                bom_line_id=line["id"],
            )
        self._new_move(mo_id, product_id, qty, uom, raw=False)
        for byproduct in self.bom_byproducts(bom_id):
            self._new_move(
                mo_id,
                byproduct["product_id"],
                byproduct["product_qty"] * ratio,
                byproduct["product_uom_id"],
                raw=False,
                byproduct_id=byproduct["id"],
            )
        if state != "draft":
            self.confirm(mo_id, finished_first=finished_first)
        if state not in ("draft", "confirmed"):
            self.records["mrp.production"][mo_id]["state"] = state
        return mo_id

    def _new_move(
        self, mo_id: int, product_id: int, qty: float, uom: int, *, raw: bool, **links: Any
    ) -> int:
        mo = self.records["mrp.production"][mo_id]
        values: dict[str, Any] = {
            "sequence": 1 if raw else 10,
            "state": "draft",
            "product_id": product_id,
            "product_uom_qty": round_to(qty, self.uom_rounding(uom)),
            "product_uom": uom,
            "raw_material_production_id": mo_id if raw else False,
            "production_id": False if raw else mo_id,
            "bom_line_id": links.get("bom_line_id", False),
            "byproduct_id": links.get("byproduct_id", False),
            "location_id": self.stock_location if raw else self.production_location,
            "location_dest_id": self.production_location if raw else self.stock_location,
            # ≤17 consume tracked components manually (the lot is chosen); 18+ do not (recorded)
            "manual_consumption": raw and self.version <= 17 and self._tracked_product(product_id),
            "write_date": self.now_text(),
        }
        if self.version <= 18:
            values["name"] = mo["name"]
        if self.version >= 17:
            values.update(quantity=0.0, picked=False)
        else:
            values["quantity_done"] = 0.0
        return self.new("stock.move", values)

    def confirm(self, mo_id: int, *, finished_first: bool = False) -> None:
        """Confirm an MO and reserve its moves (17+ reserve the finished ones too)."""
        mo = self.records["mrp.production"][mo_id]
        mo["state"] = "confirmed"
        raw = self.raw_moves(mo_id)
        finished = self.finished_moves(mo_id)
        for move in raw + finished:
            move["state"] = "confirmed"
        order = finished + raw if finished_first else raw + finished
        for move in order:
            if move in raw or self.version >= 17:
                self.reserve(move)
        mo["reservation_state"] = self.reservation_state(mo)

    def _tracked_product(self, product_id: int) -> bool:
        return self.product(product_id).get("tracking") in ("lot", "serial")

    # -- lookups ----------------------------------------------------------------------------------

    def bom_lines(self, bom_id: int) -> list[dict[str, Any]]:
        """The BoM's component lines, in order."""
        return [r for r in self.records["mrp.bom.line"].values() if r["bom_id"] == bom_id]

    def bom_byproducts(self, bom_id: int) -> list[dict[str, Any]]:
        """The BoM's by-product lines, in order."""
        return [r for r in self.records["mrp.bom.byproduct"].values() if r["bom_id"] == bom_id]

    def raw_moves(self, mo_id: int) -> list[dict[str, Any]]:
        """Component moves of an MO, in order."""
        moves = [
            m
            for m in self.records["stock.move"].values()
            if m.get("raw_material_production_id") == mo_id
        ]
        return sorted(moves, key=lambda m: (m.get("sequence") or 0, m["id"]))

    def finished_moves(self, mo_id: int) -> list[dict[str, Any]]:
        """Finished-product and by-product moves of an MO, in order."""
        moves = [m for m in self.records["stock.move"].values() if m.get("production_id") == mo_id]
        return sorted(moves, key=lambda m: (m.get("sequence") or 0, m["id"]))

    def existing_mo(self, mo_id: int) -> dict[str, Any]:
        """The MO, or Odoo's MissingError."""
        mo = self.records["mrp.production"].get(mo_id)
        if mo is None:
            raise OdooError(
                missing_text("mrp.production", mo_id, self.uid), "odoo.exceptions.MissingError"
            )
        return mo

    # -- computed fields -----------------------------------------------------------------------

    def compute(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        """MO fields computed from its moves, then the stock ones."""
        if model == "mrp.production":
            if name == "product_uom_qty":
                uom = self.product(rec["product_id"])["uom_id"]
                return self.convert(rec["product_qty"], rec["product_uom_id"], uom)
            if name == "reservation_state":
                return self.reservation_state(rec)
            if name == "move_byproduct_ids":
                return [m["id"] for m in self.finished_moves(rec["id"]) if m.get("byproduct_id")]
        return super().compute(model, rec, name)

    def reservation_state(self, mo: Mapping[str, Any]) -> Any:
        """Odoo's MO readiness from its components' states (stock.move
        `_get_relevant_state_among_moves` with mrp's override: a partly reserved component
        that already covers what is being produced, or all its demand, counts as ready;
        18+ also count a picked one). A done MO keeps its value on 16 only."""
        if mo["state"] in ("draft", "done", "cancel"):
            return mo.get("reservation_state", False) if self.version <= 16 else False
        todo = [
            m
            for m in self.raw_moves(mo["id"])
            if m["state"] not in ("done", "cancel")
            and not (m["state"] == "assigned" and not m["product_uom_qty"])
        ]
        states = {m["state"] for m in todo}
        if not states or states == {"assigned"}:
            return "assigned"
        if states == {"confirmed"}:
            return "confirmed"
        if all(self._covered(m) for m in todo):
            return "assigned"
        return "confirmed"

    def _covered(self, move: Mapping[str, Any]) -> bool:
        quantity = float(move.get("quantity") or 0.0) if self.version >= 17 else self.reserved(move)
        should = self.should_consume(move)
        if should and quantity >= should - 1e-9:
            return True
        picked = bool(move.get("picked")) and (
            self.version >= 18 or bool(move.get("manual_consumption"))
        )
        return quantity >= float(move["product_uom_qty"]) - 1e-9 or picked

    def display_name(self, model: str, rec: Mapping[str, Any]) -> str:
        """BoMs show "CODE: [REF] Product"; the rest as StockOrm."""
        if model == "mrp.bom":
            product = self.display_name("product.product", self.product(rec["product_id"]))
            return f"{rec['code']}: {product}" if rec.get("code") else product
        if model in ("mrp.bom.line", "mrp.bom.byproduct"):
            return self.display_name("product.product", self.product(rec["product_id"]))
        return super().display_name(model, rec)

    # -- writes -------------------------------------------------------------------------------

    def write_hook(self, model: str, rec_id: int, vals: Mapping[str, Any]) -> None:
        """Business rules of writes on MOs and moves."""
        self.check_access(model)
        if model == "mrp.production":
            self._write_mo(rec_id, vals)
        elif model == "stock.move":
            self._write_move(rec_id, vals)
        else:
            super().write_hook(model, rec_id, vals)

    def _write_mo(self, mo_id: int, vals: Mapping[str, Any]) -> None:
        refusal = self.report_refusals.get(mo_id)
        if refusal:
            raise user_error(refusal)
        self.write_values("mrp.production", mo_id, vals)
        self.recompute_state(mo_id)

    def _write_move(self, move_id: int, vals: Mapping[str, Any]) -> None:
        move = self.records["stock.move"][move_id]
        self.check_move_write(move, vals)
        before = self.done_qty(move)
        rest = {k: v for k, v in vals.items() if k not in ("quantity", "quantity_done", "picked")}
        if {"quantity", "quantity_done", "picked"} & set(vals):
            if self.version >= 17:
                quantity = vals.get("quantity", move.get("quantity") or 0.0)
                self.set_done(move, float(quantity), vals.get("picked"))
            else:
                self.set_done(move, float(vals["quantity_done"]), None)
        self.write_values("stock.move", move_id, rest)
        mo_id = move.get("raw_material_production_id")
        after = self.done_qty(move)
        if move["state"] == "done" and abs(after - before) > 1e-9 and mo_id:
            # Odoo adjusts stock on hand when a done move's quantity changes.
            self.quants[(move["product_id"], False)] -= after - before
            self.postings[mo_id] = self.postings.get(mo_id, 0) + 1
        elif mo_id:
            self.recompute_state(mo_id)

    def o2m_command(self, fld: Field, parent_id: int, command: list[Any]) -> None:
        """x2many commands with each version's rules on MO component lines."""
        if len(command) < 3 and self.version <= 17:
            raise OdooError(
                f"not enough values to unpack (expected 3, got {len(command)})",
                "builtins.ValueError",
            )
        if fld.relation == "stock.move" and command[0] == 2:
            self.unlink_move(command[1])
            return
        super().o2m_command(fld, parent_id, command + [0] * (3 - len(command)))

    def recompute_state(self, mo_id: int) -> None:
        """confirmed → progress → to_close from what is produced and consumed."""
        mo = self.records["mrp.production"][mo_id]
        if mo["state"] not in ("confirmed", "progress", "to_close"):
            return
        producing = float(mo.get("qty_producing") or 0.0)
        if producing > 0 and producing >= float(mo["product_qty"]) - 1e-9:
            mo["state"] = "to_close"
        elif producing > 0 or any(self.done_qty(m) > 0 for m in self.raw_moves(mo_id)):
            mo["state"] = "progress"
        else:
            mo["state"] = "confirmed"

    # -- cancel ---------------------------------------------------------------------------------

    def action_cancel(self, ids: Sequence[int]) -> bool:
        """Cancel MOs and their open moves; a done MO: nothing (≤18) or a UserError (19)."""
        mos = [self.existing_mo(i) for i in ids_of(ids)]
        for mo in mos:
            if mo["state"] == "done" and self.version >= 19:
                raise user_error("You cannot cancel a manufacturing order that is already done.")
        for mo in mos:
            if mo["state"] == "done":
                continue
            for move in self.raw_moves(mo["id"]) + self.finished_moves(mo["id"]):
                if move["state"] != "done":
                    self.unreserve(move)
                    move["state"] = "cancel"
            mo["state"] = "cancel"
            mo["write_date"] = self.now_text()
        return True
