"""Classify what odoorpc, urllib and the JSON-2 API raise into the HMI's error classes.

Link down (retry later), authentication (fix the settings), refused by Odoo (a business
error carrying Odoo's own, full text). Every error carries a `Message` from
`hmi.domain.texts.odoo`, with Odoo's words as `plain(...)`.

A programming error (KeyError, TypeError, ValueError, AttributeError, … raised by the HMI's
own code, for instance on an answer whose shape it does not expect) is not a link problem:
`is_programming_error` tells it apart, and the link lets it through unchanged, staying up, so
the task's health reports it as a programming error (hmi.engine.health), never as
"Odoo offline" (issue 11).
"""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
from typing import Any

import odoorpc.error

from hmi.domain.errors import AuthenticationError, HmiError, LinkDownError, RefusedError
from hmi.domain.messages import Message, msg, plain
from hmi.odoo.rpc import Json2Error, NotOdooAnswer

#: Odoo exception names that mean "your credentials are wrong".
AUTH_ERRORS = frozenset({"odoo.exceptions.AccessDenied", "werkzeug.exceptions.Unauthorized"})
#: Odoo exception names that mean "the session is gone: log in again".
SESSION_ERRORS = frozenset({"odoo.http.SessionExpiredException"})
#: Odoo (PostgreSQL) exception names that are transient: retry later.
TRANSIENT_ERRORS = frozenset(
    {
        "psycopg2.errors.SerializationFailure",
        "psycopg2.errors.LockNotAvailable",
        "psycopg2.errors.DeadlockDetected",
        "psycopg2.extensions.TransactionRollbackError",
    }
)
#: Odoo's exception for a user without the rights to a model.
ACCESS_ERROR = "odoo.exceptions.AccessError"


#: What a network, HTTP, JSON or RPC layer raises: the link is down or Odoo said something.
LINK_LEVEL_ERRORS: tuple[type[BaseException], ...] = (
    HmiError,
    odoorpc.error.Error,
    Json2Error,
    OSError,  # URLError, HTTPError, TimeoutError, ConnectionError, ssl errors
    http.client.HTTPException,
    json.JSONDecodeError,
    UnicodeDecodeError,
    NotOdooAnswer,
)


def is_programming_error(exc: BaseException) -> bool:
    """True for an exception that is a bug in the HMI (or an answer its code cannot handle),
    not a link or server error: it must be reported as such, and the link stays up."""
    return isinstance(exc, Exception) and not isinstance(exc, LINK_LEVEL_ERRORS)


class SessionExpired(HmiError):
    """Odoo says the session expired; the link logs in again once and retries."""


class OdooRefusal(RefusedError):
    """Odoo refused a call; `name` is its exception class, `text` its full message."""

    def __init__(self, message: Message, name: str, text: str) -> None:
        super().__init__(message)
        self.name = name
        self.text = text


def rpc_error_name(exc: odoorpc.error.RPCError) -> str:
    """The Odoo exception class name in an RPCError's envelope ('' if absent)."""
    data = _data(exc)
    return str(data.get("name") or "")


def rpc_error_message(exc: odoorpc.error.RPCError) -> str:
    """Odoo's full message (every line, e.g. the products of a missing lot), no traceback."""
    text = str(_data(exc).get("message") or "").strip() or str(exc).strip()
    return text or "Odoo refused the request without a message"


def _data(exc: odoorpc.error.RPCError) -> dict[str, Any]:
    info: Any = exc.info
    if isinstance(info, dict) and isinstance(info.get("data"), dict):
        return info["data"]  # type: ignore[no-any-return]
    return {}


def classify(
    exc: BaseException, url: str, *, during_login: bool = False, account: tuple[str, str] = ("", "")
) -> HmiError:
    """Turn any exception from an Odoo call into LinkDown, Authentication, Refused or Session.

    account: (database, login) for the login messages.
    """
    if isinstance(exc, HmiError):
        return exc
    if isinstance(exc, odoorpc.error.RPCError):
        return _refusal(rpc_error_name(exc), rpc_error_message(exc), url, during_login, account)
    if isinstance(exc, Json2Error):
        return _refusal(exc.name, exc.message, url, during_login, account)
    if isinstance(exc, odoorpc.error.InternalError):
        return LinkDownError(msg("odoo.unexpected", url=url, detail=plain(str(exc))))
    if isinstance(exc, urllib.error.HTTPError):
        return LinkDownError(
            msg("odoo.http_status", url=url, status=exc.code, reason=str(exc.reason))
        )
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return LinkDownError(msg("odoo.timeout", url=url))
        if isinstance(reason, ssl.SSLCertVerificationError):
            return AuthenticationError(msg("odoo.tls_refused", url=url, error=plain(str(reason))))
        return LinkDownError(msg("odoo.unreachable", url=url, reason=plain(str(reason))))
    if isinstance(exc, TimeoutError):
        return LinkDownError(msg("odoo.timeout", url=url))
    if isinstance(exc, http.client.HTTPException | ConnectionError):
        return LinkDownError(msg("odoo.dropped", url=url))
    if isinstance(exc, OSError):
        return LinkDownError(msg("odoo.unreachable", url=url, reason=plain(str(exc))))
    if isinstance(exc, json.JSONDecodeError | UnicodeDecodeError | NotOdooAnswer):
        return LinkDownError(msg("odoo.not_json", url=url))
    # a programming error never gets here through the link (is_programming_error); a caller
    # that classifies one anyway gets an "unexpected answer", never a silent success
    detail = plain(f"{type(exc).__name__}: {exc}")
    return LinkDownError(msg("odoo.unexpected", url=url, detail=detail))


def _refusal(
    name: str, text: str, url: str, during_login: bool, account: tuple[str, str]
) -> HmiError:
    database, login = account
    if name in SESSION_ERRORS:
        return SessionExpired(msg("odoo.session_expired", url=url))
    wrong = text.startswith("Wrong login ID or password")
    if name in AUTH_ERRORS or wrong:
        error = msg("odoo.wrong_credentials") if wrong else plain(text)
        login_msg = msg("odoo.login_refused", url=url, login=login, database=database, error=error)
        return AuthenticationError(login_msg)
    if during_login and ("does not exist" in text or name.startswith("psycopg2")):
        login_msg = msg(
            "odoo.login_refused", url=url, login=login, database=database, error=plain(text)
        )
        return AuthenticationError(login_msg)
    if name in TRANSIENT_ERRORS:
        return LinkDownError(msg("odoo.busy", url=url, error=plain(text)))
    if name == ACCESS_ERROR:
        return OdooRefusal(msg("odoo.no_rights", login=login, error=plain(text)), name, text)
    return OdooRefusal(msg("odoo.refused", error=plain(text)), name, text)
