"""Locate the files in the repository's `resources/` folder, from a source tree or a bundle."""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

#: Where a (non-editable) pip install puts resources/ (pyproject's data-files).
INSTALLED = Path("share") / "feedmill-batch-hmi" / "resources"


def resources_dir() -> Path:
    """Return the folder holding the register map, equipment table and translations:
    the bundle's, the source tree's, or a pip install's (<prefix>/share/…)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source
    return Path(sysconfig.get_path("data")) / INSTALLED


def resource_path(name: str) -> Path:
    """Return the path of one resource file; raise FileNotFoundError naming it if absent."""
    path = resources_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"resource {name!r} not found in {resources_dir()}")
    return path
