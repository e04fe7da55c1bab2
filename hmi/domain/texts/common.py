"""Messages shared by every area: plain text from elsewhere, link states, gate reasons."""

TEXTS: dict[str, tuple[str, str]] = {
    # Text that is not ours (an Odoo server's own error message, a PLC's words): shown as is.
    "text": ("{text}", "{text}"),
    "link.up": ("{link} up", "{link} terhubung"),
    "link.down": (
        "{link} down since {since:time}: {error}",
        "{link} terputus sejak {since:time}: {error}",
    ),
    "link.name.plc": ("PLC", "PLC"),
    "link.name.odoo": ("Odoo", "Odoo"),
    "link.name.db": ("Database", "Basis data"),
    "line.starting": ("Starting", "Memulai"),
    "gate.db_offline": ("Database offline", "Basis data tidak tersambung"),
    "gate.queue_not_empty": (
        "{count} batches still in the queue",
        "{count} batch masih dalam antrean",
    ),
    "gate.plc_offline": ("PLC offline", "PLC tidak tersambung"),
    "gate.plc_not_ready": ("PLC not ready", "PLC belum siap"),
    "gate.odoo_offline": ("Odoo offline", "Odoo tidak tersambung"),
}
