"""Commissioning messages: a PLC's refusals translated into the setting to change, the probe's
report, plant files and batches held because the equipment table changed under them."""

TEXTS: dict[str, tuple[str, str]] = {
    # ---- refusals (Modbus exception responses, FINS end codes) -------------------------------
    "plc.refused.read_too_long": (
        "The PLC refuses reads of {count} registers at {address} ({why}): set max_read in the "
        "register map's [plc] table (now {limit}; hmi --probe-plc measures the largest)",
        "PLC menolak pembacaan {count} register di {address} ({why}): atur max_read di tabel "
        "[plc] peta register (sekarang {limit}; hmi --probe-plc mengukur nilai terbesarnya)",
    ),
    "plc.refused.write_too_long": (
        "The PLC refuses writes of {count} registers at {address} ({why}): set max_write in the "
        "register map's [plc] table (now {limit})",
        "PLC menolak penulisan {count} register di {address} ({why}): atur max_write di tabel "
        "[plc] peta register (sekarang {limit})",
    ),
    "plc.refused.function_16": (
        "The PLC refuses function 16 (write multiple registers) at {address} ({why}): set "
        "write_function = 6 in the register map's [plc] table",
        "PLC menolak fungsi 16 (tulis banyak register) di {address} ({why}): atur "
        "write_function = 6 di tabel [plc] peta register",
    ),
    "plc.refused.function": (
        "The PLC does not support Modbus function {function} at {address} ({why}): check that "
        "the register map's transport matches the PLC",
        "PLC tidak mendukung fungsi Modbus {function} di {address} ({why}): periksa apakah "
        "transport di peta register sesuai dengan PLC",
    ),
    "plc.refused.address": (
        "The PLC has no registers at {address}–{end} for a {operation} ({why}): check the "
        "areas' base addresses and address_base (now {base}; 1 for the 40001 convention)",
        "PLC tidak memiliki register di {address}–{end} untuk {operation} ({why}): periksa "
        "alamat dasar area dan address_base (sekarang {base}; 1 untuk konvensi 40001)",
    ),
    "plc.refused.read_only": (
        "The PLC does not let the HMI write words {address}–{end} ({why}): make the write "
        "area writable in the PLC or correct its base address",
        "PLC tidak mengizinkan HMI menulis word {address}–{end} ({why}): jadikan area tulis "
        "dapat ditulis di PLC atau perbaiki alamat dasarnya",
    ),
    "plc.refused.mode": (
        "The PLC cannot do a {operation} at {address} in its current mode ({why}): check the "
        "PLC's operating mode",
        "PLC tidak dapat melakukan {operation} di {address} dalam mode saat ini ({why}): "
        "periksa mode operasi PLC",
    ),
    "plc.refused.node": (
        "The PLC's network does not reach the addressed node ({why}): check the FINS network "
        "and node numbers in the register map's [plc.fins] table",
        "Jaringan PLC tidak mencapai node yang dituju ({why}): periksa nomor jaringan dan node "
        "FINS di tabel [plc.fins] peta register",
    ),
    "plc.refused.gateway": (
        "The Modbus gateway cannot reach the PLC behind it ({why}): check unit_id (now {unit})",
        "Gateway Modbus tidak dapat mencapai PLC di belakangnya ({why}): periksa unit_id "
        "(sekarang {unit})",
    ),
    "plc.refused.other": (
        "The PLC refused a {operation} of {count} words at {address} ({why})",
        "PLC menolak {operation} {count} word di {address} ({why})",
    ),
    "plc.op.read": ("read", "pembacaan"),
    "plc.op.write": ("write", "penulisan"),
    "plc.why.modbus": ("Modbus exception {number}: {name}", "exception Modbus {number}: {name}"),
    "plc.why.fins": ("FINS end code {number}: {name}", "kode akhir FINS {number}: {name}"),
    # ---- plant files and settings ------------------------------------------------------------
    "config.plc_unusable": (
        "The PLC side is not configured: {reason}. The Odoo side keeps running; correct the "
        "settings or the register map and restart",
        "Sisi PLC belum dikonfigurasi: {reason}. Sisi Odoo tetap berjalan; perbaiki "
        "pengaturan atau peta register lalu mulai ulang",
    ),
    "config.odoo_unusable": (
        "The Odoo side is not configured: {reason}. The PLC side keeps running; correct the "
        "Odoo settings",
        "Sisi Odoo belum dikonfigurasi: {reason}. Sisi PLC tetap berjalan; perbaiki "
        "pengaturan Odoo",
    ),
    "config.plant_file_copied": (
        "First start: the packaged {what} was copied to {path}; edit that copy for this plant",
        "Mulai pertama: {what} bawaan disalin ke {path}; sunting salinan itu untuk pabrik ini",
    ),
    "config.what.register_map": ("register map", "peta register"),
    "config.what.equipment_table": ("equipment table", "tabel peralatan"),
    # ---- reference data against waiting batches ----------------------------------------------
    "reference.held": (
        "Batch {mo} is held: the equipment table changed under it ({changes:list}). A "
        "supervisor resends it with the current table or cancels it",
        "Batch {mo} ditahan: tabel peralatan berubah ({changes:list}). Supervisor mengirim "
        "ulang dengan tabel saat ini atau membatalkannya",
    ),
    "reference.moved": (
        "{product} is now in {equipment} (planned in {planned})",
        "{product} sekarang di {equipment} (direncanakan di {planned})",
    ),
    "reference.gone": (
        "{product} is no longer in any silo or tank (planned in {planned})",
        "{product} tidak lagi ada di silo atau tangki mana pun (direncanakan di {planned})",
    ),
    "reference.checked": (
        "Equipment table checked against {count} waiting batches: {held} held",
        "Tabel peralatan diperiksa terhadap {count} batch yang menunggu: {held} ditahan",
    ),
    "reference.resent": (
        "{actor} resent {mo} with the current equipment table",
        "{actor} mengirim ulang {mo} dengan tabel peralatan saat ini",
    ),
    "reference.not_held": (
        "{mo} is not held by an equipment table change",
        "{mo} tidak ditahan karena perubahan tabel peralatan",
    ),
    "reference.on_plc": (
        "{mo} is {state}: it cannot be remapped now; stop it at the PLC or cancel it",
        "{mo} berstatus {state}: tidak dapat dipetakan ulang sekarang; hentikan di PLC atau "
        "batalkan",
    ),
}
