"""Re-run extraction on stored documents after rules or the gazetteer changed, and finish
what an interrupted command left undone.

The graph is rebuilt from the stored texts with the extractor ingest uses, then
consolidated, then every curation decision is applied again: decisions survive. Each run is
recorded (`store.runs`); a reprocess stores its progress with every batch, so one that was
killed is continued from its last batch by the next ingest or reprocess, and an ingest
killed before or during its consolidation gets the whole graph consolidated again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, fields

from sqlalchemy.engine import Connection

from .consolidate import ConsolidationReport, consolidate_in
from .curation import apply_decisions_in
from .engines import EngineChoice, Feedback, open_engine
from .engines.base import Done, Extractor
from .extract import extract_documents
from .models import Document, ExtractionRecord
from .settings import Settings
from .store import Store, runs
from .store import overlay as graph
from .store.engine import lock_writes
from .store.faults import retrying

Progress = Callable[[int], None]


@dataclass(slots=True)
class RefreshReport:
    consolidation: ConsolidationReport = field(default_factory=ConsolidationReport)
    decisions_applied: int = 0


@dataclass(slots=True)
class ReprocessReport:
    documents: int = 0
    seconds: float = 0.0
    refresh: RefreshReport = field(default_factory=RefreshReport)
    recovered: list[str] = field(default_factory=list)  # interrupted runs this one finished


@dataclass(slots=True)
class Extraction:
    """How a command extracts: the extractor and the engine it runs on."""

    extractor: Extractor = extract_documents
    engine: EngineChoice = field(default_factory=EngineChoice)


def refresh(store: Store, scope: Collection[str] | None = None) -> RefreshReport:
    """Consolidate the graph (around the `scope` entities, or all of it), then re-apply
    every curation decision, in one transaction under the writers' lock."""

    def transaction() -> RefreshReport:
        with store.engine.begin() as connection:
            lock_writes(connection)
            consolidation = consolidate_in(connection, scope)
            return RefreshReport(consolidation, apply_decisions_in(connection))

    return retrying(transaction)


def reprocess(
    settings: Settings,
    store: Store | None = None,
    progress: Progress | None = None,
    extractor: Extractor = extract_documents,
    extract: bool = True,
    engine: EngineChoice | None = None,
    feedback: Feedback | None = None,
) -> ReprocessReport:
    """Rebuild the graph from the stored documents; safe to rerun if interrupted.
    Without `extract`, only consolidate the whole graph and re-apply the decisions (what an
    interrupted ingest did not get to do)."""
    store = store or Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    feedback = feedback or Feedback(advance=progress or (lambda _n: None))
    how = Extraction(extractor, engine or EngineChoice(workers=settings.workers))
    report = ReprocessReport()
    started = time.perf_counter()
    report.recovered = recover(store, settings, feedback, how)
    run = runs.start(store, "reprocess")
    if extract:
        report.documents = _extract_again(store, settings, feedback, how, run, None)
    report.refresh = _consolidate(store, run, feedback)
    report.seconds = time.perf_counter() - started
    return report


def recover(store: Store, settings: Settings, feedback: Feedback, how: Extraction) -> list[str]:
    """Finish every run that a process now gone left unfinished, saying so; return the
    messages. A reprocess continues after the last batch it stored; an ingest's graph is
    consolidated again as a whole (which entities it touched was not kept)."""
    said = []
    for run in runs.interrupted(store):
        if not runs.claim(store, run):
            continue  # another command is finishing it
        if run.command == "reprocess" and run.stage == runs.EXTRACTING:
            message = f"run {run.id} (reprocess) was interrupted: continuing it"
            feedback.say(message + "…")
            _extract_again(store, settings, feedback, how, run.id, run.cursor)
        else:
            message = f"run {run.id} ({run.command}) was interrupted before its consolidation ended"
            feedback.say(message + ": consolidating the graph and applying decisions again…")
        _consolidate(store, run.id, feedback, outcome="finished after an interruption")
        said.append(message)
    return said


def _consolidate(
    store: Store, run: int, feedback: Feedback, outcome: str = "done"
) -> RefreshReport:
    runs.set_stage(store, run, runs.CONSOLIDATING)
    feedback.say("consolidating the graph…")
    done = refresh(store)
    runs.finish(store, run, outcome)
    return done


def _extract_again(
    store: Store,
    settings: Settings,
    feedback: Feedback,
    how: Extraction,
    run: int,
    cursor: str | None,
) -> int:
    """Extract every stored document after `cursor` again (None: clear the graph first);
    each batch commits with the run's new cursor. Return how many documents were done."""
    if cursor is None:
        with store.engine.begin() as connection:
            lock_writes(connection)
            graph.clear_graph(connection)
            runs.move_cursor(connection, run, "")
        cursor = ""
    feedback.total(_remaining(store, cursor))
    count = 0
    with open_engine(how.engine, how.extractor, feedback.say) as engine:
        pages = stored_documents(store, settings.batch_size, cursor)
        for done in engine.run((page[-1].id, page) for page in pages):
            store.save(done.records, done.lost, after=_progress_of(done, run))
            count += len(done.records) + len(done.lost)
            feedback.advance(len(done.records) + len(done.lost))
    return count


def _progress_of(done: Done[str], run: int) -> Callable[[Connection], None]:
    def after(connection: Connection) -> None:
        _record_versions(connection, done.records)
        runs.move_cursor(connection, run, done.context)

    return after


def _remaining(store: Store, cursor: str) -> int:
    with store.engine.connect() as connection:
        return graph.count_documents_after(connection, cursor)


def stored_documents(store: Store, batch_size: int, after: str = "") -> Iterator[list[Document]]:
    names = {f.name for f in fields(Document)}
    last = after
    while True:
        with store.engine.connect() as connection:
            rows = graph.document_rows_after(connection, last, batch_size)
        if not rows:
            return
        last = rows[-1]["id"]
        yield [_document(row, names) for row in rows]


def _document(row: dict[str, object], names: set[str]) -> Document:
    values = {k: v for k, v in row.items() if k in names}
    return Document(**{**values, "position": row["position"] or ""})  # type: ignore[arg-type]


def _record_versions(connection: Connection, records: list[ExtractionRecord]) -> None:
    for version in {r.pipeline_version for r in records}:
        ids = [r.document.id for r in records if r.pipeline_version == version]
        graph.set_pipeline_version(connection, ids, version)
