"""Publication dates from metadata and bylines."""

from __future__ import annotations

import pytest

from maillage.sources.dates import parse_publication_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-07-10T08:00:00+02:00", "2018-07-10"),
        ("10/07/2018", "2018-07-10"),
        ("Publié le 10 juillet 2018", "2018-07-10"),
        ("Mon, 10 Jul 2018 08:00:00 GMT", "2018-07-10"),
        ("July 10, 2018", "2018-07-10"),
        ("10 juil. 2018", "2018-07-10"),
    ],
)
def test_dates_publication_date_in_every_shape(text, expected):
    assert parse_publication_date(text) == expected


@pytest.mark.parametrize("text", ["Publié le", "2018", "31/02/2018", None, "mardi"])
def test_dates_no_full_date_gives_none(text):
    assert parse_publication_date(text) is None
