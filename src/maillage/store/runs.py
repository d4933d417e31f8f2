"""The runs table: each ingest and reprocess records that it started, how far it got and
that it finished, so that one killed half-way is found by the next command."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from .repository import Store
from .schema import runs

EXTRACTING = "extracting"
CONSOLIDATING = "consolidating"


@dataclass(slots=True)
class Run:
    id: int
    command: str
    stage: str
    cursor: str | None
    host: str
    pid: int


def start(store: Store, command: str) -> int:
    """Record a run of `command` by this process; return its id."""
    row = {
        "command": command,
        "stage": EXTRACTING,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started_at": datetime.now(UTC),
    }
    with store.engine.begin() as connection:
        key = connection.execute(insert(runs).values(row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def set_stage(store: Store, run: int, stage: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(update(runs).where(runs.c.id == run).values(stage=stage))


def move_cursor(connection: Connection, run: int, cursor: str) -> None:
    """Inside a batch's transaction: the batch and the run's progress commit together."""
    connection.execute(update(runs).where(runs.c.id == run).values(cursor=cursor))


def finish(store: Store, run: int, outcome: str = "done") -> None:
    with store.engine.begin() as connection:
        values = {"finished_at": datetime.now(UTC), "outcome": outcome}
        connection.execute(update(runs).where(runs.c.id == run).values(**values))


def claim(store: Store, run: Run) -> bool:
    """Make this process the owner of an interrupted run, unless another process claimed
    it first; a claimer that dies in turn leaves it interrupted again."""
    mine = {"host": socket.gethostname(), "pid": os.getpid()}
    with store.engine.begin() as connection:
        claimed = connection.execute(
            update(runs)
            .where(runs.c.id == run.id, runs.c.host == run.host, runs.c.pid == run.pid)
            .where(runs.c.finished_at.is_(None))
            .values(**mine)
        )
        return claimed.rowcount == 1


def interrupted(store: Store) -> list[Run]:
    """Unfinished runs whose process is gone (on this host; a run of another host counts as
    alive, since its process cannot be seen from here), oldest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(runs).where(runs.c.finished_at.is_(None)).order_by(runs.c.id)
        ).all()
    found = [Run(r.id, r.command, r.stage, r.cursor, r.host, r.pid) for r in rows]
    return [run for run in found if not _alive(run)]


def _alive(run: Run) -> bool:
    if run.host != socket.gethostname():
        return True
    if run.pid == os.getpid():
        return False  # a run of this very process that is not finished is not running
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(run.pid)


def _zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still answers kill(0)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
