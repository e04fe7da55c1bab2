"""English and Indonesian through Qt's translation system; default is the system locale."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from hmi.resources import resources_dir

log = logging.getLogger(__name__)

SUPPORTED = ("en", "id")
CATALOGUES = {"id": "hmi_id.qm"}
_current = "en"


def current_language() -> str:
    """The language the window shows now ("en" or "id"), for numbers and messages."""
    return _current


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """Map the setting ("" = system locale, "en", "id") to a supported language code."""
    if setting:
        if setting not in SUPPORTED:
            raise ValueError(f"language {setting!r} is not one of {', '.join(SUPPORTED)}")
        return setting
    code = (system or QLocale.system()).name().split("_")[0]
    return code if code in SUPPORTED else "en"


def translations_dir() -> Path:
    """Folder holding the compiled .qm catalogues."""
    return resources_dir() / "translations"


class Translations:
    """Installs at most one HMI translator on the application and switches it at run time."""

    def __init__(self, app: QCoreApplication, folder: Path | None = None) -> None:
        self._app = app
        self._folder = folder or translations_dir()
        self._translator: QTranslator | None = None
        self.language = "en"

    def switch(self, setting: str) -> str:
        """Switch to the language `setting` names; return the language now in use."""
        language = self._switch(setting)
        global _current
        _current = language
        return language

    def _switch(self, setting: str) -> str:
        """Install the translator for `setting`; the language in use."""
        language = resolve_language(setting)
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        catalogue = CATALOGUES.get(language)
        if catalogue is not None:
            translator = QTranslator(self._app)
            path = self._folder / catalogue
            if not translator.load(str(path)):
                log.warning("translation %s cannot be loaded; staying in English", path)
                self.language = "en"
                return self.language
            self._app.installTranslator(translator)
            self._translator = translator
        self.language = language
        self._app.setProperty("hmi_language", language)  # labels render messages in it
        return language
