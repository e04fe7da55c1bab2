"""Odoo behind a reverse proxy under a path (https://erp.example.com/odoo): the link logs in,
fetches and reports through a real HTTP proxy that serves Odoo only under /odoo (issue 15)."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from hmi.domain.errors import HmiError
from hmi.domain.model import ConsumptionLine, ConsumptionReport, ReportOutcome
from hmi.domain.units import round_kg
from hmi.odoo.link import OdooLink
from hmi.sim.odoo_sim import OdooSimulator

PREFIX = "/odoo"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class PathPrefixProxy(ThreadingHTTPServer):
    """A reverse proxy on loopback: /odoo/<path> → the upstream's /<path>; anything else 404."""

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.forwarded: list[str] = []
        self.refused: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{PREFIX}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: PathPrefixProxy

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        if not self.path.startswith(f"{PREFIX}/"):
            self.server.refused.append(self.path)
            self.send_error(404, "not under the proxy's path")
            return
        path = self.path[len(PREFIX) :]
        self.server.forwarded.append(path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=10)
        try:
            upstream.request(self.command, path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        finally:
            upstream.close()


@pytest.fixture
def proxied() -> Iterator[tuple[OdooSimulator, PathPrefixProxy]]:
    with OdooSimulator(version=17, orders=5, seed=11) as sim:
        proxy = PathPrefixProxy(sim.url)
        thread = threading.Thread(target=proxy.serve_forever, name="path-prefix-proxy")
        thread.start()
        try:
            yield sim, proxy
        finally:
            proxy.shutdown()
            proxy.server_close()
            thread.join(5)


async def test_login_fetch_and_report_through_a_path_prefix(proxied) -> None:
    sim, proxy = proxied
    link = OdooLink(proxy.url, "demo", "admin", "admin", timeout=5.0)
    assert link.url == proxy.url  # the prefix is part of the server's URL
    await link.connect()
    try:
        (order,) = await link.fetch_orders(1)
        lines = tuple(
            ConsumptionLine(c.move_id, c.product_id, round_kg(c.quantity * Decimal(1)))
            for c in order.components
        )
        result = await link.report(
            ConsumptionReport(order.mo_id, order.name, round_kg(float(order.quantity)), lines)
        )
    finally:
        await link.close()
    assert result.outcome is ReportOutcome.DONE
    assert sim.model.mo_state(order.mo_id) == "done"
    assert "/jsonrpc" in proxy.forwarded
    assert proxy.refused == []


async def test_without_the_prefix_the_proxy_answers_404_and_the_link_says_so(proxied) -> None:
    _, proxy = proxied
    link = OdooLink(proxy.url.removesuffix(PREFIX), "demo", "admin", "admin", timeout=5.0)
    with pytest.raises(HmiError):
        await link.connect()
    assert not link.state.up
    assert proxy.refused
