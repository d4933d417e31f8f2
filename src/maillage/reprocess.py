"""Re-run extraction on stored documents after rules or the gazetteer changed.

The graph is rebuilt from the stored texts with the extractor ingest uses, then
consolidated, then every curation decision is applied again: decisions survive.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, fields

from .consolidate import ConsolidationReport, consolidate
from .curation import apply_decisions
from .engines import EngineChoice, Feedback, open_engine
from .engines.base import Engine, Extractor
from .extract import extract_documents
from .models import Document, ExtractionRecord
from .settings import Settings
from .store import Store
from .store import overlay as graph

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


def refresh(store: Store, scope: Collection[str] | None = None) -> RefreshReport:
    """Consolidate the graph (around the `scope` entities, or all of it), then re-apply
    every curation decision."""
    consolidation = consolidate(store, scope)
    return RefreshReport(consolidation, apply_decisions(store))


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
    report = ReprocessReport()
    started = time.perf_counter()
    feedback = feedback or Feedback(advance=progress or (lambda _n: None))
    if extract:
        choice = engine or EngineChoice(workers=settings.workers)
        _extract_again(
            store, settings, report, feedback, open_engine(choice, extractor, feedback.say)
        )
    report.refresh = refresh(store)
    report.seconds = time.perf_counter() - started
    return report


def _extract_again(
    store: Store,
    settings: Settings,
    report: ReprocessReport,
    feedback: Feedback,
    engine: Engine,
) -> None:
    feedback.total(store.stats()["documents"])
    with store.engine.begin() as connection:
        graph.clear_graph(connection)
    with engine:
        batches = ((len(b), b) for b in stored_documents(store, settings.batch_size))
        for done in engine.run(batches):
            store.save(done.records, done.lost)
            _record_versions(store, done.records)
            report.documents += done.context
            feedback.advance(done.context)


def stored_documents(store: Store, batch_size: int) -> Iterator[list[Document]]:
    names = {f.name for f in fields(Document)}
    last = ""
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


def _record_versions(store: Store, records: list[ExtractionRecord]) -> None:
    with store.engine.begin() as connection:
        for version in {r.pipeline_version for r in records}:
            ids = [r.document.id for r in records if r.pipeline_version == version]
            graph.set_pipeline_version(connection, ids, version)
