"""Odoo simulator: an HTTP server speaking Odoo's JSON-RPC (what odoorpc uses) and, as Odoo 19,
the External JSON-2 API.

Routes: `/web/webclient/version_info`, `/jsonrpc` (services common, db, object: login,
authenticate, version, list, execute, execute_kw), `/web/session/authenticate`,
`/web/session/get_session_info`, `/web/database/list`, `/web/dataset/call_kw` and, on 19,
`POST /json/2/<model>/<method>` (bearer API key). Errors come back in Odoo's envelope
(`error.data.name/message/arguments/debug`). On 19 every `/jsonrpc` call logs Odoo's
deprecation warning, as the real server does. Faults: latency, HTTP 500, session expiry,
refused logins, a connection dropped mid-call, business errors on one MO's report.

Example::

    with OdooSimulator(version=19, catalogue="recorded", api_key="k") as sim:
        odoo = odoorpc.ODOO("127.0.0.1", port=sim.port)
        odoo.login("demo", "admin", "admin")
"""

from __future__ import annotations

import logging
import secrets
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from hmi.sim.odoo_faults import Faults
from hmi.sim.odoo_http import Handler, Reply, error_envelope
from hmi.sim.odoo_model import OdooError, OdooModel
from hmi.sim.odoo_schema import VERSIONS

log = logging.getLogger(__name__)

UID = 2  # the admin user, as in a fresh Odoo database
#: server_version as the recorded servers sent it (18 and 19 were "+e" packaged builds)
SERVER_VERSIONS = {18: "18.0+e-20250520", 19: "19.0+e-20251227"}
#: What Odoo 19 logs for each call of the old RPC endpoints (recorded server log).
DEPRECATION = (
    "The /xmlrpc, /xmlrpc/2 and /jsonrpc endpoints are deprecated in Odoo 19 and scheduled for "
    "removal in Odoo 20. Please report the problem to the client making the request."
)


class SessionExpiredError(Exception):
    """The request's session cookie belongs to an expired session."""


class OdooSimulator:
    """An HTTP server with an in-memory Odoo 14, 16, 17, 18 or 19 manufacturing database.

    host/port: where to listen (port 0 picks a free one); version: 14, 16, 17, 18 or 19;
    database/login/password: the admin account; api_key: the admin's API key (accepted as a
    password over RPC on every version, and as the bearer token of JSON-2 on 19);
    operator_password: password of the user `operator` (recorded catalogue: no manufacturing
    rights); catalogue: "demo" (feed-mill demo) or "recorded" (the recorded databases);
    orders: confirmed demo MOs to seed; seed: for a reproducible demo; replenish_below: keep
    at least this many confirmed MOs (soak runs); maintenance: Odoo's maintenance app is
    installed (maintenance.request exists).
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
        api_key: str | None = None,
        operator_password: str = "operator",
        catalogue: str = "demo",
        orders: int = 10,
        seed: int | None = None,
        replenish_below: int = 0,
        maintenance: bool = False,
    ) -> None:
        if int(version) not in VERSIONS:
            raise ValueError(
                f"the Odoo simulator presents itself as Odoo {VERSIONS}, not {version}"
            )
        self.host = host
        self._requested_port = int(port)
        self.version = int(version)
        self.database, self.login, self.password = database, login, password
        self.model = OdooModel(
            self.version,
            catalogue=catalogue,
            orders=orders,
            seed=seed,
            replenish_below=replenish_below,
            maintenance=maintenance,
        )
        operator = next(
            (i for i, u in self.model.records["res.users"].items() if u.get("login") == "operator"),
            None,
        )
        #: login -> (uid, password)
        self.users: dict[str, tuple[int, str]] = {login: (UID, password)}
        if operator is not None:
            self.users["operator"] = (operator, operator_password)
        #: API key -> uid
        self.api_keys: dict[str, int] = {api_key: UID} if api_key else {}
        self.faults = Faults(self.model)
        self.deprecation_warnings = 0
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
        handler = type("OdooSimHandler", (Handler,), {"sim": self})
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
            "server_version": SERVER_VERSIONS.get(self.version, f"{self.version}.0"),
            "server_version_info": [self.version, 0, 0, "final", 0, ""],
            "server_serie": f"{self.version}.0",
            "protocol_version": 1,
        }

    def route(self, path: str, params: Mapping[str, Any], session: str | None) -> Reply:
        """Dispatch one JSON-RPC request; business errors become Odoo's error envelope."""
        if self.faults.take_expiry():
            self._sessions.clear()
        handler = _ROUTES.get(path)
        if handler is None and path.startswith("/web/dataset/call_kw/"):
            handler = OdooSimulator._call_kw
        if handler is None:
            return Reply(
                error=error_envelope("werkzeug.exceptions.NotFound", f"{path} not found", code=404)
            )
        try:
            return handler(self, params, session)
        except SessionExpiredError:
            return Reply(
                error=error_envelope(
                    "odoo.http.SessionExpiredException",
                    "Session expired",
                    code=100,
                    title="Odoo Session Expired",
                )
            )
        except OdooError as exc:
            return Reply(error=error_envelope(exc.name, exc.message, code=self._error_code))
        except Exception as exc:  # a bad request: answer like Odoo, with the exception's name
            log.debug("simulated server error", exc_info=True)
            name = f"builtins.{type(exc).__name__}"
            envelope = error_envelope(name, str(exc), code=self._error_code)
            envelope["data"]["debug"] = traceback.format_exc()
            return Reply(error=envelope)

    @property
    def _error_code(self) -> int:
        """The JSON-RPC error object's `code`: 200 up to Odoo 18, 0 on 19 (recorded)."""
        return 0 if self.version >= 19 else 200

    def _check_session(self, session: str | None, required: bool) -> None:
        if session is None:
            if required:
                raise SessionExpiredError()
            return
        if session not in self._sessions:
            raise SessionExpiredError()

    def _authenticate(self, db: Any, login: Any, password: Any) -> int | None:
        """The uid for a login and its password or API key; None when refused."""
        if db != self.database:
            raise OdooError(f'database "{db}" does not exist', "psycopg2.OperationalError")
        if self.faults.refuse_logins or login not in self.users:
            return None
        uid, secret = self.users[login]
        if password == secret or self.api_keys.get(str(password)) == uid:
            return uid
        return None

    def _new_session(self) -> str:
        token = secrets.token_hex(20)
        self._sessions.add(token)
        return token

    def _jsonrpc(self, params: Mapping[str, Any], session: str | None) -> Reply:
        if self.version >= 19:
            with self._counter_lock:
                self.deprecation_warnings += 1
            log.warning(DEPRECATION)
        service, method = params.get("service"), params.get("method")
        args = list(params.get("args") or [])
        if service == "common":
            return self._common(str(method), args)
        if service == "db":
            self._record("db", str(method))
            if method == "list":
                return Reply([self.database])
            if method == "server_version":
                return Reply(f"{self.version}.0")
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        if service == "object" and method in ("execute", "execute_kw"):
            return Reply(self._object(str(method), args, session))
        raise OdooError(f"No service {service!r} method {method!r}", "builtins.Exception")

    def _common(self, method: str, args: list[Any]) -> Reply:
        self._record("common", method)
        if method == "version":
            return Reply(self.version_info())
        if method in ("login", "authenticate"):
            uid = self._authenticate(*args[:3])
            return Reply(uid or False, session=self._new_session() if uid else None)
        raise OdooError(f"No method {method!r} in service common", "builtins.Exception")

    def _object(self, method: str, args: list[Any], session: str | None) -> Any:
        if len(args) < 5:
            raise OdooError(
                "execute needs db, uid, password, model and method", "builtins.TypeError"
            )
        db, uid, password, model, name = args[:5]
        self._check_session(session, required=False)
        login = next((k for k, (u, _) in self.users.items() if u == uid), None)
        if login is None or self._authenticate(db, login, password) != uid:
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        self._record(str(model), str(name))
        if method == "execute":
            return self.model.execute(str(model), str(name), args[5:], {}, uid=uid)
        call_args = args[5] if len(args) > 5 else []
        call_kwargs = args[6] if len(args) > 6 else {}
        return self.model.execute(str(model), str(name), call_args, call_kwargs or {}, uid=uid)

    def _web_authenticate(self, params: Mapping[str, Any], session: str | None) -> Reply:
        self._record("web", "authenticate")
        uid = self._authenticate(params.get("db"), params.get("login"), params.get("password"))
        if not uid:
            raise OdooError("Access Denied", "odoo.exceptions.AccessDenied")
        token = self._new_session()
        return Reply(self._session_info(token), session=token)

    def _session_info(self, token: str) -> dict[str, Any]:
        info = self.version_info()
        return {
            "uid": UID,
            "is_system": True,
            "is_admin": True,
            "db": self.database,
            "username": self.login,
            "name": self.model.records["res.users"][UID]["name"],
            "partner_id": 3,
            "company_id": 1,
            "user_context": {
                "lang": "en_US",
                "tz": self.model.records["res.users"][UID].get("tz") or False,
                "uid": UID,
            },
            "server_version": info["server_version"],
            "server_version_info": info["server_version_info"],
            "session_id": token,
        }

    def _get_session_info(self, params: Mapping[str, Any], session: str | None) -> Reply:
        self._check_session(session, required=True)
        assert session is not None
        return Reply(self._session_info(session))

    def _database_list(self, params: Mapping[str, Any], session: str | None) -> Reply:
        self._record("db", "list")
        return Reply([self.database])

    def _version_info(self, params: Mapping[str, Any], session: str | None) -> Reply:
        return Reply(self.version_info())

    def _call_kw(self, params: Mapping[str, Any], session: str | None) -> Reply:
        self._check_session(session, required=True)
        model, method = str(params.get("model")), str(params.get("method"))
        self._record(model, method)
        return Reply(
            self.model.execute(
                model, method, list(params.get("args") or []), dict(params.get("kwargs") or {})
            )
        )


_ROUTES: dict[str, Callable[[OdooSimulator, Mapping[str, Any], str | None], Reply]] = {
    "/web/webclient/version_info": OdooSimulator._version_info,
    "/jsonrpc": OdooSimulator._jsonrpc,
    "/web/session/authenticate": OdooSimulator._web_authenticate,
    "/web/session/get_session_info": OdooSimulator._get_session_info,
    "/web/database/list": OdooSimulator._database_list,
    "/web/dataset/call_kw": OdooSimulator._call_kw,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `hmi-odoo-sim` (see hmi.sim.odoo_sim_cli)."""
    from hmi.sim.odoo_sim_cli import main as run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
