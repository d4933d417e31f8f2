"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import chain

from ..models import Document, ExtractionRecord, Quarantined
from ..nlp.pipeline import load_pipeline
from ..resolve.gazetteer import load_gazetteer
from ..settings import Settings
from ..sources import read_sources
from ..version import PIPELINE_VERSION
from .context import Context, SentenceFinder
from .locations import find_locations
from .members import find_members
from .mentions import find_entities
from .partners import find_partners
from .parts import find_parts
from .quantities import find_quantities
from .references import find_references
from .roles import find_roles
from .successions import find_successions
from .temporal import deictic_publication_date

FINDERS = (
    find_roles,
    find_locations,
    find_partners,
    find_members,
    find_parts,
    find_successions,
    find_quantities,
)


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    doc = load_pipeline()(document.text)
    gazetteer = load_gazetteer()
    found = find_entities(doc, document, gazetteer)
    if document.published is None:
        document.published = deictic_publication_date(document.text)
    references = find_references(
        document.text, document.id, found.mentions, found.entities, gazetteer
    )
    context = Context.build(
        document.text,
        chain(found.mentions, references),
        found.entities,
        sentence_finder(document.text),
        PIPELINE_VERSION,
        document.published,
    )
    facts = context.facts(chain.from_iterable(find(context) for find in FINDERS))
    return ExtractionRecord(
        document=document,
        entities=list(found.entities.values()),
        mentions=found.mentions,
        facts=facts,
        pipeline_version=PIPELINE_VERSION,
    )


def extract_paths(paths: list[str], settings: Settings) -> Iterator[ExtractionRecord | Quarantined]:
    """Extract from articles on disk without storing anything: what `maillage extract` shows."""
    for item in read_sources(paths, settings):
        yield item if isinstance(item, Quarantined) else extract_document(Document.from_raw(item))


# A sentence ends at . ! ? or … followed by a capital, an opening quote or a dash, or at a line
# break; spaCy's parser splits press sentences after fronted phrases ("À Grenoble | , l'ENSIMAG").
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”]?\s+(?=[«\"“A-ZÀ-Ý–—-])|\n+")


def sentence_finder(text: str) -> SentenceFinder:
    """Character bounds of the sentence holding a character offset."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]

    def sentence_of(offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(starts, offset) - 1)
        return starts[index], ends[index]

    return sentence_of
