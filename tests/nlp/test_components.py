"""maillage_institutions_v1 on names as the press writes them; every sentence is written for
these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def spans(text: str) -> dict[str, str]:
    """Institution span text → gazetteer key ('' when only a pattern found it)."""
    from maillage.nlp.pipeline import load_pipeline

    doc = load_pipeline()(text)
    return {span.text: span.kb_id_ for span in doc.spans["institutions"]}


def written(text: str) -> dict[str, str | None]:
    from maillage.nlp.names import WRITTEN_NAME
    from maillage.nlp.pipeline import load_pipeline

    doc = load_pipeline()(text)
    return {span.text: span._.get(WRITTEN_NAME) for span in doc.spans["institutions"]}


def test_components_acronyms_are_matched_in_title_case_too():
    found = spans("Cette année, l'Essec accueille des élèves de l'Enib et de l'Eigsi.")
    assert found.get("Essec") == "essec"
    assert found.get("Enib") == "enib"
    assert found.get("Eigsi") == "eigsi"


def test_components_hyphenated_brand_in_title_case():
    assert spans("Le directeur de l'Enseirb-Matmeca a signé.").get("Enseirb-Matmeca")


def test_components_unknown_acronym_after_an_opener_is_an_institution():
    found = spans("Les doctorants du LAMIH et de l'ENSIAME travaillent ensemble.")
    assert "LAMIH" in found and "ENSIAME" in found


def test_components_capitals_that_are_not_institutions():
    assert "MBA" not in spans("Elle a suivi le MBA avant de rejoindre une PME.")
    assert spans("LES ÉCOLES SIGNENT UN ACCORD HISTORIQUE AVEC LA RÉGION") == {}


def test_components_legal_forms_in_capitals_are_no_institutions():
    found = spans("La COMUE UBFC et le GIE créé par le PRES ont cédé la place à un EPE.")
    assert not {"COMUE", "GIE", "PRES", "EPE"} & set(found)
    assert "UBFC" in found


def test_components_acronym_keeps_its_city():
    found = spans("L'IUT de Tarbes quitte l'université et le CHU de Nantes recrute.")
    assert "IUT de Tarbes" in found and "CHU de Nantes" in found


def test_components_numbered_universities_resolve_to_the_gazetteer():
    found = spans("Lille-I, Lille-II et Lille-III ont fusionné, comme Paris IV plus tard.")
    assert found["Lille-I"] == "universite_lille_1"
    assert found["Lille-II"] == "universite_lille_2"
    assert found["Paris IV"] == "universite_paris_sorbonne"


def test_components_numbered_university_with_its_patron_name():
    found = spans("L'IUT quittera l'université Toulouse III-Paul-Sabatier en janvier.")
    assert "université Toulouse III-Paul-Sabatier" in found


def test_components_a_count_after_a_city_is_not_a_university():
    assert not any("Nantes" in s for s in spans("Il se rend à Nantes 3 fois par mois."))


def test_components_distributed_names_are_one_span_each():
    found = written("Le réseau relie les universités de Kiel, de Split et de Brest depuis 2019.")
    assert found == {
        "universités de Kiel": "université de Kiel",
        "Split": "université de Split",
        "Brest": "université de Brest",
    }


def test_components_distributed_insa_resolve_each_school():
    found = spans("Les INSA de Lyon, Rennes et Toulouse ouvrent une formation commune.")
    assert set(found.values()) == {"insa_lyon", "insa_rennes", "insa_toulouse"}


def test_components_distributed_long_official_names():
    found = spans(
        "Les Instituts nationaux des sciences appliquées de Lyon, Toulouse et Rennes recrutent."
    )
    assert set(found.values()) == {"insa_lyon", "insa_rennes", "insa_toulouse"}


def test_components_distributed_names_without_de():
    found = written("Les universités Paul-Sabatier et Jean-Jaurès ont renoncé au projet.")
    assert set(found) == {"universités Paul-Sabatier", "Jean-Jaurès"}


def test_components_group_acronym_alone_is_the_group():
    found = spans("L'INSA Rennes a rejoint l'INSA en 1966, comme l'INSA de Lyon avant elle.")
    assert found["INSA"] == "groupe_insa"
    assert found["INSA Rennes"] == "insa_rennes"
    assert found["INSA de Lyon"] == "insa_lyon"


def test_components_name_in_apposition_to_a_head_noun():
    found = spans("Bordeaux-Montaigne, l'université de lettres, reste à l'écart.")
    assert "Bordeaux-Montaigne" in found


def test_components_a_city_in_apposition_is_not_an_institution():
    assert "Brest" not in spans("Brest, l'université de la mer, accueille le colloque.")


def test_components_name_before_a_parenthesised_university_shares_its_key():
    found = spans("Paul-Valéry (Montpellier-III) n'a pas suivi le mouvement.")
    assert found["Paul-Valéry"] == found["Montpellier-III"] != ""


def test_components_closing_heads_take_the_words_before_them():
    found = spans("Angers Loire Métropole et Brest métropole financent le campus.")
    assert "Angers Loire Métropole" in found and "Brest métropole" in found


def test_components_coordinated_region_and_metropole_are_two_names():
    found = spans("La Région Bretagne et Brest métropole apportent 2 millions.")
    assert "Région Bretagne" in found and "Brest métropole" in found


def test_components_foreign_universities():
    found = spans(
        "Elle a enseigné au King's College de Londres, à l'université d'Oslo et à la "
        "Albert-Ludwigs-Universität Freiburg."
    )
    assert "King's College de Londres" in found
    assert "université d'Oslo" in found
    assert "Albert-Ludwigs-Universität Freiburg" in found


def test_components_conseil_opens_a_name_only_with_its_complement():
    found = spans("Le conseil d'administration a voté ; le Conseil régional de Bretagne approuve.")
    assert "Conseil régional de Bretagne" in found
    assert not any(s.startswith("conseil d'administration") for s in found)


def test_components_a_common_noun_introduces_a_name_without_itself():
    found = spans(
        "Les thèses se font au laboratoire Laplace et au laboratoire international "
        "Georgia Tech-CNRS."
    )
    assert "Laplace" in found and "Georgia Tech-CNRS" in found
    assert not any(s.startswith("laboratoire") for s in found)


def test_components_an_opener_before_a_city_or_nothing_names_nothing():
    found = spans("Le laboratoire de recherche de Nantes et le groupe Nantes recrutent.")
    assert found == {}


def test_components_campus_of_a_place_is_not_the_namesake_university():
    found = spans("L'école compte des campus de Paris-Saclay, Metz et Rennes.")
    assert "Paris-Saclay" not in found


def test_components_short_form_with_its_long_form_in_apposition():
    found = spans(
        "L'école s'appuie sur le Loria, le Laboratoire lorrain de recherche en informatique, "
        "pour ses thèses."
    )
    assert "Loria" in found


def test_components_a_name_stops_before_a_locution():
    found = spans("C'est un engagement de la Région en faveur des étudiants.")
    assert not any("faveur" in s for s in found)


def test_components_a_city_or_a_known_name_after_et_is_a_name_of_its_own():
    found = spans("La Région Bretagne et Bpifrance complètent le financement.")
    assert "Région Bretagne" in found and found.get("Bpifrance") == "bpifrance"


def test_components_a_faculty_of_a_known_university_is_one_name():
    found = spans("La Faculté de génie de l'Université de Sherbrooke accueille des élèves.")
    assert "Faculté de génie de l'Université de Sherbrooke" in found


def test_components_a_known_name_still_stops_a_list_after_et():
    found = spans("L'INSA Rennes et Sciences Po Rennes ouvrent un cursus commun.")
    assert "INSA Rennes" in found and "Sciences Po Rennes" in found


def test_components_name_given_without_quotes_after_baptise():
    found = spans("Les deux écoles partagent un incubateur commun, baptisé Symbiose, depuis 2019.")
    assert "Symbiose" in found
    assert spans("Le programme, baptisé Paris, reste confidentiel.") == {}


def test_components_a_line_break_ends_the_sentence_before_the_parser():
    from maillage.nlp.pipeline import load_pipeline

    doc = load_pipeline()(
        "Une école en pleine croissance\n\nÉcole interne de l'Université de Lorraine, "
        "Télécom Nancy forme 750 élèves."
    )
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Une école en pleine croissance"
    assert sentences[1].startswith("École interne")


def test_components_foreign_heads_and_connectors_open_names():
    found = spans(
        "L'école coopère avec la TU Delft, la TH Köln, l'Università di Bologna et "
        "l'Universidade do Porto."
    )
    assert {"TU Delft", "TH Köln", "Università di Bologna", "Universidade do Porto"} <= set(found)


def test_components_a_chamber_of_commerce_keeps_its_region():
    assert "CCI Grand Est" in spans("La CCI Grand Est accompagne les étudiants entrepreneurs.")


def test_components_a_brand_followed_by_its_town_is_one_name():
    found = spans("L'ESC Amiens et l'ENSI Caen ont signé avec l'INSA Rouen Normandie.")
    assert "ESC Amiens" in found and "ENSI Caen" in found
    assert found.get("INSA Rouen Normandie")  # a longer known name is not cut at the town


def test_components_a_name_closed_by_school_takes_the_words_before_it():
    assert "Vantor Business School" in spans("Vantor Business School ouvre un campus.")


def test_components_a_capitalised_word_coordinated_with_names_is_a_name():
    found = spans("Elle naît de l'Escem (Tours), l'ESC Amiens et l'ESC Pau.")
    assert "Escem" in found
    assert "Europe" not in spans("Elle coopère avec l'Europe, l'ESC Amiens et l'ESC Pau.")


def test_components_distributed_names_read_past_a_short_gloss():
    found = written("Elle s'allie aux universités de La Sapienza (Rome), de Tübingen et de Kiel.")
    assert set(found.values()) == {
        "université de La Sapienza",
        "université de Tübingen",
        "université de Kiel",
    }


def test_components_numbered_universities_with_a_patron_and_listed_numerals():
    found = written("La fusion de Bordeaux 1, 2 et 4 précède Bordeaux 3 Michel-de-Montaigne.")
    assert {"Bordeaux 2", "Bordeaux 4"} <= set(found.values())
    assert "Bordeaux 3 Michel-de-Montaigne" in found
    assert spans("L'université Lyon 2 Lumière recrute.").get("université Lyon 2 Lumière")
    assert not spans("Elle accueille à Brest 2 000 étudiants et 3 campus.")


def test_components_a_known_hyphenated_name_written_with_a_space():
    found = spans("Paris Dauphine et l'Université Paris Saclay signent.")
    assert found.get("Paris Dauphine") == "universite_paris_dauphine"
    assert found.get("Université Paris Saclay") == "universite_paris_saclay"


def test_components_a_title_case_brand_and_its_town_coordinated_with_a_name():
    assert "Ensi Bourges" in spans("Elle naît de la fusion de l'Ensi Bourges et de l'ENIVL.")


def test_components_a_sovereign_s_numeral_belongs_to_the_name():
    assert "Institut agronomique et vétérinaire Hassan II de Rabat" in spans(
        "Il rejoint l'Institut agronomique et vétérinaire Hassan II de Rabat au Maroc."
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le projet d'ESIEE Amiens avance.", "ESIEE Amiens"),
        ("HEC Montréal recrute.", "HEC Montréal"),
    ],
)
def test_components_a_known_acronym_with_another_town_is_another_body(text, name):
    assert spans(text).get(name) == ""


def test_components_a_known_acronym_in_its_own_town_stays_itself():
    assert spans("L'ESIEE Paris recrute.") == {"ESIEE Paris": "esiee_paris"}


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        ("L'Université de Rennes 2 recrute.", "Université de Rennes 2", "universite_rennes_2"),
        ("Le président de Paris 12 est venu.", "Paris 12", "upec"),
    ],
)
def test_components_numbered_universities_with_de_or_alone_when_known(text, name, key):
    assert spans(text).get(name) == key


def test_components_a_city_and_a_count_is_no_numbered_university():
    assert spans("Paris 12 étudiants sont venus.") == {}


def test_components_a_numbered_university_with_an_adjective_in_its_patron_name():
    assert "université Paris-III Sorbonne Nouvelle" in spans(
        "L'université Paris-III Sorbonne Nouvelle rejoint l'alliance."
    )


def test_components_a_shared_acronym_is_the_one_whose_names_hold_a_town_of_the_text():
    found = spans("L'Université Grenoble Alpes compte trois composantes : l'IEP, l'Ensag et l'INP.")
    assert found["IEP"] == "sciences_po_grenoble"


def test_components_a_plural_head_distributes_only_over_places_or_own_links():
    found = written(
        "Les écoles ont signé un accord avec les universités d'Aquitaine, Sciences-Po et INP."
    )
    assert not any((name or "").startswith("université d'") for name in found.values())


def test_components_a_two_word_known_name_written_with_a_hyphen():
    assert spans("Sciences-Po recrute.") == {"Sciences-Po": "sciences_po"}


def test_components_a_known_acronym_glued_to_another_by_a_hyphen_is_another_name():
    found = spans("L'ISA-BTP recrute.")
    assert "ISA-BTP" in found and found["ISA-BTP"] != "isa_lille"


def test_components_a_plural_complement_after_et_de_goes_on_with_the_name():
    found = spans("La Communauté d'universités et d'établissements d'Aquitaine est née.")
    assert "Communauté d'universités et d'établissements d'Aquitaine" in found


def test_components_two_known_names_glued_by_a_hyphen_name_a_third_body():
    found = spans("LaSalle Beauvais-Esitpa est née en 2016.")
    assert found == {"LaSalle Beauvais-Esitpa": ""}


def test_components_a_known_component_glued_to_its_whole_stays_the_component():
    found = spans("Grenoble INP-Ensimag recrute.")
    assert found == {"Grenoble INP-Ensimag": "ensimag"}


def test_components_a_person_s_name_a_body_takes_is_the_body_s():
    assert "Jean Jaurès" in spans(
        "L'Université Toulouse-Le Mirail prend officiellement le nom de Jean Jaurès."
    )


def test_components_a_name_taken_that_starts_with_a_head_keeps_its_whole_length():
    found = spans(
        "Le nouveau-né prendra le nom d'Ecole supérieure de chimie physique et électronique de Lyon."
    )
    assert "Ecole supérieure de chimie physique et électronique de Lyon" in found
