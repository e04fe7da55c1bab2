"""Batch HMI for feed mills: Odoo manufacturing orders to a batching PLC over Modbus TCP."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("feedmill-batch-hmi")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

__all__ = ["__version__"]
