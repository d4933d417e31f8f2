"""Date expressions and their resolution against the publication date (no model needed)."""

from __future__ import annotations

import pytest

from maillage.extract.temporal import deictic_publication_date, find_dates


def only(text: str, published: str | None = None) -> str | None:
    found = find_dates(text, published)
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("signée le 18 février 2016 à Paris", None, "2016-02-18"),
        ("le 1er mars 2021", None, "2021-03-01"),
        ("signé le 03/04/2019", None, "2019-04-03"),
        ("en septembre 2020", None, "2020-09"),
        ("signée fin 2014 avec l'AIMF", None, "2014"),
        ("dès la rentrée 2017", None, "2017-09"),
        ("à la rentrée prochaine", "2021-10-02", "2022-09"),
        ("en juillet dernier", "2021-03-10", "2020-07"),
        ("en juillet dernier", "2021-09-10", "2021-07"),
        ("le 8 décembre prochain", "2021-11-20", "2021-12-08"),
        ("jeudi 12 juillet", "2018-07-20", "2018-07-12"),
        ("l'année dernière", "2019-05-01", "2018"),
        ("pour l'année universitaire 2017-2018", None, "2017"),
    ],
)
def test_temporal_resolves_each_form_with_its_precision(text, published, expected):
    assert only(text, published) == expected


@pytest.mark.parametrize("text", ["en juillet dernier", "le 8 décembre prochain", "l'an prochain"])
def test_temporal_never_guesses_a_relative_date_without_publication_date(text):
    assert only(text) is None


def test_temporal_keeps_the_longest_reading_and_its_precision():
    found = find_dates("Le 18 février 2016, puis en 2017.")
    assert [(e.value, e.precision) for e in found] == [("2016-02-18", "day"), ("2017", "year")]


def test_temporal_deictic_opening_dates_the_article():
    assert (
        deictic_publication_date("Ce mardi 10 juillet 2018, l'IMT et six écoles…") == "2018-07-10"
    )
    assert deictic_publication_date("Le 10 juillet 2018, l'IMT et six écoles…") is None
