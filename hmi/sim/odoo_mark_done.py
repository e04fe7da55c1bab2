"""`button_mark_done` and its wizards in the Odoo simulator, version by version.

As real Odoo 16–19 servers answered (`data/odoo-recordings/`):

- Nothing produced or consumed: 16 returns the immediate-production wizard (`process` sets the
  planned quantities and closes); 17+ set them itself and close at once (`True`).
- Consumption differing from the BoM (consumption 'warning' or 'strict'): the
  consumption-warning wizard; its `action_confirm` closes the MO with the written quantities
  for 'strict' BoMs too (only Odoo's web UI hides that button). 'flexible': no question.
- Less produced than planned: the backorder wizard; `action_close_mo` closes (16 lowers the
  MO's quantity and cancels the rest, 17+ keep it), `action_backorder` renames the MO …-001
  and creates …-002 for the rest.
- Odoo does not check the MO's state: a done MO gets the consumption question again, a
  cancelled one the immediate-production (16) or consumption (17+) wizard.
- 16 sets a component's demand to what was consumed when it is done; 17+ keep the demand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from hmi.sim.odoo_actions import (
    BACKORDER_WIZARD,
    CONSUMPTION_WIZARD,
    IMMEDIATE_WIZARD,
    backorder_opened,
    wizard_action,
)
from hmi.sim.odoo_mrp import MrpOrm
from hmi.sim.odoo_orm import ids_of, user_error
from hmi.sim.odoo_stock import round_to


class ProductionOrm(MrpOrm):
    """MrpOrm with mark-done, its wizards, backorders and posting to stock."""

    def button_mark_done(self, ids: Sequence[int], context: Mapping[str, Any]) -> Any:
        """Odoo's button_mark_done: a wizard action, or True once the MOs are done."""
        self.check_access("mrp.production")
        mos = [self.existing_mo(i) for i in ids_of(ids)]
        for mo in mos:
            if mo["id"] in self.report_refusals:
                raise user_error(self.report_refusals[mo["id"]])
        ctx = dict(context)
        if self.version <= 16:
            ctx.setdefault("button_mark_done_production_ids", [mo["id"] for mo in mos])
            if not ctx.get("skip_immediate"):
                immediate = [mo for mo in mos if self._nothing_done(mo)]
                if immediate:
                    defaults = {"default_mo_ids": [[4, mo["id"]] for mo in immediate]}
                    return wizard_action(self.version, IMMEDIATE_WIZARD, {**ctx, **defaults})
        else:
            for mo in mos:
                self._set_quantities(mo)
        action = self._questions(mos, ctx)
        if action is not None:
            return action
        return self._mark_done(mos, ctx)

    def _nothing_done(self, mo: Mapping[str, Any]) -> bool:
        return not mo.get("qty_producing") and not any(
            self.done_qty(m) for m in self.raw_moves(mo["id"])
        )

    def _set_quantities(self, mo: dict[str, Any]) -> None:
        """17+: nothing entered means the planned quantities, all picked."""
        open_moves = [m for m in self.raw_moves(mo["id"]) if m["state"] not in ("done", "cancel")]
        if not mo.get("qty_producing"):
            mo["qty_producing"] = float(mo["product_qty"]) - float(mo.get("qty_produced") or 0.0)
            for move in open_moves:
                self.set_done(move, self.should_consume(move), None)
        if open_moves and not any(m.get("picked") for m in open_moves):
            for move in open_moves:
                self.set_done(move, float(move.get("quantity") or 0.0), True)
        self.recompute_state(mo["id"])

    def _questions(self, mos: list[dict[str, Any]], ctx: dict[str, Any]) -> Any:
        """The wizard to ask next, or None."""
        if not ctx.get("skip_consumption"):
            issues = [line for mo in mos for line in self.consumption_issues(mo)]
            if issues:
                defaults = {
                    "default_mrp_production_ids": [mo["id"] for mo in mos],
                    "default_mrp_consumption_warning_line_ids": [[0, 0, i] for i in issues],
                    "form_view_ref": False,
                }
                return wizard_action(self.version, CONSUMPTION_WIZARD, {**ctx, **defaults})
        if not ctx.get("skip_backorder"):
            short = [mo for mo in mos if self._short(mo)]
            if short:
                backorder: dict[str, Any] = {}
                if self.version >= 18:
                    backorder["always_backorder_mo_ids"] = []
                backorder["default_mrp_production_ids"] = [mo["id"] for mo in mos]
                backorder["default_mrp_production_backorder_line_ids"] = [
                    [0, 0, {"mrp_production_id": mo["id"], "to_backorder": True}] for mo in short
                ]
                return wizard_action(self.version, BACKORDER_WIZARD, {**ctx, **backorder})
        return None

    def _short(self, mo: Mapping[str, Any]) -> bool:
        if mo["state"] in ("done", "cancel"):
            return False
        rounding = self.uom_rounding(mo["product_uom_id"])
        return float(mo.get("qty_producing") or 0.0) < float(mo["product_qty"]) - rounding / 2

    def consumption_issues(self, mo: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Components consumed differently from the BoM for the quantity being produced."""
        if mo.get("consumption") == "flexible" or not mo.get("bom_id"):
            return []
        bom = self.records["mrp.bom"][mo["bom_id"]]
        producing = self.convert(
            mo.get("qty_producing") or 0.0, mo["product_uom_id"], bom["product_uom_id"]
        )
        expected: dict[int, float] = defaultdict(float)
        for line in self.bom_lines(bom["id"]):
            uom = self.product(line["product_id"])["uom_id"]
            qty = float(line["product_qty"]) * producing / float(bom["product_qty"])
            expected[line["product_id"]] += self.convert(qty, line["product_uom_id"], uom)
        done: dict[int, float] = defaultdict(float)
        for move in self.raw_moves(mo["id"]):
            uom = self.product(move["product_id"])["uom_id"]
            done[move["product_id"]] += self.convert(self.done_qty(move), move["product_uom"], uom)
        issues = []
        for pid in sorted(set(expected) | set(done)):
            uom = self.product(pid)["uom_id"]
            rounding = self.uom_rounding(uom)
            if (
                abs(round_to(done[pid], rounding) - round_to(expected[pid], rounding))
                < rounding / 2
            ):
                continue
            issues.append(
                {
                    "mrp_production_id": mo["id"],
                    "product_id": pid,
                    "consumption": mo["consumption"],
                    "product_uom_id": uom,
                    "product_consumed_qty_uom": round_to(done[pid], rounding),
                    "product_expected_qty_uom": round_to(expected[pid], rounding),
                }
            )
        return issues

    # -- closing ----------------------------------------------------------------------------------

    def _mark_done(self, mos: list[dict[str, Any]], ctx: Mapping[str, Any]) -> Any:
        todo = [mo for mo in mos if mo["state"] not in ("done", "cancel")]
        for mo in todo:
            self.check_lots(self.raw_moves(mo["id"]))
        to_backorder = set(ctx.get("mo_ids_to_backorder") or [])
        backorders = []
        for mo in todo:
            short = self._short(mo)
            ratio = float(mo.get("qty_producing") or 0.0) / float(mo["product_qty"] or 1.0)
            backorder = short and mo["id"] in to_backorder
            if backorder:
                backorders.append(self.split_backorder(mo))
            self.post_production(mo, ratio, backorder=backorder)
            if short and not backorder and self.version <= 16:
                mo["product_qty"] = float(mo["qty_producing"])  # 16 lowers the MO (recorded)
        if backorders:
            return backorder_opened(self.version, backorders[0])
        return True

    def post_production(self, mo: dict[str, Any], ratio: float, *, backorder: bool) -> None:
        """Post consumption and production to stock; the MO is done."""
        producing = float(mo.get("qty_producing") or 0.0)
        for move in self.raw_moves(mo["id"]):
            if move["state"] in ("done", "cancel"):
                continue
            self._settle_demand(move, self.done_qty(move), backorder)
            self.post_move(move)
        for move in self.finished_moves(mo["id"]):
            if move["state"] in ("done", "cancel"):
                continue
            qty = producing
            if move.get("byproduct_id"):
                rounding = self.uom_rounding(move["product_uom"])
                qty = round_to(float(move["product_uom_qty"]) * ratio, rounding)
            if self.version <= 16 and not self.lines(move["id"]):
                self.new_line(move, 0.0, False)
            self.set_done(move, qty, True if self.version >= 17 else None)
            self._settle_demand(move, qty, backorder)
            self.post_move(move)
        self.postings[mo["id"]] = self.postings.get(mo["id"], 0) + 1
        mo["qty_produced"] = float(mo.get("qty_produced") or 0.0) + producing
        mo["state"] = "done"
        mo["date_finished"] = self.now_text()
        mo["write_date"] = self.now_text()

    def _settle_demand(self, move: dict[str, Any], done: float, backorder: bool) -> None:
        """The demand of a move being done: 16 sets it to what was done (a shortfall without
        backorder becomes a cancelled move); 17+ keep it unless a backorder takes the rest."""
        demand = float(move["product_uom_qty"])
        if done < demand - 1e-9 and done > 0:
            if backorder or self.version <= 16:
                if self.version <= 16 and not backorder:
                    self._split_rest(move, done)
                move["product_uom_qty"] = done
        elif done > demand + 1e-9 and self.version <= 16:
            move["product_uom_qty"] = done

    def _split_rest(self, move: dict[str, Any], consumed: float) -> None:
        """16: the unconsumed rest of a component becomes a cancelled move of the same MO."""
        rest = round_to(
            float(move["product_uom_qty"]) - consumed, self.uom_rounding(move["product_uom"])
        )
        if rest <= 0 or not consumed:
            return
        values = {k: v for k, v in move.items() if k != "id"}
        values.update(product_uom_qty=rest, state="cancel", quantity_done=0.0)
        self.new("stock.move", values)

    def split_backorder(self, mo: dict[str, Any]) -> int:
        """Rename the MO …-001 and create the backorder …-002 for the rest; its id."""
        remaining = float(mo["product_qty"]) - float(mo["qty_producing"])
        base = mo["name"].rsplit("-", 1)[0] if mo["backorder_sequence"] else mo["name"]
        sequence = max(int(mo["backorder_sequence"]), 1)
        mo["name"], mo["backorder_sequence"] = f"{base}-{sequence:03d}", sequence
        if self.version <= 18:
            for move in self.raw_moves(mo["id"]) + self.finished_moves(mo["id"]):
                move["name"] = mo["name"]
        if self.version <= 18:
            self.records["procurement.group"][mo["procurement_group_id"]]["name"] = base
        new_id = self.create_production(
            mo["product_id"],
            mo["bom_id"],
            remaining,
            self.clock(),
            name=f"{base}-{sequence + 1:03d}",
            picking_type_id=mo["picking_type_id"],
            uom_id=mo["product_uom_id"],
            group_id=mo.get("procurement_group_id"),
            finished_first=self.version >= 18,
        )
        self.records["mrp.production"][new_id]["backorder_sequence"] = sequence + 1
        mo["product_qty"] = float(mo["qty_producing"])
        return new_id

    # -- wizards ----------------------------------------------------------------------------------

    def wizard_productions(self, model: str, wizard_id: int) -> list[int]:
        """The MO ids a wizard record is about."""
        rec = self.records[model].get(wizard_id)
        if rec is None:
            from hmi.sim.odoo_orm import OdooError, missing_text

            raise OdooError(
                missing_text(model, wizard_id, self.uid), "odoo.exceptions.MissingError"
            )
        return list(rec.get("mo_ids" if model == IMMEDIATE_WIZARD else "mrp_production_ids") or [])

    def wizard_button(
        self, model: str, method: str, ids: Sequence[int], context: Mapping[str, Any]
    ) -> Any:
        """A wizard button: consumption (action_confirm, action_set_qty, action_cancel),
        backorder (action_close_mo, action_backorder) or immediate production (process)."""
        self.check_access(model)
        wizard_ids = ids_of(ids)
        mo_ids = [mo for w in wizard_ids for mo in self.wizard_productions(model, w)]
        ctx = {k: v for k, v in context.items() if not k.startswith("default_")}
        if method == "action_cancel":
            return {"type": "ir.actions.act_window_close"}
        if method == "action_set_qty":
            self._set_expected(wizard_ids)
        if model == CONSUMPTION_WIZARD:
            ctx["skip_consumption"] = True
        elif model == BACKORDER_WIZARD:
            ctx["skip_backorder"] = True
            lines = self.records["mrp.production.backorder.line"].values()
            ctx["mo_ids_to_backorder"] = (
                [
                    ln["mrp_production_id"]
                    for ln in lines
                    if ln.get("mrp_production_backorder_id") in wizard_ids
                    and ln.get("to_backorder")
                ]
                if method == "action_backorder"
                else []
            )
        elif model == IMMEDIATE_WIZARD:
            for mo_id in mo_ids:
                self._immediate(self.records["mrp.production"][mo_id])
            ctx["skip_immediate"] = True
        targets = ctx.get("button_mark_done_production_ids") or mo_ids
        return self.button_mark_done(targets, ctx)

    def _immediate(self, mo: dict[str, Any]) -> None:
        mo["qty_producing"] = float(mo["product_qty"]) - float(mo.get("qty_produced") or 0.0)
        for move in self.raw_moves(mo["id"]):
            if move["state"] not in ("done", "cancel"):
                self.set_done(move, self.should_consume(move), None)
        self.recompute_state(mo["id"])

    def _set_expected(self, wizard_ids: list[int]) -> None:
        for line in list(self.records["mrp.consumption.warning.line"].values()):
            if line.get("mrp_consumption_warning_id") not in wizard_ids:
                continue
            moves = [
                m
                for m in self.raw_moves(line["mrp_production_id"])
                if m["product_id"] == line["product_id"]
            ]
            for index, move in enumerate(moves):
                qty = self.convert(
                    line["product_expected_qty_uom"], line["product_uom_id"], move["product_uom"]
                )
                self.set_done(
                    move, qty if index == 0 else 0.0, True if self.version >= 17 else None
                )

    def planned(self, mo: Mapping[str, Any]) -> datetime:
        """The MO's planned start as an aware datetime."""
        from datetime import UTC

        return datetime.strptime(str(mo[self.planned_start_field]), "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=UTC
        )
