"""holds_role facts from snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def roles(text: str) -> set[tuple[str, str, str]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    facts = [f for f in record.facts if f.predicate == "holds_role"]
    for fact in facts:
        assert fact.evidence and fact.evidence[0].rule.startswith(("role.", "frame.office."))
        assert fact.evidence[0].text in text
    return {(f.subject, f.object, f.qualifiers["role"]) for f in facts}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "« C'est une étape », explique Paul Garnier, directeur de l'ENSIC.",
            ("per-paul-garnier", "org-ensic", "directeur"),
        ),
        (
            "Selon Marie Lefèvre, présidente de l'Université de Lorraine, l'accord est signé.",
            ("per-marie-lefevre", "org-universite_de_lorraine", "présidente"),
        ),
        (
            "La directrice générale de l'INSA Lyon, Sophie Martin, a signé l'accord.",
            ("per-sophie-martin", "org-insa_lyon", "directrice générale"),
        ),
        (
            "L'accord a été signé par Hugo Bernard (DG de l'UTBM) hier.",
            ("per-hugo-bernard", "org-utbm", "dg"),
        ),
        (
            "« Nous avançons », se félicite Léa Robin, qui dirige l'ENSMM depuis 2019.",
            ("per-lea-robin", "org-ensmm", "directeur"),
        ),
        (
            "L'UTT, représentée par sa directrice Claire Morel, a signé le texte.",
            ("per-claire-morel", "org-utt", "directrice"),
        ),
    ],
)
def test_roles_each_phrasing(text, expected):
    assert expected in roles(text)


def test_roles_chain_of_titles_gives_one_fact_per_organization():
    found = roles(
        "Pour Anne Roux, présidente du Groupe INSA et directrice de l'INSA Toulouse, c'est acquis."
    )
    assert ("per-anne-roux", "org-groupe_insa", "présidente") in found
    assert ("per-anne-roux", "org-insa_toulouse", "directrice") in found


def test_roles_title_line_under_a_signature():
    text = "Le texte de la tribune.\n\nJean Moreau\nDirecteur du développement international\n\nLe Conservatoire national des arts et métiers"
    assert ("per-jean-moreau", "org-cnam", "directeur du développement international") in roles(
        text
    )


def test_roles_need_a_title_between_person_and_organization():
    assert roles("Paul Garnier a visité l'ENSIC et l'UTBM la semaine dernière.") == set()


def test_roles_bulleted_contact_lines_belong_to_the_article_institution():
    text = (
        "L'ENSCM accueille ses étudiants. L'ENSCM recrute.\nContacts :\n"
        "- Inès Bouzid, responsable des relations internationales\n"
        "Claire Martin, responsable, a parlé."
    )
    found = roles(text)
    assert ("per-ines-bouzid", "org-enscm", "responsable des relations internationales") in found
    assert not any(person == "per-claire-martin" for person, _, _ in found)


def test_roles_taking_the_lead_is_a_directorship():
    assert ("per-claire-martin", "org-utbm", "directeur") in roles(
        "Claire Martin prend la tête de l'UTBM."
    )


def test_roles_a_web_page_s_capitalised_title_after_the_name_without_a_comma():
    found = roles(
        "La signature a réuni Claire Vasseur Directrice Générale de l'UTBM, "
        "Marc Aubert Directeur de l'ENSMM et d'autres invités."
    )
    assert ("per-claire-vasseur", "org-utbm", "directrice générale") in found
    assert ("per-marc-aubert", "org-ensmm", "directeur") in found
    assert not any(person == "per-marc-aubert" and org == "org-utbm" for person, org, _ in found)


def test_roles_the_holder_before_a_copula_the_parser_cut_from_its_sentence():
    found = roles("La Gazette\n\nCorentin Vabrec est le nouveau directeur général de l'UTBM.")
    assert ("per-corentin-vabrec", "org-utbm", "directeur général") in found


def test_roles_an_abbreviated_vice_president():
    found = roles("Selon Sonia Marlin, VP relations internationales de l'UTBM, c'est un levier.")
    assert any(p == "per-sonia-marlin" and o == "org-utbm" for p, o, _ in found)


def test_roles_the_president_of_ce_groupement_is_the_grouping_s():
    found = roles(
        "L'UGEI accueille deux écoles. Jean-Paul Garel, président de ce groupement de 19 écoles, "
        "ne commente pas."
    )
    assert ("per-jean-paul-garel", "org-ugei", "président") in found


def test_roles_an_elected_title_the_parser_apposed_to_the_verb():
    found = roles(
        "Paul Garnier, président de l'UTT, est élu président de l'Université de Lorraine."
    )
    assert ("per-paul-garnier", "org-utt", "président") in found
    assert ("per-paul-garnier", "org-universite_de_lorraine", "président") in found


def test_roles_a_body_that_has_a_new_director_named_after_a_comma():
    assert ("per-paul-durand", "org-utt", "directeur") in roles(
        "L'UTT a un nouveau directeur, Paul Durand."
    )
    assert roles("L'UHA a un président depuis 2019 et l'UTT a un directeur.") == set()


def test_roles_a_possessive_after_whom_one_speaks_to_is_the_subject_s():
    found = roles(
        "L'Université de Lorraine rejoint l'alliance Unite!, confirme à AEF info son président, "
        "Jean Martin, le 22 décembre."
    )
    assert {(s, o) for s, o, _ in found} == {("per-jean-martin", "org-universite_de_lorraine")}


def test_roles_an_office_of_an_école_two_schools_of_the_sentence_fit_is_no_fact():
    found = roles(
        "« Le projet proposé par l'ENSIC correspondait à ce qu'on voulait faire de l'ENSMM », "
        "estime Jean Martin, directeur de l'école d'ingénieurs."
    )
    assert found == set()


def test_roles_a_possessive_after_a_complement_in_a_sentence_about_another_body_is_no_fact():
    found = roles(
        "L'ENSIC entend s'appuyer sur la marque ENSMM, même si son président, Jean Martin, "
        "cherche d'autres partenaires."
    )
    assert found == set()


@pytest.mark.parametrize(
    "text",
    [
        "L'accord a été signé avec l'ENSMM, représentée par son directeur, Jean Martin.",
        "L'ENSIC était représentée par sa directrice, Anne Roy, l'ENSMM par son directeur, "
        "Jean Martin.",
    ],
)
def test_roles_a_body_represented_by_its_officer(text):
    assert ("per-jean-martin", "org-ensmm", "directeur") in roles(text)


def test_roles_a_title_set_off_after_a_fronted_body():
    found = roles("A l'ENSIC, la présidente, Anne Roy, n'oublie jamais de vous reprendre.")
    assert found == {("per-anne-roy", "org-ensic", "présidente")}


def test_roles_a_title_whose_holder_does_not_wish_to_answer_is_held_now():
    text = "Le président de l'ENSIC, Jean Martin, n'a pas souhaité répondre."
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    assert [(f.subject, f.status) for f in record.facts if f.predicate == "holds_role"] == [
        ("per-jean-martin", "done")
    ]


def test_roles_a_denied_title_is_no_fact():
    assert roles("Jean Martin n'est pas le directeur de l'ENSIC.") == set()


def test_roles_the_university_of_a_grand_établissement_named_université():
    found = roles(
        "L'Université Paris-Dauphine recrute. « C'est une reconnaissance », s'est félicité "
        "le président de l'université, Laurent Batsch."
    )
    assert {(s, r) for s, _, r in found} == {("per-laurent-batsch", "président")}


def test_roles_a_complement_after_the_holder_s_name_is_not_the_title_s_body():
    found = roles("Le nom subsiste, comme l'expliquait l'ancien président Jean Martin à AEF info.")
    assert not any(o == "org-aef-info" for _, o, _ in found)
