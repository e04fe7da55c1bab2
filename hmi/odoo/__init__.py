"""Odoo link on odoorpc: fetch MOs, report consumption, mark done, cancel (DESIGN.md §6)."""

from hmi.odoo.credentials import SecretStore, make_backend, secret_username
from hmi.odoo.link import FieldNames, OdooFilters, OdooLink, parse_url
from hmi.odoo.wizards import BackorderChoice, ConsumptionChoice, ImmediateChoice, WizardPolicy

__all__ = [
    "BackorderChoice",
    "ConsumptionChoice",
    "FieldNames",
    "ImmediateChoice",
    "OdooFilters",
    "OdooLink",
    "SecretStore",
    "WizardPolicy",
    "make_backend",
    "parse_url",
    "secret_username",
]
