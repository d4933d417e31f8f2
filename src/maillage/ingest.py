"""The ingest orchestrator: sources → documents → extraction → store, in bounded batches.

Items stream from the readers in batches of `batch_size`; at most a few batches are in the
engine at once (back-pressure), and this process, the driver, is the only writer: each
batch's records are stored in one transaction as they come back, in reading order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .engines import EngineChoice, Feedback, open_engine
from .engines.base import Done, Extractor
from .extract import extract_documents
from .models import Document, ExtractionRecord, Quarantined, RawDocument, Skipped
from .reprocess import Extraction, RefreshReport, recover, refresh
from .settings import Settings
from .sources import count_items, read_sources
from .store import Store, runs

Progress = Callable[[int], None]

EXIT_OK = 0
EXIT_QUARANTINED = 3


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files of folders that are not articles
    seconds: float = 0.0
    refresh: RefreshReport | None = None  # consolidation and decisions, when anything was new
    touched: set[str] = field(default_factory=set, repr=False)  # entities the new records name
    engine: str = ""
    recovered: list[str] = field(default_factory=list)  # interrupted runs this one finished

    @property
    def exit_code(self) -> int:
        return EXIT_QUARANTINED if self.quarantined else EXIT_OK

    @property
    def documents_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class _Batch:
    """What the driver keeps of a batch while the engine extracts its new documents."""

    items: int
    quarantined: list[Quarantined]
    fresh: list[str]


def ingest(
    paths: list[str],
    settings: Settings,
    store: Store | None = None,
    progress: Progress | None = None,
    extractor: Extractor = extract_documents,
    engine: EngineChoice | None = None,
    feedback: Feedback | None = None,
) -> IngestReport:
    """Read every article under `paths` and store what is new; safe to rerun after a crash."""
    feedback = feedback or Feedback(advance=progress or (lambda _n: None))
    store = store or Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    choice = engine or EngineChoice(workers=settings.workers)
    report = IngestReport(engine=choice.resolved())
    started = time.perf_counter()
    report.recovered = recover(store, settings, feedback, Extraction(extractor, choice))
    run = runs.start(store, "ingest")
    feedback.total(count_items(paths, settings))
    with open_engine(choice, extractor, feedback.say) as running:
        items = read_sources(paths, settings, report.skipped.append)
        pending: set[str] = set()  # ids submitted and not stored yet
        batches = _prepared(_batches(items, settings.batch_size), store, report, pending)
        for done in running.run(batches):
            _store_batch(done, store, report, pending)
            feedback.advance(done.context.items)
    if report.new:
        runs.set_stage(store, run, runs.CONSOLIDATING)
        store.refresh_statistics(report.new)
        feedback.say("consolidating the graph…")
        report.refresh = refresh(store, report.touched)
    runs.finish(store, run)
    report.seconds = time.perf_counter() - started
    return report


def _prepared(
    batches: Iterable[list[RawDocument | Quarantined]],
    store: Store,
    report: IngestReport,
    pending: set[str],
) -> Iterator[tuple[_Batch, list[Document]]]:
    """Each batch's new documents for the engine, with what the driver must remember."""
    for batch in batches:
        quarantined = [item for item in batch if isinstance(item, Quarantined)]
        documents = [Document.from_raw(item) for item in batch if isinstance(item, RawDocument)]
        report.read += len(documents)
        fresh = _new_documents(documents, store, pending)
        pending.update(d.id for d in fresh)
        report.duplicate += len(documents) - len(fresh)
        yield _Batch(len(batch), quarantined, [d.id for d in fresh]), fresh


def _store_batch(done: Done[_Batch], store: Store, report: IngestReport, pending: set[str]) -> None:
    failed = [_failure(r) for r in done.records if r.problem]
    problems = [*done.context.quarantined, *failed, *done.lost]
    stored = store.save(done.records, problems, only_new=True)
    report.new += len(stored)
    report.duplicate += len(done.records) - len(stored)  # another writer stored them first
    report.quarantined.extend(problems)
    report.touched.update(e.key for r in stored for e in r.entities)
    pending.difference_update(done.context.fresh)


def _failure(record: ExtractionRecord) -> Quarantined:
    document = record.document
    return Quarantined(document.source, document.position, record.problem or "", "E301")


def _new_documents(documents: list[Document], store: Store, pending: set[str]) -> list[Document]:
    """Documents not yet stored, not in flight, and not repeated earlier in the batch."""
    known = store.existing_documents([d.id for d in documents]) | pending
    fresh: dict[str, Document] = {}
    for document in documents:
        if document.id not in known and document.id not in fresh:
            fresh[document.id] = document
    return list(fresh.values())


def _batches(
    items: Iterable[RawDocument | Quarantined], size: int
) -> Iterator[list[RawDocument | Quarantined]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
