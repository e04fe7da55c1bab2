"""Why an MO is not queued (hmi.domain.mapping) and why a batch is held before reporting.

Each refusal names the MO, the component or field, and the reason; where the operator or the
integrator can do something, it says what.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # A refusal as a whole, and the warning the fetch logs once per refusal.
    "mapping.refused": ("{reasons:list}", "{reasons:list}"),
    "mapping.not_queued": ("Not queued: {reason}", "Tidak dimasukkan ke antrean: {reason}"),
    "mapping.retry_changed": (
        "{mo} changed in Odoo and is checked again",
        "{mo} berubah di Odoo dan diperiksa lagi",
    ),
    # The order itself.
    "mapping.already_queued": ("{mo}: already in the queue", "{mo}: sudah ada di antrean"),
    "mapping.already_archived": (
        "{mo}: already reported or cancelled on this line (in the history); "
        "it is never queued again",
        "{mo}: sudah dilaporkan atau dibatalkan di lini ini (ada di riwayat); "
        "tidak akan dimasukkan ke antrean lagi",
    ),
    "mapping.no_components": (
        "{mo}: has no component left to dose",
        "{mo}: tidak ada bahan yang tersisa untuk ditimbang",
    ),
    "mapping.state": (
        "{mo}: is '{state}' in Odoo; only confirmed or in-progress orders are queued",
        "{mo}: berstatus '{state}' di Odoo; hanya order yang sudah dikonfirmasi atau sedang "
        "berjalan yang dimasukkan ke antrean",
    ),
    "mapping.in_progress": (
        "{mo}: Odoo has already started it ({progress:list}); in-progress orders are refused "
        "(setting in_progress_policy = refuse): finish it in Odoo, or let the HMI dose the "
        "remainder (in_progress_policy = remainder)",
        "{mo}: sudah dimulai di Odoo ({progress:list}); order yang sedang berjalan ditolak "
        "(pengaturan in_progress_policy = refuse): selesaikan di Odoo, atau biarkan HMI "
        "menimbang sisanya (in_progress_policy = remainder)",
    ),
    "mapping.progress.consumed": (
        "{quantity:num} {uom} of {component} already consumed",
        "{quantity:num} {uom} {component} sudah terpakai",
    ),
    "mapping.progress.done_move": (
        "{component} already consumed in full",
        "{component} sudah terpakai seluruhnya",
    ),
    "mapping.progress.produced": (
        "{quantity:num} {uom} already produced",
        "{quantity:num} {uom} sudah diproduksi",
    ),
    "mapping.progress.producing": (
        "{quantity:num} {uom} being produced",
        "{quantity:num} {uom} sedang diproduksi",
    ),
    "mapping.progress.state": ("state '{state}'", "status '{state}'"),
    "mapping.tracked_product": (
        "{mo}: the product {product} is tracked by {tracking}; the HMI gives Odoo no lot or "
        "serial number (setting tracked_policy = refuse)",
        "{mo}: produk {product} dilacak dengan {tracking}; HMI tidak memberi Odoo nomor lot "
        "atau nomor seri (pengaturan tracked_policy = refuse)",
    ),
    "mapping.tracked_component": (
        "{mo}: component {component} is tracked by {tracking}; the HMI gives Odoo no lot or "
        "serial number (setting tracked_policy = refuse)",
        "{mo}: bahan {component} dilacak dengan {tracking}; HMI tidak memberi Odoo nomor lot "
        "atau nomor seri (pengaturan tracked_policy = refuse)",
    ),
    "mapping.tracking.lot": ("lot", "lot"),
    "mapping.tracking.serial": ("serial number", "nomor seri"),
    "mapping.tracking.other": ("a tracking the HMI does not know", "pelacakan yang tidak dikenal"),
    "mapping.byproduct": (
        "{mo}: has {count} by-product(s); the HMI reports no by-product quantity "
        "(setting byproduct_policy = refuse)",
        "{mo}: memiliki {count} produk sampingan; HMI tidak melaporkan jumlah produk sampingan "
        "(pengaturan byproduct_policy = refuse)",
    ),
    "mapping.workorders": (
        "{mo}: has {count} open work order(s) that Odoo wants processed first "
        "(setting workorder_policy = refuse)",
        "{mo}: memiliki {count} perintah kerja terbuka yang harus diproses dulu di Odoo "
        "(pengaturan workorder_policy = refuse)",
    ),
    # Names for the PLC's text fields.
    "mapping.name_unfit": (
        "{mo}: the {field} '{text}' {problems:list}: it would be written as '{shown}' "
        "(name policy {policy})",
        "{mo}: {field} '{text}' {problems:list}: akan ditulis sebagai '{shown}' "
        "(kebijakan nama {policy})",
    ),
    "mapping.name.not_ascii": ("is not plain ASCII", "bukan ASCII biasa"),
    "mapping.name.too_long": (
        "has {length} characters (the PLC field holds {limit})",
        "terdiri dari {length} karakter (kolom PLC memuat {limit})",
    ),
    "mapping.field.mo_name": ("MO name", "nama MO"),
    "mapping.field.bom_name": ("BoM name", "nama BoM"),
    "mapping.field.product_name": ("product name", "nama produk"),
    # Components: reference, equipment, unit.
    "mapping.no_reference": (
        "{mo}: component '{component}' has no internal reference in Odoo: give the product one",
        "{mo}: bahan '{component}' tidak memiliki referensi internal di Odoo: isi referensinya",
    ),
    "mapping.no_equipment": (
        "{mo}: no silo or tank holds {component}: add it to the equipment table",
        "{mo}: tidak ada silo atau tangki yang berisi {component}: tambahkan ke tabel peralatan",
    ),
    "mapping.shared_equipment": (
        "{mo}: two components on {equipment} ({equipment_id}): {component} and {other}",
        "{mo}: dua bahan di {equipment} ({equipment_id}): {component} dan {other}",
    ),
    "mapping.volume_without_density": (
        "{mo}: component {component} is counted in {uom}, a volume, and no density is "
        "configured for {equipment}: add density_kg_per_l to the equipment table",
        "{mo}: bahan {component} dihitung dalam {uom}, satuan volume, dan massa jenis untuk "
        "{equipment} belum diatur: tambahkan density_kg_per_l di tabel peralatan",
    ),
    "mapping.unit_not_weight": (
        "{mo}: component {component} is counted in {uom}, which is neither a weight nor a "
        "volume: the PLC doses kilograms",
        "{mo}: bahan {component} dihitung dalam {uom}, yang bukan satuan berat maupun volume: "
        "PLC menimbang dalam kilogram",
    ),
    "mapping.order_unit_not_weight": (
        "{mo}: the order is counted in {uom}, which is not a weight: the PLC doses kilograms",
        "{mo}: order dihitung dalam {uom}, yang bukan satuan berat: PLC menimbang dalam kilogram",
    ),
    # Quantities.
    "mapping.component_not_positive": (
        "{mo}: component {component} has {kg:kg} to dose (must be more than 0)",
        "{mo}: bahan {component} berjumlah {kg:kg} untuk ditimbang (harus lebih dari 0)",
    ),
    "mapping.component_over_field": (
        "{mo}: component {component} {kg:kg} is more than the PLC field holds ({limit:kg})",
        "{mo}: bahan {component} {kg:kg} melebihi kapasitas kolom PLC ({limit:kg})",
    ),
    "mapping.order_not_positive": (
        "{mo}: the quantity to produce is {quantity:num} {uom} (must be more than 0)",
        "{mo}: jumlah yang diproduksi {quantity:num} {uom} (harus lebih dari 0)",
    ),
    "mapping.order_over_field": (
        "{mo}: {kg:kg} to produce is more than the PLC field holds ({limit:kg})",
        "{mo}: {kg:kg} yang akan diproduksi melebihi kapasitas kolom PLC ({limit:kg})",
    ),
    "mapping.over_capacity": (
        "{mo}: {kg:kg} to produce is more than the line's largest batch ({limit:kg}, setting "
        "max_batch_kg): split the order in Odoo",
        "{mo}: {kg:kg} yang akan diproduksi melebihi batch terbesar lini ini ({limit:kg}, "
        "pengaturan max_batch_kg): pecah order di Odoo",
    ),
    "mapping.sum_mismatch": (
        "{mo}: the components add up to {components:kg}, the order says {quantity:num} {uom} "
        "= {order:kg} (more than {tolerance:num} % apart): check the BoM or the order in Odoo",
        "{mo}: jumlah bahan {components:kg}, sedangkan order {quantity:num} {uom} "
        "= {order:kg} (selisih lebih dari {tolerance:num} %): periksa BoM atau order di Odoo",
    ),
    # The check before reporting (hmi.domain.consumption).
    "consumption.held": (
        "{mo}: the BoM's consumption is '{mode}' and the dosed quantities differ from what Odoo "
        "expects for {produced:kg} produced: {lines:list}. Nothing was reported to Odoo: "
        "settle the consumption in Odoo, then press Retry, or cancel the batch",
        "{mo}: konsumsi BoM '{mode}' dan jumlah yang ditimbang berbeda dari yang diharapkan "
        "Odoo untuk {produced:kg} hasil produksi: {lines:list}. Tidak ada yang dilaporkan ke "
        "Odoo: selesaikan konsumsinya di Odoo, lalu tekan Ulangi, atau batalkan batch",
    ),
    "consumption.line": (
        "{product}: Odoo {expected:kg}, PLC {actual:kg}",
        "{product}: Odoo {expected:kg}, PLC {actual:kg}",
    ),
    "consumption.done_in_odoo": (
        "{mo} was settled in Odoo meanwhile: archived without reporting",
        "{mo} sudah diselesaikan di Odoo: diarsipkan tanpa dilaporkan",
    ),
}
