"""Why PLC values are implausible (hmi.plc.slots, hmi.domain.plausibility): what, where, why.

The English keeps the integrator's words as the register map names them (field names, word
numbers); the values are the PLC's, as read.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # -- where a problem was seen ------------------------------------------------------------
    "plc.where.feedback": ("feedback slot {slot}", "slot umpan balik {slot}"),
    "plc.where.slot_of": ("slot {slot} ({mo})", "slot {slot} ({mo})"),
    "plc.where.failure_block": ("equipment failure block", "blok gangguan peralatan"),
    "plc.where.weighing_block": ("manual weighing block", "blok penimbangan manual"),
    # -- which value -----------------------------------------------------------------------------
    "plc.kind.silo": ("silo", "silo"),
    "plc.kind.liquid": ("liquid", "cairan"),
    "plc.what.quantity": ("quantity", "jumlah"),
    "plc.what.finished_weight": ("finished weight", "berat jadi"),
    "plc.what.weight": ("weight", "berat"),
    "plc.what.actual": ("{kind} {equipment} actual", "aktual {kind} {equipment}"),
    "plc.what.planned_actual": (
        "equipment {equipment} actual (planned {planned:kg})",
        "aktual peralatan {equipment} (rencana {planned:kg})",
    ),
    # -- what is wrong -------------------------------------------------------------------------
    "plc.problem.undecodable": ("{where}: {error}", "{where}: {error}"),
    "plc.problem.not_number": (
        "{where}: {what} is not a number ({value})",
        "{where}: {what} bukan angka ({value})",
    ),
    "plc.problem.negative": (
        "{where}: {what} is negative ({value} kg)",
        "{where}: {what} negatif ({value} kg)",
    ),
    "plc.problem.above": (
        "{where}: {what} {value:kg} is above {limit:kg}",
        "{where}: {what} {value:kg} di atas {limit:kg}",
    ),
    "plc.problem.position": (
        "{where}: position {position} holds equipment id {read}, expected {expected}",
        "{where}: posisi {position} berisi id peralatan {read}, seharusnya {expected}",
    ),
    "plc.problem.batch_outside": (
        "{where}: batch number {batch} is outside 1..{slots}",
        "{where}: nomor batch {batch} di luar 1..{slots}",
    ),
    "plc.problem.batch_slot": (
        "{where}: batch number {batch} in slot {slot}",
        "{where}: nomor batch {batch} di slot {slot}",
    ),
    "plc.problem.flag": (
        "{where}: {name} is {value}, expected 0 or 1",
        "{where}: {name} bernilai {value}, seharusnya 0 atau 1",
    ),
    "plc.problem.time": (
        "{where}: time {parts} is not a valid date and time",
        "{where}: waktu {parts} bukan tanggal dan jam yang sah",
    ),
    "plc.problem.other_mo": (
        "{where}: PLC reports MO '{read}'",
        "{where}: PLC melaporkan MO '{read}'",
    ),
    "plc.problem.missing": (
        "{where}: equipment {equipment} missing from the PLC feedback",
        "{where}: peralatan {equipment} tidak ada di umpan balik PLC",
    ),
}
