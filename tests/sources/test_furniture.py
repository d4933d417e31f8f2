"""Page furniture of press and school pages: bylines in their many layouts, reading lists and
link lines. Pages and lines are written for these tests."""

from __future__ import annotations

import pytest

from maillage.sources.html import read_html
from maillage.sources.text import clean_author, clean_text


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("Le Courrier du Sud | Lucie Marchand | Publié le 05/04/2021 à 09h12", "Lucie Marchand",
         "2021-04-05"),
        ("Dépêche n°123456 · Lyon, jeudi 4 mars 2021 · Paul Roux", "Paul Roux", "2021-03-04"),
        ("Par Inès Le Gall – 12 mai 2022 à 07:00 | mis à jour à 09:30 – Temps de lecture : 3 min",
         "Inès Le Gall", "2022-05-12"),
        ("Publié le 02/02/2020 | Par Marc de la Tour", "Marc de la Tour", "2020-02-02"),
        ("La Gazette de l'Est | Vosges | 08/09/2019 | Hugo Perrin", "Hugo Perrin", "2019-09-08"),
    ],
)  # fmt: skip
def test_furniture_segmented_bylines_become_metadata(line, author, published):
    cleaned = clean_text(f"Un titre\n{line}\nLe texte de l'article commence ici.")
    assert cleaned.author == author
    assert cleaned.published == published
    assert line not in cleaned.text


def test_furniture_a_sentence_with_a_dash_and_a_date_is_not_a_byline():
    line = "Mines Nancy et Télécom Nancy - une alliance signée le 3 mars 2021 par les deux écoles"
    assert line in clean_text(f"Titre\n{line}").text


def test_furniture_page_author_field_keeps_only_the_name():
    assert clean_author("Par Lucie Marchand; Mis À Jour À") == "Lucie Marchand"
    assert clean_author("par Jean-Luc Petit") == "Jean-Luc Petit"
    assert clean_author("Rédaction") is None


def test_furniture_reading_list_and_link_lines_are_dropped():
    page = (
        "L'école et l'université signent un accord.\n"
        "Lire aussi | À Brest, l'Enib prépare sa rentrée\n"
        "À lire également\n"
        "› En savoir plus sur nos partenariats\n"
        "Voir toutes les actualités\n"
        "L'accord entrera en vigueur en septembre."
    )
    text = clean_text(page).text
    assert "Enib" not in text and "savoir plus" not in text and "actualités" not in text
    assert "L'accord entrera en vigueur en septembre." in text


PAGE = """<!doctype html><html><head><title>Accord</title>
<meta name="author" content="Par Lucie Marchand"></head><body>
<nav><a href="/">Accueil</a> &gt; <a href="/actu">Actualités</a></nav>
<article><h1>L'école et l'université signent un accord-cadre</h1>
<p class="byline">Par Lucie Marchand – 12 mai 2022 à 07:00 | mis à jour à 09:30</p>
<p>L'école d'ingénieurs et l'université voisine ont signé un accord-cadre de cinq ans, qui
porte sur la formation, la recherche et la vie étudiante des deux établissements.</p>
<p>Lire aussi | Les écoles de la région recrutent davantage à l'international</p>
<p>Les premiers doubles diplômes ouvriront à la rentrée prochaine, selon les deux directions,
qui prévoient aussi un laboratoire commun.</p></article></body></html>"""


def test_furniture_html_byline_and_reading_list_leave_the_text():
    document = read_html(PAGE, "page.html")
    assert document.author == "Lucie Marchand"
    assert "Lire aussi" not in document.text
    assert "mis à jour" not in document.text
    assert "doubles diplômes" in document.text


@pytest.mark.parametrize(
    "line",
    [
        "Imprimer cet article Imprimer cet article",
        "Passer au contenu",
        "3 min",
        "Pour poursuivre la lecture de cet article, abonnez-vous dès maintenant",
        "Lire la suite",
        "Ce site utilise des cookies pour mesurer son audience.",
        "Tout accepter",
        "Gérer mes préférences",
        "Suivez-nous sur les réseaux sociaux",
        "Retour aux actualités",
        "Article suivant : les écoles de commerce recrutent",
        "Mots-clés : INSA, partenariat, Lyon",
        "photo-signature-convention.jpg",
    ],
)
def test_furniture_web_page_lines_are_dropped(line):
    text = clean_text(f"Titre de l'article\n{line}\nL'école signe une convention avec l'INSA.").text
    assert line not in text
    assert "L'école signe une convention avec l'INSA." in text


def test_furniture_read_more_glued_to_a_sentence_is_cut():
    text = clean_text("Titre\nLes deux écoles ouvriront un double diplôme.Lire la suite").text
    assert text.endswith("double diplôme.")


def test_furniture_sentences_that_look_like_furniture_stay():
    kept = [
        "L'accord sera suivi d'un second en 2024.",
        "Le conseil a décidé de tout accepter en bloc, selon la présidente de l'université.",
        "Les cookies de la cafétéria ont disparu, plaisantent les étudiants de l'ESSEC.",
    ]
    text = clean_text("Titre\n" + "\n".join(kept)).text
    assert all(sentence in text for sentence in kept)
