"""Cross-document consolidation: one entity per institution or person, one fact per event.

Every stored evidence row is one *report* (a document saying something, with the date,
status, kind and confidence it gave). Reports with the same predicate, participants
(unordered for symmetric predicates) and role/unit are grouped, then split into events:
a report joins an event when its kind is compatible (equal, or one of them generic) and
its date is close to every dated report of the event (or one date is unknown). Each event
becomes one fact carrying every report's evidence; its value is the best-supported one,
disagreements are kept in `alternatives` with their documents and flag `conflict`, and a
`planned` report superseded by a later `done` one goes to `history`.

The pass is idempotent; ingest and reprocess run it, then re-apply curation decisions.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .models import Fact
from .ontology import PREDICATES
from .resolve.clusters import EntityRecord
from .resolve.entities import resolve_entities
from .resolve.gazetteer import load_gazetteer
from .resolve.names import normalize_name
from .store import Store
from .store import overlay as graph
from .store.repository import date_precision, fact_key
from .store.schema import decisions, documents, facts, mentions

DATE_TOLERANCE_DAYS = 7  # two reports of one signature rarely disagree by more
PLANNED_LEAD_DAYS = 400  # an announcement precedes the signature by up to about a year
GENERIC_EVENT_KINDS = frozenset({None, "agreement", "strategic_partnership"})
DEFAULT_CONFIDENCE = 0.5
Row = dict[str, Any]


@dataclass(slots=True)
class ConsolidationReport:
    entities_merged: int = 0
    facts_before: int = 0
    facts_after: int = 0
    conflicts: int = 0
    self_loops_dropped: int = 0


def consolidate(store: Store) -> ConsolidationReport:
    """Resolve entities across documents, then merge reports of one event into one fact."""
    report = ConsolidationReport()
    with store.engine.begin() as connection:
        report.entities_merged = resolve_graph(connection)
        merge_events(connection, report)
    return report


# -- entities -------------------------------------------------------------------
def resolve_graph(connection: Connection) -> int:
    """Follow earlier redirects, then merge entities found to be one; how many merged."""
    rows = graph.entity_rows(connection)
    redirect_merged(connection, rows)
    live = [r for r in rows if not r["merged_into"]]
    records = entity_records(connection, live)
    resolution = resolve_entities(records, load_gazetteer(), split_pairs(connection))
    for absorbed, kept in sorted(resolution.redirects.items()):
        graph.redirect_entity(connection, absorbed, kept)
    _complete_kept(connection, records, resolution.redirects)
    return len(resolution)


def redirect_merged(connection: Connection, rows: list[Row]) -> None:
    """References written since an entity was merged away (a re-ingest) follow the redirect."""
    target = {r["id"]: r["merged_into"] for r in rows if r["merged_into"]}
    if not target:
        return
    used = _referenced(connection) & target.keys()
    for absorbed in sorted(used):
        graph.redirect_entity(connection, absorbed, final_target(target, absorbed))


def final_target(target: dict[str, str], key: str) -> str:
    seen = {key}
    while key in target and target[key] not in seen:
        key = target[key]
        seen.add(key)
    return key


def _referenced(connection: Connection) -> set[str]:
    found = set(connection.scalars(select(mentions.c.entity_id).distinct()))
    found |= set(connection.scalars(select(facts.c.subject_id).distinct()))
    found |= set(connection.scalars(select(facts.c.object_id).distinct()))
    return found


def entity_records(connection: Connection, rows: list[Row]) -> list[EntityRecord]:
    names: dict[str, set[str]] = defaultdict(set)
    for alias in graph.alias_rows(connection):
        names[alias["entity_id"]].add(alias["name"])
    seen_in = graph.mention_documents(connection)
    roles = connection.execute(
        select(facts.c.subject_id, facts.c.object_id).where(facts.c.predicate == "holds_role")
    )
    institutions: dict[str, set[str]] = defaultdict(set)
    for person, organization in roles:
        institutions[person].add(organization)
    return [
        EntityRecord(
            id=r["id"],
            type=r["type"],
            name=r["name"],
            kind=r["kind"],
            acronym=r["acronym"],
            city=r["city"],
            gazetteer=r["gazetteer"],
            names=names[r["id"]] | {r["name"]},
            documents=seen_in.get(r["id"], set()),
            institutions=institutions[r["id"]],
        )
        for r in rows
    ]


def split_pairs(connection: Connection) -> list[tuple[str, str]]:
    """Entities a curator split apart must not be merged again."""
    query = select(decisions.c.payload).where(decisions.c.action == "split")
    return [(p["entity"], p["new"]) for p in connection.scalars(query) if p]


def _complete_kept(
    connection: Connection, records: list[EntityRecord], redirects: dict[str, str]
) -> None:
    """A kept entity without acronym, kind or city takes them from the entities it absorbed."""
    by_id = {r.id: r for r in records}
    absorbed_by: dict[str, list[EntityRecord]] = defaultdict(list)
    for absorbed, kept in redirects.items():
        absorbed_by[kept].append(by_id[absorbed])
    for kept, others in absorbed_by.items():
        values = _missing_values(by_id[kept], others)
        if values:
            graph.update_entity(connection, kept, **values)


def _missing_values(kept: EntityRecord, others: list[EntityRecord]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    acronyms = sorted({a for o in others for a in o.acronyms})
    if not kept.acronym and len(acronyms) == 1:
        values["acronym"] = acronyms[0]
    kinds = {o.kind for o in others if o.kind not in (None, "organization", "other")}
    if kept.kind in (None, "organization", "other") and len(kinds) == 1:
        values["kind"] = kinds.pop()
    cities = {o.city for o in others if o.city}
    if not kept.city and len(cities) == 1:
        values["city"] = cities.pop()
    return values


# -- events ---------------------------------------------------------------------
@dataclass(slots=True)
class Report:
    """What one document says about one fact."""

    predicate: str
    subject: str
    object: str | None
    document: str
    fact_id: str = ""
    value: float | None = None
    kind: str | None = None
    date: str | None = None
    end_date: str | None = None
    status: str = "done"
    qualifiers: dict[str, Any] = field(default_factory=dict)
    confidence: float = DEFAULT_CONFIDENCE
    published: str | None = None
    evidence_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    reports: list[Report] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        return {r.document for r in self.reports}

    def accepts(self, report: Report) -> bool:
        kinds = {r.kind for r in self.reports} - GENERIC_EVENT_KINDS
        if report.kind not in GENERIC_EVENT_KINDS and kinds and report.kind not in kinds:
            return False
        return all(dates_compatible(r, report) for r in self.reports)


@dataclass(slots=True)
class MergedFact:
    row: Row
    evidence_ids: list[int]


def merge_events(connection: Connection, report: ConsolidationReport | None = None) -> None:
    """Rewrite extracted facts so that each event is one row holding all its evidence."""
    report = report or ConsolidationReport()
    rows = {r["id"]: r for r in graph.extracted_facts(connection)}
    reports = load_reports(connection, rows)
    kept = [r for r in reports if r.object != r.subject]
    merged = merge_reports(kept)
    written = set()
    for fact in merged:
        graph.upsert_fact(connection, fact.row, rows.get(fact.row["id"]))
        graph.move_evidence(connection, fact.evidence_ids, fact.row["id"])
        written.add(fact.row["id"])
    stale = {r.fact_id for r in reports} - written
    graph.delete_facts(connection, sorted(stale))
    report.self_loops_dropped = len({r.fact_id for r in reports if r.object == r.subject})
    report.facts_before = len(rows)
    report.facts_after = len(rows) - len(stale) + len(written - rows.keys())
    report.conflicts = sum(1 for m in merged if m.row["conflict"])


def load_reports(connection: Connection, rows: dict[str, Row]) -> list[Report]:
    published = dict(connection.execute(select(documents.c.id, documents.c.published)).all())
    grouped: dict[tuple[Any, ...], Report] = {}
    for ev in graph.evidence_of(connection, list(rows)):
        row = rows[ev["fact_id"]]
        status = ev["status"] or row["status"]
        key = (row["id"], ev["document_id"], ev["date"], status, ev["kind"], ev["confidence"])
        report = grouped.get(key)
        if report is None:
            report = grouped[key] = _report(row, ev, status, published.get(ev["document_id"]))
        report.evidence_ids.append(ev["id"])
    return list(grouped.values())


def _report(row: Row, ev: Row, status: str, published: str | None) -> Report:
    return Report(
        predicate=row["predicate"],
        subject=row["subject_id"],
        object=row["object_id"],
        document=ev["document_id"],
        fact_id=row["id"],
        value=row["value"],
        kind=ev["kind"] if ev["kind"] is not None else row["kind"],
        date=ev["date"],
        end_date=row["end_date"],
        status=status,
        qualifiers=dict(row["qualifiers"] or {}),
        confidence=ev["confidence"] if ev["confidence"] is not None else row["confidence"],
        published=published,
    )


def merge_reports(reports: list[Report]) -> list[MergedFact]:
    """One fact per event; pure function of the reports."""
    groups: dict[tuple[Any, ...], list[Report]] = defaultdict(list)
    for report in reports:
        groups[group_key(report)].append(report)
    merged: list[MergedFact] = []
    taken: set[str] = set()
    for key in sorted(groups, key=repr):
        for event in split_events(groups[key]):
            fact = summarize(event)
            fact.row["id"] = _unique_id(fact.row, taken)
            merged.append(fact)
    return merged


def group_key(report: Report) -> tuple[Any, ...]:
    ends = [report.subject, report.object or ""]
    if PREDICATES[report.predicate].symmetric:
        ends.sort()
    detail = report.qualifiers.get("role") or report.qualifiers.get("unit") or ""
    value = report.value if report.predicate == "quantity" else None
    return (report.predicate, *ends, normalize_name(str(detail)), value)


def split_events(reports: list[Report]) -> list[Event]:
    """Dated reports first, in date order; each joins the best-supported compatible event."""
    events: list[Event] = []
    for report in sorted(reports, key=_reading_order):
        fitting = [e for e in events if e.accepts(report)]
        if fitting:
            max(fitting, key=lambda e: len(e.documents)).reports.append(report)
        else:
            events.append(Event([report]))
    return events


def _reading_order(report: Report) -> tuple[Any, ...]:
    span = date_interval(report.date)
    return (span is None, span[0] if span else date.min, report.published or "", report.document)


def date_interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO prefix covers: '2021' is the whole year, '2021-07' the month."""
    if not value:
        return None
    try:
        year = int(value[:4])
        if len(value) == 4:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(value[5:7])
        if len(value) == 7:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day, day


def dates_compatible(first: Report, second: Report) -> bool:
    a, b = date_interval(first.date), date_interval(second.date)
    if a is None or b is None:
        return True
    gap = max(0, (a[0] - b[1]).days, (b[0] - a[1]).days)
    limit = DATE_TOLERANCE_DAYS if first.status == second.status else PLANNED_LEAD_DAYS
    return gap <= limit


def summarize(event: Event) -> MergedFact:
    """The fact an event becomes: best-supported values, alternatives, history, confidence."""
    reports = event.reports
    status, current, superseded, status_conflict = _status(reports)
    chosen_date, date_conflict = best_date(current)
    conflict = status_conflict or date_conflict
    first = reports[0]
    kind = best_kind(reports)
    qualifiers = _qualifiers(reports)
    row: Row = {
        "id": "",
        "predicate": first.predicate,
        "subject_id": first.subject,
        "object_id": first.object,
        "value": first.value,
        "date": chosen_date,
        "date_precision": date_precision(chosen_date),
        "end_date": next((r.end_date for r in reports if r.end_date), None),
        "status": status,
        "kind": kind,
        "qualifiers": qualifiers,
        "confidence": combined_confidence(reports),
        "conflict": conflict,
        "alternatives": alternatives(
            [r for r in reports if r not in superseded], status, chosen_date
        )
        if conflict
        else [],
        "curation": None,
        "origin": "extracted",
        "history": _history(superseded, status),
    }
    if PREDICATES[first.predicate].symmetric and row["object_id"]:
        row["subject_id"], row["object_id"] = sorted((first.subject, first.object or ""))
    return MergedFact(row, [i for r in reports for i in r.evidence_ids])


def _status(reports: list[Report]) -> tuple[str, list[Report], list[Report], bool]:
    """(status, reports stating it, superseded planned reports, whether reports disagree)."""
    done = [r for r in reports if r.status == "done"]
    planned = [r for r in reports if r.status != "done"]
    if not done or not planned:
        return (reports[0].status if not done else "done"), reports, [], False
    first_done = min((r.published for r in done if r.published), default=None)
    later = [r for r in planned if first_done and r.published and r.published > first_done]
    superseded = [r for r in planned if r not in later]
    if not later:
        return "done", done, superseded, False
    done_support = len({r.document for r in done})
    status = "done" if done_support >= len({r.document for r in later}) else "planned"
    return status, done if status == "done" else later, superseded, True


def best_date(reports: list[Report]) -> tuple[str | None, bool]:
    """The date most documents support (a coarser date supports a finer one it contains)."""
    support: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        if report.date:
            support[report.date].add(report.document)
    if not support:
        return None, False
    values = sorted(support)
    scores = {v: set().union(*(support[o] for o in values if v.startswith(o))) for v in values}
    best = max(values, key=lambda v: (len(scores[v]), len(v), [-ord(c) for c in v]))
    conflict = any(not (best.startswith(v) or v.startswith(best)) for v in values)
    return best, conflict


def best_kind(reports: list[Report]) -> str | None:
    counts = Counter(r.kind for r in reports if r.kind)
    if not counts:
        return None
    specific = [k for k in counts if k not in GENERIC_EVENT_KINDS]
    candidates = specific or list(counts)
    return min(candidates, key=lambda k: (-counts[k], k != "strategic_partnership", k))


def _qualifiers(reports: list[Report]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for report in reports:
        for key, value in report.qualifiers.items():
            if merged.get(key) in (None, "") and value not in (None, ""):
                merged[key] = value
    return merged


def combined_confidence(reports: list[Report]) -> float:
    """Noisy-or over independent documents: each more source lowers the doubt."""
    best: dict[str, float] = {}
    for report in reports:
        best[report.document] = max(best.get(report.document, 0.0), report.confidence)
    doubt = 1.0
    for value in best.values():
        doubt *= 1.0 - min(max(value, 0.0), 0.99)
    return round(1.0 - doubt, 4)


def alternatives(reports: list[Report], status: str, chosen: str | None) -> list[Row]:
    """Each value the reports give, with the documents giving it."""
    values: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for report in reports:
        if report.date or report.status != status:
            values[(report.status, report.date)].add(report.document)
    return [
        {
            "status": value_status,
            "date": value_date,
            "documents": sorted(docs),
            "chosen": value_status == status and value_date == chosen,
        }
        for (value_status, value_date), docs in sorted(values.items(), key=repr)
    ]


def _history(superseded: list[Report], status: str) -> list[Row]:
    entries: dict[str | None, set[str]] = defaultdict(set)
    for report in superseded:
        entries[report.date].add(report.document)
    return [
        {
            "status": "planned",
            "date": value,
            "documents": sorted(docs),
            "superseded_by": status,
        }
        for value, docs in sorted(entries.items(), key=repr)
    ]


def _unique_id(row: Row, taken: set[str]) -> str:
    """The fact key of the event; a second event with the same key gets its date mixed in."""
    fact = Fact(
        row["predicate"],
        row["subject_id"],
        row["object_id"],
        value=row["value"],
        kind=row["kind"],
        qualifiers=row["qualifiers"],
    )
    key = fact_key(fact)
    salt = 0
    while key in taken:
        salt += 1
        raw = f"{key}|{row['date']}|{salt}"
        key = "f-" + hashlib.sha256(raw.encode()).hexdigest()[:24]
    taken.add(key)
    return key
