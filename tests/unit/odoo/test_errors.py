"""Every exception odoorpc or urllib can raise is classified; none escapes raw."""

from __future__ import annotations

import http.client
import json
import urllib.error
from email.message import Message

import odoorpc.error
import pytest

from hmi.domain.errors import AuthenticationError, LinkDownError, RefusedError
from hmi.odoo._errors import SessionExpired, classify, rpc_error_message

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
            "unreachable",
        ),
        (
            urllib.error.HTTPError(WHERE, 502, "Bad Gateway", Message(), None),
            LinkDownError,
            "HTTP 502",
        ),
        (TimeoutError("timed out"), LinkDownError, "did not answer in time"),
        (urllib.error.URLError(TimeoutError("timed out")), LinkDownError, "did not answer in time"),
        (http.client.RemoteDisconnected("closed"), LinkDownError, "dropped the connection"),
        (ConnectionResetError(104, "reset"), LinkDownError, "dropped the connection"),
        (json.JSONDecodeError("x", "doc", 0), LinkDownError, "not JSON-RPC"),
        (odoorpc.error.InternalError("Login required"), LinkDownError, "Login required"),
        (
            rpc("odoo.exceptions.AccessDenied", "Access Denied"),
            AuthenticationError,
            "refused the login",
        ),
        (odoorpc.error.RPCError("Wrong login ID or password"), AuthenticationError, "Wrong login"),
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
    assert type(error) is kind
    assert text in str(error)


def test_database_errors_during_login_are_authentication_errors() -> None:
    exc = rpc("psycopg2.OperationalError", 'database "nope" does not exist')
    assert isinstance(classify(exc, WHERE, during_login=True), AuthenticationError)
    assert isinstance(classify(exc, WHERE), RefusedError)


def test_refused_message_is_odoos_first_line() -> None:
    exc = rpc("odoo.exceptions.UserError", "The quantity to produce must be positive!\nmore")
    assert rpc_error_message(exc) == "The quantity to produce must be positive!"
    assert str(classify(exc, WHERE)) == "The quantity to produce must be positive!"


def test_unexpected_exceptions_still_become_link_errors() -> None:
    error = classify(RuntimeError("boom"), WHERE)
    assert isinstance(error, LinkDownError)
    assert "RuntimeError" in str(error)
