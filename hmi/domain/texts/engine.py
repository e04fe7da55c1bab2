"""Messages of the engine: its life cycle, the three tasks, operator commands, task health,
the line status and the gate's reasons added for the watchdog."""

TEXTS: dict[str, tuple[str, str]] = {
    "engine.starting": ("Engine starting", "Mesin mulai"),
    "engine.stopping": ("Engine stopping", "Mesin berhenti"),
    "engine.no_pin": (
        "No supervisor PIN is set: cancelling, clearing the queue, shelving alarms, recovery "
        "commands and changing settings are open to everyone until one is set in Settings",
        "PIN supervisor belum diatur: pembatalan, pengosongan antrean, penundaan alarm, "
        "perintah pemulihan dan perubahan pengaturan terbuka untuk semua orang sampai PIN "
        "diatur di Pengaturan",
    ),
    "engine.pruned": (
        "Retention: pruned {events} log lines and {alarms} old alarms",
        "Retensi: {events} baris log dan {alarms} alarm lama dihapus",
    ),
    "engine.not_in_queue": (
        "MO id {mo_id} is not in the queue",
        "MO id {mo_id} tidak ada di antrean",
    ),
    "engine.reason_required": ("{command}: a reason is required", "{command}: alasan wajib diisi"),
    "command.cancel": ("Cancel", "Batal"),
    "command.clear": ("Clear queue", "Kosongkan antrean"),
    "command.shelve": ("Shelve alarm", "Tunda alarm"),
    "engine.cannot_cancel": (
        "{mo} cannot be cancelled while {state}: stop it at the PLC first",
        "{mo} tidak bisa dibatalkan saat {state}: hentikan dulu di PLC",
    ),
    "engine.slot_not_cleared": (
        "PLC slot {slot} could not be cleared: {error}",
        "Slot PLC {slot} tidak bisa dikosongkan: {error}",
    ),
    "engine.odoo_not_cancelled": (
        "Odoo could not cancel {mo}: {error}",
        "Odoo tidak bisa membatalkan {mo}: {error}",
    ),
    "engine.cancelled": (
        "{actor} cancelled {mo} ({mode}): {reason}",
        "{actor} membatalkan {mo} ({mode}): {reason}",
    ),
    "engine.nothing_to_retry": (
        "{mo} is {state}: nothing to retry",
        "{mo} berstatus {state}: tidak ada yang diulang",
    ),
    "engine.plc_not_ready_retry": (
        "The PLC is not ready: retry the batch when it has finished",
        "PLC belum siap: ulangi batch setelah PLC selesai",
    ),
    "engine.sent_again": (
        "{actor} sent {mo} to the PLC again",
        "{actor} mengirim {mo} ke PLC lagi",
    ),
    "engine.auto_fetch": (
        "{actor} {change} automatic fetching",
        "{actor} {change} pengambilan otomatis",
    ),
    "engine.auto_fetch.on": ("resumed", "melanjutkan"),
    "engine.auto_fetch.off": ("paused", "menjeda"),
    "engine.settings_changed": (
        "{actor} changed settings: {names}",
        "{actor} mengubah pengaturan: {names}",
    ),
    "engine.settings_invalid": ("Settings refused: {problems}", "Pengaturan ditolak: {problems}"),
    "engine.no_alarm": ("alarm id {alarm_id} does not exist", "alarm id {alarm_id} tidak ada"),
    "engine.alarm_acknowledged": (
        "{actor} acknowledged: {alarm}",
        "{actor} mengonfirmasi: {alarm}",
    ),
    "engine.alarm_shelved": (
        "{actor} shelved for {minutes:num} min: {alarm}",
        "{actor} menunda selama {minutes:num} menit: {alarm}",
    ),
    "engine.queue_empty": (
        "Clear queue: the queue is already empty",
        "Kosongkan antrean: antrean sudah kosong",
    ),
    "engine.clear_blocked": (
        "Clear queue: not while batches are on the PLC or being reported: {batches}",
        "Kosongkan antrean: tidak bisa selama ada batch di PLC atau sedang dilaporkan: {batches}",
    ),
    "engine.export_failed": ("audit export to {path}: {error}", "ekspor audit ke {path}: {error}"),
    "alarm.cleared": ("cleared: {alarm}", "selesai: {alarm}"),
    "alarm.still_active": (
        "{count} alarms still active from before",
        "{count} alarm masih aktif dari sebelumnya",
    ),
    "alarm.tolerance": (
        "Batch {mo} dosed beyond the ±{tolerance:num} % tolerance: {materials}",
        "Batch {mo} ditakar di luar toleransi ±{tolerance:num} %: {materials}",
    ),
    "engine.odoo_login_refused": ("Odoo refused the login: {error}", "Odoo menolak login: {error}"),
    "odoo.offline": ("Odoo offline: {error}", "Odoo tidak tersambung: {error}"),
    "fetch.waits": ("Fetch waits: {reasons:list}", "Pengambilan menunggu: {reasons:list}"),
    "fetch.failed": ("Fetch failed: {error}", "Pengambilan gagal: {error}"),
    "fetch.changed_since_preview": (
        "Nothing queued: Odoo changed since the preview ({why})",
        "Tidak ada yang diantrekan: Odoo berubah sejak pratinjau ({why})",
    ),
    "fetch.mo_changed": ("{mo} is now {state}", "{mo} sekarang {state}"),
    "fetch.filled_meanwhile": (
        "Queue was filled meanwhile by another panel; nothing queued",
        "Antrean sudah diisi panel lain; tidak ada yang diantrekan",
    ),
    "fetch.queued": (
        "Queued {count} batches ({actor}): {names}",
        "{count} batch diantrekan ({actor}): {names}",
    ),
    "fetch.not_queued": ("Not queued: {mo}: {reason}", "Tidak diantrekan: {mo}: {reason}"),
    "complete.archived": (
        "{mo} reported to Odoo ({how}) and archived",
        "{mo} dilaporkan ke Odoo ({how}) dan diarsipkan",
    ),
    "complete.done": ("done", "selesai"),
    "engine.cancelled_odoo_open": (
        "{mo} left the PLC and the queue, but Odoo did not cancel its MO ({error}): it stays "
        "open in Odoo and may be fetched again",
        "{mo} sudah keluar dari PLC dan antrean, tetapi Odoo tidak membatalkan MO-nya "
        "({error}): MO tetap terbuka di Odoo dan dapat diambil lagi",
    ),
    "complete.already_done": ("already done in Odoo", "sudah selesai di Odoo"),
    "complete.postponed": (
        "{mo} not reported yet ({why}); next try in {seconds} s",
        "{mo} belum dilaporkan ({why}); dicoba lagi dalam {seconds} detik",
    ),
    "complete.refused": (
        "Odoo refused the report of {mo}: {error}",
        "Odoo menolak laporan {mo}: {error}",
    ),
    "complete.claim_wait": (
        "{mo} is being reported by {owner} until {until:time}: waiting",
        "{mo} sedang dilaporkan oleh {owner} sampai {until:time}: menunggu",
    ),
    "complete.claim_released": (
        "{mo}: the report claim of {owner}, a process of this computer that no longer runs, "
        "was released",
        "{mo}: klaim laporan milik {owner}, proses di komputer ini yang sudah tidak berjalan, "
        "dilepas",
    ),
    "outbox.not_installed": (
        "{what}: Odoo's maintenance app is not installed: no maintenance request",
        "{what}: aplikasi maintenance Odoo tidak terpasang: tidak ada permintaan perawatan",
    ),
    "outbox.dropped": ("Outbox item {key} dropped: {error}", "Item outbox {key} dibuang: {error}"),
    "outbox.sent": (
        "Maintenance request {reference} sent to Odoo (#{remote})",
        "Permintaan perawatan {reference} terkirim ke Odoo (#{remote})",
    ),
    "outbox.postponed": (
        "Maintenance request {key} not sent ({error}); next try in {seconds} s",
        "Permintaan perawatan {key} belum terkirim ({error}); dicoba lagi dalam {seconds} detik",
    ),
    "outbox.failing": (
        "Maintenance request {key} not sent after {attempts} tries: {error}",
        "Permintaan perawatan {key} belum terkirim setelah {attempts} kali: {error}",
    ),
    "task.failed": ("{task}: {error}", "{task}: {error}"),
    "task.bug": (
        "{task} failed because of a programming error (not a link problem): {error}; "
        "the log file has the details for the integrator",
        "{task} gagal karena kesalahan program (bukan masalah koneksi): {error}; "
        "rinciannya ada di file log untuk integrator",
    ),
    "task.recovered": (
        "{task} works again after {failures} failures",
        "{task} berjalan lagi setelah {failures} kegagalan",
    ),
    "task.kind.bug": ("a programming error", "kesalahan program"),
    "task.kind.link": ("a link or server error", "kesalahan koneksi atau server"),
    "gate.queue_one": ("1 batch still in the queue", "1 batch masih dalam antrean"),
    "gate.acks_pending": (
        "{count} finished slots not yet acknowledged to the PLC",
        "{count} slot selesai belum dikonfirmasi ke PLC",
    ),
    "gate.plc_faulted": ("PLC refuses requests: {fault}", "PLC menolak permintaan: {fault}"),
    "gate.plc_ready_unreadable": (
        "PLC ready flag unreadable",
        "Tanda siap PLC tidak dapat dibaca",
    ),
    "line.status": ("Line {mode}: {message}. {action}", "Jalur {mode}: {message}. {action}"),
    "line.status_only": ("Line {mode}: {message}", "Jalur {mode}: {message}"),
    "line.mode.running": ("RUNNING", "BERJALAN"),
    "line.mode.waiting": ("WAITING", "MENUNGGU"),
    "line.mode.stopped": ("STOPPED", "BERHENTI"),
    "line.running": ("dosing slot {slot}, {mo}", "menakar slot {slot}, {mo}"),
    "line.wait.plc_start": (
        "for the PLC to start {mo} (slot {slot})",
        "PLC memulai {mo} (slot {slot})",
    ),
    "line.wait.plc_write": (
        "for {count} batches to be written to the PLC",
        "{count} batch ditulis ke PLC",
    ),
    "line.wait.reports": (
        "for Odoo to accept {count} reports",
        "Odoo menerima {count} laporan",
    ),
    "line.wait.gate": ("before fetching: {reasons:list}", "sebelum mengambil: {reasons:list}"),
    "line.wait.auto_off": (
        "automatic fetching is paused: press Fetch",
        "pengambilan otomatis dijeda: tekan Ambil",
    ),
    "line.wait.orders": (
        "for manufacturing orders from Odoo",
        "perintah produksi dari Odoo",
    ),
}
