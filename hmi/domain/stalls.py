"""The stall rules (invariant 7): for each batch state and link state, the progress expected
of it within a configured time, and what is said and done when that progress does not come.

Pure data and pure functions. The engine's watchdog (`hmi.engine.watchdog`) observes the
line each refresh and reports each *condition* it sees (a batch sent but not started while
the PLC is idle, a link faulted, an acknowledgement that has not reached the PLC, …) with
the moment it first saw it. This module decides, from the table `RULES`:

- while a condition is younger than its rule's time, the line is WAITING for the expected
  progress (`expects`);
- once it is older, the rule's alarm is raised (key kind `alarm`, the operator sentence
  `message` with the condition's facts) and the line is STOPPED, with `action` saying what
  resolves it (ISA-18.2: every alarm has a defined response) and `command` naming the
  supervised recovery command, if there is one;
- when the condition is gone, the alarm clears (the alarm kind decides whether it latches).

`within` names a setting of `[watchdog]` (or `[alarms]`), read by the engine: seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from hmi.domain.line_status import LineMode, LineStatus
from hmi.domain.messages import Message, Param, msg


@dataclass(frozen=True)
class StallRule:
    """The progress expected of one condition, and what to say and do when it does not come."""

    condition: str  # what the watchdog observes (see the table)
    subject: str  # the batch state or link state it concerns, for the integrator
    expects: str  # message code: the progress expected (shown while WAITING)
    within: str  # name of the setting giving the time allowed, in seconds ("" = at once)
    alarm: str  # alarm key kind (hmi.domain.alarms.ALARM_KINDS); "" = no alarm
    message: str  # message code: what is wrong (the condition's facts as parameters)
    action: str  # message code: what to do (the response; shown with the alarm)
    command: str = ""  # hmi.domain.roles.Command value of the supervised recovery, if any
    rank: int = 50  # which stop the line status names first (lower first)


#: The stall table. Each condition the watchdog can report has exactly one row.
RULES: tuple[StallRule, ...] = (
    StallRule(
        "plc_unknown_batches",
        "PLC write/feedback area",
        "stall.expect.supervisor",
        "",
        "plc",
        "stall.plc_unknown",
        "action.resolve_unknown",
        "resolve unknown PLC batches",
        5,
    ),
    StallRule(
        "plc_faulted",
        "PLC link FAULTED",
        "stall.expect.plc_answers",
        "fault_s",
        "link",
        "stall.plc_faulted",
        "action.plc_faulted",
        "",
        10,
    ),
    StallRule(
        "plc_down",
        "PLC link DOWN",
        "stall.expect.plc_link",
        "link_down_s",
        "link",
        "stall.link_down",
        "action.plc_down",
        "",
        11,
    ),
    StallRule(
        "db_down",
        "database DOWN",
        "stall.expect.db_link",
        "link_down_s",
        "link",
        "stall.link_down",
        "action.db_down",
        "",
        12,
    ),
    StallRule(
        "plc_lost_batches",
        "sent + PLC ready with an empty write area",
        "stall.expect.plc_start",
        "confirm_s",
        "plc",
        "stall.plc_lost",
        "action.resend",
        "resend batches",
        15,
    ),
    StallRule(
        "identity_mismatch",
        "sent/running, feedback of another MO",
        "stall.expect.plc_start",
        "confirm_s",
        "identity",
        "stall.identity",
        "action.identity",
        "",
        18,
    ),
    StallRule(
        "implausible",
        "running/finished with implausible values",
        "stall.expect.supervisor",
        "",
        "implausible",
        "stall.implausible",
        "action.implausible",
        "decide implausible values",
        20,
    ),
    StallRule(
        "orphan_slot",
        "feedback finished, no batch",
        "stall.expect.supervisor",
        "confirm_s",
        "orphan",
        "stall.orphan",
        "action.orphan",
        "acknowledge PLC slot",
        22,
    ),
    StallRule(
        "ack_pending",
        "finished/failed, acknowledgement not taken",
        "stall.expect.ack",
        "ack_s",
        "ack",
        "stall.ack",
        "action.ack",
        "",
        25,
    ),
    StallRule(
        "batch_failed",
        "failed",
        "stall.expect.supervisor",
        "",
        "failed",
        "stall.failed",
        "action.failed",
        "",
        30,
    ),
    StallRule(
        "report_refused",
        "needs attention (Odoo refused)",
        "stall.expect.supervisor",
        "",
        "refused",
        "stall.refused",
        "action.refused",
        "",
        32,
    ),
    StallRule(
        "sent_not_started",
        "sent, PLC idle",
        "stall.expect.plc_start",
        "start_s",
        "stall",
        "stall.sent",
        "action.sent",
        "resend batches",
        35,
    ),
    StallRule(
        "running_too_long",
        "running",
        "stall.expect.plc_finish",
        "max_batch_s",
        "overrun",
        "stall.overrun",
        "action.overrun",
        "",
        40,
    ),
    StallRule(
        "odoo_down",
        "Odoo link DOWN",
        "stall.expect.odoo_link",
        "link_down_s",
        "link",
        "stall.link_down",
        "action.odoo_down",
        "",
        45,
    ),
    StallRule(
        "claim_held",
        "finished, claimed by another panel",
        "stall.expect.claim",
        "claim_s",
        "claim",
        "stall.claim",
        "action.claim",
        "release report claim",
        48,
    ),
    StallRule(
        "task_failing",
        "a task failing on every tick",
        "stall.expect.task",
        "",
        "task",
        "stall.task",
        "action.task",
        "",
        50,
    ),
    StallRule(
        "queue_idle",
        "queue not empty, PLC idle, nothing moves",
        "stall.expect.progress",
        "idle_s",
        "stall",
        "stall.queue_idle",
        "action.queue_idle",
        "",
        60,
    ),
    StallRule(
        "plc_not_ready",
        "queue empty, PLC never ready",
        "stall.expect.plc_ready",
        "idle_s",
        "stall",
        "stall.plc_not_ready",
        "action.plc_not_ready",
        "",
        70,
    ),
)

RULE_BY_CONDITION: dict[str, StallRule] = {rule.condition: rule for rule in RULES}


def rule_for(condition: str) -> StallRule:
    """The rule of a condition; KeyError names a condition the table lacks (a bug)."""
    return RULE_BY_CONDITION[condition]


@dataclass(frozen=True)
class Condition:
    """One condition the watchdog sees now: which rule, which thing, its facts, since when.

    `key` is the alarm key (e.g. "ack.3", "link.plc") and identifies the condition across
    refreshes; `age_s` is measured on a monotonic clock (a clock step changes nothing).
    """

    condition: str
    key: str
    facts: tuple[tuple[str, Param], ...] = ()
    age_s: float = 0.0
    since: datetime | None = None  # wall-clock time it was first seen (for the operator)

    @property
    def rule(self) -> StallRule:
        """This condition's row of the table."""
        return rule_for(self.condition)

    def message(self) -> Message:
        """What is wrong, with the facts."""
        return msg(self.rule.message, **dict(self.facts))

    def action(self) -> Message:
        """What resolves it."""
        return msg(self.rule.action, **dict(self.facts))

    def expects(self) -> Message:
        """The progress expected meanwhile."""
        return msg(self.rule.expects, **dict(self.facts))


def facts(**values: Param) -> tuple[tuple[str, Param], ...]:
    """Condition facts as a sorted tuple (hashable, comparable)."""
    return tuple(sorted(values.items()))


@dataclass(frozen=True)
class Verdict:
    """The stall rules applied to what the watchdog sees: alarms to hold, the line status."""

    alarms: dict[str, Message] = field(default_factory=dict)  # key -> message, due now
    stalls: tuple[Condition, ...] = ()  # due conditions, most important first
    waiting: tuple[Condition, ...] = ()  # conditions not due yet, most important first


def judge(conditions: Iterable[Condition], limits: Mapping[str, float]) -> Verdict:
    """Which conditions are stalls now (older than their rule's time) and which are waits.

    `limits`: setting name -> seconds; a rule with `within` "" is due at once. A rule
    naming a setting `limits` lacks is due at once too (never silently never).
    """
    due: list[Condition] = []
    waiting: list[Condition] = []
    for condition in conditions:
        rule = condition.rule
        limit = limits.get(rule.within, 0.0) if rule.within else 0.0
        (due if condition.age_s >= limit else waiting).append(condition)
    due.sort(key=lambda c: (c.rule.rank, c.key))
    waiting.sort(key=lambda c: (c.rule.rank, c.key))
    alarms = {c.key: c.message() for c in due if c.rule.alarm}
    return Verdict(alarms=alarms, stalls=tuple(due), waiting=tuple(waiting))


def line_status(
    verdict: Verdict,
    *,
    running: Message | None,
    idle_reason: Message,
    since: datetime | None,
) -> LineStatus:
    """The line's status: STOPPED by the first stall, else RUNNING, else WAITING for what.

    `running`: the RUNNING message (slot, MO) when the PLC doses a batch of the queue;
    `idle_reason`: what the line waits for when nothing is wrong (the gate's first reason,
    or "manufacturing orders from Odoo"); `since`: when the current mode began.
    """
    if verdict.stalls:
        first = verdict.stalls[0]
        return LineStatus(
            LineMode.STOPPED, first.message(), first.since, first.action(), cause=first.key
        )
    if running is not None:
        return LineStatus(LineMode.RUNNING, running, since)
    if verdict.waiting:
        first = verdict.waiting[0]
        return LineStatus(LineMode.WAITING, first.expects(), first.since)
    return LineStatus(LineMode.WAITING, idle_reason, since)


class Decision(StrEnum):
    """A supervisor's decision about a batch whose PLC values are implausible (each audited)."""

    READ_AGAIN = "read_again"  # read the slot again (a transient value); no PIN needed
    ACCEPT = "accept"  # store the PLC's values as read, with a reason
    ENTER = "enter"  # store the weights from the scale ticket instead, with a reason
    ABORT = "abort"  # cancel the batch (its slot is acknowledged, nothing booked)
