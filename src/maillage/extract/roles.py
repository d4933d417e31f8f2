"""holds_role facts: 'X, directeur de Y', 'la présidente de Y, X', 'X (DG de Y)', title lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..models import Mention
from ..resources import load_json
from .context import Context, Reading
from .grammar import CASE_ROLES

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
    listed: re.Pattern[str]
    appointed: re.Pattern[str]
    takes_lead: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    raw = load_json("roles.json")
    titles = "|".join(f"(?:{t})" for t in raw["titles"])
    title = rf"(?P<title>(?:{titles})\b(?:[^,.;:()\n]{{0,70}}?)?)"
    lead = (
        r"(?:(?:jusqu['’](?:ici|alors)|désormais|aujourd['’]hui|également|alors|ex-)\s*)?"
        r"(?:(?:son|sa|notre|nouvel(?:le)?|nouveau|ancien(?:ne)?|actuel(?:le)?|futur(?:e)?|l[ae]|l['’])\s*)?"
    )
    return _Patterns(
        after_person=re.compile(
            rf"^\s*(?:[,(–-]\s*)?(?:qui est\s+)?{lead}{title}\s+{_CONNECTOR}$", re.I
        ),
        before_org=re.compile(rf"{lead}{title}\s+{_CONNECTOR}$", re.I),
        title_line=re.compile(rf"^\s*\n\s*{title}\s*(?:\s+{_CONNECTOR}|\n+\s*{_ARTICLE})$", re.I),
        leads_org=re.compile(
            rf"^\s*,\s*qui\s+(?P<verb>dirige|dirigeait|préside|présidait)\s+{_ARTICLE}$", re.I
        ),
        represented_by=re.compile(rf"^\s*,?\s*représentée?\s+par\s+{lead}{title}\s*,?\s*$", re.I),
        and_title=re.compile(rf"^\s+et\s+{lead}{title}\s+{_CONNECTOR}$", re.I),
        possessive_title=re.compile(rf"\b(?:son|sa|leur)\s+{title}\s*,?\s*$", re.I),
        # '- Inès Bouzid, responsable des relations internationales' in a contact list
        listed=re.compile(rf"^\s*,\s*{title}\s*$", re.I),
        appointed=re.compile(
            r"^\s*(?:,[^,]{0,60},\s*)?(?:est\s+|a\s+été\s+|sera\s+|vient\s+d['’]être\s+)?"
            r"(?:nommée?|élue?|désignée?|réélue?|reconduite?|devient|deviendra|sera)\s+"
            rf"(?:au\s+poste\s+de\s+|à\s+la\s+tête\s+de\s+)?{lead}{title}\s+{_CONNECTOR}$",
            re.I,
        ),
        takes_lead=re.compile(
            r"^\s*(?:,[^,]{0,60},\s*)?(?:prend|prendra|a\s+pris|reprend)\s+(?:la\s+direction|la\s+présidence|la\s+tête)"
            rf"\s+{_CONNECTOR}$",
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
            appointed = patterns.appointed.match(gap)
            if appointed:
                yield person, following, appointed["title"], "role.person_appointed"
                continue
            took = patterns.takes_lead.match(gap)
            if took:
                title = "président" if "présidence" in took.group(0).lower() else "directeur"
                yield person, following, title, "role.person_takes_lead"
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
                continue
        yield from _contact_line(context, person, patterns)


_LEADER = {"diri": "directeur", "prés": "président"}
_BULLET = re.compile(r"(?:^|\n)\s*[-•–*]\s*$")


def _contact_line(
    context: Context, person: Mention, patterns: _Patterns
) -> Iterator[tuple[Mention, Mention, str, str]]:
    """A bulleted 'Name, title' line names someone of the article's institution."""
    line_start = context.text.rfind("\n", 0, person.start) + 1
    line_end = context.text.find("\n", person.end)
    rest = context.text[person.end : line_end if line_end >= 0 else len(context.text)]
    if not _BULLET.search(context.text[max(0, line_start - 1) : person.start]):
        return
    match = patterns.listed.match(rest)
    focus = context.focus_mention(person.start)
    if match and focus is not None:
        yield person, focus, match["title"], "role.contact_list"


def _described_by_reference(
    context: Context, person: Mention, preceding: Mention | None, patterns: _Patterns
) -> tuple[Mention, Mention, str, str] | None:
    """'Son directeur, X': the institution is the one the
    sentence (or the article, just before) is about."""
    if preceding is None:
        return None
    window = context.text[max(0, person.start - MAX_GAP) : person.start]
    match = patterns.possessive_title.search(window)
    possessive_at = person.start - (len(window) - match.start()) if match else 0
    if match and preceding.start <= possessive_at:  # the possessive itself may be resolved
        owner = _owner(context, preceding, possessive_at)
        return (person, owner, match["title"], "role.possessive_title") if owner else None
    return None


def _owner(context: Context, preceding: Mention, possessive_at: int) -> Mention | None:
    """'… et Michelin, représenté par sa directrice X': the name just before the possessive;
    'Sa directrice, X' opening a sentence: what the previous sentence was about. A
    complement just before, in a sentence about another body, fits as well as that body
    ('Galileo s'appuie sur la marque ISM, même si son président…'): neither."""
    same_sentence = context.sentence_of(preceding.start) == context.sentence_of(possessive_at)
    topic = context.topic_of(preceding)
    if not same_sentence or possessive_at - preceding.end > 60 or _addressee(context, preceding):
        return topic
    if (
        topic.entity != preceding.entity
        and _complement(context, preceding)
        and not _REPRESENTED.search(context.text[preceding.end : possessive_at])
    ):
        return None
    return preceding


# 'X, représentée par sa directrice', 'Y par son directeur' (the participle left out)
_REPRESENTED = re.compile(r"représenté|^\s*,?\s*par\s*$", re.I)


def _complement(context: Context, mention: Mention) -> bool:
    """A name the parse hangs on a preposition or a verb as its object: no clause's subject."""
    token = context.token_at(mention.start)
    while (
        token is not None and token.dep_ in ("flat:name", "amod", "nmod") and token.head.i < token.i
    ):
        token = token.head
    return token is not None and token.dep_ in ("obl", "obl:arg", "obl:mod", "obj", "nmod")


def _addressee(context: Context, mention: Mention) -> bool:
    """'X confirme à AEF info son président, Y': whom one speaks to owns no possessive;
    the clause's subject does."""
    token = context.token_at(mention.start)
    words = (token, token.head) if token is not None else ()
    return any(
        c.dep_ == "case" and CASE_ROLES.get(c.lower_) == "to"
        for word in words
        for c in word.children
    )


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
