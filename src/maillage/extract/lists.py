"""Coordinated lists of organizations: 'Mines Nancy, Télécom Nancy, l'ENSG (…) et l'EOST',
read across parentheses and dashed insertions ('Arts et Métiers – qui … – et l'ENSMM')."""

from __future__ import annotations

import re

from ..models import Mention
from .context import Context

_JOIN = re.compile(
    r"^\s*(?:,|et|ainsi que|,\s*et|,\s*ainsi que|ou|,\s*ou)\s*"
    r"(?:l['’]\s*|la\s+|le\s+|les\s+|de\s+l['’]\s*|de\s+la\s+|du\s+|des\s+|de\s+|d['’]\s*)?$",
    re.I,
)
# 'les compétences de X en conception, de Y en matériaux': items each with their complement.
_PARALLEL = re.compile(
    r"^\s+(?:en|pour|dans|sur)\s[^,;.]{1,40},\s*(?:et\s+)?(?:de|du|des|d['’])\s*(?:l['’]\s*|la\s+|le\s+)?$",
    re.I,
)
_OF = re.compile(r"(?:\bde|\bdu|\bd['’]|\bde\s+l['’]|\bde\s+la)\s*$", re.I)
_DEFINITION = re.compile(r"^\s*\(\s*(?:l['’]\s*|la\s+|le\s+)?$", re.I)
_INSERTIONS = (
    re.compile(r"\([^()]*\)"),
    re.compile(r"[–—]\s[^–—]*\s[–—]"),
    re.compile(r"\s-\s[^–—-]*\s-\s"),
)


def without_insertions(text: str) -> str:
    """The gap between two names with parentheses and dashed asides removed."""
    for pattern in _INSERTIONS:
        text = pattern.sub(" ", text)
    return text


def joined(context: Context, first: Mention, second: Mention) -> bool:
    """Are two mentions items of one list?"""
    if second.start <= first.end:
        return second.start == first.start  # 'les deux écoles' stands for both
    # A name defined in parentheses ends inside them: 'l'ENSG (École … Géologie), Télécom …'.
    gap = without_insertions(context.text[first.end : second.start]).lstrip(") ")
    if first.entity == second.entity and _DEFINITION.match(context.text[first.end : second.start]):
        return True
    if _JOIN.match(gap):
        return True
    before = context.text[max(0, first.start - 6) : first.start]
    return bool(_PARALLEL.match(gap) and _OF.search(before))


def runs(context: Context, mentions: list[Mention]) -> list[list[Mention]]:
    """Split mentions (in reading order) into maximal coordinated runs."""
    found: list[list[Mention]] = []
    for mention in mentions:
        if found and joined(context, found[-1][-1], mention):
            found[-1].append(mention)
        else:
            found.append([mention])
    return found


def run_starting(context: Context, mentions: list[Mention], offset: int) -> list[Mention]:
    """The coordinated run whose first item comes first after `offset`."""
    after = [m for m in mentions if m.start >= offset]
    return runs(context, after)[0] if after else []


def run_ending(context: Context, mentions: list[Mention], offset: int) -> list[Mention]:
    """The coordinated run whose last item ends last before `offset`."""
    before = [m for m in mentions if m.end <= offset]
    return runs(context, before)[-1] if before else []


def distinct(run: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    kept = []
    for mention in run:
        if mention.entity not in seen:
            seen.add(mention.entity)
            kept.append(mention)
    return kept
