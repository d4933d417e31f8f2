"""located_in facts from snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def locations(text: str) -> set[tuple[str, str]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return {(f.subject, f.object) for f in record.facts if f.predicate == "located_in"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("À Grenoble, l'ENSIMAG forme des informaticiens.", ("org-ensimag", "place-grenoble")),
        ("Titre de la page\nÀ Brest, l'ENIB accueille 800 élèves.", ("org-enib", "place-brest")),
        (
            "Une convention avec l'UTBM, implantée à Belfort, a été signée.",
            ("org-utbm", "place-belfort"),
        ),
    ],
)
def test_locations_each_phrasing(text, expected):
    assert expected in locations(text)


def test_locations_not_from_a_place_far_from_any_pattern():
    assert locations("L'ENSIMAG a signé un accord. Le colloque aura lieu à Lyon.") == set()
