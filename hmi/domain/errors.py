"""Error classes shared by every layer; each carries a message fit for an operator."""

from __future__ import annotations

from hmi.domain.messages import Message, plain


class HmiError(Exception):
    """Base of every error the HMI raises on purpose.

    Raise it with a `Message` (a catalogue code and parameters) so the window can show it in
    the operator's language; plain text is accepted for words that are not ours (an Odoo
    server's own message). `str(err)` is English; `err.message` is the `Message`.
    """

    def __init__(self, message: Message | str = "", *args: object) -> None:
        self.message: Message = message if isinstance(message, Message) else plain(str(message))
        super().__init__(str(self.message), *args)


class ConfigError(HmiError):
    """A configuration or data file is invalid; the message names the file, the field and why."""


class ValidationError(HmiError):
    """An input value was refused; the message names the thing and the reason."""


class InvalidTransition(HmiError):
    """A batch was asked to move to a state its lifecycle does not allow."""


class LinkDownError(HmiError):
    """A link (PLC, Odoo, database) cannot be reached now; the caller retries later."""


class AuthenticationError(HmiError):
    """A server refused our credentials; the operator must fix the settings."""


class RefusedError(HmiError):
    """A server understood the request and refused it (a business error with its message)."""


class PlcDataError(HmiError):
    """Data read from the PLC is implausible; it is reported with the raw words, never guessed."""

    def __init__(self, message: Message | str, raw_words: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.raw_words = raw_words
