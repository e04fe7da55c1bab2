"""Error classes shared by every layer; each carries a message fit for an operator."""

from __future__ import annotations


class HmiError(Exception):
    """Base of every error the HMI raises on purpose; `str(err)` is the operator's message."""


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

    def __init__(self, message: str, raw_words: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.raw_words = raw_words
