"""Dates written in articles, resolved against the publication date: '18 février 2016',
'ce mardi 10 juillet', 'fin 2014', 'rentrée 2017', 'en juillet dernier', 'le 8 décembre prochain'.

Each expression keeps its precision (day, month or year). Without a publication date a
partial expression that needs one ('en juillet dernier') gives nothing rather than a guess:
today's date is never used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..sources.dates import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_YEAR = r"(?:19[5-9]\d|20\d\d)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("numeric", rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>{_YEAR})\b"),
        (
            "day",
            rf"\b(?:{_WEEKDAY}\s+)?(?P<d>\d{{1,2}})(?:er)?(?:\s*(?:et|au|-|–)\s*\d{{1,2}}(?:er)?)?"
            rf"\s+(?P<month>{_MONTH})\.?"
            rf"(?:\s+(?P<y>{_YEAR})|\s+(?P<rel>dernier|prochain))?\b",
        ),
        (
            "season",
            rf"\b(?P<season>rentrée)(?:\s+(?:universitaire|scolaire))?\s+(?:de\s+)?(?P<y>{_YEAR})\b",
        ),
        ("next_season", r"\b(?P<season>rentrée)\s+(?P<rel>prochaine)\b"),
        ("month", rf"\b(?P<month>{_MONTH})\s+(?P<y>{_YEAR})\b"),
        (
            "relative_month",
            rf"\b(?:en|au mois d['’]|au mois de|depuis)\s*(?P<month>{_MONTH})"
            r"\s+(?P<rel>dernier|prochain)\b",
        ),
        (
            "bare_month",
            r"\b(?:en|début|fin|mi-|courant|dès|depuis|à partir de)\s*"
            rf"(?P<month>{_MONTH})\b(?!\s+\d)",
        ),
        ("relative_year", r"\b(?P<rel>l['’]an(?:née)? (?:dernière?|prochaine?)|cette année)\b"),
        (
            "academic_year",
            rf"\b(?:année\s+(?:universitaire|scolaire)\s+)?(?P<y>{_YEAR})\s*[-/–]\s*{_YEAR}\b",
        ),
        ("year", rf"\b(?P<y>{_YEAR})\b"),
    )
)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str  # ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def find_dates(text: str, published: str | None = None) -> list[TimeExpression]:
    """Every date expression of `text`, longest first where they overlap, in text order."""
    base = date.fromisoformat(published) if published and len(published) == 10 else None
    found: list[TimeExpression] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(e.start < match.end() and match.start() < e.end for e in found):
                continue
            value = _resolve(name, match, base)
            if value:
                found.append(TimeExpression(match.start(), match.end(), match.group(0), value))
    return sorted(found, key=lambda e: e.start)


def _resolve(name: str, match: re.Match[str], base: date | None) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if name == "numeric":
        return _iso(year or 0, int(groups["m"]), int(groups["d"]))
    if name == "day":
        month = MONTHS[groups["month"].casefold()]
        if year:
            return _iso(year, month, int(groups["d"]))
        return _day_near(base, month, int(groups["d"]), groups.get("rel"))
    if name in ("season", "next_season"):
        return _school_year_start(year, base)
    if name == "month":
        return f"{year:04d}-{MONTHS[groups['month'].casefold()]:02d}" if year else None
    if name in ("relative_month", "bare_month"):
        return _month_near(base, MONTHS[groups["month"].casefold()], groups.get("rel"))
    if name == "relative_year":
        return _year_near(base, groups["rel"].lower())
    return f"{year:04d}" if year else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_near(base: date | None, month: int, day: int, relation: str | None) -> str | None:
    """'10 juillet' in an article of 2018-07-12: the nearest such day, or the one the
    relation word asks for ('dernier' before, 'prochain' after)."""
    if base is None:
        return None
    options = [d for y in (base.year - 1, base.year, base.year + 1) if (d := _date(y, month, day))]
    if relation and relation.lower() == "dernier":
        options = [d for d in options if d <= base]
    elif relation:
        options = [d for d in options if d >= base]
    if not options:
        return None
    return min(options, key=lambda d: abs((d - base).days)).isoformat()


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_near(base: date | None, month: int, relation: str | None) -> str | None:
    if base is None:
        return None
    year = base.year
    if relation and relation.lower() == "dernier" and month >= base.month:
        year -= 1
    elif relation and relation.lower() == "prochain" and month <= base.month:
        year += 1
    return f"{year:04d}-{month:02d}"


def _year_near(base: date | None, relation: str) -> str | None:
    if base is None:
        return None
    shift = -1 if "derni" in relation else 1 if "prochain" in relation else 0
    return f"{base.year + shift:04d}"


def _school_year_start(year: int | None, base: date | None) -> str | None:
    """French academic years start in September: 'rentrée 2017' is 2017-09."""
    if year is None:
        if base is None:
            return None
        year = base.year + (1 if base.month >= 9 else 0)
    return f"{year:04d}-09"


def deictic_publication_date(text: str) -> str | None:
    """'Ce mardi 10 juillet 2018, ...' opening an article dates the article itself."""
    opening = text[:400]
    match = re.search(
        rf"\b(?:ce|cette|aujourd['’]hui)\s+(?:{_WEEKDAY}\s+)?(?P<d>\d{{1,2}})(?:er)?\s+"
        rf"(?P<month>{_MONTH})\s+(?P<y>{_YEAR})",
        opening,
        re.I,
    )
    if not match:
        return None
    return _iso(int(match["y"]), MONTHS[match["month"].casefold()], int(match["d"]))


def nearest(expressions: list[TimeExpression], offset: int) -> TimeExpression | None:
    """The expression closest to a character offset (the trigger of an event)."""
    if not expressions:
        return None
    return min(expressions, key=lambda e: abs((e.start + e.end) // 2 - offset))
