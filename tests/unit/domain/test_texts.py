"""The message catalogue is complete in both languages, and messages survive storage."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hmi.domain.messages import Message, format_kg, msg, plain, render
from hmi.domain.texts import TEXTS

ROOT = Path(__file__).resolve().parents[3] / "hmi"
#: msg("code", …) calls with a literal code anywhere in the package.
CODE_USE = re.compile(r"""\bmsg\(\s*["']([a-z0-9_.]+)["']""")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_every_entry_has_both_languages_with_the_same_parameters(code: str) -> None:
    english, indonesian = TEXTS[code]
    assert english.strip(), f"{code}: English text missing"
    assert indonesian.strip(), f"{code}: Indonesian text missing"
    assert _fields(english) == _fields(indonesian), code


def test_every_code_the_source_uses_is_in_the_catalogue() -> None:
    used = {
        (path.relative_to(ROOT).as_posix(), code)
        for path in ROOT.rglob("*.py")
        if path.name != "messages.py"  # its docstring's example
        for code in CODE_USE.findall(path.read_text(encoding="utf-8"))
    }
    missing = sorted(f"{where}: {code}" for where, code in used if code not in TEXTS)
    assert not missing, missing


def test_render_formats_quantities_per_language() -> None:
    texts = {"t.kg": ("{mo}: {kg:kg} in slot {slot}", "{mo}: {kg:kg} di slot {slot}")}
    message = msg("t.kg", mo="WH/MO/1", kg=Decimal("1234.5"), slot=3)
    assert render(message, "en", texts) == "WH/MO/1: 1,234.50 kg in slot 3"
    assert render(message, "id", texts) == "WH/MO/1: 1.234,50 kg di slot 3"
    assert format_kg(Decimal("0.005")) == "0.01 kg"  # half up, as Decimal formats it


def test_nested_messages_and_lists_render_in_the_same_language() -> None:
    texts = {
        "t.outer": ("Refused: {why:list}", "Ditolak: {why:list}"),
        "t.a": ("no silo", "tidak ada silo"),
        "t.b": ("{n} too long", "{n} terlalu panjang"),
    }
    message = msg("t.outer", why=(msg("t.a"), msg("t.b", n="name")))
    assert render(message, "id", texts) == "Ditolak: tidak ada silo; name terlalu panjang"


def test_an_unknown_code_renders_as_its_code_and_never_raises() -> None:
    assert render(msg("no.such.code", x=1), "id", {}) == "no.such.code(x=1)"


def test_messages_round_trip_through_json() -> None:
    at = datetime(2026, 11, 29, 10, 0, tzinfo=UTC).isoformat()
    message = msg(
        "link.down",
        link=msg("link.name.plc"),
        since=at,
        error=plain("Connection refused"),
        extra=(msg("gate.plc_offline"), msg("gate.queue_not_empty", count=2)),
        kg=Decimal("2.68"),
    )
    assert Message.from_json(message.to_json()) == message
    assert Message.from_json("an old plain line") == plain("an old plain line")


def test_str_is_english() -> None:
    assert str(msg("gate.queue_not_empty", count=3)) == "3 batches still in the queue"


def test_every_protected_command_has_a_name_in_both_languages() -> None:
    from hmi.domain.roles import Command, command_message

    for command in Command:
        shown = command_message(command.value)
        assert shown.code == f"command.name.{command.name.lower()}", command
        assert shown.code in TEXTS
