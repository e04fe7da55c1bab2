"""Settings of one HMI installation: a validated TOML file in the user's config folder.

Secrets never live here: the Odoo password/API key is in the OS keyring and the supervisor
PIN is stored only as a salted hash.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from platformdirs import user_config_dir

from hmi.domain.errors import ConfigError
from hmi.domain.produced import ProducedPolicy

APP_NAME = "feedmill-batch-hmi"
CANCEL_MODES = ("cancel", "release")
NAME_POLICIES = ("refuse", "truncate", "transliterate", "transliterate_truncate")
LANGUAGES = ("", "en", "id")
WIZARD_CHOICES = {
    "consumption_wizard": ("accept_actual", "set_expected", "refuse"),
    "backorder_wizard": ("close", "backorder", "refuse"),
    "immediate_wizard": ("refuse", "process"),
}


@dataclass(frozen=True)
class PlcSettings:
    """Where the batching PLC is."""

    host: str = "127.0.0.1"
    port: int = 502
    unit_id: int = 1
    timeout_s: float = 2.0


@dataclass(frozen=True)
class OdooSettings:
    """Where Odoo is and which MOs this line takes; the secret is in the keyring."""

    url: str = "http://127.0.0.1:8069"
    database: str = "odoo"
    login: str = "admin"
    timeout_s: float = 10.0
    picking_type_id: int = 0  # 0 = any
    workcenter_id: int = 0
    company_id: int = 0
    cancel_mode: str = "cancel"  # cancel the MO in Odoo, or only release it from the queue
    keyring_backend: str = "system"  # "system" (OS keyring) or "file" (keyrings.alt, explicit)
    keyring_file: str = ""  # path of the file keyring when keyring_backend = "file"
    consumption_wizard: str = "accept_actual"  # accept_actual | set_expected | refuse
    backorder_wizard: str = "close"  # close | backorder | refuse
    immediate_wizard: str = "refuse"  # refuse | process


@dataclass(frozen=True)
class TaskSettings:
    """Intervals of the three tasks and Task 3's retry backoff."""

    fetch_interval_s: float = 60.0
    plc_interval_s: float = 1.0
    complete_interval_s: float = 10.0
    retry_min_s: float = 10.0
    retry_max_s: float = 600.0
    auto_fetch: bool = True


@dataclass(frozen=True)
class BatchingSettings:
    """Policies for mapping MOs and reporting batches."""

    produced_policy: str = ProducedPolicy.SUM_OF_ACTUALS.value
    name_policy: str = "refuse"
    max_actual_kg: float = 20_000.0
    implausible_factor: float = 3.0
    tolerance_pct: float = 2.0
    equipment_table: str = ""  # path; empty = the plant default in resources/


@dataclass(frozen=True)
class AlarmSettings:
    """When the engine raises alarms, how long they are kept, and the supervisor PIN lockout."""

    link_down_s: float = 60.0  # a link down longer than this raises an alarm
    max_batch_min: float = 30.0  # a batch dosing longer than this raises an alarm
    retention_days: float = 90.0  # event log and cleared alarms older than this are pruned
    shelve_max_min: float = 480.0  # longest a supervisor may shelve an alarm
    pin_max_failures: int = 5  # wrong PINs in a row before the lockout
    pin_lockout_min: float = 5.0  # how long the lockout lasts


@dataclass(frozen=True)
class UiSettings:
    """What the operator's window looks like."""

    line_name: str = "Line 1"
    language: str = ""  # "" = the system locale, else "en" or "id"
    kiosk: bool = False
    supervisor_pin_hash: str = ""  # "pbkdf2_sha256$iterations$salt$hash"; empty = not set
    standard_reasons: str = ""  # reasons offered for cancel/clear/shelve, ";"-separated


@dataclass(frozen=True)
class Settings:
    """All settings of one installation."""

    plc: PlcSettings = field(default_factory=PlcSettings)
    odoo: OdooSettings = field(default_factory=OdooSettings)
    tasks: TaskSettings = field(default_factory=TaskSettings)
    batching: BatchingSettings = field(default_factory=BatchingSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    alarms: AlarmSettings = field(default_factory=AlarmSettings)
    database_url: str = ""  # empty = SQLite file in the user's data folder


SECTIONS: dict[str, type] = {
    "plc": PlcSettings,
    "odoo": OdooSettings,
    "tasks": TaskSettings,
    "batching": BatchingSettings,
    "ui": UiSettings,
    "alarms": AlarmSettings,
}


def default_config_path() -> Path:
    """`$HMI_CONFIG` if set, else settings.toml in the user's config folder."""
    env = os.environ.get("HMI_CONFIG")
    if env:
        return Path(env)
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def _coerce(section: str, name: str, kind: type, value: Any) -> Any:
    """Convert one TOML value to the field's type or raise ConfigError naming it."""
    where = f"[{section}] {name}"
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected text, got {value!r}")
    return value


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Build Settings from parsed TOML, refusing unknown keys and wrong types by name."""
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key == "database_url":
            sections[key] = _coerce("top level", key, str, value)
            continue
        cls = SECTIONS.get(key)
        if cls is None or not isinstance(value, dict):
            raise ConfigError(f"unknown settings section [{key}]")
        known = {f.name: f for f in fields(cls)}
        values = {}
        for name, item in value.items():
            if name not in known:
                raise ConfigError(f"[{key}] {name}: unknown setting")
            kind = {"int": int, "float": float, "bool": bool}.get(str(known[name].type), str)
            values[name] = _coerce(key, name, kind, item)
        sections[key] = cls(**values)
    settings = Settings(**sections)
    problems = validate_settings(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    return settings


def validate_settings(settings: Settings) -> list[str]:
    """Every problem with the values, each naming the setting and the reason."""
    problems: list[str] = []
    plc, odoo, tasks, batching, ui = (
        settings.plc,
        settings.odoo,
        settings.tasks,
        settings.batching,
        settings.ui,
    )
    if not plc.host.strip():
        problems.append("PLC host: must not be empty")
    if not 1 <= plc.port <= 65535:
        problems.append(f"PLC port: {plc.port} is not between 1 and 65535")
    if not 0 <= plc.unit_id <= 255:
        problems.append(f"PLC unit id: {plc.unit_id} is not between 0 and 255")
    if not 0.1 <= plc.timeout_s <= 60:
        problems.append(f"PLC timeout: {plc.timeout_s} s is not between 0.1 and 60 s")
    parsed = urlparse(odoo.url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        problems.append(f"Odoo URL: {odoo.url!r} is not an http:// or https:// address")
    if not odoo.database.strip():
        problems.append("Odoo database: must not be empty")
    if not odoo.login.strip():
        problems.append("Odoo user: must not be empty")
    if not 1 <= odoo.timeout_s <= 300:
        problems.append(f"Odoo timeout: {odoo.timeout_s} s is not between 1 and 300 s")
    if odoo.keyring_backend not in ("system", "file"):
        problems.append(f"Odoo keyring: {odoo.keyring_backend!r} is not 'system' or 'file'")
    elif odoo.keyring_backend == "file" and not odoo.keyring_file.strip():
        problems.append("Odoo keyring: the 'file' backend needs a keyring file path")
    for name, allowed in WIZARD_CHOICES.items():
        value = getattr(odoo, name)
        if value not in allowed:
            problems.append(f"Odoo {name.replace('_', ' ')}: {value!r} is not one of {allowed}")
    if odoo.cancel_mode not in CANCEL_MODES:
        problems.append(f"Odoo cancel mode: {odoo.cancel_mode!r} is not one of {CANCEL_MODES}")
    for name, low, high in (
        ("fetch_interval_s", 1.0, 86_400.0),
        ("plc_interval_s", 0.1, 60.0),
        ("complete_interval_s", 0.2, 3_600.0),
        ("retry_min_s", 0.1, 3_600.0),
        ("retry_max_s", 1.0, 86_400.0),
    ):
        value = getattr(tasks, name)
        if not low <= value <= high:
            problems.append(f"Task interval {name}: {value} s is not between {low} and {high} s")
    if tasks.retry_max_s < tasks.retry_min_s:
        problems.append("Task retry: the maximum backoff is shorter than the minimum")
    if batching.produced_policy not in tuple(ProducedPolicy):
        problems.append(
            f"Produced quantity policy: {batching.produced_policy!r} is not one of "
            f"{[p.value for p in ProducedPolicy]}"
        )
    if batching.name_policy not in NAME_POLICIES:
        problems.append(f"Name policy: {batching.name_policy!r} is not one of {NAME_POLICIES}")
    if not 0 < batching.max_actual_kg <= 42_949_672.95:
        problems.append(f"Maximum actual: {batching.max_actual_kg} kg is out of range")
    if not 1 < batching.implausible_factor <= 100:
        problems.append("Implausible factor: must be above 1 and at most 100")
    if not 0 <= batching.tolerance_pct <= 100:
        problems.append("Dosing tolerance: must be between 0 and 100 %")
    problems.extend(_alarm_problems(settings.alarms))
    if ui.language not in LANGUAGES:
        problems.append(f"Language: {ui.language!r} is not one of en, id or empty (system)")
    if not ui.line_name.strip():
        problems.append("Line name: must not be empty")
    return problems


#: (setting, lowest, highest, words for the message)
ALARM_LIMITS = (
    ("link_down_s", 1.0, 86_400.0, "Alarm after a link is down for (s)"),
    ("max_batch_min", 0.01, 1_440.0, "Alarm when a batch runs longer than (min)"),
    ("retention_days", 1.0, 3_650.0, "Keep event log and cleared alarms for (days)"),
    ("shelve_max_min", 1.0, 10_080.0, "Longest alarm shelving (min)"),
    ("pin_max_failures", 1, 100, "Wrong PINs before the lockout"),
    ("pin_lockout_min", 0.1, 1_440.0, "PIN lockout (min)"),
)


def _alarm_problems(alarms: AlarmSettings) -> list[str]:
    """Problems with the [alarms] values, each naming the setting."""
    problems = []
    for name, low, high, words in ALARM_LIMITS:
        value = getattr(alarms, name)
        if not low <= value <= high:
            problems.append(f"{words}: {value} is not between {low:g} and {high:g}")
    return problems


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from `path` (default: the user's file); a missing file gives defaults."""
    target = path or default_config_path()
    if not target.exists():
        return Settings()
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {target}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {target}: not valid TOML ({exc})") from exc
    try:
        return settings_from_dict(data)
    except ConfigError as exc:
        raise ConfigError(f"settings file {target}: {exc}") from exc


def _toml_value(value: Any) -> str:
    """Render one scalar as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def dump_settings(settings: Settings) -> str:
    """Render settings as TOML text (the inverse of settings_from_dict)."""
    lines = [f"database_url = {_toml_value(settings.database_url)}", ""]
    for section in SECTIONS:
        lines.append(f"[{section}]")
        for name, value in asdict(getattr(settings, section)).items():
            lines.append(f"{name} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Validate and write settings atomically (temp file + rename); return the path."""
    problems = validate_settings(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    target = path or default_config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(dump_settings(settings), encoding="utf-8")
    os.replace(tmp, target)
    return target


def with_section(settings: Settings, section: str, **changes: Any) -> Settings:
    """Return settings with some values of one section changed."""
    return replace(settings, **{section: replace(getattr(settings, section), **changes)})
