"""`hmi --self-test`: prove an installation (a source tree or a built bundle) works, offscreen.

Each check prints one line, `ok <check>: <detail>` or `FAIL <check>: <reason>`; a check
whose prerequisite failed prints `skip`. The exit code is 0 only when every check passed.
Tracebacks go to the log file, never to the console.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hmi.domain.errors import HmiError
from hmi.selftest_workstation import (
    check_clean_up,
    check_program_folder,
    check_shortcuts,
    check_shutdown,
    check_user_folders,
)

log = logging.getLogger("hmi.selftest")

#: PLC simulator speed of the demo cycle: a five-minute batch takes 0.1 s.
CYCLE_SPEED = 3000.0
#: Files the installation must carry in its resources folder.
REQUIRED_RESOURCES = (
    "register_map.toml",
    "equipment.toml",
    "translations/hmi_id.qm",
    "icons/hmi.png",
    "icons/hmi.ico",
)
#: Image formats the app needs from Qt's imageformats plugins (png is built in).
REQUIRED_IMAGE_FORMATS = ("png", "ico", "jpeg", "svg")
#: Native styles a Windows bundle must carry (Qt's styles plugins).
WINDOWS_STYLES = ("windows11", "windowsvista")
KEYRING_PROBE = ("feedmill-batch-hmi:self-test", "probe", "self-test secret")


class CheckFailed(Exception):
    """A check found the installation wrong; the message says what and why."""


@dataclass
class SelfTest:
    """State shared by the checks: the Qt application, the scratch folder, the demo plant."""

    scratch: Path
    app: Any = None
    settings: Any = None
    plant: Any = None
    runtime: Any = None
    driver: Any = None
    passed: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Check:
    """One named check, the checks it needs, and its time limit."""

    name: str
    run: Callable[[SelfTest], Awaitable[str]]
    needs: tuple[str, ...] = ()
    timeout_s: float = 20.0


def _require(condition: bool, reason: str) -> None:
    """Raise CheckFailed with `reason` unless `condition` holds."""
    if not condition:
        raise CheckFailed(reason)


async def check_qt(state: SelfTest) -> str:
    """A QApplication starts on the offscreen (or configured) platform plugin."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QStyleFactory

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise CheckFailed("no QApplication is running")
    state.app = app
    available = QStyleFactory.keys()
    styles = [name.lower() for name in available]
    if sys.platform == "win32":
        _require(
            any(style in styles for style in WINDOWS_STYLES),
            f"no native Windows style among {styles}: the Qt styles plugin is missing",
        )
    return (
        f"Qt {qVersion()}, PySide6 {pyside_version}, platform {app.platformName()}, "
        f"styles {', '.join(styles)}"
    )


async def check_configuration(state: SelfTest) -> str:
    """The settings file (or the defaults when there is none) loads and validates."""
    from hmi.config import default_config_path, load_settings

    path = default_config_path()
    state.settings = load_settings(path)
    return str(path) if path.exists() else f"defaults (no file at {path})"


async def check_resources(state: SelfTest) -> str:
    """The resources folder holds every file the app reads."""
    from hmi.resources import resources_dir

    folder = resources_dir()
    _require(folder.is_dir(), f"resources folder {folder} does not exist")
    missing = [name for name in REQUIRED_RESOURCES if not (folder / name).is_file()]
    _require(not missing, f"missing in {folder}: {', '.join(missing)}")
    return str(folder)


async def check_images(state: SelfTest) -> str:
    """Qt's imageformats plugins are there and the icons load."""
    from PySide6.QtGui import QIcon, QImage, QImageReader

    from hmi.resources import resource_path

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in REQUIRED_IMAGE_FORMATS if f not in formats]
    _require(not missing, f"Qt image formats missing: {', '.join(missing)} (imageformats plugins)")
    for name in ("icons/hmi.png", "icons/hmi.ico"):
        _require(not QImage(str(resource_path(name))).isNull(), f"icon {name} cannot be read")
    sizes = QIcon(str(resource_path("icons/hmi.ico"))).availableSizes()
    return f"formats {', '.join(sorted(formats))}; icon sizes {[s.width() for s in sizes]}"


async def check_translations(state: SelfTest) -> str:
    """The Indonesian catalogue loads into a QTranslator."""
    from PySide6.QtCore import QTranslator

    from hmi.resources import resource_path

    path = resource_path("translations/hmi_id.qm")
    translator = QTranslator()
    _require(translator.load(str(path)), f"{path} cannot be loaded by QTranslator")
    _require(not translator.isEmpty(), f"{path} holds no translations")
    return f"hmi_id.qm ({translator.language() or 'id'})"


async def check_register_map(state: SelfTest) -> str:
    """The PLC register map data file parses and validates."""
    from hmi.plc.register_map import load_register_map

    reg = load_register_map()
    return f"{reg.slots} slots; write area at {reg.write.base}, feedback at {reg.feedback.base}"


async def check_equipment(state: SelfTest) -> str:
    """The equipment table (silos and tanks) loads."""
    from hmi.runtime import load_equipment

    table = load_equipment(state.settings)
    _require(len(table) > 0, "the equipment table is empty")
    return f"{len(table)} silos and tanks"


async def check_keyring(state: SelfTest) -> str:
    """The file keyring round-trips a secret; on Windows the Credential Manager is there."""
    from hmi.domain.errors import ConfigError
    from hmi.odoo.credentials import make_backend

    service, user, secret = KEYRING_PROBE
    backend = make_backend("file", state.scratch / "keyring.cfg")
    backend.set_password(service, user, secret)
    _require(backend.get_password(service, user) == secret, "file keyring lost the probe")
    backend.delete_password(service, user)
    try:
        system = type(make_backend("system")).__name__
    except ConfigError:
        _require(sys.platform != "win32", "no Windows Credential Manager keyring backend")
        system = "none (use the 'file' backend on this machine)"
    return f"file backend ok, system backend {system}"


async def check_odoo_secret(state: SelfTest) -> str:
    """Once a settings file exists, the Odoo secret it names is in its keyring (never shown)."""
    from hmi.config import default_config_path
    from hmi.odoo.credentials import secret_username
    from hmi.runtime import odoo_secret

    if not default_config_path().exists():
        return "not checked: no settings file yet"
    odoo = state.settings.odoo
    odoo_secret(state.settings)  # ConfigError says which account and what to do
    backend = "file keyring" if odoo.keyring_backend == "file" else "system keyring"
    return f"stored for {secret_username(odoo.url, odoo.database, odoo.login)} in the {backend}"


async def check_database(state: SelfTest) -> str:
    """A throwaway SQLite database opens and migrates to the newest schema."""
    from hmi.store.database import current_revision, head_revision, migrate, open_database

    path = state.scratch / "self-test.sqlite"
    engine = open_database(f"sqlite:///{path}")
    try:
        migrate(engine)
        revision = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    _require(revision == head, f"database at revision {revision}, expected {head}")
    return f"SQLite migrated to revision {head}; PostgreSQL driver {_postgres_driver()}"


def _postgres_driver() -> str:
    """Whether SQLAlchemy can load the PostgreSQL driver (the `postgres` extra)."""
    try:
        import psycopg
        from sqlalchemy.dialects.postgresql import psycopg as dialect
    except ImportError:
        return "not installed"
    return f"psycopg {psycopg.__version__} ({dialect.dialect.driver})"


async def check_simulators(state: SelfTest) -> str:
    """Both simulators start on free loopback ports."""
    from hmi.demo import DemoPlant

    state.plant = DemoPlant(speed=CYCLE_SPEED, folder=state.scratch / "demo")
    state.plant.folder.mkdir(parents=True, exist_ok=True)
    await state.plant.start()
    return f"PLC on port {state.plant.plc.port}, Odoo on {state.plant.odoo.url}"


async def check_demo_cycle(state: SelfTest) -> str:
    """One batch is fetched, dosed, reported and archived by the real engine on QTimers."""
    from hmi.domain.states import BatchState
    from hmi.engine.qt_driver import EngineDriver

    state.runtime = state.plant.build()
    engine = state.runtime.engine
    state.driver = EngineDriver(engine)
    await engine.start()
    state.driver.start()
    await engine.fetch_tick()
    while await engine.history_count() < 1:
        await asyncio.sleep(0.05)
    history = await engine.history_page(0, 100)
    reported = [h.mo_id for h in history if h.outcome is BatchState.REPORTED]
    _require(bool(reported), "a batch was archived but none as reported")
    model = state.plant.odoo.model
    for mo_id in reported:
        _require(model.mo_state(mo_id) == "done", f"MO {mo_id} archived but not done in Odoo")
        postings = model.consumption_postings(mo_id)
        _require(postings == 1, f"MO {mo_id} consumed {postings} times in Odoo")
    return f"{len(reported)} batch(es) fetched, dosed, reported once and archived"


async def check_main_window(state: SelfTest) -> str:
    """The operator's window builds and renders offscreen against the running engine."""
    from hmi.ui.i18n import Translations
    from hmi.ui.main_window import MainWindow

    window = MainWindow(state.driver, translations=Translations(state.app))
    try:
        window.resize(1280, 800)
        window.show()
        await asyncio.sleep(0.3)  # the window's first timers and the log loading run
        image = window.grab().toImage()
        _require(not image.isNull(), "the window rendered an empty image")
        return f"rendered {image.width()}x{image.height()} with {window.model.rowCount()} rows"
    finally:
        window.close()
        window.deleteLater()


async def close_all(state: SelfTest) -> None:
    """Stop whatever the checks started, in order; safe to call twice."""
    driver, runtime, plant = state.driver, state.runtime, state.plant
    state.driver = state.runtime = None
    if driver is not None:
        await driver.drain()
    if runtime is not None:
        await runtime.stop()  # the engine, then its database files
    if plant is not None and plant.plc is not None:
        await plant.stop()


CHECKS: tuple[Check, ...] = (
    Check("qt", check_qt),
    Check("configuration", check_configuration),
    Check("resources", check_resources),
    Check("image formats", check_images, needs=("qt", "resources")),
    Check("translations", check_translations, needs=("qt", "resources")),
    Check("register map", check_register_map, needs=("resources",)),
    Check("equipment table", check_equipment, needs=("configuration", "resources")),
    Check("keyring", check_keyring),
    Check("odoo secret", check_odoo_secret, needs=("configuration", "keyring")),
    Check("database", check_database),
    Check("simulators", check_simulators, needs=("register map",)),
    Check(
        "demo cycle",
        check_demo_cycle,
        needs=("qt", "simulators", "database", "equipment table"),
        timeout_s=60.0,
    ),
    Check("main window", check_main_window, needs=("demo cycle", "translations")),
    Check("shutdown", check_shutdown, needs=("simulators",)),
    Check("program folder", check_program_folder),
    Check("user folders", check_user_folders, needs=("configuration",)),
    Check("shortcuts", check_shortcuts),
    Check("clean up", check_clean_up, needs=("shutdown",)),
)


async def run_checks(state: SelfTest, checks: tuple[Check, ...] = CHECKS) -> list[str]:
    """Run the checks in order, print one line each; return the names of the failed ones."""
    failed: list[str] = []
    for check in checks:
        missing = [name for name in check.needs if name not in state.passed]
        if missing:
            failed.append(check.name)
            _say(f"skip {check.name}: needs {', '.join(missing)}")
            continue
        started = time.perf_counter()
        try:
            detail = await asyncio.wait_for(check.run(state), timeout=check.timeout_s)
        except TimeoutError:
            reason = f"did not finish within {check.timeout_s:g} s"
        except Exception as exc:
            log.error("self-test check %s failed", check.name, exc_info=True)
            plain = isinstance(exc, CheckFailed | HmiError)  # messages written for people
            reason = str(exc) if plain else f"{type(exc).__name__}: {exc}"
        else:
            state.passed.add(check.name)
            _say(f"ok {check.name}: {detail} ({time.perf_counter() - started:.2f} s)")
            continue
        failed.append(check.name)
        _say(f"FAIL {check.name}: {reason}")
    with contextlib.suppress(Exception):
        await close_all(state)
    return failed


def _say(line: str) -> None:
    """Print one result line at once (the console may be a pipe)."""
    print(line, flush=True)


def _quiet_console() -> list[tuple[logging.Handler, int]]:
    """Silence console log handlers (results are printed; the log file keeps everything)."""
    quieted: list[tuple[logging.Handler, int]] = []
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:
            quieted.append((handler, handler.level))
            handler.setLevel(logging.CRITICAL + 1)
    return quieted


def _run_in_qt_loop(state: SelfTest) -> list[str]:
    """Run the checks on a qasync loop over the QApplication (created by the qt check)."""
    try:
        import qasync
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        _say(f"FAIL qt: Qt cannot be loaded: {exc}")
        return ["qt"]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setQuitOnLastWindowClosed(False)  # static, of QGuiApplication
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(run_checks(state))
    finally:
        asyncio.set_event_loop(None)


def _remove_scratch(scratch: Path) -> bool:
    """Delete the scratch folder (emptied by the "clean up" check); say why if it cannot be."""
    try:
        shutil.rmtree(scratch)
    except OSError as exc:
        _say(f"FAIL clean up: {scratch} cannot be deleted ({exc.strerror or exc})")
        return False
    return True


def run_self_test() -> int:
    """Run every check offscreen; print one line per check; 0 only if all passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hmi import __version__

    quieted = _quiet_console()
    started = time.perf_counter()
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    _say(f"hmi {__version__} self-test ({frozen}, Python {sys.version.split()[0]})")
    scratch = Path(tempfile.mkdtemp(prefix="hmi-self-test-"))
    try:
        failed = _run_in_qt_loop(SelfTest(scratch=scratch))
    finally:
        for handler, level in quieted:
            handler.setLevel(level)
        removed = _remove_scratch(scratch)
    if not removed and "clean up" not in failed:
        failed.append("clean up")
    seconds = time.perf_counter() - started
    if failed:
        _say(f"self-test FAILED: {', '.join(failed)} ({seconds:.1f} s)")
        return 1
    _say(f"self-test passed: {len(CHECKS)} checks ({seconds:.1f} s)")
    return 0


__all__ = ["CHECKS", "Check", "CheckFailed", "SelfTest", "run_checks", "run_self_test"]
