"""What the operator's window says that the engine decides: why a command is not possible
now (`hmi.engine.permissions`) and the names of states, levels, sources and priorities.
(What to do about each kind of alarm, ISA-18.2's response, is `action.*` in `stalls`.)"""

TEXTS: dict[str, tuple[str, str]] = {
    # -- batch states (ISA-88 words, as the operator sees them) -----------------------------
    "batch.state.queued": ("Queued", "Dalam antrean"),
    "batch.state.sent": ("Sent to PLC", "Terkirim ke PLC"),
    "batch.state.running": ("Dosing", "Menakar"),
    "batch.state.finished": ("Reporting", "Melapor"),
    "batch.state.reported": ("Reported", "Dilaporkan"),
    "batch.state.failed": ("FAILED", "GAGAL"),
    "batch.state.needs_attention": ("Needs attention", "Perlu tindakan"),
    "batch.state.cancelled": ("Cancelled", "Dibatalkan"),
    # -- log levels and sources --------------------------------------------------------------
    "log.level.debug": ("Debug", "Debug"),
    "log.level.info": ("Info", "Info"),
    "log.level.warning": ("Warning", "Peringatan"),
    "log.level.error": ("Error", "Kesalahan"),
    "log.level.critical": ("Critical", "Kritis"),
    "log.source.fetch": ("Fetch", "Ambil"),
    "log.source.sync": ("PLC", "PLC"),
    "log.source.plc": ("PLC", "PLC"),
    "log.source.complete": ("Reporting", "Pelaporan"),
    "log.source.odoo": ("Odoo", "Odoo"),
    "log.source.db": ("Database", "Basis data"),
    "log.source.operator": ("Operator", "Operator"),
    "log.source.engine": ("HMI", "HMI"),
    "log.source.alarm": ("Alarm", "Alarm"),
    "log.source.equipment": ("Equipment", "Peralatan"),
    "log.source.outbox": ("Maintenance", "Pemeliharaan"),
    "log.source.retention": ("HMI", "HMI"),
    "log.source.reconcile": ("Start-up check", "Pemeriksaan awal"),
    "log.source.other": ("HMI", "HMI"),
    # -- alarm priorities and sources (ISA-18.2) ---------------------------------------------
    "alarm.priority.high": ("High", "Tinggi"),
    "alarm.priority.medium": ("Medium", "Sedang"),
    "alarm.priority.low": ("Low", "Rendah"),
    # -- what the window itself writes in the log -------------------------------------------
    "window.fetch_cancelled": (
        "Fetch cancelled: nothing queued",
        "Pengambilan dibatalkan: tidak ada yang diantrekan",
    ),
    "window.file_written": ("{what} written to {path}", "{what} ditulis ke {path}"),
    "window.file_failed": (
        "{path} cannot be written: {error}",
        "{path} tidak dapat ditulis: {error}",
    ),
    "window.audit_exported": (
        "{count} audit entries exported to {path}",
        "{count} entri audit diekspor ke {path}",
    ),
    "window.what.batch_record": ("Batch record", "Catatan batch"),
    "window.what.shift_report": ("Shift report", "Laporan shift"),
    "window.event_log_unreadable": (
        "The saved log cannot be read now: {error}",
        "Log yang tersimpan tidak dapat dibaca sekarang: {error}",
    ),
    # -- why a command is not possible now (hmi.engine.permissions) --------------------------
    "why.db_offline": (
        "The database is offline: wait until it is back",
        "Basis data tidak tersambung: tunggu sampai tersambung lagi",
    ),
    "why.gate": ("Not now: {reasons:list}", "Belum bisa: {reasons:list}"),
    "why.fetch_busy": (
        "A fetch is already in progress",
        "Pengambilan orde sedang berjalan",
    ),
    "why.no_batch": (
        "Tap a batch of the queue first",
        "Ketuk dulu salah satu batch di antrean",
    ),
    "why.batch_gone": (
        "This batch is no longer in the queue",
        "Batch ini sudah tidak ada di antrean",
    ),
    "why.cancel_dosing": (
        "The PLC is dosing {mo}: stop it at the PLC first",
        "PLC sedang menakar {mo}: hentikan dulu di PLC",
    ),
    "why.cancel_state": (
        "{mo} cannot be cancelled while it is {state}",
        "{mo} tidak dapat dibatalkan selama {state}",
    ),
    "why.retry_state": (
        "{mo} is {state}: nothing to retry",
        "{mo} {state}: tidak ada yang perlu dicoba lagi",
    ),
    "why.retry_plc_offline": (
        "PLC offline: {mo} can be sent again once the PLC is back",
        "PLC tidak tersambung: {mo} dapat dikirim lagi setelah PLC tersambung",
    ),
    "why.retry_plc_busy": (
        "The PLC is not ready: send {mo} again when it has finished its batches",
        "PLC belum siap: kirim lagi {mo} setelah PLC menyelesaikan batch-nya",
    ),
    "why.cancel_odoo_offline": (
        "Odoo offline: cancelling {mo} cancels its MO in Odoo too; try again once Odoo is back "
        "(or set cancel_mode to release)",
        "Odoo tidak tersambung: membatalkan {mo} juga membatalkan MO-nya di Odoo; coba lagi "
        "setelah Odoo tersambung (atau atur cancel_mode ke release)",
    ),
    "why.retry_odoo_offline": (
        "Odoo offline: {mo} is reported by itself once Odoo is back",
        "Odoo tidak tersambung: {mo} dilaporkan sendiri setelah Odoo tersambung",
    ),
    "why.queue_empty": ("The queue is already empty", "Antrean sudah kosong"),
    "why.queue_on_plc": (
        "Not while batches are on the PLC or being reported: {names}",
        "Tidak bisa selama ada batch di PLC atau sedang dilaporkan: {names}",
    ),
    "why.no_alarm": ("Tap an alarm first", "Ketuk dulu salah satu alarm"),
    "why.alarm_gone": (
        "This alarm is no longer in the list",
        "Alarm ini sudah tidak ada di daftar",
    ),
    "why.alarm_acked": (
        "This alarm is already acknowledged",
        "Alarm ini sudah diakui",
    ),
    "why.nothing_to_ack": (
        "No alarm waits for acknowledgement",
        "Tidak ada alarm yang menunggu diakui",
    ),
    "why.alarm_cleared": (
        "This alarm has cleared: there is nothing to shelve",
        "Alarm ini sudah hilang: tidak ada yang perlu ditunda",
    ),
    "why.alarm_shelved": (
        "This alarm is already shelved until {until:time}",
        "Alarm ini sudah ditunda sampai {until:time}",
    ),
    "why.unknown_command": (
        "Unknown command {command}",
        "Perintah tidak dikenal: {command}",
    ),
}
