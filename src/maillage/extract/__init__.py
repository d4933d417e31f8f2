"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import chain

from spacy.tokens import Doc

from ..errors import ExtractionFailed
from ..models import Document, ExtractionRecord, Quarantined
from ..nlp.pipeline import parse
from ..resolve.gazetteer import load_gazetteer
from ..settings import Settings
from ..sources import read_sources
from ..version import PIPELINE_VERSION
from .context import Context, SentenceFinder
from .frames import frame_readings
from .lists import without_insertions
from .locations import find_locations, more_places
from .members import find_members
from .mentions import find_entities
from .modality import status_of
from .offices import find_offices, predecessors
from .partners import find_partners
from .parts import find_parts
from .quantities import find_quantities
from .references import find_references
from .roles import find_roles
from .successions import find_successions
from .temporal import deictic_publication_date

FINDERS = (
    find_roles,
    find_partners,
    find_members,
    find_parts,
    find_successions,
    find_quantities,
)


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    return extract_documents([document])[0]


def extract_documents(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """Extraction records of a batch, parsed together by spaCy (`nlp.pipe` batches are faster).
    A document that breaks the pipeline gets a record with its problem; the others go on."""
    try:
        docs: list[Doc | None] = list(parse([d.text for d in documents]))
    except Exception:  # find the document at fault: parse them one by one
        docs = [None] * len(documents)
    return [_guarded(document, doc) for document, doc in zip(documents, docs, strict=True)]


def _guarded(document: Document, doc: Doc | None) -> ExtractionRecord:
    """One bad document must not stop the batch: it is stored without facts, with its problem."""
    try:
        return _record(document, doc if doc is not None else parse([document.text])[0])
    except Exception as exc:
        problem = ExtractionFailed(
            f"extraction failed ({type(exc).__name__}: {exc}); the document is stored without "
            "facts. Run `maillage reprocess` after a fix, and report the document."
        )
        return ExtractionRecord(document, pipeline_version=PIPELINE_VERSION, problem=str(problem))


def _record(document: Document, doc: Doc) -> ExtractionRecord:
    _forget_the_last_document()
    gazetteer = load_gazetteer()
    found = find_entities(doc, document, gazetteer)
    if document.published is None:
        document.published = deictic_publication_date(document.text)
    # bound_possessives=False: the surface finders below split lists on a possessive
    references = find_references(
        doc, document.id, found.mentions, found.entities, gazetteer, bound_possessives=False
    )
    more_places(doc, document.id, found, references, gazetteer)
    context = Context.build(
        document.text,
        chain(found.mentions, references),
        found.entities,
        sentence_finder(document.text),
        PIPELINE_VERSION,
        document.published,
        doc,
    )
    readings = list(
        chain(
            frame_readings(doc, context.mentions, found.entities),
            find_offices(doc, context.mentions, found.entities),
            find_locations(context, doc),
            chain.from_iterable(find(context) for find in FINDERS),
        )
    )
    readings += predecessors(doc, context.mentions, found.entities, readings)
    facts = context.facts(readings)
    return ExtractionRecord(
        document=document,
        entities=list(found.entities.values()),
        mentions=found.mentions,
        facts=facts,
        pipeline_version=PIPELINE_VERSION,
    )


def _forget_the_last_document() -> None:
    """Empty the caches of one document's strings (its sentences, the gaps between its
    names): they serve while it is read and keep nothing of it after; an article seen again
    (a benchmark's copies) is worked out again."""
    for cached in (sentence_finder, status_of, without_insertions):
        cached.cache_clear()


def extract_paths(paths: list[str], settings: Settings) -> Iterator[ExtractionRecord | Quarantined]:
    """Extract from articles on disk without storing anything: what `maillage extract` shows."""
    for item in read_sources(paths, settings):
        yield item if isinstance(item, Quarantined) else extract_document(Document.from_raw(item))


# A sentence ends at . ! ? or … followed by a capital, an opening quote or a dash, or at a line
# break; spaCy's parser splits press sentences after fronted phrases ("À Grenoble | , l'ENSIMAG").
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”]?\s+(?=[«\"“A-ZÀ-Ý–—-])|\n+")


@lru_cache(maxsize=8)  # the references and the facts of a document split the same text
def sentence_finder(text: str) -> SentenceFinder:
    """Character bounds of the sentence holding a character offset."""
    breaks = list(_SENTENCE_END.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]

    def sentence_of(offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(starts, offset) - 1)
        return starts[index], ends[index]

    return sentence_of
