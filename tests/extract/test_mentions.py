"""Entities and mentions found in snippets written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def extract(text: str, author: str | None = None):
    record = extract_document(
        Document.from_raw(RawDocument(text=text, source="t.txt", author=author))
    )
    return {e.key: e for e in record.entities}, record


def test_mentions_link_an_acronym_defined_after_a_pattern_name():
    entities, record = extract(
        "L'Institut supérieur de robotique appliquée (ISRA) et l'INSA Rennes signent un accord. "
        "L'ISRA accueillera des élèves rennais."
    )
    isra = entities["org-institut-superieur-de-robotique-appliquee"]
    assert isra.type == "organization"
    assert "ISRA" in isra.aliases
    texts = [m.text for m in record.mentions if m.entity == isra.key]
    assert texts.count("ISRA") == 2  # the definition makes every later use a mention
    assert "org-insa_rennes" in entities


def test_mentions_resolve_gazetteer_names_and_acronyms_to_one_entity():
    entities, _ = extract(
        "L'ENSMM (École nationale supérieure de mécanique et des microtechniques) rejoint le réseau. "
        "À Besançon, l'ENSMM forme des ingénieurs."
    )
    ensmm = entities["org-ensmm"]
    assert ensmm.name == "École nationale supérieure de mécanique et des microtechniques"
    assert "ENSMM" in ensmm.aliases
    assert "place-besancon" in entities


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Mines Nancy et IMT Mines Alès s'associent.", {"org-mines_nancy", "org-imt_mines_ales"}),
        ("L'ENSCM et l'ENSCCF échangent des élèves.", {"org-enscm", "org-ensccf"}),
        (
            "Télécom Nancy et Télécom Physique Strasbourg coopèrent.",
            {"org-telecom_nancy", "org-telecom_physique_strasbourg"},
        ),
    ],
)
def test_mentions_keep_near_names_apart(text, keys):
    entities, _ = extract(text)
    assert keys <= set(entities)


def test_mentions_extend_a_known_name_with_a_capitalised_suffix():
    entities, _ = extract("Les écoles ont fondé IMT Grand Est en 2018 avec l'IMT.")
    assert "org-imt-grand-est" in entities
    assert "org-institut_mines_telecom" in entities


def test_mentions_find_people_and_the_byline_author():
    entities, record = extract(
        "« Un beau projet », se réjouit Claire Dubois, directrice de l'ENSIC.", author="Marc Petit"
    )
    assert entities["per-claire-dubois"].type == "person"
    author = [m for m in record.mentions if m.entity == "per-marc-petit"]
    assert author and author[0].field == "author"


def test_mentions_ignore_page_furniture():
    entities, _ = extract("Partager sur Facebook. Loading. Une convention a été signée par l'UTBM.")
    assert all(e.type != "organization" or e.key == "org-utbm" for e in entities.values())


# Numerals ending a name (issue 10, part 3, class 2).


def test_mentions_a_numeral_after_the_city_ends_a_university_name():
    entities, _ = extract(
        "Le laboratoire dépend de l'université Claude-Bernard Lyon 1 et de l'Université "
        "Jean-Moulin Lyon 3, qui cosignent la convention."
    )
    assert "université Claude-Bernard Lyon 1" in entities["org-universite_lyon_1"].aliases
    assert "Université Jean-Moulin Lyon 3" in entities["org-universite_lyon_3"].aliases
    assert not any(e.name.endswith("Lyon") for e in entities.values())


def test_mentions_a_count_after_a_university_name_is_not_its_numeral():
    entities, _ = extract("L'Université Jean Monnet Saint-Étienne 2 étudiants sur trois.")
    names = {e.name for e in entities.values()}
    assert "Université Jean Monnet Saint-Étienne" in names
    assert not any(name.endswith(" 2") for name in names)


def test_mentions_listed_universities_keep_their_numerals_and_cities():
    entities, _ = extract(
        "L'établissement est né de la fusion des universités Nancy 1, Nancy 2 et Paul-Verlaine "
        "de Metz en 2012."
    )
    assert "org-universite_nancy_2" in entities
    assert "org-universite_henri_poincare" in entities
    verlaine = entities["org-universite_paul_verlaine_metz"]
    assert "université Paul-Verlaine de Metz" in verlaine.aliases
    assert not any(e.type == "person" for e in entities.values())


# Page furniture (issue 10, part 3, class 3).


@pytest.mark.parametrize("rubric", ["Carnet", "Rouen", "Grand Est", "Toulouse INP"])
def test_mentions_a_rubric_read_as_the_byline_is_no_person(rubric):
    entities, _ = extract("Une nouvelle directrice arrive à l'école en septembre.", author=rubric)
    assert not any(e.type == "person" for e in entities.values())


def test_mentions_a_byline_with_a_full_name_is_a_person():
    entities, _ = extract("Une nouvelle directrice arrive à l'école.", author="Anne Morel")
    assert entities["per-anne-morel"].type == "person"


def test_mentions_a_headline_s_plural_common_noun_is_no_institution():
    entities, _ = extract(
        "Écoles d'ingénieurs : le grand bilan\n\nLes Écoles Centrale recrutent sur concours."
    )
    names = {e.name for e in entities.values()}
    assert "Écoles d'ingénieurs" not in names
    assert "org-groupe_des_ecoles_centrale" in entities


# Compound names with dashes, a brand with a city abroad (issue 10, part 3, class 4).


def test_mentions_a_name_written_with_an_en_dash_is_the_gazetteer_s():
    entities, _ = extract("Le laboratoire commun associe Mines Paris – PSL et le CNRS.")
    assert "Mines Paris – PSL" in entities["org-mines_paris"].aliases
    assert "org-psl" not in entities


def test_mentions_a_school_dashed_to_its_parent_is_the_school():
    entities, _ = extract("Elle a dirigé l'ESPCI – PSL avant de rejoindre le ministère.")
    assert "org-espci" in entities
    assert "org-psl" not in entities


def test_mentions_a_network_with_a_dash_in_its_name_is_whole():
    entities, _ = extract("L'université de Strasbourg préside Eucor – Le Campus européen.")
    assert "org-eucor" in entities
    assert not any(e.name == "Campus européen" for e in entities.values())


def test_mentions_a_french_brand_followed_by_a_city_abroad_is_another_body():
    entities, _ = extract("Le double diplôme associe Kedge et HEC Montréal depuis 2019.")
    assert "org-hec_paris" not in entities
    assert any(e.name == "HEC Montréal" for e in entities.values())


# One body written two ways in an article (issue 10, part 3, class 5).


def test_mentions_the_rectorat_and_its_academie_are_one_body():
    entities, _ = extract(
        "Le rectorat de l'académie de Besançon lance un appel. L'académie de Besançon "
        "financera dix projets."
    )
    organizations = [e for e in entities.values() if e.type == "organization"]
    assert len(organizations) == 1
    assert "académie de Besançon" in organizations[0].aliases


def test_mentions_a_french_rendering_of_a_foreign_university_is_that_university():
    entities, _ = extract(
        "L'école signe avec l'université de Saragosse. L'Universidad de Zaragoza accueillera "
        "dix élèves."
    )
    zaragoza = entities["org-universidad-de-zaragoza"]
    assert "université de Saragosse" in zaragoza.aliases
    assert "org-universite-de-saragosse" not in entities


def test_mentions_a_french_rendering_is_left_alone_when_two_universities_share_the_town():
    entities, _ = extract(
        "Un accord avec l'université de Munich, la Technische Universität München et la "
        "Ludwig-Maximilians-Universität München."
    )
    assert any(e.name == "université de Munich" for e in entities.values())


# Lower-frequency kinds of bodies (issue 10, part 3, class 6).


def _org_names(text: str) -> set[str]:
    entities, _ = extract(text)
    return {e.name for e in entities.values() if e.type == "organization"}


def test_mentions_a_kind_noun_introduces_programmes_companies_and_groupings():
    names = _org_names(
        "Les étudiants passent par le pôle Pépite Normandie. Le bâtiment est livré par le "
        "promoteur Bâtiplus. Les deux écoles forment un GIE, TechOuest, depuis 2010."
    )
    assert {"Pépite Normandie", "Bâtiplus", "TechOuest"} <= names


def test_mentions_a_kind_noun_with_its_complement_introduces_a_company():
    names = _org_names("Claire Roy, PDG de la société d'ingénierie Hydro-Conseil, arrive.")
    assert "Hydro-Conseil" in names


def test_mentions_a_name_in_apposition_to_a_laboratory_is_a_body():
    names = _org_names("L'équipe s'appuie sur MinéraLab, un laboratoire de l'université.")
    assert "MinéraLab" in names


def test_mentions_a_sentence_s_first_word_before_an_apposition_is_no_body():
    names = _org_names("Demain, un laboratoire ouvrira ses portes à Caen.")
    assert "Demain" not in names


def test_mentions_a_group_closes_its_name_and_a_change_of_case_ends_a_name():
    names = _org_names(
        "Ouest Group réunit l'École bretonne de commerce et DesignLab depuis cinq ans."
    )
    assert "Ouest Group" in names
    assert "École bretonne de commerce" in names
    assert not any(" et " in name for name in names)


def test_mentions_a_list_item_s_name_closed_by_university_is_whole():
    names = _org_names("Membres :\n- la Vilnius Tech University (Lituanie) ;\n- l'UTT.")
    assert "Vilnius Tech University" in names


def test_mentions_a_title_case_name_goes_on_after_et_du():
    names = _org_names(
        "L'Institut Supérieur de la Mécanique et du Numérique ouvre un campus à Laval."
    )
    assert "Institut Supérieur de la Mécanique et du Numérique" in names


def test_mentions_a_known_name_after_et_du_is_another_body():
    entities, _ = extract("Un laboratoire de l'Université de Lorraine et du CNRS ouvre.")
    assert {"org-universite_de_lorraine", "org-cnrs"} <= entities.keys()


def test_mentions_mines_de_city_is_the_school_written_mines_city():
    entities, _ = extract("Un projet de rapprochement entre Télécom Lille et les Mines de Douai.")
    assert "Mines de Douai" in entities["org-mines_douai"].aliases


def test_mentions_a_site_named_after_sur_le_is_no_body():
    names = _org_names("Installée sur le Technopôle de Vannes, l'école accueille 300 élèves.")
    assert not any(name.startswith("Technopôle") for name in names)
    assert "Technopôle Vannes-Sud" in _org_names(
        "Le campus est animé par le Technopôle Vannes-Sud."
    )


def test_mentions_an_acronym_with_its_town_and_numeral_is_a_body_of_its_own():
    entities, _ = extract("L'école s'est rapprochée de l'IAE de Lille 1 et de l'ENSMM de Besançon.")
    assert any(e.name == "IAE de Lille 1" for e in entities.values())
    assert "org-universite_lille_1" not in entities
    assert "org-ensmm" in entities and "place-besancon" in entities  # the town stays a place


def test_mentions_a_school_introduced_by_its_kind_is_named_without_a_bare_head():
    names = _org_names("Elle dirige l'école de commerce Novancia et visite l'école Centrale.")
    assert "Novancia" in names
    assert "Centrale" not in names


def test_mentions_a_kind_noun_with_adjective_and_complement_or_a_hyphen_opens_a_name():
    names = _org_names(
        "Elle rejoint l'unité mixte de recherche Geo-Littoral du CNRS, puis la start-up "
        "Froidtech, spécialisée dans le stockage."
    )
    assert {"Geo-Littoral", "Froidtech"} <= names


def test_mentions_a_definition_keeps_the_head_word_of_its_long_form():
    names = _org_names("L'Institut Rennes Gestion (ReGe) ouvre un incubateur.")
    assert "Institut Rennes Gestion" in names
    assert "Rennes Gestion" not in names


def test_mentions_a_field_after_a_kind_noun_is_no_body():
    names = _org_names("L'université ouvre un « pôle International » et le pôle Pépite Corse.")
    assert "International" not in names
    assert "Pépite Corse" in names


def test_mentions_the_body_closing_a_unit_name_is_named_and_is_its_whole():
    entities, record = extract(
        "Les élèves passeront un semestre à l'UFR de chimie de l'Université de Sherbrooke."
    )
    unit = next(e for e in entities.values() if e.name.startswith("UFR de chimie"))
    whole = next(e for e in entities.values() if e.name == "Université de Sherbrooke")
    parts = {(f.subject, f.object) for f in record.facts if f.predicate == "part_of"}
    assert parts == {(unit.key, whole.key)}


def test_mentions_a_school_name_ending_on_a_town_is_no_unit():
    entities, record = extract("L'Institut national des sciences appliquées de Lyon recrute.")
    assert len([e for e in entities.values() if e.type == "organization"]) == 1
    assert not [f for f in record.facts if f.predicate == "part_of"]


def test_mentions_a_count_of_universities_of_technology_is_not_their_network():
    entities, _ = extract("L'alliance EUt+ rassemble huit universités de technologie.")
    assert "org-reseau_ut" not in entities


def test_mentions_a_capitalised_title_after_a_person_s_name_is_no_part_of_it():
    entities, _ = extract(
        "Étaient présents Claire Vasseur Directrice Générale de l'UTBM et d'autres."
    )
    assert "per-claire-vasseur" in entities
    assert not any("directrice" in key for key in entities)


def test_mentions_a_person_after_et_ends_an_institution_name():
    entities, _ = extract(
        "En présence de Paul Garnier, président de la Région Bretagne et Nicolas Lemoine, maire."
    )
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert names == {"Région Bretagne"}
    assert "per-nicolas-lemoine" in entities


def test_mentions_a_country_after_a_foreign_university_is_no_part_of_its_name():
    entities, _ = extract(
        "Les membres sont l'Université Technique Kaunas en Lituanie et l'Université "
        "de Stavanger en Norvège."
    )
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert names == {"Université Technique Kaunas", "Université de Stavanger"}


def test_mentions_a_name_the_statistical_recogniser_finds_without_head_or_gazetteer():
    entities, _ = extract("Le projet est soutenu par Vortexia Robotics et par l'UTBM.")
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert "Vortexia Robotics" in names


def test_mentions_the_statistical_recogniser_adds_no_common_noun_or_truncated_name():
    entities, _ = extract(
        "La ministre de l'Enseignement supérieur a salué le Doctorat. "
        "Le Karlsruher Institut für Technologie a signé."
    )
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert not names & {"Enseignement supérieur", "Doctorat", "Karlsruher Institut für"}


def test_mentions_a_first_name_and_a_surname_the_statistical_recogniser_missed():
    entities, _ = extract(
        "La Gazette\n\nCorentin Vabrec est le nouveau directeur de l'UTBM. "
        "Étaient présents Odile Brannec Directrice Générale de l'ENSMM et Xavier KERVOAS."
    )
    people = {e.name for e in entities.values() if e.type == "person"}
    assert {"Corentin Vabrec", "Odile Brannec", "Xavier KERVOAS"} <= people


def test_mentions_a_first_name_in_a_street_or_a_school_name_is_no_person():
    entities, _ = extract("Le campus de la rue Hélène Boucher accueille l'Université Jean Monnet.")
    assert not any(e.type == "person" for e in entities.values())


def test_mentions_unknown_acronyms_with_their_town_in_a_parenthesised_list():
    entities, _ = extract(
        "Ses écoles partenaires (ENSCI Limoges, ISIS Castres et ESITech Rouen) recrutent."
    )
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert {"ENSCI Limoges", "ISIS Castres"} <= names


def test_mentions_a_hyphenated_surname_and_a_title_after_et_end_names():
    entities, _ = extract(
        "Était présent Nicolas Lemaire-Vasseur Président de la Métropole Rouen Normandie et "
        "Maire de Rouen."
    )
    assert "per-nicolas-lemaire-vasseur" in entities
    names = {e.name for e in entities.values() if e.type == "organization"}
    assert names == {"Métropole Rouen Normandie"}
