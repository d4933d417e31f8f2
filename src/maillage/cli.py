"""The `maillage` command line: thin commands over the library."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import make_url
from typer.core import TyperCommand

from . import cards, curation, query, tokens
from .curation import Decision
from .engines import EngineChoice, Feedback
from .errors import InternalError, MaillageError, MissingDatabase
from .filters import EntityFilter, FactFilter
from .ingest import IngestReport, ingest
from .models import ExtractionRecord, Fact, Quarantined, Skipped
from .ontology import EVENT_KINDS, PREDICATES
from .settings import Settings
from .store import Store, normalize_url, runs
from .store.engine import schema_status
from .version import __version__


class PlainHelp(TyperCommand):
    """Help without type jargon: a value is named by what it is (DATE, ENTITY, N), and
    ranges and valid values are said in words in the option's help."""

    def format_help(self, ctx: typer.Context, formatter: object) -> None:  # type: ignore[override]
        for param in self.params:
            named = "" if param.param_type_name == "argument" or _is_flag(param) else None
            shown = named if named is not None else (param.metavar or str(param.name).upper())
            param.display_type_rich = lambda ctx, shown=shown: shown  # type: ignore[attr-defined]
            param._get_number_range_help_str = lambda: None  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)  # type: ignore[arg-type]


def _is_flag(param: object) -> bool:
    return bool(getattr(param, "is_flag", False))


class PlainTyper(typer.Typer):
    """A Typer whose commands all print PlainHelp."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", PlainHelp)
        return super().command(*args, **kwargs)


app = PlainTyper(
    help="maillage: a sourced, dated knowledge graph of who works with whom in higher education.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(shown: bool) -> None:
    if shown:
        console.print(f"maillage {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and stop."
        ),
    ] = None,
) -> None:
    """maillage: a sourced, dated knowledge graph of who works with whom in higher education."""


console = Console()
errors = Console(stderr=True)

IncludeOption = Annotated[
    list[str] | None,
    typer.Option("--include", help="In folders, read only files matching this glob (repeatable)."),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude", help="In folders, skip files and folders matching this glob (repeatable)."
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="MAILLAGE_DB",
        metavar="URL",
        help="Database URL or SQLite file [default: maillage.db].",
    ),
]


def _settings(db: str | None, **overrides: object) -> Settings:
    return Settings.from_env(db=db, **overrides)


def _globs(include: list[str] | None, exclude: list[str] | None) -> dict[str, object]:
    """--include/--exclude as settings overrides (None keeps MAILLAGE_INCLUDE/EXCLUDE)."""
    return {"include": tuple(include or ()) or None, "exclude": tuple(exclude or ()) or None}


def _store(db: str | None) -> Store:
    """The store of a command that reads or curates: it must exist already."""
    settings = _settings(db)
    _must_exist(settings.db)
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    _warn_if_interrupted(store)
    return store


def _warn_if_interrupted(store: Store) -> None:
    """A reader is told when a killed ingest or reprocess left the graph unfinished; the
    next ingest or reprocess finishes it."""
    for run in runs.interrupted(store):
        errors.print(
            f"[yellow]warning[/] run {run.id} ({run.command}) was interrupted: the graph may be "
            "incomplete until `maillage reprocess --no-extract` (or the next ingest) finishes it.",
            soft_wrap=True,
        )


def _new_or_existing_store(db: str | None) -> Store:
    """The store of `ingest` and `import`, the two commands that may create it."""
    settings = _settings(db)
    return Store.open(settings.db, settings.sqlite_busy_timeout_ms)


def _must_exist(db: str) -> None:
    url = make_url(normalize_url(db))
    path = url.database
    on_file = url.get_backend_name() == "sqlite" and path and path != ":memory:"
    if on_file and not Path(str(path)).is_file():
        raise MissingDatabase(
            f"there is no database at {path}.",
            f"Create it with `maillage ingest FOLDER --db {path}` (or `maillage import`), "
            "or give --db the path of an existing one.",
        )


EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        metavar="ENGINE",
        help="Where extraction runs: inprocess, local (process pool) or ray "
        "[default: inprocess, local with --workers above 1].",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        metavar="ADDRESS",
        help="With --engine ray: auto (the running Ray cluster) or ray://HOST:PORT "
        "[default: a local Ray started for this command].",
    ),
]
WorkersOption = Annotated[
    int, typer.Option(min=1, help="Extraction worker processes or Ray actors.")
]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read; '-' reads stdin.")],
    db: DbOption = None,
    workers: WorkersOption = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 50,
    engine: EngineOption = None,
    address: AddressOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Read articles (text, HTML, JSONL, WARC, gzip) and add what is new to the graph."""
    settings = _settings(db, workers=workers, batch_size=batch_size, **_globs(include, exclude))
    choice = EngineChoice(engine, workers, address)
    choice.resolved()  # a wrong engine is refused before the database is opened
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    with _progress() as progress:
        feedback = _feedback(progress, "ingesting")
        report = ingest(paths, settings, store, engine=choice, feedback=feedback)
    _print_report(report, store)
    raise typer.Exit(report.exit_code)


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "… docs/s")


class _CountColumn(ProgressColumn):
    """done / total when the total is known, done alone otherwise."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        if task.total is None:
            return Text(f"{done} items")
        return Text(f"{done}/{max(int(task.total), done)} items")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=24),
        _CountColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )


def _feedback(progress: Progress, what: str) -> Feedback:
    """The bar of a long command, and its messages (model loading, worker failures) printed
    above the bar as they happen."""
    task = progress.add_task(what, total=None)

    def total(count: int | None) -> None:
        progress.update(task, total=count)

    return Feedback(
        advance=lambda n: progress.advance(task, n),
        total=total,
        say=lambda message: errors.print(escape(message), soft_wrap=True),
    )


def _print_report(report: IngestReport, store: Store) -> None:
    for item in report.quarantined:
        where = f"{item.source}" + (f" ({item.position})" if item.position else "")
        # one item, one line (soft_wrap): a long name must not wrap into a line of its own
        errors.print(
            f"[yellow]quarantined[/] {escape(where)}: {escape(item.reason)}", soft_wrap=True
        )
    _print_skipped(report.skipped)
    stats = store.stats()
    console.print(
        f"read {report.read}, new {report.new}, duplicate {report.duplicate}, "
        f"quarantined {len(report.quarantined)} in {report.seconds:.1f} s "
        f"({report.documents_per_second:.1f} documents/s)"
    )
    graph = ", ".join(f"{stats[name]} {name}" for name in ("documents", "entities", "facts"))
    console.print(f"graph: {graph}")
    if report.refresh:
        done = report.refresh.consolidation
        console.print(
            f"consolidated: {done.entities_merged} entities merged, {done.conflicts} facts "
            f"with conflicting reports, {report.refresh.decisions_applied} decisions applied"
        )


PREDICATE_HELP = f"Only these predicates (repeatable): {', '.join(PREDICATES)}."
KIND_HELP = f"Only these event kinds (repeatable): {', '.join(EVENT_KINDS)}."
STATUS_HELP = "done or planned (repeatable)."
SINCE_HELP = "Facts dated from this date: YYYY, YYYY-MM or YYYY-MM-DD."
UNTIL_HELP = "Facts dated until this date: YYYY, YYYY-MM or YYYY-MM-DD."

PredicateOption = Annotated[
    list[str] | None,
    typer.Option("--predicate", "-p", metavar="PREDICATE", help=PREDICATE_HELP),
]
KindOption = Annotated[list[str] | None, typer.Option("--kind", metavar="KIND", help=KIND_HELP)]
StatusOption = Annotated[
    list[str] | None, typer.Option("--status", metavar="STATUS", help=STATUS_HELP)
]
SinceOption = Annotated[str | None, typer.Option(metavar="DATE", help=SINCE_HELP)]
UntilOption = Annotated[str | None, typer.Option(metavar="DATE", help=UNTIL_HELP)]
ConfidenceOption = Annotated[
    float, typer.Option(metavar="0-1", help="Lowest confidence kept, from 0 to 1.")
]
CuratedOption = Annotated[
    bool, typer.Option("--curated-only", help="Only facts a curator accepted or edited.")
]


def _print_skipped(skipped: list[Skipped]) -> None:
    if not skipped:
        return
    names = ", ".join(item.source for item in skipped[:3]) + (", …" if len(skipped) > 3 else "")
    errors.print(
        f"skipped {len(skipped)} files of folders that are not articles ({escape(names)}); "
        "name a file on the command line to read it anyway."
    )


@app.command("export")
def export_command(
    db: DbOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, csv, xlsx, graphml, jsonld, turtle, quickstatements or vocabulary.",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="File to write [default: standard output]; csv: a folder or a .zip; "
            "xlsx: a .xlsx file.",
        ),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(metavar="ENTITY", help="Only the neighbourhood of this entity (id or name)."),
    ] = None,
    depth: Annotated[
        int, typer.Option(min=1, max=3, metavar="1-3", help="Hops around --entity, 1 to 3.")
    ] = 1,
    predicate: PredicateOption = None,
    kind: KindOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: ConfidenceOption = 0.0,
    curated_only: CuratedOption = False,
    place: Annotated[
        list[str] | None,
        typer.Option(metavar="PLACE", help="Only facts between entities in this city or region."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="csv: start files with a UTF-8 byte-order mark.")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="csv for French spreadsheets: ';' between cells and a byte-order mark.",
        ),
    ] = False,
    delimiter: Annotated[
        str, typer.Option(metavar="CHARACTER", help="csv: what separates cells: ',', ';' or a tab.")
    ] = ",",
    drop_isolated: Annotated[
        bool, typer.Option("--drop-isolated", help="graphml: leave out entities without edges.")
    ] = False,
) -> None:
    """Export the graph, or a filtered part of it, as JSON, CSV, Excel, GraphML, RDF or
    QuickStatements."""
    from .export import ExportRequest, export

    fact_filter = _fact_filter(
        entity, depth, predicate, kind, status, since, until, min_confidence, curated_only
    )
    settings = _settings(db)
    request = ExportRequest(
        format,
        output,
        fact_filter,
        bom or excel,
        settings.base_iri,
        delimiter=";" if excel else delimiter.replace("\\t", "\t"),
        drop_isolated=drop_isolated,
        entity_filter=EntityFilter(places=place or ()),
    )
    result = export(_store(db), request)
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

    report = import_json(_new_or_existing_store(db), path)
    read = ", ".join(f"{n} {k}" for k, n in report.read.items())
    new = ", ".join(f"{n} {k}" for k, n in report.new.items())
    console.print(f"read {read}; new {new}")


@app.command("extract")
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Articles to read (any input format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the records as JSON.")] = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
) -> None:
    """Show what extraction finds in articles, with evidence and rules; stores nothing."""
    from .extract import extract_paths

    quarantined = False
    for item in extract_paths(paths, _settings(None, **_globs(include, exclude))):
        if isinstance(item, Quarantined):
            quarantined = True
            errors.print(
                f"[yellow]quarantined[/] {escape(item.source)}: {escape(item.reason)}",
                soft_wrap=True,
            )
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
        str | None,
        typer.Argument(metavar="DOCUMENT", help="Id (or id prefix) of one document to show."),
    ] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, metavar="N", help="How many to skip.")] = 0,
) -> None:
    """List stored documents, or show one with its text."""
    store = _store(db)
    if document:
        _show_document(query.document(store, document))
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


# -- curation ---------------------------------------------------------------------------
curate_app = PlainTyper(
    help="Correct the graph: accept, reject, edit, add facts; merge, split, rename entities.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(curate_app, name="curate")

AuthorOption = Annotated[
    str | None,
    typer.Option(envvar="MAILLAGE_AUTHOR", help="Who decides [default: your login name]."),
]
ReasonOption = Annotated[str | None, typer.Option(help="Why, for the audit log.")]
FactArgument = Annotated[
    str, typer.Argument(metavar="FACT", help="Fact id (or a unique prefix of it).")
]
EntityArgument = Annotated[
    str, typer.Argument(metavar="ENTITY", help="Entity id or unambiguous name.")
]


def _author(author: str | None) -> str:
    import getpass

    return author or getpass.getuser()


def _print_decision(decision: Decision) -> None:
    console.print(
        f"decision {decision.id}: {decision.action} {escape(decision.target)} "
        f"by {escape(decision.author)}"
    )


@curate_app.command("accept")
def curate_accept(
    fact: FactArgument,
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Confirm an extracted fact."""
    _print_decision(curation.accept(_store(db), fact, author=_author(author), reason=reason))


@curate_app.command("reject")
def curate_reject(
    fact: FactArgument,
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Hide a wrong fact; it stays hidden after re-ingest and reprocess."""
    _print_decision(curation.reject(_store(db), fact, author=_author(author), reason=reason))


@curate_app.command("edit")
def curate_edit(
    fact: FactArgument,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    status: Annotated[str | None, typer.Option(help="done or planned.")] = None,
    kind: Annotated[str | None, typer.Option(help="Event kind, e.g. double_degree.")] = None,
    role: Annotated[str | None, typer.Option(help="Title of a holds_role fact.")] = None,
    subject: Annotated[str | None, typer.Option(help="Entity id or name.")] = None,
    object: Annotated[str | None, typer.Option("--object", help="Entity id or name.")] = None,
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Correct a fact's date, status, kind, role or participants."""
    given = {"date": date, "status": status, "kind": kind, "role": role}
    changes = {k: v for k, v in {**given, "subject": subject, "object": object}.items() if v}
    decision = curation.edit(_store(db), fact, changes, author=_author(author), reason=reason)
    _print_decision(decision)


@curate_app.command("add")
def curate_add(
    predicate: Annotated[str, typer.Argument(help="partner_of, member_of, holds_role ...")],
    subject: EntityArgument,
    object: Annotated[str | None, typer.Argument(help="Entity id or name.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    status: Annotated[str, typer.Option(help="done or planned.")] = "done",
    kind: Annotated[str | None, typer.Option(help="Event kind, e.g. agreement.")] = None,
    role: Annotated[str | None, typer.Option(help="Title, for holds_role.")] = None,
    value: Annotated[float | None, typer.Option(help="Figure, for quantity.")] = None,
    unit: Annotated[str | None, typer.Option(help="Unit, for quantity.")] = None,
    source_url: Annotated[str | None, typer.Option(help="Where the fact is stated.")] = None,
    note: Annotated[str | None, typer.Option(help="Source when there is no URL.")] = None,
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Add a fact by hand, with its source URL or a note."""
    decision = curation.add_fact(
        _store(db),
        predicate,
        subject,
        object,
        value=value,
        date=date,
        status=status,
        kind=kind,
        role=role,
        unit=unit,
        source_url=source_url,
        note=note,
        author=_author(author),
        reason=reason,
    )
    _print_decision(decision)


@curate_app.command("merge")
def curate_merge(
    keep: Annotated[str, typer.Argument(help="Entity that stays (id or name).")],
    absorb: Annotated[str, typer.Argument(help="Entity merged into it (id or name).")],
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Make two entities one: mentions, aliases and facts move to KEEP."""
    store = _store(db)
    decision = curation.merge_entities(store, keep, absorb, author=_author(author), reason=reason)
    _print_decision(decision)


@curate_app.command("split")
def curate_split(
    entity: EntityArgument,
    mentions: Annotated[list[int], typer.Argument(help="Ids of the mentions that move.")],
    name: Annotated[str, typer.Option(help="Name of the new entity.")],
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Move some mentions of an entity, and the facts they support, to a new entity."""
    store = _store(db)
    decision = curation.split_entity(
        store, entity, mentions, name, author=_author(author), reason=reason
    )
    _print_decision(decision)


@curate_app.command("alias")
def curate_alias(
    entity: EntityArgument,
    name: Annotated[str, typer.Argument(help="Another name of the entity.")],
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Add another name of an entity."""
    decision = curation.add_alias(_store(db), entity, name, author=_author(author), reason=reason)
    _print_decision(decision)


@curate_app.command("rename")
def curate_rename(
    entity: EntityArgument,
    name: Annotated[str, typer.Argument(help="The new display name.")],
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Change an entity's name; the old one stays as an alias."""
    decision = curation.rename(_store(db), entity, name, author=_author(author), reason=reason)
    _print_decision(decision)


@curate_app.command("set-id")
def curate_set_id(
    entity: EntityArgument,
    scheme: Annotated[str, typer.Argument(help="wikidata, ror, uai, siren or idref.")],
    value: Annotated[str, typer.Argument(help="The identifier, e.g. Q273523.")],
    db: DbOption = None,
    author: AuthorOption = None,
    reason: ReasonOption = None,
) -> None:
    """Record a verified external identifier of an entity."""
    decision = curation.set_external_id(
        _store(db), entity, scheme, value, author=_author(author), reason=reason
    )
    _print_decision(decision)


@app.command("history")
def history_command(
    target: Annotated[
        str, typer.Argument(metavar="ENTITY_OR_FACT", help="Entity id or name, or fact id.")
    ],
    db: DbOption = None,
) -> None:
    """Show the audit log of curation decisions about an entity or a fact."""
    table = Table("id", "when", "author", "action", "target", "details", "reason")
    for d in curation.history(_store(db), target):
        when = d.created_at.strftime("%Y-%m-%d %H:%M")
        details = Text(
            json.dumps(d.payload.get("changes") or _brief(d.payload), ensure_ascii=False)
        )
        who, why = Text(d.author), Text(d.reason or "")
        table.add_row(str(d.id), when, who, d.action, d.target, details, why)
    console.print(table)


def _brief(payload: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in payload.items() if k not in ("fact", "entities", "mentions")}


@app.command("reprocess")
def reprocess_command(
    db: DbOption = None,
    workers: WorkersOption = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 50,
    engine: EngineOption = None,
    address: AddressOption = None,
    extract: Annotated[
        bool,
        typer.Option(
            help="Re-run extraction; --no-extract only consolidates (after an interrupted ingest)."
        ),
    ] = True,
) -> None:
    """Re-run extraction on every stored document (after rules or gazetteer changed);
    curation decisions are applied again."""
    from .reprocess import reprocess

    settings = _settings(db, workers=workers, batch_size=batch_size)
    choice = EngineChoice(engine, workers, address)
    choice.resolved()
    _must_exist(settings.db)
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    with _progress() as progress:
        feedback = _feedback(progress, "reprocessing")
        report = reprocess(settings, store, extract=extract, engine=choice, feedback=feedback)
    merged = report.refresh.consolidation.entities_merged
    console.print(
        f"reprocessed {report.documents} documents in {report.seconds:.1f} s; "
        f"{merged} entities merged, {report.refresh.decisions_applied} decisions applied"
    )


# -- exploring the graph -------------------------------------------------------------------
def _fact_filter(
    entity: str | None = None,
    depth: int = 1,
    predicate: list[str] | None = None,
    kind: list[str] | None = None,
    status: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    curated_only: bool = False,
) -> FactFilter:
    return FactFilter(
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


@app.command("search")
def search_command(
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="Name, acronym or alias, or the start of one.")
    ],
    db: DbOption = None,
    limit: Annotated[
        int, typer.Option(min=1, max=100, metavar="N", help="How many entities, 1 to 100.")
    ] = 10,
) -> None:
    """Find entities by name, acronym or alias (case and accents ignored, prefixes match)."""
    hits = query.search(_store(db), text, limit)
    if not hits:
        errors.print("no entity matches; try fewer letters.")
        raise typer.Exit(1)
    console.print(cards.search_table(hits))


@app.command("show")
def show_command(
    entity: EntityArgument,
    db: DbOption = None,
    per_group: Annotated[
        int, typer.Option(min=1, max=100, metavar="N", help="Facts per predicate, 1 to 100.")
    ] = 20,
    curated_only: CuratedOption = False,
) -> None:
    """Show an entity's card: identity, aliases, roles, facts with evidence quotes, sources."""
    page = query.entity_page(_store(db), entity, _fact_filter(curated_only=curated_only), per_group)
    console.print(cards.entity_card(page))


@app.command("timeline")
def timeline_command(
    entity: EntityArgument,
    db: DbOption = None,
    limit: Annotated[
        int, typer.Option(min=1, max=100, metavar="N", help="How many events, 1 to 100.")
    ] = 50,
    offset: Annotated[int, typer.Option(min=0, metavar="N", help="How many to skip.")] = 0,
    predicate: PredicateOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """List an entity's dated events, oldest first, with the precision of each date."""
    fact_filter = _fact_filter(predicate=predicate, status=status, since=since, until=until)
    found = query.timeline(_store(db), entity, fact_filter, limit, offset)
    console.print(cards.timeline_table(found))


@app.command("neighbours")
def neighbours_command(
    entity: EntityArgument,
    db: DbOption = None,
    depth: Annotated[
        int, typer.Option(min=1, max=3, metavar="1-3", help="How many facts away, 1 to 3.")
    ] = 1,
    predicate: PredicateOption = None,
    kind: KindOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: ConfidenceOption = 0.0,
    curated_only: CuratedOption = False,
    max_edges: Annotated[
        int, typer.Option(min=1, max=2000, metavar="N", help="Most facts shown, up to 2000.")
    ] = 300,
) -> None:
    """List the entities and facts around an entity, up to 3 facts away, with filters."""
    fact_filter = _fact_filter(
        entity, depth, predicate, kind, status, since, until, min_confidence, curated_only
    )
    found = query.neighbourhood(_store(db), fact_filter, max_edges)
    console.print(cards.neighbourhood_table(found))


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(metavar="ADDRESS", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")
    ] = 8000,
    read_only: Annotated[bool, typer.Option(help="Refuse every curation request.")] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Another host name the server answers to, besides --host and localhost "
            "(repeatable; '*' for any).",
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api/) and the web explorer (/) over the graph."""
    from .api.app import serve

    settings = _settings(db)
    _must_exist(settings.db)
    serve(settings, host, port, read_only, allowed_host or ())


token_app = PlainTyper(
    help="Manage API tokens for curation requests.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(token_app, name="token")

db_app = PlainTyper(
    help="The database's schema: check its version, upgrade it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(db_app, name="db")


@db_app.command("check")
def db_check_command(db: DbOption = None) -> None:
    """Print the schema version of the database, the newest this maillage knows, and whether
    it is up to date (exit 1 when `maillage db upgrade` is needed); changes nothing."""
    settings = _settings(db)
    _must_exist(settings.db)
    store = Store.open(settings.db, settings.sqlite_busy_timeout_ms, upgrade=False)
    current, head, fresh = schema_status(store.engine)
    console.print(f"schema version: {current or 'none (empty database)'}")
    console.print(f"newest known:   {head}")
    console.print("up to date" if fresh else "behind: run `maillage db upgrade`")
    raise typer.Exit(0 if fresh else 1)


@db_app.command("upgrade")
def db_upgrade_command(db: DbOption = None) -> None:
    """Run the schema migrations on an existing database (one process at a time)."""
    settings = _settings(db)
    _must_exist(settings.db)
    before = Store.open(settings.db, settings.sqlite_busy_timeout_ms, upgrade=False)
    current, head, fresh = schema_status(before.engine)
    before.close()
    if fresh:
        console.print(f"already at the newest schema ({head})")
        return
    Store.open(settings.db, settings.sqlite_busy_timeout_ms).close()
    console.print(f"schema upgraded from {current or 'none'} to {head}")


@token_app.command("create")
def token_create_command(
    name: Annotated[str, typer.Option(help="Who or what uses the token (the decisions' author).")],
    db: DbOption = None,
    read_only: Annotated[bool, typer.Option(help="The token may read but not curate.")] = False,
) -> None:
    """Create an API token; it is printed once and only its hash is stored."""
    secret = tokens.create(_store(db), name, read_only)
    errors.print("Keep this token now: it cannot be shown again.")
    console.print(secret, markup=False, highlight=False, soft_wrap=True)


@token_app.command("list")
def token_list_command(db: DbOption = None) -> None:
    """List API tokens (names and dates, never the secrets)."""
    table = Table("name", "access", "created", "revoked")
    for item in tokens.list_tokens(_store(db)):
        access = "read-only" if item.read_only else "curate"
        revoked = f"{item.revoked_at:%Y-%m-%d %H:%M}" if item.revoked_at else ""
        table.add_row(Text(item.name), access, f"{item.created_at:%Y-%m-%d %H:%M}", revoked)
    console.print(table)


@token_app.command("revoke")
def token_revoke_command(
    name: Annotated[str, typer.Argument(help="Name of the token to revoke.")],
    db: DbOption = None,
) -> None:
    """Revoke an API token; requests that present it get 401 from then on."""
    tokens.revoke(_store(db), name)
    errors.print(f"revoked {escape(name)}")


def main() -> None:
    """Entry point: every error becomes one short line and an exit code, never a traceback."""
    try:
        app()
    except MaillageError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        errors.print("interrupted: run the same command again to resume.")
        sys.exit(130)
    except BrokenPipeError:  # `maillage export | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a bug: keep the details in a file, show one line
        _fail(InternalError(f"unexpected {type(exc).__name__}.", _crash_report(exc)))


def _fail(exc: MaillageError) -> None:
    errors.print(f"[red]error[/] {escape(str(exc))}", soft_wrap=True)
    sys.exit(exc.exit_code)


def _crash_report(exc: Exception) -> str:
    """Write the traceback to a file and say where, so that the bug can be reported."""
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="maillage-crash-", suffix=".txt", delete=False, encoding="utf-8"
        ) as report:
            report.write("".join(traceback.format_exception(exc)))
    except OSError:
        return f"This is a bug in maillage: please report it ({exc!r})."
    return f"This is a bug in maillage: please report it with the details in {report.name}."
