"""`hmi-odoo-sim`: run the Odoo simulator from the command line until interrupted."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence

from hmi.sim.odoo_schema import VERSIONS
from hmi.sim.odoo_sim import OdooSimulator


def build_parser() -> argparse.ArgumentParser:
    """The `hmi-odoo-sim` command line."""
    parser = argparse.ArgumentParser(
        prog="hmi-odoo-sim", description="Odoo JSON-RPC simulator with a feed-mill catalogue"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8069, help="port (default 8069; 0 picks a free one)"
    )
    parser.add_argument(
        "--odoo-version",
        type=int,
        choices=VERSIONS,
        default=16,
        help="Odoo version to present (default 16)",
    )
    parser.add_argument("--database", default="demo", help="database name (default demo)")
    parser.add_argument("--login", default="admin", help="user login (default admin)")
    parser.add_argument("--password", default="admin", help="password (default admin)")
    parser.add_argument(
        "--api-key", default=None, help="the admin's API key (password over RPC, bearer on JSON-2)"
    )
    parser.add_argument(
        "--catalogue",
        choices=("demo", "recorded"),
        default="demo",
        help="demo feed-mill catalogue, or the databases of the recordings (default demo)",
    )
    parser.add_argument("--orders", type=int, default=10, help="confirmed MOs to seed (default 10)")
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed for a reproducible catalogue"
    )
    parser.add_argument(
        "--replenish-below", type=int, default=0, help="keep at least this many confirmed MOs"
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds of latency added to each request"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `hmi-odoo-sim`: serve until interrupted (Ctrl-C or SIGTERM)."""
    args = build_parser().parse_args(argv)
    if args.orders < 0 or args.replenish_below < 0 or args.latency < 0:
        print(
            "hmi-odoo-sim: --orders, --replenish-below and --latency must not be negative",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sim = OdooSimulator(
        args.host,
        args.port,
        version=args.odoo_version,
        database=args.database,
        login=args.login,
        password=args.password,
        api_key=args.api_key,
        catalogue=args.catalogue,
        orders=args.orders,
        seed=args.seed,
        replenish_below=args.replenish_below,
    )
    sim.faults.latency_s = args.latency
    try:
        sim.start()
    except OSError as exc:
        print(
            f"hmi-odoo-sim: cannot listen on {args.host}:{args.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(
        f"Odoo {args.odoo_version} simulator at {sim.url}  "
        f"database {args.database!r}  login {args.login!r}",
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0
