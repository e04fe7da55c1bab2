"""Error classes shared by every layer; each carries a message fit for an operator."""

from __future__ import annotations

from hmi.domain.messages import Message, plain


class HmiError(Exception):
    """Base of every error the HMI raises on purpose.

    Raise it with a `Message` (a catalogue code and parameters) so the window can show it in
    the operator's language; plain text is accepted for words that are not ours (an Odoo
    server's own message). `str(err)` is English; `err.message` is the `Message`.
    """

    def __init__(self, message: Message | str = "", *args: object) -> None:
        self.message: Message = message if isinstance(message, Message) else plain(str(message))
        super().__init__(str(self.message), *args)


class ConfigError(HmiError):
    """A configuration or data file is invalid; the message names the file, the field and why."""


class ValidationError(HmiError):
    """An input value was refused; the message names the thing and the reason."""


class InvalidTransition(HmiError):
    """A batch was asked to move to a state its lifecycle does not allow."""


class LinkDownError(HmiError):
    """A link (PLC, Odoo, database) cannot be reached now; the caller retries later."""


class AuthenticationError(HmiError):
    """A server refused our credentials; the operator must fix the settings."""


class RefusedError(HmiError):
    """A server understood the request and refused it (a business error with its message)."""


class PlcDataError(HmiError):
    """Data read from the PLC is implausible; it is reported with the raw words, never guessed."""

    def __init__(self, message: Message | str, raw_words: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.raw_words = raw_words


class PlcNotReadyError(HmiError):
    """The PLC dropped its ready flag just before batches were to be written: nothing written."""


#: Modbus exception codes (Modbus Application Protocol v1.1b3, §7) -> message code of the name
MODBUS_EXCEPTIONS = {
    1: "modbus.exception.1",  # illegal function
    2: "modbus.exception.2",  # illegal data address
    3: "modbus.exception.3",  # illegal data value
    4: "modbus.exception.4",  # server device failure
    5: "modbus.exception.5",  # acknowledge
    6: "modbus.exception.6",  # server device busy
    8: "modbus.exception.8",  # memory parity error
    10: "modbus.exception.10",  # gateway path unavailable
    11: "modbus.exception.11",  # gateway target device failed to respond
}
#: Modbus function codes the HMI sends -> what they do, as a message code
MODBUS_FUNCTIONS = {
    3: "modbus.function.read",
    6: "modbus.function.write",
    16: "modbus.function.write",
}


class PlcRefusedError(PlcDataError):
    """The PLC answered a request with a refusal: it is there, but refuses the request.

    A Modbus exception response or a FINS end code other than 0000. The link becomes FAULTED
    (not down). `protocol`: "modbus" or "fins"; `operation`: "read" or "write"; `address`,
    `count`: the map words `address` .. `address + count - 1` asked for; `code`: the Modbus
    exception code (1–11) or the FINS end code (MRES << 8 | SRES, flag bits masked);
    `function`: the Modbus function code (3, 6, 16) or the FINS command (0x0101, 0x0102).
    """

    def __init__(
        self,
        message: Message | str,
        *,
        code: int,
        function: int,
        address: int,
        count: int,
        protocol: str = "modbus",
        operation: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.function = function
        self.address = address
        self.count = count
        self.protocol = protocol
        self.operation = operation or ("read" if function in (3, 0x0101) else "write")

    @property
    def exception_code(self) -> int:
        """The Modbus exception code (or FINS end code)."""
        return self.code

    @property
    def function_code(self) -> int:
        """The Modbus function code (or FINS command)."""
        return self.function

    @property
    def last(self) -> int:
        """The last word of the refused range."""
        return self.address + max(self.count, 1) - 1
