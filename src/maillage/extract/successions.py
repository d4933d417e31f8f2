"""replaced_by: mergers ('X et Y fusionnent pour former Z', 'Z, née de la fusion de X et Y')
and renamings ('X devient Y', 'Y (ex-X)', 'X, rebaptisée Y')."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..models import Mention
from .context import Context, Reading, is_complement
from .lists import distinct, gap, run_ending, run_starting

_ARTICLE = r"(?:l['’]\s*|la\s+|le\s+|les\s+)?"
_MERGE_INTO = re.compile(
    r"^\s*,?\s*(?:qui\s+)?(?:vont\s+|va\s+|doivent\s+|devraient\s+|ont\s+|a\s+)?(?:fusionn\w*|se\s+regroup\w*)"
    r"(?:\s+(?:le|en|au|dès|à|d['’]ici)\s+[^,]{0,30}?)?\s*(?:,\s*)?(?:pour|et|afin\s+de)\s+(?:former|créer|donner\s+naissance\s+à"
    r"|devenir|constituer|former\s+une\s+seule\s+entité\s*,?)\s*" + _ARTICLE + "$",
    re.I,
)
BORN_OF = re.compile(
    r"\b(?:issue?s?|née?s?)\b[^.;]{0,30}?\b(?:de\s+la\s+fusion|du\s+regroupement|du\s+rapprochement)"
    r"\s+(?:de|des|du|d['’]|entre)\s*" + _ARTICLE,
    re.I,
)
_RENAMED = re.compile(
    r"^\s*,?\s*(?:qui\s+)?(?:est\s+devenue?|devient|deviendra|devenue?|a\s+pris\s+le\s+nom\s+d['’]|prend\s+le\s+nom\s+d['’]"
    r"|prendra\s+le\s+nom\s+d['’]|rebaptisée?|renommée?|désormais\s+appelée?|a\s+été\s+rebaptisée?|change\s+de\s+nom\s+et\s+devient)"
    r"\s*(?:officiellement\s+)?(?:en\s+\d{4}\s*,?\s*)?" + _ARTICLE + "$",
    re.I,
)
_FORMERLY = re.compile(
    r"^\s*[,(]\s*(?:ex-|ex\s+|anciennement\s+|autrefois\s+|précédemment\s+)" + _ARTICLE + "$", re.I
)


def find_successions(context: Context) -> Iterator[Reading]:
    yield from _born_of(context)
    orgs = [m for m in context.of_type("organization") if m.field == "text"]
    for first, second in itertools.pairwise(orgs):
        if first.entity == second.entity:
            continue
        words = gap(context, first, second)
        if _MERGE_INTO.match(words):
            for old in distinct(run_ending(context, orgs, first.end)):
                yield _replaced(old, second, "succession.merge_into", "merger", first.end)
        elif _RENAMED.match(words):
            yield _replaced(first, second, "succession.renamed", "renaming", first.end)
        elif _FORMERLY.match(context.text[first.end : second.start]):
            yield _replaced(second, first, "succession.formerly", "renaming", first.end, "done")


def _replaced(
    old: Mention, new: Mention, rule: str, kind: str, anchor: int, status: str | None = None
) -> Reading:
    return Reading("replaced_by", old, new, rule, kind=kind, status=status, anchor=anchor)


def _born_of(context: Context) -> Iterator[Reading]:
    """'Z, née en 2013 de la fusion de X et de Y' and 'Issue de la fusion entre X et Y, Z …'."""
    for match in BORN_OF.finditer(context.text):
        orgs = context.in_sentence(match.start())
        olds = distinct(run_starting(context, orgs, match.end()))
        if not olds or olds[0].start - match.end() > 3:
            continue
        new = _new_body(context, orgs, match, olds)
        if new is None:
            continue
        for old in olds:
            if old.entity != new.entity:
                yield _replaced(
                    old, new, "succession.born_of_merger", "merger", match.start(), "done"
                )


_WHOLE_OF_DESCRIPTOR = re.compile(
    r"\b(?:école|université|institut|composante|campus)\s+(?:de|du|des|d['’])\s*(?:l['’]|la\s|le\s)?$",
    re.I,
)


def _new_body(
    context: Context, orgs: list[Mention], match: re.Match[str], olds: list[Mention]
) -> Mention | None:
    before = [m for m in orgs if m.end <= match.start()]
    if before and match.start() - before[-1].end <= 40:
        if _WHOLE_OF_DESCRIPTOR.search(
            context.text[max(0, before[-1].start - 20) : before[-1].start]
        ):
            return None  # '(école de l'Institut Mines-Télécom, issue de…)': the school's whole
        return before[-1]
    after = [
        m
        for m in orgs
        if m.start > olds[-1].end
        and m.entity not in {o.entity for o in olds}
        # '…, et de l'intégration de l'IPGP, l'université…': a complement is not what was born
        and not is_complement(context.text, m)
    ]
    return after[0] if after else None
