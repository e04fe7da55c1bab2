"""hmi.odoo layer (see DESIGN.md §2)."""
