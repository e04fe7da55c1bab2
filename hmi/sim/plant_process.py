"""Both simulators in a child process, so a soak run measures the HMI's memory, not theirs.

The child owns the PLC simulator (asyncio) and the Odoo simulator (HTTP thread);
the parent talks to it over a pipe: the ports once started, the Odoo books
(state and consumption postings per MO) on request, and stop.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from hmi.sim.odoo_sim import OdooSimulator
from hmi.sim.plc_sim import PlcSimulator

#: MO id -> (Odoo state, how many times its consumption was posted to stock)
Books = dict[int, tuple[str, int]]
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class PlantOptions:
    """How the child process builds its simulators."""

    speed: float
    orders: int
    seed: int | None
    finished_weight: str
    database: str
    login: str
    password: str
    replenish_below: int


def odoo_books(sim: OdooSimulator) -> Books:
    """The Odoo simulator's books: every MO's state and consumption postings."""
    model = sim.model
    with model.lock:
        ids = list(model.records["mrp.production"])
    return {mo: (model.mo_state(mo), model.consumption_postings(mo)) for mo in ids}


async def _serve(conn: Connection, options: PlantOptions) -> None:
    """Run both simulators until the parent says stop."""
    plc = PlcSimulator(
        "127.0.0.1",
        0,
        speed=options.speed,
        seed=options.seed,
        finished_weight=options.finished_weight,
    )
    await plc.start()
    odoo = OdooSimulator(
        "127.0.0.1",
        0,
        database=options.database,
        login=options.login,
        password=options.password,
        orders=options.orders,
        seed=options.seed,
        replenish_below=options.replenish_below,
    ).start()
    conn.send((plc.port, odoo.url))
    loop = asyncio.get_running_loop()
    try:
        while (command := await loop.run_in_executor(None, conn.recv)) != "stop":
            conn.send(odoo_books(odoo) if command == "books" else None)
    finally:
        await plc.stop()
        odoo.stop()
    conn.send("stopped")


def _child(conn: Connection, options: PlantOptions) -> None:
    """Entry point of the child process."""
    asyncio.run(_serve(conn, options))


class SimulatorProcess:
    """The PLC and Odoo simulators running in a separate process."""

    def __init__(self, options: PlantOptions) -> None:
        self.options = options
        self._conn: Connection | None = None
        self._process: Any = None
        self.plc_port = 0
        self.odoo_url = ""

    def start(self) -> None:
        """Spawn the child and wait until both simulators listen (blocking: use a thread)."""
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(
            target=_child, args=(child, self.options), name="hmi-demo-simulators", daemon=True
        )
        self._process.start()
        if not self._conn.poll(START_TIMEOUT_S):
            self.stop()
            raise RuntimeError("the simulator process did not start in time")
        self.plc_port, self.odoo_url = self._conn.recv()

    def books(self) -> Books:
        """Ask the child for the Odoo books (blocking)."""
        if self._conn is None:
            raise RuntimeError("the simulator process is not running")
        self._conn.send("books")
        return self._conn.recv()

    def stop(self) -> None:
        """Stop the simulators and the child (blocking)."""
        if self._conn is not None:
            try:
                self._conn.send("stop")
                self._conn.poll(10)
            except (BrokenPipeError, EOFError, OSError):
                pass
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
            self._process = None
