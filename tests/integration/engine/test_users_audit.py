"""Issue 14: named users from the first start on, the previous version's PIN migrated, the
audit chain that detects an edited and a deleted row, who-did-what on the history row, and no
secret or hash in any output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from hmi.config import dump_settings, load_settings, with_section
from hmi.domain.pin import hash_pin as legacy_hash
from hmi.domain.roles import AccessDenied, Command
from hmi.domain.states import BatchState
from hmi.engine.pin_hash import PREFIX
from hmi.runtime import build_engine
from tests.named_users import TEST_PIN, seed_users

ADMIN_PIN = "7391"


async def bare_engine(plant, settings=None, settings_path: Path | None = None):
    """A started engine on the plant's database with NO users (a first start)."""
    runtime = build_engine(
        settings or plant.settings(),
        secret="admin",
        database_url=plant.db_url,
        settings_path=settings_path,
    )
    await runtime.engine.start()
    plant.engines.append(runtime.engine)
    return runtime.engine


async def test_a_first_start_runs_no_protected_command_before_the_administrator(plant):
    engine = await bare_engine(plant)
    assert not await engine.has_administrator()
    events = [e.message.code for e in await engine.recent_events()]
    assert "users.no_administrator_yet" in events
    new = with_section(engine.settings, "ui", line_name="Line 2")
    for run in (
        lambda: engine.apply_settings(new, "anyone", pin="1111"),
        lambda: engine.clear_queue("anyone", "x", pin=None),
        lambda: engine.verify_supervisor("1111", Command.CANCEL_BATCH, "anyone"),
    ):
        with pytest.raises(AccessDenied) as refused:
            await run()
        assert refused.value.message.code == "users.no_administrator"
    with pytest.raises(Exception, match="too easy"):
        await engine.create_first_administrator("Rina", "1234")
    admin = await engine.create_first_administrator("Rina", ADMIN_PIN, badge="0042-17")
    assert (admin.name, admin.role.value, admin.badge) == ("Rina", "administrator", "004217")
    with pytest.raises(AccessDenied):  # only the first one comes without an administrator
        await engine.create_first_administrator("Budi", ADMIN_PIN)
    # the badge signs in like the name; the administrator adds a supervisor
    assert (await engine.sign_in("004217", ADMIN_PIN)).name == "Rina"
    budi = await engine.add_user("Budi", "supervisor", "2580", "", "Rina", approval=ADMIN_PIN)
    await engine.apply_settings(new, "Rina", pin=ADMIN_PIN)
    assert engine.settings.ui.line_name == "Line 2"
    with pytest.raises(AccessDenied) as not_allowed:
        await engine.add_user("Sari", "operator", "2580", "", "Budi", approval="2580")
    assert not_allowed.value.message.code == "users.not_allowed"
    demoted = await engine.change_user(budi.id, "Rina", approval=ADMIN_PIN, role="operator")
    assert demoted.role.value == "operator"
    with pytest.raises(Exception, match="last active administrator"):
        await engine.change_user(admin.id, "Rina", approval=ADMIN_PIN, active=False)
    actions = [(e.actor, e.role, e.action) for e in await engine.audit_entries()]
    assert ("Rina", "administrator", "create first administrator") in actions
    assert ("Rina", "administrator", "sign in") in actions
    assert ("Rina", "administrator", "add user") in actions
    assert ("Rina", "administrator", "change user") in actions


async def test_the_previous_versions_supervisor_pin_becomes_an_administrator(plant):
    path = plant.folder / "settings.toml"
    old = with_section(plant.settings(), "ui", supervisor_pin_hash=legacy_hash("4711", 1000))
    path.write_text(dump_settings(old), encoding="utf-8")
    engine = await bare_engine(plant, old, path)
    (user,) = await engine.users()
    assert (user.name, user.role.value) == ("Supervisor", "administrator")
    assert load_settings(path).ui.supervisor_pin_hash == ""  # gone from the file
    assert engine.settings.ui.supervisor_pin_hash == ""
    assert engine.ctx.store.pin_hash_of(user.id).startswith("pbkdf2_sha256$")
    token = await engine.verify_supervisor("4711", Command.CANCEL_BATCH, "supervisor")
    assert token.user is not None
    assert token.user.name == "Supervisor"
    assert engine.ctx.store.pin_hash_of(user.id).startswith(PREFIX)  # re-hashed at first use
    migrated = next(e for e in await engine.audit_entries() if e.action.startswith("migrate"))
    assert (migrated.actor, migrated.role) == ("automatic", "automatic")
    assert "pbkdf2" not in repr(await engine.audit_entries())


async def test_the_audit_chain_finds_an_edited_and_a_deleted_row(plant, wait_for, run_tasks):
    engine = await plant.engine()
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    await engine.set_auto_fetch(False, "operator")
    for _ in range(6):
        await engine.sign_in("sup", TEST_PIN)
    report = await engine.verify_audit()
    assert report.ok
    assert report.rows >= 5
    config = plant.folder / "settings.toml"
    config.write_text(dump_settings(plant.settings()), encoding="utf-8")

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hmi.app", "--verify-audit", "--config", str(config)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    ok = verify()
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    ids = [e.id for e in engine.ctx.store.audit_entries()]
    edited, deleted = ids[2], ids[4]
    with engine.ctx.store._writer.begin() as session:  # someone edits the database by hand
        session.execute(text("UPDATE audit SET reason = 'nothing' WHERE id = :i"), {"i": edited})
    broken = verify()
    assert broken.returncode == 1
    assert f"#{edited}" in broken.stdout
    assert "does not match" in broken.stdout
    report = await engine.verify_audit()
    assert (report.broken_id, report.head_id) == (edited, ids[1])
    with engine.ctx.store._writer.begin() as session:  # put it back, then delete a row
        session.execute(text("UPDATE audit SET reason = '' WHERE id = :i"), {"i": edited})
    assert (await engine.verify_audit()).ok
    with engine.ctx.store._writer.begin() as session:
        session.execute(text("DELETE FROM audit WHERE id = :i"), {"i": deleted})
    report = await engine.verify_audit()
    assert report.broken_id == ids[5]
    assert "link" in report.problem
    assert "#" + str(ids[5]) in verify().stdout


async def test_every_command_and_batch_records_the_named_user(plant, wait_for, run_tasks):
    engine = await plant.engine()
    engine.auto_fetch = False
    preview = await engine.preview_fetch()
    await engine.confirm_fetch(preview, "operator")
    ids = [b.mo_id for b in engine.ctx.store.batches()]
    assert {b.fetched_by for b in engine.ctx.store.batches()} == {"operator"}
    await engine.cancel_batch(ids[-1], "sup", "wrong product", pin=TEST_PIN)
    await wait_for(
        lambda: len(engine.ctx.store.archived_ids(ids)) == len(ids),
        timeout=60,
        step=lambda: run_tasks(engine),
    )
    reported = engine.ctx.store.archived(ids[0])
    assert (reported.fetched_by, reported.confirmed_by) == ("operator", "PLC")
    assert reported.reported_by == "automatic"
    assert reported.odoo_message  # Odoo's answer
    cancelled = engine.ctx.store.archived(ids[-1])
    assert (cancelled.outcome, cancelled.actor, cancelled.reason) == (
        BatchState.CANCELLED,
        "sup",
        "wrong product",
    )
    fetch = next(e for e in engine.ctx.store.audit_entries() if e.action == "fetch")
    assert (fetch.actor, fetch.role) == ("operator", "operator")
    report = next(e for e in engine.ctx.store.audit_entries() if e.action == "report to Odoo")
    assert (report.actor, report.role) == ("automatic", "automatic")


async def test_a_timer_fill_is_audited_as_automatic(plant, wait_for, run_tasks):
    engine = await plant.engine()
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    fetch = next(e for e in engine.ctx.store.audit_entries() if e.action == "fetch")
    assert (fetch.actor, fetch.role) == ("automatic", "automatic")
    assert {b.fetched_by for b in engine.ctx.store.batches()} == {"automatic"}


async def test_an_mo_found_done_in_odoo_says_so_in_the_history(plant, wait_for, run_tasks):
    engine = await plant.engine()
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    first = engine.ctx.store.batches()[0]
    plant.odoo.model.records["mrp.production"][first.mo_id]["state"] = "done"
    await wait_for(
        lambda: first.mo_id in engine.ctx.store.archived_ids([first.mo_id]),
        timeout=60,
        step=lambda: run_tasks(engine),
    )
    assert engine.ctx.store.archived(first.mo_id).reported_by == "found done in Odoo"


async def test_no_pin_hash_or_salt_reaches_any_output(plant, tmp_path, wait_for, run_tasks):
    engine = await plant.engine()
    hashes = [engine.ctx.store.pin_hash_of(u.id) for u in engine.ctx.store.users()]
    admin = await engine.add_user("Wati", "supervisor", "3697", "7701", "bot", approval=TEST_PIN)
    await engine.change_user(admin.id, "bot", approval=TEST_PIN, new_pin="9630")
    await engine.change_own_pin("Wati", "9630", "8529")
    hashes.append(engine.ctx.store.pin_hash_of(admin.id))
    with pytest.raises(AccessDenied):
        await engine.sign_in("Wati", "0000")
    await engine.sign_in("7701", "8529")
    await wait_for(lambda: engine.ctx.store.count() == 10, step=lambda: run_tasks(engine))
    exported = tmp_path / "audit.csv"
    await engine.export_audit_csv(exported)
    outputs = [
        exported.read_text(encoding="utf-8-sig"),
        repr(await engine.audit_entries()),
        repr(await engine.users()),
        *(str(e.message) for e in await engine.recent_events()),
        *(repr(e.message) for e in await engine.recent_events()),
        repr(engine.snapshot()),
        (plant.folder / "hmi.log").read_text() if (plant.folder / "hmi.log").exists() else "",
    ]
    for stored in hashes:
        salt = stored.split("$")[4] if stored.startswith(PREFIX) else stored.split("$")[2]
        for secret in (PREFIX, "argon2", salt, stored[-16:], "3697", "9630", "8529"):
            assert not [o for o in outputs if secret in o], secret


async def test_a_change_and_its_audit_entry_are_one_transaction(plant):
    engine = await plant.engine()
    store = engine.ctx.store
    before = len(store.audit_entries())
    from hmi.domain.audit import AuditNote

    with pytest.raises(Exception, match="not in the queue"):  # the change fails: no entry
        store.audited(AuditNote("sup", "", "cancel", "x"), store.set_state, 999, BatchState.SENT)
    assert len(store.audit_entries()) == before

    def change_then_fail() -> None:
        store.write_audit(AuditNote("sup", "", "will vanish", "x"))
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        store.atomic(change_then_fail)
    assert len(store.audit_entries()) == before
    assert store.verify_audit().ok


async def test_sign_in_needs_a_known_active_user(plant):
    engine = await plant.engine()
    seed_users(engine.ctx.store, {"Ayu": "operator"})
    user = await engine.sign_in(" ayu ", TEST_PIN)
    assert user.name == "Ayu"
    await engine.change_user(user.id, "bot", approval=TEST_PIN, active=False)
    with pytest.raises(AccessDenied) as gone:
        await engine.sign_in("Ayu", TEST_PIN)
    assert gone.value.message.code == "users.unknown"
    await engine.sign_out(user, "idle")
    out = engine.ctx.store.audit_entries(action="sign out")[-1]
    assert (out.actor, out.reason) == ("Ayu", "idle")
