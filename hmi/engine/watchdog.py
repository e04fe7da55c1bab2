"""The stall watchdog (invariant 7): one place that sees every way the line can stop.

Each refresh it gathers the facts (link states, the queue, Task 2's view of the PLC, the
acknowledgement records, report claims, task health), turns them into *conditions*
(`hmi.domain.stalls.Condition`) with their age on a monotonic clock, lets the stall table
judge them (`hmi.domain.stalls.judge`), raises and clears the alarms the table names, and
computes the line status the window shows on top. The service log repeats the line status
on each change (logger "hmi.line"); the event log gets each change of mode or stop reason.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from hmi.domain.gate import GateDecision
from hmi.domain.line_status import LineMode, LineStatus
from hmi.domain.links import LinkState, LinkStatus, utcnow
from hmi.domain.messages import Message, Param, msg, plain
from hmi.domain.model import Batch
from hmi.domain.stalls import Condition, facts, judge, line_status
from hmi.domain.states import BatchState
from hmi.engine.acks import accounted
from hmi.engine.context import EngineContext
from hmi.engine.health import Health
from hmi.engine.sync import SyncState

log = logging.getLogger("hmi.line")
#: Alarm kinds (key prefixes) this watchdog raises and clears; other kinds belong elsewhere.
OWNED_KINDS = frozenset(
    {
        "link",
        "ack",
        "orphan",
        "identity",
        "stall",
        "task",
        "claim",
        "implausible",
        "failed",
        "refused",
        "overrun",
    }
)
OWNED_KEYS = frozenset({"plc.lost", "plc.unknown"})
LINK_KEYS = {"PLC": "link.plc", "Odoo": "link.odoo", "Database": "link.db"}
LINK_CONDITIONS = {"PLC": "plc_down", "Odoo": "odoo_down", "Database": "db_down"}
IDENTITY_WORDS = 9  # batch number and MO name: the words shown with an identity mismatch


def owned(key: str) -> bool:
    """True for the alarm keys the watchdog raises and clears."""
    return key in OWNED_KEYS or key.split(".", 1)[0] in OWNED_KINDS


class Watchdog:
    """Remembers since when it sees each condition, and the line status it last said."""

    def __init__(self, ctx: EngineContext) -> None:
        self.ctx = ctx
        self._seen: dict[tuple[str, str], tuple[float, datetime]] = {}
        self._facts: dict[tuple[str, str], tuple[tuple[str, Param], ...]] = {}
        self._progress: tuple[object, ...] = ()
        self._progress_at = (time.monotonic(), utcnow())
        self.status = LineStatus()
        self._status_key: tuple[object, ...] = ()

    # -- facts -> conditions ---------------------------------------------------------------

    def _condition(
        self, name: str, key: str, seen: set[tuple[str, str]], **values: Param
    ) -> Condition:
        mark = (name, key)
        seen.add(mark)
        first = self._seen.setdefault(mark, (time.monotonic(), utcnow()))
        self._facts[mark] = facts(**values)
        return Condition(name, key, self._facts[mark], time.monotonic() - first[0], first[1])

    def observe(
        self,
        batches: Sequence[Batch],
        sync: SyncState,
        health: Health,
        links: Iterable[LinkState],
    ) -> list[Condition]:
        """Every condition the line is in now (due or not)."""
        ctx = self.ctx
        seen: set[tuple[str, str]] = set()
        out: list[Condition] = []
        add = out.append
        for state in links:
            key = LINK_KEYS.get(state.name)
            if key is None or state.status is LinkStatus.UP:
                continue
            name = msg(f"link.name.{key.split('.')[1]}")
            if state.status is LinkStatus.FAULTED and state.fault is not None:
                add(self._condition("plc_faulted", key, seen, link=name, fault=state.fault))
            else:
                error = plain(state.last_error or "not connected")
                since = state.down_since.isoformat() if state.down_since else None
                add(
                    self._condition(
                        LINK_CONDITIONS[state.name], key, seen, link=name, since=since, error=error
                    )
                )
        if ctx.blocked:
            slots = [m.get("slots") for m in ctx.blocked if m.code == "reconcile.blocked"]
            details = slots[0] if slots and isinstance(slots[0], tuple) else ctx.blocked
            add(self._condition("plc_unknown_batches", "plc.unknown", seen, details=details))
        if sync.lost:
            names = ", ".join(b.mo_name for b in sync.lost)
            add(
                self._condition(
                    "plc_lost_batches", "plc.lost", seen, count=len(sync.lost), names=names
                )
            )
        for slot, (batch, fb) in sorted(sync.mismatches.items()):
            words = " ".join(str(w) for w in fb.raw_words[:IDENTITY_WORDS])
            add(
                self._condition(
                    "identity_mismatch",
                    f"identity.{slot}",
                    seen,
                    slot=slot,
                    expected=batch.mo_name,
                    read=fb.mo_name,
                    words=words,
                )
            )
        by_id = {b.mo_id: b for b in batches}
        for mo_id, (slot, problems) in sorted(sync.implausible.items()):
            mo = by_id[mo_id].mo_name if mo_id in by_id else str(mo_id)
            add(
                self._condition(
                    "implausible",
                    f"implausible.{mo_id}",
                    seen,
                    mo=mo,
                    slot=slot,
                    problems=problems,
                )
            )
        out.extend(self._slot_conditions(batches, sync, seen))
        out.extend(self._batch_conditions(batches, sync, seen))
        for mo_id, (owner, until) in sorted(ctx.claim_waits.items()):
            mo = by_id[mo_id].mo_name if mo_id in by_id else str(mo_id)
            add(
                self._condition(
                    "claim_held",
                    f"claim.{mo_id}",
                    seen,
                    mo=mo,
                    owner=owner,
                    until=until.isoformat(),
                )
            )
        limit = ctx.settings.watchdog.task_failures
        for task in health.tasks.values():
            if task.failures >= limit:
                add(
                    self._condition(
                        "task_failing",
                        f"task.{task.name}",
                        seen,
                        task=task.name,
                        failures=task.failures,
                        error=task.last_error or plain(""),
                        kind=msg("task.kind.bug" if task.programming_error else "task.kind.link"),
                    )
                )
        out.extend(self._idle_conditions(batches, sync, out, seen))
        self._seen = {mark: when for mark, when in self._seen.items() if mark in seen}
        self._facts = {mark: kept for mark, kept in self._facts.items() if mark in seen}
        return out

    def _slot_conditions(
        self, batches: Sequence[Batch], sync: SyncState, seen: set[tuple[str, str]]
    ) -> list[Condition]:
        """Acknowledgements not reaching the PLC; finished slots the HMI has no batch for."""
        out = []
        for ack in sync.acks:
            if ack.pending:
                out.append(
                    self._condition(
                        "ack_pending",
                        f"ack.{ack.slot}",
                        seen,
                        slot=ack.slot,
                        mo=ack.mo_name,
                        attempts=ack.attempts,
                        error=plain(ack.last_error or "-"),
                    )
                )
        if not sync.feedback_ok or not self.ctx.plc.state.up:
            # keep what was seen while the PLC cannot be read (its age goes on)
            return out + self._carry(seen, ("orphan_slot",))
        acks = {ack.slot: ack for ack in sync.acks}
        names = {(b.slot, b.mo_name) for b in batches}
        for fb in sync.feedback:
            if not (fb.finished or fb.failed) or fb.read_flag or fb.slot in sync.mismatches:
                continue
            if (fb.slot, fb.mo_name) in names or accounted(fb, acks) or sync.is_stale(fb):
                continue
            words = " ".join(str(w) for w in fb.raw_words[:IDENTITY_WORDS])
            out.append(
                self._condition(
                    "orphan_slot",
                    f"orphan.{fb.slot}",
                    seen,
                    slot=fb.slot,
                    read=fb.mo_name or "-",
                    words=words,
                )
            )
        return out

    def _carry(self, seen: set[tuple[str, str]], names: tuple[str, ...]) -> list[Condition]:
        """Conditions of these kinds seen before, kept (with their age) while unobservable."""
        out = []
        for (name, key), (at, wall) in list(self._seen.items()):
            if name in names:
                seen.add((name, key))
                remembered = self._facts.get((name, key), ())
                out.append(Condition(name, key, remembered, time.monotonic() - at, wall))
        return out

    def _batch_conditions(
        self, batches: Sequence[Batch], sync: SyncState, seen: set[tuple[str, str]]
    ) -> list[Condition]:
        """Failed and refused batches, batches dosing too long, a sent batch not starting."""
        out = []
        running = any(b.state is BatchState.RUNNING for b in batches) or sync.running_slot
        lost = {b.mo_id for b in sync.lost}
        mismatched = {batch.mo_id for batch, _ in sync.mismatches.values()}
        first_sent = None
        for batch in batches:
            mo, slot = batch.mo_name, batch.slot
            if batch.state is BatchState.FAILED:
                out.append(
                    self._condition("batch_failed", f"failed.{batch.mo_id}", seen, mo=mo, slot=slot)
                )
            elif batch.state is BatchState.NEEDS_ATTENTION:
                out.append(
                    self._condition(
                        "report_refused",
                        f"refused.{batch.mo_id}",
                        seen,
                        mo=mo,
                        message=Message.from_json(batch.odoo_message or "-"),
                    )
                )
            elif batch.state is BatchState.RUNNING and batch.mo_id not in lost:
                minutes = self.ctx.settings.alarms.max_batch_min
                out.append(
                    self._condition(
                        "running_too_long",
                        f"overrun.{batch.mo_id}",
                        seen,
                        mo=mo,
                        slot=slot,
                        minutes=minutes,
                    )
                )
            elif (
                batch.state is BatchState.SENT
                and first_sent is None
                and batch.mo_id not in lost | mismatched
            ):
                first_sent = batch
        plc_idle = self.ctx.plc.state.up and sync.feedback_ok and not running
        if first_sent is not None and plc_idle:
            out.append(
                self._condition(
                    "sent_not_started",
                    "stall.sent",
                    seen,
                    mo=first_sent.mo_name,
                    slot=first_sent.slot,
                )
            )
        return out

    def _idle_conditions(
        self,
        batches: Sequence[Batch],
        sync: SyncState,
        others: list[Condition],
        seen: set[tuple[str, str]],
    ) -> list[Condition]:
        """The catch-all: a queue that does not move while the PLC is idle; a PLC never ready."""
        progress = (
            tuple((b.mo_id, b.state, tuple(ln.actual_kg for ln in b.lines)) for b in batches),
            tuple(fb.raw_words for fb in sync.feedback),
        )
        if progress != self._progress:
            self._progress = progress
            self._progress_at = (time.monotonic(), utcnow())
        plc = self.ctx.plc.state
        if others or not plc.up:
            return []
        if batches and not sync.running_slot:
            minutes = self.ctx.settings.watchdog.idle_s / 60
            age = time.monotonic() - self._progress_at[0]
            seen.add(("queue_idle", "stall.queue"))
            return [
                Condition(
                    "queue_idle",
                    "stall.queue",
                    facts(count=len(batches), minutes=round(minutes, 1)),
                    age,
                    self._progress_at[1],
                )
            ]
        if not batches and self.ctx.ready.value is False:
            minutes = self.ctx.settings.watchdog.idle_s / 60
            return [
                self._condition("plc_not_ready", "stall.ready", seen, minutes=round(minutes, 1))
            ]
        return []

    # -- conditions -> alarms and line status ----------------------------------------------

    def limits(self) -> dict[str, float]:
        """Seconds allowed per setting name the stall table uses."""
        watchdog, alarms = self.ctx.settings.watchdog, self.ctx.settings.alarms
        return {
            "fault_s": watchdog.fault_s,
            "confirm_s": watchdog.confirm_s,
            "ack_s": watchdog.ack_s,
            "start_s": watchdog.start_s,
            "idle_s": watchdog.idle_s,
            "claim_s": watchdog.claim_s,
            "link_down_s": alarms.link_down_s,
            "max_batch_s": alarms.max_batch_min * 60.0,
        }

    def update(
        self,
        batches: Sequence[Batch],
        sync: SyncState,
        health: Health,
        gate: GateDecision,
        *,
        auto_fetch: bool,
    ) -> LineStatus:
        """Judge the line now: hold the due alarms, clear the others it owns, the line status."""
        ctx = self.ctx
        links = (ctx.plc.state, ctx.odoo.state, ctx.db.state)
        verdict = judge(self.observe(batches, sync, health, links), self.limits())
        for key, message in verdict.alarms.items():
            ctx.raise_alarm(key, message)
        for key in [k for k in ctx.alarms if owned(k) and k not in verdict.alarms]:
            ctx.clear_alarm(key)
        running = None
        if sync.running_slot is not None:
            batch = next((b for b in batches if b.slot == sync.running_slot), None)
            mo = batch.mo_name if batch else "?"
            running = msg("line.running", slot=sync.running_slot, mo=mo)
        reason = idle_reason(batches, gate, auto_fetch=auto_fetch)
        status = line_status(verdict, running=running, idle_reason=reason, since=None)
        self._say(status)
        return self.status

    def _say(self, status: LineStatus) -> None:
        """Keep the status (with the time its mode and message began) and say changes."""
        key = (status.mode, status.message, status.action, status.cause)
        if key == self._status_key:
            return
        changed_mode = self._status_key[:1] != (status.mode,)
        stop_changed = status.mode is LineMode.STOPPED
        self._status_key = key
        since = status.since or utcnow()
        self.status = replace(status, since=since)
        mode = msg(f"line.mode.{status.mode.value}")
        line = (
            msg("line.status", mode=mode, message=status.message, action=status.action)
            if status.action is not None
            else msg("line.status_only", mode=mode, message=status.message)
        )
        log.log(logging.WARNING if stop_changed else logging.INFO, "%s", line)
        if changed_mode or stop_changed:
            level = "WARNING" if stop_changed else "INFO"
            self.ctx.event(level, "line", line)


def idle_reason(batches: Sequence[Batch], gate: GateDecision, *, auto_fetch: bool) -> Message:
    """What the line waits for when nothing is wrong and the PLC doses nothing."""
    finished = [b for b in batches if b.state in (BatchState.FINISHED, BatchState.REPORTED)]
    sent = [b for b in batches if b.state is BatchState.SENT]
    queued = [b for b in batches if b.state is BatchState.QUEUED]
    if sent:
        return msg("line.wait.plc_start", mo=sent[0].mo_name, slot=sent[0].slot)
    if queued:
        return msg("line.wait.plc_write", count=len(queued))
    if finished:
        return msg("line.wait.reports", count=len(finished))
    if not gate.open:
        return msg("line.wait.gate", reasons=gate.reasons)
    if not auto_fetch:
        return msg("line.wait.auto_off")
    return msg("line.wait.orders")
