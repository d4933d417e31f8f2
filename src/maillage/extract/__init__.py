"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Document, ExtractionRecord
from ..nlp.pipeline import load_pipeline
from ..resolve.gazetteer import load_gazetteer
from ..version import PIPELINE_VERSION
from .context import Context, SentenceFinder
from .locations import find_locations
from .members import find_members
from .mentions import find_entities
from .partners import find_partners
from .roles import find_roles


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    doc = load_pipeline()(document.text)
    found = find_entities(doc, document, load_gazetteer())
    types = {key: entity.type for key, entity in found.entities.items()}
    sentence_of = sentence_finder(document.text)
    context = Context.build(document.text, found.mentions, types, sentence_of, PIPELINE_VERSION)
    finders = (find_roles, find_locations, find_partners, find_members)
    facts = [fact for find in finders for fact in find(context)]
    return ExtractionRecord(
        document=document,
        entities=list(found.entities.values()),
        mentions=found.mentions,
        facts=facts,
        pipeline_version=PIPELINE_VERSION,
    )


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
