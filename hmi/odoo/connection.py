"""What locates and restricts the connection: the URL, the fetch filters, a request counter."""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from hmi.domain.errors import ConfigError
from hmi.domain.messages import msg, plain


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
                raise ConfigError(msg("odoo.config.filter", label=label, ids=repr(ids)))
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
        raise ConfigError(msg("odoo.config.url", url=url, reason=plain(str(exc)))) from exc
    schemes = {"http": ("jsonrpc", 80), "https": ("jsonrpc+ssl", 443)}
    reason = ""
    if parts.scheme not in schemes:
        reason = "it must start with http:// or https://"
    elif not parts.hostname:
        reason = "it has no host name"
    elif parts.query or parts.fragment:
        reason = "it must not have a query (?…) or a fragment (#…)"
    if reason:
        raise ConfigError(msg("odoo.config.url", url=url, reason=plain(reason)))
    protocol, default_port = schemes[parts.scheme]
    return str(parts.hostname), port or default_port, protocol


def url_prefix(url: str) -> str:
    """The path Odoo is served under ("https://erp.example.com/odoo" → "/odoo"), or "".

    Odoo behind a reverse proxy under a path (commissioning, issue 15)."""
    return urllib.parse.unquote(urllib.parse.urlsplit(url.strip()).path).rstrip("/")


class PathPrefix(urllib.request.BaseHandler):
    """urllib handler that puts Odoo's path prefix in front of every request path odoorpc
    builds from host and port ("/jsonrpc" → "/odoo/jsonrpc"); a path already under the
    prefix (JSON-2 and version_info are built from the full URL) is left alone."""

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


class RequestCounter(urllib.request.BaseHandler):
    """urllib handler that counts every HTTP request sent to Odoo."""

    handler_order = 100

    def __init__(self, on_request: Callable[[], None]) -> None:
        self._on_request = on_request

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        """Count one request and pass it on unchanged."""
        self._on_request()
        return request

    https_request = http_request
