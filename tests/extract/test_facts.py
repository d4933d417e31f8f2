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


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Claire Martin est nommée directrice générale de l'ENSIC.", "directrice générale"),
        ("Paul Durand prend la direction de l'ENSIC, où il enseignait.", "directeur"),
        ("L'ENSIC, représentée par sa directrice Claire Martin, a signé.", "directrice"),
        ("Paul Durand, jusqu'ici directeur des études de l'ENSIC, part.", "directeur des études"),
    ],
)
def test_facts_appointments_and_possessive_titles(text, role):
    found = facts(text, "holds_role")
    assert [(f.object, f.qualifiers["role"]) for f in found] == [("org-ensic", role)]


def test_facts_possessive_title_belongs_to_the_name_just_before_it():
    text = (
        "L'université était représentée par sa vice-présidente, Anne Roux, l'ENSIC par son "
        "directeur général, Marc Petit."
    )
    owners = {f.subject: f.object for f in facts(text, "holds_role")}
    assert owners["per-marc-petit"] == "org-ensic"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Implantée à Belfort, l'UTBM accueille 3 000 étudiants.", {"place-belfort"}),
        ("L'école dispose de campus à Brest, Nantes et Rennes. IMT Atlantique recrute.", set()),
        (
            "IMT Atlantique dispose de campus à Brest, Nantes et Rennes.",
            {"place-brest", "place-nantes", "place-rennes"},
        ),
    ],
)
def test_facts_seats_fronted_and_listed(text, places):
    found = {
        f.object
        for f in facts(text, "located_in")
        if f.subject in ("org-utbm", "org-imt_atlantique")
    }
    assert places <= found


def test_facts_members_named_after_their_body():
    text = "Toutes deux membres de l'Université Bourgogne Franche-Comté (UBFC), l'ENSMM et l'UTBM coopèrent."
    found = {s for s, o in pairs(text, "member_of") if o == "org-ubfc"}
    assert found == {"org-ensmm", "org-utbm"}


def test_facts_fronted_born_of_merger():
    text = "Issue de la fusion entre l'IFMA et l'ENSCCF, SIGMA Clermont signe un accord."
    assert {s for s, _ in pairs(text, "replaced_by")} == {"org-ifma", "org-ensccf"}


@pytest.mark.parametrize(
    "text",
    [
        "L'ENSEIRB-MATMECA, l'une des écoles de Bordeaux INP, recrute.",
        "L'ENSEIRB-MATMECA est une école interne de Bordeaux INP.",
        "Autre école de Bordeaux INP, l'ENSEIRB-MATMECA recrute.",
    ],
)
def test_facts_component_forms(text):
    assert pairs(text, "part_of") == {("org-enseirb_matmeca", "org-bordeaux_inp")}


def test_facts_one_word_company_names_match_their_case_only():
    assert any(
        f.object == "org-orange" or f.subject == "org-orange"
        for f in facts("L'ENSIC signe une convention avec Orange.", "partner_of")
    )
    assert (
        facts("L'ENSIC signe une convention de couleur orange avec l'UTBM.", "partner_of")[0].object
        != "org-orange"
    )


def test_facts_signatories_across_a_represented_by_aside():
    text = "L'ENSIC, représentée par son directeur Paul Durand, et Michelin ont paraphé une convention."
    assert {frozenset(p) for p in pairs(text, "partner_of")} == {
        frozenset({"org-ensic", "org-michelin"})
    }


def test_facts_figure_subject_is_the_clause_head_not_a_complement():
    text = "À l'ENSIC, école interne de l'Université de Lorraine, nous formons chaque année près de 600 élèves ingénieurs."
    found = {(f.subject, f.value) for f in facts(text, "quantity")}
    assert found == {("org-ensic", 600.0)}


def test_facts_number_words_count_unless_they_refer():
    counted = facts(
        "L'Institut Polytechnique de Paris réunit cinq écoles d'ingénieurs.", "quantity"
    )
    assert [f.value for f in counted] == [5.0]
    assert facts("L'ENSIC harmonise les maquettes de ses deux campus.", "quantity") == []


def test_facts_an_institution_named_in_an_aside_is_not_a_signatory():
    text = "IMT Mines Alès, école de l'IMT, et l'ENSCM ont signé une convention."
    assert {frozenset(p) for p in pairs(text, "partner_of")} == {
        frozenset({"org-imt_mines_ales", "org-enscm"})
    }


def test_facts_born_of_a_rapprochement_is_a_merger_not_a_partnership():
    text = "SIGMA Clermont, née du rapprochement de l'ENSCCF et de l'IFMA, recrute."
    assert pairs(text, "partner_of") == set()
    assert {s for s, _ in pairs(text, "replaced_by")} == {"org-ensccf", "org-ifma"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("L'ENSG, à Nancy, forme des géologues.", "org-ensg_nancy"),
        ("L'ENSG, à Champs-sur-Marne, forme des géomètres.", "org-ensg_geomatique"),
    ],
)
def test_facts_ambiguous_acronym_resolved_by_the_article_context(text, key):
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    assert key in {e.key for e in record.entities}


def test_facts_comme_x_ou_y_share_the_component_statement():
    text = "Comme IMT Atlantique ou IMT Mines Albi, IMT Nord Europe est l'une des écoles de l'Institut Mines-Télécom."
    found = {s for s, o in pairs(text, "part_of") if o == "org-institut_mines_telecom"}
    assert found == {"org-imt_nord_europe", "org-imt_atlantique", "org-imt_mines_albi"}
    contrasted = pairs("Contrairement à l'ENSIC, l'UTBM est une école interne de l'UTT.", "part_of")
    assert contrasted == {("org-utbm", "org-utt")}


@pytest.mark.parametrize(
    ("text", "predicate", "expected"),
    [
        # a fronted participle's date is its own clause's: the creation, not the membership
        ("Créée en 1960, l'ENSIM fait partie du réseau Polytech.", "member_of", None),
        (
            "Installée à Palaiseau depuis 2019, Télécom Paris est une école de l'IMT.",
            "part_of",
            None,
        ),
        # the date inside the participle that carries the event stays
        ("Née en 2019 de la fusion de l'ENSMM et de l'UTBM, l'UFC recrute.", "replaced_by", "2019"),
    ],
)
def test_facts_a_date_of_another_clause_does_not_date_the_statement(text, predicate, expected):
    found = facts(text, predicate)
    assert found and {f.date for f in found} == {expected}
