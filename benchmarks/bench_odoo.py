"""Benchmark: RPC calls and time to fetch 1, 10 and 100 MOs, link vs the naive odoorpc pattern.

The link fetches in 5 calls whatever N (MOs, moves, products, BoMs, units; once per login
one more for the kg and litre units); the naive pattern browses each MO, then
each of its moves and their products (one call per record and relation). Runs
against the Odoo simulator on loopback with 0 and 50 ms added latency per
request. Prints one JSON object per line: name, value, unit, compared.

    .venv/bin/python benchmarks/bench_odoo.py [--naive-limit-s 60]

A naive run whose estimated time (calls × latency) exceeds --naive-limit-s is
not run at that latency: its time is estimated from the 0 ms run plus
calls × latency and the name says "estimated".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

import odoorpc

from hmi.odoo.link import OdooLink
from hmi.sim.odoo_sim import OdooSimulator

SIZES = (1, 10, 100)
LATENCIES_MS = (0, 50)


def emit(name: str, value: float, unit: str, compared: str) -> None:
    """Print one result line."""
    print(
        json.dumps({"name": name, "value": round(value, 4), "unit": unit, "compared": compared}),
        flush=True,
    )


def naive_fetch(odoo: odoorpc.ODOO, limit: int) -> list[tuple[str, list[tuple[Any, float]]]]:
    """The pattern found in many integrations: browse each MO, then each move and product."""
    production = odoo.env["mrp.production"]
    planned = "date_start" if int(odoo.version.split(".")[0]) >= 17 else "date_planned_start"
    ids = production.search(
        [("state", "in", ["confirmed", "progress"])], order=f"{planned}, id", limit=limit
    )
    result = []
    for mo_id in ids:
        mo = production.browse(mo_id)
        components = [
            (move.product_id.default_code, move.product_uom_qty) for move in mo.move_raw_ids
        ]
        result.append((mo.name, components))
    return result


def measure_naive(sim: OdooSimulator, odoo: odoorpc.ODOO, n: int) -> tuple[int, float]:
    sim.reset_counters()
    start = time.perf_counter()
    rows = naive_fetch(odoo, n)
    elapsed = time.perf_counter() - start
    assert len(rows) == n
    return sim.rpc_count, elapsed


async def measure_link(link: OdooLink, n: int) -> tuple[int, float]:
    before = link.rpc_count
    start = time.perf_counter()
    orders = await link.fetch_orders(n)
    elapsed = time.perf_counter() - start
    assert len(orders) == n
    return link.rpc_count - before, elapsed


async def run(naive_limit_s: float, version: int) -> None:
    with OdooSimulator(version=version, orders=max(SIZES), seed=1, api_key="admin") as sim:
        link = OdooLink(sim.url, "demo", "admin", "admin", timeout=30)
        await link.connect()
        await link.fetch_orders(1)  # the first fetch after a login also finds kg and litre
        odoo = odoorpc.ODOO("127.0.0.1", port=sim.port, timeout=30)
        odoo.login("demo", "admin", "admin")
        naive_fetch(odoo, 1)  # warm odoorpc's model registry (fields_get) once
        baseline: dict[int, tuple[int, float]] = {}
        for latency_ms in LATENCIES_MS:
            for n in SIZES:
                sim.faults.latency_s = latency_ms / 1000
                calls, seconds = await measure_link(link, n)
                naive_name = f"naive_fetch_{n}_mos_{latency_ms}ms"
                if latency_ms == 0:
                    naive_calls, naive_seconds = measure_naive(sim, odoo, n)
                    baseline[n] = (naive_calls, naive_seconds)
                else:
                    naive_calls = baseline[n][0]
                    if naive_calls * latency_ms / 1000 <= naive_limit_s:
                        naive_calls, naive_seconds = measure_naive(sim, odoo, n)
                    else:
                        extra = naive_calls * latency_ms / 1000
                        naive_seconds = baseline[n][1] + extra
                        naive_name += "_estimated"
                if latency_ms == 0:
                    emit(
                        f"link_fetch_{n}_mos_rpc_calls",
                        calls,
                        "calls",
                        f"naive odoorpc: {naive_calls} calls ({naive_calls / calls:.1f}x)",
                    )
                emit(
                    f"link_fetch_{n}_mos_{latency_ms}ms",
                    seconds,
                    "s",
                    f"{naive_name}: {naive_seconds:.3f} s "
                    f"({naive_seconds / seconds:.1f}x the link's time)",
                )
        await link.close()


def main() -> None:
    """Parse options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--naive-limit-s", type=float, default=60.0, help="longest naive run to actually perform"
    )
    parser.add_argument("--odoo-version", type=int, choices=(14, 16, 17, 18, 19), default=16)
    args = parser.parse_args()
    asyncio.run(run(args.naive_limit_s, args.odoo_version))


if __name__ == "__main__":
    main()
