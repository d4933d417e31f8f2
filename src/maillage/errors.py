"""One error hierarchy; every message says what happened and what to do.

Codes are stable: E0xx input, E1xx store, E2xx usage, E3xx NLP/model, E4xx curation.
"""

from __future__ import annotations


class MaillageError(Exception):
    """Base of every error maillage raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} {self.hint}" if self.hint else text


class UsageError(MaillageError):
    """The user asked for something that cannot be done as asked."""

    code = "E200"
    exit_code = 2


class NotFoundError(UsageError):
    code = "E201"


class InvalidDate(UsageError):
    """A date given to a filter is not YYYY, YYYY-MM or YYYY-MM-DD with a real month and day."""

    code = "E240"


class InputError(MaillageError):
    """One input item (file, line, record) cannot be read; it is quarantined."""

    code = "E001"

    def __init__(self, message: str, hint: str = "", position: str = "") -> None:
        self.position = position
        super().__init__(message, hint)


class EmptyInput(InputError):
    code = "E002"


class BinaryInput(InputError):
    code = "E003"


class DecodingFailed(InputError):
    code = "E004"


class TooLarge(InputError):
    code = "E005"


class MalformedInput(InputError):
    code = "E006"


class TruncatedInput(InputError):
    code = "E007"


class UnsafeInput(InputError):
    code = "E008"


class UnreadablePath(InputError):
    code = "E009"


class UnsupportedFile(InputError):
    code = "E010"


class StoreError(MaillageError):
    code = "E100"


class MissingDatabase(StoreError):
    """A command that only reads was pointed at a database that does not exist."""

    code = "E160"
    exit_code = 2


class ModelError(MaillageError):
    code = "E300"


class ExtractionFailed(ModelError):
    """One document broke a rule: it is stored without facts and listed in the quarantine."""

    code = "E301"


class CurationError(MaillageError):
    code = "E400"
    exit_code = 2


class UnknownTarget(CurationError):
    """A decision names a fact or entity the graph does not have."""

    code = "E401"


class InvalidEdit(CurationError):
    """A decision asks for a change the graph model does not allow."""

    code = "E402"


class AmbiguousReference(CurationError):
    """A name designates several entities."""

    code = "E403"
