"""Plant files belong to the plant: the register map and the equipment table live in the
configuration folder, beside settings.toml, not inside the installed program.

`plc.register_map` and `batching.equipment_table` name them: empty means the file of that
name in the configuration folder; a relative path is relative to that folder. The first start
copies the packaged defaults there; nothing ever overwrites an existing plant file, so an
upgrade (a new program folder) leaves the plant's edits alone. Without a configuration folder
(tests, demo mode) an empty setting means the packaged default itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from hmi.config import Settings, write_durably
from hmi.resources import resources_dir

log = logging.getLogger("hmi.plant_files")


@dataclass(frozen=True)
class PlantFileKind:
    """One kind of plant file: the setting naming it and the packaged default's file name."""

    name: str  # "register_map" | "equipment_table"
    section: str
    key: str
    file_name: str

    @property
    def setting(self) -> str:
        """'plc.register_map'."""
        return f"{self.section}.{self.key}"


REGISTER_MAP = PlantFileKind("register_map", "plc", "register_map", "register_map.toml")
EQUIPMENT_TABLE = PlantFileKind("equipment_table", "batching", "equipment_table", "equipment.toml")
KINDS = (REGISTER_MAP, EQUIPMENT_TABLE)


def packaged_default(kind: PlantFileKind) -> Path:
    """The default shipped with the program (read-only, replaced on upgrade)."""
    return resources_dir() / kind.file_name


def plant_file(settings: Settings, kind: PlantFileKind, config_dir: Path | None) -> Path:
    """Where this installation's file of `kind` is (it may not exist yet)."""
    value = str(getattr(getattr(settings, kind.section), kind.key)).strip()
    if not value:
        return config_dir / kind.file_name if config_dir is not None else packaged_default(kind)
    path = Path(value).expanduser()
    if path.is_absolute() or config_dir is None:
        return path
    return config_dir / path


def install_plant_files(settings: Settings, config_dir: Path | None) -> list[Path]:
    """First start: copy each packaged default to the configuration folder when the setting
    points there (empty) and no file exists yet. Never overwrites; returns what was copied."""
    if config_dir is None:
        return []
    copied = []
    for kind in KINDS:
        if str(getattr(getattr(settings, kind.section), kind.key)).strip():
            continue  # the integrator named a file: a missing one is a problem, not a copy
        target = config_dir / kind.file_name
        if target.exists():
            continue
        source = packaged_default(kind)
        write_durably(target, source.read_text(encoding="utf-8"))
        target.chmod(0o644)  # the bundle's copy may be read-only; the plant's is not
        log.info("first start: copied the packaged %s to %s", kind.name, target)
        copied.append(target)
    return copied


def config_dir_of(settings_path: Path | None) -> Path | None:
    """The configuration folder: the settings file's folder (None without a settings file)."""
    return None if settings_path is None else settings_path.resolve().parent
