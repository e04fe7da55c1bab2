"""Composition root and command line of the batch HMI.

`hmi` opens the operator's window; `--headless` runs the engine without one; `--demo`
runs everything against in-process simulators. Every mode runs the engine's three
tasks on QTimers of a qasync event loop.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hmi import __version__
from hmi.config import default_config_path, load_settings
from hmi.domain.errors import ConfigError
from hmi.logging_setup import setup_logging

if TYPE_CHECKING:
    from hmi.runtime import Runtime

log = logging.getLogger("hmi.app")


def build_parser() -> argparse.ArgumentParser:
    """The `hmi` command line."""
    parser = argparse.ArgumentParser(prog="hmi", description="Batch HMI for feed mills")
    parser.add_argument("--version", action="version", version=f"hmi {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (default: user config folder)")
    parser.add_argument("--demo", action="store_true", help="run against in-process simulators")
    parser.add_argument("--headless", action="store_true", help="run the engine without a window")
    parser.add_argument("--batches", type=int, default=0, help="demo: stop after N reported")
    parser.add_argument("--speed", type=float, default=0.0, help="demo: PLC simulator speed")
    parser.add_argument("--timeout", type=float, default=0.0, help="demo: give up after seconds")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    parser.add_argument("--after", type=float, default=5.0, help="seconds before the screenshot")
    parser.add_argument(
        "--tour",
        type=Path,
        metavar="DIR",
        help="demo: photograph every screen (both languages, PLC link up and down) into DIR",
    )
    parser.add_argument(
        "--size",
        type=window_size,
        help="window size WxH for --screenshot (e.g. 1280x800; default: the whole screen)",
    )
    parser.add_argument("--kiosk", action="store_true", help="full-screen kiosk mode")
    parser.add_argument("--language", choices=("en", "id"), help="user interface language")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    parser.add_argument("--self-test", action="store_true", help="check the installation, exit")
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="check the settings and the plant files (start-up's own check), then exit",
    )
    parser.add_argument(
        "--probe-plc",
        action="store_true",
        help="commissioning: probe the configured PLC, print a report and save it, then exit",
    )
    parser.add_argument(
        "--probe-report", type=Path, help="--probe-plc: where to save the report (a .txt file)"
    )
    parser.add_argument(
        "--verify-audit",
        action="store_true",
        help="check the audit trail's hash chain, print the first broken link, then exit",
    )
    parser.add_argument(
        "--database",
        help="--verify-audit: the database URL (default: the settings' database)",
    )
    parser.add_argument(
        "--set-odoo-secret",
        action="store_true",
        help="read the Odoo password/API key from the terminal (or stdin) into the keyring",
    )
    return parser


def window_size(text: str) -> tuple[int, int]:
    """'1280x800' → (1280, 800); at least 640 × 480, at most 7680 × 4320."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1280x800")
    size = (int(width), int(height))
    if not (640 <= size[0] <= 7680 and 480 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"{text}: from 640x480 to 7680x4320")
    return size


def _check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse combinations that make no sense, with a clear message."""
    if args.batches < 0:
        parser.error("--batches must be 0 or more")
    if args.speed < 0 or args.timeout < 0 or args.after < 0:
        parser.error("--speed, --timeout and --after must not be negative")
    if args.batches and not (args.demo and args.headless):
        parser.error("--batches needs --demo --headless")
    if args.screenshot and args.headless:
        parser.error("--screenshot needs a window (drop --headless)")
    if args.size and not (args.screenshot or args.tour):
        parser.error("--size needs --screenshot or --tour")
    if args.tour and not args.demo:
        parser.error("--tour needs --demo (it takes the demo PLC down on the way)")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `hmi` command."""
    import multiprocessing

    multiprocessing.freeze_support()  # the bundle's demo simulators run in a spawned child
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_args(parser, args)
    level = getattr(logging, str(args.log_level).upper(), None)
    if not isinstance(level, int):
        parser.error(f"--log-level {args.log_level!r} is not DEBUG, INFO, WARNING or ERROR")
    setup_logging(level, console=True)
    if args.self_test:
        from hmi.selftest import run_self_test

        return run_self_test()
    if args.set_odoo_secret:
        return set_odoo_secret(args.config or default_config_path())
    if args.check_config:
        return check_config(args.config or default_config_path())
    if args.verify_audit:
        return verify_audit(args.config or default_config_path(), args.database)
    if args.probe_plc:
        from hmi.engine.probe import probe_command

        return probe_command(args.config or default_config_path(), args.probe_report)
    code = run_qt(args)
    summary = getattr(args, "summary", None)
    if summary:
        logging.shutdown()
        print(summary, flush=True)
    return code


def no_display() -> bool:
    """True on a Linux machine with no X11/Wayland display and no Qt platform chosen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def set_odoo_secret(settings_path: Path) -> int:
    """Store the Odoo secret of the configured account in the configured keyring."""
    import getpass

    from hmi.odoo.credentials import SecretStore

    try:
        odoo = load_settings(settings_path).odoo
        store = SecretStore.from_setting(
            odoo.keyring_backend, Path(odoo.keyring_file) if odoo.keyring_file else None
        )
        prompt = f"Odoo password or API key for {odoo.login} on {odoo.url} ({odoo.database}): "
        secret = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().strip()
        store.save(odoo.url, odoo.database, odoo.login, secret)
    except ConfigError as exc:
        print(f"hmi: the Odoo secret was not stored: {exc}", file=sys.stderr)
        return 2
    print(f"hmi: Odoo secret stored in the {store.backend_name} keyring")
    return 0


def check_config(settings_path: Path) -> int:
    """`hmi --check-config`: start-up's own check of the settings and plant files (the first
    run copies the packaged plant files beside the settings). 0 when all is well, else 1."""
    from hmi.engine.settings_check import check_settings_file

    check = check_settings_file(settings_path, install=True)
    print(f"settings {settings_path}")
    print(check.report())
    return 0 if check.ok else 1


def verify_audit(settings_path: Path, database_url: str | None = None) -> int:
    """`hmi --verify-audit`: walk the audit trail's hash chain (hmi.domain.audit). Exit 0 when
    every link holds, 1 at the first broken one (an edited, deleted or inserted row), 2 when
    the database cannot be read. Read only: the database is not migrated."""
    from hmi.store import QueueRepository, current_revision, head_revision, open_database
    from hmi.store.database import default_database_url

    try:
        url = database_url or load_settings(settings_path).database_url or default_database_url()
        engine = open_database(url)
        try:
            revision = current_revision(engine)
            if revision != head_revision():
                print(
                    f"hmi: the database is at schema revision {revision}, this HMI writes "
                    f"{head_revision()}: start the HMI once (it upgrades the database), "
                    "then verify again",
                    file=sys.stderr,
                )
                return 2
            report = QueueRepository(engine).verify_audit()
        finally:
            engine.dispose()
    except ConfigError as exc:
        print(f"hmi: the audit trail cannot be checked: {exc}", file=sys.stderr)
        return 2
    if report.ok:
        print(
            f"audit trail intact: {report.rows} entries, newest #{report.head_id} "
            f"(hash {report.head_hash[:16]}…)"
        )
        return 0
    print(
        f"audit trail BROKEN at entry #{report.broken_id}: {report.problem}; entries up to "
        f"#{report.head_id} are intact (hash {report.head_hash[:16]}…)"
    )
    return 1


def run_qt(args: argparse.Namespace) -> int:
    """Create the Qt application and the qasync loop, and run the chosen mode in it."""
    if not args.headless and no_display():
        if not (args.screenshot or args.tour):
            print(
                "hmi: no display found (DISPLAY/WAYLAND_DISPLAY unset): run it on the panel's "
                "desktop, use --headless, or set QT_QPA_PLATFORM=offscreen",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    import qasync
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app: QCoreApplication
    if args.headless:
        app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    else:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        QApplication.setQuitOnLastWindowClosed(False)  # static, of QGuiApplication
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return loop.run_until_complete(run_mode(args, app))
    finally:
        asyncio.set_event_loop(None)


def _stop_event(app: Any) -> asyncio.Event:
    """An event set by SIGINT/SIGTERM (and, with a window, by closing it)."""
    from PySide6.QtCore import QTimer

    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    # Python runs signal handlers only when it gets control: wake it up regularly.
    pulse = QTimer(app)
    pulse.timeout.connect(lambda: None)
    pulse.start(200)
    return stop


async def run_mode(args: argparse.Namespace, app: Any) -> int:
    """Build the runtime for the chosen mode, start it, run until asked to stop, close it."""
    from hmi.engine.qt_driver import EngineDriver
    from hmi.store.instance_lock import ALREADY_RUNNING_EXIT

    plant = None
    lock = None
    runtime: Runtime | None = None
    settings_path: Path | None = None
    try:
        if args.demo:
            from hmi.demo import DEFAULT_DEMO_SPEED, DemoPlant

            # a soak run keeps the simulators' memory out of the figures it prints
            isolated = bool(args.headless and args.batches)
            plant = DemoPlant(speed=args.speed or DEFAULT_DEMO_SPEED, isolated=isolated)
            await plant.start()
            runtime = plant.build()
        else:
            from hmi.engine.settings_check import check_settings_file
            from hmi.runtime import build_engine

            settings_path = args.config or default_config_path()
            _check_service_settings(args, settings_path)
            check = await asyncio.to_thread(check_settings_file, settings_path, install=True)
            runtime = build_engine(check.settings, settings_path=settings_path, check=check)
            lock = await _take_line(runtime, settings_path, args, app)
            if lock is False:  # closed while waiting as a standby panel
                return 0
    except ConfigError as exc:
        if runtime is not None and runtime.db_engine is not None:
            runtime.db_engine.dispose()  # refused (another HMI runs): leave no file open
        if plant is not None:
            await plant.stop()
        return await _cannot_start(args, app, exc)
    engine = runtime.engine
    engine.ctx.instance_locked = lock is not None
    driver = EngineDriver(engine)
    started = time.perf_counter()
    lost = asyncio.Event()  # another panel took the line over (hmi.line_lock.watch_line)
    watch = _watch_line(lock, engine.settings, lost, args, app)
    try:
        await engine.start()
        driver.start()
        if args.headless and args.batches:
            return await _demo_until(runtime, plant, args, started)
        if args.headless:
            stop = _stop_event(app)
            ended = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(lost.wait())]
            await asyncio.wait(ended, return_when=asyncio.FIRST_COMPLETED)
            for waiter in ended:
                waiter.cancel()
            return ALREADY_RUNNING_EXIT if lost.is_set() else 0
        if args.tour:
            return await _tour(driver, args, app, plant)
        code = await _window(driver, args, app)
        return ALREADY_RUNNING_EXIT if lost.is_set() else code
    finally:
        if watch is not None:
            watch.cancel()
        await driver.drain()
        await runtime.stop()  # the engine, then the database files
        if lock is not None:
            lock.release()
        if plant is not None:
            await plant.stop()


def _check_service_settings(args: argparse.Namespace, path: Path) -> None:
    """Service mode never runs on defaults by accident (a PLC at 127.0.0.1:502): a missing or
    empty settings file is refused, naming the path. The window may start on defaults (the
    operator sets it up in Settings); it says which file it would read."""
    try:
        empty = not path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        empty = None
    except OSError as exc:
        raise ConfigError(f"settings file {path}: cannot be read ({exc})") from exc
    if empty is False:
        return
    what = "is missing" if empty is None else "is empty"
    if args.headless:
        raise ConfigError(
            f"settings file {path} {what}: service mode does not run on defaults; write the "
            "settings there (docs/INSTALL.md) or pass --config PATH"
        )
    log.warning("settings file %s %s: starting on defaults; set up the HMI in Settings", path, what)


async def _take_line(runtime: Any, settings_path: Path, args: argparse.Namespace, app: Any) -> Any:
    """Hold the queue's single-instance lock for this process (hmi.line_lock): the lock, None
    (nothing to lock), or False when the panel was closed while waiting as a standby."""
    from hmi.line_lock import hold_line

    language = args.language or runtime.engine.settings.ui.language
    return await hold_line(runtime, settings_path, _stop_event(app), not args.headless, language)


def _watch_line(
    lock: Any, settings: Any, lost: asyncio.Event, args: argparse.Namespace, app: Any
) -> asyncio.Task[None] | None:
    """While running on a shared queue, check that this panel still holds the line; if not,
    set `lost` and close the window (its stop follows the last window closing)."""
    from hmi.line_lock import start_watch

    def on_lost(reason: str) -> None:
        lost.set()
        if not args.headless:
            app.closeAllWindows()

    return start_watch(lock, settings, on_lost)


async def _cannot_start(args: argparse.Namespace, app: Any, exc: ConfigError) -> int:
    """Tell the operator calmly why the HMI cannot start (a translated touch dialog that fits
    the panel, before any window; or stderr in service mode); exit code 2, or 3 when another
    HMI runs on this queue."""
    from hmi.domain.messages import msg
    from hmi.store.instance_lock import ALREADY_RUNNING_EXIT, AlreadyRunningError

    running = isinstance(exc, AlreadyRunningError)
    code = ALREADY_RUNNING_EXIT if running else 2
    message = f"The HMI cannot start: {exc}"
    log.error(message)
    if args.headless:
        print(message, file=sys.stderr)
        return code
    from hmi.ui.startup_refusal import show_refusal

    said = msg("startup.already_running") if running else msg("startup.refused", why=exc.message)
    detail = str(exc) if running else ""
    await show_refusal(app, _language_of(args), said, detail)
    return code


def _language_of(args: argparse.Namespace) -> str:
    """The window's language before any window: --language, else the settings', else ""."""
    if args.language:
        return str(args.language)
    try:
        return load_settings(args.config or default_config_path()).ui.language
    except ConfigError:
        return ""


async def _window(driver: Any, args: argparse.Namespace, app: Any) -> int:
    """Show the operator's window until it is closed (or the screenshot is taken)."""
    from hmi.engine.odoo_secret import system_odoo_secret
    from hmi.ui.excepthook import install as install_excepthook
    from hmi.ui.gc_guard import QtThreadGarbageCollector
    from hmi.ui.i18n import Translations
    from hmi.ui.main_window import MainWindow
    from hmi.ui.theme import apply_theme

    apply_theme(app)
    from PySide6.QtGui import QIcon

    from hmi.resources import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "hmi.png")))
    translations = Translations(app)
    translations.switch(args.language or driver.engine.settings.ui.language)
    window = MainWindow(
        driver,
        translations=translations,
        secret=None if args.demo else system_odoo_secret(),
    )
    install_excepthook(lambda: window)
    collector = QtThreadGarbageCollector(app)  # Qt objects are freed on the Qt thread only
    stop = _stop_event(app)
    app.lastWindowClosed.connect(stop.set)
    if args.kiosk or driver.engine.settings.ui.kiosk:
        window.apply_kiosk(True)
    elif args.screenshot and args.size:
        window.setGeometry(0, 0, *args.size)  # the panel's size, whatever the screen is
        window.show()
    else:
        window.showMaximized()
    if args.screenshot:
        try:
            await asyncio.wait_for(stop.wait(), timeout=args.after)
        except TimeoutError:
            pass
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = screenshot(window).save(str(args.screenshot))
        log.info("screenshot %s %s", args.screenshot, "saved" if ok else "FAILED")
        window.close()
        collector.stop()
        return 0 if ok else 1
    await stop.wait()
    collector.stop()
    return 0


async def _tour(driver: Any, args: argparse.Namespace, app: Any, plant: Any) -> int:
    """`--tour DIR`: every screen as the panel shows it, one PNG each (DIR/LANG/NAME.png);
    with the PLC FAULTED and down only the main window. An equipment alarm and an
    implausible value (the line stops for a decision) are raised on the way."""
    from hmi.ui.i18n import Translations
    from hmi.ui.main_window import MainWindow
    from hmi.ui.theme import apply_theme
    from hmi.ui.tour import Tour

    apply_theme(app)
    translations = Translations(app)
    translations.switch("en")
    window = MainWindow(driver, translations=translations)
    if args.size:
        window.setGeometry(0, 0, *args.size)
        window.show()
    else:
        window.apply_kiosk(True)
    plant.plc.inject_equipment_failure(103, 12, "motor overload")
    plant.plc.faults.publish_implausible(2, "overdose")  # the line stops: a decision waits
    saved: list[Path] = []

    def fault(on: bool) -> None:
        if on:
            plant.plc.faults.refuse_all(4)  # the PLC answers with exception responses
        else:
            plant.plc.faults.clear_refusals()

    async def visit(name: str, widget: Any, language: str, link: str) -> None:
        if link != "up" and name != "main":
            return
        path = args.tour / language / (name if link == "up" else f"{name}-plc-{link}")
        path.parent.mkdir(parents=True, exist_ok=True)
        whole = screenshot(window, whole_screen=True)
        if whole.save(f"{path}.png"):
            saved.append(path)

    try:
        await Tour(window, visit).run(
            translations,
            go_down=plant.plc.stop,
            fault=fault,
            archived=3,
            stopped=True,
            running_within_s=120,
        )
    finally:
        window.close()
        translations.switch("en")
    log.info("tour: %d screens saved in %s", len(saved), args.tour)
    return 0 if saved else 1


def screenshot(window: Any, whole_screen: bool = False) -> Any:
    """What the screen shows of the window: from the X server (xcb) when there is one, so
    the picture is the real window; the widget's own rendering elsewhere (offscreen)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "xcb" and window.screen() is not None:
        geometry = window.screen().geometry() if whole_screen else window.frameGeometry()
        return window.screen().grabWindow(
            0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
        )
    return window.grab()


def resident_memory_mb() -> float:
    """This process's resident memory in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def memory_growth(samples: list[tuple[int, float]], target: int) -> dict[str, float]:
    """Mean RSS over the first and the last quarter of a run (by batches reported)."""
    first = [mb for done, mb in samples if done < target / 4]
    last = [mb for done, mb in samples if done >= target * 3 / 4]
    if not first or not last:
        return {}
    a, b = sum(first) / len(first), sum(last) / len(last)
    return {
        "rss_first_quarter_mb": round(a, 1),
        "rss_last_quarter_mb": round(b, 1),
        "rss_growth_pct": round((b - a) / a * 100, 1),
    }


async def _demo_until(runtime: Any, plant: Any, args: argparse.Namespace, started: float) -> int:
    """Run the demo until N batches are reported; the JSON summary becomes the last line."""
    from hmi.demo import summarize

    engine = runtime.engine
    batch_s = 300.0 / (plant.speed or 1.0)
    limit = args.timeout or max(120.0, args.batches * batch_s * 3 + 60.0)
    stop = _stop_event(None)
    samples: list[tuple[int, float]] = []
    while time.perf_counter() - started < limit and not stop.is_set():
        done = await engine.history_count()
        samples.append((done, resident_memory_mb()))
        if done >= args.batches:
            break
        await asyncio.sleep(0.25)
    summary = await engine.ctx.db.call(summarize, runtime, plant, time.perf_counter() - started)
    summary["target"] = args.batches
    summary.update(memory_growth(samples, args.batches))
    ok = summary["reported"] >= args.batches and not summary["duplicates"] and not summary["lost"]
    args.summary = json.dumps(summary)  # printed by main() after shutdown: the last line
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
