"""Why the HMI does not start, told on the panel before any window (issue 11: a second `hmi`
on a queue that already has an engine; a settings file start-up refuses).

A touch dialog in the operator's language that fits the screen (1024 × 768 and up), with
the facts for the integrator below the sentence; never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hmi.domain.messages import Message
from hmi.ui.dialogs import run_dialog
from hmi.ui.i18n import Translations, say
from hmi.ui.labels import clean
from hmi.ui.theme import apply_theme
from hmi.ui.touch import TextDialog


def refusal_text(message: Message, detail: str = "") -> str:
    """The sentence in the window's language, then the integrator's facts (if any)."""
    text = clean(say(message))
    if detail and detail != str(message):
        text += "\n\n" + QCoreApplication.translate("StartupRefusal", "Details: %1").replace(
            "%1", detail
        )
    return text


def refusal_dialog(message: Message, detail: str = "") -> TextDialog:
    """The dialog that says why the HMI does not start."""
    title = QCoreApplication.translate("StartupRefusal", "The HMI does not start")
    dialog = TextDialog(title, refusal_text(message, detail))
    dialog.close_button.setText(QCoreApplication.translate("StartupRefusal", "Close"))
    dialog.want_size(900, 360)
    return dialog


async def show_refusal(app: QApplication, language: str, message: Message, detail: str) -> None:
    """Show the refusal in `language` ("" = the system's) and wait until it is closed."""
    apply_theme(app)
    translations = Translations(app)
    try:
        translations.switch(language)
    except ValueError:
        translations.switch("")
    dialog = refusal_dialog(message, detail)
    try:
        await run_dialog(dialog)
    finally:
        dialog.deleteLater()
