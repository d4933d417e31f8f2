"""Document → ExtractionRecord: the pure function every engine runs."""

from __future__ import annotations

from ..models import Document, ExtractionRecord
from ..version import PIPELINE_VERSION


def extract_document(document: Document) -> ExtractionRecord:
    """Entities, mentions and facts of one document."""
    return ExtractionRecord(document=document, pipeline_version=PIPELINE_VERSION)
