"""Production wiring: settings → PLC link, Odoo link, store and equipment table → Engine."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine as DbEngine
from sqlalchemy.exc import OperationalError

from hmi.config import Settings
from hmi.domain.equipment import EquipmentTable, load_equipment_table
from hmi.domain.errors import ConfigError
from hmi.domain.messages import msg
from hmi.engine.engine import Engine
from hmi.engine.plant_files import EQUIPMENT_TABLE, config_dir_of, plant_file
from hmi.engine.ports import OdooPort, PlcPort
from hmi.engine.settings_check import SettingsCheck, check_settings
from hmi.odoo.connection import OdooFilters
from hmi.odoo.credentials import SecretStore
from hmi.odoo.link import OdooLink
from hmi.odoo.unconfigured import UnconfiguredOdooLink
from hmi.odoo.wizards import BackorderChoice, ConsumptionChoice, ImmediateChoice, WizardPolicy
from hmi.plc.link import PlcLink
from hmi.plc.unconfigured import UnconfiguredPlcLink
from hmi.store.database import default_database_url, migrate, open_database
from hmi.store.repository import QueueRepository

log = logging.getLogger("hmi.runtime")


@dataclass
class Runtime:
    """Everything one running HMI owns, so it can be closed in order."""

    engine: Engine
    database_url: str
    db_engine: DbEngine | None = None  # the store's SQLAlchemy engine (single-instance lock)

    async def stop(self) -> None:
        """Stop the engine, then close every database connection (files closed after this).

        Windows refuses to delete a file that is still open: an undisposed SQLite engine
        keeps `*.sqlite`, `-wal` and `-shm` open and the data folder cannot be removed.
        """
        try:
            await self.engine.stop()
        finally:
            if self.db_engine is not None:
                self.db_engine.dispose()


def load_equipment(settings: Settings, config_dir: Path | None = None) -> EquipmentTable:
    """The configured equipment table (without a configuration folder: the packaged one)."""
    return load_equipment_table(plant_file(settings, EQUIPMENT_TABLE, config_dir))


def odoo_secret(settings: Settings) -> str:
    """The Odoo password/API key from the configured keyring; ConfigError says what to do."""
    odoo = settings.odoo
    keyring_file = Path(odoo.keyring_file) if odoo.keyring_file else None
    store = SecretStore.from_setting(odoo.keyring_backend, keyring_file)
    return store.load(odoo.url, odoo.database, odoo.login)


def build_engine(
    settings: Settings,
    *,
    secret: str | None = None,
    database_url: str | None = None,
    settings_path: Path | None = None,
    check: SettingsCheck | None = None,
) -> Runtime:
    """Check the settings and plant files, open and migrate the database, build both links
    and the engine (not started).

    One validation (`check_settings`): line problems refuse the start (ConfigError listing
    them); a PLC-side problem gives an unconfigured PLC link (the Odoo side runs), an
    Odoo-side problem an unconfigured Odoo link (the PLC side runs), each with an alarm.
    With a settings file, the first start copies the packaged plant files beside it.
    """
    config_dir = config_dir_of(settings_path)
    if check is None:
        check = check_settings(settings, config_dir, install=settings_path is not None)
    if check.line or check.equipment is None:
        raise ConfigError(
            msg("settings.refused", problems=tuple(check.line))
            if check.line
            else msg("settings.no_equipment")
        )
    url = database_url or settings.database_url or default_database_url()
    db_engine = open_database(url)
    try:
        migrate(db_engine)
    except OperationalError as exc:
        db_engine.dispose()  # a failed start leaves no database file open
        where = db_engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise ConfigError(f"database {where} cannot be opened: {reason}") from exc
    except BaseException:
        db_engine.dispose()
        raise
    plc = _plc_link(settings, check)
    odoo: OdooPort
    if check.odoo:
        unset = msg("settings.problems", problems=tuple(check.odoo))
        log.error("Odoo side not configured: %s", unset)
        odoo = UnconfiguredOdooLink(unset)
    else:
        try:
            secret = secret if secret is not None else odoo_secret(settings)
        except ConfigError as exc:  # start anyway: the operator can watch and fix the settings
            log.error("Odoo link not configured: %s", exc)
            odoo = UnconfiguredOdooLink(exc.message)
        else:
            odoo = _odoo_link(settings, secret)
    engine = Engine(
        settings,
        plc,
        odoo,
        QueueRepository(db_engine),
        check.equipment,
        settings_path=settings_path,
    )
    return Runtime(engine=engine, database_url=url, db_engine=db_engine)


def _plc_link(settings: Settings, check: SettingsCheck) -> PlcPort:
    """The PLC link on the plant's register map, or an unconfigured one saying why."""
    if check.plc or check.register_map is None:
        reason = (
            msg("settings.problems", problems=tuple(check.plc))
            if check.plc
            else msg("settings.no_register_map")
        )
        log.error("PLC side not configured: %s", reason)
        return UnconfiguredPlcLink(reason)
    return PlcLink(
        settings.plc.host,
        settings.plc.port,
        unit_id=settings.plc.unit_id,
        register_map=check.register_map,
        timeout=settings.plc.timeout_s,
    )


def _odoo_link(settings: Settings, secret: str) -> OdooLink:
    """The Odoo link with the configured filters and wizard policy."""
    odoo_cfg = settings.odoo
    filters = OdooFilters(
        picking_type_ids=(odoo_cfg.picking_type_id,) if odoo_cfg.picking_type_id else (),
        workcenter_ids=(odoo_cfg.workcenter_id,) if odoo_cfg.workcenter_id else (),
        company_ids=(odoo_cfg.company_id,) if odoo_cfg.company_id else (),
    )
    return OdooLink(
        odoo_cfg.url,
        odoo_cfg.database,
        odoo_cfg.login,
        secret,
        timeout=odoo_cfg.timeout_s,
        filters=filters,
        api=odoo_cfg.api,
        wizard_policy=WizardPolicy(
            consumption=ConsumptionChoice(odoo_cfg.consumption_wizard),
            backorder=BackorderChoice(odoo_cfg.backorder_wizard),
            immediate=ImmediateChoice(odoo_cfg.immediate_wizard),
        ),
    )


def describe_config_error(exc: ConfigError) -> str:
    """One calm sentence for an operator when the HMI cannot start."""
    return f"The HMI cannot start: {exc}"
