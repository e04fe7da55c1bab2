"""Names written to the PLC's ASCII text fields: check, transliterate or cut under a policy.

The MO, BoM and product names must be printable ASCII and fit the field (16 characters by
default); truncation or transliteration happen only when a `NamePolicy` allows them.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from hmi.domain.messages import Message, msg

#: Characters NFKD does not reduce to ASCII, and what they become.
_TRANSLIT = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "ı": "i",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "⁄": "/",
    "×": "x",
    "°": "o",
    "µ": "u",
    "\u00a0": " ",
}


class NamePolicy(StrEnum):
    """What to do with a name that does not fit the PLC's ASCII text field."""

    REFUSE = "refuse"  # default: refuse the MO and show what would be written
    TRUNCATE = "truncate"  # cut ASCII names to the field length
    TRANSLITERATE = "transliterate"  # replace accented letters etc. by ASCII
    TRANSLITERATE_TRUNCATE = "transliterate_truncate"  # both


def is_plc_text(text: str, length: int = 16) -> bool:
    """True when `text` is printable ASCII and at most `length` characters."""
    return len(text) <= length and all(" " <= ch <= "~" for ch in text)


def transliterate(text: str) -> str:
    """Best ASCII spelling of `text`; characters with no ASCII form become '?'."""
    out: list[str] = []
    for ch in text:
        if " " <= ch <= "~":
            out.append(ch)
            continue
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        mapped = "".join(_TRANSLIT.get(c, c) for c in base)
        out.append(mapped if mapped and is_plc_text(mapped, len(mapped)) else "?")
    return "".join(out)


def fit_name(
    field: str, text: str, policy: NamePolicy, length: int = 16, mo: str = ""
) -> tuple[str | None, Message | None]:
    """(text to write, None) or (None, reason) for one name under a policy.

    field: "mo_name", "bom_name" or "product_name" (named in the reason); mo: the MO's name.
    """
    if is_plc_text(text, length):
        return text, None
    ascii_text = transliterate(text)
    shown = ascii_text[:length]
    may_translit = policy in (NamePolicy.TRANSLITERATE, NamePolicy.TRANSLITERATE_TRUNCATE)
    may_truncate = policy in (NamePolicy.TRUNCATE, NamePolicy.TRANSLITERATE_TRUNCATE)
    candidate = ascii_text if may_translit else text
    if may_truncate:
        candidate = candidate[:length]
    if is_plc_text(candidate, length) and "?" not in (ascii_text if may_translit else ""):
        return candidate, None
    problems: list[Message] = []
    if not all(" " <= ch <= "~" for ch in text):
        problems.append(msg("mapping.name.not_ascii"))
    if len(text) > length:
        problems.append(msg("mapping.name.too_long", length=len(text), limit=length))
    reason = msg(
        "mapping.name_unfit",
        mo=mo or text,
        field=msg(f"mapping.field.{field}"),
        text=text,
        problems=tuple(problems),
        shown=shown,
        policy=policy.value,
    )
    return None, reason
