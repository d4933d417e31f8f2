"""Extraction in a pool of local worker processes that live for a whole command, so each
loads the pipeline once; a worker that dies breaks the pool, which is started again."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from ..models import Document, ExtractionRecord
from .base import MODEL_LOADING, Engine, WorkerLost, plural


@dataclass(slots=True)
class _Handle:
    future: Future[list[ExtractionRecord]]
    generation: int  # which pool ran it: a pool broken earlier is not restarted twice


class LocalEngine(Engine):
    name = "local pool"

    _pool: ProcessPoolExecutor | None = None
    _generation = 0

    def start(self) -> None:
        self.say(f"{MODEL_LOADING} (in {plural(self.workers, 'worker process', 'es')})")
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),  # fork + spaCy threads is unsafe
            initializer=self.extract,
            initargs=([],),  # each worker loads the pipeline as it starts
        )
        self._generation += 1

    def stop(self, failed: bool) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not failed, cancel_futures=failed)
            self._pool = None

    def submit(self, documents: list[Document]) -> Any:
        assert self._pool is not None, "the engine is used outside its `with` block"
        try:
            return _Handle(self._pool.submit(self.extract, documents), self._generation)
        except BrokenProcessPool:  # broken by a death not yet noticed: a fresh pool
            self.replace_worker(_Handle(Future(), self._generation))
            return self.submit(documents)

    def wait(self, handle: Any) -> list[ExtractionRecord]:
        try:
            return list(handle.future.result())
        except BrokenProcessPool as exc:
            raise WorkerLost("a worker process died") from exc

    def replace_worker(self, handle: Any) -> None:
        if handle.generation == self._generation:
            self.stop(failed=True)
            self.start()
