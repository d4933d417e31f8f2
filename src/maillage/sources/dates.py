"""Publication dates found in page metadata or bylines, as ISO strings."""

from __future__ import annotations

import re
from datetime import date

_NUMERIC = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_WRITTEN = re.compile(r"(?P<d>\d{1,2})(?:er)?\s+(?P<month>[a-zéû]+)\.?\s+(?P<y>\d{4})", re.I)
MONTHS = {
    "janvier": 1,
    "janv": 1,
    "février": 2,
    "fevrier": 2,
    "févr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "décembre": 12,
    "decembre": 12,
    "déc": 12,
    "dec": 12,
}


def parse_publication_date(text: str | None) -> str | None:
    """'12/03/2021', '2021-03-12T10:00', '12 mars 2021' → '2021-03-12'; else None."""
    if not text:
        return None
    for pattern in (_ISO, _NUMERIC):
        match = pattern.search(text)
        if match:
            return _iso(int(match["y"]), int(match["m"]), int(match["d"]))
    match = _WRITTEN.search(text)
    if match and match["month"].lower() in MONTHS:
        return _iso(int(match["y"]), MONTHS[match["month"].lower()], int(match["d"]))
    return _parsed(text) if len(text) <= 80 else None


def _parsed(text: str) -> str | None:
    """Metadata in other shapes ('Mon, 10 Jul 2018 08:00:00 GMT', 'July 10, 2018'): dateparser,
    strict, French and English, a full date or nothing."""
    import dateparser  # slow to import; most dates never get here

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    found = dateparser.parse(text, languages=["fr", "en"], settings=settings)
    return found.date().isoformat() if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
