"""holds_role facts: 'X, directeur de Y', 'la présidente de Y, X', 'X (DG de Y)', title lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..models import Mention
from .context import Context, Reading

MAX_GAP = 90
_ARTICLE = r"(?:l['’]\s*|la\s+|le\s+|les\s+)?"
_CONNECTOR = r"(?:de|du|des|d['’]|au sein de|à)\s*" + _ARTICLE


@dataclass(frozen=True, slots=True)
class _Patterns:
    after_person: re.Pattern[str]
    before_org: re.Pattern[str]
    title_line: re.Pattern[str]
    leads_org: re.Pattern[str]
    represented_by: re.Pattern[str]
    and_title: re.Pattern[str]
    possessive_title: re.Pattern[str]
    of_reference: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    raw = json.loads(
        resources.files("maillage.resources").joinpath("roles.json").read_text("utf-8")
    )
    titles = "|".join(f"(?:{t})" for t in raw["titles"])
    title = rf"(?P<title>(?:{titles})\b(?:[^,.;:()\n]{{0,70}}?)?)"
    lead = (
        r"(?:(?:jusqu['’](?:ici|alors)|désormais|aujourd['’]hui|également|alors|ex-)\s*)?"
        r"(?:(?:son|sa|notre|nouvel(?:le)?|nouveau|ancien(?:ne)?|actuel(?:le)?|futur(?:e)?|l[ae]|l['’])\s*)?"
    )
    return _Patterns(
        after_person=re.compile(
            rf"^\s*[,(–-]\s*(?:qui est\s+)?{lead}{title}\s+{_CONNECTOR}$", re.I
        ),
        before_org=re.compile(rf"{lead}{title}\s+{_CONNECTOR}$", re.I),
        title_line=re.compile(rf"^\s*\n\s*{title}\s*(?:\s+{_CONNECTOR}|\n+\s*{_ARTICLE})$", re.I),
        leads_org=re.compile(
            rf"^\s*,\s*qui\s+(?P<verb>dirige|dirigeait|préside|présidait)\s+{_ARTICLE}$", re.I
        ),
        represented_by=re.compile(rf"^\s*,?\s*représentée?\s+par\s+{lead}{title}\s*,?\s*$", re.I),
        and_title=re.compile(rf"^\s+et\s+{lead}{title}\s+{_CONNECTOR}$", re.I),
        possessive_title=re.compile(rf"\b(?:son|sa|leur)\s+{title}\s*,\s*$", re.I),
        of_reference=re.compile(
            rf"^\s*,\s*{lead}{title}\s+(?:de|du|d['’])\s*(?:l['’]\s*|la\s+)"
            r"(?:école|université|établissement|institut)\b",
            re.I,
        ),
    )


def find_roles(context: Context) -> Iterator[Reading]:
    """One reading per (person, organization, title) statement."""
    for person, org, title, rule in _pairs(context):
        yield Reading(
            "holds_role",
            person,
            org,
            rule,
            kind="appointment",
            role=_clean_title(title),
            status="done",
            dated=False,
            confidence=0.8,
        )


def _pairs(context: Context) -> Iterator[tuple[Mention, Mention, str, str]]:
    patterns = _patterns()
    text = context.text
    people, orgs = context.of_type("person"), context.of_type("organization")
    for person in people:
        following = _next_org(orgs, person.end)
        if following:
            gap = text[person.end : following.start]
            match = patterns.after_person.match(gap) or patterns.title_line.match(gap)
            if match:
                yield person, following, match["title"], "role.person_title_org"
                yield from _more_titles(text, person, following, orgs, patterns)
                continue
            led = patterns.leads_org.match(gap)
            if led:
                verb = led["verb"].lower()
                yield person, following, _LEADER[verb[:4]], "role.person_leads_org"
                continue
        preceding = next((o for o in reversed(orgs) if o.end <= person.start), None)
        described = _described_by_reference(context, person, preceding, patterns)
        if described:
            yield described
            continue
        if preceding and person.start - preceding.end <= MAX_GAP:
            represented = patterns.represented_by.match(text[preceding.end : person.start])
            if represented:
                yield person, preceding, represented["title"], "role.org_represented_by_person"
                continue
        if preceding and re.fullmatch(r"\s*,\s*", text[preceding.end : person.start]):
            window = text[max(0, preceding.start - MAX_GAP) : preceding.start]
            match = patterns.before_org.search(window)
            if match:
                yield person, preceding, match["title"], "role.title_org_person"


_LEADER = {"diri": "directeur", "prés": "président"}


def _described_by_reference(
    context: Context, person: Mention, preceding: Mention | None, patterns: _Patterns
) -> tuple[Mention, Mention, str, str] | None:
    """'Son directeur, X' and 'X, directrice de l'école': the institution is the one the
    sentence (or the article, just before) is about."""
    if preceding is None:
        return None
    window = context.text[max(0, person.start - MAX_GAP) : person.start]
    match = patterns.possessive_title.search(window)
    if match and preceding.end <= person.start - (len(window) - match.start()):
        return person, _topic(context, preceding), match["title"], "role.possessive_title"
    after = patterns.of_reference.match(context.text[person.end : person.end + MAX_GAP])
    if after:
        return person, _topic(context, preceding), after["title"], "role.title_of_reference"
    return None


def _topic(context: Context, preceding: Mention) -> Mention:
    """What 'son', 'sa' or 'l'école' points back to: the first institution of the sentence
    that last named one (its subject, usually), not merely the last name read."""
    in_sentence = context.in_sentence(preceding.start)
    return next((m for m in in_sentence if m.text), preceding)


def _next_org(orgs: list[Mention], offset: int) -> Mention | None:
    return next((o for o in orgs if offset <= o.start <= offset + MAX_GAP), None)


def _more_titles(
    text: str, person: Mention, org: Mention, orgs: list[Mention], patterns: _Patterns
) -> Iterator[tuple[Mention, Mention, str, str]]:
    """'présidente du Groupe INSA et directrice de l'INSA Toulouse': every title in the chain."""
    while (following := _next_org(orgs, org.end)) is not None:
        match = patterns.and_title.match(text[org.end : following.start])
        if not match:
            return
        yield person, following, match["title"], "role.person_title_org"
        org = following


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().lower()
