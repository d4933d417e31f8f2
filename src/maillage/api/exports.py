"""Downloads of exactly what a listing shows: `GET /api/export` takes the listings' filters
and streams CSV (one table), JSON or GraphML as the CLI export writes them."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Annotated, Any, TextIO

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from ..export.csv import TABLES, tables, write_table
from ..export.graphml import write_graphml
from ..export.json import write_json
from ..export.selection import Selection, select_for_export
from ..store import Store
from .routes import EntityFilterDep, FilterDep, StoreDep

router = APIRouter(prefix="/api")

Format = StrEnum("Format", {f: f for f in ("csv", "json", "graphml")})  # type: ignore[misc]
Table = StrEnum("Table", {t: t for t in TABLES})  # type: ignore[misc]
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "graphml": "application/graphml+xml",
}
_CHUNK_CHARS = 64 * 1024
_QUEUED_CHUNKS = 8


@router.get(
    "/export",
    summary="Download the selection as CSV, JSON or GraphML (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}},
)
def export(
    db: StoreDep,
    filters: FilterDep,
    entity_filters: EntityFilterDep,
    format: Annotated[Format, Query()] = "csv",  # type: ignore[assignment]
    table: Annotated[Table, Query(description="csv: which of the four tables.")] = "facts",  # type: ignore[assignment]
    excel: Annotated[bool, Query(description="csv: ';' separated, with a BOM.")] = False,
) -> StreamingResponse:
    """The same selection as `/api/facts` with the same parameters (a fact filter naming an
    `entity` keeps the facts that touch it), written by the CLI's writers."""
    selection = select_for_export(db, filters, entity_filter=entity_filters)
    name = f"maillage-{table}.csv" if format == "csv" else f"maillage.{format}"
    return StreamingResponse(
        _stream(_writer(db, selection, str(format), str(table), excel)),
        media_type=MEDIA_TYPES[str(format)],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _writer(
    db: Store, selection: Selection, format: str, table: str, excel: bool
) -> Callable[[TextIO], Any]:
    if format == "json":
        return lambda out: write_json(db, out, selection)
    if format == "graphml":
        return lambda out: write_graphml(db, out, selection)

    def write_csv(out: TextIO) -> None:
        columns, rows = tables(db, selection)[table]
        if excel:
            out.write("\ufeff")
        write_table(out, columns, rows, ";" if excel else ",")

    return write_csv


class _Pipe:
    """A text file whose writes go, in chunks, to a bounded queue read by the response."""

    def __init__(self) -> None:
        self.chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(_QUEUED_CHUNKS)
        self.parts: list[str] = []
        self.size = 0
        self.closed = threading.Event()

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= _CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            self._put("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0

    def _put(self, item: bytes | BaseException | None) -> None:
        while not self.closed.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Disconnected()


class _Disconnected(Exception):
    """The client went away: the writer stops."""


def _stream(write: Callable[[TextIO], Any]) -> Iterator[bytes]:
    """Run the writer in a thread and yield what it writes as it writes it, so that memory
    stays bounded whatever the size of the export."""
    pipe = _Pipe()

    def run() -> None:
        try:
            write(pipe)  # type: ignore[arg-type]
            pipe.flush()
            pipe._put(None)
        except _Disconnected:
            return
        except BaseException as error:  # handed to the response, which stops the stream
            try:
                pipe._put(error)
            except _Disconnected:
                return

    threading.Thread(target=run, daemon=True, name="maillage-export").start()
    try:
        while (item := pipe.chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        pipe.closed.set()
