"""Messages of the PLC link: link states, Modbus refusals, writes, acknowledgements,
reconciliation of the PLC with the database."""

TEXTS: dict[str, tuple[str, str]] = {
    "link.faulted": (
        "{link} refusing requests since {since:time}: {fault}",
        "{link} menolak permintaan sejak {since:time}: {fault}",
    ),
    "link.not_connected": ("not connected", "tidak tersambung"),
    "plc.refused": (
        "the PLC refuses {function} words {first}–{last}: exception {number} ({exception})",
        "PLC menolak {function} word {first}–{last}: exception {number} ({exception})",
    ),
    "modbus.function.read": ("reading", "pembacaan"),
    "modbus.function.write": ("writing", "penulisan"),
    "modbus.function.other": ("function {number} on", "fungsi {number} pada"),
    "modbus.exception.1": ("illegal function", "fungsi tidak dikenal"),
    "modbus.exception.2": ("illegal data address", "alamat data tidak valid"),
    "modbus.exception.3": ("illegal data value", "nilai data tidak valid"),
    "modbus.exception.4": ("server device failure", "kegagalan perangkat PLC"),
    "modbus.exception.5": ("acknowledge: busy with a long request", "diterima: masih diproses"),
    "modbus.exception.6": ("server device busy", "perangkat PLC sibuk"),
    "modbus.exception.8": ("memory parity error", "kesalahan paritas memori"),
    "modbus.exception.10": ("gateway path unavailable", "jalur gateway tidak tersedia"),
    "modbus.exception.11": (
        "gateway target device failed to respond",
        "perangkat tujuan gateway tidak menjawab",
    ),
    "modbus.exception.unknown": ("unknown exception", "exception tidak dikenal"),
    "plc.not_ready_before_write": (
        "the PLC dropped its ready flag just before the write: nothing was written",
        "PLC menurunkan tanda siap tepat sebelum penulisan: tidak ada yang ditulis",
    ),
    "plc.write_waits": (
        "Batches not written yet: {error}; they are written when the PLC is ready again",
        "Batch belum ditulis: {error}; akan ditulis saat PLC siap lagi",
    ),
    "plc.write_failed": (
        "Writing batches to the PLC failed, will retry: {error}",
        "Penulisan batch ke PLC gagal, akan dicoba lagi: {error}",
    ),
    "plc.written": ("{count} batches written to the PLC", "{count} batch ditulis ke PLC"),
    "plc.resuming_write": (
        "Resuming: writing {count} committed batches to the PLC",
        "Melanjutkan: menulis {count} batch yang sudah disimpan ke PLC",
    ),
    "plc.resuming_holds": (
        "Resuming: the PLC already holds {count} batches: sent",
        "Melanjutkan: PLC sudah memegang {count} batch: terkirim",
    ),
    "plc.busy_mismatch": (
        "PLC is busy with data that does not match the queued batches: check the PLC",
        "PLC sibuk dengan data yang tidak cocok dengan batch dalam antrean: periksa PLC",
    ),
    "plc.finished": (
        "{mo} finished in slot {slot}: {kg:kg}{extra}",
        "{mo} selesai di slot {slot}: {kg:kg}{extra}",
    ),
    "plc.failed": (
        "PLC reports batch {mo} (slot {slot}) failed",
        "PLC melaporkan batch {mo} (slot {slot}) gagal",
    ),
    "ack.retrying": (
        "Acknowledgement of slot {slot} ({mo}) not written yet, retrying: {error}",
        "Konfirmasi slot {slot} ({mo}) belum tertulis, dicoba lagi: {error}",
    ),
    "ack.reached": (
        "Acknowledgement of slot {slot} ({mo}) reached the PLC",
        "Konfirmasi slot {slot} ({mo}) sudah diterima PLC",
    ),
    "ack.cancelled_slot": (
        "Slot {slot} of cancelled batch {mo} showed up finished: acknowledged, nothing booked",
        "Slot {slot} dari batch {mo} yang dibatalkan tampil selesai: dikonfirmasi, "
        "tidak ada yang dibukukan",
    ),
    "ack.cancelled_ran": (
        "Cancelled batch {mo} ran in slot {slot} anyway: {kg:kg} dosed, not booked in Odoo",
        "Batch {mo} yang dibatalkan tetap berjalan di slot {slot}: {kg:kg} tertakar, "
        "tidak dibukukan di Odoo",
    ),
    "reconcile.plc_ok": (
        "PLC checked against the database: it holds only known batches ({count} in the queue)",
        "PLC dicocokkan dengan basis data: hanya berisi batch yang dikenal ({count} di antrean)",
    ),
    "reconcile.blocked": (
        "The PLC holds batches the database does not know: {slots:list}",
        "PLC memegang batch yang tidak dikenal basis data: {slots:list}",
    ),
    "reconcile.unknown_slot": (
        "slot {slot} ({area}): {mo}, {what}",
        "slot {slot} ({area}): {mo}, {what}",
    ),
    "reconcile.area.write": ("to run", "akan dijalankan"),
    "reconcile.area.feedback": ("feedback", "umpan balik"),
    "reconcile.finished": ("finished, {kg:kg} dosed", "selesai, {kg:kg} tertakar"),
    "reconcile.dosing": ("dosing started, {kg:kg} dosed", "penakaran dimulai, {kg:kg} tertakar"),
    "reconcile.not_started": ("not started", "belum dimulai"),
}
