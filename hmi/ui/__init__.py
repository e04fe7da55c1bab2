"""hmi.ui layer (see DESIGN.md §2): the operator's window; Qt lives only here and in the driver."""

from hmi.ui.excepthook import CalmExceptHook, install
from hmi.ui.i18n import Translations, resolve_language
from hmi.ui.main_window import MainWindow
from hmi.ui.theme import Metrics, apply_theme, metrics, mm_to_px

__all__ = [
    "CalmExceptHook",
    "MainWindow",
    "Metrics",
    "Translations",
    "apply_theme",
    "install",
    "metrics",
    "mm_to_px",
    "resolve_language",
]
