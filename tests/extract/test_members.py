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


@pytest.mark.parametrize(
    "text",
    [
        "Le Groupe INSA réunit trois écoles :\n- l'ENIB\n- l'UTT\n- l'ENSMM",
        "Les membres du Groupe INSA sont :\n- l'ENIB ;\n- l'UTT ;\n- l'ENSMM.",
        "Membres du Groupe INSA :\n• ENIB\n• UTT\n• ENSMM\nLe groupe recrute.",
    ],
)
def test_members_of_a_bulleted_list_after_a_colon(text):
    assert set(members(text)) == {
        ("org-enib", "org-groupe_insa"),
        ("org-utt", "org-groupe_insa"),
        ("org-ensmm", "org-groupe_insa"),
    }


def test_members_bulleted_items_that_say_more_than_a_name_are_no_list():
    record = extract_document(
        Document.from_raw(
            RawDocument(
                text="L'école propose trois parcours :\n- ingénieur généraliste\n"
                "- master en partenariat avec l'UTT\n- doctorat avec l'ENSMM",
                source="t.txt",
            )
        )
    )
    pairs = {(f.subject, f.object) for f in record.facts if f.predicate == "partner_of"}
    assert ("org-utt", "org-ensmm") not in pairs and ("org-ensmm", "org-utt") not in pairs


def test_members_a_joined_body_the_parser_read_as_an_attribute():
    assert members('L\'Université de technologie de Troyes (UTT) intègre "Unite!", dit-on.') == {
        ("org-utt", "org-unite"): "done"
    }


def test_members_schools_of_a_field_members_of_a_body():
    found = members("Mines Nancy est l'une des six écoles d'ingénieurs membres de l'IMT Grand Est.")
    assert set(found) == {("org-mines_nancy", "org-imt-grand-est")}


@pytest.mark.parametrize(
    "text",
    [
        "L'ENIB est affiliée au Groupe INSA.",
        "L'ENIB, affiliée au Groupe INSA depuis 2011, recrute.",
        "L'ENIB rejoint les rangs du Groupe INSA.",
    ],
)
def test_members_affiliated_and_joining_the_ranks(text):
    assert set(members(text)) == {("org-enib", "org-groupe_insa")}


def test_members_counted_among_the_members_is_never_the_whole():
    found = members("L'ENIB compte parmi les membres du Groupe INSA.")
    assert ("org-groupe_insa", "org-enib") not in found


def test_members_listed_after_the_network_named_in_the_sentence_before():
    found = members(
        "Le Groupe INSA compte désormais sept écoles. Les membres de plein droit sont :\n"
        "- l'ENIB\n- l'UTT"
    )
    assert set(found) == {("org-enib", "org-groupe_insa"), ("org-utt", "org-groupe_insa")}


def test_members_of_an_unnamed_body_name_no_whole_when_no_network_was_just_named():
    assert members("L'ENIB et l'UTT signent. Les membres sont l'ENSMM et l'ESAIP.") == {}


def test_members_a_membership_that_goes_on_is_done_even_in_the_future_tense():
    assert members("L'ENIB restera membre du Groupe INSA.") == {
        ("org-enib", "org-groupe_insa"): "done"
    }


def test_members_listed_after_parmi_lesquelles_are_members_never_the_whole():
    found = members("Le Groupe INSA rassemble sept écoles, parmi lesquelles l'ENIB et l'UTT.")
    assert set(found) == {("org-enib", "org-groupe_insa"), ("org-utt", "org-groupe_insa")}


def test_members_joining_an_alliance_named_after_its_descriptor_with_fellow_members():
    found = members(
        "L'Université catholique de Louvain s'inscrit dans l'alliance Una Europa avec "
        "l'Université libre de Berlin."
    )
    assert set(found) == {
        ("org-uclouvain", "org-una_europa"),
        ("org-universite-libre-de-berlin", "org-una_europa"),
    }


def test_members_taking_part_in_an_alliance_with_its_verb_form_misread():
    found = members("L'Université d'Anvers participe à YUFE, aux côtés de l'université de Brême.")
    assert {body for _, body in found} == {"org-yufe"} and len(found) == 2


def test_members_admitted_by_a_body_s_council_are_its_members():
    found = members(
        "Deux établissements ont été admis par le conseil d'administration du Groupe INSA : "
        "l'ENIB et l'UTT."
    )
    assert set(found) == {("org-enib", "org-groupe_insa"), ("org-utt", "org-groupe_insa")}


@pytest.mark.parametrize(
    "follower",
    [
        "Parmi elles : l'ENIB et l'UTT.",
        "Parmi elles figurent l'ENIB et l'UTT.",
        "Il s'agit de l'ENIB et de l'UTT.",
    ],
)
def test_members_counted_then_listed_in_the_next_sentence(follower):
    found = members("Le Groupe INSA compte sept écoles. " + follower)
    assert set(found) == {("org-enib", "org-groupe_insa"), ("org-utt", "org-groupe_insa")}


def test_members_the_next_sentence_lists_nothing_after_a_named_member():
    found = members("L'ENIB a rejoint le Groupe INSA. Il s'agit de l'UTT et de l'ENSMM.")
    assert set(found) == {("org-enib", "org-groupe_insa")}


def test_members_the_next_sentence_s_later_clause_is_not_listed():
    found = members(
        "Le Groupe INSA compte sept écoles. Parmi elles, l'ENIB a signé un accord avec l'UTT."
    )
    assert set(found) == {("org-enib", "org-groupe_insa")}


def test_members_listed_after_a_copula_with_semicolons_between_items():
    found = members(
        "Le Groupe INSA a été fondé en 2010. Les membres de ce groupe sont l'ENIB, Brest "
        "(Bretagne) ; l'UTT (Aube) ; l'ENSMM (Doubs)."
    )
    assert set(found) == {
        ("org-enib", "org-groupe_insa"),
        ("org-utt", "org-groupe_insa"),
        ("org-ensmm", "org-groupe_insa"),
    }


def test_members_joining_through_an_object_clitic_tagged_as_an_article():
    found = members(
        "La Conférence des grandes écoles est née en 1973. Enfin, l'ENIB la rejoint en tant "
        "qu'établissement associé."
    )
    assert set(found) == {("org-enib", "org-cge")}


def test_members_joining_the_legal_form_acronym_that_names_a_body_before():
    found = members(
        "L'Université de Lyon est un PRES créé en 2007. L'ENIB a aussi rejoint le PRES."
    )
    assert set(found) == {("org-enib", "org-universite_de_lyon")}


def test_members_accepted_by_a_body_s_board():
    found = members("L'ENIB vient d'être acceptée par le CA du Groupe INSA.")
    assert set(found) == {("org-enib", "org-groupe_insa")}


def test_members_a_gathering_list_ends_at_another_clause_not_at_ainsi_que():
    found = members(
        "C'est avec le Groupe INSA, qui regroupe l'ENIB ainsi que l'UTT, que l'ENSMM a noué un "
        "accord."
    )
    assert set(found) == {("org-enib", "org-groupe_insa"), ("org-utt", "org-groupe_insa")}


@pytest.mark.parametrize(
    "text",
    [
        "Le Groupe INSA regroupe les établissements d'enseignement supérieur membres de "
        "l'Université de Lorraine possédant des formations d'ingénieur.",
        "Le consortium Grand Est Ingénierie regroupe les établissements d’enseignement supérieur "
        "membres de l’université fédérale Grand Est possédant des formations d’ingénieur.",
    ],
)
def test_members_the_whole_of_unnamed_members_is_no_member(text):
    assert members(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "L'ENIB et l'UTT sont partenaires de l'alliance EUt+.",
        "Les huit partenaires de l'alliance EUt+, dont l'ENIB et l'UTT, se sont réunis.",
    ],
)
def test_members_an_alliance_s_partners_are_its_members_not_each_other_s(text):
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    facts = {(f.predicate, f.subject, f.object) for f in record.facts}
    eut = "org-eut_plus"
    assert {("member_of", "org-enib", eut), ("member_of", "org-utt", eut)} <= facts
    assert not any(p == "partner_of" and eut in (s, o) for p, s, o in facts)
