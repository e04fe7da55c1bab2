"""Odoo link: fetch MOs, report consumption, mark done, cancel — Odoo 14 to 19+ (DESIGN.md §6)."""

from hmi.odoo.connection import OdooFilters, parse_url
from hmi.odoo.credentials import SecretStore, make_backend, secret_username
from hmi.odoo.link import APIS, OdooLink
from hmi.odoo.versions import DIFFERENCES, OdooVersion, parse_server_version
from hmi.odoo.wizards import BackorderChoice, ConsumptionChoice, ImmediateChoice, WizardPolicy

__all__ = [
    "APIS",
    "DIFFERENCES",
    "BackorderChoice",
    "ConsumptionChoice",
    "ImmediateChoice",
    "OdooFilters",
    "OdooLink",
    "OdooVersion",
    "SecretStore",
    "WizardPolicy",
    "make_backend",
    "parse_server_version",
    "parse_url",
    "secret_username",
]
