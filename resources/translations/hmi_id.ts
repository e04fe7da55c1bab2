<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name />
    <message>
        <location filename="../../hmi/ui/pdf_document.py" line="+100" />
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Signature</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <location line="+61" />
        <source>Page %1 of %2</source>
        <translation>Halaman %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../hmi/ui/batch_record.py" line="+94" />
        <source>Batch record</source>
        <translation>Catatan batch</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Manufacturing order</source>
        <translation>Order produksi</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+102" />
        <location line="+14" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="-115" />
        <source>Bill of materials</source>
        <translation>Daftar bahan (BoM)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Planned quantity</source>
        <translation>Jumlah rencana</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+113" />
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="-112" />
        <source>Fetched by</source>
        <translation>Diambil oleh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queued</source>
        <translation>Dalam antrean</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Started</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Values confirmed by</source>
        <translation>Nilai dikonfirmasi oleh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reported by</source>
        <translation>Dilaporkan oleh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Odoo's answer</source>
        <translation>Jawaban Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+107" />
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location line="-106" />
        <source>Finished weight</source>
        <translation>Berat jadi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Produced quantity</source>
        <translation>Jumlah diproduksi</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Lots</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+75" />
        <location line="+10" />
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="-84" />
        <source>Actual (PLC)</source>
        <translation>Aktual (PLC)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Added by hand</source>
        <translation>Ditambah manual</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Added by hand (manual weighing)</source>
        <translation>Ditambahkan manual (penimbangan manual)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>booked</source>
        <translation>dibukukan</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NOT booked</source>
        <translation>TIDAK dibukukan</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Stored</source>
        <translation>Disimpan</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Weight</source>
        <translation>Berat</translation>
    </message>
    <message>
        <location line="+0" />
        <source>In Odoo</source>
        <translation>Di Odoo</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PLC operator / scale</source>
        <translation>Operator PLC / timbangan</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Alarms of this batch</source>
        <translation>Alarm batch ini</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who did what</source>
        <translation>Siapa melakukan apa</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+61" />
        <source>Person</source>
        <translation>Orang</translation>
    </message>
    <message>
        <location line="-61" />
        <location line="+61" />
        <location filename="../../hmi/ui/pdf_document.py" line="-61" />
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location line="-61" />
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reason / result</source>
        <translation>Alasan / hasil</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+69" />
        <source>Signatures</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <location line="-68" />
        <location line="+69" />
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="-69" />
        <location line="+69" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="-30" />
        <source>Produced</source>
        <translation>Diproduksi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Totals per material (reported batches): planned and actual</source>
        <translation>Total per bahan (batch yang dilaporkan): rencana dan aktual</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Actual</source>
        <translation>Aktual</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Of it by hand</source>
        <translation>Dari itu manual</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Who worked the shift</source>
        <translation>Siapa bekerja di shift ini</translation>
    </message>
    <message>
        <location line="-110" />
        <source>Materials</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+9" />
        <source>(Odoo offline)</source>
        <translation>(Odoo offline)</translation>
    </message>
    <message>
        <location line="+8" />
        <location line="+88" />
        <source>Silo/tank</source>
        <translation>Silo/tangki</translation>
    </message>
    <message>
        <location line="-87" />
        <location line="+21" />
        <location line="+66" />
        <source>Material</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="-82" />
        <source>Deviation</source>
        <translation>Deviasi</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Shift report</source>
        <translation>Laporan shift</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Not yet reported to Odoo</source>
        <translation>Belum dilaporkan ke Odoo</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Why</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batches</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="-1" />
        <location line="+14" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Alarms</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="-38" />
        <source>maintenance request</source>
        <translation>permintaan pemeliharaan</translation>
    </message>
    <message>
        <location line="+3" />
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>AlarmListDialog</name>
    <message>
        <location filename="../../hmi/ui/alarm_view.py" line="+269" />
        <source>Alarms</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge</source>
        <translation>Akui</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge all</source>
        <translation>Akui semua</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shelve (supervisor)…</source>
        <translation>Tunda (pengawas)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Alarms (%1)</source>
        <translation>Alarm (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shelved (%1)</source>
        <translation>Ditunda (%1)</translation>
    </message>
    <message>
        <location line="+72" />
        <source>Tap an alarm to see what to do.</source>
        <translation>Ketuk alarm untuk melihat tindakannya.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>What to do: %1</source>
        <translation>Tindakan: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Raised %1</source>
        <translation>Muncul %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>cleared %1</source>
        <translation>hilang %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>acknowledged by %1 at %2</source>
        <translation>diakui oleh %1 pukul %2</translation>
    </message>
    <message>
        <location line="+6" />
        <source>shelved by %1 until %2</source>
        <translation>ditunda oleh %1 sampai %2</translation>
    </message>
</context>
<context>
    <name>AlarmModel</name>
    <message>
        <location line="-330" />
        <location line="+6" />
        <source>Priority</source>
        <extracomment>Background and text colour per priority (ISA-18.2: colour only for alarms). The shelve times offered (minutes); those above the configured maximum are left out.</extracomment>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location line="-5" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Raised</source>
        <translation>Muncul</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+6" />
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Time left</source>
        <translation>Sisa waktu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shelved by</source>
        <translation>Ditunda oleh</translation>
    </message>
    <message>
        <location line="+23" />
        <source>▲ Active, new</source>
        <translation>▲ Aktif, baru</translation>
    </message>
    <message>
        <location line="+2" />
        <source>● Active, acknowledged</source>
        <translation>● Aktif, sudah diakui</translation>
    </message>
    <message>
        <location line="+2" />
        <source>○ Cleared, not acknowledged</source>
        <translation>○ Hilang, belum diakui</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cleared</source>
        <translation>Hilang</translation>
    </message>
    <message>
        <location line="+92" />
        <source>First out · %1</source>
        <translation>Pertama · %1</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../hmi/ui/audit_view.py" line="+31" />
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+12" />
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <location line="-10" />
        <location line="+11" />
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="-27" />
        <source>When</source>
        <translation>Kapan</translation>
    </message>
    <message>
        <location line="+3" />
        <source>What</source>
        <translation>Apa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Before</source>
        <translation>Sebelum</translation>
    </message>
    <message>
        <location line="+1" />
        <source>After</source>
        <translation>Sesudah</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location line="+42" />
        <source>%1 entries</source>
        <translation>%1 entri</translation>
    </message>
</context>
<context>
    <name>BatchDetailDialog</name>
    <message>
        <location filename="../../hmi/ui/batch_detail.py" line="+161" />
        <source>Batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Retry now</source>
        <translation>Ulangi sekarang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel batch…</source>
        <translation>Batalkan batch…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+102" />
        <source>Silo / tank</source>
        <translation>Silo / tangki</translation>
    </message>
    <message>
        <location line="-53" />
        <location line="+54" />
        <source>Material</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="-59" />
        <source>Odoo's bill of materials expects other quantities for %1 produced: nothing was reported. Settle it in Odoo, then Retry now, or cancel the batch.</source>
        <translation>BoM di Odoo mengharapkan jumlah lain untuk %1 yang diproduksi: tidak ada yang dilaporkan. Selesaikan di Odoo, lalu Ulangi sekarang, atau batalkan batch.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Odoo expects</source>
        <translation>Harapan Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PLC dosed</source>
        <translation>Takaran PLC</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Difference</source>
        <translation>Selisih</translation>
    </message>
    <message>
        <location line="+52" />
        <source>Planned / actual</source>
        <translation>Rencana / aktual</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Actual</source>
        <translation>Aktual</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deviation</source>
        <translation>Deviasi</translation>
    </message>
    <message>
        <location line="+24" />
        <source>PLC slot</source>
        <translation>Slot PLC</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queued at</source>
        <translation>Diantrekan pada</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Started at</source>
        <translation>Mulai pada</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished at</source>
        <translation>Selesai pada</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished weight</source>
        <translation>Berat jadi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reported as produced</source>
        <translation>Dilaporkan sebagai hasil</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Odoo reporting</source>
        <translation>Pelaporan Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location line="+36" />
        <source>%1 attempt(s)</source>
        <translation>%1 percobaan</translation>
    </message>
    <message>
        <location line="+2" />
        <source>next at %1</source>
        <translation>berikutnya pada %1</translation>
    </message>
</context>
<context>
    <name>CalmExceptHook</name>
    <message>
        <location filename="../../hmi/ui/excepthook.py" line="+49" />
        <source>Something unexpected happened. The HMI keeps running and the batches are safe in the database. The details were written to the log.</source>
        <translation>Terjadi sesuatu yang tidak terduga. HMI tetap berjalan dan batch aman di basis data. Rinciannya sudah ditulis ke log.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Notice</source>
        <translation>Pemberitahuan</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../hmi/ui/recovery_dialogs.py" line="+159" />
        <source>Implausible values: %1</source>
        <translation>Nilai tidak wajar: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The PLC sent values for this batch that cannot be true; they were not stored. Check the scale, then decide.</source>
        <translation>PLC mengirim nilai untuk batch ini yang tidak mungkin benar; nilai itu tidak disimpan. Periksa timbangan, lalu putuskan.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Read again</source>
        <translation>Baca lagi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accept the PLC's values…</source>
        <translation>Terima nilai PLC…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Enter the scale ticket's weights…</source>
        <translation>Masukkan berat dari tiket timbangan…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Abort the batch…</source>
        <translation>Batalkan batch…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Silo / tank</source>
        <translation>Silo / tangki</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PLC reads</source>
        <translation>Bacaan PLC</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Finished weight</source>
        <translation>Berat jadi</translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <location filename="../../hmi/ui/fetch_dialog.py" line="+62" />
        <source>Fetch manufacturing orders</source>
        <translation>Ambil order produksi</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Fetching is not possible now: %1</source>
        <translation>Pengambilan tidak dapat dilakukan sekarang: %1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+20" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Materials</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Will be queued: %1</source>
        <translation>Akan diantrekan: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Why it is refused</source>
        <translation>Alasan ditolak</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Confirm: queue %1</source>
        <translation>Konfirmasi: antrekan %1</translation>
    </message>
    <message>
        <location line="-3" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="-6" />
        <source>Refused: %1 (tap a row to read the whole reason)</source>
        <translation>Ditolak: %1 (ketuk baris untuk membaca alasan lengkap)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Nothing to queue.</source>
        <translation>Tidak ada yang dapat diantrekan.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Odoo has no manufacturing order ready for this line.</source>
        <translation>Odoo tidak punya order produksi yang siap untuk lini ini.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 order(s) would be queued, %2 refused.</source>
        <translation>%1 order akan masuk antrean, %2 ditolak.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../hmi/ui/header.py" line="+45" />
        <source>RUNNING</source>
        <translation>BERJALAN</translation>
    </message>
    <message>
        <location line="+1" />
        <source>WAITING</source>
        <translation>MENUNGGU</translation>
    </message>
    <message>
        <location line="+1" />
        <source>STOPPED</source>
        <translation>BERHENTI</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Since %1</source>
        <translation>Sejak %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>What to do: %1</source>
        <translation>Tindakan: %1</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location line="+22" />
        <location line="+3" />
        <source>Alarms (%1)</source>
        <translation>Alarm (%1)</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Not now: %1</source>
        <translation>Belum bisa: %1</translation>
    </message>
    <message>
        <location line="+39" />
        <source>No active alarm</source>
        <translation>Tidak ada alarm aktif</translation>
    </message>
    <message>
        <location line="+5" />
        <source>(+%1 more)</source>
        <translation>(+%1 lagi)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>%1 shelved</source>
        <translation>%1 ditunda</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hmi/ui/history_view.py" line="+211" />
        <source>Batch history</source>
        <translation>Riwayat batch</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+2" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show all</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Batch record (PDF)…</source>
        <translation>Catatan batch (PDF)…</translation>
    </message>
    <message>
        <location line="-172" />
        <source>Last 7 days</source>
        <extracomment>The period choices: (label, days back including today; 0 = everything).</extracomment>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everything</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location line="+197" />
        <source>Tap a batch to print its record.</source>
        <translation>Ketuk batch untuk mencetak catatannya.</translation>
    </message>
    <message>
        <location line="+25" />
        <source>%1 archived batch(es)</source>
        <translation>%1 batch diarsipkan</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-237" />
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Produced</source>
        <translation>Diproduksi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remark</source>
        <translation>Keterangan</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../hmi/ui/keyboard.py" line="+54" />
        <source>space</source>
        <extracomment>Choices shown per row of the standard-reasons grid.</extracomment>
        <translation>spasi</translation>
    </message>
</context>
<context>
    <name>KeyboardDialog</name>
    <message>
        <location line="+81" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+2" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Pick a reason or type one.</source>
        <translation>Pilih alasan atau ketik sendiri.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../hmi/ui/labels.py" line="+89" />
        <source>Tank %1</source>
        <extracomment>What an operator must never read: errno numbers, internal ids, Python module names.</extracomment>
        <translation>Tangki %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Silo %1</source>
        <translation>Silo %1</translation>
    </message>
    <message>
        <location line="+48" />
        <source>%1 OK</source>
        <translation>%1 OK</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 FAULTED %2</source>
        <translation>%1 GANGGUAN %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 DOWN %2</source>
        <translation>%1 PUTUS %2</translation>
    </message>
    <message>
        <location line="+10" />
        <source>%1 is connected.</source>
        <translation>%1 tersambung.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 answers but refuses requests since %2: %3</source>
        <translation>%1 menjawab tetapi menolak permintaan sejak %2: %3</translation>
    </message>
    <message>
        <location line="+6" />
        <source>not connected</source>
        <translation>tidak tersambung</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is not connected since %2: %3</source>
        <translation>%1 tidak tersambung sejak %2: %3</translation>
    </message>
</context>
<context>
    <name>LogConsole</name>
    <message>
        <location filename="../../hmi/ui/log_console.py" line="+44" />
        <source>All levels</source>
        <translation>Semua tingkat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Info and above</source>
        <translation>Info ke atas</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Warnings and errors</source>
        <translation>Peringatan dan galat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Errors only</source>
        <translation>Hanya galat</translation>
    </message>
    <message>
        <location line="+184" />
        <location line="+53" />
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="-52" />
        <source>Search the log</source>
        <translation>Cari di log</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location line="-182" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Level</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hmi/ui/main_window.py" line="+221" />
        <source>Batch HMI</source>
        <extracomment>Events that count as someone using the panel.</extracomment>
        <translation>HMI Batching</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch queue</source>
        <translation>Antrean batch</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Clear queue…</source>
        <translation>Kosongkan antrean…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused orders…</source>
        <translation>Order ditolak…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Records…</source>
        <translation>Catatan…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+146" />
        <source>Automatic fetch: on</source>
        <translation>Ambil otomatis: hidup</translation>
    </message>
    <message>
        <location line="-146" />
        <location line="+147" />
        <source>Automatic fetch: off</source>
        <translation>Ambil otomatis: mati</translation>
    </message>
    <message>
        <location line="-156" />
        <source>Fetch orders</source>
        <translation>Ambil order</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <location filename="../../hmi/ui/overview.py" line="+46" />
        <source>Mixer: no batch</source>
        <translation>Mixer: tidak ada batch</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+23" />
        <source>Weigh hopper</source>
        <translation>Hopper timbang</translation>
    </message>
    <message>
        <location line="-19" />
        <source>PLC ready for new batches</source>
        <translation>PLC siap menerima batch baru</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PLC not ready for new batches</source>
        <translation>PLC belum siap menerima batch baru</translation>
    </message>
    <message>
        <location line="+3" />
        <source>dosing slot %1</source>
        <translation>menakar slot %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>implausible values: %1</source>
        <translation>nilai tidak wajar: %1</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Outside its tolerance or faulty: see the alarms.</source>
        <translation>Di luar toleransi atau bermasalah: lihat alarm.</translation>
    </message>
</context>
<context>
    <name>PinPadDialog</name>
    <message>
        <location filename="../../hmi/ui/pin_pad.py" line="+20" />
        <source>Supervisor PIN</source>
        <translation>PIN pengawas</translation>
    </message>
    <message>
        <location line="+13" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+18" />
        <source>The PIN has %1 to %2 digits.</source>
        <translation>PIN terdiri dari %1 sampai %2 angka.</translation>
    </message>
</context>
<context>
    <name>ProbeReportDialog</name>
    <message>
        <location filename="../../hmi/ui/probe_report.py" line="+16" />
        <source>PLC: %1</source>
        <extracomment>The summary's sentences (translated in context "ProbeReportDialog").</extracomment>
        <translation>PLC: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The PLC refuses even one word: check the register map's addresses.</source>
        <translation>PLC menolak bahkan satu word: periksa alamat di peta register.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Largest read accepted: %1 words</source>
        <translation>Pembacaan terbesar yang diterima: %1 word</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Areas read: %1, requests refused: %2</source>
        <translation>Area dibaca: %1, permintaan ditolak: %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Values implausible as configured: %1</source>
        <translation>Nilai tidak wajar menurut konfigurasi: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Map settings to change: %1</source>
        <translation>Pengaturan peta yang perlu diubah: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No map setting to change.</source>
        <translation>Tidak ada pengaturan peta yang perlu diubah.</translation>
    </message>
    <message>
        <location line="+34" />
        <source>PLC probe</source>
        <translation>Periksa PLC</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The report (for the commissioning record):</source>
        <translation>Laporan (untuk catatan komisioning):</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Save report</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../hmi/ui/queue_model.py" line="+22" />
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="+1" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Planned (kg)</source>
        <translation>Rencana (kg)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Progress</source>
        <translation>Kemajuan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RecordsMenu</name>
    <message>
        <location filename="../../hmi/ui/records_menu.py" line="+26" />
        <source>Records</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch history…</source>
        <translation>Riwayat batch…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shift report (PDF)…</source>
        <translation>Laporan shift (PDF)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Audit trail…</source>
        <translation>Jejak audit…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PDF and CSV files are saved in the reports folder.</source>
        <translation>Berkas PDF dan CSV disimpan di folder laporan.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../hmi/ui/recovery_dialogs.py" line="-153" />
        <source>Cancel</source>
        <extracomment>Raw words per line of the slot's word dump.</extracomment>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Batch number</source>
        <translation>Nomor batch</translation>
    </message>
    <message>
        <location line="+1" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1" />
        <source>BoM</source>
        <translation>BoM</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Quantity</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <location line="+2" />
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location line="-3" />
        <location line="+1" />
        <location line="+2" />
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <location line="-2" />
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished weight</source>
        <translation>Berat jadi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledged by the HMI</source>
        <translation>Dikonfirmasi oleh HMI</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Raw words (as read from the PLC):</source>
        <translation>Word mentah (seperti dibaca dari PLC):</translation>
    </message>
</context>
<context>
    <name>RecoveryHost</name>
    <message>
        <location filename="../../hmi/ui/recovery_host.py" line="+30" />
        <source>Resend batches</source>
        <extracomment>What each recovery's dialog says (translated in context "RecoveryHost").</extracomment>
        <translation>Kirim ulang batch</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resend batches…</source>
        <translation>Kirim ulang batch…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The PLC asks for new data and no longer holds these batches. They are written to it again, each in its slot. A batch the PLC has started is never written again.</source>
        <translation>PLC meminta data baru dan tidak lagi memegang batch ini. Batch ditulis ulang ke PLC, masing-masing di slotnya. Batch yang sudah dimulai PLC tidak pernah ditulis ulang.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Slot %1: %2 — %3</source>
        <translation>Slot %1: %2 — %3</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PLC slot %1</source>
        <translation>Slot PLC %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge slot…</source>
        <translation>Konfirmasi slot…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The HMI has no batch for what this slot shows. Acknowledging it lets the PLC go on; nothing is booked in Odoo. Compare the words with the PLC and Odoo first.</source>
        <translation>HMI tidak punya batch untuk isi slot ini. Mengonfirmasinya membuat PLC melanjutkan; tidak ada yang dibukukan di Odoo. Cocokkan dulu word-nya dengan PLC dan Odoo.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Release claim</source>
        <translation>Lepas klaim</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Release claim…</source>
        <translation>Lepas klaim…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 is being reported by the panel %2 (claimed until %3). Release the claim only if that panel is switched off or has crashed: this panel then reports the batch after reading its state in Odoo, so nothing is booked twice.</source>
        <translation>%1 sedang dilaporkan oleh panel %2 (diklaim sampai %3). Lepas klaim hanya jika panel itu mati atau macet: panel ini lalu melaporkan batch setelah membaca statusnya di Odoo, sehingga tidak ada yang dibukukan dua kali.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Resolve unknown batches</source>
        <translation>Selesaikan batch tak dikenal</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolve unknown batches…</source>
        <translation>Selesaikan batch tak dikenal…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The PLC holds batches the database does not know. Batches it has not started are cleared from it; finished ones are acknowledged. If one was dosed, automatic fetching pauses: check those MOs in Odoo first.</source>
        <translation>PLC memegang batch yang tidak dikenal basis data. Batch yang belum dimulai dihapus dari PLC; yang sudah selesai dikonfirmasi. Jika ada yang sudah ditakar, pengambilan otomatis dijeda: periksa dulu MO tersebut di Odoo.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Resend %1 with the current table</source>
        <translation>Kirim ulang %1 dengan tabel saat ini</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resend with current table…</source>
        <translation>Kirim ulang dengan tabel saat ini…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The silo table changed after this batch was planned. It is mapped again with the current table and released to the PLC.</source>
        <translation>Tabel silo berubah setelah batch ini direncanakan. Batch dipetakan ulang dengan tabel saat ini dan dilepas ke PLC.</translation>
    </message>
</context>
<context>
    <name>RefusedOrdersDialog</name>
    <message>
        <location filename="../../hmi/ui/refused_orders.py" line="+35" />
        <source>Refused orders (%1)</source>
        <translation>Order ditolak (%1)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>These manufacturing orders cannot be queued. Fix them in Odoo (or the silo table); each is tried again by itself once it changes.</source>
        <translation>Orde produksi ini tidak dapat diantrekan. Perbaiki di Odoo (atau di tabel silo); masing-masing dicoba lagi dengan sendirinya setelah berubah.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No manufacturing order is refused now.</source>
        <translation>Saat ini tidak ada orde produksi yang ditolak.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Changed in Odoo</source>
        <translation>Diubah di Odoo</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why it is refused</source>
        <translation>Alasan ditolak</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>Remedy</name>
    <message>
        <location filename="../../hmi/ui/labels.py" line="+9" />
        <source>Open the batch</source>
        <extracomment>The button that runs an alarm's remedy (hmi.domain.alarms.ALARM_KINDS), per action.</extracomment>
        <translation>Buka batch</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Decide…</source>
        <translation>Putuskan…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resend batches…</source>
        <translation>Kirim ulang batch…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge slot…</source>
        <translation>Konfirmasi slot…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Release claim…</source>
        <translation>Lepas klaim…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resolve unknown batches…</source>
        <translation>Selesaikan batch tak dikenal…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resend with current table…</source>
        <translation>Kirim ulang dengan tabel saat ini…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hmi/ui/settings_dialog.py" line="+49" />
        <source>PLC</source>
        <translation>PLC</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PLC host</source>
        <translation>Host PLC</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PLC port</source>
        <translation>Port PLC</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PLC unit id</source>
        <translation>ID unit PLC</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Odoo URL</source>
        <translation>URL Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Odoo database</source>
        <translation>Basis data Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Odoo user</source>
        <translation>Pengguna Odoo</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Task intervals</source>
        <translation>Interval tugas</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Fetch every (s)</source>
        <translation>Ambil setiap (detik)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Read the PLC every (s)</source>
        <translation>Baca PLC setiap (detik)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Report to Odoo every (s)</source>
        <translation>Lapor ke Odoo setiap (detik)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Plant and display</source>
        <translation>Pabrik dan tampilan</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Equipment table file</source>
        <translation>Berkas tabel peralatan</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Line name</source>
        <translation>Nama lini</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Standard reasons (separate with ;)</source>
        <translation>Alasan baku (pisahkan dengan ;)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Time zone (e.g. Asia/Jakarta)</source>
        <translation>Zona waktu (mis. Asia/Jakarta)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Shifts (name and start, separate with ;)</source>
        <translation>Shift (nama dan jam mulai, pisahkan dengan ;)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Sign out after idle (min)</source>
        <translation>Keluar otomatis setelah diam (menit)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Hand-added materials (code=reference; …)</source>
        <translation>Bahan tambahan manual (kode=referensi; …)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>System language</source>
        <translation>Bahasa sistem</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Probe the PLC…</source>
        <translation>Periksa PLC…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Reads what the PLC of the saved settings accepts; writes nothing.</source>
        <translation>Membaca apa yang diterima PLC sesuai pengaturan tersimpan; tidak menulis apa pun.</translation>
    </message>
    <message>
        <location line="-20" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+52" />
        <source>Access and language</source>
        <translation>Akses dan bahasa</translation>
    </message>
    <message>
        <location line="+5" />
        <source>unchanged</source>
        <translation>tidak diubah</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+2" />
        <location line="+5" />
        <source>Odoo password or API key</source>
        <translation>Kata sandi atau kunci API Odoo</translation>
    </message>
    <message>
        <location line="-2" />
        <source>No keyring here: the Odoo secret cannot be changed.</source>
        <translation>Tidak ada keyring di sini: rahasia Odoo tidak dapat diubah.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Full screen (kiosk)</source>
        <translation>Layar penuh (kios)</translation>
    </message>
</context>
<context>
    <name>ShiftChoiceDialog</name>
    <message>
        <location filename="../../hmi/ui/records_menu.py" line="+10" />
        <source>Shift report</source>
        <translation>Laporan shift</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../hmi/ui/sign_in.py" line="+46" />
        <source>Name or badge number</source>
        <translation>Nama atau nomor kartu</translation>
    </message>
    <message>
        <location line="+23" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Tap your name or scan your badge first.</source>
        <translation>Ketuk nama Anda atau pindai kartu Anda dulu.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The PIN has %1 to %2 digits.</source>
        <translation>PIN terdiri dari %1 sampai %2 angka.</translation>
    </message>
</context>
<context>
    <name>StartupRefusal</name>
    <message>
        <location filename="../../hmi/ui/startup_refusal.py" line="+25" />
        <source>Details: %1</source>
        <translation>Rincian: %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The HMI does not start</source>
        <translation>HMI tidak dimulai</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../hmi/ui/touch.py" line="+246" />
        <source>Close</source>
        <extracomment>A second tap on a toggle within this time does nothing (a bounce, a double tap). Room kept free around a dialog on the screen (px).</extracomment>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <location filename="../../hmi/ui/user_admin.py" line="+37" />
        <source>operator</source>
        <extracomment>What each administration button asks for.</extracomment>
        <translation>operator</translation>
    </message>
    <message>
        <location line="+1" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location line="+1" />
        <source>maintenance</source>
        <translation>perawatan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location line="+88" />
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tap your name or scan your badge, then your PIN.</source>
        <translation>Ketuk nama Anda atau pindai kartu Anda, lalu PIN Anda.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Approval needed</source>
        <translation>Perlu persetujuan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>'%1' needs a user allowed to do it: their name or badge, then PIN.</source>
        <translation>'%1' memerlukan pengguna yang berwenang: nama atau kartunya, lalu PIN.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Type the new PIN (4 to 8 digits).</source>
        <translation>Ketik PIN baru (4 sampai 8 angka).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Type the new PIN once more.</source>
        <translation>Ketik PIN baru sekali lagi.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The two PINs differ: nothing was changed.</source>
        <translation>Kedua PIN berbeda: tidak ada yang diubah.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>First start: the administrator</source>
        <translation>Mulai pertama: administrator</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nobody may cancel, clear, shelve or change settings yet. Type the name of the first administrator (they add the other users).</source>
        <translation>Belum ada yang boleh membatalkan, mengosongkan, menunda alarm, atau mengubah pengaturan. Ketik nama administrator pertama (dia yang menambahkan pengguna lain).</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Badge number (optional: leave empty or scan it).</source>
        <translation>Nomor kartu (opsional: kosongkan atau pindai).</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Users</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Name of the new user.</source>
        <translation>Nama pengguna baru.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Role of the new user.</source>
        <translation>Peran pengguna baru.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Badge number (optional).</source>
        <translation>Nomor kartu (opsional).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>New role of %1.</source>
        <translation>Peran baru untuk %1.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Badge of %1 (empty: none).</source>
        <translation>Kartu %1 (kosong: tidak ada).</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Another user signs in</source>
        <translation>Pengguna lain masuk</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Users…</source>
        <translation>Pengguna…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>UserAdminDialog</name>
    <message>
        <location line="-223" />
        <source>Users</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Badge</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location line="+7" />
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Add user…</source>
        <translation>Tambah pengguna…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role…</source>
        <translation>Peran…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Badge…</source>
        <translation>Kartu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New PIN…</source>
        <translation>PIN baru…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deactivate / activate</source>
        <translation>Nonaktifkan / aktifkan</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Tap a user to change them.</source>
        <translation>Ketuk pengguna untuk mengubahnya.</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <location filename="../../hmi/ui/number_pad.py" line="+82" />
        <source>Scale ticket: %1</source>
        <extracomment>At most this many digits before the decimal separator (the PLC's u32 of kg × 100 holds 42 949 672.95 kg) and two after it (the PLC's 0.01 kg).</extracomment>
        <translation>Tiket timbangan: %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Silo / tank</source>
        <translation>Silo / tangki</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PLC reads</source>
        <translation>Bacaan PLC</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Scale ticket</source>
        <translation>Tiket timbangan</translation>
    </message>
    <message>
        <location line="+31" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+2" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Clear</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location line="+45" />
        <source>Type at least one weight from the scale ticket.</source>
        <translation>Ketik minimal satu berat dari tiket timbangan.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The PLC's value cannot be stored: type the weight of %1.</source>
        <translation>Nilai PLC tidak bisa disimpan: ketik berat untuk %1.</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../hmi/ui/window_dialogs.py" line="+28" />
        <source>Enter the supervisor PIN to cancel a batch</source>
        <extracomment>The PIN pad's question per protected command.</extracomment>
        <translation>Masukkan PIN pengawas untuk membatalkan batch</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to clear the queue</source>
        <translation>Masukkan PIN pengawas untuk mengosongkan antrean</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to shelve the alarm</source>
        <translation>Masukkan PIN pengawas untuk menunda alarm</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to change settings</source>
        <translation>Masukkan PIN pengawas untuk mengubah pengaturan</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to resend the batches</source>
        <translation>Masukkan PIN supervisor untuk mengirim ulang batch</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to acknowledge the PLC slot</source>
        <translation>Masukkan PIN supervisor untuk mengonfirmasi slot PLC</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to decide about the values</source>
        <translation>Masukkan PIN supervisor untuk memutuskan nilai</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to release the claim</source>
        <translation>Masukkan PIN supervisor untuk melepas klaim</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Enter the supervisor PIN to resolve the unknown batches</source>
        <translation>Masukkan PIN supervisor untuk menyelesaikan batch tak dikenal</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+58" />
        <source>Cancel batch</source>
        <extracomment>(title, question) of the reason keyboard per command (a permissions.Action value).</extracomment>
        <translation>Batalkan batch</translation>
    </message>
    <message>
        <location line="-57" />
        <source>Why is this batch cancelled?</source>
        <translation>Mengapa batch ini dibatalkan?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+55" />
        <source>Clear queue</source>
        <translation>Kosongkan antrean</translation>
    </message>
    <message>
        <location line="-54" />
        <source>Why is the queue cleared?</source>
        <translation>Mengapa antrean dikosongkan?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+54" />
        <source>Shelve alarm</source>
        <translation>Tunda alarm</translation>
    </message>
    <message>
        <location line="-53" />
        <source>Why is it shelved?</source>
        <translation>Mengapa alarm ditunda?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+60" />
        <source>Resend batches</source>
        <translation>Kirim ulang batch</translation>
    </message>
    <message>
        <location line="-59" />
        <source>Why are the batches resent?</source>
        <translation>Mengapa batch dikirim ulang?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+57" />
        <source>Acknowledge PLC slot</source>
        <translation>Konfirmasi slot PLC</translation>
    </message>
    <message>
        <location line="-56" />
        <source>What did you check before acknowledging the slot?</source>
        <translation>Apa yang Anda periksa sebelum mengonfirmasi slot?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+56" />
        <source>Accept the PLC's values</source>
        <translation>Terima nilai PLC</translation>
    </message>
    <message>
        <location line="-55" />
        <source>Why are the PLC's values right?</source>
        <translation>Mengapa nilai PLC benar?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+53" />
        <source>Scale ticket</source>
        <translation>Tiket timbangan</translation>
    </message>
    <message>
        <location line="-52" />
        <source>Which scale ticket? Why are its weights used?</source>
        <translation>Tiket timbangan yang mana? Mengapa beratnya dipakai?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+50" />
        <source>Abort the batch</source>
        <translation>Batalkan batch</translation>
    </message>
    <message>
        <location line="-49" />
        <source>Why is the batch aborted?</source>
        <translation>Mengapa batch dibatalkan?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+47" />
        <source>Release claim</source>
        <translation>Lepas klaim</translation>
    </message>
    <message>
        <location line="-46" />
        <source>Why is the other panel's claim released?</source>
        <translation>Mengapa klaim panel lain dilepas?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+44" />
        <source>Resolve unknown batches</source>
        <translation>Selesaikan batch tak dikenal</translation>
    </message>
    <message>
        <location line="-43" />
        <source>What did you check in Odoo and at the PLC?</source>
        <translation>Apa yang Anda periksa di Odoo dan di PLC?</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+41" />
        <source>Resend with the current table</source>
        <translation>Kirim ulang dengan tabel saat ini</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Why is the batch resent with the current table?</source>
        <translation>Mengapa batch dikirim ulang dengan tabel saat ini?</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Wrong order or product</source>
        <extracomment>The standard reasons offered when the settings name none.</extracomment>
        <translation>Orde atau produk salah</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Material missing</source>
        <translation>Bahan tidak tersedia</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Equipment fault</source>
        <translation>Gangguan peralatan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Planned maintenance</source>
        <translation>Pemeliharaan terjadwal</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Order changed in Odoo</source>
        <translation>Orde diubah di Odoo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Test batch</source>
        <translation>Batch uji coba</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Fetch orders</source>
        <extracomment>The title of a calm message per action that did not happen.</extracomment>
        <translation>Ambil orde</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Automatic fetch</source>
        <translation>Ambil otomatis</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Acknowledge</source>
        <translation>Akui</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Acknowledge all</source>
        <translation>Akui semua</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Settings not saved</source>
        <translation>Pengaturan tidak disimpan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Supervisor PIN</source>
        <translation>PIN pengawas</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch record</source>
        <translation>Catatan batch</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shift report</source>
        <translation>Laporan shift</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <location line="+1" />
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused orders</source>
        <translation>Order ditolak</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PLC probe</source>
        <translation>Periksa PLC</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Implausible values</source>
        <translation>Nilai tidak wajar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Read again</source>
        <translation>Baca lagi</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Enter the supervisor PIN</source>
        <translation>Masukkan PIN supervisor</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: your PIN for '%2'</source>
        <translation>%1: PIN Anda untuk '%2'</translation>
    </message>
    <message>
        <location line="+5" />
        <source>PIN of %1</source>
        <translation>PIN %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This PIN is locked after too many wrong PINs.</source>
        <translation>PIN ini dikunci setelah terlalu banyak PIN salah.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why?</source>
        <translation>Mengapa?</translation>
    </message>
    <message>
        <location line="+57" />
        <source>Notice</source>
        <translation>Pemberitahuan</translation>
    </message>
</context>
</TS>