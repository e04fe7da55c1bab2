"""The HTTP front of the Odoo simulator: fault injection, JSON parsing, cookies, envelopes.

JSON-RPC routes answer HTTP 200 with ``{"jsonrpc", "id", "result" | "error"}``; Odoo's error
object is ``{code, message: "Odoo Server Error", data: {name, debug, message, arguments,
context}}`` with ``code`` 200 up to Odoo 18 and 0 on 19 (as recorded). The JSON-2 routes
(Odoo 19+) answer the bare result or an error body with its HTTP status.
"""

from __future__ import annotations

import json
import logging
import time
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

from hmi.sim.odoo_json2 import PREFIX, handle_json2

if TYPE_CHECKING:
    from hmi.sim.odoo_sim import OdooSimulator

log = logging.getLogger("hmi.sim.odoo_sim")
MAX_BODY = 16 * 1024 * 1024


class Reply:
    """What a JSON-RPC route answers: a result or an error, and an optional new session."""

    def __init__(
        self, result: Any = None, error: dict[str, Any] | None = None, session: str | None = None
    ) -> None:
        self.result = result
        self.error = error
        self.session = session


def error_envelope(
    name: str,
    message: str,
    *,
    code: int = 200,
    title: str = "Odoo Server Error",
    debug: str | None = None,
) -> dict[str, Any]:
    """Odoo's JSON-RPC error object for an exception class name and message."""
    return {
        "code": code,
        "message": title,
        "data": {
            "name": name,
            "debug": debug
            or f"Traceback (most recent call last):\n  (simulated Odoo)\n{name}: {message}\n",
            "message": message,
            "arguments": [message],
            "context": {},
        },
    }


class Handler(BaseHTTPRequestHandler):
    """HTTP front: faults, JSON parsing, cookies; the simulator does the rest."""

    sim: OdooSimulator
    protocol_version = "HTTP/1.0"
    server_version = "Werkzeug/2.0.2"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("odoo-sim %s " + format, self.client_address[0], *args)

    def do_GET(self) -> None:
        """A plain page, so a browser shows what answers here."""
        body = f"Odoo {self.sim.version} simulator (feed-mill batch HMI)\n".encode()
        self._send(HTTPStatus.OK, body, "text/plain; charset=utf-8")

    def do_POST(self) -> None:
        """One JSON-RPC or JSON-2 request, through the fault injection."""
        sim = self.sim
        sim._count()
        if sim.faults.latency_s > 0:
            time.sleep(sim.faults.latency_s)
        body = self._read_body()
        if sim.faults.take_http_500():
            page = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, page, "text/html")
            return
        path = self.path.split("?", 1)[0]
        drop = sim.faults.take_drop(method_of(path, body))
        if drop is False:
            self.close_connection = True
            return
        if path.startswith(PREFIX) and sim.version >= 19:
            status, answer = self._json2(path, body)
            session = None
        else:
            status, (answer, session) = 200, self._dispatch(path, body)
        if drop is True:
            self.close_connection = True
            return
        self._send(HTTPStatus(status), json.dumps(answer).encode(), "application/json", session)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, MAX_BODY)) if length > 0 else b""

    def _json2(self, path: str, body: bytes) -> tuple[int, Any]:
        try:
            request = json.loads(body) if body else {}
        except ValueError:
            request = None
        parts = path[len(PREFIX) :].split("/")
        self.sim._record(*([*parts, "", ""])[:2])
        headers = {k: v for k, v in self.headers.items()}
        return handle_json2(
            self.sim.model, path, headers, request, self.sim.api_keys, self.sim.database
        )

    def _dispatch(self, path: str, body: bytes) -> tuple[dict[str, Any], str | None]:
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            envelope = error_envelope("werkzeug.exceptions.BadRequest", "Invalid JSON data")
            return {"jsonrpc": "2.0", "id": None, "error": envelope}, None
        params = request.get("params") or {}
        reply = self.sim.route(path, params, self._session_cookie())
        out: dict[str, Any] = {"jsonrpc": "2.0", "id": request.get("id")}
        if reply.error is not None:
            out["error"] = reply.error
        else:
            out["result"] = reply.result
        return out, reply.session

    def _session_cookie(self) -> str | None:
        header = self.headers.get("Cookie")
        if not header:
            return None
        morsel = SimpleCookie(header).get("session_id")
        return morsel.value if morsel else None

    def _send(
        self, status: HTTPStatus, body: bytes, content_type: str, session: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if session:
            self.send_header("Set-Cookie", f"session_id={session}; HttpOnly; Path=/")
        self.end_headers()
        self.wfile.write(body)


def method_of(path: str, body: bytes) -> str:
    """The model method (or route) a request calls, for targeted fault injection."""
    if path.startswith(PREFIX):
        return path.rsplit("/", 1)[-1]
    try:
        params = json.loads(body or b"{}").get("params") or {}
    except (ValueError, AttributeError):
        return path
    if "method" in params and "model" in params:
        return str(params["method"])
    args = params.get("args") or []
    if params.get("service") == "object" and len(args) > 4:
        return str(args[4])
    return str(params.get("method") or path)
