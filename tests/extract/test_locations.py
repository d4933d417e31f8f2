"""located_in facts from snippets written for these tests, one construction each."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument

pytestmark = pytest.mark.slow


def locations(text: str) -> set[tuple[str, str]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return {(f.subject, f.object) for f in record.facts if f.predicate == "located_in"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place fronting its sentence
        ("À Grenoble, l'ENSIMAG forme des informaticiens.", ("org-ensimag", "place-grenoble")),
        ("Titre de la page\nÀ Brest, l'ENIB accueille 800 élèves.", ("org-enib", "place-brest")),
        # seat participles and verbs
        (
            "Une convention avec l'UTBM, implantée à Belfort, a été signée.",
            ("org-utbm", "place-belfort"),
        ),
        (
            "Installée à Fontainebleau depuis 1959, l'Insead accueille un millier d'étudiants.",
            ("org-insead", "place-fontainebleau"),
        ),
        ("L'ESSEC s'installe à Rabat pour la rentrée.", ("org-essec", "place-rabat")),
        (
            "Quant à l'ENSAT, installée à Auzeville-Tolosane, elle ouvre un parcours commun.",
            ("org-ensat", "place-auzeville-tolosane"),
        ),
        (
            "Le CIEP (Centre international d'études pédagogiques), basé à Sèvres, rejoint "
            "l'alliance.",
            ("org-centre-international-d-etudes-pedagogiques", "place-sevres"),
        ),
        (
            "VetAgro Sup, dont le campus agronomique est situé à Lempdes, accompagne le lycée.",
            ("org-vetagro_sup", "place-lempdes"),
        ),
        # site nouns: campus, siège, implantation
        (
            "L'ESSEC accueille 6 000 étudiants sur ses campus de Cergy, de Singapour et de Rabat.",
            ("org-essec", "place-singapour"),
        ),
        (
            "Le campus de Metz de CentraleSupélec accueille 300 élèves.",
            ("org-centralesupelec", "place-metz"),
        ),
        (
            "L'Esaip annonce qu'elle s'installe à Aix-en-Provence, loin de son siège angevin.",
            ("org-esaip", "place-angers"),
        ),
        # an opening verb
        ("IMT Atlantique ouvre un bachelor à Rennes.", ("org-imt_atlantique", "place-rennes")),
        # the place as a complement of the name
        ("L'accord réunit l'UBO (Brest) et l'UBS (Vannes).", ("org-ubs", "place-vannes")),
        (
            "Les élèves pourront obtenir un master de la Technische Hochschule Rosenheim, "
            "en Bavière.",
            ("org-technische-hochschule-rosenheim", "place-baviere"),
        ),
        (
            "Une convention avec l'université Laval, au Québec, est à l'étude.",
            ("org-universite_laval", "place-quebec"),
        ),
        (
            "Le groupe compte des écoles partenaires, parmi lesquelles l'ENSCMu à Mulhouse et "
            "l'ISIS à Castres.",
            ("org-isis", "place-castres"),
        ),
        ("L'accord associe l'ENSMM de Besançon et l'UTBM.", ("org-ensmm", "place-besancon")),
        # a demonym in a description of the institution
        (
            "Claire Obadia prend la tête de l'ENSTA Bretagne. L'école brestoise forme un millier "
            "d'ingénieurs.",
            ("org-ensta_bretagne", "place-brest"),
        ),
    ],
)
def test_locations_each_construction(text, expected):
    assert expected in locations(text)


def test_locations_every_place_of_a_list():
    found = locations("IMT Atlantique dispose de campus à Brest, Nantes et Rennes.")
    assert {("org-imt_atlantique", f"place-{town}") for town in ("brest", "nantes", "rennes")} <= (
        found
    )


@pytest.mark.parametrize(
    "text",
    [
        # 'compte' taken for a noun by the tagger, in either sentence position
        "L'ESSCA compte aujourd'hui des campus à Paris, Lyon et Bordeaux.",
        "L'école recrute. L'ESSCA compte 9 000 élèves sur ses campus de Paris, Lyon et Bordeaux.",
    ],
)
def test_locations_every_campus_of_a_having_verb(text):
    assert {("org-essca", f"place-{town}") for town in ("paris", "lyon", "bordeaux")} <= (
        locations(text)
    )


def test_locations_a_hyphenated_campus_name_opens_the_list():
    found = locations("CentraleSupélec compte 4 500 élèves sur ses campus de Paris-Saclay et Metz.")
    assert {
        ("org-centralesupelec", "place-paris-saclay"),
        ("org-centralesupelec", "place-metz"),
    } <= (found)


def test_locations_every_place_coordinated_after_a_seat_verb():
    found = locations("L'INSA Centre Val de Loire est implanté à Bourges et à Blois.")
    assert {
        ("org-insa_centre_val_de_loire", "place-bourges"),
        ("org-insa_centre_val_de_loire", "place-blois"),
    } <= found


def test_locations_not_from_a_place_far_from_any_pattern():
    assert locations("L'ENSIMAG a signé un accord. Le colloque aura lieu à Lyon.") == set()


def test_locations_a_country_in_brackets_is_no_seat():
    text = "L'alliance associe l'Université de technologie de Troyes (France) et l'UTBM."
    assert ("org-utt", "place-france") not in locations(text)
    assert not {place for _, place in locations(text)} & {"place-france"}


def test_locations_brackets_holding_a_name_are_no_seat():
    text = "L'université Henri-Poincaré (Nancy 1) a fusionné avec l'université Nancy 2."
    assert not {place for _, place in locations(text)} & {"place-nancy"}


def test_locations_the_whole_of_named_schools_is_not_seated_by_the_gazetteer():
    text = (
        "Télécom Paris, installée à Palaiseau, et Télécom SudParis sont deux écoles de "
        "l'Institut Mines-Télécom."
    )
    found = locations(text)
    assert ("org-telecom_paris", "place-palaiseau") in found
    assert ("org-institut_mines_telecom", "place-palaiseau") not in found


def test_locations_a_campus_without_an_owner_seats_nobody():
    text = (
        "La cérémonie s'est tenue sur le campus de Villers-lès-Nancy, en présence de la "
        "directrice de l'ENSIMAG."
    )
    assert locations(text) == set()


def test_locations_a_town_word_inside_a_longer_name_is_no_place():
    assert not {p for _, p in locations("L'ENSIMAG signe avec Lyon 2 à Grenoble.")} & {"place-lyon"}


def test_locations_campus_of_the_subject_behind_a_quoted_speaker():
    text = (
        "L'Université de Lorraine compte 60 000 étudiants. Selon son président, « l'université "
        "doit consolider ses campus de Metz et d'Épinal »."
    )
    assert ("org-universite_de_lorraine", "place-epinal") in locations(text)


def test_locations_one_place_mention_for_a_demonym_standing_for_several_bodies():
    text = (
        "Mines Nancy et Télécom Nancy ont signé. Les deux écoles nancéiennes créent un incubateur."
    )
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    spans = [(m.start, m.end) for m in record.mentions if m.entity == "place-nancy"]
    assert spans and len(spans) == len(set(spans))


def test_locations_a_place_does_not_run_over_the_items_of_a_bulleted_list():
    found = locations("Le groupe rassemble deux écoles :\n- l'UTT (Troyes)\n- l'ENSMM, à Paris")
    assert ("org-utt", "place-troyes") in found
    assert ("org-utt", "place-paris") not in found


@pytest.mark.parametrize(
    "text",
    [
        "L'ENSAM se développe. Ses campus disposent de sites à Lyon et à Metz.",
        "Son campus possède un site à Lyon et à Metz.",
    ],
)
def test_locations_a_site_subject_of_its_having_verb_ends_without_a_loop(text):
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    assert record.problem is None
