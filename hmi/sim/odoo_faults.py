"""Fault injection of the Odoo simulator: latency, HTTP 500, dropped connections, expired
sessions, refused logins and business errors on one MO, settable while the server runs."""

from __future__ import annotations

import threading

from hmi.sim.odoo_model import OdooModel


class Faults:
    """Faults to inject, settable from tests while the server runs (thread-safe)."""

    def __init__(self, model: OdooModel) -> None:
        self._lock = threading.Lock()
        self._model = model
        self.latency_s = 0.0
        self.refuse_logins = False
        self._http_500 = 0
        self._drops: list[tuple[bool, str | None]] = []
        self._expire = threading.Event()

    def http_500(self, n: int = 1) -> None:
        """Answer the next `n` requests with HTTP 500 (an HTML error page)."""
        with self._lock:
            self._http_500 += max(0, int(n))

    def drop_next(self, n: int = 1, *, processed: bool = True, method: str | None = None) -> None:
        """Close the connection without an answer on the next `n` requests (of `method` if given).

        processed=True: the call is executed first (its effects stay), as when a
        proxy or network drops the answer; False: the call is not executed.
        method: only calls of this model method (e.g. "button_mark_done") are dropped.
        """
        with self._lock:
            self._drops += [(processed, method)] * max(0, int(n))

    def expire_sessions(self) -> None:
        """Expire every session now; callers holding a session cookie must log in again."""
        self._expire.set()

    def refuse_report(self, mo_id: int, message: str | None) -> None:
        """Raise a UserError with `message` on write/button_mark_done of this MO (None clears)."""
        with self._model.lock:
            if message:
                self._model.report_refusals[int(mo_id)] = message
            else:
                self._model.report_refusals.pop(int(mo_id), None)

    def omit_field(self, model: str, field: str, on: bool = True) -> None:
        """Leave `field` out of every record `read`/`search_read` of `model` answers (an answer
        of a shape the HMI does not expect: a bug-shaped failure, not a link problem)."""
        with self._model.lock:
            fields = self._model.omitted_fields.setdefault(model, set())
            if on:
                fields.add(field)
            else:
                fields.discard(field)

    def take_http_500(self) -> bool:
        """Consume one pending HTTP 500."""
        with self._lock:
            if self._http_500:
                self._http_500 -= 1
                return True
            return False

    def take_drop(self, method: str) -> bool | None:
        """Consume a pending drop matching `method`: True (after processing), False, or None."""
        with self._lock:
            for index, (processed, wanted) in enumerate(self._drops):
                if wanted is None or wanted == method:
                    del self._drops[index]
                    return processed
            return None

    def take_expiry(self) -> bool:
        """True once after expire_sessions() was called."""
        if self._expire.is_set():
            self._expire.clear()
            return True
        return False
