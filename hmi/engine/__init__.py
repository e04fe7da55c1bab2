"""hmi.engine layer (see DESIGN.md §2)."""
