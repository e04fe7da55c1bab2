"""Issue 14: the shift report covers a chosen shift and lists every batch not reported yet,
with its state and why (failed, needs attention, stalled), and who worked the shift."""

from __future__ import annotations

from datetime import timedelta

from hmi.domain.links import utcnow
from hmi.domain.messages import msg
from hmi.domain.shifts import ShiftSpan
from hmi.domain.states import BatchState
from tests.named_users import TEST_PIN


async def test_every_unreported_batch_is_listed_with_why(plant, wait_for, run_tasks):
    engine = await plant.engine()
    plant.plc.faults.fail_next(1)
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    await wait_for(
        lambda: any(b.state is BatchState.FAILED for b in engine.ctx.store.batches()),
        step=lambda: run_tasks(engine),
    )
    plant.plc.process.speed = 1.0  # the rest wait while the report is read
    queue = engine.ctx.store.batches()
    failed = next(b for b in queue if b.state is BatchState.FAILED)
    stalled = next(b for b in queue if b.state is BatchState.SENT)
    # the watchdog's alarm about a batch that does not move (stored as it stores it)
    engine.ctx.store.raise_alarm(
        f"overrun.{stalled.mo_id}",
        msg("text", text="slot did not start").to_json(),
        source="engine",
        priority=2,
        mo_id=stalled.mo_id,
    )
    await engine.sign_in("sup", TEST_PIN)
    await engine.set_auto_fetch(False, "sup")

    report = await engine.shift_report()  # the shift running now
    assert report.since <= utcnow() < report.until
    why = {u.batch.mo_id: u.why for u in report.unsynced}
    assert set(why) == {b.mo_id for b in queue}  # every batch not reported, none left out
    assert why[failed.mo_id].code == "shift.why.failed"
    assert why[stalled.mo_id].code == "shift.why.stalled"
    assert "slot did not start" in str(why[stalled.mo_id])
    assert ("sup", "supervisor") in report.people
    assert all(role != "automatic" for _, role in report.people)
    assert report.audit_head is not None
    assert report.audit_head.head_id > 0

    earlier = ShiftSpan(
        "Night", report.since.date(), report.since - timedelta(hours=8), report.since
    )
    before = await engine.shift_report(earlier)
    assert before.people == ()  # nobody worked then
    assert {u.batch.mo_id for u in before.unsynced} == set(why)  # still not reported
