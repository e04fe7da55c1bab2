"""The gate, end to end: when the queue may be refilled from Odoo, and who checks what when.

The rule (invariant 1, `hmi.domain.gate.decide_gate`): new batches enter `mo_batch` only
when

1. `mo_batch` is empty (every batch reported and archived, or cancelled),
2. every finished slot's acknowledgement reached the PLC (no pending `plc_ack`),
3. no supervisor decision is outstanding (the PLC holds batches the database does not
   know: start-up reconciliation),
4. the PLC link answers normally (up, not FAULTED) and its ready flag reads 1 (a flag
   that cannot be read is "unreadable", never "not ready"),
5. Odoo and the database are up.

Who checks what, in order, during a fill (`hmi.engine.fetch.fill_queue`):

- `gate_now` reads the queue size, the pending acknowledgements and the ready flag fresh
  and decides; a closed gate skips the fill and says why (once per change);
- Odoo is asked for MOs (up to four calls: this takes time, the PLC may change meanwhile);
- the store's `fill_if_empty` inserts the batches as `queued` only if `mo_batch` is still
  empty, in one transaction that excludes every other writer (SQLite BEGIN IMMEDIATE,
  PostgreSQL LOCK TABLE): two panels or a timer and a button can never both fill;
- the PLC link's `write_batches` reads the ready flag again under the link's lock right
  before it writes the first word, and refuses (PlcNotReadyError, nothing written) if the
  PLC dropped it; the committed batches then stay `queued` and are resumed by Task 2.

This module owns the gate's PLC input: the last reading of the ready flag (`ReadyReading`,
with its age). Nothing else keeps a copy of it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hmi.domain.errors import HmiError, LinkDownError
from hmi.domain.gate import GateDecision, GateInputs, decide_gate

if TYPE_CHECKING:
    from hmi.engine.context import EngineContext


@dataclass(frozen=True)
class ReadyReading:
    """The PLC's ready flag as last read: True/False, or None when it could not be read."""

    value: bool | None = None
    at: float = float("-inf")  # time.monotonic() of the reading

    @property
    def ready(self) -> bool:
        """True only when the flag was read and is 1."""
        return self.value is True


async def read_ready(ctx: EngineContext) -> bool | None:
    """Read the PLC's ready flag now and keep the reading: True, False, or None when the PLC
    refused the read or did not answer (unreadable, which is not "not ready")."""
    try:
        value: bool | None = await ctx.plc.read_ready()
    except HmiError:
        value = None
    ctx.ready = ReadyReading(value, time.monotonic())
    return value


def mark_not_ready(ctx: EngineContext) -> None:
    """The HMI just cleared the ready flag itself (batches written)."""
    ctx.ready = ReadyReading(False, time.monotonic())


def inputs(ctx: EngineContext, queued: int, *, db_up: bool = True) -> GateInputs:
    """The gate's inputs from the queue size and what the engine knows now (no I/O)."""
    plc = ctx.plc.state
    return GateInputs(
        queued_batches=queued,
        plc_up=plc.up,
        plc_ready=ctx.ready.value,
        odoo_up=ctx.odoo.state.up,
        db_up=db_up and ctx.db.state.up,
        plc_fault=plc.fault,
        pending_acks=ctx.pending_acks,
        blocked=ctx.blocked,
    )


def gate_view(ctx: EngineContext, queued: int) -> GateDecision:
    """The gate as the engine knows it now (for snapshots: no I/O)."""
    return decide_gate(inputs(ctx, queued))


async def gate_now(ctx: EngineContext) -> GateDecision:
    """Gather the gate's inputs fresh (queue size, acknowledgements, ready flag, Odoo login
    when the queue is empty) and decide."""
    from hmi.engine.fetch import ensure_odoo  # fetch imports this module

    try:
        queued = await ctx.db.call(ctx.store.count)
        acks = await ctx.db.call(ctx.store.slot_acks)
        ctx.pending_acks = sum(1 for ack in acks if ack.pending)
        db_up = True
    except LinkDownError:
        queued, db_up = 0, False
    await read_ready(ctx)
    if queued == 0 and db_up:
        await ensure_odoo(ctx)
    return decide_gate(inputs(ctx, queued, db_up=db_up))
