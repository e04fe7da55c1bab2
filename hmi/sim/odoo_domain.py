"""Odoo domain operators as the simulator evaluates them (one leaf: field, operator, value)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _like(value: Any, pattern: Any, ci: bool) -> bool:
    text, pat = str(value or ""), str(pattern)
    return pat.lower() in text.lower() if ci else pat in text


def _lt(a: Any, b: Any) -> bool:
    return a not in (False, None) and a < b


def _gt(a: Any, b: Any) -> bool:
    return a not in (False, None) and a > b


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda v, a: v == a or (v in (False, None) and a in (False, None)),
    "!=": lambda v, a: not (v == a or (v in (False, None) and a in (False, None))),
    "in": lambda v, a: v in list(a),
    "not in": lambda v, a: v not in list(a),
    "<": _lt,
    ">": _gt,
    "<=": lambda v, a: v == a or _lt(v, a),
    ">=": lambda v, a: v == a or _gt(v, a),
    "like": lambda v, a: _like(v, a, False),
    "ilike": lambda v, a: _like(v, a, True),
    "not like": lambda v, a: not _like(v, a, False),
    "not ilike": lambda v, a: not _like(v, a, True),
    "=like": lambda v, a: str(v) == str(a),
    "=ilike": lambda v, a: str(v).lower() == str(a).lower(),
}
NEGATIVE = frozenset({"!=", "not in", "not like", "not ilike"})
