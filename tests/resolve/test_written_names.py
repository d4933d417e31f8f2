"""Entities of one article as the press names them: former names, shorter repeats, people
with particles, bylines. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument
from maillage.resolve.clusters import EntityRecord
from maillage.resolve.entities import gazetteer_links, resolve_entities
from maillage.resolve.gazetteer import load_gazetteer


def extract(text: str, published: str | None = None, author: str | None = None):
    raw = RawDocument(text=text, source="t.txt", published=published, author=author)
    record = extract_document(Document.from_raw(raw))
    return {e.name: e for e in record.entities}, record


@pytest.mark.slow
def test_names_a_former_name_after_the_renaming_is_its_own_entity():
    entities, _ = extract(
        "Cette année, l'ESSTIN devient Polytech Nancy. Polytech Nancy recrute.",
        published="2018-03-01",
    )
    former = entities["École supérieure des sciences et technologies de l'ingénieur de Nancy"]
    assert former.gazetteer is None and "ESSTIN" in former.aliases  # one former body
    assert "ESSTIN" not in entities["Polytech Nancy"].aliases


@pytest.mark.slow
def test_names_an_outdated_name_without_a_renaming_is_the_institution():
    entities, _ = extract(
        "L'UTT et Télécom ParisTech ont signé un double diplôme en cybersécurité.",
        published="2021-06-24",
    )
    assert "ParisTech" not in " ".join(e.name for e in entities.values())
    assert any(e.gazetteer == "telecom_paris" for e in entities.values())


@pytest.mark.slow
def test_names_a_former_name_before_the_renaming_is_the_institution():
    entities, _ = extract("L'ESSTIN forme des ingénieurs à Nancy.", published="2012-05-01")
    assert "Polytech Nancy" in entities
    assert "ESSTIN" in entities["Polytech Nancy"].aliases


@pytest.mark.slow
def test_names_ex_name_in_parentheses_is_a_former_body():
    entities, _ = extract("Télécom Paris (ex-Télécom ParisTech) ouvre un master.")
    assert entities["Télécom ParisTech"].gazetteer is None


@pytest.mark.slow
def test_names_a_shorter_repeat_takes_the_first_form_identity():
    entities, record = extract(
        "L'Université Mohammed V de Rabat signe un accord. L'Université Mohammed V accueillera "
        "des étudiants."
    )
    rabat = entities["Université Mohammed V de Rabat"]
    assert "Université Mohammed V" in rabat.aliases
    assert "Université Mohammed V" not in entities
    assert {m.entity for m in record.mentions if m.text.startswith("Université Mohammed")} == {
        rabat.key
    }


@pytest.mark.slow
def test_names_people_with_particles_are_whole():
    entities, _ = extract(
        "Selon Manuel Tunon de Lara, la fusion avance. Pierre Van de Weghe partage cet avis."
    )
    assert "Manuel Tunon de Lara" in entities
    assert "Pierre Van de Weghe" in entities


@pytest.mark.slow
def test_names_a_hyphenated_patron_name_is_not_a_person():
    entities, _ = extract("Il enseigne depuis 2010 à Paul-Sabatier et vit à Toulouse.")
    assert not any(e.type == "person" and e.name == "Paul-Sabatier" for e in entities.values())


@pytest.mark.slow
def test_names_no_person_from_a_headline_in_capitals():
    entities, _ = extract("JEAN DUPONT NOMMÉ\nJean Dupont dirige désormais l'école.")
    people = {e.name for e in entities.values() if e.type == "person"}
    assert "Jean Dupont" in people and not any(p.isupper() for p in people)


def test_names_a_former_body_never_joins_its_successor():
    successor = EntityRecord(
        "org-mines_paris",
        "organization",
        "Mines Paris",
        gazetteer="mines_paris",
        names={"Mines Paris", "Mines ParisTech"},  # another article used the old name
    )
    former = EntityRecord("org-mines-paristech", "organization", "Mines ParisTech",
                          names={"Mines ParisTech"})  # fmt: skip
    assert resolve_entities([successor, former], load_gazetteer()).redirects == {}


def test_names_gazetteer_links_ignore_former_names():
    # An unresolved 'ESSTIN' entity must not be folded into Polytech Nancy by name alone.
    records = [
        EntityRecord(
            "org-polytech_nancy", "organization", "Polytech Nancy", gazetteer="polytech_nancy"
        ),
        EntityRecord(
            "org-ecole-x",
            "organization",
            "École supérieure des sciences et technologies de l'ingénieur de Nancy",
            names={"École supérieure des sciences et technologies de l'ingénieur de Nancy"},
        ),
        EntityRecord("org-pn", "organization", "Polytech Nancy", names={"Polytech Nancy"}),
    ]
    assert list(gazetteer_links(records, load_gazetteer())) == [("org-polytech_nancy", "org-pn")]


@pytest.mark.slow
def test_names_anciennement_without_parentheses_states_a_former_body():
    entities, _ = extract(
        "Y Schools, anciennement Groupe ESC Troyes, compte 3 000 étudiants.", published="2020-01-01"
    )
    assert entities["Groupe ESC Troyes"].gazetteer is None
    assert "Groupe ESC Troyes" not in entities["Y Schools"].aliases


@pytest.mark.slow
def test_names_renaming_cue_is_read_in_the_whole_press_sentence():
    # spaCy cuts this sentence after the first apposition; the cue must still be seen.
    entities, _ = extract(
        "En Inde, Polytech Nancy, anciennement ESSTIN, recrute sur les salons.",
        published="2019-11-28",
    )
    assert "ESSTIN" not in entities["Polytech Nancy"].aliases


@pytest.mark.slow
def test_names_distributed_over_places_with_particles_keep_the_written_form():
    entities, _ = extract(
        "Le Groupe INSA réunit les INSA Centre Val de Loire, Hauts-de-France, Rouen Normandie "
        "et Strasbourg."
    )
    strasbourg = entities["Institut national des sciences appliquées de Strasbourg"]
    assert "INSA Strasbourg" in strasbourg.aliases  # the text wrote only 'Strasbourg'
    assert "INSA Centre Val de Loire" in entities
    assert any("INSA Hauts-de-France" in (e.name, *e.aliases) for e in entities.values())
    assert any("Rouen Normandie" in e.name for e in entities.values())


# Former names (issue 10, part 3, class 1): a former name the article writes next to the
# current one is the former body, so that the renaming between them can be stated.


@pytest.mark.slow
def test_names_former_and_current_names_in_one_article_are_two_bodies():
    # The renaming is told beside the current name only, without the former one.
    entities, _ = extract(
        "Mes années à IMT Lille Douai m'ont marqué. L'école a pris depuis le nom d'IMT Nord "
        "Europe et forme mille ingénieurs par an.",
        published="2023-05-02",
    )
    assert entities["IMT Lille Douai"].gazetteer is None
    assert "IMT Lille Douai" not in entities["IMT Nord Europe"].aliases


@pytest.mark.slow
def test_names_an_outdated_name_beside_current_ones_without_a_renaming_is_one_body():
    entities, _ = extract(
        "Arts et Métiers ParisTech et l'IMT ont signé un accord. Pour l'ENSAM, le campus de "
        "Metz en profitera.",
        published="2021-07-10",
    )
    ensam = next(e for e in entities.values() if e.gazetteer == "arts_et_metiers")
    assert "Arts et Métiers ParisTech" in ensam.aliases
    assert "Arts et Métiers ParisTech" not in entities


@pytest.mark.slow
def test_names_a_definition_makes_a_former_and_a_current_name_one_body():
    entities, _ = extract(
        "Marc Roux dirige Toulouse Business School (TBS Education) depuis deux ans.",
        published="2024-03-01",
    )
    assert "Toulouse Business School" in entities["TBS Education"].aliases
    assert "Toulouse Business School" not in entities


@pytest.mark.slow
def test_names_an_old_acronym_is_a_former_name_not_the_new_school_s_acronym():
    entities, _ = extract(
        "Cette année, l'ESIREM devient Polytech Dijon et rejoint le réseau.",
        published="2024-10-01",
    )
    esirem = next(e for e in entities.values() if "ESIREM" in (e.name, *e.aliases))
    assert esirem.gazetteer is None
    assert "ESIREM" not in entities["Polytech Dijon"].aliases


@pytest.mark.slow
def test_names_ex_after_a_comma_states_the_whole_former_name():
    entities, _ = extract(
        "Arts et Métiers, ex-Arts et Métiers ParisTech, recrute des enseignants.",
        published="2022-01-10",
    )
    assert entities["Arts et Métiers ParisTech"].gazetteer is None
    assert "ParisTech" not in entities  # no piece of the former name stands alone


@pytest.mark.slow
def test_names_a_former_name_stops_before_its_date():
    entities, _ = extract(
        "L'école lorraine s'appelait l'ESIAL jusqu'en 2012 et elle recrute toujours.",
        published="2020-01-10",
    )
    assert not any("jusqu" in name for e in entities.values() for name in (e.name, *e.aliases))
    assert any("ESIAL" in (e.name, *e.aliases) for e in entities.values())
