"""Settings problems (hmi.config, hmi.engine.settings_check): the setting, the reason, the value.

The reasons follow pydantic's error types (`settings.reason.<type>`, the table
`hmi.config.REASONS`); a setting's name stays as it is written in settings.toml.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "settings.problem": ("{setting}: {reason}", "{setting}: {reason}"),
    "settings.section_problem": ("{setting} {reason}", "{setting} {reason}"),
    "settings.problem_got": ("{setting}: {reason} (got {got})", "{setting}: {reason} (isi {got})"),
    "settings.problems": ("{problems:list}", "{problems:list}"),
    "settings.refused": (
        "The settings are refused: {problems:list}",
        "Pengaturan ditolak: {problems:list}",
    ),
    "settings.no_equipment": (
        "the equipment table was not loaded",
        "tabel peralatan tidak termuat",
    ),
    "settings.no_register_map": ("the register map was not loaded", "peta register tidak termuat"),
    "settings.copy_failed": (
        "The plant files cannot be copied to {folder}: {error}",
        "File pabrik tidak dapat disalin ke {folder}: {error}",
    ),
    "settings.equipment_unmapped": (
        "[batching] equipment_table: {path}: equipment {id} ({name}) has no position in the "
        "register map {map}",
        "[batching] equipment_table: {path}: peralatan {id} ({name}) tidak punya posisi di "
        "peta register {map}",
    ),
    "settings.equipment_kind": (
        "[batching] equipment_table: {path}: equipment {id} is a {kind} but the register map "
        "{map} has a {map_kind} there",
        "[batching] equipment_table: {path}: peralatan {id} adalah {kind} tetapi peta register "
        "{map} memiliki {map_kind} di sana",
    ),
    # -- the schema's reasons (hmi.config.REASONS, same words) ----------------------------------
    "settings.reason.int_type": ("expected a whole number", "harus bilangan bulat"),
    "settings.reason.float_type": ("expected a number", "harus angka"),
    "settings.reason.bool_type": ("expected true or false", "harus true atau false"),
    "settings.reason.string_type": ("expected text", "harus teks"),
    "settings.reason.literal_error": (
        "must be one of {expected}",
        "harus salah satu dari {expected}",
    ),
    "settings.reason.greater_than_equal": ("must be at least {ge}", "minimal {ge}"),
    "settings.reason.greater_than": ("must be above {gt}", "harus di atas {gt}"),
    "settings.reason.less_than_equal": ("must be at most {le}", "maksimal {le}"),
    "settings.reason.less_than": ("must be below {lt}", "harus di bawah {lt}"),
    "settings.reason.finite_number": ("must be a finite number", "harus angka terhingga"),
    "settings.reason.string_pattern_mismatch": ("must not be empty", "tidak boleh kosong"),
    "settings.reason.unexpected_keyword_argument": ("unknown setting", "pengaturan tidak dikenal"),
}
