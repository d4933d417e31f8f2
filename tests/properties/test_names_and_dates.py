"""Properties of name normalization (the key of aliases, search and entity resolution) and
of date resolution (article dates against the publication date, metadata dates)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from maillage.extract.temporal import find_dates
from maillage.resolve.names import normalize_name
from maillage.sources.dates import parse_publication_date

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)))
NAME_CHARS = st.sampled_from("abcdeéèêàâçîïôûüœæ ABCDEÉÈÀÇ0123456789'’-.&()")
NAMES = st.text(NAME_CHARS, max_size=40)
MONTH_NAMES = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DAYS = st.dates(min_value=date(1960, 1, 1), max_value=date(2099, 12, 31))


@given(ANY_TEXT)
def test_names_normal_form_is_lowercase_ascii_words(name):
    normal = normalize_name(name)
    assert re.fullmatch(r"(?:[0-9a-z]+(?: [0-9a-z]+)*)?", normal), normal


@given(NAMES)
@example("École Nationale")
@example("l'ENSMM")
def test_names_case_accents_and_punctuation_do_not_matter(name):
    normal = normalize_name(name)
    assert normalize_name(name.upper()) == normal
    assert normalize_name(name.lower()) == normal
    assert normalize_name(name.replace("é", "e").replace("É", "E")) == normal
    assert normalize_name(f"  {name}  ") == normal


@given(NAMES)
@example("la la land")
def test_names_normalizing_twice_changes_nothing(name):
    once = normalize_name(name)
    assert normalize_name(once) == once


@given(DAYS, DAYS)
def test_dates_a_full_date_is_itself_whatever_the_publication_date(day, published):
    text = f"La convention a été signée le {day.day} {MONTH_NAMES[day.month - 1]} {day.year}."
    found = find_dates(text, published.isoformat())
    assert [e.value for e in found] == [day.isoformat()]
    assert found[0].precision == "day"
    assert text[found[0].start : found[0].end] == found[0].text


@given(DAYS, st.integers(1, 28), st.integers(1, 12), st.sampled_from(["dernier", "prochain"]))
def test_dates_a_relative_day_falls_on_the_asked_side_within_a_year(published, day, month, side):
    assume(date(1961, 1, 1) <= published <= date(2098, 12, 31))
    text = f"Le partenariat sera signé le {day} {MONTH_NAMES[month - 1]} {side}."
    [found] = find_dates(text, published.isoformat())
    resolved = date.fromisoformat(found.value)
    assert (resolved.month, resolved.day) == (month, day)
    if side == "dernier":
        assert published - timedelta(days=366) <= resolved <= published
    else:
        assert published <= resolved <= published + timedelta(days=366)


@given(st.integers(1, 28), st.sampled_from(MONTH_NAMES), st.sampled_from(["", " dernier"]))
def test_dates_without_a_publication_date_a_relative_date_gives_nothing(day, month, side):
    found = find_dates(f"Signée le {day} {month}{side}, en {month} dernier.", None)
    assert found == []  # never today's date


@settings(deadline=None)
@given(ANY_TEXT, st.one_of(st.none(), DAYS.map(date.isoformat)))
@example("1 ſept 2020", "2021-01-01")  # long s matches 's' case-insensitively
def test_dates_any_text_gives_valid_dates_at_their_offsets(text, published):
    found = find_dates(text, published)
    for expression in found:
        assert text[expression.start : expression.end] == expression.text
        value = expression.value
        assert expression.precision in ("year", "month", "day")
        if expression.precision == "day":
            date.fromisoformat(value)
        elif expression.precision == "month":
            assert 1 <= int(value[5:7]) <= 12
    spans = [(e.start, e.end) for e in found]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


@settings(deadline=None)
@given(ANY_TEXT)
@example("31/02/2021")
@example("Mon, 10 Jul 2018 08:00:00 GMT")
def test_dates_publication_metadata_is_a_real_date_or_nothing(text):
    value = parse_publication_date(text)
    if value is not None:
        date.fromisoformat(value)


@given(DAYS)
def test_dates_publication_metadata_in_usual_shapes_is_that_day(day):
    shapes = [
        day.isoformat(),
        f"{day.isoformat()}T10:00:00+02:00",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"Publié le {day.day} {MONTH_NAMES[day.month - 1]} {day.year}",
    ]
    assert {parse_publication_date(shape) for shape in shapes} == {day.isoformat()}
