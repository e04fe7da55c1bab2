"""Benchmark: a full feedback scan through PlcLink against the simulator on loopback.

Prints one JSON object per line: {"name", "value", "unit", "compared"}.
Run: .venv/bin/python benchmarks/bench_plc.py [--scans 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable

from hmi.plc.link import PlcLink
from hmi.plc.modbus_client import ModbusClient
from hmi.sim.plc_sim import PlcSimulator


def emit(name: str, value: float, unit: str, compared: str) -> None:
    """One result line."""
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, "compared": compared}))


def p99(samples: list[float]) -> float:
    """99th percentile."""
    return statistics.quantiles(samples, n=100)[98]


async def timed(scan: Callable[[], Awaitable[object]], scans: int) -> list[float]:
    """Milliseconds per call of `scan`, after a warm-up."""
    for _ in range(5):
        await scan()
    samples = []
    for _ in range(scans):
        start = time.perf_counter()
        await scan()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def main(scans: int) -> None:
    """Measure coalesced scans against field-by-field reads."""
    async with PlcSimulator(port=0, speed=60) as sim:
        link = PlcLink("127.0.0.1", sim.port)
        await link.connect()
        regmap = link.register_map
        before = link.request_count
        await link.read_feedback()
        per_scan = link.request_count - before
        coalesced = await timed(link.read_feedback, scans)
        await link.close()

        client = ModbusClient("127.0.0.1", sim.port)
        await client.connect()
        fields = list(regmap.feedback.layout.fields.values())

        async def field_by_field() -> None:
            for slot in range(1, regmap.slots + 1):
                base = regmap.feedback.record_base(slot)
                for spec in fields:
                    await client.read(base + spec.offset, spec.length)

        naive = await timed(field_by_field, max(20, scans // 10))
        naive_requests = regmap.slots * len(fields)
        client.close()

    emit("plc_feedback_scan_requests", per_scan, "requests", f"field by field: {naive_requests}")
    emit("plc_feedback_scan_median", statistics.median(coalesced), "ms", "loopback, 10 slots")
    emit("plc_feedback_scan_p99", p99(coalesced), "ms", "loopback, 10 slots")
    emit(
        "plc_feedback_scan_field_by_field_median",
        statistics.median(naive),
        "ms",
        f"{naive_requests} requests per scan",
    )
    emit(
        "plc_feedback_scan_speedup",
        statistics.median(naive) / statistics.median(coalesced),
        "x",
        "median field-by-field time / median coalesced time",
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=300)
    asyncio.run(main(parser.parse_args().scans))
