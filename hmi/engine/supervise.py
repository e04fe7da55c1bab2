"""Alarms on conditions the tasks do not see themselves: links down too long, batches too slow,
materials dosed beyond tolerance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from hmi.domain.alarms import batch_key, deviations
from hmi.domain.links import LinkState
from hmi.domain.model import Batch
from hmi.domain.states import BatchState
from hmi.engine.context import EngineContext

#: LinkState.name → the key of its "down too long" alarm
LINK_KEYS = {"PLC": "link.plc", "Odoo": "link.odoo", "Database": "link.db"}


def check_links(ctx: EngineContext, links: Iterable[LinkState], now: datetime) -> None:
    """Raise an alarm for each link down longer than the setting; clear it once up."""
    limit = timedelta(seconds=ctx.settings.alarms.link_down_s)
    for state in links:
        key = LINK_KEYS.get(state.name)
        if key is None:
            continue
        if not state.up and state.down_since is not None and now - state.down_since > limit:
            since = state.down_since.astimezone().strftime("%H:%M:%S")
            why = f": {state.last_error}" if state.last_error else ""
            ctx.raise_alarm(key, f"{state.name} link down since {since}{why}")
        else:
            ctx.clear_alarm(key)


def check_overrun(ctx: EngineContext, batches: Iterable[Batch], now: datetime) -> None:
    """Raise an alarm for a batch dosing longer than the setting; clear it when it stops."""
    limit = timedelta(minutes=ctx.settings.alarms.max_batch_min)
    running = set()
    for batch in batches:
        key = batch_key("overrun", batch.mo_id)
        if batch.state is BatchState.RUNNING and batch.started_at is not None:
            running.add(key)
            took = now - batch.started_at
            if took > limit:
                minutes = took.total_seconds() / 60
                ctx.raise_alarm(
                    key,
                    f"Batch {batch.mo_name} (slot {batch.slot}) is dosing for {minutes:.1f} min, "
                    f"longer than {ctx.settings.alarms.max_batch_min:g} min",
                )
    for key in [k for k in ctx.alarms if k.startswith("overrun.") and k not in running]:
        ctx.clear_alarm(key)


def check_tolerance(ctx: EngineContext, batch: Batch) -> None:
    """After a batch finished: an alarm naming each material outside the dosing tolerance."""
    tolerance = ctx.settings.batching.tolerance_pct
    found = deviations(
        ((ln.equipment_id, ln.product_ref, ln.planned_kg, ln.actual_kg) for ln in batch.lines),
        tolerance,
    )
    key = batch_key("tolerance", batch.mo_id)
    if not found:
        ctx.clear_alarm(key)
        return
    ctx.raise_alarm(
        key,
        f"Batch {batch.mo_name} dosed beyond the ±{tolerance:g} % tolerance: "
        + "; ".join(d.describe() for d in found),
    )
