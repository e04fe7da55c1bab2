"""The commissioning probe: what the configured PLC really accepts and how its words read.

`hmi --probe-plc` (and `probe_plc`, for the Settings dialog) connects with the plant's
register map, finds the largest read the PLC accepts (a binary search at the feedback area's
base, never above the protocol's limit), reads every area with it and reports each refusal
translated (`hmi.plc.refusals`), then decodes the kg fields of each feedback slot in every word
order, byte order and scale and says which readings are plausible (`hmi.plc.readings`). It
never writes to the PLC. The report is printed and saved as a text file the integrator
attaches to the commissioning record.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hmi.config import write_durably
from hmi.domain.errors import HmiError, LinkDownError, PlcRefusedError
from hmi.domain.messages import render
from hmi.plc.capabilities import PROTOCOL_LIMITS
from hmi.plc.codec import decode_field, field_words
from hmi.plc.modbus_client import plan_reads
from hmi.plc.readings import Reading, kg_fields, readings, slot_limit
from hmi.plc.refusals import explain_refusal
from hmi.plc.register_map import Area, RegisterMap
from hmi.plc.transport import PlcTransport, open_transport

TEXT_FIELDS = ("mo_name", "bom_name", "product_name")


@dataclass
class AreaResult:
    """One area read with the largest accepted read: requests and refusals."""

    name: str
    first: int
    last: int
    requests: int = 0
    refused: list[str] = field(default_factory=list)


@dataclass
class FieldResult:
    """One kg field of one slot: its words, the configured reading, the plausible ones."""

    slot: int
    name: str
    words: tuple[int, ...]
    configured: Reading | None
    plausible: list[Reading]
    map_line: str = ""


@dataclass
class ProbeReport:
    """Everything the probe found (see `text()`)."""

    where: str
    map_source: str
    configured: str
    started: str
    largest_read: int | None = None
    ceiling: int = 0
    areas: list[AreaResult] = field(default_factory=list)
    fields: list[FieldResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The report as the integrator reads and files it."""
        lines = [
            "PLC commissioning probe",
            f"when: {self.started}",
            f"PLC: {self.where}",
            f"register map: {self.map_source}",
            f"configured: {self.configured}",
        ]
        if self.largest_read is None:
            lines.append("largest read: not measured")
        else:
            at_limit = " (the protocol's limit)" if self.largest_read == self.ceiling else ""
            lines.append(f"largest read accepted: {self.largest_read} words{at_limit}")
            lines.append(f"  map setting: [plc] max_read = {self.largest_read}")
        lines.append("largest write: not measured (the probe never writes to the PLC)")
        lines.append("")
        lines.append("areas:")
        for area in self.areas:
            state = "ok" if not area.refused else f"{len(area.refused)} refused"
            lines.append(
                f"  {area.name} {area.first}–{area.last}: {area.requests} requests, {state}"
            )
            lines.extend(f"    {refusal}" for refusal in area.refused)
        lines.append("")
        lines.append("feedback slots:")
        lines.extend(f"  {line}" for line in self.texts)
        for result in self.fields:
            lines.extend(_field_lines(result))
        if self.problems:
            lines.append("")
            lines.append("problems:")
            lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines) + "\n"


def _kg(value: float) -> str:
    return f"{value:,.2f} kg"


def _field_lines(result: FieldResult) -> list[str]:
    words = "|".join(str(w) for w in result.words)
    configured = result.configured
    head = f"  slot {result.slot} {result.name} (words {words})"
    lines = []
    if configured is not None:
        verdict = "plausible" if configured.plausible else "IMPLAUSIBLE"
        lines.append(
            f"{head}: as configured ({configured.label}) {_kg(configured.value)}, {verdict}"
        )
    else:
        lines.append(head)
    others = [r for r in result.plausible if not r.configured]
    if configured is not None and configured.plausible:
        return lines
    if not others:
        lines.append("    no reading is plausible")
        return lines
    only = "only " if len(others) == 1 else ""
    lines.append(
        f"    plausible {only}as: " + "; ".join(f"{r.label} = {_kg(r.value)}" for r in others)
    )
    if len(others) == 1:
        lines.append(f"    map setting: {result.map_line}")
    return lines


async def largest_read(client: PlcTransport, address: int, ceiling: int) -> int | None:
    """The largest count the PLC reads at `address` (≤ ceiling), or None if not even one."""

    async def accepts(count: int) -> bool:
        try:
            await client.read(address, count)
        except PlcRefusedError:
            return False
        return True

    if await accepts(ceiling):
        return ceiling
    good, bad = 0, ceiling
    while bad - good > 1:
        middle = (good + bad) // 2
        if await accepts(middle):
            good = middle
        else:
            bad = middle
    return good or None


async def _read_area(
    client: PlcTransport, area: Area, limit: int, regmap: RegisterMap, image: dict[int, int]
) -> AreaResult:
    result = AreaResult(area.name, area.base, area.end - 1)
    for address, count in plan_reads(area.ranges(), limit):
        result.requests += 1
        try:
            words = await client.read(address, count)
        except PlcRefusedError as exc:
            result.refused.append(render(explain_refusal(exc, regmap.capabilities)))
            continue
        image.update(zip(range(address, address + count), words, strict=True))
    return result


def _decode_slots(report: ProbeReport, regmap: RegisterMap, image: dict[int, int]) -> None:
    area = regmap.feedback
    layout = area.layout
    for slot in range(1, area.count + 1):
        base = area.record_base(slot)
        if any(a not in image for a in range(base, base + layout.words)):
            continue
        record = [image[a] for a in range(base, base + layout.words)]
        if not any(record):
            continue
        names = []
        for name in TEXT_FIELDS:
            spec = layout.field(name)
            try:
                names.append(str(decode_field(spec, field_words(spec, record))))
            except HmiError:
                names.append("(not text as configured)")
        report.texts.append(f"slot {slot}: {' / '.join(names)}")
        quantity = next(r for r in readings(layout.field("quantity_kg"), record, regmap.max_kg))
        limit = slot_limit(regmap, quantity.value if quantity.plausible else float("nan"))
        for spec in kg_fields(regmap):
            found = _unsigned_first(readings(spec, record, limit))
            words = tuple(field_words(spec, record))
            configured = next((r for r in found if r.configured), None)
            if not any(words) and configured is not None:
                continue  # zero reads as zero every way
            plausible = [r for r in found if r.plausible]
            line = plausible[0].map_entry(spec.name, spec.offset) if plausible else ""
            report.fields.append(FieldResult(slot, spec.name, words, configured, plausible, line))


def _unsigned_first(found: list[Reading]) -> list[Reading]:
    """Drop i32 readings equal to their u32 twin (the same words, the same value)."""
    seen = {(r.word_order, r.byte_order, r.scale, r.value) for r in found if r.type == "u32"}
    return [
        r
        for r in found
        if r.type != "i32"
        or r.configured
        or (r.word_order, r.byte_order, r.scale, r.value) not in seen
    ]


async def probe_plc(client: PlcTransport, regmap: RegisterMap) -> ProbeReport:
    """Probe a connected PLC (read only) and return the report."""
    caps = regmap.capabilities
    feedback = regmap.feedback
    ceiling = min(PROTOCOL_LIMITS[caps.transport][0], feedback.end - feedback.base)
    report = ProbeReport(
        where=client.where,
        map_source=regmap.source,
        configured=caps.describe(),
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
        ceiling=ceiling,
    )
    report.largest_read = await largest_read(client, feedback.base, ceiling)
    if report.largest_read is None:
        report.problems.append(
            f"the PLC refuses even one word at {feedback.base}: check the areas' base addresses"
            f" and address_base"
        )
        return report
    if report.largest_read < caps.max_read:
        report.problems.append(
            f"the map's max_read = {caps.max_read} is more than the PLC accepts: set "
            f"max_read = {report.largest_read}"
        )
    image: dict[int, int] = {}
    for area in regmap.areas.values():
        report.areas.append(await _read_area(client, area, report.largest_read, regmap, image))
    _decode_slots(report, regmap, image)
    return report


async def probe_connection(
    host: str, port: int, unit_id: int, timeout: float, regmap: RegisterMap
) -> ProbeReport:
    """Open a connection of its own to the PLC at host:port, probe it, close it."""
    caps = regmap.capabilities
    most_read, _ = PROTOCOL_LIMITS[caps.transport]
    wide = regmap.with_capabilities(max_read=most_read).capabilities  # search beyond the map
    client = open_transport(host, port, wide, unit_id=unit_id, timeout=timeout)
    await client.connect()
    try:
        return await probe_plc(client, regmap)
    finally:
        client.close()


def probe_command(settings_path: Path, report_path: Path | None) -> int:
    """`hmi --probe-plc`: probe, print the report, save it; 0 when the PLC answered."""
    from hmi.engine.settings_check import check_settings_file

    check = check_settings_file(settings_path, install=True)
    if check.register_map is None or check.plc:
        print("hmi: the PLC side is not configured:", *check.plc, sep="\n  ", file=sys.stderr)
        return 2
    plc = check.settings.plc
    try:
        report = asyncio.run(
            probe_connection(plc.host, plc.port, plc.unit_id, plc.timeout_s, check.register_map)
        )
    except LinkDownError as exc:
        print(f"hmi: the PLC did not answer: {exc}", file=sys.stderr)
        return 1
    text = report.text()
    print(text, end="")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = report_path or settings_path.resolve().parent / f"plc-probe-{stamp}.txt"
    write_durably(target, text)
    print(f"report saved to {target}")
    return 0
