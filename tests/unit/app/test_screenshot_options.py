"""`hmi --screenshot PATH --size WxH` and `hmi --demo --tour DIR`: the panel's size, checked."""

from __future__ import annotations

import argparse

import pytest

from hmi.app import _check_args, build_parser, window_size


def test_window_size_reads_width_and_height() -> None:
    assert window_size("1280x800") == (1280, 800)
    assert window_size("1024X768") == (1024, 768)
    for bad in ("1280", "1280x", "big", "100x100", "9000x9000"):
        with pytest.raises(argparse.ArgumentTypeError):
            window_size(bad)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--size", "1280x800"], "--size needs --screenshot or --tour"),
        (["--tour", "shots"], "--tour needs --demo"),
    ],
)
def test_size_and_tour_are_refused_alone(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        _check_args(parser, parser.parse_args(argv))
    assert message in capsys.readouterr().err


def test_size_with_screenshot_or_tour_is_accepted() -> None:
    parser = build_parser()
    args = parser.parse_args(["--demo", "--screenshot", "x.png", "--size", "1024x768"])
    _check_args(parser, args)
    assert args.size == (1024, 768)
    _check_args(parser, parser.parse_args(["--demo", "--tour", "shots", "--size", "1280x800"]))
