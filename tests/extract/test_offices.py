"""holds_role on the parse: one hand-written sentence per construction."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument


def roles_of(text: str) -> set[tuple[str, str, str | None]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="offices.txt")))
    names = {e.key: e.name for e in record.entities}
    return {
        (names[f.subject], names[f.object or ""], f.qualifiers.get("role"))
        for f in record.facts
        if f.predicate == "holds_role"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fronted appointment: the subject after the comma holds the title
        (
            "Nommée directrice de l'ENSIC en 2022, Claire Lenoir présente ses priorités.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directrice"),
        ),
        (
            "À la tête de l'UTBM depuis 2018, Xavier Perrin a été reconduit.",
            ("Xavier Perrin", "Université de technologie de Belfort-Montbéliard", "directeur"),
        ),
        # passive leading verb on the body's noun
        (
            "Pour l'ENSIC, dirigée par Claire Lenoir, l'enjeu est international.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directeur"),
        ),
        # a relative clause whose clitic stands for the body
        (
            "L'ENSIC recrute. Claire Lenoir, qui la dirige depuis 2019, présente ses priorités.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directeur"),
        ),
        # appointed to the lead, taking it, being at the head after the copula
        (
            "Claire Lenoir a été nommée à la tête de l'ENSIC.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directeur"),
        ),
        (
            "Claire Lenoir prend la direction de l'ENSIC le 1er septembre.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directeur"),
        ),
        (
            "Claire Lenoir est désormais à la tête de l'ENSIC.",
            ("Claire Lenoir", "École nationale supérieure des industries chimiques", "directeur"),
        ),
        # the one person of the sentence holds the title an appointing verb without subject gives
        (
            "À la tête du nouvel établissement, Claire Lenoir, jusqu'ici directrice de l'ENSIC, "
            "a été élue présidente de l'UTT le 13 décembre.",
            ("Claire Lenoir", "Université de technologie de Troyes", "présidente"),
        ),
        # the body elects someone to its presidency
        (
            "La Conférence des grandes écoles a élu Marc Delorme à sa présidence.",
            ("Marc Delorme", "Conférence des grandes écoles", "président"),
        ),
        # two titled people in one sentence: each holds their own title
        (
            "Lundi, Paul Martin, directeur général de l'UTT, et Jeanne Roux, directrice du "
            "campus de l'ENSIC à Nancy, ont signé un accord-cadre.",
            (
                "Jeanne Roux",
                "École nationale supérieure des industries chimiques",
                "directrice du campus",
            ),
        ),
    ],
)
def test_offices_read_the_construction(text, expected):
    assert expected in roles_of(text)


def test_offices_each_title_goes_to_the_name_it_is_apposed_to():
    found = roles_of(
        "Lundi, Paul Martin, directeur général de l'UTT, et Jeanne Roux, directrice de "
        "l'ENSIC, ont signé un accord-cadre."
    )
    assert ("Paul Martin", "Université de technologie de Troyes", "directeur général") in found
    assert not any(p == "Paul Martin" and "industries" in o for p, o, _ in found)


def test_offices_a_former_title_is_a_role_that_ended():
    text = "En 2020, Claire Lenoir, jusqu'ici directrice de l'ENSIC, a rejoint le ministère."
    record = extract_document(Document.from_raw(RawDocument(text=text, source="offices.txt")))
    held = [f for f in record.facts if f.predicate == "holds_role"]
    assert held and all(f.end_date == "2020" and f.date is None for f in held)


def test_offices_leaving_the_lead_ends_the_role():
    text = "En 2023, Claire Lenoir quitte la direction de l'ENSIC."
    record = extract_document(Document.from_raw(RawDocument(text=text, source="offices.txt")))
    held = [f for f in record.facts if f.predicate == "holds_role"]
    assert held and all(f.end_date == "2023" and f.date is None for f in held)


def test_offices_a_possessive_title_after_the_person_names_the_body_before():
    found = roles_of(
        "L'Université de Lille recrute. « Nous avions tiré les leçons », explique Jean Dupont, "
        "son président."
    )
    assert found == {("Jean Dupont", "Université de Lille", "président")}


@pytest.mark.parametrize(
    "quote",
    [
        "« Il s'agissait de réparer une anomalie », sourit Jean Dupont, son président.",
        "« La fusion n'était qu'un début », estime son président, Jean Dupont.",
    ],
)
def test_offices_a_possessive_title_after_a_quote_skips_the_quote_s_own_subjects(quote):
    """The subjects inside the quotation are the speaker's, not the narrative's; and the
    parser hanging the speech verb on the title does not hide the person before it."""
    found = roles_of(f"L'Université de Lille a succédé en 2018 à trois universités. {quote}")
    assert found == {("Jean Dupont", "Université de Lille", "président")}


def test_offices_a_passive_leading_verb_names_the_body_its_subject():
    assert roles_of(
        "Créée en 2016, l'Université Grenoble-Alpes a été présidée par Jean Dupont."
    ) == {("Jean Dupont", "Université Grenoble Alpes", "président")}


def test_offices_a_possessive_title_with_two_bodies_before_gives_no_role():
    assert not roles_of(
        "L'ENSIC et l'UTT ont signé. « C'est une chance », dit Jean Dupont, son directeur."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Claire Morvan a été élue présidente de Nantes Université. Elle succède à Louis Garnier.",
        "Claire Morvan a été élue présidente de Nantes Université. Succédant à Louis Garnier, "
        "elle ouvre un nouveau mandat.",
        "Claire Morvan a été élue présidente de Nantes Université. Elle prend la succession de "
        "Louis Garnier, parti à la retraite.",
    ],
)
def test_offices_a_predecessor_named_without_the_body_held_the_role_just_given(text):
    assert ("Louis Garnier", "Nantes Université", "présidente") in roles_of(text)


def test_offices_a_predecessor_is_no_holder_when_two_roles_were_just_given():
    text = (
        "Claire Morvan, directrice de l'ENSIC, et Paul Durand, président de l'UTT, ont signé. "
        "Elle succède à Louis Garnier."
    )
    assert not {r for r in roles_of(text) if r[0] == "Louis Garnier"}


def test_offices_taking_over_the_succession_at_the_head_gives_both_roles():
    found = roles_of(
        "Paul Durand devrait prendre la succession de Louis Garnier à la tête de l'ENSIC."
    )
    ensic = "École nationale supérieure des industries chimiques"
    assert {("Paul Durand", ensic, "directeur"), ("Louis Garnier", ensic, "directeur")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le conseil d'administration de l'Université Bretagne Sud a élu Claire Morvan "
            "présidente le 30 juin.",
            ("Claire Morvan", "Université Bretagne Sud", "présidente"),
        ),
        (
            "Paul Durand, réélu à la tête de l'Université de Lorraine, entame un second mandat.",
            ("Paul Durand", "Université de Lorraine", "directeur"),
        ),
    ],
)
def test_offices_elections_name_the_body_of_the_electing_council_or_the_participle(text, expected):
    assert expected in roles_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Paul Durand prend ses fonctions de directeur de l'ENSIC le 1er septembre.",
        "Paul Durand occupe le poste de directeur de l'ENSIC depuis 2019.",
        # the object's possessive is the clause's subject
        "L'ENSIC accueille son nouveau directeur, Paul Durand.",
    ],
)
def test_offices_a_title_inside_an_office_noun_or_owned_by_the_clause_subject(text):
    assert ("Paul Durand", "École nationale supérieure des industries chimiques", "directeur") in (
        roles_of(text)
    )


def test_offices_coordinated_signatories_keep_their_own_titles():
    """'par son directeur, X, et par le président de Y, le professeur Z': Z presides Y (the
    courtesy title carries the name), X does not; 'TH Y' is the 'Technische Hochschule Y'."""
    found = roles_of(
        "L'ENSTIB ouvre un master avec la Technische Hochschule Rosenheim. La convention a été signée "
        "par son directeur, Denis Masson, et par le président de la TH Rosenheim, le "
        "professeur Heinrich Köster."
    )
    assert ("Heinrich Köster", "Technische Hochschule Rosenheim", "président") in found
    assert not {r for r in found if r[0] == "Denis Masson" and "Rosenheim" in r[1]}
