"""Stock in the Odoo simulator: units of measure, products, lots, stock on hand, moves and lines.

Behaviour per version, as recorded from real Odoo 16–19 (`data/odoo-recordings/`):

- Units: ≤18 `factor` is relative to the category's reference unit (kg 1, g 1000, t 0.001);
  19 `factor` is the size in the root unit (g 1, kg 1000, Ton 1 000 000).
- Reservation: a confirmed component move reserves stock in one move line; Odoo 16 leaves
  finished-product moves `confirmed` without lines, 17+ reserve them too.
- Consumed quantity: ≤16 `quantity_done` (on the move line's `qty_done`); 17+ `quantity` with
  `picked` (a move picked below its reservation becomes `partially_available`). A quantity
  written on a move without lines creates a line (no lot; Odoo 16 and 19 pick the only lot in
  stock of a lot-tracked product when the move is done, 17 and 18 refuse).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hmi.sim.odoo_orm import STORED, OdooError, Orm, user_error
from hmi.sim.odoo_schema import Field, lot_model

OPEN_MOVE = ("draft", "waiting", "confirmed", "partially_available", "assigned")


def round_to(value: float, rounding: float) -> float:
    """`value` rounded half up to a multiple of `rounding` (Odoo's float_round)."""
    step = Decimal(repr(rounding)) if rounding > 0 else Decimal("0.01")
    quantized = (Decimal(repr(float(value))) / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    return float(quantized)


class StockOrm(Orm):
    """Orm with units, products, stock on hand, stock moves and move lines."""

    def __init__(self, version: int, schema: dict[str, dict[str, Field]]) -> None:
        super().__init__(version, schema)
        self.lots_model = lot_model(version)
        #: (product id, lot id or False) -> on-hand quantity in the product's unit
        self.quants: dict[tuple[int, int | bool], float] = defaultdict(float)
        self.stock_location = 0
        self.production_location = 0
        #: Odoo 16 and 19 fill in the only lot in stock when a lot-tracked move is done
        self.auto_lot = version in (14, 16, 19)

    # -- units -------------------------------------------------------------------------------

    def uom(self, uom_id: int) -> Mapping[str, Any]:
        """The uom.uom record."""
        return self.records["uom.uom"][uom_id]

    def uom_size(self, uom_id: int) -> float:
        """How many reference (≤18) or root (19) units one `uom_id` is."""
        rec = self.uom(uom_id)
        if self.version >= 19:
            return float(self.uom_factor19(rec))
        return 1.0 / float(rec["factor"])

    def uom_factor19(self, rec: Mapping[str, Any]) -> float:
        """Odoo 19's computed `factor`: relative_factor times the parent's factor."""
        parent = rec.get("relative_uom_id")
        factor = float(rec.get("relative_factor") or 1.0)
        return factor * self.uom_factor19(self.uom(parent)) if parent else factor

    def uom_rounding(self, uom_id: int) -> float:
        """The unit's rounding precision."""
        return float(self.uom(uom_id).get("rounding") or 0.01)

    def convert(self, qty: float, from_uom: int, to_uom: int) -> float:
        """A quantity in `from_uom` expressed in `to_uom`, rounded to `to_uom`'s rounding."""
        if from_uom == to_uom or not from_uom or not to_uom:
            return float(qty)
        exact = float(qty) * self.uom_size(from_uom) / self.uom_size(to_uom)
        return round_to(exact, self.uom_rounding(to_uom))

    # -- products, stock ---------------------------------------------------------------------

    def product(self, product_id: int) -> Mapping[str, Any]:
        """The product.product record."""
        return self.records["product.product"][product_id]

    def product_by_ref(self, ref: str) -> int:
        """Product id for an internal reference; KeyError if unknown."""
        for pid, rec in self.records["product.product"].items():
            if rec.get("default_code") == ref:
                return pid
        raise KeyError(ref)

    def on_hand(self, product_id: int) -> float:
        """Stock on hand of a product (every lot), in its unit."""
        return sum(q for (pid, _lot), q in self.quants.items() if pid == product_id)

    def lots_in_stock(self, product_id: int) -> list[int]:
        """Lots of a product with stock, oldest first."""
        return sorted(
            int(lot) for (pid, lot), q in self.quants.items() if pid == product_id and lot and q > 0
        )

    # -- computed fields ---------------------------------------------------------------------

    def compute(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        """Computed fields of products, units, moves and move lines."""
        if model == "stock.move":
            return self._move_field(rec, name)
        if model == "stock.move.line":
            return self._line_field(rec, name)
        if model == "product.product" and name == "qty_available":
            return round(self.on_hand(rec["id"]), 3)
        if model == "uom.uom":
            if name == "factor" and self.version >= 19:
                return self.uom_factor19(rec)
            if name == "factor_inv":
                return 1.0 / float(rec["factor"]) if rec.get("factor") else 0.0
        return super().compute(model, rec, name)

    def _move_field(self, move: Mapping[str, Any], name: str) -> Any:
        if name == "product_qty":
            uom = self.product(move["product_id"])["uom_id"]
            return self.convert(move["product_uom_qty"], move["product_uom"], uom)
        if name == "has_tracking":
            return self.product(move["product_id"]).get("tracking") or "none"
        if name == "is_done":
            return move["state"] in ("done", "cancel")
        if name == "reserved_availability":
            return 0.0 if move["state"] == "done" else self.reserved(move)
        if name == "forecast_availability":
            if move["state"] in ("done", "cancel"):
                return 0.0
            return self.reserved(move) if self.version <= 16 else float(move["product_uom_qty"])
        if name == "should_consume_qty":
            return self.should_consume(move)
        if name == "unit_factor":
            return self.unit_factor(move)
        return STORED

    def _line_field(self, line: Mapping[str, Any], name: str) -> Any:
        if name == "state":
            move = self.records["stock.move"].get(int(line.get("move_id") or 0))
            return move["state"] if move else "draft"
        if name in ("quantity_product_uom", "reserved_qty", "product_qty"):
            source = {"quantity_product_uom": "quantity"}.get(name, self.reserved_field)
            uom = self.product(line["product_id"])["uom_id"]
            return self.convert(line.get(source) or 0.0, line["product_uom_id"], uom)
        return STORED

    @property
    def reserved_field(self) -> str:
        """The move line's reserved quantity: product_uom_qty (≤15), reserved_uom_qty (16)."""
        return "reserved_uom_qty" if self.version >= 16 else "product_uom_qty"

    def should_consume(self, move: Mapping[str, Any]) -> float:
        """mrp: what the MO's qty_producing asks of a component (0 when not producing)."""
        mo = self.records["mrp.production"].get(int(move.get("raw_material_production_id") or 0))
        if not mo or move["state"] in ("done", "cancel") or not mo.get("qty_producing"):
            return 0.0
        return round_to(
            self.unit_factor(move) * float(mo["qty_producing"]),
            self.uom_rounding(move["product_uom"]),
        )

    def unit_factor(self, move: Mapping[str, Any]) -> float:
        """mrp: demand per unit of the MO still to produce (Odoo's `unit_factor`)."""
        mo_id = move.get("raw_material_production_id") or move.get("production_id")
        mo = self.records["mrp.production"].get(int(mo_id or 0))
        if not mo:
            return 1.0
        remaining = float(mo["product_qty"]) - float(mo.get("qty_produced") or 0.0)
        return float(move["product_uom_qty"]) / (remaining or 1.0)

    # -- moves and lines -----------------------------------------------------------------------

    def lines(self, move_id: int) -> list[dict[str, Any]]:
        """The move's lines, in id order."""
        return sorted(
            (ln for ln in self.records["stock.move.line"].values() if ln["move_id"] == move_id),
            key=lambda ln: ln["id"],
        )

    def reserved(self, move: Mapping[str, Any]) -> float:
        """Reserved quantity of a move, in its unit."""
        field = self.reserved_field if self.version <= 16 else "quantity"
        return round(sum(float(ln.get(field) or 0.0) for ln in self.lines(move["id"])), 6)

    def done_qty(self, move: Mapping[str, Any]) -> float:
        """What the move consumed: quantity_done (≤16) or quantity if picked (17+)."""
        if self.version >= 17:
            return float(move.get("quantity") or 0.0) if move.get("picked") else 0.0
        return float(move.get("quantity_done") or 0.0)

    def new_line(self, move: Mapping[str, Any], reserved: float, lot: int | bool) -> int:
        """A move line for `move`: reserved (≤16) or quantity (17+) `reserved`."""
        values: dict[str, Any] = {
            "move_id": move["id"],
            "product_id": move["product_id"],
            "product_uom_id": move["product_uom"],
            "lot_id": lot,
            "lot_name": False,
            "location_id": move["location_id"],
            "location_dest_id": move["location_dest_id"],
        }
        if self.version >= 17:
            values.update(quantity=reserved, picked=False)
        else:
            values.update({"qty_done": 0.0, self.reserved_field: reserved})
        return self.new("stock.move.line", values)

    def reserve(self, move: dict[str, Any]) -> None:
        """Reserve a confirmed move: one line with all of it (production has no limit)."""
        if move["state"] not in ("confirmed", "partially_available") or self.lines(move["id"]):
            return
        demand = float(move["product_uom_qty"])
        if move["location_id"] == self.production_location:
            self.new_line(move, demand, False)
            move["state"] = "assigned"
            self._sync_quantity(move)
            return
        uom = self.product(move["product_id"])["uom_id"]
        need = self.convert(demand, move["product_uom"], uom)
        lots = self.lots_in_stock(move["product_id"]) if self._tracked(move) else [False]
        available = sum(max(self.quants[(move["product_id"], lot)], 0.0) for lot in lots)
        if available <= 0:
            return
        take = min(need, available)
        self.new_line(
            move, self.convert(take, uom, move["product_uom"]), lots[0] if lots else False
        )
        move["state"] = "assigned" if take >= need else "partially_available"
        self._sync_quantity(move)

    def unreserve(self, move: dict[str, Any]) -> None:
        """Drop the move's reservation (Odoo's do_unreserve)."""
        for line in self.lines(move["id"]):
            del self.records["stock.move.line"][line["id"]]
        if move["state"] in ("assigned", "partially_available"):
            move["state"] = "confirmed"
        self._sync_quantity(move)

    def _sync_quantity(self, move: dict[str, Any]) -> None:
        if self.version >= 17 and not move.get("picked"):
            move["quantity"] = self.reserved(move)

    def _tracked(self, move: Mapping[str, Any]) -> bool:
        return self.product(move["product_id"]).get("tracking") in ("lot", "serial")

    def set_done(self, move: dict[str, Any], quantity: float, picked: bool | None) -> None:
        """Write the consumed quantity of a move, as the UI's quantity column does."""
        if move["state"] == "cancel":
            raise user_error("You cannot change a cancelled stock move, create a new line instead.")
        lines = self.lines(move["id"])
        if not lines and quantity:
            lines = [self.records["stock.move.line"][self.new_line(move, 0.0, False)]]
        field = "quantity" if self.version >= 17 else "qty_done"
        for index, line in enumerate(lines):
            line[field] = float(quantity) if index == 0 else 0.0
            if self.version >= 17 and picked is not None:
                line["picked"] = bool(picked)
        if self.version >= 17:
            move["quantity"] = float(quantity)
            if picked is not None:
                move["picked"] = bool(picked)
            if move["state"] not in ("done", "cancel"):
                full = float(quantity) >= float(move["product_uom_qty"]) - 1e-9
                move["state"] = "assigned" if full or not quantity else "partially_available"
        else:
            move["quantity_done"] = float(quantity)

    def _single_lot(self, move: Mapping[str, Any]) -> int | bool:
        if not self._tracked(move):
            return False
        lots = self.lots_in_stock(move["product_id"])
        return lots[0] if len(lots) == 1 else False

    def check_lots(self, moves: list[dict[str, Any]]) -> None:
        """Odoo's 'You need to supply a Lot/Serial Number' before moves are done."""
        missing: list[str] = []
        for move in moves:
            if not self._tracked(move) or not self.done_qty(move):
                continue
            for line in self.lines(move["id"]):
                if line.get("lot_id") or line.get("lot_name"):
                    continue
                lot = self._single_lot(move) if self.auto_lot else False
                if lot:
                    line["lot_id"] = lot
                else:
                    missing.append(
                        self.display_name("product.product", self.product(move["product_id"]))
                    )
                    break
        if missing:
            if self.version >= 18:
                text = "You need to supply a Lot/Serial Number for product:\n- " + "\n- ".join(
                    missing
                )
            else:
                text = "You need to supply a Lot/Serial Number for product: \n - " + "\n - ".join(
                    missing
                )
            raise user_error(text)

    def post_move(self, move: dict[str, Any]) -> None:
        """Make a move done: its lines post their quantity to stock on hand."""
        quantity = self.done_qty(move)
        uom = self.product(move["product_id"])["uom_id"]
        field = "quantity" if self.version >= 17 else "qty_done"
        lines = self.lines(move["id"])
        for line in lines:
            done = self.convert(float(line.get(field) or 0.0), line["product_uom_id"], uom)
            key = (move["product_id"], line.get("lot_id") or False)
            if move["location_id"] == self.stock_location:
                self.quants[key] -= done
            if move["location_dest_id"] == self.stock_location:
                self.quants[key] += done
            if self.version <= 16:
                line[self.reserved_field] = 0.0
            else:
                line["picked"] = True
        if quantity <= 0:
            move["state"] = "cancel"
            return
        move["state"] = "done"
        if self.version >= 17:
            move["picked"] = True

    def display_name(self, model: str, rec: Mapping[str, Any]) -> str:
        """Names as Odoo shows them: "[CODE] Product", "CODE: Stock>Production", …"""
        if model == "product.product":
            code = rec.get("default_code")
            return f"[{code}] {rec['name']}" if code else str(rec["name"])
        if model == "stock.move":
            return self._move_label(rec)
        if model == "stock.move.line":
            move = self.records["stock.move"].get(int(rec.get("move_id") or 0))
            return self._move_label(move) if move else f"stock.move.line,{rec['id']}"
        return super().display_name(model, rec)

    def _move_label(self, move: Mapping[str, Any]) -> str:
        code = self.product(move["product_id"]).get("default_code")
        source = self.records["stock.location"][move["location_id"]]["name"]
        dest = self.records["stock.location"][move["location_dest_id"]]["name"]
        return f"{code + ': ' if code else ''}{source}>{dest}"

    def check_move_write(self, move: Mapping[str, Any], vals: Mapping[str, Any]) -> None:
        """Odoo refuses to change the quantities of a cancelled move."""
        touched = {"quantity", "quantity_done", "picked", "product_uom_qty"} & set(vals)
        if move["state"] == "cancel" and touched:
            raise user_error("You cannot change a cancelled stock move, create a new line instead.")

    def unlink_move(self, move_id: int) -> None:
        """Delete a component move: 16 allows it only for draft/cancelled moves (recorded)."""
        move = self.records["stock.move"].get(move_id)
        if move is None:
            return
        if self.version <= 16 and move["state"] not in ("draft", "cancel"):
            raise user_error("You can only delete draft or cancelled moves.")
        for line in self.lines(move_id):
            del self.records["stock.move.line"][line["id"]]
        del self.records["stock.move"][move_id]

    def require(self, condition: bool, message: str) -> None:
        """Raise a UserError unless `condition`."""
        if not condition:
            raise OdooError(message)
