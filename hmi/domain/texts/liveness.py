"""Texts of the liveness follow-up (issue 11): a FINS refusal in the link state, MOs withheld
after the PLC dosed them outside the queue, and the standby panel of a line."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "plc.refused_fins": (
        "the PLC refuses {function} words D{first}–D{last}: FINS end code {number} ({name})",
        "PLC menolak {function} word D{first}–D{last}: kode akhir FINS {number} ({name})",
    ),
    "fetch.withheld": (
        "{mo} is not queued: the PLC dosed it outside the queue; a supervisor releases it "
        "once it is settled in Odoo",
        "{mo} tidak dimasukkan ke antrean: PLC sudah menakarnya di luar antrean; supervisor "
        "melepaskannya setelah diselesaikan di Odoo",
    ),
    "recovery.withheld": (
        "{names} were dosed on the PLC outside the queue: they are not fetched again until a "
        "supervisor releases them (after marking them done or cancelling them in Odoo)",
        "{names} sudah ditakar di PLC di luar antrean: tidak diambil lagi sampai supervisor "
        "melepaskannya (setelah ditandai selesai atau dibatalkan di Odoo)",
    ),
    "recovery.released": (
        "{actor} released {mo} for fetching again: {reason}",
        "{actor} melepaskan {mo} agar dapat diambil lagi: {reason}",
    ),
    "why.withheld.none": (
        "{mo} is not withheld from fetching",
        "{mo} tidak sedang ditahan dari pengambilan",
    ),
    "standby.title": ("Standby panel", "Panel cadangan"),
    "standby.body": (
        "Line {line} runs on panel {panel}. This panel is its standby: it takes the line "
        "over by itself when that panel stops (it tries every {seconds:num} s). Nothing to "
        "do here meanwhile.",
        "Lini {line} dijalankan oleh panel {panel}. Panel ini adalah cadangannya: panel ini "
        "mengambil alih lini dengan sendirinya bila panel itu berhenti (dicoba setiap "
        "{seconds:num} detik). Sementara itu tidak ada yang perlu dilakukan di sini.",
    ),
    "standby.another_panel": ("another panel", "panel lain"),
    "standby.quit": ("Close this panel", "Tutup panel ini"),
}
