"""Named users, sign-in, the audit chain, manual weighing, shifts and batch records (issue 14)."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- users and sign-in ---------------------------------------------------------------------
    "users.no_administrator": (
        "No administrator yet: create the first administrator before any protected command "
        "can run.",
        "Belum ada administrator: buat administrator pertama sebelum perintah yang dilindungi "
        "dapat dijalankan.",
    ),
    "users.no_administrator_yet": (
        "No administrator yet: protected commands (cancel, clear queue, shelve, settings, "
        "recovery) are refused until the first administrator is created on the panel.",
        "Belum ada administrator: perintah yang dilindungi (batal, kosongkan antrean, tunda "
        "alarm, pengaturan, pemulihan) ditolak sampai administrator pertama dibuat di panel.",
    ),
    "users.administrator_exists": (
        "An administrator exists already: an administrator adds further users.",
        "Administrator sudah ada: pengguna lain ditambahkan oleh administrator.",
    ),
    "users.unknown": (
        "No active user named or badged '{name}'. Check the name or the badge number.",
        "Tidak ada pengguna aktif dengan nama atau nomor kartu '{name}'. Periksa nama atau "
        "nomor kartunya.",
    ),
    "users.unknown_id": (
        "User number {user_id} does not exist.",
        "Pengguna nomor {user_id} tidak ada.",
    ),
    "users.wrong_pin": (
        "Wrong PIN for {name} ({command}): {left} tries left before the PIN is locked.",
        "PIN salah untuk {name} ({command}): sisa {left} percobaan sebelum PIN dikunci.",
    ),
    "users.locked": (
        "The PIN of {who} is locked for {span} after {failures} wrong PINs. Wait, or ask an "
        "administrator.",
        "PIN {who} dikunci selama {span} setelah {failures} kali salah. Tunggu, atau minta "
        "bantuan administrator.",
    ),
    "users.not_allowed": (
        "{name} is {role}: '{command}' needs a {roles}. Ask one of them to approve it.",
        "{name} adalah {role}: '{command}' memerlukan {roles}. Minta salah satu dari mereka "
        "untuk menyetujuinya.",
    ),
    "users.pin_needed": (
        "'{command}' needs the PIN of a signed-in {roles}.",
        "'{command}' memerlukan PIN {roles} yang sedang masuk.",
    ),
    "users.approval_expired": (
        "The approval for '{command}' expired or was used: enter the PIN again.",
        "Persetujuan untuk '{command}' sudah kedaluwarsa atau sudah dipakai: masukkan PIN lagi.",
    ),
    "users.signed_in": ("{name} signed in", "{name} masuk"),
    "users.signed_out": ("{name} signed out ({why})", "{name} keluar ({why})"),
    "users.first_administrator": (
        "First administrator {name} created",
        "Administrator pertama {name} dibuat",
    ),
    "users.added": ("User {name} added by {by}", "Pengguna {name} ditambahkan oleh {by}"),
    "users.changed": ("User {name} changed by {by}", "Pengguna {name} diubah oleh {by}"),
    "users.pin_changed": ("{name} set a new PIN", "{name} mengganti PIN"),
    "users.migrated": (
        "The supervisor PIN of the previous version is now the administrator '{name}' (same "
        "PIN). Sign in as {name}, add the named users, then deactivate {name}.",
        "PIN supervisor versi sebelumnya sekarang menjadi administrator '{name}' (PIN sama). "
        "Masuk sebagai {name}, tambahkan pengguna bernama, lalu nonaktifkan {name}.",
    ),
    "users.migrate_not_saved": (
        "The old supervisor PIN hash could not be removed from the settings file: {error}",
        "Hash PIN supervisor lama tidak dapat dihapus dari file pengaturan: {error}",
    ),
    "users.name_invalid": (
        "'{name}' is not a usable name: use letters, digits and spaces.",
        "'{name}' bukan nama yang dapat dipakai: gunakan huruf, angka, dan spasi.",
    ),
    "users.name_length": (
        "The name '{name}' must have 1 to {limit} characters.",
        "Nama '{name}' harus 1 sampai {limit} karakter.",
    ),
    "users.name_reserved": (
        "'{name}' cannot be a person's name (the HMI uses it, or it looks like a badge number).",
        "'{name}' tidak boleh menjadi nama orang (dipakai oleh HMI, atau mirip nomor kartu).",
    ),
    "users.name_taken": (
        "There is already a user named '{name}'.",
        "Sudah ada pengguna bernama '{name}'.",
    ),
    "users.badge_invalid": (
        "Badge number '{badge}' is not valid: letters and digits only.",
        "Nomor kartu '{badge}' tidak sah: hanya huruf dan angka.",
    ),
    "users.badge_taken": (
        "Badge {badge} belongs to {name} already.",
        "Kartu {badge} sudah dimiliki {name}.",
    ),
    "users.role_unknown": (
        "Role '{role}' is unknown (one of: {known}).",
        "Peran '{role}' tidak dikenal (salah satu dari: {known}).",
    ),
    "users.last_administrator": (
        "{name} is the last active administrator: add another administrator first.",
        "{name} adalah administrator aktif terakhir: tambahkan administrator lain dulu.",
    ),
    "users.pin_format": ("A PIN has 4 to 8 digits.", "PIN terdiri dari 4 sampai 8 angka."),
    "users.pin_weak": (
        "This PIN is too easy to guess (one digit repeated, or a run like 1234): choose another.",
        "PIN ini terlalu mudah ditebak (angka sama berulang, atau urutan seperti 1234): pilih "
        "yang lain.",
    ),
    "users.pin_hash_invalid": (
        "The PIN could not be stored: its hash is not valid.",
        "PIN tidak dapat disimpan: hash-nya tidak sah.",
    ),
    "users.idle": ("no touch for {minutes} min", "tidak disentuh selama {minutes} menit"),
    "users.by_hand": ("by hand", "secara manual"),
    "users.nobody": ("Nobody signed in", "Belum ada yang masuk"),
    "users.signed_in_as": ("Signed in: {name}", "Masuk: {name}"),
    # -- audit chain ---------------------------------------------------------------------------
    "audit.chain_ok": (
        "Audit trail intact: {rows} entries, newest #{head} ({hash}).",
        "Jejak audit utuh: {rows} entri, terbaru #{head} ({hash}).",
    ),
    "audit.chain_broken": (
        "Audit trail broken at entry #{row}: {problem}. Entries up to #{head} are intact.",
        "Jejak audit rusak pada entri #{row}: {problem}. Entri sampai #{head} masih utuh.",
    ),
    # -- manual weighing -----------------------------------------------------------------------
    "manual.booked": (
        "{mo}: {kg:kg} of {material} added by hand (PLC operator {operator})",
        "{mo}: {kg:kg} {material} ditambahkan manual (operator PLC {operator})",
    ),
    "manual.not_booked": (
        "Hand-added {kg:kg} of {material} NOT booked in Odoo: {why}",
        "{kg:kg} {material} yang ditambahkan manual TIDAK dibukukan di Odoo: {why}",
    ),
    "manual.implausible": (
        "the weighing is implausible ({problems})",
        "penimbangan tidak masuk akal ({problems})",
    ),
    "manual.unknown_material": (
        "material code {number} is neither a silo/tank nor in [batching] manual_materials",
        "kode bahan {number} bukan silo/tangki dan tidak ada di [batching] manual_materials",
    ),
    "manual.no_batch": (
        "no batch in the queue has batch number {batch_no}",
        "tidak ada batch di antrean dengan nomor batch {batch_no}",
    ),
    "manual.no_batch_now": (
        "MO id {mo_id} left the queue meanwhile",
        "MO id {mo_id} sudah keluar dari antrean",
    ),
    "manual.too_late": (
        "{mo} was already reported to Odoo; book it there by hand",
        "{mo} sudah dilaporkan ke Odoo; bukukan secara manual di sana",
    ),
    "manual.being_reported": (
        "{mo} was being reported to Odoo at that moment; book it there by hand",
        "{mo} sedang dilaporkan ke Odoo saat itu; bukukan secara manual di sana",
    ),
    "manual.not_component": (
        "{material} is not a component of {mo}: the HMI does not add materials to an MO; "
        "a supervisor books it in Odoo or corrects the BoM",
        "{material} bukan komponen {mo}: HMI tidak menambah bahan ke MO; supervisor "
        "membukukannya di Odoo atau memperbaiki BoM",
    ),
    "manual.unknown": ("unknown reason", "alasan tidak diketahui"),
    "action.manual": (
        "Book the hand-added material in Odoo by hand (see the batch record), then acknowledge.",
        "Bukukan bahan yang ditambahkan manual di Odoo (lihat catatan batch), lalu konfirmasi.",
    ),
    # -- records -------------------------------------------------------------------------------
    "record.not_archived": (
        "MO id {mo_id} is not in the batch history (not reported or cancelled yet).",
        "MO id {mo_id} tidak ada di riwayat batch (belum dilaporkan atau dibatalkan).",
    ),
    "record.bad_span": (
        "The report's period starting {since} ends before it starts.",
        "Periode laporan yang mulai {since} berakhir sebelum dimulai.",
    ),
    # -- shift report: why a batch is not reported yet ------------------------------------------
    "shift.why.failed": (
        "the PLC reported the batch failed: retry or cancel it",
        "PLC melaporkan batch gagal: ulangi atau batalkan",
    ),
    "shift.why.attention": (
        "needs attention: {answer}",
        "perlu perhatian: {answer}",
    ),
    "shift.why.stalled": ("stalled: {alarm}", "macet: {alarm}"),
    "shift.why.waiting_odoo": (
        "finished, waiting to be reported to Odoo{answer}",
        "selesai, menunggu dilaporkan ke Odoo{answer}",
    ),
    "shift.why.on_plc": ("on the PLC ({state})", "di PLC ({state})"),
    "shift.why.queued": ("queued, not yet on the PLC", "dalam antrean, belum di PLC"),
}
