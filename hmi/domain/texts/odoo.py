"""Messages of the Odoo link: connection and login problems, reports, refusals by Odoo.

Odoo's own error text is never translated: it is passed as `plain(...)` in the `error`
parameter of these messages.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # -- the connection ----------------------------------------------------------------------
    "odoo.unreachable": (
        "Odoo at {url} cannot be reached: {reason}. Check the network and that Odoo runs.",
        "Odoo di {url} tidak dapat dihubungi: {reason}. Periksa jaringan dan pastikan Odoo "
        "berjalan.",
    ),
    "odoo.timeout": (
        "Odoo at {url} did not answer in time; the HMI tries again.",
        "Odoo di {url} tidak menjawab tepat waktu; HMI akan mencoba lagi.",
    ),
    "odoo.http_status": (
        "Odoo at {url} answered HTTP {status} {reason}; the HMI tries again.",
        "Odoo di {url} menjawab HTTP {status} {reason}; HMI akan mencoba lagi.",
    ),
    "odoo.dropped": (
        "Odoo at {url} closed the connection without an answer; the HMI tries again.",
        "Odoo di {url} menutup sambungan tanpa jawaban; HMI akan mencoba lagi.",
    ),
    "odoo.not_json": (
        "Odoo at {url} sent an answer the HMI cannot read; check that the URL is Odoo's.",
        "Odoo di {url} mengirim jawaban yang tidak dapat dibaca HMI; periksa bahwa URL itu "
        "milik Odoo.",
    ),
    "odoo.unexpected": (
        "Odoo at {url} sent an unexpected answer ({detail}); the HMI tries again.",
        "Odoo di {url} mengirim jawaban yang tidak terduga ({detail}); HMI akan mencoba lagi.",
    ),
    "odoo.busy": (
        "Odoo at {url} is busy ({error}); the HMI tries again.",
        "Odoo di {url} sedang sibuk ({error}); HMI akan mencoba lagi.",
    ),
    "odoo.session_expired": (
        "Odoo at {url}: the session expired.",
        "Odoo di {url}: sesi telah berakhir.",
    ),
    "odoo.session_lost": (
        "Odoo at {url}: the session expired again right after logging in; the HMI tries again.",
        "Odoo di {url}: sesi berakhir lagi tepat setelah masuk; HMI akan mencoba lagi.",
    ),
    "odoo.disconnected": ("disconnected", "terputus"),
    # -- login -----------------------------------------------------------------------------
    "odoo.login_refused": (
        "Odoo at {url} refused the login of '{login}' on database '{database}': {error}. "
        "Check the user and its password or API key in the settings.",
        "Odoo di {url} menolak login '{login}' pada basis data '{database}': {error}. "
        "Periksa pengguna serta kata sandi atau kunci API-nya di pengaturan.",
    ),
    "odoo.wrong_credentials": ("wrong login or password", "login atau kata sandi salah"),
    "odoo.tls_refused": (
        "Odoo at {url}: its TLS certificate was refused ({error}). Install the certificate or "
        "check the URL.",
        "Odoo di {url}: sertifikat TLS-nya ditolak ({error}). Pasang sertifikatnya atau "
        "periksa URL.",
    ),
    "odoo.no_version": (
        "{url} did not say which Odoo version it runs: check the Odoo URL.",
        "{url} tidak memberi tahu versi Odoo yang berjalan: periksa URL Odoo.",
    ),
    "odoo.version_unsupported": (
        "Odoo {version} at {url} is not supported: Odoo {minimum} or later is needed.",
        "Odoo {version} di {url} tidak didukung: diperlukan Odoo {minimum} atau lebih baru.",
    ),
    "odoo.api_key_refused": (
        "Odoo {version} at {url} refused the API key of '{login}'. Odoo {version} is reached "
        "through its JSON-2 API, which needs an API key, not a password: create one in Odoo "
        "(user Preferences, Account Security, New API Key) and store it as the HMI's Odoo secret.",
        "Odoo {version} di {url} menolak kunci API milik '{login}'. Odoo {version} dihubungi "
        "melalui API JSON-2, yang memerlukan kunci API, bukan kata sandi: buat kunci di Odoo "
        "(Preferensi pengguna, Keamanan Akun, Kunci API Baru) lalu simpan sebagai rahasia Odoo "
        "di HMI.",
    ),
    "odoo.json2_unavailable": (
        "Odoo {version} at {url} has no JSON-2 API (it comes with Odoo 19): set the Odoo API "
        "setting to 'auto' or 'jsonrpc'.",
        "Odoo {version} di {url} tidak memiliki API JSON-2 (tersedia sejak Odoo 19): ubah "
        "pengaturan API Odoo menjadi 'auto' atau 'jsonrpc'.",
    ),
    "odoo.not_configured": (
        "Odoo is not configured: {reason}",
        "Odoo belum dikonfigurasi: {reason}",
    ),
    # -- Odoo's refusals -----------------------------------------------------------------
    "odoo.refused": ("Odoo refused: {error}", "Odoo menolak: {error}"),
    "odoo.no_rights": (
        "Odoo refused user '{login}': {error} Give the user the Manufacturing and Inventory "
        "user rights in Odoo.",
        "Odoo menolak pengguna '{login}': {error} Berikan hak pengguna Manufaktur dan "
        "Persediaan kepada pengguna tersebut di Odoo.",
    ),
    # -- the secret in the keyring -------------------------------------------------------
    "odoo.secret.no_backend": (
        "no keyring backend is available on this system to keep the Odoo password: install and "
        "unlock a Secret Service (e.g. gnome-keyring), or set the keyring backend to 'file' with "
        "a file path in the settings",
        "tidak ada backend keyring di sistem ini untuk menyimpan kata sandi Odoo: pasang dan buka "
        "Secret Service (mis. gnome-keyring), atau ubah backend keyring menjadi 'file' dengan "
        "jalur berkas di pengaturan",
    ),
    "odoo.secret.empty_field": (
        "Odoo credentials: {what} must not be empty",
        "Kredensial Odoo: {what} tidak boleh kosong",
    ),
    "odoo.secret.file_path": (
        "keyring backend 'file' needs a file path in the settings",
        "backend keyring 'file' memerlukan jalur berkas di pengaturan",
    ),
    "odoo.secret.backend": (
        "keyring backend must be one of {allowed}, not {value}",
        "backend keyring harus salah satu dari {allowed}, bukan {value}",
    ),
    "odoo.secret.empty": (
        "Odoo credentials: the password or API key must not be empty",
        "Kredensial Odoo: kata sandi atau kunci API tidak boleh kosong",
    ),
    "odoo.secret.store_failed": (
        "cannot store the Odoo password for {user}: {error}",
        "kata sandi Odoo untuk {user} tidak dapat disimpan: {error}",
    ),
    "odoo.secret.read_failed": (
        "cannot read the Odoo password for {user}: {error}",
        "kata sandi Odoo untuk {user} tidak dapat dibaca: {error}",
    ),
    "odoo.secret.missing": (
        "no Odoo password is stored for {user}: enter it in the settings",
        "belum ada kata sandi Odoo yang tersimpan untuk {user}: masukkan di pengaturan",
    ),
    "odoo.secret.delete_failed": (
        "cannot delete the Odoo password for {user}: {error}",
        "kata sandi Odoo untuk {user} tidak dapat dihapus: {error}",
    ),
    # -- settings --------------------------------------------------------------------------
    "odoo.config.empty": (
        "Odoo {what} must not be empty.",
        "{what} Odoo tidak boleh kosong.",
    ),
    "odoo.config.timeout": (
        "Odoo timeout must be a positive number of seconds, not {value}.",
        "Batas waktu Odoo harus berupa jumlah detik yang positif, bukan {value}.",
    ),
    "odoo.config.url": (
        "Odoo URL {url} is not valid: {reason}.",
        "URL Odoo {url} tidak valid: {reason}.",
    ),
    "odoo.config.api": (
        "Odoo API must be one of {allowed}, not {value}.",
        "API Odoo harus salah satu dari {allowed}, bukan {value}.",
    ),
    "odoo.config.filter": (
        "Odoo filter {label} must hold positive whole-number ids: {ids}.",
        "Filter Odoo {label} harus berisi id bilangan bulat positif: {ids}.",
    ),
    "odoo.fetch.bad_limit": (
        "The number of MOs to fetch must be a positive whole number, not {limit}.",
        "Jumlah MO yang diambil harus bilangan bulat positif, bukan {limit}.",
    ),
    "odoo.fetch.no_units": (
        "Odoo at {url} has no kilogram and litre units (uom.product_uom_kgm, "
        "uom.product_uom_litre): no quantity can be converted to kg.",
        "Odoo di {url} tidak memiliki satuan kilogram dan liter (uom.product_uom_kgm, "
        "uom.product_uom_litre): tidak ada jumlah yang dapat diubah ke kg.",
    ),
    # -- reports ---------------------------------------------------------------------------
    "odoo.mo": ("MO {name} (id {mo_id})", "MO {name} (id {mo_id})"),
    "odoo.report.done": ("{mo} done in Odoo.", "{mo} selesai di Odoo."),
    "odoo.report.done_after": (
        "{mo} done in Odoo after {steps}.",
        "{mo} selesai di Odoo setelah {steps}.",
    ),
    "odoo.report.already_done": (
        "{mo} was already done in Odoo: nothing was written.",
        "{mo} sudah selesai di Odoo: tidak ada yang ditulis.",
    ),
    "odoo.report.missing": ("{mo} does not exist in Odoo.", "{mo} tidak ada di Odoo."),
    "odoo.report.state": (
        "{mo} is '{state}' in Odoo and cannot be reported.",
        "{mo} berstatus '{state}' di Odoo dan tidak dapat dilaporkan.",
    ),
    "odoo.report.foreign_moves": (
        "stock moves {moves} are not components of {mo} in Odoo.",
        "pergerakan stok {moves} bukan komponen dari {mo} di Odoo.",
    ),
    "odoo.report.move_state": (
        "the component move {move} of {mo} is '{state}' in Odoo and cannot take a consumed "
        "quantity.",
        "pergerakan komponen {move} dari {mo} berstatus '{state}' di Odoo dan tidak dapat "
        "menerima jumlah terpakai.",
    ),
    "odoo.report.unit": (
        "{mo}: {what} of {kg:kg} cannot be written in {unit}: {reason}.",
        "{mo}: {what} sebesar {kg:kg} tidak dapat ditulis dalam {unit}: {reason}.",
    ),
    "odoo.report.what_produced": ("the produced quantity", "jumlah produksi"),
    "odoo.report.what_move": ("stock move {move}", "pergerakan stok {move}"),
    "odoo.report.not_closed": (
        "Odoo did not close {mo}: its state is '{state}'.",
        "Odoo tidak menutup {mo}: statusnya '{state}'.",
    ),
    "odoo.report.strict_bom": (
        "{mo} has a strict bill of materials and the dosed quantities differ from it: "
        "{lines:list}. Odoo blocks this in its own screens, so the HMI does not confirm it: "
        "check the quantities and close the MO in Odoo, then release the batch.",
        "{mo} memiliki daftar bahan (BoM) ketat dan jumlah yang ditakar berbeda darinya: "
        "{lines:list}. Odoo memblokir hal ini di layarnya sendiri, jadi HMI tidak "
        "mengonfirmasinya: periksa jumlahnya dan tutup MO di Odoo, lalu lepaskan batch.",
    ),
    "odoo.report.strict_line": (
        "{product} planned {planned:num} {unit}, dosed {actual:num} {unit}",
        "{product} rencana {planned:num} {unit}, ditakar {actual:num} {unit}",
    ),
    "odoo.report.wizard_refused": (
        "{mo}: Odoo reports that {question}; the wizard policy refuses it.",
        "{mo}: Odoo melaporkan bahwa {question}; kebijakan wizard menolaknya.",
    ),
    "odoo.report.wizard_unknown": (
        "{mo}: Odoo asks a question the HMI cannot answer: {title} ({model}). Close the MO in "
        "Odoo.",
        "{mo}: Odoo mengajukan pertanyaan yang tidak dapat dijawab HMI: {title} ({model}). "
        "Tutup MO di Odoo.",
    ),
    "odoo.report.wizard_context": (
        "{mo}: Odoo sent the {model} question without a usable context.",
        "{mo}: Odoo mengirim pertanyaan {model} tanpa konteks yang dapat dipakai.",
    ),
    "odoo.report.too_many_wizards": (
        "{mo}: Odoo still asked questions after {count} answers.",
        "{mo}: Odoo masih bertanya setelah {count} jawaban.",
    ),
    "odoo.wizard.consumption": (
        "the consumption differs from the bill of materials",
        "pemakaian berbeda dari daftar bahan (BoM)",
    ),
    "odoo.wizard.backorder": (
        "less was produced than planned (backorder question)",
        "produksi lebih sedikit dari rencana (pertanyaan backorder)",
    ),
    "odoo.wizard.immediate": (
        "nothing was reported (immediate production)",
        "tidak ada yang dilaporkan (produksi langsung)",
    ),
    "odoo.report.invalid_produced": (
        "MO {mo}: the produced quantity {value} kg is not valid.",
        "MO {mo}: jumlah produksi {value} kg tidak valid.",
    ),
    "odoo.report.invalid_line": (
        "MO {mo}: the consumed quantity {value} kg of stock move {move} is not valid.",
        "MO {mo}: jumlah terpakai {value} kg pada pergerakan stok {move} tidak valid.",
    ),
    "odoo.report.twice": (
        "MO {mo}: stock move {move} is reported twice.",
        "MO {mo}: pergerakan stok {move} dilaporkan dua kali.",
    ),
    # -- cancel, maintenance -----------------------------------------------------------------
    "odoo.cancel.missing": (
        "MO id {mo_id} does not exist in Odoo.",
        "MO id {mo_id} tidak ada di Odoo.",
    ),
    "odoo.cancel.done": (
        "MO {name} is done in Odoo and cannot be cancelled.",
        "MO {name} sudah selesai di Odoo dan tidak dapat dibatalkan.",
    ),
    "odoo.maintenance.empty": (
        "A maintenance request needs a reference and a name.",
        "Permintaan perawatan memerlukan referensi dan nama.",
    ),
}
