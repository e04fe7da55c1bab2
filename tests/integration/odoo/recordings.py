"""Helpers for the recorded real Odoo 16–19 answers in `tests/data/odoo-recordings/`.

A recording is a list of HTTP exchanges (request body, status, response body) a real Odoo
server answered. The secrets in it are masked ("***"): `secret_for` says which secret each
exchange used (the admin's password, a wrong one, the API key, the operator's password) so
the request can be sent again. `differences` compares two answers and names every path that
differs, after dropping what is never comparable (the random JSON-RPC id; the traceback the
recorder trimmed).
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2] / "data" / "odoo-recordings"
VERSIONS = (16, 17, 18, 19)
#: The order the scenarios were recorded in, on one database per version (their ids follow it).
ORDER = (
    "login",
    "fetch",
    "report_warning_over",
    "report_strict_over",
    "report_flexible_over",
    "report_backorder_close",
    "report_backorder_backorder",
    "report_nothing_written",
    "report_already_done",
    "report_cancelled_mo",
    "report_cancel_done_mo",
    "report_lot_missing",
    "report_lot_autoassigned",
    "report_write_done_move",
    "report_no_rights",
    "json2_fetch",
    "json2_report",
    "json2_report_backorder",
)
PASSWORD, WRONG, API_KEY, OPERATOR = "admin-pw", "not-the-password", "admin-api-key", "operator-pw"
#: login.json: which secret each exchange sent (README: password, wrong password, API key;
#: then the raw /jsonrpc calls with the API key and a wrong password; then OdooLink.connect()
#: with password, wrong password, API key). Other files use the password of their user.
LOGIN_SECRETS = {
    1: PASSWORD, 2: PASSWORD, 4: WRONG, 6: API_KEY, 7: API_KEY, 9: API_KEY, 10: API_KEY,
    11: API_KEY, 12: WRONG, 14: PASSWORD, 15: PASSWORD, 17: WRONG, 19: API_KEY, 20: API_KEY,
}  # fmt: skip


@cache
def recording(version: int, scenario: str) -> dict[str, Any]:
    """One recording file, parsed."""
    path = ROOT / f"odoo-{version}" / f"{scenario}.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def scenarios(version: int) -> list[str]:
    """The scenarios recorded on `version`, in recording order (17+ recorded the lot found
    automatically before the missing lot: their move line ids show it)."""
    order = list(ORDER)
    if version >= 17:
        first, second = order.index("report_lot_missing"), order.index("report_lot_autoassigned")
        order[first], order[second] = order[second], order[first]
    return [s for s in order if (ROOT / f"odoo-{version}" / f"{s}.json").exists()]


def secret_for(scenario: str, index: int) -> str:
    """The secret exchange `index` of `scenario` sent where the recording shows "***"."""
    if scenario == "login":
        return LOGIN_SECRETS.get(index, PASSWORD)
    if scenario == "report_no_rights":
        return OPERATOR
    return PASSWORD


def bearer_for(scenario: str, index: int) -> str:
    """The API key a JSON-2 exchange sent: json2_fetch's first call used an invalid one."""
    return "not-an-api-key" if (scenario, index) == ("json2_fetch", 0) else API_KEY


def unmask(value: Any, secret: str) -> Any:
    """The request body with every "***" replaced by `secret`."""
    if value == "***":
        return secret
    if isinstance(value, list):
        return [unmask(v, secret) for v in value]
    if isinstance(value, dict):
        return {k: unmask(v, secret) for k, v in value.items()}
    return value


def comparable(body: Any) -> Any:
    """An answer without what never compares: the JSON-RPC id (random, chosen by odoorpc)
    and the traceback in `error.data.debug` / JSON-2 `debug` (cut by the recorder)."""
    if not isinstance(body, dict):
        return body
    out = {k: v for k, v in body.items() if k not in ("id", "debug")}
    error = out.get("error")
    if isinstance(error, dict) and isinstance(error.get("data"), dict):
        data = {k: v for k, v in error["data"].items() if k != "debug"}
        out["error"] = {**error, "data": data}
    return out


def differences(expected: Any, actual: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(path, expected, actual) for every leaf that differs; dict key order is irrelevant,
    numbers compare by value (1000 == 1000.0, as JSON does)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                yield sub, expected[key], "<missing>"
            elif key not in expected:
                yield sub, "<missing>", actual[key]
            else:
                yield from differences(expected[key], actual[key], sub)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield f"{path}.len", len(expected), len(actual)
        for index, (e, a) in enumerate(zip(expected, actual, strict=False)):
            yield from differences(e, a, f"{path}[{index}]")
    elif expected != actual or isinstance(expected, bool) != isinstance(actual, bool):
        yield path, expected, actual


def ignored(path: str, patterns: list[tuple[str, str]]) -> bool:
    """True when `path` matches one of the (pattern, reason) entries."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern, _ in patterns)
