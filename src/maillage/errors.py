"""One error hierarchy; every message says what happened and what to do.

Codes are stable: E0xx input, E1xx store and environment, E2xx usage, E3xx NLP/model,
E4xx curation, E500 a bug. Store errors are raised by `store.faults` in place of the
driver's exceptions, so every caller sees the same types on SQLite and PostgreSQL.
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


class UnsupportedDatabase(UsageError):
    code = "E210"


class InvalidSetting(UsageError):
    code = "E211"


class EngineUnavailable(UsageError):
    """An extraction engine whose optional dependency is not installed (Ray)."""

    code = "E212"


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


class TooDeep(MalformedInput):
    """JSON nested deeper than any article needs (a recursion bomb)."""

    code = "E011"


class NotRegularFile(UnreadablePath):
    """A FIFO, device or socket: reading it could block forever or never end."""

    code = "E012"


class LineTooLong(MalformedInput):
    """A header line of a WARC record longer than any real header."""

    code = "E013"


class WrongLength(MalformedInput):
    """A WARC record whose Content-Length runs past the end of the file."""

    code = "E014"


class TrailingData(InputError):
    """Bytes after the end of a compressed stream; what came before was read."""

    code = "E015"


class StoreError(MaillageError):
    """The database or the environment cannot do what was asked; nothing was half-written."""

    code = "E100"


class MissingDatabase(StoreError):
    """A command that only reads was pointed at a database that does not exist."""

    code = "E160"
    exit_code = 2


class TransientStoreError(StoreError):
    """A conflict with another writer that the same operation may overcome when retried."""


class DatabaseLocked(TransientStoreError):
    code = "E101"


class DiskFull(StoreError):
    code = "E102"


class ReadOnlyDatabase(StoreError):
    code = "E103"


class NotADatabase(StoreError):
    code = "E104"


class NewerSchema(StoreError):
    code = "E105"


class CannotOpenDatabase(StoreError):
    code = "E106"


class WriteConflict(TransientStoreError):
    """A deadlock or serialization failure between concurrent transactions (PostgreSQL)."""

    code = "E107"


class DamagedDatabase(StoreError):
    code = "E108"


class UnstorableText(StoreError):
    """Text the database refuses (a NUL character on PostgreSQL)."""

    code = "E109"


class InternalError(MaillageError):
    """A bug: anything that is not one of the errors above."""

    code = "E500"


class ModelError(MaillageError):
    code = "E300"


class ExtractionFailed(ModelError):
    """One document broke a rule: it is stored without facts and listed in the quarantine."""

    code = "E301"


class WorkerDied(ModelError):
    """The worker extracting a document died twice: the document is quarantined, not stored."""

    code = "E302"


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
