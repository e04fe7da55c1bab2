"""Named crash points for the crash-recovery tests: SIGKILL this process at a chosen step.

Set `HMI_CRASHPOINT=<name>` in the environment of an HMI process and it kills itself
the first time it reaches that step — exactly what a power cut does to a panel PC.
Without the variable a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

#: The steps a test may name, in the order the engine reaches them.
CRASHPOINTS = (
    "fetch.after_commit",  # batches committed as queued, PLC not yet written
    "fetch.after_plc_write",  # PLC written and ready flag cleared, batches not yet `sent`
    "sync.after_store_finished",  # actuals stored as finished, PLC not yet acknowledged
    "manual.after_store",  # a manual weighing stored and booked, PLC not yet acknowledged
    "complete.after_odoo_write",  # Odoo accepted the consumption, mark-done not yet called
    "complete.after_odoo_done",  # Odoo marked the MO done, batch not yet archived
)


def crashpoint(name: str) -> None:
    """Kill this process with SIGKILL if HMI_CRASHPOINT names this step."""
    if os.environ.get("HMI_CRASHPOINT") != name:
        return
    kill = getattr(signal, "SIGKILL", None)
    if kill is None:  # Windows has no SIGKILL: the closest is an immediate exit
        os._exit(137)
    os.kill(os.getpid(), kill)
