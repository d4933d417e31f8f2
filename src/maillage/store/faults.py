"""Database failures as maillage errors, and retries of the transient ones.

Every engine maillage opens translates the driver's exceptions (sqlite3, psycopg) into the
`StoreError` types of `maillage.errors` at the point they are raised, so the CLI, the API
and the library see one short error with a code and what to do, on either backend. Writes
that met a lock or a deadlock are retried with backoff by `retrying` before the error
reaches the user.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, event

from ..errors import (
    CannotOpenDatabase,
    DamagedDatabase,
    DatabaseLocked,
    DiskFull,
    NotADatabase,
    ReadOnlyDatabase,
    StoreError,
    TransientStoreError,
    UnstorableText,
    WriteConflict,
)

T = TypeVar("T")
ATTEMPTS = 5
_BACKOFF_S = 0.05
_PATIENCE_S = 1.0  # a lock error that came later than this already waited its busy timeout

_LOCKED_HINT = "Another maillage command is writing; run this one again when it is done."
_FULL_HINT = "Free some space, then run the same command again: this transaction was not kept."


def install(engine: Engine, busy_timeout_ms: int) -> None:
    """Make `engine` raise maillage's store errors instead of the driver's."""
    where = engine.url.render_as_string(hide_password=True)

    @event.listens_for(engine, "handle_error")
    def _translate(context: Any) -> None:
        if context.is_pre_ping:  # a dropped pooled connection: SQLAlchemy reconnects
            return
        error = translate(context.original_exception, where, busy_timeout_ms)
        if error is not None:
            raise error from context.original_exception


def translate(exc: BaseException, where: str, busy_timeout_ms: int = 0) -> StoreError | None:
    """The maillage error for a driver exception, or None when it is not about the store
    or the environment (a constraint violation is the caller's business)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return _sqlite(code & 0xFF, str(exc), where, busy_timeout_ms)
    if type(exc).__module__.startswith("psycopg"):
        return _postgresql(exc, where)
    return None


def _sqlite(primary: int, message: str, where: str, busy_timeout_ms: int) -> StoreError | None:
    waited = f" (waited {busy_timeout_ms / 1000:g} s)" if busy_timeout_ms else ""
    errors: dict[int, Callable[[], StoreError]] = {
        5: lambda: DatabaseLocked(f"the database {where} is locked{waited}.", _LOCKED_HINT),
        6: lambda: DatabaseLocked(f"a table of {where} is locked{waited}.", _LOCKED_HINT),
        8: lambda: ReadOnlyDatabase(
            f"the database {where} is read-only.",
            "Check the permissions of the file and of its folder (SQLite writes a -wal file "
            "beside it), or copy it somewhere writable.",
        ),
        10: lambda: DiskFull(
            f"cannot write the database {where} ({message}): the disk is full, a file size "
            "limit was reached, or the disk is failing.",
            _FULL_HINT,
        ),
        11: lambda: DamagedDatabase(
            f"the database file {where} is damaged ({message}).",
            "Restore it from a backup, or build a new one: ingest the articles again and "
            "import your last export.",
        ),
        13: lambda: DiskFull(f"the disk holding {where} is full.", _FULL_HINT),
        14: lambda: CannotOpenDatabase(
            f"cannot open the database {where}.",
            "Check the --db path: its folder must exist and be writable.",
        ),
        26: lambda: NotADatabase(
            f"{where} is not a SQLite database.",
            "Give the path of a maillage database with --db, or a new file name to create one.",
        ),
    }
    make = errors.get(primary)
    return make() if make else None


def _postgresql(exc: BaseException, where: str) -> StoreError | None:
    state = getattr(exc, "sqlstate", None) or ""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if state in ("40P01", "40001"):
        return WriteConflict(
            f"a concurrent write conflicted with this one ({message}).", _LOCKED_HINT
        )
    if state in ("55P03", "55006"):
        return DatabaseLocked(f"{where}: a lock is held by another session.", _LOCKED_HINT)
    if state == "53100":
        return DiskFull(f"the PostgreSQL server of {where} has no disk space left.", _FULL_HINT)
    if state in ("25006", "42501"):
        return ReadOnlyDatabase(
            f"{where} refuses writes ({message}).",
            "Use a database user that may write, or a server that is not a read-only replica.",
        )
    if "NUL (0x00)" in message:
        return UnstorableText(
            "a text holds a NUL character, which PostgreSQL cannot store.",
            "Remove NUL characters from the input; maillage's readers drop them.",
        )
    if state.startswith(("08", "28", "3D", "57P")) or (
        not state and type(exc).__name__ == "OperationalError"
    ):
        return CannotOpenDatabase(
            f"cannot use the PostgreSQL database {where} ({message}).",
            "Check the --db URL (user, host, port, database name) and that the server runs.",
        )
    return None


def retrying(operation: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run `operation` (one whole transaction) again when it met a deadlock or a lock that
    was refused at once, with exponential backoff and jitter; after `attempts` tries, or a
    lock that SQLite already waited its busy timeout for, the store error goes up."""
    for attempt in range(1, attempts + 1):
        started = time.monotonic()
        try:
            return operation()
        except TransientStoreError as error:
            waited = time.monotonic() - started
            if attempt == attempts or (isinstance(error, DatabaseLocked) and waited > _PATIENCE_S):
                raise
            time.sleep(_BACKOFF_S * 2**attempt * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover
