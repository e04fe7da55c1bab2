"""Task 1 — fetch: check the gate, map Odoo's MOs to batches, commit, write to the PLC."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from hmi.crashpoints import crashpoint
from hmi.domain.audit import AuditNote
from hmi.domain.errors import (
    AuthenticationError,
    HmiError,
    LinkDownError,
    PlcNotReadyError,
    RefusedError,
)
from hmi.domain.mapping import (
    ByproductPolicy,
    InProgressPolicy,
    MappingRules,
    NamePolicy,
    TrackedPolicy,
    WorkorderPolicy,
    map_orders,
)
from hmi.domain.messages import Message, msg, plain
from hmi.domain.model import Batch, Refusal
from hmi.domain.states import BatchState
from hmi.domain.texts import TEXTS
from hmi.domain.users import AUTOMATIC
from hmi.engine.context import EngineContext
from hmi.engine.gate import gate_now, mark_not_ready
from hmi.engine.snapshot import FetchPreview, FetchResult

#: Pages one fetch reads at most, each a constant number of Odoo calls (bounded).
MAX_FETCH_PAGES = 5
#: The most MOs one page asks Odoo for.
MAX_PAGE = 200


async def ensure_odoo(ctx: EngineContext) -> bool:
    """Log in to Odoo if the link is down; True when it is up."""
    if ctx.odoo.state.up:
        return True
    try:
        await ctx.odoo.connect()
    except AuthenticationError as exc:
        refused = msg("engine.odoo_login_refused", error=exc.message)
        ctx.say_once("odoo.login", "ERROR", "odoo", refused)
        return False
    except LinkDownError as exc:
        ctx.say_once("odoo.login", "WARNING", "odoo", msg("odoo.offline", error=exc.message))
        return False
    ctx.last_said.pop("odoo.login", None)
    return ctx.odoo.state.up


def mapping_rules(ctx: EngineContext) -> MappingRules:
    """What the HMI accepts from Odoo now: the [batching] settings and the PLC's field limits."""
    batching = ctx.settings.batching
    return MappingRules(
        name_policy=NamePolicy(batching.name_policy),
        field_limit_kg=ctx.plc.capacity_kg,
        max_batch_kg=Decimal(repr(batching.max_batch_kg)),
        sum_tolerance_pct=Decimal(repr(batching.sum_tolerance_pct)),
        in_progress=InProgressPolicy(batching.in_progress_policy),
        tracked=TrackedPolicy(batching.tracked_policy),
        byproducts=ByproductPolicy(batching.byproduct_policy),
        workorders=WorkorderPolicy(batching.workorder_policy),
    )


@dataclass
class Candidates:
    """What one fetch found: batches to queue, and the MOs it refused or skipped as refused."""

    rules_key: str
    batches: list[Batch] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)  # mapped and refused by this fetch
    skipped: list[Refusal] = field(default_factory=list)  # remembered, unchanged: not mapped
    seen: set[int] = field(default_factory=set)  # every MO id Odoo offered
    states: dict[int, str] = field(default_factory=dict)  # MO id -> its Odoo state then
    exhausted: bool = False  # Odoo has no more open MOs than were seen

    @property
    def refusals(self) -> tuple[Refusal, ...]:
        """Every refusal the operator should see with this fetch."""
        return (*self.refused, *self.skipped)


async def _candidates(ctx: EngineContext) -> Candidates:
    """Fetch MOs page by page until the slots are full or Odoo has no more (no head-of-line
    blocking): refused MOs are skipped and the next page excludes every MO already seen.

    Each page is `fetch_orders` (a constant number of Odoo calls); at most MAX_FETCH_PAGES
    pages. A page asks for the free slots plus the remembered refusals not yet seen, so MOs
    refused before (usually the oldest) cannot fill a page by themselves; those unchanged in
    Odoo and under the same rules are skipped without being mapped again.
    """
    rules = mapping_rules(ctx)
    found = Candidates(rules_key=rules.fingerprint(ctx.equipment))
    remembered = {r.mo_id: r for r in await ctx.db.call(ctx.store.refused_orders)}
    withheld = await ctx.db.call(ctx.store.withheld_names)
    for _ in range(MAX_FETCH_PAGES):
        need = ctx.plc.slot_count - len(found.batches)
        if need <= 0:
            break
        limit = min(MAX_PAGE, need + len(remembered.keys() - found.seen) + len(withheld))
        orders = await ctx.odoo.fetch_orders(limit, exclude_ids=sorted(found.seen))
        found.seen |= {o.mo_id for o in orders}
        found.states |= {o.mo_id: o.state for o in orders}
        known = {o.mo_id: o.write_date for o in orders if o.mo_id in remembered}
        unchanged = (
            await ctx.db.call(ctx.store.unchanged_refusals, known, found.rules_key)
            if known
            else set()
        )
        found.skipped += [remembered[o.mo_id] for o in orders if o.mo_id in unchanged]
        fresh = [o for o in orders if o.mo_id not in unchanged]
        archived = await ctx.db.call(ctx.store.archived_ids, [o.mo_id for o in fresh])
        batches, refusals = map_orders(fresh, ctx.equipment, archived_ids=archived, rules=rules)
        held = [b for b in batches if b.mo_name in withheld]
        found.skipped += [_withheld(ctx, b) for b in held]
        batches = [b for b in batches if b.mo_name not in withheld]
        found.batches += batches[:need]
        found.refused += refusals
        if len(orders) < limit:
            found.exhausted = True
            break
    return found


def _withheld(ctx: EngineContext, batch: Batch) -> Refusal:
    """An MO the PLC dosed outside the queue (hmi.domain.unknown_batches): not queued, said
    once, listed with the fetch's refusals until a supervisor releases it."""
    reason = msg("fetch.withheld", mo=batch.mo_name)
    ctx.say_once(f"withheld.{batch.mo_name}", "WARNING", "fetch", reason)
    return Refusal(batch.mo_id, batch.mo_name, (reason,), None)


async def _remember(ctx: EngineContext, found: Candidates) -> None:
    """Store the refusals; warn once per new or changed refusal; forget what is gone."""
    fresh = await ctx.db.call(ctx.store.remember_refusals, found.refused, found.rules_key)
    for refusal in fresh:
        ctx.event("WARNING", "fetch", msg("mapping.not_queued", reason=refusal.reason))
    gone = {b.mo_id for b in found.batches}
    if found.exhausted:  # every open MO was seen: a remembered one not among them is closed
        stored = await ctx.db.call(ctx.store.refused_orders)
        gone |= {r.mo_id for r in stored if r.mo_id not in found.seen}
    if gone:
        await ctx.db.call(ctx.store.forget_refusals, gone)


async def preview(ctx: EngineContext) -> FetchPreview:
    """What a fetch would queue now, and what it would refuse; changes nothing."""
    gate = await gate_now(ctx)
    if not gate.open:
        return FetchPreview(batches=(), refusals=(), gate=gate)
    found = await _candidates(ctx)
    states = {b.mo_id: found.states[b.mo_id] for b in found.batches}
    return FetchPreview(tuple(found.batches), found.refusals, gate, odoo_states=states)


async def _confirmable(ctx: EngineContext, shown: FetchPreview) -> tuple[Message, ...]:
    """Nothing if Odoo still has every shown MO in the state shown, else what changed."""
    ids = [b.mo_id for b in shown.batches]
    now = await ctx.odoo.read_states(ids)
    return tuple(
        msg("fetch.mo_changed", mo=b.mo_name, state=mo_state(now.get(b.mo_id)))
        for b in shown.batches
        if now.get(b.mo_id) != shown.odoo_states.get(b.mo_id)
    )


def mo_state(state: str | None) -> Message:
    """An MO's state in Odoo as the operator reads it (Odoo's own words; None: deleted)."""
    code = f"odoo.mo_state.{state or 'deleted'}"
    return msg(code) if code in TEXTS else plain(str(state))


def assign_slots(batches: list[Batch]) -> list[Batch]:
    """Give the batches PLC slots 1..n in queue order, batch number = slot."""
    return [replace(b, slot=i, state=BatchState.QUEUED) for i, b in enumerate(batches, start=1)]


async def fill_queue(
    ctx: EngineContext, shown: FetchPreview | None = None, actor: str = AUTOMATIC
) -> FetchResult:
    """Task 1 body: gate, fetch or take what was shown, commit as queued, write PLC, mark sent."""
    gate = await gate_now(ctx)
    if not gate.open:
        kinds = Message("fetch.gate", (("codes", ",".join(r.code for r in gate.reasons)),))
        if ctx.last_said.get("fetch.gate") != kinds:  # once per change of kind, not of count
            ctx.last_said["fetch.gate"] = kinds
            ctx.event("INFO", "fetch", msg("fetch.waits", reasons=gate.reasons))
        return FetchResult(0, msg("fetch.result.skipped", reasons=gate.reasons))
    ctx.last_said.pop("fetch.gate", None)
    try:
        if shown is None:
            found = await _candidates(ctx)
        else:
            why = await _confirmable(ctx, shown)
            if why:
                ctx.event("WARNING", "fetch", msg("fetch.changed_since_preview", why=why))
                return FetchResult(0, msg("fetch.result.changed", why=why))
            withheld = await ctx.db.call(ctx.store.withheld_names)
            found = Candidates(
                rules_key=mapping_rules(ctx).fingerprint(ctx.equipment),
                batches=[b for b in shown.batches if b.mo_name not in withheld],
                refused=[r for r in shown.refusals if r.mo_name not in withheld],
            )
    except (LinkDownError, AuthenticationError, RefusedError) as exc:
        # said once per distinct error (an AccessError would otherwise repeat every tick)
        ctx.say_once("fetch.failed", "WARNING", "fetch", msg("fetch.failed", error=exc.message))
        return FetchResult(0, msg("fetch.failed", error=exc.message))
    ctx.last_said.pop("fetch.failed", None)
    await _remember(ctx, found)
    batches, refusals = found.batches, list(found.refusals)
    if not batches:
        return FetchResult(0, msg("fetch.result.none"), tuple(refusals))
    return await _commit_and_send(ctx, assign_slots(batches[: ctx.plc.slot_count]), refusals, actor)


async def _commit_and_send(
    ctx: EngineContext, batches: list[Batch], refusals: list[Refusal], actor: str
) -> FetchResult:
    """Invariant 2: commit as queued (closing the gate), then write the PLC, then mark sent.

    The fill and its audit entry (who: a person, or "automatic" for the timer) are one
    transaction; each batch carries who fetched it."""
    batches = [replace(b, fetched_by=actor) for b in batches]
    names = ", ".join(b.mo_name for b in batches)
    note = AuditNote(actor, "", "fetch", names, "", f"{len(batches)} queued")

    def fill_and_audit() -> bool:
        if not ctx.store.fill_if_empty(batches):
            return False
        ctx.store.write_audit(note)
        return True

    if not await ctx.db.call(ctx.store.atomic, fill_and_audit):
        ctx.event("INFO", "fetch", msg("fetch.filled_meanwhile"))
        return FetchResult(0, msg("fetch.filled_meanwhile"), tuple(refusals))
    ctx.event("INFO", "fetch", msg("fetch.queued", count=len(batches), actor=actor, names=names))
    crashpoint("fetch.after_commit")
    await send_queued(ctx, batches)
    queued = msg("fetch.result.queued", count=len(batches))
    return FetchResult(len(batches), queued, tuple(refusals))


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
