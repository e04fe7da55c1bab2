"""Classify what odoorpc and urllib raise into the HMI's three error classes.

Link down (retry later), authentication (fix the settings), refused by Odoo (a
business error carrying Odoo's own message). Nothing else escapes the link.
"""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
from typing import Any

import odoorpc.error

from hmi.domain.errors import AuthenticationError, HmiError, LinkDownError, RefusedError

#: Odoo exception names that mean "your credentials are wrong".
AUTH_ERRORS = frozenset({"odoo.exceptions.AccessDenied"})
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


class SessionExpired(HmiError):
    """Odoo says the session expired; the link logs in again once and retries."""


def rpc_error_name(exc: odoorpc.error.RPCError) -> str:
    """The Odoo exception class name in an RPCError's envelope ('' if absent)."""
    info: Any = exc.info
    if isinstance(info, dict):
        data = info.get("data")
        if isinstance(data, dict):
            return str(data.get("name") or "")
    return ""


def rpc_error_message(exc: odoorpc.error.RPCError) -> str:
    """Odoo's message for the operator, without the traceback."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else "Odoo refused the request without a message"


def classify(exc: BaseException, where: str, *, during_login: bool = False) -> HmiError:
    """Turn any exception from an Odoo call into LinkDown, Authentication, Refused or Session."""
    if isinstance(exc, HmiError):
        return exc
    if isinstance(exc, odoorpc.error.RPCError):
        return _classify_rpc(exc, where, during_login)
    if isinstance(exc, odoorpc.error.InternalError):
        return LinkDownError(f"Odoo at {where}: {exc}")
    if isinstance(exc, urllib.error.HTTPError):
        return LinkDownError(f"Odoo at {where} answered HTTP {exc.code} {exc.reason}")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return LinkDownError(f"Odoo at {where} did not answer in time")
        if isinstance(reason, ssl.SSLCertVerificationError):
            return AuthenticationError(f"Odoo at {where}: TLS certificate refused: {reason}")
        return LinkDownError(f"Odoo at {where} is unreachable: {reason}")
    if isinstance(exc, TimeoutError):
        return LinkDownError(f"Odoo at {where} did not answer in time")
    if isinstance(exc, http.client.HTTPException | ConnectionError):
        return LinkDownError(f"Odoo at {where} dropped the connection: {exc!r}")
    if isinstance(exc, OSError):
        return LinkDownError(f"Odoo at {where} is unreachable: {exc}")
    if isinstance(exc, json.JSONDecodeError | UnicodeDecodeError):
        return LinkDownError(f"Odoo at {where} sent an answer that is not JSON-RPC")
    if isinstance(exc, KeyError | TypeError | ValueError):
        return LinkDownError(f"Odoo at {where} sent an unexpected answer: {exc!r}")
    return LinkDownError(f"Odoo at {where}: unexpected {type(exc).__name__}: {exc}")


def _classify_rpc(exc: odoorpc.error.RPCError, where: str, during_login: bool) -> HmiError:
    name = rpc_error_name(exc)
    message = rpc_error_message(exc)
    if name in SESSION_ERRORS:
        return SessionExpired(f"Odoo at {where}: session expired")
    if name in AUTH_ERRORS or message.startswith("Wrong login ID or password"):
        return AuthenticationError(f"Odoo at {where} refused the login: {message}")
    if during_login and ("does not exist" in message or name.startswith("psycopg2")):
        return AuthenticationError(f"Odoo at {where} refused the login: {message}")
    if name in TRANSIENT_ERRORS:
        return LinkDownError(f"Odoo at {where} is busy, retry later: {message}")
    return RefusedError(message)
