"""The two ways the link talks to Odoo: odoorpc's JSON-RPC (≤18) and the JSON-2 API (19+).

Both run synchronously in the link's worker thread and take a call in execute_kw form
(model, method, positional args, keyword args); both raise what `hmi.odoo._errors.classify`
turns into the domain errors. `Json2Transport` sends the call as Odoo 19's External JSON-2
API wants it (odoo.com/documentation/19.0/developer/reference/external_api.html):
``POST /json/2/<model>/<method>`` with the method's named arguments, `ids` and `context` in
the body, ``Authorization: bearer <API key>`` and ``X-Odoo-Database``; the answer is the
bare result, an error is an HTTP status with ``{name, message, …}``. HTTP is urllib's, as
odoorpc's is (one client library for both, its errors classified once).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import odoorpc

log = logging.getLogger(__name__)

#: Names of the positional arguments of the ORM methods the link calls (JSON-2 wants names).
ARGUMENT_NAMES: dict[str, tuple[str, ...]] = {
    "read": ("ids", "fields"),
    "write": ("ids", "vals"),
    "search_read": ("domain", "fields", "offset", "limit", "order"),
    "search": ("domain", "offset", "limit", "order"),
    "search_count": ("domain",),
    "create": ("vals_list",),
    "fields_get": ("allfields", "attributes"),
}


class Json2Error(Exception):
    """An error answer of the JSON-2 API: HTTP status, Odoo's exception name and message."""

    def __init__(self, status: int, name: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.name = name
        self.message = message


class NotOdooAnswer(ValueError):
    """The server answered JSON that is not an Odoo answer (the URL is not Odoo's): a link
    problem to show, not a programming error."""


class Transport(Protocol):
    """One logged-in connection to Odoo."""

    def call(self, model: str, method: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """One model method call (execute_kw form)."""
        ...


class OdoorpcTransport:
    """odoorpc over /jsonrpc: version_info is already known, so login + context_get only."""

    def __init__(self, odoo: odoorpc.ODOO) -> None:
        self.odoo = odoo

    @classmethod
    def login(
        cls,
        host: str,
        port: int,
        protocol: str,
        timeout: float,
        opener: urllib.request.OpenerDirector,
        version: str,
        account: tuple[str, str, str],
    ) -> OdoorpcTransport:
        """Log in (common.login, then res.users.context_get as odoorpc does)."""
        odoo = odoorpc.ODOO(
            host, protocol=protocol, port=port, timeout=timeout, version=version, opener=opener
        )
        database, login, secret = account
        odoo.login(database, login, secret)
        return cls(odoo)

    def call(self, model: str, method: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """execute_kw."""
        return self.odoo.execute_kw(model, method, list(args), dict(kwargs))


class Json2Transport:
    """Odoo 19's External JSON-2 API with a bearer API key."""

    def __init__(
        self,
        base_url: str,
        database: str,
        api_key: str,
        timeout: float,
        opener: urllib.request.OpenerDirector,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.database = database
        self._api_key = api_key
        self.timeout = timeout
        self.opener = opener

    def check(self) -> dict[str, Any]:
        """Prove the key works (res.users.context_get); the user's context."""
        answer = self.call("res.users", "context_get", [], {})
        return answer if isinstance(answer, dict) else {}

    def call(self, model: str, method: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """POST /json/2/<model>/<method> with named arguments."""
        body = json2_body(method, args, kwargs)
        request = urllib.request.Request(
            f"{self.base_url}/json/2/{model}/{method}",
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"bearer {self._api_key}",
                "X-Odoo-Database": self.database,
                "User-Agent": "feedmill-batch-hmi",
            },
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            raise _json2_error(exc) from exc


def json2_body(method: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """An execute_kw call as a JSON-2 body: positional arguments get their names."""
    names = ARGUMENT_NAMES.get(method, ("ids",))
    body: dict[str, Any] = {}
    for name, value in zip(names, args, strict=False):
        body[name] = value
    if method == "create" and isinstance(body.get("vals_list"), dict):
        body["vals_list"] = [body["vals_list"]]
    body.update(kwargs)
    return body


def _json2_error(exc: urllib.error.HTTPError) -> Exception:
    """An HTTPError with a JSON-2 error body as Json2Error; anything else stays."""
    try:
        payload = json.loads(exc.read() or b"null")
    except (ValueError, OSError):
        return exc
    if not isinstance(payload, dict) or "name" not in payload:
        return exc
    return Json2Error(exc.code, str(payload.get("name")), str(payload.get("message") or ""))


def version_info(
    base_url: str, timeout: float, opener: urllib.request.OpenerDirector
) -> dict[str, Any]:
    """/web/webclient/version_info (JSON-RPC route of every version, no login needed)."""
    request = urllib.request.Request(
        f"{base_url.rstrip('/')}/web/webclient/version_info",
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=timeout) as answer:
        payload = json.loads(answer.read())
    result = payload.get("result") if isinstance(payload, dict) else None
    if not isinstance(result, dict):
        raise NotOdooAnswer("version_info did not answer a result")
    return result


def unwrap_created(created: Any) -> int:
    """The id `create` returned: an id (JSON-RPC) or a list of one id (JSON-2)."""
    value = created[0] if isinstance(created, list) else created
    return int(value)


Caller = Callable[[str, str, Sequence[Any], Mapping[str, Any]], Any]
