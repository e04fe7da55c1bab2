"""Composition root and command line of the batch HMI."""

from __future__ import annotations

import argparse
import sys

from hmi import __version__


def build_parser() -> argparse.ArgumentParser:
    """The `hmi` command line."""
    parser = argparse.ArgumentParser(prog="hmi", description="Batch HMI for feed mills")
    parser.add_argument("--version", action="version", version=f"hmi {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `hmi` command."""
    build_parser().parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
