"""One validation for settings: the settings dialog (through `Engine.apply_settings`),
`hmi --check-config` and start-up all call `check_settings`; what start-up would refuse,
saving refuses.

Problems are sorted by the side they stop (DESIGN §1 invariant 7: the line never stops
silently, and a problem on one side must not stop the other):

- `plc`: the [plc] section or the register map. Start-up runs the Odoo side and shows the
  PLC side unconfigured, with an alarm;
- `odoo`: the [odoo] section (the URL as the Odoo link parses it). Start-up runs the PLC
  side and shows Odoo unconfigured, with an alarm;
- `line`: everything else (the file itself, task, batching, alarm and window settings, the
  equipment table, which every batch is mapped with). Start-up refuses with the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hmi.config import Settings, load_settings_by_section, settings_problems
from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.domain.errors import ConfigError
from hmi.domain.messages import Message, msg, plain
from hmi.engine.plant_files import (
    EQUIPMENT_TABLE,
    REGISTER_MAP,
    config_dir_of,
    install_plant_files,
    plant_file,
)
from hmi.odoo.connection import parse_url
from hmi.plc.register_map import RegisterMap, load_register_map

#: settings section → the side its problems stop
SIDES = {"plc": "plc", "odoo": "odoo"}


@dataclass
class SettingsCheck:
    """The outcome of one check: the settings, the plant files loaded, problems per side."""

    settings: Settings
    config_dir: Path | None = None
    register_map: RegisterMap | None = None
    equipment: EquipmentTable | None = None
    plc: list[Message] = field(default_factory=list)
    odoo: list[Message] = field(default_factory=list)
    line: list[Message] = field(default_factory=list)
    copied: list[Path] = field(default_factory=list)

    @property
    def problems(self) -> list[Message]:
        """Every problem, line side first."""
        return [*self.line, *self.plc, *self.odoo]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (saving requires this)."""
        return not self.problems

    def add(self, side: str, problem: Message | str) -> None:
        """File a problem under its side (a message; text is a problem in its own words)."""
        getattr(self, side).append(problem if isinstance(problem, Message) else plain(problem))

    def report(self) -> str:
        """Lines for `hmi --check-config`."""
        lines = []
        for path in self.copied:
            lines.append(f"copied the packaged default to {path} (first start)")
        if self.register_map is not None:
            caps = self.register_map.capabilities
            lines.append(f"register map {self.register_map.source}: {caps.describe()}")
        if self.equipment is not None:
            where = plant_file(self.settings, EQUIPMENT_TABLE, self.config_dir)
            lines.append(f"equipment table {where}: {len(self.equipment)} silos and tanks")
        for side, words in (("line", "start-up refused"), ("plc", "PLC side"), ("odoo", "Odoo")):
            lines.extend(f"{words}: {problem}" for problem in getattr(self, side))
        lines.append("settings OK" if self.ok else f"{len(self.problems)} problem(s)")
        return "\n".join(lines)


def check_settings(
    settings: Settings,
    config_dir: Path | None = None,
    *,
    section_problems: dict[str, list[str]] | None = None,
    install: bool = False,
) -> SettingsCheck:
    """Check settings and the plant files they point at; `install` copies missing defaults."""
    check = SettingsCheck(settings, config_dir)
    for section, problems in (section_problems or {}).items():
        for problem in problems:
            check.add(SIDES.get(section, "line"), problem)
    for found in settings_problems(settings):
        setting = str(found.get("setting", ""))
        section = setting[1 : setting.find("]")] if setting.startswith("[") else ""
        check.add(SIDES.get(section, "line"), found)
    if install:
        try:
            check.copied = install_plant_files(settings, config_dir)
        except OSError as exc:
            check.add(
                "line",
                msg("settings.copy_failed", folder=str(config_dir), error=plain(str(exc))),
            )
    _check_register_map(check)
    _check_equipment(check)
    if not check.odoo:
        try:
            parse_url(settings.odoo.url)
        except ConfigError as exc:
            check.add("odoo", msg("settings.problem", setting="[odoo] url", reason=exc.message))
    return check


def check_settings_file(path: Path, *, install: bool = False) -> SettingsCheck:
    """Check a settings file as start-up reads it (an unreadable file is a line problem)."""
    try:
        settings, problems = load_settings_by_section(path)
    except ConfigError as exc:
        check = SettingsCheck(Settings(), config_dir_of(path))
        check.add("line", exc.message)
        return check
    return check_settings(settings, config_dir_of(path), section_problems=problems, install=install)


def _check_register_map(check: SettingsCheck) -> None:
    path = plant_file(check.settings, REGISTER_MAP, check.config_dir)
    try:
        check.register_map = load_register_map(path)
    except ConfigError as exc:
        check.add("plc", msg("settings.problem", setting="[plc] register_map", reason=exc.message))


def _check_equipment(check: SettingsCheck) -> None:
    path = plant_file(check.settings, EQUIPMENT_TABLE, check.config_dir)
    try:
        table = load_equipment_table(path)
    except ConfigError as exc:
        setting = "[batching] equipment_table"
        check.add("line", msg("settings.problem", setting=setting, reason=exc.message))
        return
    check.equipment = table
    regmap = check.register_map
    if regmap is None:
        return
    positions = {pos.equipment_id: pos for pos in regmap.positions}
    for entry in table:
        pos = positions.get(entry.id)
        if pos is None:
            check.add(
                "line",
                msg(
                    "settings.equipment_unmapped",
                    path=str(path),
                    id=entry.id,
                    name=entry.name,
                    map=regmap.source,
                ),
            )
        elif pos.kind != entry.kind:
            check.add(
                "line",
                msg(
                    "settings.equipment_kind",
                    path=str(path),
                    id=entry.id,
                    kind=msg(f"plc.kind.{entry.kind}"),
                    map=regmap.source,
                    map_kind=msg(f"plc.kind.{pos.kind}"),
                ),
            )
