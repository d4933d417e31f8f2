"""A long text is parsed in pieces and joined back: the same Doc text, offsets and facts as
parsed at once, and maillage's components still read the whole article."""

from __future__ import annotations

import dataclasses

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument
from maillage.nlp import pipeline
from maillage.nlp.pipeline import parse, pieces

# Written for this test: an acronym defined in the first paragraph, used in the last one.
PARAGRAPHS = [
    "Le Laboratoire d'informatique de Grenoble (LIG) et l'Université Grenoble Alpes ont "
    "signé un accord-cadre de recherche.",
    "L'INSA Lyon et l'École Centrale de Lyon ont créé un master commun. Elle accueille "
    "vingt étudiants depuis 2021.",
    "Depuis 2022, LIG et l'INSA Lyon partagent une plateforme de calcul.",
]
TEXT = "\n\n".join([PARAGRAPHS[0], *[PARAGRAPHS[1]] * 6, PARAGRAPHS[2]])


def test_pieces_keep_every_character_and_end_after_a_line_break_or_a_sentence():
    cut = pieces(TEXT, 300)
    assert "".join(cut) == TEXT
    assert len(cut) > 2 and all(len(p) <= 300 for p in cut)
    assert all(p.endswith(("\n\n", ". ")) for p in cut[:-1])
    one_line = TEXT.replace("\n\n", " ")
    assert all(p.endswith(". ") for p in pieces(one_line, 300)[:-1])
    assert pieces("x" * 500, 300) == ["x" * 500]  # nowhere to cut: whole


def _record(text: str) -> tuple[list[dict], list[dict]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return (
        [dataclasses.asdict(f) for f in record.facts],
        [dataclasses.asdict(m) for m in record.mentions],
    )


@pytest.mark.slow
def test_a_text_parsed_in_pieces_gives_what_it_gives_parsed_at_once(monkeypatch):
    whole = _record(TEXT)
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 300)
    doc = parse([TEXT])[0]
    assert doc.text == TEXT
    assert _record(TEXT) == whole
    facts, mentions = whole
    assert facts and all(
        e["text"] == TEXT[e["start"] : e["end"]] for f in facts for e in f["evidence"]
    )
    assert all(m["text"] == TEXT[m["start"] : m["end"]] for m in mentions if m["field"] == "text")
    lig = [m for m in mentions if m["text"] == "LIG"]
    assert lig[-1]["start"] > len(TEXT) - len(PARAGRAPHS[2])  # the last piece's acronym
    assert lig[-1]["entity"] == lig[0]["entity"]
