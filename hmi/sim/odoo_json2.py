"""Odoo 19's External JSON-2 API in the simulator: ``POST /json/2/<model>/<method>``.

As Odoo 19.0 implements it (odoo/odoo addons/rpc/controllers/json2.py, route `auth='bearer'`,
`type='json2'`) and as a real 19.0 server answered (`data/odoo-recordings/odoo-19/json2_*`):
the body holds the method's named arguments plus `ids` and `context`; the answer is the bare
result (`create` returns a list of ids); errors come back with an HTTP status and the body
``{name, message, arguments, context, debug}``: 401 for a missing or unknown API key
("Invalid apikey"), 404 for an unknown model, 500 for a ValueError (e.g. an invalid field);
UserError and its subclasses carry their own status (422, AccessError 403).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hmi.sim.odoo_model import OdooModel
from hmi.sim.odoo_orm import OdooError

PREFIX = "/json/2/"


def json2_error(name: str, message: str, status: int) -> tuple[int, dict[str, Any]]:
    """An HTTP status and JSON-2 error body."""
    arguments: list[Any] = [message, status] if name.startswith("werkzeug.") else [message]
    return status, {
        "name": name,
        "message": message,
        "arguments": arguments,
        "context": {},
        "debug": f"Traceback (most recent call last):\n  (simulated Odoo)\n{name}: {message}\n",
    }


def handle_json2(
    model: OdooModel,
    path: str,
    headers: Mapping[str, str],
    body: Any,
    api_keys: Mapping[str, int],
    database: str,
) -> tuple[int, Any]:
    """Answer one JSON-2 request: (HTTP status, JSON body)."""
    scheme, _, key = (headers.get("Authorization") or "").partition(" ")
    uid = api_keys.get(key.strip()) if scheme.lower() == "bearer" else None
    if uid is None:
        return json2_error("werkzeug.exceptions.Unauthorized", "Invalid apikey", 401)
    wanted_db = headers.get("X-Odoo-Database")
    if wanted_db and wanted_db != database:
        return json2_error("werkzeug.exceptions.NotFound", f"database {wanted_db!r} not found", 404)
    parts = path[len(PREFIX) :].split("/")
    if len(parts) != 2 or not all(parts):
        return json2_error(
            "werkzeug.exceptions.NotFound", "Did you mean POST /json/2/<model>/<method>?", 404
        )
    model_name, method = parts
    if model_name not in model.schema:
        message = f"the model {model_name!r} does not exist"
        return json2_error("werkzeug.exceptions.NotFound", message, 404)
    if not isinstance(body, dict):
        return json2_error("werkzeug.exceptions.BadRequest", "the body must be a JSON object", 400)
    kwargs = {k: v for k, v in body.items() if k != "ids"}
    ids = body.get("ids")
    args = [ids] if ids else []
    try:
        return 200, model.execute(model_name, method, args, kwargs, uid=uid)
    except OdooError as exc:
        if exc.name == "builtins.AttributeError":
            return json2_error("werkzeug.exceptions.NotFound", exc.message, 404)
        return json2_error(exc.name, exc.message, exc.http_status)
    except (TypeError, KeyError, IndexError) as exc:
        return json2_error("werkzeug.exceptions.UnprocessableEntity", str(exc), 422)
