"""Demo mode: both simulators in-process on loopback, a throwaway database, fast timers.

This is the only production code path that imports the simulators (DESIGN §9).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hmi.config import (
    BatchingSettings,
    OdooSettings,
    PlcSettings,
    Settings,
    TaskSettings,
    UiSettings,
)
from hmi.domain.states import BatchState
from hmi.runtime import Runtime, build_engine
from hmi.sim.odoo_sim import OdooSimulator
from hmi.sim.plant_process import Books, PlantOptions, SimulatorProcess, odoo_books
from hmi.sim.plc_sim import PlcSimulator

DEMO_LOGIN = "admin"
DEMO_SECRET = "admin"
DEMO_DATABASE = "demo"
#: A five-minute batch takes 300/speed seconds: 150 → 2 s, a 10-batch cycle in about 25 s.
DEFAULT_DEMO_SPEED = 150.0


@dataclass
class DemoPlant:
    """The two simulators of demo mode and the throwaway folder holding the demo database."""

    speed: float = DEFAULT_DEMO_SPEED
    orders: int = 40
    seed: int | None = 7
    finished_weight: str = "zero"
    isolated: bool = False  # simulators in a child process (soak runs measure the HMI alone)
    plc: PlcSimulator | None = None
    odoo: OdooSimulator | None = None
    process: SimulatorProcess | None = None
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hmi-demo-")))
    plc_port: int = 0
    odoo_url: str = ""

    async def start(self) -> None:
        """Start both simulators, in this process or (isolated) in a child process."""
        if self.isolated:
            self.process = SimulatorProcess(
                PlantOptions(
                    speed=self.speed,
                    orders=self.orders,
                    seed=self.seed,
                    finished_weight=self.finished_weight,
                    database=DEMO_DATABASE,
                    login=DEMO_LOGIN,
                    password=DEMO_SECRET,
                    replenish_below=20,
                )
            )
            await asyncio.to_thread(self.process.start)
            self.plc_port, self.odoo_url = self.process.plc_port, self.process.odoo_url
            return
        self.plc = PlcSimulator(
            "127.0.0.1", 0, speed=self.speed, seed=self.seed, finished_weight=self.finished_weight
        )
        await self.plc.start()
        self.odoo = OdooSimulator(
            "127.0.0.1",
            0,
            database=DEMO_DATABASE,
            login=DEMO_LOGIN,
            password=DEMO_SECRET,
            orders=self.orders,
            seed=self.seed,
            replenish_below=20,
        )
        self.odoo.start()
        self.plc_port, self.odoo_url = self.plc.port, self.odoo.url

    def books(self) -> Books:
        """The Odoo simulator's books: state and consumption postings of every MO."""
        if self.process is not None:
            return self.process.books()
        if self.odoo is None:
            raise RuntimeError("the demo plant is not running")
        return odoo_books(self.odoo)

    async def stop(self) -> None:
        """Stop both simulators and delete the throwaway database folder."""
        if self.process is not None:
            await asyncio.to_thread(self.process.stop)
        if self.plc is not None:
            await self.plc.stop()
        if self.odoo is not None:
            self.odoo.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def settings(self, base: Settings | None = None) -> Settings:
        """Settings pointing at the simulators, with timers fast enough to watch a cycle."""
        if not self.plc_port or not self.odoo_url:
            raise RuntimeError("start() the demo plant before asking for its settings")
        ui = base.ui if base else UiSettings(line_name="Demo line")
        batch_s = 300.0 / self.speed
        return Settings(
            plc=PlcSettings(host="127.0.0.1", port=self.plc_port, unit_id=1, timeout_s=2.0),
            odoo=OdooSettings(
                url=self.odoo_url, database=DEMO_DATABASE, login=DEMO_LOGIN, timeout_s=10.0
            ),
            tasks=TaskSettings(
                fetch_interval_s=max(1.0, min(5.0, batch_s)),
                plc_interval_s=max(0.1, min(0.5, batch_s / 4)),
                complete_interval_s=max(0.2, min(2.0, batch_s)),
                retry_min_s=1.0,
                retry_max_s=30.0,
            ),
            batching=BatchingSettings(),
            ui=ui,
            database_url=f"sqlite:///{self.folder / 'demo.sqlite'}",
        )

    def build(self, base: Settings | None = None, *, users: bool = True) -> Runtime:
        """The engine wired to the simulators (not started); `users`: with the demo's named
        users (DEMO_USERS), so the window can be tried without a first start."""
        settings = self.settings(base)
        runtime = build_engine(
            settings,
            secret=DEMO_SECRET,
            database_url=settings.database_url,
            settings_path=self.folder / "settings.toml",
        )
        if users:
            seed_demo_users(runtime.engine.ctx.store)
        return runtime


#: The demo's named users: name → (role, PIN). A throwaway database; README lists them.
DEMO_USERS = {
    "Admin": ("administrator", "1357"),
    "Budi": ("supervisor", "2468"),
    "Sari": ("operator", "3690"),
    "Eko": ("maintenance", "4826"),
}


def seed_demo_users(store: Any) -> None:
    """Add the demo's users to a demo database that has none of them."""
    from hmi.engine.pin_hash import hash_pin

    for name, (role, pin) in DEMO_USERS.items():
        if store.find_user(name) is None:
            store.add_user(name, role, hash_pin(pin), created_by="demo")


def summarize(runtime: Runtime, plant: DemoPlant, seconds: float) -> dict[str, Any]:
    """Exactly-once check of a demo run against the Odoo simulator's books."""
    books = plant.books()
    store: Any = runtime.engine.ctx.store
    history: list[Any] = []
    while page := store.history_page(len(history), 1000):
        history.extend(page)
    queue = store.batches()
    reported = [h.mo_id for h in history if h.outcome is BatchState.REPORTED]
    cancelled = [h.mo_id for h in history if h.outcome is BatchState.CANCELLED]
    done_in_odoo = {mo_id for mo_id, (state, _) in books.items() if state == "done"}
    duplicates = sum(1 for _, postings in books.values() if postings > 1)
    duplicates += len(reported) - len(set(reported))
    # An MO Odoo already marked done while its batch still waits in the queue to be archived
    # is a report in flight (the next pass archives it), not a lost one.
    in_flight = {b.mo_id for b in queue}
    lost = len(set(reported) - done_in_odoo) + len(done_in_odoo - set(reported) - in_flight)
    return {
        "fetched": len(history) + len(queue),
        "reported": len(reported),
        "cancelled": len(cancelled),
        "in_queue": len(queue),
        "duplicates": duplicates,
        "lost": lost,
        "seconds": round(seconds, 1),
    }
