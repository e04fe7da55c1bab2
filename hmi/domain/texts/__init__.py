"""The message catalogue: every code an operator can read, in English and Indonesian.

Each area keeps its own table in a module of this package (`common`, `gate`, …), a dict
``code -> (English, Indonesian)``; this module merges them and refuses a code defined
twice. `tests/unit/domain/test_texts.py` checks that every entry has both languages with
the same parameters, and that every code the source code uses is in the catalogue.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        table: Mapping[str, tuple[str, str]] = getattr(module, "TEXTS", {})
        for code, entry in table.items():
            if code in merged:
                raise RuntimeError(
                    f"message code {code!r} is defined in both {owner[code]} and {info.name}"
                )
            merged[code] = entry
            owner[code] = info.name
    return merged


#: code -> (English template, Indonesian template)
TEXTS: dict[str, tuple[str, str]] = _merge()
