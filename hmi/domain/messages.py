"""Operator messages as a code with parameters, rendered in the reader's language where shown.

The engine, the links and the domain never build sentences for operators: they build a
`Message` (a code from the catalogue in `hmi.domain.texts` and its parameters). A message
is stored that way (event log, alarms, refusals), so the log and the history re-render
when the operator switches language; the service log renders English.

Parameters are plain values (text, whole numbers, `Decimal` quantities, floats, ISO
timestamps), nested messages, or tuples of messages. A template names its parameters in
`str.format` style with these extra format specs:

- ``{x:kg}``   a quantity in kg: two decimals, the language's separators, " kg" after it;
- ``{x:num}``  a number with the language's separators (decimals as given, at most 2);
- ``{x:time}`` an ISO timestamp shown as local HH:MM:SS;
- ``{x:list}`` a tuple of messages joined with "; ".

Example::

    >>> from decimal import Decimal
    >>> m = msg("example.finished", mo="WH/MO/00011", slot=3, kg=Decimal("1234.5"))
    >>> render(m, "en", {"example.finished": ("{mo} finished in slot {slot}: {kg:kg}", "")})
    'WH/MO/00011 finished in slot 3: 1,234.50 kg'
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Union, cast

#: Languages every catalogue entry carries, in the order of the tuple: English, Indonesian.
LANGUAGES = ("en", "id")

Param = Union[str, int, float, Decimal, bool, None, "Message", tuple["Message", ...]]


@dataclass(frozen=True)
class Message:
    """A catalogue code and its parameters (immutable, hashable, comparable)."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str, default: Param = None) -> Param:
        """The parameter `name`, or `default`."""
        for key, value in self.params:
            if key == name:
                return value
        return default

    @property
    def kwargs(self) -> dict[str, Param]:
        """The parameters as a dict."""
        return dict(self.params)

    def __str__(self) -> str:
        """English, as the service log and exceptions show it."""
        return render(self, "en")

    # -- storage -------------------------------------------------------------------------

    def to_json(self) -> str:
        """A JSON text that `Message.from_json` turns back into an equal message."""
        return json.dumps(_encode(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Message:
        """The message `to_json` wrote; a plain text (older rows) becomes a `text` message."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            return plain(str(text))
        if not isinstance(data, dict) or "code" not in data:
            return plain(str(text))
        decoded = _decode(data)
        return decoded if isinstance(decoded, Message) else plain(str(text))


def msg(code: str, **params: Param) -> Message:
    """A message with keyword parameters: ``msg("fetch.queued", count=3, names="…")``."""
    for name, value in params.items():
        if isinstance(value, list):
            params[name] = tuple(value)
    return Message(code, tuple(sorted(params.items())))


def plain(text: str) -> Message:
    """Text that is not ours to translate (an Odoo server's own error, a PLC's words)."""
    return Message("text", (("text", text),))


# -- rendering -----------------------------------------------------------------------------


def render(
    message: Message | str,
    language: str = "en",
    texts: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The message as a sentence in `language` ("en" or "id").

    An unknown code renders as the code and its parameters (never raises): a log line must
    never be lost to a missing translation; a unit test keeps the catalogue complete.
    """
    if isinstance(message, str):
        return message
    if texts is None:
        from hmi.domain.texts import TEXTS

        texts = TEXTS
    index = LANGUAGES.index(language) if language in LANGUAGES else 0
    entry = texts.get(message.code)
    if entry is None:
        args = ", ".join(f"{k}={_short(v)}" for k, v in message.params)
        return f"{message.code}({args})"
    template = entry[index] or entry[0]
    try:
        return _Formatter(language, texts).vformat(template, (), message.kwargs)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        return f"{message.code}: {template} [{exc}]"


def format_number(value: float | int | Decimal, language: str = "en", decimals: int = 2) -> str:
    """A number with `decimals` decimals and the language's separators.

    English: 1,234.56; Indonesian: 1.234,56 (Badan Bahasa, PUEBI: titik for thousands).
    """
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{number:,.{decimals}f}"
    except (InvalidOperation, ValueError):
        return str(value)
    if language == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_kg(value: float | int | Decimal | None, language: str = "en") -> str:
    """A quantity in kg as every screen, log and record shows it: '1,234.50 kg'."""
    if value is None:
        return "–"
    return f"{format_number(value, language, 2)} kg"


def format_time(value: str | datetime | None) -> str:
    """Local HH:MM:SS of an aware timestamp (ISO text or datetime)."""
    if value is None or value == "":
        return "–"
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    from hmi.domain.localtime import local_clock

    return local_clock(moment)


class _Formatter(string.Formatter):
    """str.format with the kg/num/time/list specs and nested messages."""

    def __init__(self, language: str, texts: Mapping[str, tuple[str, str]]) -> None:
        super().__init__()
        self.language = language
        self.texts = texts

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "kg":
            return format_kg(_as_number(value), self.language)
        if format_spec == "num":
            number = _as_number(value)
            if isinstance(number, int):
                return format_number(number, self.language, 0)
            places = -Decimal(str(number)).normalize().as_tuple().exponent  # type: ignore[operator]
            return format_number(number, self.language, max(0, min(2, int(places))))
        if format_spec == "time":
            return format_time(value)
        if format_spec == "list":
            items = value if isinstance(value, tuple | list) else (value,)
            return "; ".join(self._one(item) for item in items)
        if isinstance(value, Message):
            return self._one(value)
        if isinstance(value, tuple):
            return "; ".join(self._one(item) for item in value)
        return cast(str, super().format_field(value, format_spec))

    def _one(self, value: Any) -> str:
        if isinstance(value, Message):
            return render(value, self.language, self.texts)
        return str(value)


def _as_number(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value


def _short(value: Param) -> str:
    return str(value) if not isinstance(value, Message) else value.code


# -- JSON ----------------------------------------------------------------------------------


def _encode(value: Param) -> Any:
    if isinstance(value, Message):
        return {"code": value.code, "params": {k: _encode(v) for k, v in value.params}}
    if isinstance(value, tuple):
        return {"list": [_encode(v) for v in value]}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    return value


def _decode(value: Any) -> Param:
    if isinstance(value, dict):
        if "code" in value:
            params = value.get("params") or {}
            pairs = sorted((str(k), _decode(v)) for k, v in params.items())
            return Message(str(value["code"]), tuple(pairs))
        if "list" in value:
            return tuple(_decode(v) for v in value["list"])  # type: ignore[misc]
        if "dec" in value:
            return Decimal(value["dec"])
    return value  # type: ignore[no-any-return]
