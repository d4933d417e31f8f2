"""The sentence around a name, read from the whole text once: the same cut as a search of
the text up to each name."""

from __future__ import annotations

import random

import spacy

from maillage.nlp.names import _SENTENCE_END, sentences


def _searched(text: str, start: int, end: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[starts[-1] if starts else 0 : after.start() if after else len(text)]


def test_each_span_s_sentence_is_the_one_a_search_up_to_it_finds():
    nlp = spacy.blank("fr")
    rng = random.Random(13)
    pieces = ["Lyon", "école", ". ", ".  ", "! ", "\n", "\n\n", " ", "» ", "« ", "É", "-", "… "]
    for _ in range(300):
        doc = nlp("".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))))
        sentence = sentences(doc)
        for start in range(len(doc)):
            span = doc[start : rng.randint(start + 1, len(doc))]
            assert sentence(span) == _searched(doc.text, span.start_char, span.end_char)
