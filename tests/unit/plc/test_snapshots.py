"""The plant's real feedback captures (copied from shared/data/plc-snapshots) as test vectors."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from hmi.domain.model import SlotFeedback
from hmi.plc.register_map import load_register_map
from hmi.plc.slots import decode_feedback_slot

SNAPSHOTS = Path(__file__).parent / "snapshots"
LIVE = sorted((SNAPSHOTS / "live_2026-03-04").glob("feedback_slot_*.csv"))
PREFLIGHT = sorted((SNAPSHOTS / "preflight_2026-03-06").glob("feedback_slot_*.csv"))
DEFAULT_MAP = load_register_map()
FLOAT_MAP = DEFAULT_MAP.with_field(
    "batch", "finished_weight_kg", type="f32", scale=1, word_order="low_first"
)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def slot_words(path: Path) -> tuple[int, list[int], list[dict[str, str]]]:
    """(slot, the 77 words in address order, the CSV rows) of one capture."""
    table = rows(path)
    words: dict[int, int] = {}
    for row in table:
        first = int(re.match(r"D(\d+)", row["dm_address"]).group(1))  # type: ignore[union-attr]
        for i, word in enumerate(row["raw_words"].split("|")):
            words[first + i] = int(word)
    base = min(words)
    assert sorted(words) == list(range(base, base + 77))
    return int(table[0]["batch_no"]), [words[a] for a in sorted(words)], table


def expected(table: list[dict[str, str]]) -> dict[str, str]:
    return {row["field_name"]: row["decoded_value"] for row in table}


def check_against_capture(fb: SlotFeedback, table: list[dict[str, str]]) -> None:
    """Every field decodes to what the old integration read (the README's values)."""
    want = expected(table)
    assert fb.batch_no == int(want["BATCH"])
    assert fb.mo_name == want["NO-MO"]
    assert fb.bom_name == want["NO-BoM"]
    assert fb.product_name == want["finished_goods"]
    assert fb.quantity_kg == float(want["Quantity Goods_id"]) == 1000.0
    for reading in fb.materials:
        eq_id = reading.equipment_id
        label = "SILO" if eq_id <= 113 else "LQ"
        assert str(eq_id) in {v for k, v in want.items() if k.startswith(f"{label} ID {eq_id}")}
        assert reading.actual_kg == float(want[f"{label} ID {eq_id} Consumption"])
    assert fb.finished is (want["status manufaturing"] == "True")
    assert fb.failed is (want["Status Operation"] == "True")
    assert fb.read_flag is (want["status_read_data"] == "True")


@pytest.mark.parametrize("path", LIVE, ids=[p.stem for p in LIVE])
def test_every_live_slot_decodes_as_captured(path: Path) -> None:
    slot, words, table = slot_words(path)
    fb = decode_feedback_slot(slot, words, DEFAULT_MAP)
    check_against_capture(fb, table)
    assert fb.finished
    assert fb.finished_weight_kg == 0.0  # this PLC reports no finished weight
    assert fb.plausible, fb.problems
    assert fb.mo_name == f"WH/MO/{10 + slot:05d}"


def test_live_captures_cover_all_ten_slots() -> None:
    assert [slot_words(p)[0] for p in LIVE] == list(range(1, 11))
    assert [slot_words(p)[0] for p in PREFLIGHT] == list(range(1, 11))


@pytest.mark.parametrize("path", PREFLIGHT[1:], ids=[p.stem for p in PREFLIGHT[1:]])
def test_other_preflight_slots_are_plausible(path: Path) -> None:
    slot, words, table = slot_words(path)
    fb = decode_feedback_slot(slot, words, DEFAULT_MAP)
    check_against_capture(fb, table)
    assert fb.plausible, fb.problems


def test_preflight_float_weight_as_scaled_integer_is_implausible() -> None:
    slot, words, table = slot_words(PREFLIGHT[0])
    assert words[74:76] == [32768, 17422]
    fb = decode_feedback_slot(slot, words, DEFAULT_MAP)
    check_against_capture(fb, table)
    assert fb.finished_weight_kg == Decimal("21475010.70")  # what the old integration read
    assert not fb.plausible
    assert [str(p) for p in fb.problems] == [
        "feedback slot 1: finished weight 21,475,010.70 kg is above 3,000.00 kg"
    ]
    assert fb.raw_words == tuple(words)


def test_preflight_float_weight_mapped_as_float_low_word_first_reads_570_kg() -> None:
    slot, words, table = slot_words(PREFLIGHT[0])
    fb = decode_feedback_slot(slot, words, FLOAT_MAP)
    check_against_capture(fb, table)
    assert fb.finished_weight_kg == 570.0
    assert fb.plausible, fb.problems


def test_preflight_float_weight_with_high_word_first_is_implausible() -> None:
    wrong = DEFAULT_MAP.with_field("batch", "finished_weight_kg", type="f32", scale=1)
    slot, words, _ = slot_words(PREFLIGHT[0])
    fb = decode_feedback_slot(slot, words, wrong)
    assert not fb.plausible  # 0x8000440E is a negative tiny float


def test_monitor_dwords_are_the_same_words_low_word_first() -> None:
    """The programming tool's view of slot 4 holds the live capture's words, pairwise swapped."""
    _, live, _ = slot_words(LIVE[3])
    tool: dict[int, int] = {}
    for row in rows(SNAPSHOTS / "monitor_dwords_slot04_2026-03-04.csv"):
        base = int(row["base_address"].lstrip("D"))
        for offset in (0, 2, 4, 6, 8):
            dword = int(row[f"+{offset}"], 16)
            tool[base + offset] = dword & 0xFFFF  # low word first
            tool[base + offset + 1] = dword >> 16
    assert [tool[6300 + i] for i in range(77)] == live
    fb = decode_feedback_slot(4, [tool[6300 + i] for i in range(77)], DEFAULT_MAP)
    assert fb.mo_name == "WH/MO/00014"
    assert fb.bom_name == "JF PLUS KUR"
