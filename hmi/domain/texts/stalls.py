"""Messages of the stall watchdog (hmi.domain.stalls): what is wrong, what is expected, what
to do (the ISA-18.2 response of each alarm kind), and why a recovery command cannot run."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- what the line waits for (a condition not yet due) ----------------------------------
    "stall.expect.supervisor": ("for a supervisor's decision", "keputusan supervisor"),
    "stall.expect.plc_answers": (
        "for the PLC to answer normally again",
        "PLC menjawab normal kembali",
    ),
    "stall.expect.plc_link": ("for the PLC link", "koneksi PLC"),
    "stall.expect.db_link": ("for the database", "basis data"),
    "stall.expect.odoo_link": ("for the Odoo link", "koneksi Odoo"),
    "stall.expect.plc_start": (
        "for the PLC to start the next batch",
        "PLC memulai batch berikutnya",
    ),
    "stall.expect.plc_finish": ("for the PLC to finish the batch", "PLC menyelesaikan batch"),
    "stall.expect.ack": (
        "for the acknowledgement to reach the PLC",
        "konfirmasi diterima PLC",
    ),
    "stall.expect.claim": (
        "for another panel to finish reporting",
        "panel lain selesai melaporkan",
    ),
    "stall.expect.task": ("for the task to work again", "tugas berjalan lagi"),
    "stall.expect.progress": ("for the queue to move", "antrean bergerak"),
    "stall.expect.plc_ready": ("for the PLC to be ready", "PLC siap"),
    # -- what is wrong (the alarm's sentence) -------------------------------------------------
    "stall.plc_unknown": (
        "The PLC holds batches the database does not know: {details:list}",
        "PLC memegang batch yang tidak dikenal basis data: {details:list}",
    ),
    "stall.plc_faulted": ("{link} refuses requests: {fault}", "{link} menolak permintaan: {fault}"),
    "stall.link_down": (
        "{link} link down since {since:time}: {error}",
        "Koneksi {link} terputus sejak {since:time}: {error}",
    ),
    "stall.plc_lost": (
        "The PLC lost {count} batch(es) (it asks for new data and no longer holds them): {names}",
        "PLC kehilangan {count} batch (PLC meminta data baru dan tidak memegangnya lagi): {names}",
    ),
    "stall.identity": (
        "PLC slot {slot} shows MO {read}, expected {expected} (words {words})",
        "Slot PLC {slot} menampilkan MO {read}, seharusnya {expected} (word {words})",
    ),
    "stall.implausible": (
        "Implausible PLC values for {mo} (slot {slot}): {problems}",
        "Nilai PLC tidak wajar untuk {mo} (slot {slot}): {problems}",
    ),
    "stall.orphan": (
        "PLC slot {slot} shows a finished batch the HMI has no batch for (MO {read}, "
        "words {words})",
        "Slot PLC {slot} menampilkan batch selesai yang tidak ada di HMI (MO {read}, word {words})",
    ),
    "stall.ack": (
        "The acknowledgement of slot {slot} ({mo}) has not reached the PLC after {attempts} "
        "tries: {error}",
        "Konfirmasi slot {slot} ({mo}) belum diterima PLC setelah {attempts} kali: {error}",
    ),
    "stall.failed": (
        "PLC reports batch {mo} (slot {slot}) failed",
        "PLC melaporkan batch {mo} (slot {slot}) gagal",
    ),
    "stall.refused": (
        "Odoo refused the report of {mo}: {message}",
        "Odoo menolak laporan {mo}: {message}",
    ),
    "stall.sent": (
        "Batch {mo} (slot {slot}) was sent to the PLC but has not started although the PLC is idle",
        "Batch {mo} (slot {slot}) sudah dikirim ke PLC tetapi belum dimulai padahal PLC diam",
    ),
    "stall.overrun": (
        "Batch {mo} (slot {slot}) is dosing longer than {minutes:num} min",
        "Batch {mo} (slot {slot}) menakar lebih lama dari {minutes:num} menit",
    ),
    "stall.claim": (
        "{mo} is being reported by {owner} (claimed until {until:time}) and is not done",
        "{mo} sedang dilaporkan oleh {owner} (diklaim sampai {until:time}) dan belum selesai",
    ),
    "stall.task": (
        "The task {task} failed {failures} times in a row ({kind}): {error}",
        "Tugas {task} gagal {failures} kali berturut-turut ({kind}): {error}",
    ),
    "stall.queue_idle": (
        "The queue ({count} batches) has not moved for {minutes:num} min while the PLC is idle",
        "Antrean ({count} batch) tidak bergerak selama {minutes:num} menit padahal PLC diam",
    ),
    "stall.plc_not_ready": (
        "The queue is empty and the PLC has not been ready for new batches for {minutes:num} min",
        "Antrean kosong dan PLC belum siap menerima batch baru selama {minutes:num} menit",
    ),
    # -- what to do (each alarm kind's response, hmi.domain.alarms.ALARM_KINDS; the line
    #    status's action, hmi.domain.stalls.RULES): the button names are the window's ----------
    "action.generic": (
        "Read the alarm and tell the supervisor.",
        "Baca alarm dan beri tahu supervisor.",
    ),
    "action.resolve_unknown": (
        "Check those MOs in Odoo and at the PLC, then a supervisor resolves them (Resolve "
        "unknown batches…).",
        "Periksa MO tersebut di Odoo dan di PLC, lalu supervisor menyelesaikannya (Selesaikan "
        "batch tak dikenal…).",
    ),
    "action.plc_faulted": (
        "Check the PLC program and the register map (the PLC refuses these words); the HMI "
        "keeps trying.",
        "Periksa program PLC dan peta register (PLC menolak word ini); HMI terus mencoba.",
    ),
    "action.plc_down": (
        "Check the PLC's power and network cable; the HMI reconnects by itself.",
        "Periksa daya dan kabel jaringan PLC; HMI tersambung kembali dengan sendirinya.",
    ),
    "action.plc_link": (
        "Check the PLC's power and network cable; if the PLC answers but refuses requests "
        "(PLC FAULTED), check its program and the register map. The HMI reconnects by itself.",
        "Periksa daya dan kabel jaringan PLC; jika PLC menjawab tetapi menolak permintaan "
        "(PLC GANGGUAN), periksa programnya dan peta register. HMI tersambung kembali dengan "
        "sendirinya.",
    ),
    "action.plc_refused": (
        "Correct the register map or the PLC program as the alarm says; Settings… → Probe the "
        "PLC shows what the PLC accepts.",
        "Perbaiki peta register atau program PLC seperti disebut alarm; Pengaturan… → Periksa "
        "PLC menunjukkan apa yang diterima PLC.",
    ),
    "action.db_down": (
        "Check the disk and the database server; nothing is lost, the HMI retries.",
        "Periksa disk dan server basis data; tidak ada yang hilang, HMI mencoba lagi.",
    ),
    "action.odoo_down": (
        "Check the network and the Odoo server; finished batches wait and are reported later.",
        "Periksa jaringan dan server Odoo; batch selesai menunggu dan dilaporkan nanti.",
    ),
    "action.link": (
        "The HMI reconnects by itself. If it stays down, check the network cable and the power "
        "of the device named in the alarm, or call IT.",
        "HMI tersambung kembali dengan sendirinya. Jika tetap terputus, periksa kabel jaringan "
        "dan daya perangkat yang disebut alarm, atau hubungi bagian TI.",
    ),
    "action.resend": (
        "The PLC lost its batches: a supervisor resends them (Resend batches…), or cancels them.",
        "PLC kehilangan batch-nya: supervisor mengirim ulang (Kirim ulang batch…), atau "
        "membatalkannya.",
    ),
    "action.sent": (
        "Check the PLC (mode, faults); if it lost its batches a supervisor resends them (Resend "
        "batches…).",
        "Periksa PLC (mode, gangguan); jika batch hilang supervisor mengirim ulang (Kirim ulang "
        "batch…).",
    ),
    "action.identity": (
        "Check the PLC's slot; a supervisor acknowledges the slot (Acknowledge slot…), then "
        "resends or cancels the batch.",
        "Periksa slot PLC; supervisor mengonfirmasi slot (Konfirmasi slot…), lalu mengirim "
        "ulang atau membatalkan batch.",
    ),
    "action.implausible": (
        "The PLC sent values that cannot be true; they were not stored. Check the scale, then a "
        "supervisor decides (Decide…): read again, accept the PLC's values, enter the scale "
        "ticket's weights, or abort the batch.",
        "PLC mengirim nilai yang tidak mungkin benar; nilai itu tidak disimpan. Periksa "
        "timbangan, lalu supervisor memutuskan (Putuskan…): baca lagi, terima nilai PLC, "
        "masukkan berat dari tiket timbangan, atau batalkan batch.",
    ),
    "action.orphan": (
        "Look at the slot's words; a supervisor acknowledges the slot (Acknowledge slot…) so "
        "the PLC goes on.",
        "Lihat word slot; supervisor mengonfirmasi slot (Konfirmasi slot…) agar PLC melanjutkan.",
    ),
    "action.ack": (
        "Check the PLC link (the PLC refuses the write); the HMI keeps retrying.",
        "Periksa koneksi PLC (PLC menolak penulisan); HMI terus mencoba.",
    ),
    "action.failed": (
        "Find the cause at the PLC or the scale (interlock, empty silo, blocked gate) and fix "
        "it; then open the batch and tap Retry now, or cancel it.",
        "Cari penyebabnya di PLC atau timbangan (interlock, silo kosong, pintu macet) dan "
        "perbaiki; lalu buka batch dan ketuk Ulangi sekarang, atau batalkan.",
    ),
    "action.refused": (
        "Odoo refused the report (its reason is in the alarm). Fix it in Odoo, then open the "
        "batch and tap Retry now, or cancel it; a BoM difference shows Odoo's and the PLC's "
        "quantities side by side in the batch.",
        "Odoo menolak laporan (alasannya ada di alarm). Perbaiki di Odoo, lalu buka batch dan "
        "ketuk Ulangi sekarang, atau batalkan; selisih BoM menampilkan jumlah Odoo dan PLC "
        "berdampingan di batch.",
    ),
    "action.overrun": (
        "The batch takes much longer than expected. Check the line and the PLC for a stopped "
        "motor, an empty silo or a manual stop.",
        "Batch berjalan jauh lebih lama dari perkiraan. Periksa lini dan PLC: motor berhenti, "
        "silo kosong, atau berhenti manual.",
    ),
    "action.claim": (
        "Wait for the other panel; if it crashed, a supervisor releases its claim (Release "
        "claim…).",
        "Tunggu panel lain; jika macet, supervisor melepas klaimnya (Lepas klaim…).",
    ),
    "action.task": (
        "Call the integrator with the log file; the line goes on where it can.",
        "Hubungi integrator dengan file log; lini berjalan sejauh bisa.",
    ),
    "action.queue_idle": (
        "Check the PLC and the other alarms; cancel or retry the batch that holds the queue.",
        "Periksa PLC dan alarm lain; batalkan atau ulangi batch yang menahan antrean.",
    ),
    "action.plc_not_ready": (
        "Check the PLC's mode (manual, stopped) and its ready flag.",
        "Periksa mode PLC (manual, berhenti) dan tanda siapnya.",
    ),
    "action.plc": (
        "The PLC's batch data differs from the HMI's. Do not start new batches; call "
        "maintenance to compare the PLC slots with the queue.",
        "Data batch di PLC berbeda dengan HMI. Jangan memulai batch baru; panggil bagian "
        "pemeliharaan untuk membandingkan slot PLC dengan antrean.",
    ),
    "action.equipment": (
        "Go to the equipment named in the alarm and fix the fault; acknowledge the alarm when "
        "it is fixed. Odoo's Maintenance app gets a request.",
        "Datangi peralatan yang disebut alarm dan perbaiki gangguannya; akui alarm setelah "
        "diperbaiki. Aplikasi Maintenance di Odoo menerima permintaan.",
    ),
    "action.outbox": (
        "A maintenance request waits for Odoo; it is sent by itself once Odoo answers. Nothing "
        "to do unless it stays.",
        "Permintaan pemeliharaan menunggu Odoo; akan terkirim sendiri setelah Odoo menjawab. "
        "Tidak perlu tindakan kecuali tetap menunggu.",
    ),
    "action.tolerance": (
        "A material was dosed beyond its tolerance. Check the silo's scale and dosing screw; "
        "tell the supervisor before the next batch of this product.",
        "Bahan ditakar melewati toleransi. Periksa timbangan dan ulir penakar silo; beri tahu "
        "supervisor sebelum batch berikutnya untuk produk ini.",
    ),
    "action.odoo_open": (
        "Cancel the MO in Odoo by hand (or leave it to be fetched again); acknowledge the alarm.",
        "Batalkan MO di Odoo secara manual (atau biarkan diambil lagi); akui alarm.",
    ),
    "action.cancelled_ran": (
        "Book the dosed material in Odoo by hand; acknowledge the alarm.",
        "Bukukan bahan yang tertakar di Odoo secara manual; akui alarm.",
    ),
    "action.config": (
        "Correct the settings named in the alarm (Settings…), then restart the HMI.",
        "Perbaiki pengaturan yang disebut di alarm (Pengaturan…), lalu mulai ulang HMI.",
    ),
    "action.held": (
        "The silo table changed under this batch: a supervisor resends it with the current "
        "table (Resend with current table…), or cancels it.",
        "Tabel silo berubah untuk batch ini: supervisor mengirim ulang dengan tabel saat ini "
        "(Kirim ulang dengan tabel saat ini…), atau membatalkannya.",
    ),
    # -- why a recovery command cannot run -----------------------------------------------------
    "why.resend.none": (
        "No sent batch waits to be written again",
        "Tidak ada batch terkirim yang perlu ditulis ulang",
    ),
    "why.resend.not_ready": (
        "The PLC does not ask for new data (ready flag 0): it may still hold the batches",
        "PLC tidak meminta data baru (tanda siap 0): mungkin masih memegang batch",
    ),
    "why.resend.running": (
        "{mo} was dosing: cancel it first (its material is partly dosed)",
        "{mo} sedang ditakar: batalkan dulu (bahannya sebagian sudah tertakar)",
    ),
    "why.plc_unreadable": ("The PLC cannot be read now", "PLC tidak dapat dibaca sekarang"),
    "why.plc_unreadable_now": (
        "The PLC cannot be read now: {error}",
        "PLC tidak dapat dibaca sekarang: {error}",
    ),
    "why.plc_dosing": (
        "The PLC is dosing slot {slot}: wait until it finishes",
        "PLC sedang menakar slot {slot}: tunggu sampai selesai",
    ),
    "why.slot_needed": ("Choose a PLC slot", "Pilih slot PLC"),
    "why.ack_slot.nothing": (
        "Slot {slot} shows no finished batch waiting for an acknowledgement the HMI does not know",
        "Slot {slot} tidak menampilkan batch selesai tak dikenal yang menunggu konfirmasi",
    ),
    "why.ack_slot.changed": (
        "Slot {slot} changed since it was shown: look at its words again",
        "Slot {slot} berubah sejak ditampilkan: lihat word-nya lagi",
    ),
    "why.decide.none": (
        "This batch has no implausible values now",
        "Batch ini tidak memiliki nilai tidak wajar sekarang",
    ),
    "why.decide.still_dosing": (
        "{mo} (slot {slot}) is not finished on the PLC yet: only 'read again' is possible",
        "{mo} (slot {slot}) belum selesai di PLC: hanya 'baca lagi' yang bisa",
    ),
    "why.decide.not_storable": (
        "{mo}: the PLC's values for equipment {equipment} cannot be stored (not a number or "
        "negative): enter the weights from the scale ticket",
        "{mo}: nilai PLC untuk peralatan {equipment} tidak bisa disimpan (bukan angka atau "
        "negatif): masukkan berat dari tiket timbangan",
    ),
    "why.decide.weights_needed": (
        "{mo}: enter the weights from the scale ticket",
        "{mo}: masukkan berat dari tiket timbangan",
    ),
    "why.decide.unknown_equipment": (
        "{mo} doses nothing from equipment {eq}",
        "{mo} tidak menakar dari peralatan {eq}",
    ),
    "why.decide.bad_weight": (
        "Weight {value} for equipment {eq} is not a number of kg ≥ 0",
        "Berat {value} untuk peralatan {eq} bukan angka kg ≥ 0",
    ),
    "why.release.none": (
        "This panel waits on no other panel's report claim for this batch",
        "Panel ini tidak menunggu klaim laporan panel lain untuk batch ini",
    ),
    "why.resolve.none": (
        "The PLC holds no batch unknown to the database",
        "PLC tidak memegang batch yang tidak dikenal basis data",
    ),
    # -- what a recovery command did -----------------------------------------------------------
    "recovery.resent": (
        "{actor} resent {count} batches to the PLC ({names}): {reason}",
        "{actor} mengirim ulang {count} batch ke PLC ({names}): {reason}",
    ),
    "recovery.slot_acknowledged": (
        "{actor} acknowledged PLC slot {slot} (MO {mo}): {reason}",
        "{actor} mengonfirmasi slot PLC {slot} (MO {mo}): {reason}",
    ),
    "recovery.read_again": ("{actor}: read {mo} again", "{actor}: baca {mo} lagi"),
    "recovery.decided": (
        "{actor} decided for {mo}: {decision}: {reason}",
        "{actor} memutuskan untuk {mo}: {decision}: {reason}",
    ),
    "decision.read_again": ("read again", "baca lagi"),
    "decision.accept": ("accept the PLC's values", "terima nilai PLC"),
    "decision.enter": ("weights from the scale ticket", "berat dari tiket timbangan"),
    "decision.abort": ("abort the batch", "batalkan batch"),
    "recovery.claim_released": (
        "{actor} released the report claim of {owner} on MO id {mo_id}: {reason}",
        "{actor} melepas klaim laporan {owner} atas MO id {mo_id}: {reason}",
    ),
    "recovery.unknown_resolved": (
        "{actor} resolved {count} unknown PLC batches: {reason}",
        "{actor} menyelesaikan {count} batch PLC tak dikenal: {reason}",
    ),
}
