"""Extractors that engine tests hand to worker processes and Ray actors (importable by
name, so that spawned processes and actors can unpickle them)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from maillage.models import Document, Entity, ExtractionRecord, Mention

MARK = "WORKER-KILLER"


def plain(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """One entity per document, named after its first word: cheap and deterministic."""
    return [_record(d) for d in documents]


def fragile(documents: Sequence[Document]) -> list[ExtractionRecord]:
    """Like `plain`, but the worker process dies at once on a document carrying MARK."""
    if any(MARK in d.text for d in documents):
        os._exit(17)
    return plain(documents)


def _record(document: Document) -> ExtractionRecord:
    word = document.text.split()[0] if document.text.split() else "vide"
    entity = Entity(key=f"org-{word.lower()}", type="organization", name=word)
    mention = Mention(entity.key, document.id, 0, len(word), word)
    return ExtractionRecord(document, [entity], [mention], pipeline_version="test")
