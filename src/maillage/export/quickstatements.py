"""Wikidata QuickStatements (V1, tab-separated) for curated facts, with their sources.

One line per fact and source document:
    Q<subject> TAB P<property> TAB Q<object> [TAB P580|P585 TAB <time>] [TAB P582 TAB <time>]
    TAB S854 TAB "<source url>" TAB S813 TAB <retrieval time>
where <time> is `+YYYY-MM-DDT00:00:00Z/<precision>` (9 year, 10 month, 11 day). Only
accepted or edited facts whose predicate maps to Wikidata, whose ends carry a Wikidata id
and that have a web source are written; every other fact of the selection is reported
with the reason, one line each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from ..filters import EntityFilter, FactFilter
from ..ontology import PREDICATES
from ..resolve.names import normalize_name
from ..store import Store
from .selection import Neighbourhood, Row, fact_rows, select_for_export

QID = re.compile(r"Q[1-9][0-9]*")
# Events are a point in time; other relations start at their date.
POINT_IN_TIME = {"replaced_by"}
PRECISION = {4: 9, 7: 10, 10: 11}
# Titles that are exactly what a Wikidata property means (normalized: no accents, no case):
# P488 chairperson is the president of the organization, P1037 director/manager its
# director. A vice-president, a deputy director or a director of studies is neither.
ROLE_PROPERTIES = {
    "P488": ("president", "presidente", "president du conseil d administration",
             "presidente du conseil d administration"),
    "P1037": ("directeur", "directrice", "directeur general", "directrice generale", "dg",
              "directeur de l ecole", "directrice de l ecole"),
}  # fmt: skip
CURATED = ("accepted", "edited")
SKIPPED_HEADER = "fact\tpredicate\tsubject\tobject\treason\n"


@dataclass(slots=True)
class QuickStatementsReport:
    """Lines written, facts written, and facts skipped by reason."""

    lines: int = 0
    facts: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


class Skip(Exception):
    """A fact that cannot become a Wikidata statement, and why."""


def write_quickstatements(
    store: Store,
    out: TextIO,
    fact_filter: FactFilter | None = None,
    skipped: TextIO | None = None,
    neighbourhood: Neighbourhood | None = None,
    entity_filter: EntityFilter | None = None,
) -> QuickStatementsReport:
    """Write the curated facts of `fact_filter` as QuickStatements; every other fact of the
    selection goes to `skipped` as `fact, predicate, subject, object, reason` (TSV)."""
    selection = select_for_export(store, fact_filter or FactFilter(), neighbourhood, entity_filter)
    report = QuickStatementsReport()
    if skipped is not None:
        skipped.write(SKIPPED_HEADER)
    for row, proof in fact_rows(store, selection):
        try:
            lines = list(statements(row, proof))
        except Skip as reason:
            report.skipped[_reason_kind(str(reason))] += 1
            if skipped is not None:
                skipped.write(_skipped_line(row, str(reason)))
            continue
        out.writelines(line + "\n" for line in lines)
        report.lines += len(lines)
        report.facts += 1
    return report


def statements(row: Row, proof: list[Row]) -> Iterator[str]:
    """The QuickStatements lines of one fact (one per source URL); raise Skip if none."""
    if row["curation"] not in CURATED:
        raise Skip("not accepted or edited by a curator")
    if row["status"] != "done":
        raise Skip("planned, not done")
    prop = wikidata_property(row)
    subject, obj = _item(row, "subject"), _item(row, "object")
    if row["predicate"] == "holds_role":  # Wikidata states it on the organization
        subject, obj = obj, subject
    references = _references(proof)
    qualifiers = _qualifiers(row)
    ends = (
        [(subject, obj), (obj, subject)]
        if PREDICATES[row["predicate"]].symmetric
        else [(subject, obj)]
    )
    for left, right in ends:
        for reference in references:
            yield "\t".join([left, prop, right, *qualifiers, *reference])


def wikidata_property(row: Row) -> str:
    predicate = row["predicate"]
    if predicate == "holds_role":
        return _role_property(str((row["qualifiers"] or {}).get("role") or ""))
    prop = PREDICATES[predicate].wikidata
    if not prop:
        raise Skip(f"{predicate} has no Wikidata property")
    return prop


def _role_property(role: str) -> str:
    """P488 chairperson for a president, P1037 director/manager for a director; any other
    title (vice-president, deputy, director of studies...) has no property of its own."""
    title = normalize_name(role)
    for prop, titles in ROLE_PROPERTIES.items():
        if title in titles:
            return prop
    shown = " ".join(role.split()) or "(none)"
    raise Skip(f"role '{shown}' has no Wikidata property (only presidents and directors map)")


def _reason_kind(reason: str) -> str:
    """The reason without the role it names, so that the summary counts kinds of reasons."""
    return re.sub(r"role '.*' has", "role has", reason)


def _skipped_line(row: Row, reason: str) -> str:
    cells = [row["id"], row["predicate"], row["subject_name"], row["object_name"] or "", reason]
    return "\t".join(" ".join(str(c).split()) for c in cells) + "\n"


def _item(row: Row, end: str) -> str:
    if not row[f"{end}_id"]:
        raise Skip(f"no {end}")
    qid = (row[f"{end}_external_ids"] or {}).get("wikidata")
    if not qid:
        raise Skip(f"{end} has no Wikidata id")
    if not QID.fullmatch(str(qid)):
        raise Skip(f"{end} has a malformed Wikidata id")
    return str(qid)


def _qualifiers(row: Row) -> list[str]:
    found = []
    if row["date"]:
        found += ["P585" if row["predicate"] in POINT_IN_TIME else "P580", _time(row["date"])]
    if row["end_date"]:
        found += ["P582", _time(row["end_date"])]
    return found


def _references(proof: list[Row]) -> list[list[str]]:
    """S854 reference URL and S813 retrieval date, one reference per web document."""
    retrieved: dict[str, datetime] = {}
    for e in proof:
        url = e["document_url"] or ""
        if url.startswith(("http://", "https://")) and '"' not in url and "\t" not in url:
            retrieved.setdefault(url, e["document_ingested_at"])
    if not retrieved:
        raise Skip("no web source (S854 needs a URL)")
    return [
        ["S854", f'"{url}"', "S813", _time(when.date().isoformat())]
        for url, when in sorted(retrieved.items())
    ]


def _time(value: str) -> str:
    """A Wikidata time value with its precision: 2016 -> +2016-00-00T00:00:00Z/9."""
    year, month, day = ([*value.split("-"), "00", "00"])[:3]
    return f"+{year}-{month}-{day}T00:00:00Z/{PRECISION[len(value)]}"
