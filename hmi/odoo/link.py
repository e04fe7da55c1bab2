"""The Odoo link: odoorpc over JSON-RPC, every call in a worker thread behind one lock.

Fetches confirmed MOs with their raw moves and components' internal references in
a constant number of calls (4 for any number of MOs), reports consumption
idempotently (the MO's state is read first; a done MO is never written to), answers
the wizards `button_mark_done` returns per a WizardPolicy, and cancels MOs.
Odoo 16 and 17+ field names are chosen from the server version read at login.

Example::

    link = OdooLink("http://127.0.0.1:8069", "demo", "admin", secret)
    await link.connect()
    orders = await link.fetch_orders(10)
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import ssl
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from typing import Any, TypeVar

import odoorpc

from hmi.crashpoints import crashpoint
from hmi.domain.errors import (
    AuthenticationError,
    ConfigError,
    HmiError,
    LinkDownError,
    RefusedError,
    ValidationError,
)
from hmi.domain.links import LinkState
from hmi.domain.model import (
    ConsumptionReport,
    ManufacturingOrder,
    MoComponent,
    ReportOutcome,
    ReportResult,
)
from hmi.domain.outbox import MaintenanceRequest
from hmi.domain.units import decimal_from_odoo
from hmi.odoo._errors import SessionExpired, classify
from hmi.odoo.wizards import WizardPolicy, WizardRefused, next_step

log = logging.getLogger(__name__)
T = TypeVar("T")

#: MO states the link fetches, and the states a report may write to.
FETCH_STATES = ("confirmed", "progress")
REPORTABLE_STATES = frozenset({"confirmed", "progress", "to_close"})
#: Oldest Odoo major version whose manufacturing API the link knows.
MIN_VERSION = 14
_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class FieldNames:
    """Field names that differ between Odoo 16 and 17+ (see OpenUpgrade's 17.0 analysis)."""

    planned_start: str  # mrp.production: date_planned_start (≤16), date_start (17+)
    done_quantity: str  # stock.move: quantity_done (≤16), quantity (17+)
    picked: str | None  # stock.move: None (≤16), picked (17+)

    @classmethod
    def for_version(cls, major: int) -> FieldNames:
        """The names for an Odoo major version."""
        if major >= 17:
            return cls(planned_start="date_start", done_quantity="quantity", picked="picked")
        return cls(planned_start="date_planned_start", done_quantity="quantity_done", picked=None)

    def move_values(self, quantity_kg: float) -> dict[str, Any]:
        """Values that set a raw move's consumed quantity."""
        values: dict[str, Any] = {self.done_quantity: quantity_kg}
        if self.picked:
            values[self.picked] = True
        return values


@dataclass(frozen=True)
class OdooFilters:
    """Optional restrictions of the fetch: operation types, work centres, companies (by id)."""

    picking_type_ids: tuple[int, ...] = ()
    workcenter_ids: tuple[int, ...] = ()
    company_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        for label in ("picking_type_ids", "workcenter_ids", "company_ids"):
            ids = tuple(getattr(self, label))
            if any(isinstance(i, bool) or not isinstance(i, int) or i <= 0 for i in ids):
                raise ConfigError(f"Odoo filter {label} must hold positive integer ids: {ids!r}")
            object.__setattr__(self, label, ids)

    def domain(self) -> list[tuple[str, str, list[int]]]:
        """The Odoo domain terms of these filters (AND-ed)."""
        terms = []
        if self.picking_type_ids:
            terms.append(("picking_type_id", "in", list(self.picking_type_ids)))
        if self.workcenter_ids:
            terms.append(("workorder_ids.workcenter_id", "in", list(self.workcenter_ids)))
        if self.company_ids:
            terms.append(("company_id", "in", list(self.company_ids)))
        return terms


def parse_url(url: str) -> tuple[str, int, str]:
    """Split an Odoo URL into (host, port, odoorpc protocol); https means jsonrpc+ssl."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"Odoo URL {url!r} is not valid: {exc}") from exc
    schemes = {"http": ("jsonrpc", 80), "https": ("jsonrpc+ssl", 443)}
    if parts.scheme not in schemes:
        raise ConfigError(f"Odoo URL {url!r} must start with http:// or https://")
    if not parts.hostname:
        raise ConfigError(f"Odoo URL {url!r} has no host name")
    if parts.query or parts.fragment:
        raise ConfigError(f"Odoo URL {url!r} must not have a query (?…) or a fragment (#…)")
    protocol, default_port = schemes[parts.scheme]
    return parts.hostname, port or default_port, protocol


# -- commissioning (issue 15): Odoo behind a reverse proxy under a path ----------------------


def url_prefix(url: str) -> str:
    """The path Odoo is served under ("https://erp.example.com/odoo" → "/odoo"), or ""."""
    return urllib.parse.unquote(urllib.parse.urlsplit(url.strip()).path).rstrip("/")


class _PathPrefix(urllib.request.BaseHandler):
    """urllib handler that puts Odoo's path prefix in front of every request path odoorpc
    builds from host and port ("/jsonrpc" → "/odoo/jsonrpc")."""

    handler_order = 90

    def __init__(self, prefix: str) -> None:
        self._prefix = urllib.parse.quote(prefix)

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        """Rewrite the request's URL under the prefix (once)."""
        parts = urllib.parse.urlsplit(request.full_url)
        if not parts.path.startswith(f"{self._prefix}/"):
            request.full_url = urllib.parse.urlunsplit(
                parts._replace(path=f"{self._prefix}{parts.path or '/'}")
            )
        return request

    https_request = http_request


def parse_major(version: Any) -> int | None:
    """Major version from Odoo's server_version ('16.0', 'saas~17.2', '17.0+e'), or None."""
    match = re.search(r"(\d+)", str(version or ""))
    return int(match.group(1)) if match else None


def _parse_datetime(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(str(value)[:19], _DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _m2o(value: Any) -> tuple[int | None, str]:
    """(id, display name) of a many2one value as read() returns it."""
    if isinstance(value, list | tuple) and value:
        return int(value[0]), str(value[1]) if len(value) > 1 else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return value, ""
    return None, ""


class _RequestCounter(urllib.request.BaseHandler):
    """urllib handler that counts every HTTP request odoorpc sends."""

    handler_order = 100

    def __init__(self, on_request: Callable[[], None]) -> None:
        self._on_request = on_request

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        """Count one request and pass it on unchanged."""
        self._on_request()
        return request

    https_request = http_request


class OdooLink:
    """Async link to Odoo (satisfies hmi.engine.ports.OdooPort).

    url: "http://host:8069" or "https://odoo.example.com" (TLS verified);
    database, login, secret: the account (secret = password or API key);
    timeout: seconds per socket operation of every call;
    filters: optional OdooFilters; wizard_policy: answers to Odoo's wizards.
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
    ) -> None:
        self._host, self._port, self._protocol = parse_url(url)
        for label, value in (("database", database), ("login", login), ("secret", secret)):
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"Odoo {label} must not be empty")
        if not math.isfinite(timeout) or timeout <= 0:
            raise ConfigError(f"Odoo timeout must be a positive number of seconds, not {timeout}")
        self._prefix = url_prefix(url)  # commissioning: Odoo under a path
        scheme = urllib.parse.urlsplit(url.strip()).scheme
        self._url = f"{scheme}://{self._host}:{self._port}{self._prefix}"
        self._database, self._login, self._secret = database.strip(), login.strip(), secret
        self._timeout = float(timeout)
        self._filters = filters or OdooFilters()
        self._policy = wizard_policy or WizardPolicy()
        self._odoo: odoorpc.ODOO | None = None
        self._names = FieldNames.for_version(16)
        self._lock = asyncio.Lock()
        self._state = LinkState(name="Odoo")
        self._listeners: list[Callable[[LinkState], None]] = []
        self._rpc_count = 0
        self.server_version: int | None = None
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

    def add_state_listener(self, callback: Callable[[LinkState], None]) -> None:
        """Call `callback(state)` on each change between up and down."""
        self._listeners.append(callback)

    async def connect(self) -> None:
        """Log in (again); raises AuthenticationError or LinkDownError."""
        await self._run(self._login_sync)

    async def close(self) -> None:
        """Forget the session; the next call logs in again."""
        async with self._lock:
            self._odoo = None
            self._set_state(self._state.went_down("disconnected"))

    async def heartbeat(self) -> None:
        """Keep the link state honest while idle: log in if needed, then ask the server's
        version (`/web/webclient/version_info`). It is the cheapest real call: no database
        cursor, no record rules, answered by every Odoo from 14 to 19+ (odoorpc asks it
        first too); the login itself is checked by every other call."""
        await self._run(self._heartbeat_sync)

    async def fetch_orders(
        self, limit: int, exclude_ids: Collection[int] = ()
    ) -> list[ManufacturingOrder]:
        """Confirmed/in-progress MOs, oldest planned first (then id), in 4 calls for any N."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValidationError(f"fetch limit must be a positive integer, not {limit!r}")
        exclude = sorted({int(i) for i in exclude_ids})
        return await self._run(self._fetch_sync, limit, exclude)

    async def read_states(self, mo_ids: Collection[int]) -> dict[int, str]:
        """Current Odoo state of each MO id; ids Odoo does not know are absent."""
        ids = sorted({int(i) for i in mo_ids})
        if not ids:
            return {}
        return await self._run(self._states_sync, ids)

    async def report(self, report: ConsumptionReport) -> ReportResult:
        """Report consumption and mark done, idempotently; business errors come back REFUSED."""
        _check_report(report)
        try:
            return await self._run(self._report_sync, report)
        except RefusedError as exc:
            return ReportResult(ReportOutcome.REFUSED, str(exc))

    async def cancel(self, mo_id: int) -> None:
        """Cancel the MO in Odoo (nothing to do if already cancelled; a done MO is refused)."""
        await self._run(self._cancel_sync, int(mo_id))

    async def maintenance_installed(self) -> bool:
        """True when Odoo's maintenance app is installed (asked once per login)."""
        return await self._run(self._maintenance_sync)

    async def create_maintenance_request(self, request: MaintenanceRequest) -> int:
        """Create a maintenance.request, or return the one already made for its reference."""
        if not request.reference.strip() or not request.name.strip():
            raise ValidationError("maintenance request: reference and name must not be empty")
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
                self._odoo = None
                self._set_state(self._state.went_down(str(exc)))
                raise
            except Exception as exc:  # a bug or an answer we never saw: never a raw traceback
                log.exception("unexpected error in the Odoo link")
                self._odoo = None
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
            _RequestCounter(self._count),
        ]
        if self._protocol == "jsonrpc+ssl":
            handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context()))
        if self._prefix:
            handlers.append(_PathPrefix(self._prefix))
        return urllib.request.build_opener(*handlers)

    def _login_sync(self) -> None:
        self._odoo = None
        try:
            odoo = odoorpc.ODOO(
                self._host,
                protocol=self._protocol,
                port=self._port,
                timeout=self._timeout,
                opener=self._opener(),
            )
            major = parse_major(odoo.version)
            if major is None:
                raise LinkDownError(f"{self._url} did not report an Odoo version")
            if major < MIN_VERSION:
                raise AuthenticationError(
                    f"Odoo {odoo.version} at {self._url} is not supported "
                    f"(version {MIN_VERSION} or later is needed)"
                )
            odoo.login(self._database, self._login, self._secret)
        except Exception as exc:
            raise classify(exc, self._url, during_login=True) from exc
        self._odoo = odoo
        self._maintenance = None
        self.server_version = major
        self._names = FieldNames.for_version(major)
        log.info("logged in to Odoo %s at %s as %s", odoo.version, self._url, self._login)

    def _call(
        self, model: str, method: str, args: list[Any], kwargs: Mapping[str, Any] | None = None
    ) -> Any:
        """One execute_kw; a session expiry logs in again once and repeats the call."""
        for attempt in (1, 2):
            if self._odoo is None:
                self._login_sync()
            odoo = self._odoo
            assert odoo is not None
            try:
                return odoo.execute_kw(model, method, args, dict(kwargs or {}))
            except Exception as exc:
                error = classify(exc, self._url)
                if not isinstance(error, SessionExpired):
                    raise error from exc
                self._odoo = None
                if attempt == 2:
                    raise LinkDownError(
                        f"Odoo at {self._url}: the session expired again right after login"
                    ) from exc
                log.info("Odoo session expired; logging in again")
        raise AssertionError("unreachable")

    # -- operations (worker thread) ----------------------------------------------------------

    def _heartbeat_sync(self) -> None:
        if self._odoo is None:
            self._login_sync()
        odoo = self._odoo
        assert odoo is not None
        try:
            odoo.json("/web/webclient/version_info", {})
        except Exception as exc:
            raise classify(exc, self._url) from exc

    def _fetch_sync(self, limit: int, exclude: list[int]) -> list[ManufacturingOrder]:
        if self._odoo is None:
            self._login_sync()
        names = self._names
        domain: list[Any] = [("state", "in", list(FETCH_STATES)), *self._filters.domain()]
        if exclude:
            domain.append(("id", "not in", exclude))
        fields = [
            "name",
            "state",
            "product_id",
            "bom_id",
            "product_qty",
            names.planned_start,
            "move_raw_ids",
        ]
        order = f"{names.planned_start} asc, id asc"
        mos = self._call(
            "mrp.production",
            "search_read",
            [domain],
            {"fields": fields, "order": order, "limit": limit},
        )
        if not mos:
            return []
        move_ids = [move_id for mo in mos for move_id in mo["move_raw_ids"]]
        moves = self._read("stock.move", move_ids, ["product_id", "product_uom_qty", "state"])
        product_ids = {_m2o(mo["product_id"])[0] for mo in mos}
        product_ids |= {_m2o(move["product_id"])[0] for move in moves.values()}
        products = self._read(
            "product.product", sorted(i for i in product_ids if i), ["default_code", "name"]
        )
        bom_ids = sorted({i for mo in mos if (i := _m2o(mo["bom_id"])[0])})
        boms = self._read("mrp.bom", bom_ids, ["code", "display_name"])
        return [self._build_order(mo, moves, products, boms) for mo in mos]

    def _read(self, model: str, ids: list[int], fields: list[str]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        rows = self._call(model, "read", [ids], {"fields": fields})
        return {int(row["id"]): row for row in rows}

    def _build_order(
        self,
        mo: Mapping[str, Any],
        moves: Mapping[int, Mapping[str, Any]],
        products: Mapping[int, Mapping[str, Any]],
        boms: Mapping[int, Mapping[str, Any]],
    ) -> ManufacturingOrder:
        product_id, product_label = _m2o(mo["product_id"])
        product = products.get(product_id or 0, {})
        bom_id, bom_label = _m2o(mo["bom_id"])
        bom = boms.get(bom_id or 0, {})
        components = []
        for move_id in mo["move_raw_ids"]:
            move = moves.get(move_id)
            if move is None or move.get("state") == "cancel":
                continue
            move_product_id, move_label = _m2o(move["product_id"])
            move_product = products.get(move_product_id or 0, {})
            components.append(
                MoComponent(
                    move_id=int(move_id),
                    product_id=move_product_id or 0,
                    product_ref=move_product.get("default_code") or None,
                    product_name=str(move_product.get("name") or move_label),
                    quantity=decimal_from_odoo(move.get("product_uom_qty")),
                )
            )
        return ManufacturingOrder(
            mo_id=int(mo["id"]),
            name=str(mo["name"]),
            state=str(mo["state"]),
            product_id=product_id or 0,
            product_name=str(product.get("name") or product_label),
            bom_id=bom_id,
            bom_name=str(bom.get("code") or bom.get("display_name") or bom_label),
            quantity=decimal_from_odoo(mo.get("product_qty")),
            planned_start=_parse_datetime(mo.get(self._names.planned_start)),
            components=tuple(components),
        )

    def _states_sync(self, ids: list[int]) -> dict[int, str]:
        rows = self._call(
            "mrp.production", "search_read", [[("id", "in", ids)]], {"fields": ["state"]}
        )
        return {int(row["id"]): str(row["state"]) for row in rows}

    def _read_mo(self, mo_id: int) -> Mapping[str, Any] | None:
        rows = self._call(
            "mrp.production", "read", [[mo_id]], {"fields": ["name", "state", "move_raw_ids"]}
        )
        return rows[0] if rows else None

    def _report_sync(self, report: ConsumptionReport) -> ReportResult:
        mo = self._read_mo(report.mo_id)
        label = f"MO {report.mo_name} (id {report.mo_id})"
        if mo is None:
            return ReportResult(ReportOutcome.REFUSED, f"{label} does not exist in Odoo")
        state = mo["state"]
        if state == "done":
            return ReportResult(
                ReportOutcome.ALREADY_DONE, f"{label} was already done in Odoo: nothing was written"
            )
        if state not in REPORTABLE_STATES:
            return ReportResult(
                ReportOutcome.REFUSED,
                f"{label} is in state '{state}' in Odoo and cannot be reported",
            )
        unknown = sorted({line.move_id for line in report.lines} - set(mo["move_raw_ids"]))
        if unknown:
            return ReportResult(
                ReportOutcome.REFUSED,
                f"stock moves {unknown} are not components of {label} in Odoo",
            )
        values = {
            "qty_producing": float(round(report.produced_kg, 2)),
            "move_raw_ids": [
                (1, line.move_id, self._names.move_values(float(round(line.quantity_kg, 2))))
                for line in report.lines
            ],
        }
        self._call("mrp.production", "write", [[report.mo_id], values])
        crashpoint("complete.after_odoo_write")
        answer = self._call("mrp.production", "button_mark_done", [[report.mo_id]])
        try:
            steps = self._complete_wizards(answer)
        except WizardRefused as exc:
            return ReportResult(ReportOutcome.REFUSED, f"{label}: {exc}")
        final = self._read_mo(report.mo_id)
        final_state = final["state"] if final else "deleted"
        if final_state != "done":
            return ReportResult(
                ReportOutcome.REFUSED, f"Odoo did not close {label}: its state is '{final_state}'"
            )
        detail = f" after {', '.join(steps)}" if steps else ""
        return ReportResult(ReportOutcome.DONE, f"{label} done in Odoo{detail}")

    def _complete_wizards(self, answer: Any) -> list[str]:
        steps: list[str] = []
        for _ in range(self._policy.max_steps):
            step = next_step(answer, self._policy)
            if step is None:
                return steps
            created = self._call(step.model, "create", [{}], {"context": step.context})
            wizard_id = created[0] if isinstance(created, list) else created
            answer = self._call(step.model, step.method, [[wizard_id]], {"context": step.context})
            steps.append(f"{step.model}.{step.method}")
        raise WizardRefused(f"Odoo still asked questions after {len(steps)} wizards")

    def _maintenance_sync(self) -> bool:
        if self._odoo is None:
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

    def _cancel_sync(self, mo_id: int) -> None:
        mo = self._read_mo(mo_id)
        if mo is None:
            raise RefusedError(f"MO id {mo_id} does not exist in Odoo")
        if mo["state"] == "cancel":
            return
        if mo["state"] == "done":
            raise RefusedError(f"MO {mo['name']} is done in Odoo and cannot be cancelled")
        self._call("mrp.production", "action_cancel", [[mo_id]])


def _check_report(report: ConsumptionReport) -> None:
    """Refuse a report with impossible numbers before anything is sent."""
    if not math.isfinite(report.produced_kg) or report.produced_kg < 0:
        raise ValidationError(
            f"MO {report.mo_name}: produced quantity {report.produced_kg} kg is not valid"
        )
    seen: set[int] = set()
    for line in report.lines:
        if not math.isfinite(line.quantity_kg) or line.quantity_kg < 0:
            raise ValidationError(
                f"MO {report.mo_name}: consumed quantity {line.quantity_kg} kg "
                f"of move {line.move_id} is not valid"
            )
        if line.move_id in seen:
            raise ValidationError(f"MO {report.mo_name}: move {line.move_id} is reported twice")
        seen.add(line.move_id)
