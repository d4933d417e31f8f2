"""The `maillage` command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
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

from .errors import MaillageError, UsageError
from .ingest import IngestReport, ingest
from .models import ExtractionRecord, Fact, Quarantined
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
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: json.")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write [default: stdout].")
    ] = None,
) -> None:
    """Export the graph (documents, entities with mentions, facts with evidence)."""
    from .export.json import write_json

    if format != "json":
        raise UsageError(f"unknown export format '{format}'.", "Use --format json.")
    store = _store(db)
    if output is None:
        write_json(store, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        counts = write_json(store, out)
    errors.print(
        f"wrote {escape(str(output))}: " + ", ".join(f"{n} {k}" for k, n in counts.items())
    )


@app.command("extract")
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Articles to read (any input format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as JSON.")] = False,
) -> None:
    """Show what extraction finds in articles, with evidence and rules; stores nothing."""
    from .extract import extract_paths

    quarantined = False
    for item in extract_paths(paths, _settings(None)):
        if isinstance(item, Quarantined):
            quarantined = True
            errors.print(f"[yellow]quarantined[/] {escape(item.source)}: {escape(item.reason)}")
        elif as_json:
            console.print_json(json.dumps(asdict(item), ensure_ascii=False, default=str))
        else:
            _print_record(item)
    raise typer.Exit(3 if quarantined else 0)


def _print_record(record: ExtractionRecord) -> None:
    doc = record.document
    console.rule(Text(doc.title or doc.source))
    console.print(Text(f"{doc.source}  published {doc.published or 'unknown'}  id {doc.id}"))
    names = {e.key: e.name for e in record.entities}
    table = Table("type", "name", "also written", "kind")
    for entity in record.entities:
        table.add_row(
            entity.type, Text(entity.name), Text(", ".join(entity.aliases)), entity.kind or ""
        )
    console.print(table)
    for fact in record.facts:
        console.print(_fact_line(fact, names))
        for evidence in fact.evidence:
            quote = " ".join(evidence.text.split())
            console.print(
                Text(
                    f"    « {quote[:300]} »  [{evidence.rule} {evidence.start}-{evidence.end}]",
                    style="dim",
                )
            )


def _fact_line(fact: Fact, names: dict[str, str]) -> Text:
    target = names.get(fact.object or "", "") if fact.object else f"{fact.value:g}"
    details = [fact.status, fact.kind or "", fact.date or "no date"]
    details += [f"{k}: {v}" for k, v in fact.qualifiers.items()]
    line = Text.assemble(
        (fact.predicate, "bold cyan"), " ", names.get(fact.subject, fact.subject), " → ", target
    )
    line.append(f"  ({', '.join(d for d in details if d)}; confidence {fact.confidence:.2f})")
    return line


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
