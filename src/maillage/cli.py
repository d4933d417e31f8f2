"""The `maillage` command line: thin commands over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .errors import MaillageError
from .ingest import IngestReport, ingest
from .settings import Settings
from .store import Store

app = typer.Typer(
    help="maillage: a sourced, dated knowledge graph of who works with whom in higher education.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="MAILLAGE_DB", help="Database URL or SQLite file [default: maillage.db]."
    ),
]


def _settings(db: str | None, **overrides: object) -> Settings:
    return Settings.from_env(db=db, **overrides)


def _store(db: str | None) -> Store:
    settings = _settings(db)
    return Store.open(settings.db, settings.sqlite_busy_timeout_ms)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; '-' reads stdin.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Extraction worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 50,
) -> None:
    """Read articles (text, HTML, JSONL, WARC, gzip) and add what is new to the graph."""
    settings = _settings(db, workers=workers, batch_size=batch_size)
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    with _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        report = ingest(paths, settings, store, lambda n: progress.advance(task, n))
    _print_report(report, store)
    raise typer.Exit(report.exit_code)


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} items/s" if speed else "… items/s")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} items"),
        _RateColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )


def _print_report(report: IngestReport, store: Store) -> None:
    for item in report.quarantined:
        where = f"{item.source}" + (f" ({item.position})" if item.position else "")
        errors.print(f"[yellow]quarantined[/] {escape(where)}: {escape(item.reason)}")
    stats = store.stats()
    console.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, "
        f"quarantined {len(report.quarantined)} in {report.seconds:.1f} s "
        f"({report.documents_per_second:.1f} documents/s)"
    )
    graph = ", ".join(f"{stats[name]} {name}" for name in ("documents", "entities", "facts"))
    console.print(f"graph: {graph}")


@app.command("export")
def export_command(
    db: DbOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json, csv, graphml, jsonld, turtle, quickstatements or vocabulary.",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="File to write [default: stdout]; csv: a folder or a .zip."
        ),
    ] = None,
    entity: Annotated[
        str | None, typer.Option(help="Only the neighbourhood of this entity (id or name).")
    ] = None,
    depth: Annotated[int, typer.Option(help="Hops around --entity (1 to 3).")] = 1,
    predicate: Annotated[
        list[str] | None, typer.Option(help="Only these predicates (repeatable).")
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option(help="Only these event kinds (repeatable).")
    ] = None,
    status: Annotated[list[str] | None, typer.Option(help="done or planned (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="Facts dated from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Facts dated until (YYYY[-MM[-DD]]).")] = None,
    min_confidence: Annotated[float, typer.Option(help="Lowest confidence kept.")] = 0.0,
    curated_only: Annotated[
        bool, typer.Option("--curated-only", help="Only facts a curator accepted or edited.")
    ] = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="csv: start files with a UTF-8 byte-order mark.")
    ] = False,
) -> None:
    """Export the graph, or a filtered part of it, as JSON, CSV, GraphML, RDF or QuickStatements."""
    from .export import ExportRequest, export
    from .filters import FactFilter

    fact_filter = FactFilter(
        entity=entity,
        depth=depth,
        predicates=predicate or (),
        kinds=kind or (),
        statuses=status or (),
        date_from=since,
        date_to=until,
        min_confidence=min_confidence,
        curated_only=curated_only,
    )
    settings = _settings(db)
    request = ExportRequest(format, output, fact_filter, bom, settings.base_iri)
    result = export(Store.open(settings.db, settings.sqlite_busy_timeout_ms), request)
    for note in result.notes:
        errors.print(escape(note))
    if output is not None and result.counts:
        counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
        errors.print(f"wrote {escape(str(output))}: {counts}")


@app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="A JSON file written by `maillage export`.")],
    db: DbOption = None,
) -> None:
    """Merge a maillage JSON export (another machine, a cluster run) into the graph."""
    from .importer import import_json

    report = import_json(_store(db), path)
    read = ", ".join(f"{n} {k}" for k, n in report.read.items())
    new = ", ".join(f"{n} {k}" for k, n in report.new.items())
    console.print(f"read {read}; new {new}")


@app.command("stats")
def stats_command(db: DbOption = None) -> None:
    """Count documents, entities, facts, evidence and quarantined items."""
    table = Table("what", "count")
    for name, count in _store(db).stats().items():
        table.add_row(name, str(count))
    console.print(table)


@app.command("documents")
def documents_command(
    document: Annotated[
        str | None, typer.Argument(help="Id (or id prefix) of one document to show.")
    ] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
) -> None:
    """List stored documents, or show one with its text."""
    store = _store(db)
    if document:
        _show_document(store.get_document(document))
        return
    table = Table("published", "title", "source")
    table.add_column("id", no_wrap=True)
    for row in store.list_documents(limit, offset):
        title = Text(row["title"] or "", overflow="ellipsis", no_wrap=True)
        table.add_row(row["published"] or "", title, Text(row["source"]), row["id"])
    console.print(table)


def _show_document(row: dict[str, object]) -> None:
    for field in (
        "id",
        "title",
        "author",
        "published",
        "url",
        "source",
        "position",
        "format",
        "encoding",
    ):
        if row.get(field):
            console.print(Text.assemble((f"{field}: ", "bold"), str(row[field])))
    console.print()
    console.print(Text(str(row["text"])))


@app.command("quarantine")
def quarantine_command(db: DbOption = None) -> None:
    """List the input items that could not be read, with where and why."""
    table = Table("source", "position", "reason")
    for row in _store(db).quarantined():
        table.add_row(Text(row["source"]), row["position"], Text(row["reason"]))
    console.print(table)


def main() -> None:
    """Entry point: domain errors become short messages and exit codes, never tracebacks."""
    try:
        app()
    except MaillageError as exc:
        errors.print(f"[red]error[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
