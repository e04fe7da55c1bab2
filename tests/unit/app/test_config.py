"""Settings files: defaults, round trip, comments kept, and a clear message naming every bad
value."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import get_args

import pytest

from hmi.config import (
    BatchingSettings,
    Settings,
    dump_settings,
    load_settings,
    load_settings_by_section,
    save_settings,
    validate_settings,
    with_section,
)
from hmi.domain.errors import ConfigError, ValidationError
from hmi.domain.produced import ProducedPolicy


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    settings = with_section(Settings(), "plc", host="10.0.0.5", port=5020)
    settings = with_section(settings, "ui", line_name='Line "A" \\ 2', language="id")
    path = save_settings(settings, tmp_path / "cfg" / "settings.toml")
    assert load_settings(path) == settings


@pytest.mark.parametrize("name", ["Line\r1", "Line\n2", "Tab\there", "Ünïcode ✓", "'\"\\"])
def test_any_line_name_round_trips(tmp_path: Path, name: str) -> None:
    """The hand-written writer escaped only \\ and \"; a \\r saved, then refused the start."""
    settings = with_section(Settings(), "ui", line_name=name)
    path = save_settings(settings, tmp_path / "settings.toml")
    assert load_settings(path).ui.line_name == name


def test_saving_keeps_the_integrators_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        "# Mill 2, line B — commissioned 2026-03-06 by R. Santoso\n"
        "[plc]\n"
        "port = 5020   # the gateway, not the CPU\n"
        'host = "10.1.2.3"\n'
        "\n"
        "# Odoo behind the plant's proxy\n"
        "[odoo]\n"
        'url = "https://erp.example.com/odoo"\n',
        encoding="utf-8",
    )
    settings = with_section(load_settings(path), "plc", port=9600)
    save_settings(settings, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Mill 2, line B — commissioned 2026-03-06 by R. Santoso\n")
    assert "port = 9600   # the gateway, not the CPU\n" in text
    assert "# Odoo behind the plant's proxy" in text
    assert text.index("port = 9600") < text.index('host = "10.1.2.3"')
    assert load_settings(path) == settings
    assert not list(tmp_path.glob("*.tmp"))
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[plc]\nport = 70000\n", "[plc] port: must be at most 65535 (got 70000)"),
        ('[plc]\nport = "502"\n', "[plc] port: expected a whole number (got '502')"),
        ('[plc]\nhots = "x"\n', "[plc] hots: unknown setting"),
        ('[plcs]\nhost = "x"\n', "unknown settings section [plcs]"),
        ('[odoo]\nurl = "ftp://odoo"\n', "[odoo] url: 'ftp://odoo' is not an http"),
        ('[odoo]\nbackorder_wizard = "maybe"\n', "[odoo] backorder_wizard: must be one of"),
        ('[odoo]\nkeyring_backend = "file"\n', "needs a keyring file path"),
        ("[tasks]\nplc_interval_s = 0\n", "[tasks] plc_interval_s: must be at least 0.1"),
        ("[tasks]\nretry_min_s = 50\nretry_max_s = 20\n", "maximum backoff is shorter"),
        ("[tasks]\nauto_fetch = 1\n", "expected true or false"),
        ("[tasks]\nfetch_interval_s = nan\n", "must be a finite number"),
        ('[batching]\nproduced_policy = "guess"\n', "[batching] produced_policy"),
        ('[ui]\nlanguage = "fr"\n', "[ui] language: must be one of"),
        ('[ui]\nline_name = "  "\n', "[ui] line_name: must not be empty"),
        ('[batching]\nin_progress_policy = "dose"\n', "[batching] in_progress_policy: must be one"),
        ('[batching]\nwarning_bom_policy = "ask"\n', "[batching] warning_bom_policy: must be one"),
        ("[batching]\nmax_batch_kg = 0\n", "[batching] max_batch_kg: must be above 0"),
        (
            "[batching]\nsum_tolerance_pct = 101\n",
            "[batching] sum_tolerance_pct: must be at most 100",
        ),
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


def test_every_problem_of_a_file_is_listed_at_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[plc]\nport = 0\nhost = ""\n[ui]\nlanguage = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    for words in ("[plc] port", "[plc] host", "[ui] language"):
        assert words in str(info.value)


def test_problems_are_kept_per_section_for_start_up(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[plc]\nport = 0\n[odoo]\nurl = "odoo"\n[ui]\nkiosk = true\n', "utf-8")
    settings, problems = load_settings_by_section(path)
    assert set(problems) == {"plc", "odoo"}
    assert settings.plc.port == 502  # the bad section's defaults, marked unusable by start-up
    assert settings.ui.kiosk is True


def test_a_bad_value_is_refused_when_the_section_is_built() -> None:
    with pytest.raises(ValidationError, match=r"\[plc\] host: must not be empty"):
        with_section(Settings(), "plc", host=" ")
    with pytest.raises(ValidationError, match=r"\[plc\] hots"):
        with_section(Settings(), "plc", hots="x")


def test_save_refuses_invalid_settings_and_writes_nothing(tmp_path: Path) -> None:
    good = Settings()
    bad = Settings.__new__(Settings)  # an object that bypassed the schema
    object.__setattr__(bad, "__dict__", dict(good.__dict__))
    object.__setattr__(bad, "plc", object.__new__(type(good.plc)))
    object.__setattr__(bad.plc, "__dict__", {**good.plc.__dict__, "host": " "})
    assert validate_settings(bad) == ["[plc] host: must not be empty (got ' ')"]
    with pytest.raises(ConfigError, match=r"\[plc\] host"):
        save_settings(bad, tmp_path / "settings.toml")
    assert not (tmp_path / "settings.toml").exists()


def test_dump_is_readable_toml_with_every_section() -> None:
    text = dump_settings(Settings())
    for section in ("[plc]", "[odoo]", "[tasks]", "[batching]", "[ui]", "[alarms]"):
        assert section in text
    assert tomllib.loads(text)["plc"]["register_map"] == ""


def test_produced_policy_choices_are_the_domains() -> None:
    from dataclasses import fields

    kind = next(f.type for f in fields(BatchingSettings) if f.name == "produced_policy")
    assert set(get_args(eval(kind, vars(__import__("hmi.config").config)))) == {
        p.value for p in ProducedPolicy
    }
