"""Acronym definitions (Schwartz-Hearst), quoted names and metalinguistic mentions."""

from __future__ import annotations

import pytest

from maillage.nlp.definitions import long_form_start


@pytest.mark.parametrize(
    ("short", "words", "start"),
    [
        ("DDEI", ["La", "direction", "du", "développement", "européen", "et", "international"], 1),
        ("InSIC", ["l'", "Institut", "Supérieur", "d'", "Ingénierie", "de", "la", "Conception"], 1),
        ("EOST", ["l'", "École", "et", "Observatoire", "des", "Sciences", "de", "la", "Terre"], 1),
        ("MS", ["écoles", ",", "Management", "&", "société"], 2),
    ],
)
def test_definitions_long_form_opens_on_a_content_word(short, words, start):
    assert long_form_start(short, words) == start


def test_definitions_reject_letters_that_do_not_spell_the_acronym():
    assert long_form_start("XYZ", ["la", "direction", "du", "développement"]) is None


def institutions(text: str) -> list[str]:
    from maillage.nlp.pipeline import load_pipeline

    doc = load_pipeline()(text)
    return [span.text for span in doc.spans["institutions"]]


@pytest.mark.slow
def test_definitions_make_both_forms_institutions_even_lowercase_directorates():
    found = institutions("La direction des relations internationales (DRI) accueille les élèves.")
    assert "direction des relations internationales" in found and "DRI" in found


@pytest.mark.slow
def test_definitions_parenthesised_long_form_wins_over_a_shorter_pattern():
    found = institutions("l'ESSA (École supérieure de soudage et de ses applications) forme")
    assert "École supérieure de soudage et de ses applications" in found


@pytest.mark.slow
def test_definitions_quoted_name_after_a_naming_word_is_one_institution():
    found = institutions("Baptisé « Réseau Figure des écoles », le groupe compte dix membres.")
    assert "Réseau Figure des écoles" in found


@pytest.mark.slow
def test_definitions_a_name_quoted_as_a_word_is_not_an_institution():
    found = institutions("L'école a retiré de sa communication le terme ParisTech.")
    assert "ParisTech" not in found


@pytest.mark.slow
def test_definitions_lowercase_heads_need_a_proper_name():
    found = institutions(
        "Le conseil régional du Centre et la Région Grand Est soutiennent le lycée "
        "Émile-Duclaux. Le lycée professionnel ferme et le conseil des études siège."
    )
    assert {"conseil régional du Centre", "Région Grand Est", "lycée Émile-Duclaux"} <= set(found)
    assert not {"lycée professionnel", "conseil des études"} & set(found)


@pytest.mark.slow
def test_definitions_coordinated_names_with_the_same_head_stay_apart():
    found = institutions(
        "La fusion de la Région Alsace, de la Région Champagne-Ardenne et de la Région Lorraine "
        "a créé la Région Grand Est chargée de l'enseignement supérieur."
    )
    assert {
        "Région Alsace",
        "Région Champagne-Ardenne",
        "Région Lorraine",
        "Région Grand Est",
    } <= set(found)
