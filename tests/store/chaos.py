"""A maillage command in a child process that kills itself (SIGKILL, as kill -9 would) at a
chosen point: the fault-injection tests run it, then check what the next command does.

    python -m tests.store.chaos ingest|reprocess DB [FOLDER] [--kill POINT:N]

POINT is where the N-th time it is reached: `saved` (a batch committed), `saving` (inside
a batch's transaction), `consolidating` (consolidation done, not committed), `deciding`
(decisions applied, not committed), `finishing` (all committed, the run not marked done).
Extraction is a cheap deterministic stand-in for the model: "EcoleA signe avec EcoleB"."""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

import maillage.reprocess as reprocessing
from maillage.ingest import ingest
from maillage.models import Document, Entity, Evidence, ExtractionRecord, Fact, Mention
from maillage.reprocess import reprocess
from maillage.settings import Settings
from maillage.store import Store, runs

PAIR = re.compile(r"Ecole(\d+) signe avec Ecole(\d+)")


def extract(documents: Sequence[Document]) -> list[ExtractionRecord]:
    return [_record(d) for d in documents]


def _record(doc: Document) -> ExtractionRecord:
    found = PAIR.search(doc.text)
    assert found is not None, doc.text
    names = [f"Ecole{n}" for n in found.groups()]
    entities = [
        Entity(f"org-e{n}", "organization", name)
        for n, name in zip(found.groups(), names, strict=True)
    ]
    mentions = [
        Mention(e.key, doc.id, found.start(i + 1) - 5, found.end(i + 1), e.name)
        for i, e in enumerate(entities)
    ]
    proof = Evidence(doc.id, found.start(), found.end(), found.group(0), "chaos.pair", "chaos")
    fact = Fact("partner_of", entities[0].key, entities[1].key, kind="agreement", evidence=[proof])
    return ExtractionRecord(doc, entities, mentions, [fact], "chaos")


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _killing(real: Callable[..., Any], when: int, before: bool = False) -> Callable[..., Any]:
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if before and calls == when:
            _die()
        result = real(*args, **kwargs)
        if calls == when:
            _die()
        return result

    return wrapped


def arm(point: str, when: int) -> None:
    """Patch the library so that the process dies the `when`-th time it reaches `point`."""
    if point == "saved":
        Store.save = _killing(Store.save, when)  # type: ignore[method-assign]
    elif point == "saving":
        Store._insert_rows = _killing(Store._insert_rows, when)  # type: ignore[method-assign]
    elif point == "consolidating":
        reprocessing.consolidate_in = _killing(reprocessing.consolidate_in, when)
    elif point == "deciding":
        reprocessing.apply_decisions_in = _killing(reprocessing.apply_decisions_in, when)
    elif point == "finishing":
        runs.finish = _killing(runs.finish, when, before=True)
    else:
        raise SystemExit(f"unknown kill point {point}")


def main(argv: list[str]) -> None:
    if "--kill" in argv:
        at = argv.index("--kill")
        point, when = argv[at + 1].split(":")
        arm(point, int(when))
        argv = argv[:at] + argv[at + 2 :]
    command, db, *folder = argv
    settings = Settings(db=db, batch_size=5)
    if command == "ingest":
        report = ingest(folder, settings, extractor=extract)
        print(f"new {report.new} duplicate {report.duplicate}", *report.recovered, sep="\n")
    else:
        done = reprocess(settings, extractor=extract)
        print(f"reprocessed {done.documents}", *done.recovered, sep="\n")


if __name__ == "__main__":
    main(sys.argv[1:])
