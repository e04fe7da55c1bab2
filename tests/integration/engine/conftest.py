"""A plant on loopback for the engine's tests: PLC and Odoo simulators, a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tomlkit

from hmi.config import OdooSettings, PlcSettings, Settings, TaskSettings, dump_settings
from hmi.engine.engine import Engine
from hmi.resources import resource_path
from hmi.runtime import build_engine
from hmi.sim.fins_sim import FinsSimulator
from hmi.sim.odoo_sim import OdooSimulator
from hmi.sim.plc_sim import PlcSimulator
from tests.named_users import seed_users

#: 300 s / 3000: a batch takes 0.1 s on the simulated PLC.
FAST = 3000.0
#: The PLC transports a plant can use; `@pytest.mark.parametrize("plant", TRANSPORTS,
#: indirect=True)` runs a test over each (the default `plant` is Modbus TCP).
TRANSPORTS = ("modbus_tcp", "fins_udp", "fins_tcp")


def transport_map(folder: Path, transport: str) -> Path:
    """A copy of the packaged register map with `[plc] transport` set (and FINS's limits)."""
    document = tomlkit.parse(resource_path("register_map.toml").read_text(encoding="utf-8"))
    document["plc"]["transport"] = transport
    if transport.startswith("fins"):
        document["plc"]["max_read"] = 999
        document["plc"]["max_write"] = 996
    path = folder / f"register_map_{transport}.toml"
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return path


def plc_simulator(transport: str, **options: object) -> PlcSimulator | FinsSimulator:
    """The simulated PLC for a transport, on a free loopback port."""
    if transport == "modbus_tcp":
        return PlcSimulator("127.0.0.1", free_port(), **options)  # type: ignore[arg-type]
    return FinsSimulator(
        "127.0.0.1",
        0,
        protocol=transport.removeprefix("fins_"),
        **options,  # type: ignore[arg-type]
    )


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Plant:
    """Both simulators and where the engine's database lives."""

    plc: PlcSimulator | FinsSimulator
    odoo: OdooSimulator
    folder: Path
    engines: list[Engine] = field(default_factory=list)
    register_map: str = ""  # "" = the packaged map (Modbus TCP)
    transport: str = "modbus_tcp"  # one of TRANSPORTS

    @property
    def db_url(self) -> str:
        """The SQLite file every engine of this plant shares."""
        return f"sqlite:///{self.folder / 'hmi.sqlite'}"

    def settings(self, **tasks: float) -> Settings:
        """Settings pointing at the simulators, with fast task intervals."""
        timing = {
            "fetch_interval_s": 1.0,
            "plc_interval_s": 0.1,
            "complete_interval_s": 0.2,
            "retry_min_s": 0.2,
            "retry_max_s": 1.0,
        }
        timing.update(tasks)
        return Settings(
            plc=PlcSettings(
                host="127.0.0.1",
                port=self.plc.port,
                timeout_s=1.0,
                register_map=self.register_map,
            ),
            odoo=OdooSettings(
                url=self.odoo.url,
                database="demo",
                login="admin",
                timeout_s=2.0,  # a crashed process's report claim lapses after 21 s
                keyring_backend="file",
                keyring_file=str(self.folder / "keyring.cfg"),
            ),
            tasks=TaskSettings(**timing),
            database_url=self.db_url,
        )

    def write_config(self, path: Path, **tasks: float) -> Path:
        """Write a settings file for a separate `hmi --headless` process (secret in a file)."""
        from hmi.odoo.credentials import SecretStore

        settings = self.settings(**tasks)
        store = SecretStore.from_setting("file", Path(settings.odoo.keyring_file))
        store.save(settings.odoo.url, "demo", "admin", "admin")
        path.write_text(dump_settings(settings), encoding="utf-8")
        return path

    async def engine(self, **tasks: float) -> Engine:
        """A started engine on this plant's database."""
        runtime = build_engine(self.settings(**tasks), secret="admin", database_url=self.db_url)
        seed_users(runtime.engine.ctx.store)  # named users act (tests.named_users)
        await runtime.engine.start()
        self.engines.append(runtime.engine)
        return runtime.engine

    def postings(self) -> dict[int, int]:
        """MO id → how many times Odoo posted its consumption (must never exceed 1)."""
        model = self.odoo.model
        return {mo: model.consumption_postings(mo) for mo in model.records["mrp.production"]}


@pytest.fixture
async def plant(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Plant]:
    """PLC simulator (fast, plant-like zero finished weight) and Odoo simulator with 40 MOs;
    over Modbus TCP, or the transport the test parametrizes `plant` with (TRANSPORTS)."""
    transport = getattr(request, "param", "modbus_tcp")
    plc = plc_simulator(transport, speed=FAST, seed=1, finished_weight="zero")
    await plc.start()
    odoo = OdooSimulator("127.0.0.1", free_port(), orders=40, seed=1)
    odoo.start()
    regmap = "" if transport == "modbus_tcp" else str(transport_map(tmp_path, transport))
    made = Plant(plc=plc, odoo=odoo, folder=tmp_path, register_map=regmap, transport=transport)
    try:
        yield made
    finally:
        for engine in made.engines:
            await engine.stop()
        made.odoo.stop()
        await made.plc.stop()
        if made.plc is not plc:  # a test replaced the simulator
            await plc.stop()


#: A batch takes 10 s on the slow PLC: batches stay sent/running while a test acts.
SLOW = 30.0


@pytest.fixture
async def slow_plant(plant: Plant) -> Plant:
    """The plant with a slow PLC that waits for each acknowledgement (a strict program), over
    the plant's transport."""
    await plant.plc.stop()
    plant.plc = plc_simulator(plant.transport, speed=SLOW, seed=1, wait_for_ack=True)
    await plant.plc.start()
    return plant


async def wait_for(
    condition: Callable[[], Awaitable[bool] | bool],
    timeout: float = 20.0,
    step: Callable[[], Awaitable[object]] | None = None,
) -> None:
    """Poll `condition` (running `step` between polls) until true, or fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if step is not None:
            await step()
        result = condition()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"condition not met within {timeout} s")


async def run_tasks(engine: Engine) -> None:
    """One round of the three tasks, as the timers would run them."""
    await engine.sync_tick()
    await engine.complete_tick()
    await engine.fetch_tick()


@pytest.fixture(name="wait_for")
def wait_for_fixture() -> Callable[..., Awaitable[None]]:
    """The `wait_for` poller."""
    return wait_for


@pytest.fixture(name="run_tasks")
def run_tasks_fixture() -> Callable[[Engine], Awaitable[None]]:
    """One round of the three tasks."""
    return run_tasks


@dataclass
class SharedDatabasePlant(Plant):
    """The same simulators, the panels sharing the database at `url` (e.g. PostgreSQL)."""

    url: str = ""

    @property
    def db_url(self) -> str:
        """The database every panel of this plant shares."""
        return self.url


@pytest.fixture
def plant_on_database(plant: Plant) -> Callable[[str], SharedDatabasePlant]:
    """`plant`, re-pointed at another database URL (the simulators stay the same)."""

    def make(url: str) -> SharedDatabasePlant:
        return SharedDatabasePlant(
            plc=plant.plc,
            odoo=plant.odoo,
            folder=plant.folder,
            register_map=plant.register_map,
            transport=plant.transport,
            url=url,
        )

    return make


class HmiProcesses:
    """Starts real `hmi --headless` processes on a settings file; stops them at teardown."""

    def __init__(self) -> None:
        self.running: list[asyncio.subprocess.Process] = []

    async def start(
        self, config: Path, log_dir: Path, crashpoint: str | None = None
    ) -> asyncio.subprocess.Process:
        """One process; `crashpoint` makes it SIGKILL itself at that step."""
        env = dict(os.environ, HMI_LOG_DIR=str(log_dir), QT_QPA_PLATFORM="offscreen")
        env.pop("HMI_CRASHPOINT", None)
        if crashpoint:
            env["HMI_CRASHPOINT"] = crashpoint
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "hmi.app",
            "--headless",
            "--config",
            str(config),
            "--log-level",
            "WARNING",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self.running.append(process)
        return process

    async def stop(self, process: asyncio.subprocess.Process) -> str:
        """SIGTERM, wait (SIGKILL if it hangs); return what it wrote to stderr."""
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        try:
            _, err = await asyncio.wait_for(process.communicate(), 20)
        except TimeoutError:
            process.kill()
            _, err = await process.communicate()
        if process in self.running:
            self.running.remove(process)
        return err.decode(errors="replace")


@pytest.fixture
async def hmi_processes() -> AsyncIterator[HmiProcesses]:
    """Real HMI processes, none left running after the test."""
    processes = HmiProcesses()
    try:
        yield processes
    finally:
        for process in list(processes.running):
            await processes.stop(process)
