"""Odoo simulator: an HTTP server speaking the part of Odoo's JSON-RPC that odoorpc uses.

Routes: `/web/webclient/version_info`, `/jsonrpc` (services common, db, object:
login, version, list, execute, execute_kw), `/web/session/authenticate`,
`/web/session/get_session_info`, `/web/database/list` and `/web/dataset/call_kw`.
Errors come back in Odoo's envelope (`error.data.name/message/debug`). Faults:
latency, HTTP 500, session expiry, refused logins, a connection dropped mid-call,
business errors on one MO's report.

Example::

    with OdooSimulator(version=17, orders=20, seed=1) as sim:
        odoo = odoorpc.ODOO("127.0.0.1", port=sim.port)
        odoo.login("demo", "admin", "admin")
"""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from hmi.sim.odoo_model import OdooError, OdooModel

log = logging.getLogger(__name__)

UID = 2  # the admin user, as in a fresh Odoo database
MAX_BODY = 16 * 1024 * 1024


class SessionExpiredError(Exception):
    """The request's session cookie belongs to an expired session."""


class Faults:
    """Fault injection, settable from tests while the server runs (thread-safe)."""

    def __init__(self, model: OdooModel) -> None:
        self._lock = threading.Lock()
        self._model = model
        self.latency_s = 0.0
        self.refuse_logins = False
        self._http_500 = 0
        self._drops: list[tuple[bool, str | None]] = []
        self._expire = threading.Event()

    def http_500(self, n: int = 1) -> None:
        """Answer the next `n` requests with HTTP 500 (an HTML error page)."""
        with self._lock:
            self._http_500 += max(0, int(n))

    def drop_next(self, n: int = 1, *, processed: bool = True, method: str | None = None) -> None:
        """Close the connection without an answer on the next `n` requests (of `method` if given).

        processed=True: the call is executed first (its effects stay), as when a
        proxy or network drops the answer; False: the call is not executed.
        method: only calls of this model method (e.g. "button_mark_done") are dropped.
        """
        with self._lock:
            self._drops += [(processed, method)] * max(0, int(n))

    def expire_sessions(self) -> None:
        """Expire every session now; callers holding a session cookie must log in again."""
        self._expire.set()

    def refuse_report(self, mo_id: int, message: str | None) -> None:
        """Raise a UserError with `message` on write/button_mark_done of this MO (None clears)."""
        with self._model.lock:
            if message:
                self._model.report_refusals[int(mo_id)] = message
            else:
                self._model.report_refusals.pop(int(mo_id), None)

    def take_http_500(self) -> bool:
        """Consume one pending HTTP 500."""
        with self._lock:
            if self._http_500:
                self._http_500 -= 1
                return True
            return False

    def take_drop(self, method: str) -> bool | None:
        """Consume a pending drop matching `method`: True (after processing), False, or None."""
        with self._lock:
            for index, (processed, wanted) in enumerate(self._drops):
                if wanted is None or wanted == method:
                    del self._drops[index]
                    return processed
            return None

    def take_expiry(self) -> bool:
        """True once after expire_sessions() was called."""
        if self._expire.is_set():
            self._expire.clear()
            return True
        return False


class _Reply:
    """What a route answers: a JSON-RPC result or error, and an optional new session cookie."""

    def __init__(
        self, result: Any = None, error: dict[str, Any] | None = None, session: str | None = None
    ) -> None:
        self.result = result
        self.error = error
        self.session = session


def error_envelope(
    name: str, message: str, *, code: int = 200, title: str = "Odoo Server Error"
) -> dict[str, Any]:
    """Odoo's JSON-RPC error object for an exception class name and message."""
    return {
        "code": code,
        "message": title,
        "data": {
            "name": name,
            "debug": f"Traceback (most recent call last):\n  (simulated)\n{name}: {message}\n",
            "message": message,
            "arguments": [message],
            "context": {},
        },
    }


class OdooSimulator:
    """A JSON-RPC server with an in-memory Odoo 16 or 17 manufacturing database.

    host/port: where to listen (port 0 picks a free one); version: 16 or 17;
    database/login/password: the one account; orders: confirmed MOs to seed;
    seed: for a reproducible catalogue; replenish_below: keep at least this many
    confirmed MOs (soak runs); maintenance: Odoo's maintenance app is installed
    (maintenance.request exists).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        version: int = 16,
        database: str = "demo",
        login: str = "admin",
        password: str = "admin",
        orders: int = 10,
        seed: int | None = None,
        replenish_below: int = 0,
        maintenance: bool = False,
    ) -> None:
        self.host = host
        self._requested_port = int(port)
        self.version = int(version)
        self.database, self.login, self.password = database, login, password
        self.model = OdooModel(
            self.version,
            orders=orders,
            seed=seed,
            replenish_below=replenish_below,
            maintenance=maintenance,
        )
        self.faults = Faults(self.model)
        self._counter_lock = threading.Lock()
        self._rpc_count = 0
        self._calls: list[tuple[str, str]] = []
        self._sessions: set[str] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> OdooSimulator:
        """Listen and serve in a daemon thread; returns once the socket is bound."""
        if self._server is not None:
            return self
        handler = type("OdooSimHandler", (_Handler,), {"sim": self})
        server = ThreadingHTTPServer((self.host, self._requested_port), handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"odoo-sim-{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("Odoo %s simulator listening on %s", self.version, self.url)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> OdooSimulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port listened on (the real one when 0 was asked)."""
        if self._server is None:
            return self._requested_port
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:8069."""
        return f"http://{self.host}:{self.port}"

    # -- counters --------------------------------------------------------------------------

    @property
    def rpc_count(self) -> int:
        """HTTP requests received since start or the last reset_counters()."""
        return self._rpc_count

    @property
    def calls(self) -> list[tuple[str, str]]:
        """(model, method) of each call received (services as ('common', 'login') etc.)."""
        with self._counter_lock:
            return list(self._calls)

    def reset_counters(self) -> None:
        """Zero rpc_count and clear calls."""
        with self._counter_lock:
            self._rpc_count = 0
            self._calls.clear()

    def _record(self, model: str, method: str) -> None:
        with self._counter_lock:
            self._calls.append((model, method))

    def _count(self) -> None:
        with self._counter_lock:
            self._rpc_count += 1

    # -- request handling (server threads) -------------------------------------------------

    def version_info(self) -> dict[str, Any]:
        """What /web/webclient/version_info and common.version answer."""
        return {
            "server_version": f"{self.version}.0",
            "server_version_info": [self.version, 0, 0, "final", 0, ""],
            "server_serie": f"{self.version}.0",
            "protocol_version": 1,
        }

    def route(self, path: str, params: Mapping[str, Any], session: str | None) -> _Reply:
        """Dispatch one JSON-RPC request; business errors become Odoo's error envelope."""
        if self.faults.take_expiry():
            self._sessions.clear()
        handler = _ROUTES.get(path)
        if handler is None and path.startswith("/web/dataset/call_kw/"):
            handler = OdooSimulator._call_kw
        if handler is None:
            return _Reply(
                error=error_envelope("werkzeug.exceptions.NotFound", f"{path} not found", code=404)
            )
        try:
            return handler(self, params, session)
        except SessionExpiredError:
            return _Reply(
                error=error_envelope(
                    "odoo.http.SessionExpiredException",
                    "Session expired",
                    code=100,
                    title="Odoo Session Expired",
                )
            )
        except OdooError as exc:
            return _Reply(error=error_envelope(exc.name, exc.message))
        except Exception as exc:  # a bad request: answer like Odoo, with the exception's name
            log.debug("simulated server error", exc_info=True)
            name = f"builtins.{type(exc).__name__}"
            envelope = error_envelope(name, str(exc))
            envelope["data"]["debug"] = traceback.format_exc()
            return _Reply(error=envelope)

    def _check_session(self, session: str | None, required: bool) -> None:
        if session is None:
            if required:
                raise SessionExpiredError()
            return
        if session not in self._sessions:
            raise SessionExpiredError()

    def _authenticate(self, db: Any, login: Any, password: Any) -> int | None:
        if db != self.database:
            raise OdooError(f'database "{db}" does not exist', "psycopg2.OperationalError")
        if self.faults.refuse_logins or login != self.login or password != self.password:
            return None
        return UID

    def _new_session(self) -> str:
        token = secrets.token_hex(20)
        self._sessions.add(token)
        return token

    def _jsonrpc(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        service, method = params.get("service"), params.get("method")
        args = list(params.get("args") or [])
        if service == "common":
            return self._common(str(method), args)
        if service == "db":
            self._record("db", str(method))
            if method == "list":
                return _Reply([self.database])
            if method == "server_version":
                return _Reply(f"{self.version}.0")
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        if service == "object" and method in ("execute", "execute_kw"):
            return _Reply(self._object(str(method), args, session))
        raise OdooError(f"No service {service!r} method {method!r}", "builtins.Exception")

    def _common(self, method: str, args: list[Any]) -> _Reply:
        self._record("common", method)
        if method == "version":
            return _Reply(self.version_info())
        if method in ("login", "authenticate"):
            uid = self._authenticate(*args[:3])
            return _Reply(uid or False, session=self._new_session() if uid else None)
        raise OdooError(f"No method {method!r} in service common", "builtins.Exception")

    def _object(self, method: str, args: list[Any], session: str | None) -> Any:
        if len(args) < 5:
            raise OdooError(
                "execute needs db, uid, password, model and method", "builtins.TypeError"
            )
        db, uid, password, model, name = args[:5]
        self._check_session(session, required=False)
        if (
            self._authenticate(db, self.login, password) != uid
            or uid != UID
            or password != self.password
        ):
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        self._record(str(model), str(name))
        if method == "execute":
            return self.model.execute(str(model), str(name), args[5:], {})
        call_args = args[5] if len(args) > 5 else []
        call_kwargs = args[6] if len(args) > 6 else {}
        return self.model.execute(str(model), str(name), call_args, call_kwargs or {})

    def _web_authenticate(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        self._record("web", "authenticate")
        uid = self._authenticate(params.get("db"), params.get("login"), params.get("password"))
        if not uid:
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        token = self._new_session()
        return _Reply(self._session_info(token), session=token)

    def _session_info(self, token: str) -> dict[str, Any]:
        info = self.version_info()
        return {
            "uid": UID,
            "is_system": True,
            "is_admin": True,
            "db": self.database,
            "username": self.login,
            "name": "Mitchell Admin",
            "partner_id": 3,
            "company_id": 1,
            "user_context": {"lang": "en_US", "tz": "Asia/Jakarta", "uid": UID},
            "server_version": info["server_version"],
            "server_version_info": info["server_version_info"],
            "session_id": token,
        }

    def _get_session_info(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        self._check_session(session, required=True)
        assert session is not None
        return _Reply(self._session_info(session))

    def _database_list(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        self._record("db", "list")
        return _Reply([self.database])

    def _version_info(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        return _Reply(self.version_info())

    def _call_kw(self, params: Mapping[str, Any], session: str | None) -> _Reply:
        self._check_session(session, required=True)
        model, method = str(params.get("model")), str(params.get("method"))
        self._record(model, method)
        return _Reply(
            self.model.execute(
                model, method, list(params.get("args") or []), dict(params.get("kwargs") or {})
            )
        )


_ROUTES: dict[str, Callable[[OdooSimulator, Mapping[str, Any], str | None], _Reply]] = {
    "/web/webclient/version_info": OdooSimulator._version_info,
    "/jsonrpc": OdooSimulator._jsonrpc,
    "/web/session/authenticate": OdooSimulator._web_authenticate,
    "/web/session/get_session_info": OdooSimulator._get_session_info,
    "/web/database/list": OdooSimulator._database_list,
    "/web/dataset/call_kw": OdooSimulator._call_kw,
}


class _Handler(BaseHTTPRequestHandler):
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
        """One JSON-RPC request, through the fault injection."""
        sim = self.sim
        sim._count()
        if sim.faults.latency_s > 0:
            time.sleep(sim.faults.latency_s)
        body = self._read_body()
        if sim.faults.take_http_500():
            page = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, page, "text/html")
            return
        drop = sim.faults.take_drop(_method_of(self.path, body))
        if drop is False:
            self.close_connection = True
            return
        reply = self._dispatch(body)
        if drop is True:
            self.close_connection = True
            return
        self._send(HTTPStatus.OK, json.dumps(reply[0]).encode(), "application/json", reply[1])

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, MAX_BODY)) if length > 0 else b""

    def _dispatch(self, body: bytes) -> tuple[dict[str, Any], str | None]:
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return {
                "jsonrpc": "2.0",
                "id": None,
                "error": error_envelope("werkzeug.exceptions.BadRequest", "Invalid JSON data"),
            }, None
        params = request.get("params") or {}
        reply = self.sim.route(self.path.split("?", 1)[0], params, self._session_cookie())
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


def _method_of(path: str, body: bytes) -> str:
    """The model method (or route) a request calls, for targeted fault injection."""
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


def build_parser() -> argparse.ArgumentParser:
    """The `hmi-odoo-sim` command line."""
    parser = argparse.ArgumentParser(
        prog="hmi-odoo-sim", description="Odoo JSON-RPC simulator with a feed-mill catalogue"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8069, help="port (default 8069; 0 picks a free one)"
    )
    parser.add_argument(
        "--odoo-version",
        type=int,
        choices=(16, 17),
        default=16,
        help="Odoo version to present (default 16)",
    )
    parser.add_argument("--database", default="demo", help="database name (default demo)")
    parser.add_argument("--login", default="admin", help="user login (default admin)")
    parser.add_argument("--password", default="admin", help="password or API key (default admin)")
    parser.add_argument("--orders", type=int, default=10, help="confirmed MOs to seed (default 10)")
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed for a reproducible catalogue"
    )
    parser.add_argument(
        "--replenish-below", type=int, default=0, help="keep at least this many confirmed MOs"
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds of latency added to each request"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `hmi-odoo-sim`: serve until interrupted (Ctrl-C or SIGTERM)."""
    args = build_parser().parse_args(argv)
    if args.orders < 0 or args.replenish_below < 0 or args.latency < 0:
        print(
            "hmi-odoo-sim: --orders, --replenish-below and --latency must not be negative",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sim = OdooSimulator(
        args.host,
        args.port,
        version=args.odoo_version,
        database=args.database,
        login=args.login,
        password=args.password,
        orders=args.orders,
        seed=args.seed,
        replenish_below=args.replenish_below,
    )
    sim.faults.latency_s = args.latency
    try:
        sim.start()
    except OSError as exc:
        print(
            f"hmi-odoo-sim: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(
        f"Odoo {args.odoo_version} simulator at {sim.url}  "
        f"database {args.database!r}  login {args.login!r}",
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
