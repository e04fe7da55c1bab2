"""Simulators of the batching PLC and of Odoo, for demo mode, commissioning and tests."""

__all__ = ["odoo_model", "odoo_sim", "plc_process", "plc_sim"]
