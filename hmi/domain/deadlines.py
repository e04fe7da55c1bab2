"""Wall-clock deadlines that survive a clock step (issue 11, stall 10).

A deadline stored as a date (a PIN lockout, a shelved alarm: shared by every panel through
the database, kept over a restart) is measured on the wall clock, which NTP may step in
either direction. Read back, a deadline further ahead than the longest it may be set for
(its cap) was set before the clock stepped back: it is treated as due now, never waited for.
A clock stepped forward makes a stored deadline pass early; the process that set it keeps
its own copy on the monotonic clock (`hmi.engine.clock_steps`) and holds it the full time.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def trusted_deadline(until: datetime | None, now: datetime, cap_s: float) -> datetime | None:
    """`until` while it is still ahead of `now` and at most `cap_s` seconds ahead; else None
    (passed, or set before a clock step back: due now)."""
    if until is None or until <= now:
        return None
    if until - now > timedelta(seconds=cap_s):
        return None
    return until
