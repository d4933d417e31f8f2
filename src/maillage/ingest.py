"""The ingest orchestrator: sources → documents → extraction → store, in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .engines.local import Extractor, LocalEngine
from .extract import extract_documents
from .models import Document, ExtractionRecord, Quarantined, RawDocument, Skipped
from .reprocess import RefreshReport, refresh
from .settings import Settings
from .sources import read_sources
from .store import Store

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

    @property
    def exit_code(self) -> int:
        return EXIT_QUARANTINED if self.quarantined else EXIT_OK

    @property
    def documents_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


def ingest(
    paths: list[str],
    settings: Settings,
    store: Store | None = None,
    progress: Progress | None = None,
    extractor: Extractor = extract_documents,
) -> IngestReport:
    """Read every article under `paths` and store what is new; safe to rerun after a crash."""
    store = store or Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    report = IngestReport()
    started = time.perf_counter()
    with LocalEngine(extractor, settings.workers) as engine:
        items = read_sources(paths, settings, report.skipped.append)
        for batch in _batches(items, settings.batch_size):
            _ingest_batch(batch, store, engine, report)
            if progress:
                progress(len(batch))
    if report.new:
        report.refresh = refresh(store, report.touched)
    report.seconds = time.perf_counter() - started
    return report


def _ingest_batch(
    batch: list[RawDocument | Quarantined],
    store: Store,
    engine: LocalEngine,
    report: IngestReport,
) -> None:
    quarantined = [item for item in batch if isinstance(item, Quarantined)]
    documents = [Document.from_raw(item) for item in batch if isinstance(item, RawDocument)]
    report.read += len(documents)
    report.quarantined.extend(quarantined)
    fresh = _new_documents(documents, store)
    report.duplicate += len(documents) - len(fresh)
    report.new += len(fresh)
    records = engine.map(fresh)
    failed = [_failure(r) for r in records if r.problem]
    report.quarantined.extend(failed)
    store.save(records, [*quarantined, *failed])
    report.touched.update(e.key for r in records for e in r.entities)


def _failure(record: ExtractionRecord) -> Quarantined:
    document = record.document
    return Quarantined(document.source, document.position, record.problem or "", "E301")


def _new_documents(documents: list[Document], store: Store) -> list[Document]:
    """Documents not yet stored and not repeated earlier in the batch."""
    known = store.existing_documents([d.id for d in documents])
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
