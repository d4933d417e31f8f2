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


@pytest.mark.parametrize(
    "text",
    [
        "Pas de rapprochement avec l'UTBM pour l'ENSIC cette année.",
        "L'ENSIC avait approché l'UTBM, mais aucun accord n'a été trouvé avec l'UTBM.",
    ],
)
def test_partners_a_denied_partnership_gives_no_fact(text):
    assert frozenset({"org-ensic", "org-utbm"}) not in partners(text)


def test_partners_the_partner_after_avec_inside_commas_is_the_one_paired():
    """'Contrairement à X, Y renforce ses liens avec Z, sa voisine, avec laquelle elle …':
    Z is Y's partner, and X (contrasted) is no party."""
    found = partners(
        "Centrale Lille ouvre un master. Contrairement à l'UTBM, l'école lilloise a préféré "
        "renforcer ses liens avec IMT Nord Europe, sa voisine de Villeneuve-d'Ascq, avec laquelle "
        "elle partage déjà des options."
    )
    assert frozenset({"org-centrale_lille", "org-imt_nord_europe"}) in found
    assert not any("org-utbm" in pair for pair in found)


def test_partners_a_list_after_avec_stops_at_the_next_clause_s_subject():
    found = partners(
        "L'ENSIC envisage d'ouvrir un master commun avec l'UTT, et l'ENSEM réfléchit à une "
        "filière en apprentissage."
    )
    assert frozenset({"org-ensic", "org-utt"}) in found
    assert not any("org-ensem" in pair for pair in found)


def test_partners_a_verbless_denial_headed_by_pas_gives_no_fact():
    assert not partners("L'ENSIC ouvre une formation. Pas de rapprochement avec Centrale Lille.")


def test_partners_a_comparison_inside_an_apposition_is_no_party():
    """'L'école, membre du réseau X comme Y, signera avec Z': Y is compared, not signing."""
    found = partners(
        "L'école, membre du réseau Polytech comme Polytech Nancy, devrait signer un accord "
        "d'échanges avec l'UTBM."
    )
    assert not any("org-polytech_nancy" in pair for pair in found)


def test_partners_a_component_named_after_avec_is_not_its_whole_s_partner():
    found = partners(
        "Ce partenariat prolonge une collaboration avec Télécom Nancy, l'école d'informatique "
        "de l'Université de Lorraine, et avec l'UTBM."
    )
    assert not any("org-universite_de_lorraine" in pair for pair in found)


def test_partners_the_institution_of_the_signing_officer_signs():
    found = partners(
        "Le président de l'UTBM, Pierre Durand, a signé mardi une convention-cadre avec "
        "l'ENSIC et VetAgro Sup."
    )
    assert frozenset({"org-utbm", "org-ensic"}) in found
    assert frozenset({"org-utbm", "org-vetagro_sup"}) in found


def test_partners_a_denied_description_still_lets_its_clause_sign():
    found = partners(
        "Ce n'est pas le premier accord de ce type pour l'ENSIC, qui avait déjà signé en 2018 "
        "un accord-cadre avec l'UTBM."
    )
    assert frozenset({"org-ensic", "org-utbm"}) in found


def test_partners_a_whole_and_its_component_in_the_sentence_that_says_so_are_no_partners():
    found = partners(
        "L'ENSAE Paris, école du GENES, et le GENES ont signé une convention avec "
        "l'Université de Montréal."
    )
    assert frozenset({"org-ensae_paris", "org-genes"}) not in found
    assert frozenset({"org-ensae_paris", "org-universite_de_montreal"}) in found


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Une convention lie l'ENSIC et l'Université Laval depuis 2015.",
            {"org-ensic", "org-universite_laval"},
        ),
        (
            "L'École centrale de Nantes travaille au sein de l'Alliance Centrale-Audencia-ensa, "
            "qui la lie depuis 2013 à Audencia et à l'École nationale supérieure d'architecture "
            "de Nantes.",
            {"org-audencia", "org-ensa_nantes"},
        ),
    ],
)
def test_partners_what_binds_two_bodies_makes_them_partners(text, pair):
    assert frozenset(pair) in partners(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le groupe compte sept écoles partenaires (l'ENSCI, l'UTT et l'ENSMM) et signe beaucoup.",
        "Parmi nos partenaires : l'ENSCI, l'UTT et l'ENSMM.",
    ],
)
def test_partners_the_list_of_a_partner_noun_is_no_partnership_among_its_items(text):
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    assert not [f for f in record.facts if f.predicate == "partner_of"]


def test_partners_listed_after_avec_are_the_subject_s_partners_not_each_other_s():
    found = partners(
        "L'ENSIC conclut un partenariat avec les deux écoles d'ingénieurs du groupe, l'ENSEM et "
        "l'ENSGSI, le 8 avril 2013."
    )
    assert frozenset({"org-ensem", "org-ensgsi"}) not in found
    assert {frozenset({"org-ensic", "org-ensem"}), frozenset({"org-ensic", "org-ensgsi"})} <= set(
        found
    )
