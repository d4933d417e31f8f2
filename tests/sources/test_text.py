from maillage.sources.text import clean_text

PAGE = """Accueil > Actualités > Partenariats
L'INSA Lyon et l'ECAM s'associent
Jeanne Martin | Publié le 14/10/2022
L'INSA Lyon et l'ECAM signent un accord qui rapproche deux écoles voisines depuis des décennies…
Partager l'article
À Lyon, l'INSA forme chaque année 1 000 ingénieurs. // © INSA Lyon/Photo
L'INSA Lyon et l'ECAM signent un accord qui rapproche deux écoles voisines depuis des décennies, a-t-on appris.
Lire aussi : les écoles d'ingénieurs recrutent
Commentaire 0
Sujets les + lus
Loading...
L'INSA Lyon et l'ECAM s'associent
"""


def test_clean_text_drops_press_furniture_lines():
    cleaned = clean_text(PAGE)
    for furniture in (
        "Partager",
        "Commentaire 0",
        "Sujets les + lus",
        "Loading",
        "Lire aussi",
        "Accueil >",
    ):
        assert furniture not in cleaned.text


def test_clean_text_keeps_caption_but_not_photo_credit():
    cleaned = clean_text(PAGE)
    assert "À Lyon, l'INSA forme chaque année 1 000 ingénieurs." in cleaned.text
    assert "©" not in cleaned.text


def test_clean_text_moves_byline_to_metadata():
    cleaned = clean_text(PAGE)
    assert cleaned.author == "Jeanne Martin"
    assert cleaned.published == "2022-10-14"
    assert "Publié le" not in cleaned.text


def test_clean_text_drops_teaser_and_repeated_headline():
    cleaned = clean_text(PAGE)
    assert cleaned.text.count("signent un accord") == 1
    assert cleaned.text.count("s'associent") == 1
    assert cleaned.title == "L'INSA Lyon et l'ECAM s'associent"


def test_clean_text_byline_with_written_date():
    cleaned = clean_text("Titre\nPar Paul Durand, le 3 mars 2021\nLe texte de l'article.")
    assert cleaned.author == "Paul Durand"
    assert cleaned.published == "2021-03-03"


def test_clean_text_keeps_ordinary_sentences_mentioning_comments():
    sentence = "Les commentaires des directeurs sur la fusion ont été nombreux."
    assert sentence in clean_text(sentence).text
