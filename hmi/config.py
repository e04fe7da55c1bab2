"""Settings of one HMI installation: a declared schema, read from and written to TOML.

The schema is pydantic v2 dataclasses in strict mode: every section is a frozen dataclass
(so `dataclasses.replace`, `fields` and `asdict` work as before) whose fields declare their
type and range; building one validates it, `"502"` is not a port and `1` is not `true`.
Rules that span fields live in the section's `__post_init__`. To add a setting, add an
annotated field with a default to its section class; the TOML reader, the writer, the
settings dialog's parser and the messages follow from the declaration.

The file is read with the standard library and written with tomlkit, which keeps an
integrator's comments and layout; the write goes to a temporary file that is fsynced, renamed
over the old one, and the folder is fsynced (panel PCs lose power).

Secrets never live here: the Odoo password/API key is in the OS keyring and the supervisor
PIN is stored only as a salted hash. Plant files (register map, equipment table) are
checked by `hmi.engine.settings_check`, which also checks these values.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, field, fields, replace
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import tomlkit
from platformdirs import user_config_dir
from pydantic import AfterValidator, ConfigDict, Field
from pydantic import ValidationError as SchemaError
from pydantic.dataclasses import dataclass

from hmi.domain.errors import ConfigError, ValidationError
from hmi.domain.messages import Message, msg, plain
from hmi.domain.produced import ProducedPolicy

APP_NAME = "feedmill-batch-hmi"
CANCEL_MODES = ("cancel", "release")
#: How the HMI talks to Odoo (hmi.odoo.link.APIS): JSON-2 from Odoo 19 when "auto".
ODOO_APIS = ("auto", "jsonrpc", "json2")
NAME_POLICIES = ("refuse", "truncate", "transliterate", "transliterate_truncate")
LANGUAGES = ("", "en", "id")
#: [batching] settings that name a policy, and the values each accepts.
POLICY_CHOICES = {
    "in_progress_policy": ("refuse", "remainder"),
    "tracked_policy": ("refuse", "odoo_assigns"),
    "byproduct_policy": ("refuse", "odoo_books"),
    "workorder_policy": ("refuse", "odoo_finishes"),
    "warning_bom_policy": ("report", "hold"),
    "flexible_bom_policy": ("report", "hold"),
}
WIZARD_CHOICES = {
    "consumption_wizard": ("accept_actual", "set_expected", "refuse"),
    "backorder_wizard": ("close", "backorder", "refuse"),
    "immediate_wizard": ("refuse", "process"),
}
#: Strict: no text-to-number coercion; unknown keys refused.
SCHEMA = ConfigDict(strict=True, extra="forbid")


def _between(low: float, high: float) -> Any:
    """A finite number in [low, high]."""
    return Field(ge=low, le=high, allow_inf_nan=False)


def _http_url(value: str) -> str:
    """An http(s) URL with a host; a path prefix (Odoo behind a reverse proxy) is allowed."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid address ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http:// or https:// address")
    if parts.query or parts.fragment:
        raise ValueError(f"{value!r} must not have a query (?…) or a fragment (#…)")
    return value


def _time_zone(value: str) -> str:
    """An IANA time zone name, or "" for the computer's own zone."""
    if value.strip():
        from hmi.domain.localtime import zone_named

        try:
            zone_named(value)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
    return value.strip()


def _shifts(value: str) -> str:
    """'Morning 06:00; Afternoon 14:00; Night 22:00' (hmi.domain.shifts)."""
    from hmi.domain.shifts import parse_shifts

    try:
        parse_shifts(value)
    except ValidationError as exc:
        raise ValueError(str(exc)) from None
    return value


def _manual_materials(value: str) -> str:
    """'1=RM-PREMIX; 2=RM-MEDIC' (hmi.domain.manual)."""
    from hmi.domain.manual import parse_manual_materials

    parse_manual_materials(value)
    return value


NotBlank = Annotated[str, Field(pattern=r"\S")]
Port = Annotated[int, Field(ge=1, le=65535)]


@dataclass(frozen=True, config=SCHEMA)
class PlcSettings:
    """Where the batching PLC is; its capabilities and protocol are in the register map."""

    host: NotBlank = "127.0.0.1"
    port: Port = 502  # Modbus TCP 502; Omron FINS 9600
    unit_id: Annotated[int, Field(ge=0, le=255)] = 1  # the register map's [plc] unit_id wins
    timeout_s: Annotated[float, _between(0.1, 60.0)] = 2.0
    #: The plant's register map: "" = register_map.toml in the configuration folder (copied
    #: from the packaged default on first start); a relative path is relative to that folder.
    register_map: str = ""


@dataclass(frozen=True, config=SCHEMA)
class OdooSettings:
    """Where Odoo is and which MOs this line takes; the secret is in the keyring."""

    url: Annotated[str, AfterValidator(_http_url)] = "http://127.0.0.1:8069"
    database: NotBlank = "odoo"
    login: NotBlank = "admin"
    timeout_s: Annotated[float, _between(1.0, 300.0)] = 10.0
    picking_type_id: Annotated[int, Field(ge=0)] = 0  # 0 = any
    workcenter_id: Annotated[int, Field(ge=0)] = 0
    company_id: Annotated[int, Field(ge=0)] = 0
    cancel_mode: Literal["cancel", "release"] = "cancel"
    keyring_backend: Literal["system", "file"] = "system"
    keyring_file: str = ""  # path of the file keyring when keyring_backend = "file"
    consumption_wizard: Literal["accept_actual", "set_expected", "refuse"] = "accept_actual"
    backorder_wizard: Literal["close", "backorder", "refuse"] = "close"
    immediate_wizard: Literal["refuse", "process"] = "refuse"
    #: auto (JSON-2 from Odoo 19, needs an API key) | jsonrpc | json2
    api: Literal["auto", "jsonrpc", "json2"] = "auto"

    def __post_init__(self) -> None:
        if self.keyring_backend == "file" and not self.keyring_file.strip():
            raise ValueError("keyring_file: the 'file' keyring backend needs a keyring file path")


@dataclass(frozen=True, config=SCHEMA)
class TaskSettings:
    """Intervals of the three tasks and Task 3's retry backoff (seconds)."""

    fetch_interval_s: Annotated[float, _between(1.0, 86_400.0)] = 60.0
    plc_interval_s: Annotated[float, _between(0.1, 60.0)] = 1.0
    complete_interval_s: Annotated[float, _between(0.2, 3_600.0)] = 10.0
    retry_min_s: Annotated[float, _between(0.1, 3_600.0)] = 10.0
    retry_max_s: Annotated[float, _between(1.0, 86_400.0)] = 600.0
    auto_fetch: bool = True

    def __post_init__(self) -> None:
        if self.retry_max_s < self.retry_min_s:
            raise ValueError("retry_max_s: the maximum backoff is shorter than retry_min_s")


@dataclass(frozen=True, config=SCHEMA)
class BatchingSettings:
    """Policies for mapping MOs and reporting batches (docs/INTEGRATOR.md explains each)."""

    produced_policy: Literal["sum_of_actuals", "planned"] = "sum_of_actuals"
    name_policy: Literal["refuse", "truncate", "transliterate", "transliterate_truncate"] = "refuse"
    max_actual_kg: Annotated[float, Field(gt=0, le=42_949_672.95, allow_inf_nan=False)] = 20_000.0
    implausible_factor: Annotated[float, Field(gt=1, le=100, allow_inf_nan=False)] = 3.0
    tolerance_pct: Annotated[float, _between(0.0, 100.0)] = 2.0
    #: The equipment table: "" = equipment.toml in the configuration folder (copied from the
    #: packaged default on first start); a relative path is relative to that folder.
    equipment_table: str = ""
    # What the HMI accepts from Odoo (hmi.domain.mapping_rules, docs/INTEGRATOR.md §5):
    #: the line's largest batch (mixer capacity)
    max_batch_kg: Annotated[float, Field(gt=0, le=42_949_672.95, allow_inf_nan=False)] = 20_000.0
    #: how far the components' sum may differ from the MO's quantity
    sum_tolerance_pct: Annotated[float, _between(0.0, 100.0)] = 1.0
    in_progress_policy: Literal["refuse", "remainder"] = "refuse"
    tracked_policy: Literal["refuse", "odoo_assigns"] = "refuse"
    byproduct_policy: Literal["refuse", "odoo_books"] = "refuse"
    workorder_policy: Literal["refuse", "odoo_finishes"] = "refuse"
    # Consumption off the BoM, before reporting (hmi.domain.consumption); strict always holds:
    warning_bom_policy: Literal["report", "hold"] = "report"
    flexible_bom_policy: Literal["report", "hold"] = "report"
    #: materials only ever added by hand: the PLC's manual-weighing material code → Odoo
    #: internal reference, "1=RM-PREMIX; 2=RM-MEDIC" (a silo/tank id stands for its material)
    manual_materials: Annotated[str, AfterValidator(_manual_materials)] = ""


@dataclass(frozen=True, config=SCHEMA)
class AlarmSettings:
    """When the engine raises alarms, how long they are kept, and the supervisor PIN lockout."""

    link_down_s: Annotated[float, _between(1.0, 86_400.0)] = 60.0
    max_batch_min: Annotated[float, _between(0.01, 1_440.0)] = 30.0
    retention_days: Annotated[float, _between(1.0, 3_650.0)] = 90.0
    shelve_max_min: Annotated[float, _between(1.0, 10_080.0)] = 480.0
    pin_max_failures: Annotated[int, Field(ge=1, le=100)] = 5
    pin_lockout_min: Annotated[float, _between(0.1, 1_440.0)] = 5.0


@dataclass(frozen=True, config=SCHEMA)
class WatchdogSettings:
    """The stall watchdog (hmi.domain.stalls): time allowed for each expected progress, in s."""

    #: Odoo is asked a cheap question this often while idle
    heartbeat_s: Annotated[float, _between(0.1, 3_600.0)] = 30.0
    #: the PLC refuses requests (exception responses) this long: alarm
    fault_s: Annotated[float, _between(0.0, 3_600.0)] = 5.0
    #: lost batches, unknown slots, identity mismatches: alarm after
    confirm_s: Annotated[float, _between(0.0, 3_600.0)] = 5.0
    #: an acknowledgement has not reached the PLC this long: alarm
    ack_s: Annotated[float, _between(0.5, 3_600.0)] = 10.0
    #: a sent batch has not started although the PLC is idle: alarm
    start_s: Annotated[float, _between(1.0, 86_400.0)] = 120.0
    #: the queue has not moved (or the PLC was never ready) this long
    idle_s: Annotated[float, _between(10.0, 86_400.0)] = 600.0
    #: another panel's report claim is waited on this long: alarm
    claim_s: Annotated[float, _between(1.0, 86_400.0)] = 120.0
    #: a task failing this many times in a row: alarm
    task_failures: Annotated[int, Field(ge=1, le=10_000)] = 5
    #: a standby panel (a second panel of a line on PostgreSQL) tries the line's lock this
    #: often; the running panel checks it still holds it as often
    standby_retry_s: Annotated[float, _between(0.5, 60.0)] = 2.0


@dataclass(frozen=True, config=SCHEMA)
class UiSettings:
    """What the operator's window looks like."""

    line_name: NotBlank = "Line 1"
    language: Literal["", "en", "id"] = ""  # "" = the system locale
    kiosk: bool = False
    #: the previous version's supervisor PIN (PBKDF2 hash): moved to the administrator
    #: "Supervisor" at the first start of this version and emptied (hmi.engine.users)
    supervisor_pin_hash: str = ""
    standard_reasons: str = ""  # reasons offered for cancel/clear/shelve, ";"-separated
    #: the plant's time zone by IANA name ("Asia/Jakarta"); "" = the computer's own zone
    time_zone: Annotated[str, AfterValidator(_time_zone)] = ""
    #: the shifts: names and local start times, "Morning 06:00; Afternoon 14:00; Night 22:00"
    shifts: Annotated[str, AfterValidator(_shifts)] = "Morning 06:00; Afternoon 14:00; Night 22:00"
    #: a signed-in user is signed out after this many minutes without a touch
    idle_signout_min: Annotated[float, _between(0.5, 480.0)] = 5.0


@dataclass(frozen=True, config=SCHEMA)
class Settings:
    """All settings of one installation."""

    plc: PlcSettings = field(default_factory=PlcSettings)
    odoo: OdooSettings = field(default_factory=OdooSettings)
    tasks: TaskSettings = field(default_factory=TaskSettings)
    batching: BatchingSettings = field(default_factory=BatchingSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    alarms: AlarmSettings = field(default_factory=AlarmSettings)
    watchdog: WatchdogSettings = field(default_factory=WatchdogSettings)
    database_url: str = ""  # empty = SQLite file in the user's data folder


SECTIONS: dict[str, type] = {
    "plc": PlcSettings,
    "odoo": OdooSettings,
    "tasks": TaskSettings,
    "batching": BatchingSettings,
    "ui": UiSettings,
    "alarms": AlarmSettings,
    "watchdog": WatchdogSettings,
}
TOP_LEVEL = ("database_url",)

#: pydantic error type → the reason in the integrator's words ({…} from the error's context).
REASONS = {
    "int_type": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "string_type": "expected text",
    "literal_error": "must be one of {expected}",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be above {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be below {lt}",
    "finite_number": "must be a finite number",
    "string_pattern_mismatch": "must not be empty",
    "unexpected_keyword_argument": "unknown setting",
}


def default_config_path() -> Path:
    """`$HMI_CONFIG` if set, else settings.toml in the user's config folder."""
    env = os.environ.get("HMI_CONFIG")
    if env:
        return Path(env)
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def _reasons(section: str, exc: SchemaError) -> list[str]:
    """One line per schema error: '[plc] port: must be at most 65535 (got 70000)'."""
    return [str(problem) for problem in schema_problems(section, exc)]


def schema_problems(section: str, exc: SchemaError) -> list[Message]:
    """One message per schema error, naming the setting, the reason and the value given
    (`settings.reason.<pydantic error type>`; a field's own rule as it words it)."""
    problems = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"])
        setting = f"[{section}] {name}" if name else f"[{section}]"
        if error["type"] == "value_error":  # a field's rule, or __post_init__'s "name: why"
            why = plain(str(error.get("ctx", {}).get("error", error["msg"])))
            code = "settings.problem" if name else "settings.section_problem"
            problems.append(msg(code, setting=setting, reason=why))
            continue
        code = f"settings.reason.{error['type']}"
        if error["type"] in REASONS:
            context = {k: str(v) for k, v in error.get("ctx", {}).items()}
            reason = msg(code, **context)
        else:
            reason = plain(str(error["msg"]))
        if error["type"] == "unexpected_keyword_argument":
            problems.append(msg("settings.problem", setting=setting, reason=reason))
        else:
            got = repr(error["input"])
            problems.append(msg("settings.problem_got", setting=setting, reason=reason, got=got))
    return problems


def build_section(section: str, values: Mapping[str, Any]) -> Any:
    """A validated section from its TOML table; ConfigError lists every problem by name."""
    cls = SECTIONS.get(section)
    if cls is None:
        raise ConfigError(f"unknown settings section [{section}]")
    try:
        return cls(**dict(values))
    except SchemaError as exc:
        raise ConfigError("; ".join(_reasons(section, exc))) from None


def sections_from_dict(data: Mapping[str, Any]) -> tuple[Settings, dict[str, list[str]]]:
    """Settings from parsed TOML, section by section, and the problems of each section.

    A section with problems is replaced by its defaults and listed under its name ("" for the
    file as a whole: unknown sections, a bad database_url), so start-up can decide per side.
    """
    problems: dict[str, list[str]] = {}
    built: dict[str, Any] = {}
    for key, value in data.items():
        if key in TOP_LEVEL:
            if isinstance(value, str):
                built[key] = value
            else:
                problems.setdefault("", []).append(f"{key}: expected text (got {value!r})")
        elif key not in SECTIONS or not isinstance(value, Mapping):
            problems.setdefault("", []).append(f"unknown settings section [{key}]")
        else:
            try:
                built[key] = build_section(key, value)
            except ConfigError as exc:
                problems[key] = str(exc).split("; ")
    return Settings(**built), problems


def settings_from_dict(data: Mapping[str, Any]) -> Settings:
    """Build Settings from parsed TOML, refusing unknown keys and wrong values by name."""
    settings, problems = sections_from_dict(data)
    if problems:
        raise ConfigError("; ".join(p for found in problems.values() for p in found))
    return settings


def validate_settings(settings: Settings) -> list[str]:
    """Every problem with the values, in English (see `settings_problems`)."""
    return [str(problem) for problem in settings_problems(settings)]


def settings_problems(settings: Settings) -> list[Message]:
    """Every problem with the values, each naming the setting and the reason (schema only).

    Settings built through the schema are valid already; this re-checks an object that may
    have been built otherwise. Plant files and links are checked by
    `hmi.engine.settings_check.check_settings`, which includes this.
    """
    problems: list[Message] = []
    for section, cls in SECTIONS.items():
        values = getattr(settings, section)
        try:
            cls(**asdict(values))
        except SchemaError as exc:
            problems.extend(schema_problems(section, exc))
    if not isinstance(settings.database_url, str):
        reason = msg("settings.reason.string_type")
        problems.append(msg("settings.problem", setting="database_url", reason=reason))
    return problems


def read_settings_file(path: Path) -> dict[str, Any]:
    """The parsed TOML of a settings file; ConfigError names the file and the reason."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {path}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {path}: not valid TOML ({exc})") from exc


def load_settings_by_section(path: Path | None = None) -> tuple[Settings, dict[str, list[str]]]:
    """Settings from `path` (missing: defaults) and the problems per section (see above)."""
    target = path or default_config_path()
    if not target.exists():
        return Settings(), {}
    settings, problems = sections_from_dict(read_settings_file(target))
    named = {k: [f"settings file {target}: {p}" for p in v] for k, v in problems.items()}
    return settings, named


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from `path` (default: the user's file); a missing file gives defaults."""
    target = path or default_config_path()
    if not target.exists():
        return Settings()
    try:
        return settings_from_dict(read_settings_file(target))
    except ConfigError as exc:
        if str(target) in str(exc):
            raise
        raise ConfigError(f"settings file {target}: {exc}") from exc


def _plain(settings: Settings) -> dict[str, Any]:
    """The settings as TOML-ready nested dicts, top-level keys first."""
    data = asdict(settings)
    return {**{k: data[k] for k in TOP_LEVEL}, **{s: data[s] for s in SECTIONS}}


def render_settings(settings: Settings, existing: str = "") -> str:
    """TOML text of `settings`, edited into `existing` so its comments and layout stay."""
    document = tomlkit.parse(existing) if existing.strip() else _new_document()
    for key, value in _plain(settings).items():
        if not isinstance(value, dict):
            if key not in document or document[key] != value:
                document[key] = value
            continue
        if key not in document:
            document[key] = tomlkit.table()
        table = document[key]
        for name, item in value.items():
            if name not in table or table[name] != item:
                table[name] = item
    return tomlkit.dumps(document)


def _new_document() -> tomlkit.TOMLDocument:
    document = tomlkit.document()
    document.add(tomlkit.comment("Batch HMI settings (docs/INSTALL.md explains every key)."))
    document.add(tomlkit.comment("Comments and layout are kept when the HMI saves this file."))
    document.add(tomlkit.nl())
    return document


def dump_settings(settings: Settings) -> str:
    """Render settings as TOML text (the inverse of settings_from_dict)."""
    return render_settings(settings)


def write_durably(target: Path, text: str) -> None:
    """Replace `target` with `text`: temp file, fsync, rename, fsync of the folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    fsync_folder(target.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open folders for fsync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Validate and write settings durably, keeping the file's comments; return the path."""
    problems = validate_settings(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    target = path or default_config_path()
    existing = ""
    if target.exists():
        try:
            existing = target.read_text(encoding="utf-8")
            tomlkit.parse(existing)
        except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError):
            existing = ""  # an unreadable file is replaced whole
    write_durably(target, render_settings(settings, existing))
    return target


def with_section(settings: Settings, section: str, **changes: Any) -> Settings:
    """Return settings with some values of one section changed; ValidationError names a bad
    value (the schema checks it at once)."""
    try:
        return replace(settings, **{section: replace(getattr(settings, section), **changes)})
    except SchemaError as exc:
        raise ValidationError("; ".join(_reasons(section, exc))) from None
    except TypeError as exc:  # an unknown field name
        raise ValidationError(f"[{section}] {exc}") from None


def field_names(section: str) -> tuple[str, ...]:
    """The setting names of one section, in declaration order."""
    return tuple(f.name for f in fields(SECTIONS[section]))


__all__ = [
    "CANCEL_MODES",
    "LANGUAGES",
    "NAME_POLICIES",
    "SECTIONS",
    "WIZARD_CHOICES",
    "AlarmSettings",
    "BatchingSettings",
    "OdooSettings",
    "PlcSettings",
    "ProducedPolicy",
    "Settings",
    "TaskSettings",
    "UiSettings",
    "default_config_path",
    "dump_settings",
    "field_names",
    "load_settings",
    "load_settings_by_section",
    "render_settings",
    "save_settings",
    "sections_from_dict",
    "settings_from_dict",
    "validate_settings",
    "with_section",
    "write_durably",
]
