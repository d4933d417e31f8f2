"""partner_of facts from snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def partners(text: str) -> dict[frozenset[str], tuple[str | None, str, str | None]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return {
        frozenset((f.subject, f.object)): (f.kind, f.status, f.date)
        for f in record.facts
        if f.predicate == "partner_of"
    }


def test_partners_coordinated_signatories_with_date():
    found = partners("Le 3 mars 2021, l'ENSIC et l'UTBM ont signé une convention de partenariat.")
    assert found[frozenset({"org-ensic", "org-utbm"})] == ("agreement", "done", "2021-03-03")


def test_partners_with_clause_and_double_degree_kind():
    found = partners("L'UTT lance un double diplôme avec l'ENSIC pour ses élèves.")
    assert found[frozenset({"org-utt", "org-ensic"})][0] == "double_degree"


@pytest.mark.parametrize(
    "cue", ["pourraient signer", "envisagent de signer", "prévoient de signer", "signeront"]
)
def test_partners_modality_cues_make_the_fact_planned(cue):
    found = partners(f"L'ENSIC et l'UTBM {cue} un accord-cadre.")
    assert found[frozenset({"org-ensic", "org-utbm"})][1] == "planned"


def test_partners_need_a_trigger():
    assert partners("L'ENSIC et l'UTBM ont publié leurs résultats d'admission.") == {}
