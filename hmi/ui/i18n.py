"""English and Indonesian through Qt's translation system; default is the system locale."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

from hmi.domain.messages import Message, render
from hmi.resources import resources_dir

log = logging.getLogger(__name__)

SUPPORTED = ("en", "id")
CATALOGUES = {"id": "hmi_id.qm"}
_current = {"language": "en"}


def current_language() -> str:
    """The language the window speaks now ("en" or "id"), as the last switch() set it."""
    return _current["language"]


def say(message: Message | str) -> str:
    """A message of the engine rendered in the window's language (plain text as it is)."""
    return render(message, current_language())


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
        """Switch to the language `setting` names; return the language now in use.

        The language is set before Qt's LanguageChange events reach the widgets, so what
        they re-render (engine messages through `say`) is already in the new language.
        """
        language = resolve_language(setting)
        translator: QTranslator | None = None
        catalogue = CATALOGUES.get(language)
        if catalogue is not None:
            translator = QTranslator(self._app)
            path = self._folder / catalogue
            if not translator.load(str(path)):
                log.warning("translation %s cannot be loaded; staying in English", path)
                translator, language = None, "en"
        self.language = _current["language"] = language
        changed = self._translator is not None or translator is not None
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
        self._translator = translator
        if translator is not None:
            self._app.installTranslator(translator)
        if not changed:
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        return language


if TYPE_CHECKING:
    # PySide6's stub types it `(object, object) -> object`; Qt returns the message itself.
    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str:
        """Mark `message` for pyside6-lupdate in `context`; return it unchanged."""
        ...

else:  # re-exported for the UI's modules (the `as` keeps it an explicit re-export)
    from PySide6.QtCore import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
