"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

from ..models import Document, ExtractionRecord
from ..nlp.pipeline import load_pipeline
from ..resolve.gazetteer import load_gazetteer
from ..version import PIPELINE_VERSION
from .mentions import find_entities


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    doc = load_pipeline()(document.text)
    found = find_entities(doc, document, load_gazetteer())
    return ExtractionRecord(
        document=document,
        entities=list(found.entities.values()),
        mentions=found.mentions,
        pipeline_version=PIPELINE_VERSION,
    )
