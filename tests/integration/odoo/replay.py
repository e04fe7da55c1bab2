"""A loopback HTTP server that answers the Odoo link with what real Odoo 16–19 answered.

It serves one recording (`tests/data/odoo-recordings/odoo-<v>/<scenario>.json`) to a real
`OdooLink`, over JSON-RPC (odoorpc) or JSON-2, request by request:

- a write, `button_mark_done`, `create`, a wizard button or `action_cancel` is answered
  with the recorded response of the next recorded call with the same model, method and
  arguments — verbatim, errors included; a call the recording does not hold gets HTTP 500
  (the test fails and says which call);
- a `read` or `search_read` is answered from the next recorded read of the same model and
  ids (or domain), projected onto the fields the link asks; a field that recorded read
  did not include is taken from every other answer recorded on that version for that
  record, if the field cannot change (units, names, references), or from the version's
  `fetch.json` (recorded before any scenario changed anything; the README's scenarios
  each work on their own MO);
- what no recording holds comes from `SEEDING`: facts of the README's "Seeding" section
  (e.g. every confirmed MO after F_BO_BACK is in kg, has no by-product and no work order)
  and the external ids of kg and litre. Each use is logged in `synthesized`, so a test can
  list exactly which values were not real bytes.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from hmi.odoo.rpc import json2_body
from tests.integration.odoo.recordings import recording

PASSWORD, API_KEY = "replay-password", "replay-api-key"
#: Fields that do not change while the recordings were made (safe to take from any answer).
STATIC = {
    "mrp.production": {
        "name", "product_id", "bom_id", "product_uom_id", "consumption", "move_byproduct_ids",
        "workorder_ids", "product_qty", "date_planned_start", "date_start", "move_raw_ids",
    },
    "stock.move": {"product_id", "product_uom", "product_uom_qty", "raw_material_production_id"},
    "product.product": {"default_code", "name", "tracking", "display_name", "uom_id"},
    "uom.uom": {
        "name", "category_id", "factor", "rounding", "parent_path", "relative_uom_id",
        "relative_factor", "factor_inv", "uom_type",
    },
    "mrp.bom": {"code", "display_name", "consumption"},
}  # fmt: skip
#: BoM consumption modes of the README's seeding, by MO id (R_WARN … R_LOT0, the JSON-2 MOs).
CONSUMPTION = {9: "warning", 10: "strict", 11: "flexible"}


def seeding(version: int) -> dict[tuple[str, str], Any]:
    """Values the recordings never read back, from the README's "Seeding" section."""
    kg = [15, "kg"] if version >= 19 else [12, "kg"]
    return {
        ("mrp.production", "product_uom_id"): kg,  # "finished goods in kg except FG-SL" (MO 2)
        ("mrp.production", "qty_producing"): 0.0,  # confirmed MOs: nothing produced yet
        ("mrp.production", "qty_produced"): 0.0,
        ("mrp.production", "move_byproduct_ids"): [],  # only PEL-BYP (MO 4) has a by-product
        ("mrp.production", "workorder_ids"): [],  # no BoM has operations
        ("mrp.production", "write_date"): "2026-11-29 17:50:00",  # not read: volatile anyway
        ("stock.move", "product_uom"): kg,  # corn, SBM, lysine are kg
        ("stock.move", "state"): "confirmed",  # an MO made after fetch.json: not yet consumed
        ("stock.move", "quantity_done"): 0.0,  # confirmed MOs: nothing consumed
        ("stock.move", "quantity"): 0.0,
        ("stock.move", "picked"): False,
        ("product.product", "tracking"): "none",
    }


def _external_ids(version: int) -> list[dict[str, Any]]:
    kg, litre = (15, 12) if version >= 19 else (12, 10)  # the recorded uom.uom ids
    return [
        {"id": 1, "name": "product_uom_kgm", "res_id": kg},
        {"id": 2, "name": "product_uom_litre", "res_id": litre},
    ]


class RecordedOdoo:
    """Serves one recording to the link (see the module docstring); `url` to connect to."""

    def __init__(self, version: int, scenario: str, start: int = 0) -> None:
        self.version = version
        exchanges = recording(version, scenario)["exchanges"]
        # the link's part of the recording: from `start` to the recorder's own reads, which
        # always begin with a fields_get
        end = next(
            (
                i
                for i, e in enumerate(exchanges)
                if i >= start and (_as_call(e) or ("", "x"))[1] == "fields_get"
            ),
            len(exchanges),
        )
        self.exchanges = exchanges[:end]
        self.cursor = start
        self.synthesized: set[tuple[str, str]] = set()
        self.unrecorded: list[str] = []
        self.baseline = _store(recording(version, "fetch")["exchanges"])
        self.static = _store(
            e for name in _all_scenarios(version) for e in recording(version, name)["exchanges"]
        )
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> RecordedOdoo:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- answering -----------------------------------------------------------------------------

    def version_info(self) -> Any:
        for exchange in recording(self.version, "login")["exchanges"]:
            if exchange["url"] == "/web/webclient/version_info":
                return exchange["response"]["result"]
        raise AssertionError("no version_info recorded")

    def login(self, login: str, password: str) -> Any:
        """The uid the recording's login returned, for the right password; else False."""
        if password not in (PASSWORD, API_KEY):
            return False
        for exchange in self.exchanges:
            params = exchange["request"].get("params") or {}
            result = exchange["response"].get("result")
            if params.get("method") == "login" and result and params["args"][1] == login:
                return result
        return 6 if login == "operator" else 2

    def call(self, model: str, method: str, body: Mapping[str, Any]) -> tuple[bool, int, Any]:
        """(ok, HTTP status, answer) for a call in JSON-2 form: the result; or a recorded
        error as recorded (JSON-RPC: status 200 and the error object; JSON-2: its status and
        body); or status 599 and a description for a call the recording does not hold."""
        if model == "res.users" and method == "context_get":
            self.synthesized.add(("res.users", "context_get"))  # JSON-2 login: 19's answer
            return True, 200, {"lang": "en_US", "tz": False, "uid": 2}
        if model == "ir.model.data":
            self.synthesized.add(("ir.model.data", "search_read"))
            return True, 200, _external_ids(self.version)
        reading = method in ("read", "search_read")
        for index in range(self.cursor, len(self.exchanges)):
            exchange = self.exchanges[index]
            recorded = _as_call(exchange)
            if recorded is None or recorded[:2] != (model, method):
                continue
            response = exchange["response"]
            error = response.get("error", response) if isinstance(response, dict) else None
            failed = exchange["http_status"] != 200 or (
                isinstance(response, dict) and "error" in response
            )
            if reading and failed and _error_name(error) == "builtins.ValueError":
                continue  # the recorder asked for a field of another version
            if reading and not _same_rows(recorded[2], body):
                continue
            if not reading and _normalized(recorded[2]) != _normalized(body):
                continue
            self.cursor = index + 1
            if failed:
                return False, exchange["http_status"], response.get("error", response)
            result = (
                response["result"]
                if isinstance(response, dict) and "result" in response
                else response
            )
            if reading and isinstance(result, list):
                result = [self._project(model, row, body.get("fields") or []) for row in result]
            return True, 200, result
        if method == "read":
            ids = body.get("ids") or []
            return True, 200, [self._row(model, int(i), body.get("fields") or []) for i in ids]
        self.unrecorded.append(f"{model}.{method}({json.dumps(body)[:300]})")
        return False, 599, {"name": "replay", "message": f"not recorded: {self.unrecorded[-1]}"}

    def _project(self, model: str, row: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
        out = {"id": row["id"]}
        for field in fields:
            out[field] = row[field] if field in row else self._value(model, int(row["id"]), field)
        return out

    def _row(self, model: str, rec_id: int, fields: list[str]) -> dict[str, Any]:
        return {"id": rec_id, **{f: self._value(model, rec_id, f) for f in fields}}

    def _value(self, model: str, rec_id: int, field: str) -> Any:
        for store, allowed in ((self.baseline, None), (self.static, STATIC.get(model, set()))):
            row = store[model].get(rec_id, {})
            if field in row and (allowed is None or field in allowed):
                return row[field]
        if model == "mrp.production" and field == "consumption" and rec_id >= 9:
            self.synthesized.add((model, field))
            return CONSUMPTION.get(rec_id, "warning")
        if model == "product.product" and field == "tracking" and rec_id == 15:
            self.synthesized.add((model, field))
            return "lot"  # RM-LYS0: "kg, tracking lot"
        defaults = seeding(self.version)
        if (model, field) in defaults:
            self.synthesized.add((model, field))
            return defaults[(model, field)]
        self.unrecorded.append(f"{model}({rec_id}).{field}")
        return None


def _all_scenarios(version: int) -> Iterator[str]:
    from tests.integration.odoo.recordings import scenarios

    yield from scenarios(version)


def _store(exchanges: Any) -> dict[str, dict[int, dict[str, Any]]]:
    """Every row of every recorded read/search_read, merged by model and id."""
    store: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for exchange in exchanges:
        call = _as_call(exchange)
        response = exchange["response"]
        result = (
            response.get("result")
            if isinstance(response, dict) and "result" in response
            else response
        )
        if call is None or call[1] not in ("read", "search_read") or not isinstance(result, list):
            continue
        for row in result:
            store[call[0]].setdefault(int(row["id"]), {}).update(row)
    return store


def _as_call(exchange: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
    """A recorded exchange as (model, method, JSON-2 style body), None for other routes."""
    url, request = exchange["url"], exchange["request"]
    if url.startswith("/json/2/"):
        _, _, _, model, method = url.split("/")
        return model, method, dict(request)
    params = request.get("params") or {}
    if url != "/jsonrpc" or params.get("service") != "object":
        return None
    args = params.get("args") or []
    if len(args) < 5:
        return None
    positional = args[5] if len(args) > 5 else []
    keywords = args[6] if len(args) > 6 else {}
    if params.get("method") == "execute":
        positional, keywords = args[5:], {}
    return str(args[3]), str(args[4]), json2_body(str(args[4]), positional, keywords)


def _error_name(error: Any) -> str:
    """The exception name of a recorded JSON-RPC error object or JSON-2 error body."""
    if not isinstance(error, dict):
        return ""
    data = error.get("data") if isinstance(error.get("data"), dict) else error
    return str(data.get("name") or "")


def _normalized(body: Mapping[str, Any]) -> Any:
    """A body as JSON would carry it (tuples are lists, 750 == 750.0)."""
    return json.loads(json.dumps(body))


def _same_rows(recorded: Mapping[str, Any], asked: Mapping[str, Any]) -> bool:
    """Whether a recorded read/search_read asked for the same records as the link."""
    if "ids" in asked:
        return sorted(recorded.get("ids") or []) == sorted(asked.get("ids") or [])
    return _normalized(recorded.get("domain")) == _normalized(asked.get("domain"))


def _handler(server: RecordedOdoo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(
                self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}"
            )
            if self.path.startswith("/json/2/"):
                self._json2(body)
                return
            params = body.get("params") or {}
            out: dict[str, Any] = {"jsonrpc": "2.0", "id": body.get("id")}
            if self.path == "/web/webclient/version_info":
                out["result"] = server.version_info()
            elif params.get("service") == "common":
                args = params.get("args") or []
                out["result"] = server.login(str(args[1]), str(args[2]))
            else:
                args = params.get("args") or []
                method = str(args[4])
                positional = args[5] if len(args) > 5 else []
                keywords = args[6] if len(args) > 6 else {}
                if params.get("method") == "execute":
                    positional, keywords = args[5:], {}
                ok, status, value = server.call(
                    str(args[3]), method, json2_body(method, positional, keywords)
                )
                if status == 599:
                    value = {"code": 200, "message": "Odoo Server Error", "data": value}
                out["result" if ok else "error"] = value
            self._send(200, out)

        def _json2(self, body: dict[str, Any]) -> None:
            if self.headers.get("Authorization") != f"bearer {API_KEY}":
                recorded = recording(19, "json2_fetch")["exchanges"][0]  # the 401 answer
                self._send(recorded["http_status"], recorded["response"])
                return
            _, _, _, model, method = self.path.split("/")
            _ok, status, value = server.call(model, method, body)
            self._send(500 if status == 599 else status, value)

        def _send(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
