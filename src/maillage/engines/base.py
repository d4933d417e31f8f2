"""What every extraction engine shares: batches in, records out in the same order, a bound
on the batches in flight (back-pressure on the reader), and what happens when a worker dies.

A batch whose worker died is run once more on a fresh worker; if that worker dies too, its
documents are run one by one and the ones that still kill a worker are quarantined (E302)
while the others are kept. The driver that consumes `Engine.run` is the only writer to the
store: engines never touch it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, TypeVar

from ..errors import WorkerDied
from ..models import Document, ExtractionRecord, Quarantined

# A batch in, one record per document out, in order (spaCy parses a batch faster than its parts).
Extractor = Callable[[Sequence[Document]], list[ExtractionRecord]]
Say = Callable[[str], None]
C = TypeVar("C")
MODEL_LOADING = "loading the French language model…"


def _silent(_message: str) -> None:
    return None


def plural(count: int, noun: str, ending: str = "s") -> str:
    return f"{count} {noun}{ending if count != 1 else ''}"


@dataclass(slots=True)
class Feedback:
    """How a long command tells its user where it is (the CLI draws a bar from it)."""

    advance: Callable[[int], None] = lambda _n: None
    total: Callable[[int | None], None] = lambda _n: None
    say: Say = _silent


class WorkerLost(Exception):
    """Internal: the process or actor running a batch died before answering."""


@dataclass(slots=True)
class Done(Generic[C]):
    """One batch extracted: its records in input order, and the documents given up on."""

    context: C
    records: list[ExtractionRecord]
    lost: list[Quarantined] = field(default_factory=list)


@dataclass(slots=True)
class _Job(Generic[C]):
    context: C
    documents: list[Document]
    attempt: int = 1


class Engine:
    """Base class: subclasses say how to start workers, submit a batch and wait for it."""

    name = "engine"

    def __init__(
        self, extract: Extractor, workers: int = 1, in_flight: int = 0, say: Say = _silent
    ) -> None:
        self.extract = extract
        self.workers = workers
        self.in_flight = in_flight or 2 * workers  # enough to keep every worker busy
        self.say = say

    # -- what a subclass provides ---------------------------------------------------------
    def start(self) -> None:
        """Start the workers; each loads the pipeline once."""

    def stop(self, failed: bool) -> None:
        """Stop the workers (at once when the run failed)."""

    def submit(self, documents: list[Document]) -> Any:
        """Hand a batch to a worker; return a handle to wait on."""
        raise NotImplementedError

    def wait(self, handle: Any) -> list[ExtractionRecord]:
        """The records of a submitted batch; `WorkerLost` if its worker died."""
        raise NotImplementedError

    def replace_worker(self, handle: Any) -> None:
        """A fresh worker in place of the one that ran `handle` (if not replaced already)."""

    # -- shared behaviour -----------------------------------------------------------------
    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop(failed=error is not None)

    def map(self, documents: Sequence[Document]) -> list[ExtractionRecord]:
        """Extraction records of one batch, in input order."""
        done = next(iter(self.run([(None, list(documents))])))
        return done.records

    def run(self, batches: Iterable[tuple[C, list[Document]]]) -> Iterator[Done[C]]:
        """Extract batches with at most `in_flight` of them submitted and not yet consumed,
        yielding each batch's outcome in the order the batches came."""
        pending: deque[tuple[_Job[C], Any]] = deque()
        for context, documents in batches:
            job = _Job(context, documents)
            pending.append((job, self._submit(job)))
            while len(pending) >= self.in_flight:
                yield self._finish(*pending.popleft())
        while pending:
            yield self._finish(*pending.popleft())

    def _submit(self, job: _Job[C]) -> Any:
        return self.submit(job.documents) if job.documents else None

    def _finish(self, job: _Job[C], handle: Any) -> Done[C]:
        if handle is None:
            return Done(job.context, [])
        try:
            return Done(job.context, self.wait(handle))
        except WorkerLost as lost:
            self.replace_worker(handle)
            if job.attempt == 1:
                self.say(f"{self.name}: {lost}; running its batch of {len(job.documents)} again")
                job.attempt += 1
                return self._finish(job, self._submit(job))
            self.say(f"{self.name}: {lost} again; trying its documents one by one")
            return self._one_by_one(job)

    def _one_by_one(self, job: _Job[C]) -> Done[C]:
        done: Done[C] = Done(job.context, [])
        for document in job.documents:
            handle = self.submit([document])
            try:
                done.records.extend(self.wait(handle))
            except WorkerLost as lost:
                self.replace_worker(handle)
                done.lost.append(_given_up(document, str(lost)))
                where = " ".join(filter(None, (document.source, document.position)))
                self.say(f"{self.name}: quarantined {where}, which kills its worker")
        return done


def _given_up(document: Document, why: str) -> Quarantined:
    error = WorkerDied(
        f"the worker extracting this document died twice ({why}); it was not stored.",
        "Run the same command again to retry it, and report the document if it fails again.",
    )
    return Quarantined(document.source, document.position, str(error), error.code)
