"""Issue 13, row 12: extraction's work grows with a document's length, not with its square.
Work is counted, not timed: the Python calls made while extracting one document (every
function, generator step and built-in call, as cProfile counts them) are deterministic."""

from __future__ import annotations

import cProfile
import pstats

import pytest

from maillage.extract import extract_document
from maillage.models import Document, ExtractionRecord, RawDocument

pytestmark = pytest.mark.slow

# Written for this test: four institutions, a coordination and a pronoun.
SENTENCES = (
    "L'INSA Lyon et l'Université de Lyon ont signé une convention de partenariat avec "
    "l'École Centrale de Lyon. Elle dirige l'école depuis 2019. "
)


def _counted(repeats: int) -> tuple[int, ExtractionRecord]:
    document = Document.from_raw(RawDocument(text=SENTENCES * repeats, source="long.txt"))
    profile = cProfile.Profile()
    record = profile.runcall(extract_document, document)
    return pstats.Stats(profile).total_calls, record


def _statements(record: ExtractionRecord) -> dict[tuple[str, str, str | None], int]:
    return {(f.predicate, f.subject, f.object): len(f.evidence) for f in record.facts}


def test_twice_the_text_is_twice_the_work_and_twice_the_evidence():
    _counted(1)  # caches and compiled patterns are not the document's work
    calls, record = _counted(20)
    doubled_calls, doubled = _counted(40)
    # Before the fix: 2.8 times the calls here, 3.2 times from 40 to 80 repeats.
    assert doubled_calls < 2.2 * calls
    statements = _statements(record)
    assert statements  # the sentences state facts, each once per repeat
    assert _statements(doubled) == {key: 2 * count for key, count in statements.items()}
