"""The Odoo link: every Odoo from 14 on, each call in a worker thread behind one lock.

At login the link reads the server version (`/web/webclient/version_info`) and picks the
protocol: Odoo 19 and later through the External JSON-2 API with the API key as bearer
token (19 deprecates `/jsonrpc` and schedules its removal), older versions through odoorpc's
JSON-RPC; the field names come from `hmi.odoo.versions`. Fetching reads MOs with their units,
consumed quantities, states, tracking, by-products and work orders in a constant number of
calls (`hmi.odoo.fetch`); reporting writes each move in its own unit and answers Odoo's
wizards (`hmi.odoo.report`); a done MO is never written to.

Example::

    link = OdooLink("http://127.0.0.1:8069", "demo", "admin", secret)
    await link.connect()
    orders = await link.fetch_orders(10)
"""

from __future__ import annotations

import asyncio
import logging
import math
import ssl
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection, Mapping, Sequence
from http.cookiejar import CookieJar
from typing import Any, TypeVar

from hmi.domain.errors import (
    AuthenticationError,
    ConfigError,
    HmiError,
    LinkDownError,
    RefusedError,
    ValidationError,
)
from hmi.domain.links import LinkState
from hmi.domain.messages import msg, plain
from hmi.domain.model import ConsumptionReport, ManufacturingOrder, ReportOutcome, ReportResult
from hmi.domain.outbox import MaintenanceRequest
from hmi.odoo import fetch as fetching
from hmi.odoo._errors import (
    ACCESS_ERROR,
    OdooRefusal,
    SessionExpired,
    classify,
    is_programming_error,
)
from hmi.odoo.connection import OdooFilters, PathPrefix, RequestCounter, parse_url, url_prefix
from hmi.odoo.report import Reporter, check_report
from hmi.odoo.rpc import Json2Error, Json2Transport, OdoorpcTransport, Transport, version_info
from hmi.odoo.uoms import KG_XMLID, LITRE_XMLID, References
from hmi.odoo.versions import MIN_MAJOR, OdooVersion, parse_server_version
from hmi.odoo.wizards import WizardPolicy

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Which protocol to use: "auto" (JSON-2 from Odoo 19), "jsonrpc" (odoorpc), "json2".
APIS = ("auto", "jsonrpc", "json2")


class OdooLink:
    """Async link to Odoo (satisfies hmi.engine.ports.OdooPort).

    url: "http://host:8069" or "https://odoo.example.com" (TLS verified);
    database, login, secret: the account (secret = password or API key; Odoo 19+ over
    JSON-2 needs an API key); timeout: seconds per socket operation of every call;
    filters: optional OdooFilters; wizard_policy: answers to Odoo's wizards;
    api: "auto" (JSON-2 from Odoo 19), "jsonrpc" or "json2".
    """

    def __init__(
        self,
        url: str,
        database: str,
        login: str,
        secret: str,
        *,
        timeout: float = 10.0,
        filters: OdooFilters | None = None,
        wizard_policy: WizardPolicy | None = None,
        api: str = "auto",
    ) -> None:
        self._host, self._port, self._protocol = parse_url(url)
        for label, value in (("database", database), ("login", login), ("secret", secret)):
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(msg("odoo.config.empty", what=label))
        if not math.isfinite(timeout) or timeout <= 0:
            raise ConfigError(msg("odoo.config.timeout", value=str(timeout)))
        if api not in APIS:
            raise ConfigError(msg("odoo.config.api", allowed=", ".join(APIS), value=str(api)))
        self._prefix = url_prefix(url)  # Odoo behind a reverse proxy under a path
        scheme = urllib.parse.urlsplit(url.strip()).scheme
        self._url = f"{scheme}://{self._host}:{self._port}{self._prefix}"
        self._http: urllib.request.OpenerDirector | None = None  # the login's opener
        self._database, self._login, self._secret = database.strip(), login.strip(), secret
        self._timeout = float(timeout)
        self._filters = filters or OdooFilters()
        self._policy = wizard_policy or WizardPolicy()
        self._api = api
        self._transport: Transport | None = None
        self._version = OdooVersion.for_major(16)
        self._refs: References | None = None
        self._lock = asyncio.Lock()
        self._state = LinkState(name="Odoo")
        self._listeners: list[Callable[[LinkState], None]] = []
        self._rpc_count = 0
        self.server_version: int | None = None
        self.server_version_text = ""
        self.protocol = ""  # "jsonrpc" or "json2" once logged in
        self._maintenance: bool | None = None  # asked once per login

    # -- public API --------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        """Up/down, down since, last error."""
        return self._state

    @property
    def rpc_count(self) -> int:
        """HTTP requests sent to Odoo so far (login included)."""
        return self._rpc_count

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self._url

    @property
    def version(self) -> OdooVersion:
        """The field names in use (those of Odoo 16 until the first login)."""
        return self._version

    def add_state_listener(self, callback: Callable[[LinkState], None]) -> None:
        """Call `callback(state)` on each change between up and down."""
        self._listeners.append(callback)

    async def connect(self) -> None:
        """Log in (again); raises AuthenticationError or LinkDownError."""
        await self._run(self._login_sync)

    async def close(self) -> None:
        """Forget the session; the next call logs in again."""
        async with self._lock:
            self._transport = None
            self._set_state(self._state.went_down(str(msg("odoo.disconnected"))))

    async def heartbeat(self) -> None:
        """Keep the link state honest while idle: log in if needed, then ask the server's
        version (`/web/webclient/version_info`). It is the cheapest real call: no database
        cursor, no record rules, answered by every Odoo from 14 to 19+ (odoorpc asks it
        first too); the login itself is checked by every other call."""
        await self._run(self._heartbeat_sync)

    async def fetch_orders(
        self,
        limit: int,
        exclude_ids: Collection[int] = (),
        after: ManufacturingOrder | None = None,
    ) -> list[ManufacturingOrder]:
        """Confirmed/in-progress MOs, oldest planned first (then id), in a constant number of
        calls (5, 6 when MOs have work orders; the first fetch after a login one more).

        exclude_ids: MOs to leave out; after: the last MO of the previous page — the page
        continues after it in the same order (no offset: stable when MOs change meanwhile).
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValidationError(msg("odoo.fetch.bad_limit", limit=repr(limit)))
        exclude = tuple(sorted({int(i) for i in exclude_ids}))
        cursor = (after.planned_start, after.mo_id) if after is not None else None
        page = fetching.Page(limit, exclude, cursor)
        return await self._run(self._fetch_sync, page)

    async def read_states(self, mo_ids: Collection[int]) -> dict[int, str]:
        """Current Odoo state of each MO id; ids Odoo does not know are absent."""
        ids = sorted({int(i) for i in mo_ids})
        if not ids:
            return {}
        return await self._run(self._states_sync, ids)

    async def report(self, report: ConsumptionReport) -> ReportResult:
        """Report consumption and mark done, idempotently; business errors come back REFUSED
        with Odoo's full text (a strict BoM's differing consumption too, see hmi.odoo.report)."""
        check_report(report)
        try:
            return await self._run(self._report_sync, report)
        except OdooRefusal as exc:
            if exc.name == ACCESS_ERROR:  # say which user lacks which rights
                return ReportResult(ReportOutcome.REFUSED, str(exc), detail=exc.message)
            return ReportResult(ReportOutcome.REFUSED, exc.text, detail=plain(exc.text))
        except RefusedError as exc:
            return ReportResult(ReportOutcome.REFUSED, str(exc), detail=exc.message)

    async def lots_of_moves(self, move_ids: Collection[int]) -> dict[int, tuple[str, ...]]:
        """Lot/serial names on each raw move's move lines (stock.move.line.lot_id), for the
        batch record; moves without a lot are absent. One search_read for any number."""
        ids = sorted({int(i) for i in move_ids})
        if not ids:
            return {}
        return await self._run(self._lots_sync, ids)

    async def cancel(self, mo_id: int) -> None:
        """Cancel the MO in Odoo (nothing to do if already cancelled; a done MO is refused)."""
        await self._run(self._cancel_sync, int(mo_id))

    async def maintenance_installed(self) -> bool:
        """True when Odoo's maintenance app is installed (asked once per login)."""
        return await self._run(self._maintenance_sync)

    async def create_maintenance_request(self, request: MaintenanceRequest) -> int:
        """Create a maintenance.request, or return the one already made for its reference."""
        if not request.reference.strip() or not request.name.strip():
            raise ValidationError(msg("odoo.maintenance.empty"))
        return await self._run(self._maintenance_request_sync, request)

    # -- plumbing ----------------------------------------------------------------------------

    async def _run(self, func: Callable[..., T], *args: Any) -> T:
        """Run one operation in a worker thread behind the lock and update the link state."""
        async with self._lock:
            try:
                result = await asyncio.to_thread(func, *args)
            except RefusedError:
                self._set_state(self._state.went_up())
                raise
            except HmiError as exc:
                self._transport = None
                self._set_state(self._state.went_down(str(exc)))
                raise
            except Exception as exc:
                if is_programming_error(exc):  # a bug, not Odoo: the link stays as it is, the
                    raise  # task's health reports it (one traceback per hour, hmi.engine.health)
                self._transport = None
                error = classify(exc, self._url)
                self._set_state(self._state.went_down(str(error)))
                raise error from exc
            self._set_state(self._state.went_up())
            return result

    def _set_state(self, new: LinkState) -> None:
        changed = new.up != self._state.up or new.changed_at != self._state.changed_at
        self._state = new
        if not changed:
            return
        for callback in list(self._listeners):
            try:
                callback(new)
            except Exception:
                log.exception("Odoo link state listener failed")

    def _count(self) -> None:
        self._rpc_count += 1

    def _opener(self) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = [
            urllib.request.HTTPCookieProcessor(CookieJar()),
            RequestCounter(self._count),
        ]
        if self._protocol == "jsonrpc+ssl":
            handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context()))
        if self._prefix:
            handlers.append(PathPrefix(self._prefix))
        return urllib.request.build_opener(*handlers)

    def _login_sync(self) -> None:
        self._transport = None
        account = (self._database, self._login)
        opener = self._http = self._opener()
        try:
            info = version_info(self._url, self._timeout, opener)
        except Exception as exc:
            if is_programming_error(exc):
                raise
            raise classify(exc, self._url, during_login=True, account=account) from exc
        text = str(info.get("server_version") or "")
        parsed = parse_server_version(text)
        if parsed is None:
            raise LinkDownError(msg("odoo.no_version", url=self._url))
        major = parsed[0]
        if major < MIN_MAJOR:
            error = msg("odoo.version_unsupported", version=text, url=self._url, minimum=MIN_MAJOR)
            raise AuthenticationError(error)
        version = OdooVersion.for_major(major)
        use_json2 = self._api == "json2" or (self._api == "auto" and version.json2)
        if use_json2 and not version.json2:
            raise AuthenticationError(msg("odoo.json2_unavailable", version=text, url=self._url))
        try:
            transport = self._open(use_json2, text, opener)
        except Json2Error as exc:
            if exc.status == 401:
                refused = msg(
                    "odoo.api_key_refused", version=text, url=self._url, login=self._login
                )
                raise AuthenticationError(refused) from exc
            raise classify(exc, self._url, during_login=True, account=account) from exc
        except Exception as exc:
            if is_programming_error(exc):
                raise
            raise classify(exc, self._url, during_login=True, account=account) from exc
        self._transport, self._version, self._refs, self._maintenance = (
            transport,
            version,
            None,
            None,
        )
        self.server_version, self.server_version_text = major, text
        self.protocol = "json2" if use_json2 else "jsonrpc"
        if version.json2 and not use_json2:
            log.warning("Odoo %s deprecates /jsonrpc; set an API key and the API 'auto'", text)
        log.info(
            "logged in to Odoo %s at %s as %s (%s)", text, self._url, self._login, self.protocol
        )

    def _open(self, json2: bool, version: str, opener: urllib.request.OpenerDirector) -> Transport:
        if json2:
            transport = Json2Transport(
                self._url, self._database, self._secret, self._timeout, opener
            )
            transport.check()
            return transport
        account = (self._database, self._login, self._secret)
        return OdoorpcTransport.login(
            self._host, self._port, self._protocol, self._timeout, opener, version, account
        )

    def _call(
        self,
        model: str,
        method: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any] | None = None,
    ) -> Any:
        """One call; a session expiry logs in again once and repeats the call."""
        for attempt in (1, 2):
            if self._transport is None:
                self._login_sync()
            transport = self._transport
            assert transport is not None
            try:
                return transport.call(model, method, list(args), dict(kwargs or {}))
            except Exception as exc:
                if is_programming_error(exc):
                    raise
                error = classify(exc, self._url, account=(self._database, self._login))
                if not isinstance(error, SessionExpired):
                    raise error from exc
                self._transport = None
                if attempt == 2:
                    raise LinkDownError(msg("odoo.session_lost", url=self._url)) from exc
                log.info("Odoo session expired; logging in again")
        raise AssertionError("unreachable")

    def _references(self) -> References:
        """uom.uom ids of kg and litre, from their external ids (once per login)."""
        if self._refs is None:
            domain: list[Any] = [("model", "=", "uom.uom"), ("module", "=", "uom")]
            domain.append(("name", "in", [KG_XMLID, LITRE_XMLID]))
            rows = self._call(
                "ir.model.data", "search_read", [domain], {"fields": ["name", "res_id"]}
            )
            ids = {str(row["name"]): int(row["res_id"]) for row in rows}
            self._refs = References(kg=ids.get(KG_XMLID, 0), litre=ids.get(LITRE_XMLID, 0))
            if not self._refs.kg:
                log.warning("%s", msg("odoo.fetch.no_units", url=self._url))
        return self._refs

    # -- operations (worker thread) ----------------------------------------------------------

    def _heartbeat_sync(self) -> None:
        if self._transport is None or self._http is None:
            self._login_sync()
        assert self._http is not None
        try:
            version_info(self._url, self._timeout, self._http)
        except Exception as exc:
            if is_programming_error(exc):
                raise
            raise classify(exc, self._url) from exc

    def _fetch_sync(self, page: fetching.Page) -> list[ManufacturingOrder]:
        if self._transport is None:
            self._login_sync()
        refs = self._references()
        return fetching.fetch(self._call, self._version, refs, self._filters.domain(), page)

    def _states_sync(self, ids: list[int]) -> dict[int, str]:
        rows = self._call(
            "mrp.production", "search_read", [[("id", "in", ids)]], {"fields": ["state"]}
        )
        return {int(row["id"]): str(row["state"]) for row in rows}

    def _report_sync(self, report: ConsumptionReport) -> ReportResult:
        if self._transport is None:
            self._login_sync()
        reporter = Reporter(self._call, self._version, self._references(), self._policy)
        return reporter.report(report)

    def _lots_sync(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = self._call(
            "stock.move.line",
            "search_read",
            [[("move_id", "in", ids)]],
            {"fields": ["move_id", "lot_id"]},
        )
        lots: dict[int, list[str]] = {}
        for row in rows:
            move, lot = row.get("move_id"), row.get("lot_id")
            if not move or not lot:
                continue
            move_id = int(move[0] if isinstance(move, list | tuple) else move)
            name = str(lot[1]) if isinstance(lot, list | tuple) and len(lot) > 1 else str(lot)
            if name not in lots.setdefault(move_id, []):
                lots[move_id].append(name)
        return {move: tuple(names) for move, names in lots.items()}

    def _cancel_sync(self, mo_id: int) -> None:
        rows = self._call("mrp.production", "read", [[mo_id]], {"fields": ["name", "state"]})
        if not rows:
            raise RefusedError(msg("odoo.cancel.missing", mo_id=mo_id))
        mo = rows[0]
        if mo["state"] == "cancel":
            return
        if mo["state"] == "done":  # 16–18 answer True and change nothing, 19 raises
            raise RefusedError(msg("odoo.cancel.done", name=str(mo["name"])))
        self._call("mrp.production", "action_cancel", [[mo_id]])

    def _maintenance_sync(self) -> bool:
        if self._transport is None:
            self._login_sync()
        if self._maintenance is None:
            domain = [("name", "=", "maintenance"), ("state", "=", "installed")]
            found = self._call("ir.module.module", "search_count", [domain])
            self._maintenance = bool(found)
        return self._maintenance

    def _maintenance_request_sync(self, request: MaintenanceRequest) -> int:
        tag = f"[{request.reference}]"
        found = self._call("maintenance.request", "search", [[("name", "like", tag)]], {"limit": 1})
        if found:
            return int(found[0])
        name = request.name if request.name.startswith(tag) else f"{tag} {request.name}"
        values = {
            "name": name,
            "description": request.description,
            "priority": request.priority,
            "maintenance_type": "corrective",
        }
        created = self._call("maintenance.request", "create", [values])
        return int(created[0] if isinstance(created, list) else created)
