"""replaced_by: mergers ('X et Y fusionnent pour former Z', 'Z, née de la fusion de X et Y')
and renamings ('X devient Y', 'Y (ex-X)', 'X, rebaptisée Y')."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .context import Context, Reading
from .lists import distinct, run_ending, run_starting, without_insertions

_ARTICLE = r"(?:l['’]\s*|la\s+|le\s+|les\s+)?"
_MERGE_INTO = re.compile(
    r"^\s*,?\s*(?:qui\s+)?(?:vont\s+|va\s+|doivent\s+|devraient\s+|ont\s+|a\s+)?(?:fusionn\w*|se\s+regroup\w*)"
    r"(?:\s+(?:le|en|au|dès|à|d['’]ici)\s+[^,]{0,30}?)?\s*(?:,\s*)?(?:pour|et|afin\s+de)\s+(?:former|créer|donner\s+naissance\s+à"
    r"|devenir|constituer|former\s+une\s+seule\s+entité\s*,?)\s*" + _ARTICLE + "$",
    re.I,
)
_BORN_OF = re.compile(
    r"^\s*,?\s*(?:qui\s+est\s+|est\s+)?(?:née?|issue?)\s+(?:en\s+\d{4}\s+)?(?:de\s+la\s+fusion|du\s+regroupement|du\s+rapprochement)"
    r"\s+(?:de|des|du|d['’]|entre)\s*" + _ARTICLE + "$",
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
    orgs = context.of_type("organization")
    for first, second in itertools.pairwise(orgs):
        if first.entity == second.entity:
            continue
        gap = without_insertions(context.text[first.end : second.start])
        if _MERGE_INTO.match(gap):
            for old in distinct(run_ending(context, orgs, first.end)):
                yield Reading(
                    "replaced_by",
                    old,
                    second,
                    "succession.merge_into",
                    kind="merger",
                    anchor=first.end,
                )
        elif _BORN_OF.match(gap):
            for old in distinct(run_starting(context, orgs, second.start)):
                yield Reading(
                    "replaced_by",
                    old,
                    first,
                    "succession.born_of_merger",
                    kind="merger",
                    status="done",
                    anchor=first.end,
                )
        elif _RENAMED.match(gap):
            yield Reading(
                "replaced_by",
                first,
                second,
                "succession.renamed",
                kind="renaming",
                anchor=first.end,
            )
        elif _FORMERLY.match(context.text[first.end : second.start]):
            yield Reading(
                "replaced_by",
                second,
                first,
                "succession.formerly",
                kind="renaming",
                status="done",
                anchor=first.end,
            )
