"""Task 1 — fetch: check the gate, map Odoo's MOs to batches, commit, write to the PLC."""

from __future__ import annotations

from dataclasses import replace

from hmi.crashpoints import crashpoint
from hmi.domain.errors import (
    AuthenticationError,
    HmiError,
    LinkDownError,
    PlcNotReadyError,
    RefusedError,
)
from hmi.domain.mapping import NamePolicy, map_orders
from hmi.domain.messages import Message, msg
from hmi.domain.model import Batch, ManufacturingOrder, Refusal
from hmi.domain.states import BatchState
from hmi.engine.context import EngineContext
from hmi.engine.gate import gate_now, mark_not_ready
from hmi.engine.snapshot import FetchPreview, FetchResult

#: Rounds of re-fetching when Odoo offers MOs already archived here (kept constant).
MAX_FETCH_ROUNDS = 3


async def ensure_odoo(ctx: EngineContext) -> bool:
    """Log in to Odoo if the link is down; True when it is up."""
    if ctx.odoo.state.up:
        return True
    try:
        await ctx.odoo.connect()
    except AuthenticationError as exc:
        ctx.say_once("odoo.login", "ERROR", "odoo", msg("odoo.login_refused", error=exc.message))
        return False
    except LinkDownError as exc:
        ctx.say_once("odoo.login", "WARNING", "odoo", msg("odoo.offline", error=exc.message))
        return False
    ctx.last_said.pop("odoo.login", None)
    return ctx.odoo.state.up


async def _candidates(ctx: EngineContext) -> tuple[list[ManufacturingOrder], set[int]]:
    """Fetch up to N MOs, skipping those already archived here (invariant 4)."""
    limit = ctx.plc.slot_count
    excluded: set[int] = set()
    orders: list[ManufacturingOrder] = []
    for _ in range(MAX_FETCH_ROUNDS):
        orders = await ctx.odoo.fetch_orders(limit, exclude_ids=sorted(excluded))
        archived = await ctx.db.call(ctx.store.archived_ids, [o.mo_id for o in orders])
        if not archived:
            break
        excluded |= archived
    orders = [o for o in orders if o.mo_id not in excluded]
    return orders, excluded


def _map(ctx: EngineContext, orders: list[ManufacturingOrder]) -> tuple[list[Batch], list[Refusal]]:
    """Map and validate MOs with the configured equipment table and policies."""
    batching = ctx.settings.batching
    return map_orders(
        orders,
        ctx.equipment,
        name_policy=NamePolicy(batching.name_policy),
    )


async def preview(ctx: EngineContext) -> FetchPreview:
    """What a fetch would queue now, and what it would refuse; changes nothing."""
    gate = await gate_now(ctx)
    if not gate.open:
        return FetchPreview(batches=(), refusals=(), gate=gate)
    orders, _ = await _candidates(ctx)
    batches, refusals = _map(ctx, orders)
    states = {o.mo_id: o.state for o in orders}
    return FetchPreview(tuple(batches), tuple(refusals), gate, odoo_states=states)


async def _confirmable(ctx: EngineContext, shown: FetchPreview) -> str:
    """Empty string if Odoo still has every shown MO in the state shown, else why not."""
    ids = [b.mo_id for b in shown.batches]
    now = await ctx.odoo.read_states(ids)
    changed = [
        msg("fetch.mo_changed", mo=b.mo_name, state=now.get(b.mo_id, "deleted"))
        for b in shown.batches
        if now.get(b.mo_id) != shown.odoo_states.get(b.mo_id)
    ]
    return "; ".join(str(m) for m in changed)


def assign_slots(batches: list[Batch]) -> list[Batch]:
    """Give the batches PLC slots 1..n in queue order, batch number = slot."""
    return [replace(b, slot=i, state=BatchState.QUEUED) for i, b in enumerate(batches, start=1)]


async def fill_queue(
    ctx: EngineContext, shown: FetchPreview | None = None, actor: str = "timer"
) -> FetchResult:
    """Task 1 body: gate, fetch or take what was shown, commit as queued, write PLC, mark sent."""
    gate = await gate_now(ctx)
    if not gate.open:
        kinds = Message("fetch.gate", (("codes", ",".join(r.code for r in gate.reasons)),))
        if ctx.last_said.get("fetch.gate") != kinds:  # once per change of kind, not of count
            ctx.last_said["fetch.gate"] = kinds
            ctx.event("INFO", "fetch", msg("fetch.waits", reasons=gate.reasons))
        return FetchResult(0, f"Fetch skipped: {gate.reason}")
    ctx.last_said.pop("fetch.gate", None)
    try:
        if shown is None:
            orders, _ = await _candidates(ctx)
            batches, refusals = _map(ctx, orders)
        else:
            why = await _confirmable(ctx, shown)
            if why:
                ctx.event("WARNING", "fetch", msg("fetch.changed_since_preview", why=why))
                return FetchResult(0, f"Odoo changed since the preview: {why}. Fetch again.")
            batches, refusals = list(shown.batches), list(shown.refusals)
    except (LinkDownError, AuthenticationError, RefusedError) as exc:
        # said once per distinct error (an AccessError would otherwise repeat every tick)
        ctx.say_once("fetch.failed", "WARNING", "fetch", msg("fetch.failed", error=exc.message))
        return FetchResult(0, f"Fetch failed: {exc}")
    ctx.last_said.pop("fetch.failed", None)
    for refusal in refusals:
        ctx.say_once(
            f"refused.{refusal.mo_id}",
            "WARNING",
            "fetch",
            msg("fetch.not_queued", mo=refusal.mo_name, reason=refusal.reason),
        )
    if not batches:
        return FetchResult(0, "No manufacturing order to queue", tuple(refusals))
    return await _commit_and_send(ctx, assign_slots(batches[: ctx.plc.slot_count]), refusals, actor)


async def _commit_and_send(
    ctx: EngineContext, batches: list[Batch], refusals: list[Refusal], actor: str
) -> FetchResult:
    """Invariant 2: commit as queued (closing the gate), then write the PLC, then mark sent."""
    if not await ctx.db.call(ctx.store.fill_if_empty, batches):
        ctx.event("INFO", "fetch", msg("fetch.filled_meanwhile"))
        return FetchResult(0, "The queue was filled meanwhile", tuple(refusals))
    names = ", ".join(b.mo_name for b in batches)
    ctx.event("INFO", "fetch", msg("fetch.queued", count=len(batches), actor=actor, names=names))
    if actor != "timer":
        await ctx.db.call(ctx.store.audit, actor, "fetch", names, "", f"{len(batches)} queued")
    crashpoint("fetch.after_commit")
    await send_queued(ctx, batches)
    return FetchResult(len(batches), f"Queued {len(batches)} batches", tuple(refusals))


async def send_queued(ctx: EngineContext, batches: list[Batch]) -> bool:
    """Write committed batches to the PLC and mark them sent; on failure they stay queued.

    The link re-reads the ready flag under its lock right before writing (hmi.engine.gate)."""
    try:
        await ctx.plc.write_batches(batches)
    except PlcNotReadyError as exc:
        mark_not_ready(ctx)
        ctx.say_once("plc.write", "WARNING", "plc", msg("plc.write_waits", error=exc.message))
        return False
    except HmiError as exc:
        ctx.say_once("plc.write", "WARNING", "plc", msg("plc.write_failed", error=exc.message))
        return False
    crashpoint("fetch.after_plc_write")
    await ctx.db.call(ctx.store.set_many_state, [b.mo_id for b in batches], BatchState.SENT)
    mark_not_ready(ctx)
    ctx.last_said.pop("plc.write", None)
    ctx.event("INFO", "plc", msg("plc.written", count=len(batches)))
    return True
