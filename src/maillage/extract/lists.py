"""Coordinated lists of organizations: 'Mines Nancy, Télécom Nancy, l'ENSG (…) et l'EOST',
read across parentheses and dashed insertions ('Arts et Métiers – qui … – et l'ENSMM')."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice

from ..models import Mention
from .context import Context
from .grammar import finite_verb_at

_JOIN = re.compile(
    r"^\s*(?:,|et|ainsi que|,\s*et|,\s*ainsi que|ou|,\s*ou|,?\s*et\s+avec|,?\s*et\s+à)\s*"
    r"(?:l['’]\s*|la\s+|le\s+|les\s+|de\s+l['’]\s*|de\s+la\s+|du\s+|des\s+|de\s+|d['’]\s*)?$",
    re.I,
)
# 'les compétences de X en conception, de Y en matériaux': items each with their complement.
_PARALLEL = re.compile(
    r"^\s+(?:en|pour|dans|sur)\s[^,;.]{1,40},\s*(?:et\s+)?(?:de|du|des|d['’])\s*(?:l['’]\s*|la\s+|le\s+)?$",
    re.I,
)
_OF = re.compile(r"(?:\bde|\bdu|\bd['’]|\bde\s+l['’]|\bde\s+la)\s*$", re.I)
_APPOSED = re.compile(r"\s*,\s*(?:l['’]\s*|la\s+|le\s+|les\s+)?", re.I)
_COMMA_ONLY = re.compile(
    r"^\s*,\s*(?:l['’]\s*|la\s+|le\s+|les\s+|de\s+|d['’]\s*|du\s+|des\s+)?$", re.I
)
_DEFINITION = re.compile(r"^\s*\(\s*(?:l['’]\s*|la\s+|le\s+)?$", re.I)
_INSERTIONS = (
    re.compile(r"\([^()]*\)"),
    # ', représentée par son directeur X,' between two signatories
    re.compile(
        r",\s*(?:représenté|dirigé|présidé|créé|fondé|issu|né|situé|basé|installé|implanté|placé)e?s?\b"
        r"[^,;.()]{0,80},",
        re.I,
    ),
    # 'IMT Mines Alès, école de l'IMT, et l'ENSCM'
    re.compile(
        r",\s*(?:l['’]une?\s+des\s+|une?\s+|l['’])?(?:écoles?|composantes?|filiales?|membres?|campus)\s"
        r"[^,;.()]{0,60},",
        re.I,
    ),
    re.compile(r"[–—]\s[^–—]*\s[–—]"),
    re.compile(r"\s-\s[^–—-]*\s-\s"),
)


@lru_cache(maxsize=4096)  # asked several times about one gap; emptied for each document
def without_insertions(text: str) -> str:
    """The gap between two names with parentheses and dashed asides removed."""
    for pattern in _INSERTIONS:
        text = pattern.sub(" ", text)
    return text


_ASIDE_OPENS = re.compile(
    r",\s*(?:l['’]une?\s+des\s+|une?\s+|l['’])?(?:écoles?|composantes?|filiales?|membres?|campus)\s"
    r"[^,;.()]{0,60}$",
    re.I,
)
_ASIDE_CLOSES = re.compile(r"[^,;.()]{0,60},")  # matched at the mention's end


def in_aside(context: Context, mention: Mention) -> bool:
    """'X, école de l'IMT, et Y': the IMT is named in an aside about X, not listed with Y."""
    before = context.text[max(0, mention.start - 70) : mention.start]
    return bool(_ASIDE_OPENS.search(before) and _ASIDE_CLOSES.match(context.text, mention.end))


def apposed(context: Context, first: Mention, second: Mention) -> bool:
    """Only a comma (and an article) between two names: 'Autre école de Y, l'X …'."""
    return bool(_APPOSED.fullmatch(gap(context, first, second)))


def gap(context: Context, first: Mention, second: Mention) -> str:
    """The words between two mentions, without asides; a name defined in parentheses ends
    inside them ('l'ENSG (École … Géologie), Télécom …'), so a leading ')' goes too."""
    return without_insertions(context.text[first.end : second.start]).lstrip(")")


def join_kind(context: Context, first: Mention, second: Mention) -> str | None:
    """How two mentions are items of one list: "same" (one name twice, 'X (ACR)'), "comma",
    "and" (a conjunction or a parallel complement), or None when they are not."""
    if second.start <= first.end:
        return "same" if second.start == first.start else None  # 'les deux écoles'
    between = context.text[first.end : second.start]
    if first.entity == second.entity and _DEFINITION.match(between):
        return "same"
    words = gap(context, first, second)
    if _JOIN.match(words):
        return "comma" if _COMMA_ONLY.match(words) else "and"
    before = context.text[max(0, first.start - 6) : first.start]
    return "and" if _PARALLEL.match(words) and _OF.search(before) else None


def runs(context: Context, mentions: list[Mention]) -> list[list[Mention]]:
    """Split mentions (in reading order) into coordinated runs. A list ends with a conjunction:
    items after the last 'et' joined by a comma only ('avec X, Y poursuit') stand alone."""
    found: list[list[Mention]] = []
    joins: list[list[str]] = []
    for mention in (m for m in mentions if not in_aside(context, m)):
        kind = join_kind(context, found[-1][-1], mention) if found else None
        if kind is None:
            found.append([mention])
            joins.append([])
        else:
            found[-1].append(mention)
            joins[-1].append(kind)
    return [piece for run, kinds in zip(found, joins, strict=True) for piece in _close(run, kinds)]


def _close(run: list[Mention], kinds: list[str]) -> list[list[Mention]]:
    if "and" in kinds:
        last = len(kinds) - kinds[::-1].index("and")
        while last < len(kinds) and kinds[last] == "same":
            last += 1
        rest = [[m] for m in run[last + 1 :]]
        return [run[: last + 1], *_merge_same(rest, kinds[last + 1 :])]
    return _merge_same([[m] for m in run], kinds)


def _merge_same(pieces: list[list[Mention]], kinds: list[str]) -> list[list[Mention]]:
    """Keep 'X (ACR)' together when splitting a run that has no conjunction."""
    merged: list[list[Mention]] = []
    for index, piece in enumerate(pieces):
        if merged and index and kinds[index - 1] == "same":
            merged[-1].extend(piece)
        else:
            merged.append(piece)
    return merged


def run_starting(context: Context, mentions: list[Mention], offset: int) -> list[Mention]:
    """The coordinated run (of mentions in reading order) whose first item comes first after
    `offset`."""
    onwards = (mentions[i] for i in range(bisect_left(mentions, offset, key=_start), len(mentions)))
    # the name at the offset itself opens the run, even where it looks like an aside
    after = (m for m in onwards if m.start == offset or not in_aside(context, m))
    items, kinds = list(islice(after, 1)), list[str]()
    if not items:
        return []
    for mention in after:
        kind = join_kind(context, items[-1], mention)
        if kind is None or _opens_clause(context, mention):
            break
        items.append(mention)
        kinds.append(kind)
    return _close(items, kinds)[0]


def _opens_clause(context: Context, mention: Mention) -> bool:
    """'avec A, et B réfléchit à …': a name followed by a finite verb is the subject of the
    next clause, not one more item of the list."""
    word = context.token_at(mention.end - 1)
    return word is not None and finite_verb_at(word.doc, word.i + 1)


def run_ending(context: Context, mentions: list[Mention], offset: int) -> list[Mention]:
    """The coordinated run (of mentions in reading order) whose last item ends last before
    `offset`; a mention starting after `offset` cannot end before it."""
    backwards = (mentions[i] for i in range(bisect_right(mentions, offset, key=_start) - 1, -1, -1))
    before = (m for m in backwards if m.end <= offset and not in_aside(context, m))
    items, kinds = list(islice(before, 1)), list[str]()
    if not items:
        return []
    for mention in before:
        kind = join_kind(context, mention, items[0])
        if kind is None:
            break
        items.insert(0, mention)
        kinds.insert(0, kind)
    return _close(items, kinds)[-1]


def _start(mention: Mention) -> int:
    return mention.start


def distinct(run: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    kept = []
    for mention in run:
        if mention.entity not in seen:
            seen.add(mention.entity)
            kept.append(mention)
    return kept


_LIKE = re.compile(
    r"(?:^|[.!?]\s+|\n)\s*(?:comme|à l['’]instar\s+d[e'’]|tout\s+comme)\s*"
    r"(?:l['’]\s*|la\s+|le\s+)?$",
    re.I,
)


def likewise(context: Context, mentions: list[Mention], subject: Mention) -> list[Mention]:
    """'Comme X ou Y, Z est …': X and Y share what the sentence says of Z."""
    run = run_ending(context, mentions, subject.start)
    if not run or not apposed(context, run[-1], subject):
        return []
    start = context.sentence_of(subject.start)[0]
    opening = context.text[start : run[0].start]
    return distinct(run) if _LIKE.search(opening) else []
