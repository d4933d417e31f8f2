"""Is an event done or only planned? Cues from resources/modality.json, read in the clause
that holds the event's trigger."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import load_json

# Clauses end at ';' or ':' and at a comma opening a relative or participial clause.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?=(?:qui|que|dont|où|visant|afin|mais)\b)", re.I)


@dataclass(frozen=True, slots=True)
class _Cues:
    planned: re.Pattern[str]
    done: re.Pattern[str]


@cache
def _cues() -> _Cues:
    raw = load_json("modality.json")
    return _Cues(
        *(re.compile(r"\b(?:" + "|".join(raw[k]) + ")", re.I) for k in ("planned", "done"))
    )


def clause_at(sentence: str, offset: int) -> str:
    """The clause of `sentence` holding the character at `offset`."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.start() >= offset:
            return sentence[start : match.start()]
        start = match.end()
    return sentence[start:]


@lru_cache(maxsize=4096)  # asked for each statement of a clause; emptied for each document
def status_of(sentence: str, offset: int = 0) -> str:
    """'planned' when the trigger's clause (or a following relative clause about the event)
    says the event is intended, conditional or future; else 'done'."""
    clause = clause_at(sentence, offset)
    if _cues().done.search(clause):
        return "done"
    if _cues().planned.search(clause):
        return "planned"
    return "planned" if _cues().planned.search(_relative_clause_after(sentence, offset)) else "done"


def _relative_clause_after(sentence: str, offset: int) -> str:
    """', qui pourraient être proposés ...' describing the event named before it."""
    match = re.search(r",\s+(?:qui|dont)\b[^;:]*", sentence[offset:], re.I)
    return match.group(0) if match else ""
