"""Self-test checks of a workstation: program folder, user folders, shortcuts, nothing left open.

What an operator's Windows panel PC needs from an installation made by
`packaging/installer.iss` (Inno Setup 6):

- the program folder is in Program Files, whose permissions let a standard user read and
  run the program but not change it;
- settings, database and logs live in the user's own folders (never the program folder),
  so they survive upgrades and uninstalls;
- the Start-menu shortcuts, and the desktop and kiosk (logon) shortcuts of the tasks chosen
  at install time, exist and start this `hmi.exe`;
- after stop nothing the self-test opened is still open: Windows refuses to delete an
  open file, so a forgotten handle shows up as a folder that cannot be removed.

On a source checkout or a bundle that was not installed, the installation checks say so
and pass. The checks raise `hmi.selftest.CheckFailed` with a sentence for plant IT.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from hmi.selftest import SelfTest

#: packaging/installer.iss [Setup] AppId (its first "{" is Inno's escape): the uninstall key.
APP_ID = "{13340815-CB0B-4EE2-8E8E-92AEEB5E4A07}"
UNINSTALL_KEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
#: Inno Setup's uninstaller beside hmi.exe marks an installed program folder.
UNINSTALLER = "unins000.exe"
APP_EXE = "hmi.exe"

#: Windows known folders (KNOWNFOLDERID) the installer writes to. The 64-bit installer's
#: {autopf} is ProgramFilesX64 (Wine 8 does not resolve FOLDERID_ProgramFiles).
KNOWN_FOLDERS = {
    "ProgramFilesX64": "6d809377-6af0-444b-8957-a3773f02200e",
    "CommonPrograms": "0139d44e-6afe-49f2-8690-3dafcae6ffb8",
    "CommonStartup": "82a5ea35-d9cd-47c5-9629-e15d2f714e6e",
    "PublicDesktop": "c4aa340d-f20f-4863-afef-f87ef2e6ba25",
}


@dataclass(frozen=True)
class ExpectedShortcut:
    """One shortcut of installer.iss [Icons]: folder, file, arguments, the task making it."""

    folder: str
    name: str
    arguments: str = ""
    task: str | None = None


#: installer.iss [Icons] ({autoprograms}, {autodesktop} and {commonstartup} of an admin install).
SHORTCUTS = (
    ExpectedShortcut("CommonPrograms", "Batch HMI.lnk"),
    ExpectedShortcut("CommonPrograms", "Batch HMI (demo with simulators).lnk", "--demo"),
    ExpectedShortcut("PublicDesktop", "Batch HMI.lnk", task="desktopicon"),
    ExpectedShortcut("CommonStartup", "Batch HMI (kiosk).lnk", "--kiosk", task="kiosk"),
)


@dataclass(frozen=True)
class Installation:
    """What Inno Setup recorded in the uninstall key of this installation."""

    folder: Path
    tasks: frozenset[str]


@dataclass(frozen=True)
class Shortcut:
    """The parts of a Windows shortcut (.lnk) the checks compare."""

    target: str
    arguments: str
    working_dir: str


def _fail(reason: str) -> NoReturn:
    """Raise the self-test's CheckFailed (imported late: hmi.selftest imports this module)."""
    from hmi.selftest import CheckFailed

    raise CheckFailed(reason)


def frozen() -> bool:
    """Whether this is a PyInstaller bundle (else a source checkout)."""
    return bool(getattr(sys, "frozen", False))


def program_folder() -> Path:
    """The folder of hmi.exe in a bundle, else the source checkout's root."""
    if frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def installation() -> Installation | None:
    """The Inno Setup installation this bundle runs from, or None (not installed, not Windows).

    Raises CheckFailed when the uninstaller is there but the uninstall key is not.
    """
    folder = program_folder()
    if sys.platform != "win32" or not frozen() or not (folder / UNINSTALLER).is_file():
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, UNINSTALL_KEY) as key:
            app_path = str(winreg.QueryValueEx(key, "Inno Setup: App Path")[0])
            tasks = str(winreg.QueryValueEx(key, "Inno Setup: Selected Tasks")[0])
    except OSError as exc:
        _fail(
            f"{folder} has {UNINSTALLER} but its uninstall key HKLM\\{UNINSTALL_KEY} cannot be "
            f"read ({exc.strerror or exc}): run the setup again to repair the installation"
        )
    if not _same_path(Path(app_path), folder):
        _fail(f"this hmi.exe runs from {folder}, but the installation is in {app_path}")
    return Installation(folder=folder, tasks=frozenset(t for t in tasks.split(",") if t))


def known_folder(name: str) -> Path:
    """A Windows known folder (SHGetKnownFolderPath); KeyError for an unknown name."""
    folder_id = uuid.UUID(KNOWN_FOLDERS[name])
    if sys.platform != "win32":
        raise OSError(f"the known folder {name} exists only on Windows")
    import ctypes
    from ctypes import wintypes

    class Guid(ctypes.Structure):
        _fields_ = (
            ("data1", wintypes.DWORD),
            ("data2", wintypes.WORD),
            ("data3", wintypes.WORD),
            ("data4", ctypes.c_ubyte * 8),
        )

    guid = Guid.from_buffer_copy(folder_id.bytes_le)
    found = ctypes.c_wchar_p()
    result = ctypes.windll.shell32.SHGetKnownFolderPath(
        ctypes.byref(guid), 0, None, ctypes.byref(found)
    )
    try:
        if result != 0 or not found.value:
            raise OSError(f"the known folder {name} is not available (HRESULT {result:#x})")
        return Path(found.value)
    finally:
        ctypes.windll.ole32.CoTaskMemFree(found)


def is_administrator() -> bool:
    """Whether this process runs with an administrator's (elevated) rights."""
    if sys.platform == "win32":
        import ctypes

        return bool(ctypes.windll.shell32.IsUserAnAdmin())
    return os.geteuid() == 0


def read_shortcut(path: Path) -> Shortcut:
    """Target, arguments and working folder of a shortcut ([MS-SHLLINK] 2.1–2.4).

    Raises ValueError naming the file when it is not a shell link.
    """
    data = path.read_bytes()
    if len(data) < 0x4C or data[:4] != b"\x4c\x00\x00\x00":
        raise ValueError(f"{path} is not a Windows shortcut")

    def number(at: int, size: int) -> int:
        if at + size > len(data):
            raise ValueError(f"{path} is cut short")
        return int.from_bytes(data[at : at + size], "little")

    def c_string(at: int, wide: bool) -> str:
        end = data.find(b"\x00\x00" if wide else b"\x00", at)
        while wide and end >= 0 and (end - at) % 2:
            end = data.find(b"\x00\x00", end + 1)
        if end < 0:
            raise ValueError(f"{path} is cut short")
        return data[at:end].decode("utf-16-le" if wide else "mbcs" if os.name == "nt" else "cp1252")

    flags = number(0x14, 4)
    pos = 0x4C
    if flags & 0x01:  # HasLinkTargetIDList
        pos += 2 + number(pos, 2)
    target = ""
    if flags & 0x02:  # HasLinkInfo
        info_size, header_size, info_flags = number(pos, 4), number(pos + 4, 4), number(pos + 8, 4)
        if info_flags & 0x01:  # VolumeIDAndLocalBasePath
            if header_size >= 0x24:
                target = c_string(pos + number(pos + 28, 4), wide=True)
            else:
                target = c_string(pos + number(pos + 16, 4), wide=False)
        pos += info_size
    strings: dict[int, str] = {}
    for bit in (0x04, 0x08, 0x10, 0x20, 0x40):  # name, relative path, work dir, args, icon
        if flags & bit:
            count = number(pos, 2)
            size = count * 2 if flags & 0x80 else count  # IsUnicode
            raw = data[pos + 2 : pos + 2 + size]
            if len(raw) < size:
                raise ValueError(f"{path} is cut short")
            # Wine counts a terminating NUL that Windows leaves out
            strings[bit] = raw.decode("utf-16-le" if flags & 0x80 else "cp1252").rstrip("\x00")
            pos += 2 + size
    return Shortcut(
        target=target, arguments=strings.get(0x20, ""), working_dir=strings.get(0x10, "")
    )


def open_files_under(folder: Path) -> list[Path]:
    """Files below `folder` this process holds open (Linux /proc/self/fd; else unknown: [])."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    root = folder.resolve()
    found = []
    for fd in fds.iterdir():
        try:
            target = Path(os.readlink(fd).removesuffix(" (deleted)"))
        except OSError:
            continue  # closed while listing
        if target.is_relative_to(root):
            found.append(target)
    return sorted(set(found))


def _same_path(a: Path, b: Path) -> bool:
    """Whether two paths name the same folder (case-insensitively on Windows)."""
    if sys.platform == "win32":
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
    return a.resolve() == b.resolve()


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or below it (case-insensitively on Windows)."""
    if sys.platform == "win32":
        inner = PureWindowsPath(os.path.normcase(path.resolve()))
        return inner.is_relative_to(PureWindowsPath(os.path.normcase(folder.resolve())))
    return path.resolve().is_relative_to(folder.resolve())


def _can_write(folder: Path) -> bool:
    """Whether this account may create a file in `folder` (tried, and removed at once)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".hmi-write-probe-"):
            return True
    except OSError:
        return False


def _nearest_existing(path: Path) -> Path:
    """`path` or its nearest ancestor that exists (the folder a first start creates it in)."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


async def check_program_folder(state: SelfTest) -> str:
    """An installed program folder is in Program Files and read-only for a standard user."""
    folder = program_folder()
    if not frozen():
        return f"source checkout {folder} (not an installation: not checked)"
    installed = installation()
    if installed is None:
        return f"bundle {folder}, not installed (no {UNINSTALLER}): not checked"
    program_files = known_folder("ProgramFilesX64")
    if not _inside(folder, program_files):
        _fail(
            f"installed in {folder}, outside {program_files}: operators could change the "
            f"program; uninstall and install again into {program_files}"
        )
    writable = _can_write(folder)
    if writable and not is_administrator():
        _fail(
            f"this account is no administrator but may write in {folder}: its permissions were "
            "loosened; reset them (icacls /reset /t) or install again"
        )
    who = (
        "writable for administrators only (this account is one)"
        if writable
        else "read-only for this account"
    )
    return f"{folder} in {program_files}, {who}"


async def check_user_folders(state: SelfTest) -> str:
    """Settings, database and logs are in the user's folders, writable, outside the program."""
    from sqlalchemy.engine import make_url

    from hmi.config import default_config_path
    from hmi.logging_setup import default_log_dir
    from hmi.store.database import default_database_url

    program = program_folder()
    home = Path.home()
    url = make_url(state.settings.database_url or default_database_url())
    folders = {"settings": (default_config_path().parent, "HMI_CONFIG")}
    if url.get_backend_name() == "sqlite" and url.database:
        folders["database"] = (Path(url.database).parent, "HMI_DATA_DIR")
    folders["logs"] = (default_log_dir(), "HMI_LOG_DIR")
    shown = []
    for what, (folder, variable) in folders.items():
        if frozen() and _inside(folder, program):
            _fail(f"the {what} folder {folder} is inside the program folder {program}")
        chosen = bool(os.environ.get(variable)) or (
            what == "database" and bool(state.settings.database_url)
        )
        if not chosen and not _inside(folder, home):
            _fail(f"the {what} folder {folder} is outside the user's folder {home}")
        existing = _nearest_existing(folder)
        if not _can_write(existing):
            _fail(f"the {what} folder {folder} cannot be written ({existing} refuses a new file)")
        shown.append(f"{what} {folder}" + (f" ({variable})" if chosen else ""))
    if "database" not in folders:
        shown.append(f"database on {url.get_backend_name()} server {url.host}")
    return "; ".join(shown)


async def check_shortcuts(state: SelfTest) -> str:
    """The installer's shortcuts exist for the chosen tasks and start this hmi.exe."""
    installed = installation()
    if installed is None:
        return "not installed: not checked"
    exe = installed.folder / APP_EXE
    problems, found = [], []
    for expected in SHORTCUTS:
        path = known_folder(expected.folder) / expected.name
        wanted = expected.task is None or expected.task in installed.tasks
        if not wanted:
            if path.exists():
                problems.append(f"{path} exists although the task {expected.task!r} is off")
            continue
        if not path.is_file():
            problems.append(f"{path} is missing")
            continue
        try:
            link = read_shortcut(path)
        except (OSError, ValueError) as exc:
            problems.append(str(exc))
            continue
        if not _same_path(Path(link.target), exe):
            problems.append(f"{path} starts {link.target or 'nothing'}, not {exe}")
        elif link.arguments.strip() != expected.arguments:
            problems.append(f"{path} passes {link.arguments!r}, not {expected.arguments!r}")
        else:
            found.append(f"{expected.folder}\\{expected.name}")
    if problems:
        _fail("; ".join(problems) + ": run the setup again to repair the shortcuts")
    tasks = ", ".join(sorted(installed.tasks)) or "none"
    return f"{', '.join(found)} (tasks: {tasks})"


async def check_shutdown(state: SelfTest) -> str:
    """The engine and both simulators stop and free their ports."""
    from hmi.selftest import close_all

    await close_all(state)
    plant = state.plant
    ports = {"PLC": plant.plc.port, "Odoo": plant.odoo.port}
    still = [name for name, port in ports.items() if _listening(port)]
    if still:
        _fail(f"still listening after stop: {', '.join(still)}")
    return "engine stopped, both simulators stopped"


def _listening(port: int) -> bool:
    """Whether something accepts TCP connections on 127.0.0.1:`port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


async def check_clean_up(state: SelfTest) -> str:
    """After stop no file of the scratch folder is open and every one of them can be deleted."""
    still_open = open_files_under(state.scratch)
    if still_open:
        names = ", ".join(str(p.relative_to(state.scratch.resolve())) for p in still_open)
        _fail(f"still open after stop: {names} (a database or file handle was not closed)")
    count = sum(1 for _ in state.scratch.rglob("*"))
    refused = []
    for entry in sorted(state.scratch.iterdir()):
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as exc:
            refused.append(f"{entry.name} ({exc.strerror or exc})")
    if refused:
        _fail(f"cannot delete after stop: {', '.join(refused)} (a handle is still open)")
    return f"{count} files and folders of the self-test deleted"
