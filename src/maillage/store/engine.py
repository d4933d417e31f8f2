"""Database connections: SQLite tuned for one writer, PostgreSQL via psycopg 3, migrations
serialized between processes, driver errors translated (`faults`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..errors import NewerSchema, UnsupportedDatabase
from . import faults

MIGRATIONS = Path(__file__).parent / "migrations"
_DRIVERS = {"sqlite": ("sqlite", "sqlite+pysqlite"), "postgresql": ("postgresql+psycopg",)}
_URL_HINT = "Use a SQLite file (graph.db, sqlite:///graph.db) or postgresql+psycopg://USER@HOST/DB."


def normalize_url(url: str) -> str:
    """Accept a bare file path or postgres URL and return a SQLAlchemy URL maillage can use."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    scheme = url.split("://", 1)[0].lower()
    if scheme not in (name for names in _DRIVERS.values() for name in names):
        raise UnsupportedDatabase(f"maillage cannot store a graph in '{scheme}://'.", _URL_HINT)
    return url


def connect(url: str, busy_timeout_ms: int = 30_000, upgrade: bool = True) -> Engine:
    """An engine for `url` with the schema migrated to the newest version (unless not
    `upgrade`: `maillage db check` looks without changing anything)."""
    url = normalize_url(url)
    try:
        engine = create_engine(make_url(url), pool_pre_ping=True, **_options(url))
    except (ArgumentError, ValueError) as exc:
        raise UnsupportedDatabase(f"'{url}' is not a database URL ({exc}).", _URL_HINT) from exc
    faults.install(engine, busy_timeout_ms)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine, busy_timeout_ms)
    else:
        _tune_postgresql(engine, busy_timeout_ms)
    if upgrade:
        migrate(engine)
    return engine


def _options(url: str) -> dict[str, Any]:
    if url.startswith("postgresql"):
        return {"connect_args": {"connect_timeout": 10}}
    return {}


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # first, so that the journal_mode change below waits for a concurrent opener too
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _tune_postgresql(engine: Engine, lock_timeout_ms: int) -> None:
    """A lock held by another session is waited for as long as SQLite would wait, then
    reported (E101) instead of blocking forever."""

    @event.listens_for(engine, "connect")
    def _session(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")
        dbapi_connection.commit()


def _scripts() -> tuple[Config, ScriptDirectory]:
    config = _alembic_config()
    return config, ScriptDirectory.from_config(config)


def head_revision() -> str:
    """The newest schema revision this maillage knows."""
    head = _scripts()[1].get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (recorded in alembic_version). Processes that
    open a database at the same time migrate it one after the other: PostgreSQL under an
    advisory lock, SQLite under its exclusive lock on the database file."""
    config, scripts = _scripts()
    if _current(engine, scripts) == scripts.get_current_head():
        return  # the usual case: no lock taken, so read-only files and busy stores open
    with engine.begin() as connection:
        _lock_for_migration(connection)
        if _current(connection, scripts) != scripts.get_current_head():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _lock_for_migration(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('maillage.migrate.' || current_schema()))")
        )
    else:  # waits for the busy timeout while another process migrates
        connection.exec_driver_sql("BEGIN EXCLUSIVE")


def _current(bind: Engine | Connection, scripts: ScriptDirectory) -> str | None:
    """The schema revision recorded in the database; a revision this maillage does not
    know means a newer maillage wrote it."""
    version = _recorded_version(bind)
    if version is not None and version not in {s.revision for s in scripts.walk_revisions()}:
        raise NewerSchema(
            f"the database has schema version {version}, written by a newer maillage "
            f"(this one knows up to {scripts.get_current_head()}).",
            "Upgrade maillage (pip install -U maillage), or use another --db.",
        )
    return version


def _recorded_version(bind: Engine | Connection) -> str | None:
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return _recorded_version(connection)
    if not inspect(bind).has_table("alembic_version"):
        return None
    return bind.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def schema_version(engine: Engine) -> str | None:
    return _recorded_version(engine)


def lock_writes(connection: Connection) -> None:
    """Take the database's writer lock at the start of a write transaction, so that
    concurrent writers queue in one order instead of deadlocking on each other's rows:
    a transaction-scoped advisory lock on PostgreSQL, SQLite's write lock (BEGIN IMMEDIATE)
    there. Released at commit or rollback."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('maillage.write.' || current_schema()))")
        )
    elif not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def schema_status(engine: Engine) -> tuple[str | None, str, bool]:
    """(recorded revision, newest revision, up to date); a newer schema is `NewerSchema`."""
    _, scripts = _scripts()
    current = _current(engine, scripts)
    head = head_revision()
    return current, head, current == head
