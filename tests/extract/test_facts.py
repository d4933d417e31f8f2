"""Every predicate, references, lists and near names, on snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, Fact, RawDocument

pytestmark = pytest.mark.slow


def facts(text: str, predicate: str, published: str | None = None) -> list[Fact]:
    raw = RawDocument(text=text, source="t.txt", published=published)
    record = extract_document(Document.from_raw(raw))
    return [f for f in record.facts if f.predicate == predicate]


def pairs(text: str, predicate: str) -> set[tuple[str, str | None]]:
    return {(f.subject, f.object) for f in facts(text, predicate)}


def test_facts_gathered_members_after_a_quoted_network_name():
    text = (
        "L'école enrichit son réseau. Baptisé « Réseau Figure », ce dernier compte à ce jour "
        "l'ENSIC, l'UTBM (Université de technologie de Belfort-Montbéliard) et l'ENSGSI."
    )
    found = pairs(text, "member_of")
    body = next(iter({o for _, o in found}))
    assert {s for s, _ in found} == {"org-ensic", "org-utbm", "org-ensgsi"}
    assert body == "org-reseau-figure"


def test_facts_founders_and_allied_members_of_a_new_alliance_are_done():
    text = (
        "Ce lundi 3 juin 2019, l'INSA Lyon et l'INSA Rennes ont noué un partenariat pour fonder "
        "Alliance Ouest Ingénierie. À partir de la rentrée 2019, l'ENSIC, l'UTBM et l'ENSGSI "
        "s'allieront sous une bannière commune."
    )
    found = {(f.subject, f.status) for f in facts(text, "member_of")}
    members = {s for s, status in found if status == "done"}
    assert {"org-insa_lyon", "org-insa_rennes", "org-ensic", "org-utbm", "org-ensgsi"} <= members


def test_facts_possessive_list_of_schools_is_part_of_the_institution():
    text = (
        "Le Cnam est un grand établissement. Ses deux écoles, Sciences du numérique (SN) et "
        "Management et territoires (MT), accueillent les adultes."
    )
    found = pairs(text, "part_of")
    assert {s for s, o in found if o == "org-cnam"} == {
        "org-sciences-du-numerique",
        "org-management-et-territoires",
    }


def test_facts_directorate_defined_by_acronym_belongs_to_the_article_institution():
    text = (
        "L'Université de Lorraine ouvre un bureau. La direction des relations internationales "
        "(DRI) de l'établissement pilote le projet. L'Université de Lorraine recrute."
    )
    found = pairs(text, "part_of")
    assert ("org-direction-des-relations-internationales", "org-universite_de_lorraine") in found


@pytest.mark.parametrize(
    ("text", "old", "kind"),
    [
        (
            "L'ENSIC et l'ENSGSI fusionnent pour former l'Institut lorrain d'ingénierie.",
            {"org-ensic", "org-ensgsi"},
            "merger",
        ),
        (
            "L'Institut lorrain d'ingénierie, née de la fusion de l'ENSIC et de l'ENSGSI, ouvre.",
            {"org-ensic", "org-ensgsi"},
            "merger",
        ),
    ],
)
def test_facts_mergers_replace_each_old_school(text, old, kind):
    found = facts(text, "replaced_by")
    assert {f.subject for f in found} == old and {f.kind for f in found} == {kind}


def test_facts_renaming_and_former_name():
    renamed = pairs(
        "En 2019, l'Institut lorrain d'ingénierie devient l'École lorraine des métiers.",
        "replaced_by",
    )
    assert len(renamed) == 1
    formerly = pairs(
        "L'École lorraine des métiers (ex-Institut lorrain d'ingénierie) recrute.", "replaced_by"
    )
    assert len(formerly) == 1


def test_facts_quantities_with_pronoun_subject_and_shares():
    text = (
        "Le Cnam forme les adultes. Placé sous tutelle, il pilote 30 centres régionaux. "
        "Chaque année le Cnam accueille près de 80 000 élèves, dont 10 000 à l'étranger, "
        "et délivre 1 000 titres d'ingénieurs."
    )
    found = {(f.subject, f.value) for f in facts(text, "quantity")}
    assert found == {
        ("org-cnam", 30.0),
        ("org-cnam", 80000.0),
        ("org-cnam", 10000.0),
        ("org-cnam", 1000.0),
    }


def test_facts_a_number_coordinated_with_a_name_is_not_a_figure_about_it():
    assert facts("L'IMT et 6 écoles d'Alsace ont noué un partenariat.", "quantity") == []


def test_facts_partner_after_a_fronted_participial_clause():
    found = pairs(
        "En signant une convention avec l'ENSIC, l'UTBM poursuit sa stratégie.", "partner_of"
    )
    assert {frozenset(p) for p in found} == {frozenset({"org-ensic", "org-utbm"})}


def test_facts_passive_agreement_partners_the_article_institution():
    text = (
        "L'UTBM ouvre un campus. L'UTBM recrute. Une convention a été signée fin 2014 avec "
        "l'Association internationale des maires francophones (AIMF)."
    )
    found = facts(text, "partner_of")
    assert len(found) == 1 and "org-utbm" in (found[0].subject, found[0].object)
    assert found[0].date == "2014"


def test_facts_coordination_across_a_dashed_aside_and_a_definition():
    text = (
        "Le 18 février 2016, l'UTBM – qui a changé de logo – et l'ENSIC (École nationale "
        "supérieure des industries chimiques) ont signé une convention."
    )
    found = facts(text, "partner_of")
    assert len(found) == 1 and found[0].date == "2016-02-18" and found[0].status == "done"


def test_facts_reference_by_city_joins_a_planned_programme():
    text = (
        "L'ENSMM forme des ingénieurs. Arts et Métiers et l'école de Besançon travaillent à "
        "des doubles diplômes, qui pourraient être proposés dès la rentrée 2017."
    )
    found = facts(text, "partner_of")
    assert len(found) == 1
    assert {found[0].subject, found[0].object} == {"org-ensmm", "org-arts_et_metiers"}
    assert (found[0].status, found[0].date, found[0].kind) == (
        "planned",
        "2017-09",
        "double_degree",
    )


def test_facts_partner_date_resolved_against_publication():
    found = facts(
        "Jeudi 12 juillet, l'ENSIC et l'UTBM ont signé un accord.", "partner_of", "2018-07-20"
    )
    assert found[0].date == "2018-07-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mines Nancy et Mines Alès ont signé une convention.",
            {"org-mines_nancy", "org-imt_mines_ales"},
        ),
        (
            "IMT Mines Alès et l'IMT ont signé une convention.",
            {"org-imt_mines_ales", "org-institut_mines_telecom"},
        ),
        ("L'ENSCM et l'ENSCCF ont signé une convention.", {"org-enscm", "org-ensccf"}),
        (
            "Télécom Nancy et Télécom Physique Strasbourg ont signé une convention.",
            {"org-telecom_nancy", "org-telecom_physique_strasbourg"},
        ),
    ],
)
def test_facts_near_names_stay_apart(text, expected):
    found = facts(text, "partner_of")
    assert len(found) == 1 and {found[0].subject, found[0].object} == expected


def test_facts_every_fact_has_sentence_evidence_and_rule():
    text = "Le 3 mars 2021, l'ENSIC et l'UTBM ont signé une convention. Jean Dupont, directeur de l'ENSIC, s'en réjouit."
    for fact in facts(text, "partner_of") + facts(text, "holds_role"):
        for evidence in fact.evidence:
            assert evidence.text == text[evidence.start : evidence.end]
            assert evidence.rule and evidence.text.strip().endswith(".")
