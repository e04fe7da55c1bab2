"""Every exception odoorpc or urllib can raise is classified; none escapes raw."""

from __future__ import annotations

import http.client
import json
import urllib.error
from email.message import Message

import odoorpc.error
import pytest

from hmi.domain.errors import AuthenticationError, LinkDownError, RefusedError
from hmi.domain.messages import plain
from hmi.odoo._errors import SessionExpired, classify, is_programming_error, rpc_error_message
from hmi.odoo.rpc import Json2Error, NotOdooAnswer

WHERE = "http://odoo:8069"


def rpc(name: str, message: str) -> odoorpc.error.RPCError:
    return odoorpc.error.RPCError(
        message,
        {"code": 200, "message": "Odoo Server Error", "data": {"name": name, "message": message}},
    )


@pytest.mark.parametrize(
    ("exc", "kind", "text"),
    [
        (
            urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
            LinkDownError,
            "cannot be reached",
        ),
        (
            urllib.error.HTTPError(WHERE, 502, "Bad Gateway", Message(), None),
            LinkDownError,
            "HTTP 502",
        ),
        (TimeoutError("timed out"), LinkDownError, "did not answer in time"),
        (urllib.error.URLError(TimeoutError("timed out")), LinkDownError, "did not answer in time"),
        (http.client.RemoteDisconnected("closed"), LinkDownError, "closed the connection"),
        (ConnectionResetError(104, "reset"), LinkDownError, "closed the connection"),
        (json.JSONDecodeError("x", "doc", 0), LinkDownError, "cannot read"),
        (odoorpc.error.InternalError("Login required"), LinkDownError, "Login required"),
        (
            rpc("odoo.exceptions.AccessDenied", "Access Denied"),
            AuthenticationError,
            "refused the login",
        ),
        (odoorpc.error.RPCError("Wrong login ID or password"), AuthenticationError, "wrong login"),
        (rpc("odoo.exceptions.UserError", "Not enough stock"), RefusedError, "Not enough stock"),
        (rpc("odoo.exceptions.ValidationError", "Bad value"), RefusedError, "Bad value"),
        (rpc("psycopg2.errors.SerializationFailure", "could not serialize"), LinkDownError, "busy"),
        (
            rpc("odoo.http.SessionExpiredException", "Session expired"),
            SessionExpired,
            "session expired",
        ),
    ],
)
def test_classification(exc: BaseException, kind: type, text: str) -> None:
    error = classify(exc, WHERE)
    assert isinstance(error, kind)
    assert text in str(error)


def test_database_errors_during_login_are_authentication_errors() -> None:
    exc = rpc("psycopg2.OperationalError", 'database "nope" does not exist')
    assert isinstance(classify(exc, WHERE, during_login=True), AuthenticationError)
    assert isinstance(classify(exc, WHERE), RefusedError)


def test_refused_message_is_odoos_full_text() -> None:
    # Recorded on Odoo 16: the product is on the second line; the first alone says nothing.
    text = "You need to supply a Lot/Serial Number for product: \n - [RM-LYS0] L-Lysine"
    exc = rpc("odoo.exceptions.UserError", text)
    assert rpc_error_message(exc) == text
    error = classify(exc, WHERE)
    assert isinstance(error, RefusedError)
    assert str(error) == f"Odoo refused: {text}"
    assert error.message.code == "odoo.refused"
    assert error.message.get("error") == plain(text)


def test_access_error_names_the_user_and_what_to_do() -> None:
    text = "You are not allowed to access 'Manufacturing Order' (mrp.production) records."
    error = classify(rpc("odoo.exceptions.AccessError", text), WHERE, account=("rec", "operator"))
    assert isinstance(error, RefusedError)
    assert "Odoo refused user 'operator'" in str(error)
    assert "Manufacturing and Inventory" in str(error)


@pytest.mark.parametrize(
    ("status", "name", "kind", "text"),
    [
        (401, "werkzeug.exceptions.Unauthorized", AuthenticationError, "refused the login"),
        (404, "werkzeug.exceptions.NotFound", RefusedError, "the model"),
        (500, "builtins.ValueError", RefusedError, "Invalid field"),
        (422, "odoo.exceptions.UserError", RefusedError, "cancel"),
    ],
)
def test_json2_errors(status: int, name: str, kind: type, text: str) -> None:
    messages = {
        401: "Invalid apikey",
        404: "the model 'mrp.nonexistent' does not exist",
        500: "Invalid field 'quantity_done' on 'stock.move'",
        422: "You cannot cancel a manufacturing order that is already done.",
    }
    error = classify(Json2Error(status, name, messages[status]), WHERE)
    assert type(error) is kind or isinstance(error, kind)
    assert text in str(error)


def test_unexpected_exceptions_still_become_link_errors() -> None:
    error = classify(RuntimeError("boom"), WHERE)
    assert isinstance(error, LinkDownError)
    assert "RuntimeError" in str(error)


@pytest.mark.parametrize(
    "exc",
    [
        KeyError("product_uom"),
        TypeError("'NoneType' is not subscriptable"),
        ValueError("x"),
        AttributeError("y"),
        IndexError("z"),
        RuntimeError("boom"),
    ],
)
def test_programming_errors_are_not_link_errors(exc: Exception) -> None:
    """A bug (or an answer the code cannot handle) is never taken for Odoo being offline."""
    assert is_programming_error(exc)


@pytest.mark.parametrize(
    "exc",
    [
        urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
        TimeoutError("timed out"),
        http.client.RemoteDisconnected("closed"),
        json.JSONDecodeError("x", "doc", 0),
        NotOdooAnswer("version_info did not answer a result"),
        odoorpc.error.InternalError("Login required"),
        rpc("odoo.exceptions.UserError", "Not enough stock"),
        Json2Error(403, "odoo.exceptions.AccessError", "no"),
        LinkDownError("down"),
    ],
)
def test_link_and_server_errors_are_not_programming_errors(exc: Exception) -> None:
    assert not is_programming_error(exc)


def test_a_json_answer_that_is_not_odoos_says_so() -> None:
    error = classify(NotOdooAnswer("version_info did not answer a result"), WHERE)
    assert isinstance(error, LinkDownError)
    assert "cannot read" in str(error)
