"""member_of facts: 'X rejoint le réseau Y', 'X, membre de Y', 'X devient école associée de Y'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..models import Fact, Mention
from ..sources.dates import parse_publication_date
from .context import Context
from .partners import is_planned

_JOINS = re.compile(
    r"^\s*,?\s*(?:qui\s+)?(?:a\s+|ont\s+|vient\s+de\s+|viennent\s+de\s+|va\s+|vont\s+|devrait\s+|pourrait\s+)?"
    r"(?:officiellement\s+)?"
    r"(?P<verb>rejoin\w*|intègr\w*|intégr\w*|adhér\w*|adhèr\w*|entr\w+\s+dans|devien\w*|deven\w*|membre|"
    r"fait\s+partie|font\s+partie|école\s+(?:associée|membre|affiliée))"
    r"(?:\s+(?:membre|école\s+(?:associée|membre|affiliée)))?"
    r"\s*(?:de|du|des|d['’]|à|au|aux)?\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?$",
    re.I,
)


def find_members(context: Context) -> list[Fact]:
    """One member_of fact per (member, body), with every sentence that states it."""
    facts: dict[tuple[str, str], Fact] = {}
    for member, body in _pairs(context):
        start, end = context.sentence_of(member.start)
        sentence = context.text[start:end]
        fact = facts.setdefault(
            (member.entity, body.entity),
            Fact(
                "member_of",
                member.entity,
                body.entity,
                kind="network",
                confidence=0.6,
                status="planned" if is_planned(sentence) else "done",
                date=parse_publication_date(sentence),
            ),
        )
        fact.evidence.append(context.evidence(member, body, "member.joins"))
    return list(facts.values())


def _pairs(context: Context) -> Iterator[tuple[Mention, Mention]]:
    for member, body in pairwise(context.of_type("organization")):
        if member.entity != body.entity and _JOINS.match(context.text[member.end : body.start]):
            yield member, body
