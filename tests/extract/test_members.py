"""member_of facts from snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def members(text: str) -> dict[tuple[str, str], str]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return {(f.subject, f.object): f.status for f in record.facts if f.predicate == "member_of"}


@pytest.mark.parametrize(
    "text",
    [
        "L'ENIB a rejoint le Groupe INSA en 2021.",
        "L'ENIB, membre du Groupe INSA, accueille le congrès.",
        "L'ENIB devient école associée du Groupe INSA.",
    ],
)
def test_members_each_phrasing(text):
    assert members(text) == {("org-enib", "org-groupe_insa"): "done"}


def test_members_planned_when_announced():
    assert members("L'ENIB devrait rejoindre le Groupe INSA.") == {
        ("org-enib", "org-groupe_insa"): "planned"
    }


def test_members_not_from_a_mere_mention():
    assert members("L'ENIB et le Groupe INSA organisent un colloque.") == {}
