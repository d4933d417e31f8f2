"""Run extraction in this process or in a pool of worker processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool
from types import TracebackType

from ..models import Document, ExtractionRecord

# A batch in, one record per document out, in order (spaCy parses a batch faster than its parts).
Extractor = Callable[[Sequence[Document]], list[ExtractionRecord]]


class LocalEngine:
    """A pool that lives for a whole ingest, so each worker loads the pipeline once."""

    def __init__(self, extract: Extractor, workers: int = 1, chunksize: int = 16) -> None:
        self.extract = extract
        self.workers = workers
        self.chunksize = chunksize
        self._pool: Pool | None = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            context = multiprocessing.get_context("spawn")  # fork + spaCy threads is unsafe
            self._pool = context.Pool(processes=self.workers)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.terminate() if error else self._pool.close()
            self._pool.join()
            self._pool = None

    def map(self, documents: Sequence[Document]) -> list[ExtractionRecord]:
        """Extraction records in input order."""
        if self._pool is None:
            return self.extract(documents)
        size = self.chunksize
        chunks = [documents[i : i + size] for i in range(0, len(documents), size)]
        return [record for chunk in self._pool.map(self.extract, chunks) for record in chunk]
