"""Exports of the graph: one module per format, one entry point that picks the writer."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import UsageError
from ..filters import EntityFilter, FactFilter
from ..settings import Settings
from ..store import Store
from .selection import Neighbourhood, Selection, select_for_export

FORMATS = (
    "json", "csv", "xlsx", "graphml", "jsonld", "turtle", "quickstatements", "vocabulary",
)  # fmt: skip
DELIMITERS = (",", ";", "\t")


@dataclass(slots=True)
class ExportRequest:
    """What to export, how, and where (`output` None means standard output)."""

    format: str = "json"
    output: Path | None = None
    fact_filter: FactFilter = field(default_factory=FactFilter)
    bom: bool = False
    base_iri: str = field(default_factory=lambda: Settings().base_iri)
    delimiter: str = ","
    drop_isolated: bool = False
    entity_filter: EntityFilter = field(default_factory=EntityFilter)

    def __post_init__(self) -> None:
        if self.format == "csv" and self.output is not None and self.output.suffix == ".xlsx":
            self.format = "xlsx"
        if self.format not in FORMATS:
            raise UsageError(
                f"unknown export format '{self.format}'.", f"Use one of {', '.join(FORMATS)}."
            )
        if self.format in ("csv", "xlsx") and self.output is None:
            needs = "-o FOLDER or -o FILE.zip" if self.format == "csv" else "-o FILE.xlsx"
            raise UsageError(f"the {self.format} export needs {needs}.")
        if self.delimiter not in DELIMITERS:
            raise UsageError(
                f"the CSV delimiter cannot be {self.delimiter!r}.", "Use ',', ';' or a tab."
            )


@dataclass(slots=True)
class ExportResult:
    """Counts of what was written, and lines worth telling the user."""

    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


def export(
    store: Store,
    request: ExportRequest,
    stdout: TextIO | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> ExportResult:
    """Write the graph (or the part the request's filter selects) in the requested format
    to `request.output`, or to `stdout` (default sys.stdout)."""
    stdout = stdout or sys.stdout
    if request.format == "vocabulary":
        from .rdf import vocabulary

        with _text(request.output, stdout) as out:
            out.write(vocabulary())
        return ExportResult({})
    if request.format == "quickstatements":
        return _quickstatements(store, request, stdout, neighbourhood)
    selection = select_for_export(store, request.fact_filter, neighbourhood, request.entity_filter)
    if request.format == "csv":
        from .csv import write_csv

        assert request.output is not None
        counts = write_csv(store, request.output, selection, request.bom, request.delimiter)
        return ExportResult(counts)
    if request.format == "xlsx":
        from .xlsx import write_xlsx

        assert request.output is not None
        return ExportResult(*write_xlsx(store, request.output, selection))
    with _text(request.output, stdout) as out:
        return ExportResult(_writer(request)(store, out, selection))


Writer = Callable[[Store, TextIO, Selection], dict[str, int]]


def _writer(request: ExportRequest) -> Writer:
    from .graphml import write_graphml
    from .json import write_json
    from .rdf import write_jsonld, write_turtle

    base = request.base_iri
    writers: dict[str, Writer] = {
        "json": write_json,
        "graphml": lambda store, out, sel: write_graphml(store, out, sel, request.drop_isolated),
        "jsonld": lambda store, out, sel: write_jsonld(store, out, base, sel),
        "turtle": lambda store, out, sel: write_turtle(store, out, base, sel),
    }
    return writers[request.format]


def _quickstatements(
    store: Store, request: ExportRequest, stdout: TextIO, neighbourhood: Neighbourhood | None
) -> ExportResult:
    from .quickstatements import write_quickstatements

    side = skipped_path(request.output) if request.output else None
    with _text(request.output, stdout) as out, _side(side) as skipped:
        report = write_quickstatements(
            store, out, request.fact_filter, skipped, neighbourhood, request.entity_filter
        )
    notes = [f"skipped {n} facts: {reason}" for reason, n in report.skipped.most_common()]
    if side is not None:
        notes.append(f"skipped facts listed in {side}")
    return ExportResult({"statements": report.lines, "facts": report.facts}, notes)


def skipped_path(output: Path) -> Path:
    """Where the QuickStatements export lists the facts it skipped: OUT.skipped.tsv."""
    return output.with_name(output.name + ".skipped.tsv")


@contextmanager
def _text(path: Path | None, default: TextIO) -> Iterator[TextIO]:
    if path is None:
        yield default
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


@contextmanager
def _side(path: Path | None) -> Iterator[TextIO | None]:
    if path is None:
        yield None
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle
