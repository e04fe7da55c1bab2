"""What the panel says about supervised recovery, the PLC probe, equipment faults, the PIN and
the notes and answers kept with a batch (issue 11 and 13: every word in the operator's
language, no internal identifier)."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- why a command is not possible now (hmi.engine.permissions) ----------------------------
    "why.plc_not_up": (
        "The PLC does not answer normally now: wait until it is back",
        "PLC tidak menjawab normal sekarang: tunggu sampai kembali",
    ),
    "why.retry_held": (
        "{mo} is held because the equipment table changed: resend it with the current table first",
        "{mo} ditahan karena tabel peralatan berubah: kirim ulang dengan tabel saat ini dulu",
    ),
    "why.held.none": (
        "This batch is not held by an equipment table change",
        "Batch ini tidak ditahan oleh perubahan tabel peralatan",
    ),
    "why.probe.single_connection": (
        "This PLC accepts one connection only and the HMI holds it: a probe would take the "
        "line's link down. Run hmi --probe-plc while the HMI is stopped.",
        "PLC ini hanya menerima satu koneksi dan HMI sedang memakainya: probe akan memutus "
        "koneksi lini. Jalankan hmi --probe-plc saat HMI dihentikan.",
    ),
    # -- the PLC probe from Settings -----------------------------------------------------------
    "probe.not_configured": (
        "The PLC side is not configured: {problems:list}",
        "Sisi PLC belum dikonfigurasi: {problems:list}",
    ),
    "probe.no_map": ("the register map was not loaded", "peta register tidak termuat"),
    "probe.no_answer": (
        "The PLC did not answer the probe: {error}",
        "PLC tidak menjawab probe: {error}",
    ),
    # -- supervisor PIN ------------------------------------------------------------------------
    "pin.locked_min": (
        "Supervisor PIN locked for {minutes} min {seconds} s after {failures} wrong PINs",
        "PIN supervisor terkunci selama {minutes} menit {seconds} detik setelah {failures} "
        "PIN salah",
    ),
    "pin.locked_s": (
        "Supervisor PIN locked for {seconds} s after {failures} wrong PINs",
        "PIN supervisor terkunci selama {seconds} detik setelah {failures} PIN salah",
    ),
    "pin.wrong": (
        "Wrong supervisor PIN for {command}: {left} tries left before the lockout",
        "PIN supervisor salah untuk {command}: sisa {left} kali percobaan sebelum terkunci",
    ),
    "pin.approval_expired": (
        "{command}: the supervisor approval expired, enter the PIN again",
        "{command}: persetujuan supervisor sudah kedaluwarsa, masukkan PIN lagi",
    ),
    "pin.needed": ("{command} needs the supervisor PIN", "{command} memerlukan PIN supervisor"),
    # the protected commands (hmi.domain.roles.Command), as the PIN messages name them
    "command.name.cancel_batch": ("cancel batch", "membatalkan batch"),
    "command.name.change_settings": ("change settings", "mengubah pengaturan"),
    "command.name.shelve_alarm": ("shelve alarm", "menunda alarm"),
    "command.name.clear_queue": ("clear queue", "mengosongkan antrean"),
    "command.name.resend_batches": ("resend batches", "mengirim ulang batch"),
    "command.name.ack_plc_slot": ("acknowledge PLC slot", "mengonfirmasi slot PLC"),
    "command.name.decide_implausible": (
        "decide about implausible values",
        "memutuskan nilai tidak wajar",
    ),
    "command.name.release_claim": ("release report claim", "melepas klaim laporan"),
    "command.name.resolve_unknown_plc": (
        "resolve unknown PLC batches",
        "menyelesaikan batch PLC tak dikenal",
    ),
    "command.name.manage_users": ("manage users", "mengelola pengguna"),
    "command.name.resend_held": (
        "resend a held batch with the current table",
        "mengirim ulang batch tertahan dengan tabel saat ini",
    ),
    # -- equipment failures (hmi.domain.outbox.FailureRecord) ----------------------------------
    "equipment.fault": (
        "{equipment}: fault {fault}{text}{batch}",
        "{equipment}: gangguan {fault}{text}{batch}",
    ),
    "equipment.named": ("{name} ({id})", "{name} ({id})"),
    "equipment.numbered": ("Equipment {id}", "Peralatan {id}"),
    "equipment.fault_text": (" ({text})", " ({text})"),
    "equipment.in_batch": (" in batch {batch}", " pada batch {batch}"),
    # -- alarms ----------------------------------------------------------------------------------
    "alarm.deviation": (
        "{material} ({equipment}): {actual:kg} of {planned:kg} planned ({percent} %)",
        "{material} ({equipment}): {actual:kg} dari rencana {planned:kg} ({percent} %)",
    ),
    "alarm.shelve_not_minutes": (
        "Shelve time {minutes} is not a number of minutes",
        "Waktu tunda {minutes} bukan angka menit",
    ),
    "alarm.shelve_range": (
        "Shelve time {minutes:num} min must be more than 0 and at most {maximum:num} min",
        "Waktu tunda {minutes:num} menit harus lebih dari 0 dan paling lama {maximum:num} menit",
    ),
    # -- what is kept with a batch (its note, Odoo's answer) ------------------------------------
    "note.extra": (" ({note})", " ({note})"),
    "note.joined": ("{notes:list}", "{notes:list}"),
    "produced.planned": (
        "finished weight missing from the PLC: reported the planned quantity",
        "berat jadi tidak dikirim PLC: yang dilaporkan jumlah rencana",
    ),
    "produced.sum_of_actuals": (
        "finished weight missing from the PLC: reported the sum of actual consumption",
        "berat jadi tidak dikirim PLC: yang dilaporkan jumlah pemakaian aktual",
    ),
    "recovery.note": ("{decision} by {actor}: {reason}", "{decision} oleh {actor}: {reason}"),
    "complete.waiting": ("waiting to report: {why}", "menunggu dilaporkan: {why}"),
    # -- the fetch's outcome (hmi.engine.snapshot.FetchResult) ---------------------------------
    "fetch.result.skipped": (
        "Fetch skipped: {reasons:list}",
        "Pengambilan dilewati: {reasons:list}",
    ),
    "fetch.result.changed": (
        "Nothing queued: Odoo changed since the preview ({why:list}); fetch again",
        "Tidak ada yang diantrekan: Odoo berubah sejak pratinjau ({why:list}); ambil lagi",
    ),
    "fetch.result.none": (
        "No manufacturing order to queue",
        "Tidak ada orde produksi untuk diantrekan",
    ),
    "fetch.result.queued": ("Queued {count} batches", "{count} batch diantrekan"),
    # an MO's state in Odoo, as Odoo's own screens name it
    "odoo.mo_state.draft": ("draft", "draf"),
    "odoo.mo_state.confirmed": ("confirmed", "dikonfirmasi"),
    "odoo.mo_state.progress": ("in progress", "sedang dikerjakan"),
    "odoo.mo_state.to_close": ("to close", "siap ditutup"),
    "odoo.mo_state.done": ("done", "selesai"),
    "odoo.mo_state.cancel": ("cancelled", "dibatalkan"),
    "odoo.mo_state.deleted": ("deleted", "dihapus"),
    # -- start-up (hmi.app: before any window) -------------------------------------------------
    "startup.already_running": (
        "Another HMI already runs on this queue. Only one HMI may run per queue: use the one "
        "that is open, or stop it first.",
        "HMI lain sudah berjalan pada antrean ini. Hanya satu HMI boleh berjalan per antrean: "
        "gunakan yang sudah terbuka, atau hentikan dulu.",
    ),
    "startup.refused": ("The HMI cannot start: {why}", "HMI tidak dapat dimulai: {why}"),
    # -- engine ----------------------------------------------------------------------------------
    "engine.batch_in_state": ("{mo} ({state})", "{mo} ({state})"),
    "db.unavailable": ("database unavailable: {error}", "basis data tidak tersedia: {error}"),
    "report.not_in_history": (
        "This batch is not in the batch history",
        "Batch ini tidak ada di riwayat batch",
    ),
    "report.bad_period": (
        "Shift report: the start {since:time} is not before the end {until:time}",
        "Laporan shift: awal {since:time} tidak sebelum akhir {until:time}",
    ),
}
