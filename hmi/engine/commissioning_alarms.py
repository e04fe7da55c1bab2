"""Alarms about the plant's configuration: a side that cannot run (bad settings or plant file)
and requests the PLC refuses (exception codes, FINS end codes), translated into the setting
to change. Called from `Engine.refresh` like `check_links`."""

from __future__ import annotations

from hmi.domain.messages import msg
from hmi.engine.context import EngineContext
from hmi.odoo.unconfigured import UnconfiguredOdooLink
from hmi.plc.refusals import explain_refusal
from hmi.plc.unconfigured import UnconfiguredPlcLink

#: alarm keys (kind "config": the side is not configured; kind "plc": the PLC refuses)
PLC_CONFIG = "config.plc"
ODOO_CONFIG = "config.odoo"
PLC_REFUSED = "plc.refused"


def check_commissioning(ctx: EngineContext) -> None:
    """Raise or clear the configuration and refusal alarms."""
    for key, link, code in (
        (PLC_CONFIG, ctx.plc, "config.plc_unusable"),
        (ODOO_CONFIG, ctx.odoo, "config.odoo_unusable"),
    ):
        if isinstance(link, UnconfiguredPlcLink | UnconfiguredOdooLink):
            ctx.raise_alarm(key, msg(code, reason=link.reason))
        else:
            ctx.clear_alarm(key)
    refusals = tuple(getattr(ctx.plc, "refusals", ()))
    capabilities = getattr(ctx.plc, "capabilities", None)
    if refusals and capabilities is not None:
        unit = (
            capabilities.unit_id if capabilities.unit_id is not None else ctx.settings.plc.unit_id
        )
        ctx.raise_alarm(PLC_REFUSED, explain_refusal(refusals[0], capabilities, unit))
    elif ctx.plc.state.up:
        ctx.clear_alarm(PLC_REFUSED)
