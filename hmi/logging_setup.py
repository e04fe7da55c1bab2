"""Logging to the console and a rotating file in the user's data folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from platformdirs import user_log_dir

APP_NAME = "feedmill-batch-hmi"
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class PlantTimeFormatter(logging.Formatter):
    """Log times in the plant's zone with its UTC offset ('2026-07-15 00:30:00,123+0200'),
    so a line read after a daylight-saving change is never ambiguous."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        from datetime import UTC, datetime

        from hmi.domain.localtime import to_local

        moment = to_local(datetime.fromtimestamp(record.created, UTC))
        text = moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S")
        return f"{text},{int(record.msecs):03d}{moment.strftime('%z')}"


def default_log_dir() -> Path:
    """Folder for the HMI's log files: `$HMI_LOG_DIR` if set, else the user's log folder."""
    env = os.environ.get("HMI_LOG_DIR")
    return Path(env) if env else Path(user_log_dir(APP_NAME, appauthor=False))


def setup_logging(
    level: int = logging.INFO, log_dir: Path | None = None, console: bool = True
) -> Path:
    """Install a rotating file handler (5 × 2 MB) and a console handler; return the log file."""
    folder = log_dir or default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "hmi.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_hmi_owned", False):
            root.removeHandler(handler)
            handler.close()
    formatter = PlantTimeFormatter(LOG_FORMAT)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._hmi_owned = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    # Alembic names each plugin it sets up at INFO on every start: noise in the panel's log
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return log_file
