<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../hmi/ui/batch_record.py" line="+113"/>
        <location line="+10"/>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>acknowledged by %1 at %2</source>
        <translation>dikonfirmasi oleh %1 pada %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not acknowledged</source>
        <translation>belum dikonfirmasi</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Batch record</source>
        <translation>Catatan batch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manufacturing order</source>
        <translation>Order produksi</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Bill of materials</source>
        <translation>Daftar bahan (BoM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned quantity (kg)</source>
        <translation>Jumlah rencana (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Queued</source>
        <translation>Dalam antrean</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch confirmed by</source>
        <translation>Pengambilan dikonfirmasi oleh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Finished weight (kg)</source>
        <translation>Berat jadi (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Produced quantity (kg)</source>
        <translation>Jumlah diproduksi (kg)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Materials</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+39"/>
        <source>Silo/tank</source>
        <translation>Silo/tangki</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>Material</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+31"/>
        <location line="+8"/>
        <source>Planned kg</source>
        <translation>Rencana kg</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>Actual kg</source>
        <translation>Aktual kg</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Deviation</source>
        <translation>Deviasi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alarms during the batch</source>
        <translation>Alarm selama batch</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Shift report</source>
        <translation>Laporan shift</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batches</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Produced kg</source>
        <translation>Diproduksi kg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Totals per material (reported batches)</source>
        <translation>Total per bahan (batch yang dilaporkan)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Alarms</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet in Odoo</source>
        <translation>Belum masuk Odoo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>maintenance request</source>
        <translation>permintaan pemeliharaan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Apa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last message</source>
        <translation>Pesan terakhir</translation>
    </message>
</context>
<context>
    <name>AlarmListDialog</name>
    <message>
        <location filename="../../hmi/ui/alarm_view.py" line="+55"/>
        <source>Alarms</source>
        <extracomment>Background/text colour per priority; colour only for what is abnormal and unacknowledged.</extracomment>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Raised</source>
        <translation>Muncul</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>Dikonfirmasi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelved until</source>
        <translation>Ditunda sampai</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Acknowledge</source>
        <translation>Konfirmasi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelve (supervisor)…</source>
        <translation>Tunda (supervisor)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cleared</source>
        <translation>hilang</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location line="+48"/>
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When</source>
        <translation>Kapan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What</source>
        <translation>Apa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>Sebelum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Sesudah</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 entries</source>
        <translation>%1 entri</translation>
    </message>
</context>
<context>
    <name>BatchDetailDialog</name>
    <message>
        <location filename="../../hmi/ui/batch_detail.py" line="+125"/>
        <source>Batch %1</source>
        <extracomment>The engine refuses to cancel a batch the PLC is dosing (stop it at the PLC first).</extracomment>
        <translation>Batch %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry now</source>
        <translation>Ulangi sekarang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel batch…</source>
        <translation>Batalkan batch…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Silo / tank</source>
        <translation>Silo / tangki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Material</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned / actual</source>
        <translation>Rencana / aktual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual</source>
        <translation>Aktual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deviation</source>
        <translation>Deviasi</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>PLC slot</source>
        <translation>Slot PLC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued at</source>
        <translation>Diantrekan pada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started at</source>
        <translation>Mulai pada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished at</source>
        <translation>Selesai pada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished weight</source>
        <translation>Berat jadi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported as produced</source>
        <translation>Dilaporkan sebagai hasil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Odoo reporting</source>
        <translation>Pelaporan Odoo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 attempt(s)</source>
        <translation>%1 percobaan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>next at %1</source>
        <translation>berikutnya pada %1</translation>
    </message>
</context>
<context>
    <name>BatchState</name>
    <message>
        <location filename="../../hmi/ui/labels.py" line="+12"/>
        <source>Queued</source>
        <translation>Dalam antrean</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent to PLC</source>
        <translation>Terkirim ke PLC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dosing</source>
        <translation>Menakar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporting</source>
        <translation>Melapor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported</source>
        <translation>Dilaporkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAILED</source>
        <translation>GAGAL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Perlu tindakan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
</context>
<context>
    <name>CalmExceptHook</name>
    <message>
        <location filename="../../hmi/ui/excepthook.py" line="+52"/>
        <source>Something unexpected happened. The HMI keeps running and the batches are safe in the database. The details were written to the log.</source>
        <translation>Terjadi sesuatu yang tidak terduga. HMI tetap berjalan dan batch aman di basis data. Rinciannya sudah ditulis ke log.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Notice</source>
        <translation>Pemberitahuan</translation>
    </message>
</context>
<context>
    <name>DosingModel</name>
    <message>
        <location filename="../../hmi/ui/plc_panel.py" line="+26"/>
        <source>Silo / tank</source>
        <translation>Silo / tangki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Material</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned (kg)</source>
        <translation>Rencana (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual (kg)</source>
        <translation>Aktual (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dosed</source>
        <translation>Tertakar</translation>
    </message>
</context>
<context>
    <name>FetchDialog</name>
    <message>
        <location filename="../../hmi/ui/fetch_dialog.py" line="+42"/>
        <source>Fetch manufacturing orders</source>
        <translation>Ambil order produksi</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fetching is not possible now: %1</source>
        <translation>Pengambilan tidak dapat dilakukan sekarang: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Materials</source>
        <translation>Bahan</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Will be queued: %1</source>
        <translation>Akan diantrekan: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why it is refused</source>
        <translation>Alasan ditolak</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused: %1</source>
        <translation>Ditolak: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirm: queue %1</source>
        <translation>Konfirmasi: antrekan %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Odoo has no manufacturing order ready for this line.</source>
        <translation>Odoo tidak punya order produksi yang siap untuk lini ini.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 order(s) would be queued, %2 refused.</source>
        <translation>%1 order akan masuk antrean, %2 ditolak.</translation>
    </message>
</context>
<context>
    <name>Gate</name>
    <message>
        <location filename="../../hmi/ui/labels.py" line="+11"/>
        <source>Database offline</source>
        <translation>Basis data terputus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PLC offline</source>
        <translation>PLC terputus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PLC not ready</source>
        <translation>PLC belum siap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Odoo offline</source>
        <translation>Odoo terputus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 batch still in the queue</source>
        <translation>1 batch masih dalam antrean</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 batches still in the queue</source>
        <translation>%1 batch masih dalam antrean</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hmi/ui/history_view.py" line="+191"/>
        <source>Batch history</source>
        <translation>Riwayat batch</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch record (PDF)…</source>
        <translation>Catatan batch (PDF)…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 archived batch(es)</source>
        <translation>%1 batch diarsipkan</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="-217"/>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Rencana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Produced</source>
        <translation>Diproduksi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>Keterangan</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../hmi/ui/labels.py" line="+28"/>
        <source>Tank %1</source>
        <translation>Tangki %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silo %1</source>
        <translation>Silo %1</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location line="-51"/>
        <source>PLC</source>
        <translation>PLC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Basis data</translation>
    </message>
</context>
<context>
    <name>LogConsole</name>
    <message>
        <location filename="../../hmi/ui/log_console.py" line="+39"/>
        <source>All levels</source>
        <translation>Semua tingkat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Info ke atas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Peringatan dan galat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Hanya galat</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Log</source>
        <extracomment>Loggers whose records already reach the console as engine events.</extracomment>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the log</source>
        <translation>Cari di log</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location line="-203"/>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hmi/ui/main_window.py" line="+206"/>
        <source>Batch HMI</source>
        <extracomment>A protected command may run: (approved, the PIN token to pass to the engine).</extracomment>
        <translation>HMI Batching</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch queue</source>
        <translation>Antrean batch</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+156"/>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+392"/>
        <location line="+11"/>
        <source>Audit trail</source>
        <translation>Jejak audit</translation>
    </message>
    <message>
        <location line="-402"/>
        <location line="+454"/>
        <location line="+6"/>
        <source>Shift report</source>
        <translation>Laporan shift</translation>
    </message>
    <message>
        <location line="-459"/>
        <location line="+316"/>
        <location line="+6"/>
        <source>Clear queue</source>
        <translation>Kosongkan antrean</translation>
    </message>
    <message>
        <location line="-278"/>
        <source>Automatic fetch: on</source>
        <translation>Ambil otomatis: hidup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic fetch: off</source>
        <translation>Ambil otomatis: mati</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>   (+%1 more)</source>
        <translation>   (+%1 lagi)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alarms (%1)</source>
        <translation>Alarm (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 OK</source>
        <translation>%1 OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 DOWN since %2</source>
        <translation>%1 PUTUS sejak %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Fetch orders</source>
        <translation>Ambil order</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The queue is empty and the PLC is ready.</source>
        <translation>Antrean kosong dan PLC siap.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Fetch cancelled: nothing queued</source>
        <translation>Pengambilan dibatalkan: tidak ada yang diantrekan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fetch failed</source>
        <translation>Pengambilan gagal</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Automatic fetch</source>
        <translation>Ambil otomatis</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The supervisor PIN is locked after too many wrong PINs.</source>
        <translation>PIN supervisor terkunci karena terlalu banyak PIN salah.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Supervisor PIN locked: %1</source>
        <translation>PIN supervisor terkunci: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Wrong supervisor PIN</source>
        <translation>PIN supervisor salah</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Enter the supervisor PIN to clear the queue</source>
        <translation>Masukkan PIN supervisor untuk mengosongkan antrean</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why is the queue cleared?</source>
        <translation>Mengapa antrean dikosongkan?</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Acknowledge</source>
        <translation>Konfirmasi</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the supervisor PIN to shelve the alarm</source>
        <translation>Masukkan PIN supervisor untuk menunda alarm</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Shelve alarm</source>
        <translation>Tunda alarm</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Why is it shelved?</source>
        <translation>Mengapa ditunda?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export audit trail</source>
        <translation>Ekspor jejak audit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 entries exported to %2</source>
        <translation>%1 entri diekspor ke %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+5"/>
        <source>Batch record</source>
        <translation>Catatan batch</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>Supervisor PIN</source>
        <translation>PIN supervisor</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter the supervisor PIN to change settings</source>
        <translation>Masukkan PIN supervisor untuk mengubah pengaturan</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Settings not saved</source>
        <translation>Pengaturan tidak disimpan</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Retry</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the supervisor PIN to cancel a batch</source>
        <translation>Masukkan PIN supervisor untuk membatalkan batch</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>Cancel batch</source>
        <translation>Batalkan batch</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Why is this batch cancelled?</source>
        <translation>Mengapa batch ini dibatalkan?</translation>
    </message>
</context>
<context>
    <name>PinPadDialog</name>
    <message>
        <location filename="../../hmi/ui/pin_pad.py" line="+19"/>
        <source>Supervisor PIN</source>
        <translation>PIN supervisor</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The PIN has %1 to %2 digits.</source>
        <translation>PIN terdiri dari %1 sampai %2 angka.</translation>
    </message>
</context>
<context>
    <name>PlcPanel</name>
    <message>
        <location filename="../../hmi/ui/plc_panel.py" line="+119"/>
        <source>PLC</source>
        <translation>PLC</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Link: connected</source>
        <translation>Koneksi: tersambung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link: DOWN since %1 — %2</source>
        <translation>Koneksi: PUTUS sejak %1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not connected</source>
        <translation>tidak tersambung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ready for new batches: yes</source>
        <translation>Siap untuk batch baru: ya</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready for new batches: no</source>
        <translation>Siap untuk batch baru: tidak</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Running slot: none</source>
        <translation>Slot berjalan: tidak ada</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running slot %1: %2 — %3</source>
        <translation>Slot berjalan %1: %2 — %3</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../hmi/ui/queue_model.py" line="+22"/>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MO</source>
        <translation>MO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned (kg)</source>
        <translation>Rencana (kg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Kemajuan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hmi/ui/settings_dialog.py" line="+48"/>
        <source>PLC</source>
        <translation>PLC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PLC host</source>
        <translation>Host PLC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PLC port</source>
        <translation>Port PLC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PLC unit id</source>
        <translation>ID unit PLC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Odoo URL</source>
        <translation>URL Odoo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Odoo database</source>
        <translation>Basis data Odoo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Odoo user</source>
        <translation>Pengguna Odoo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task intervals</source>
        <translation>Interval tugas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fetch every (s)</source>
        <translation>Ambil setiap (detik)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read the PLC every (s)</source>
        <translation>Baca PLC setiap (detik)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report to Odoo every (s)</source>
        <translation>Lapor ke Odoo setiap (detik)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plant and display</source>
        <translation>Pabrik dan tampilan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Equipment table file</source>
        <translation>Berkas tabel peralatan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line name</source>
        <translation>Nama lini</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System language</source>
        <translation>Bahasa sistem</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Access and language</source>
        <translation>Akses dan bahasa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unchanged</source>
        <translation>tidak diubah</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Odoo password or API key</source>
        <translation>Kata sandi atau kunci API Odoo</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>No keyring here: the Odoo secret cannot be changed.</source>
        <translation>Tidak ada keyring di sini: rahasia Odoo tidak dapat diubah.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full screen (kiosk)</source>
        <translation>Layar penuh (kios)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set supervisor PIN…</source>
        <translation>Atur PIN supervisor…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Supervisor PIN</source>
        <translation>PIN supervisor</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set</source>
        <translation>sudah diatur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set: anyone can open settings</source>
        <translation>belum diatur: siapa pun dapat membuka pengaturan</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Equipment table</source>
        <translation>Tabel peralatan</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the new supervisor PIN</source>
        <translation>Masukkan PIN supervisor baru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the new PIN again</source>
        <translation>Masukkan PIN baru sekali lagi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two PINs differ; the PIN was not changed.</source>
        <translation>Kedua PIN berbeda; PIN tidak diubah.</translation>
    </message>
</context>
</TS>
