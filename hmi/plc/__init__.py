"""hmi.plc layer (see DESIGN.md §2)."""
