"""Simulators of the batching PLC and of Odoo, for demo mode, commissioning and tests."""
