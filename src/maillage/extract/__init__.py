"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ..models import Document, ExtractionRecord
from ..nlp.pipeline import load_pipeline
from ..resolve.gazetteer import load_gazetteer
from ..version import PIPELINE_VERSION
from .mentions import find_entities
from .roles import SentenceFinder, find_roles


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    doc = load_pipeline()(document.text)
    found = find_entities(doc, document, load_gazetteer())
    types = {key: entity.type for key, entity in found.entities.items()}
    facts = find_roles(document.text, found.mentions, types, sentence_finder(doc), PIPELINE_VERSION)
    return ExtractionRecord(
        document=document,
        entities=list(found.entities.values()),
        mentions=found.mentions,
        facts=facts,
        pipeline_version=PIPELINE_VERSION,
    )


def sentence_finder(doc: Doc) -> SentenceFinder:
    """Character bounds of the sentence holding a character offset."""
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [start for start, _ in bounds]

    def sentence_of(offset: int) -> tuple[int, int]:
        return bounds[max(0, bisect_right(starts, offset) - 1)]

    return sentence_of
