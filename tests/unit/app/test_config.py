"""Settings files: defaults, round trip, and a clear message naming every bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from hmi.config import (
    Settings,
    dump_settings,
    load_settings,
    save_settings,
    validate_settings,
    with_section,
)
from hmi.domain.errors import ConfigError


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    settings = with_section(Settings(), "plc", host="10.0.0.5", port=5020)
    settings = with_section(settings, "ui", line_name='Line "A" \\ 2', language="id")
    path = save_settings(settings, tmp_path / "cfg" / "settings.toml")
    assert load_settings(path) == settings


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[plc]\nport = 70000\n", "PLC port: 70000"),
        ('[plc]\nport = "502"\n', "[plc] port: expected a whole number"),
        ('[plc]\nhots = "x"\n', "[plc] hots: unknown setting"),
        ('[plcs]\nhost = "x"\n', "unknown settings section [plcs]"),
        ('[odoo]\nurl = "ftp://odoo"\n', "Odoo URL"),
        ('[odoo]\nbackorder_wizard = "maybe"\n', "Odoo backorder wizard: 'maybe'"),
        ('[odoo]\nkeyring_backend = "file"\n', "needs a keyring file path"),
        ("[tasks]\nplc_interval_s = 0\n", "plc_interval_s: 0.0 s"),
        ("[tasks]\nauto_fetch = 1\n", "expected true or false"),
        ('[batching]\nproduced_policy = "guess"\n', "Produced quantity policy"),
        ('[batching]\nin_progress_policy = "dose"\n', "In progress policy: 'dose' is not one of"),
        ('[batching]\nwarning_bom_policy = "ask"\n', "Warning bom policy: 'ask'"),
        ("[batching]\nmax_batch_kg = 0\n", "Maximum batch: 0.0 kg is out of range"),
        ("[batching]\nsum_tolerance_pct = 101\n", "Components' sum tolerance: 101.0 %"),
        ('[ui]\nlanguage = "fr"\n', "Language: 'fr'"),
        ("not toml = = 1", "not valid TOML"),
    ],
)
def test_bad_values_are_refused_by_name(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_save_refuses_invalid_settings_and_writes_nothing(tmp_path: Path) -> None:
    bad = with_section(Settings(), "plc", host=" ")
    assert validate_settings(bad) == ["PLC host: must not be empty"]
    with pytest.raises(ConfigError, match="PLC host"):
        save_settings(bad, tmp_path / "settings.toml")
    assert not (tmp_path / "settings.toml").exists()


def test_dump_is_readable_toml_with_every_section() -> None:
    text = dump_settings(Settings())
    for section in ("[plc]", "[odoo]", "[tasks]", "[batching]", "[ui]"):
        assert section in text
