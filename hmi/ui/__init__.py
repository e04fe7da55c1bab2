"""hmi.ui layer (see DESIGN.md §2)."""
