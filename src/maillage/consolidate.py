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
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .models import Fact
from .ontology import PREDICATES
from .resolve.clusters import EntityRecord
from .resolve.entities import candidate_name_links, needs_documents, resolve_entities
from .resolve.gazetteer import load_gazetteer
from .resolve.names import normalize_name
from .store import Store
from .store import overlay as graph
from .store.repository import date_precision, fact_key
from .store.schema import decisions, entities, facts, mentions

DATE_TOLERANCE_DAYS = 7  # two reports of one signature rarely disagree by more
PLANNED_LEAD_DAYS = 400  # an announcement precedes the signature by up to about a year
ENTITY_PAGE = 2000  # entities whose facts one step of a whole-graph pass holds in memory
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


def consolidate(store: Store, scope: Collection[str] | None = None) -> ConsolidationReport:
    """Resolve entities across documents, then merge reports of one event into one fact.

    `scope`: the entities new documents mentioned; only they are fuzzy-matched and only the
    facts around them (and around the entities they merge into) are merged again. None
    consolidates the whole graph.
    """
    with store.engine.begin() as connection:
        return consolidate_in(connection, scope)


def consolidate_in(
    connection: Connection, scope: Collection[str] | None = None
) -> ConsolidationReport:
    """`consolidate` inside the caller's transaction (refresh adds the decisions to it)."""
    report = ConsolidationReport()
    redirects = resolve_graph(connection, scope)
    report.entities_merged = len(redirects)
    merge_events(connection, report, _after(scope, redirects, connection))
    return report


def _after(
    scope: Collection[str] | None, redirects: dict[str, str], connection: Connection
) -> set[str] | None:
    """The scope once merged-away ids are replaced by the entities they became."""
    if scope is None:
        return None
    target = {**_merged_targets(connection), **redirects}
    return {final_target(target, key) for key in scope} | set(redirects.values())


# -- entities -------------------------------------------------------------------
def resolve_graph(connection: Connection, scope: Collection[str] | None = None) -> dict[str, str]:
    """Follow earlier redirects, then merge entities found to be one; the new redirects."""
    rows = graph.entity_rows(connection)
    redirect_merged(connection, rows, scope)
    live = [r for r in rows if not r["merged_into"]]
    records = entity_records(connection, live)
    gazetteer = load_gazetteer()
    focus = None if scope is None else set(scope)
    links = candidate_name_links(records, gazetteer, focus)
    _add_context(connection, records, needs_documents(records, links))
    resolution = resolve_entities(records, gazetteer, split_pairs(connection), focus, links)
    for absorbed, kept in sorted(resolution.redirects.items()):
        graph.redirect_entity(connection, absorbed, kept)
    _complete_kept(connection, records, resolution.redirects)
    standing = {normalize_name(n) for r in records if not r.gazetteer for n in r.names | {r.name}}
    date_former_names(connection, [r for r in live if r["gazetteer"]], standing)
    return resolution.redirects


def date_former_names(
    connection: Connection, rows: list[Row], standing: Collection[str] = ()
) -> None:
    """Former names of gazetteer institutions become aliases valid until the renaming, unless
    an article made the former body an entity of its own (`standing`: normalized names)."""
    institutions = load_gazetteer().institutions
    for row in rows:
        entry = institutions.get(row["gazetteer"])
        former = entry.former_until if entry else ()
        apart = {until for name, until in former if normalize_name(name) in standing}
        for name, until in former:
            if until in apart:
                continue  # the former body (all its names of that date) stands on its own
            valid_to = str(until) if until else None
            graph.set_alias(connection, row["id"], name, normalize_name(name), valid_to=valid_to)


def redirect_merged(
    connection: Connection, rows: list[Row], scope: Collection[str] | None = None
) -> None:
    """References written since an entity was merged away (a re-ingest) follow the redirect."""
    target = {r["id"]: r["merged_into"] for r in rows if r["merged_into"]}
    if not target:
        return
    used = (_referenced(connection) if scope is None else set(scope)) & target.keys()
    for absorbed in sorted(used):
        graph.redirect_entity(connection, absorbed, final_target(target, absorbed))


def final_target(target: dict[str, str], key: str) -> str:
    seen = {key}
    while key in target and target[key] not in seen:
        key = target[key]
        seen.add(key)
    return key


def _merged_targets(connection: Connection) -> dict[str, str]:
    query = select(entities.c.id, entities.c.merged_into).where(entities.c.merged_into.is_not(None))
    return {key: target for key, target in connection.execute(query)}


def _referenced(connection: Connection) -> set[str]:
    found = set(connection.scalars(select(mentions.c.entity_id).distinct()))
    found |= set(connection.scalars(select(facts.c.subject_id).distinct()))
    found |= set(connection.scalars(select(facts.c.object_id).distinct()))
    return found


def entity_records(connection: Connection, rows: list[Row]) -> list[EntityRecord]:
    """Records with their names; documents and roles are added where resolution needs them."""
    names: dict[str, set[str]] = defaultdict(set)
    for alias in graph.alias_rows(connection):
        names[alias["entity_id"]].add(alias["name"])
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
        )
        for r in rows
    ]


def _add_context(connection: Connection, records: list[EntityRecord], ids: set[str]) -> None:
    seen_in = graph.mention_documents(connection, ids)
    institutions = graph.role_institutions(connection, ids)
    for record in records:
        record.documents = seen_in.get(record.id, set())
        record.institutions = institutions.get(record.id, set())


def split_pairs(connection: Connection) -> list[tuple[str, str]]:
    """Entities a curator split apart must not be merged again, nor the entities a curator
    merged either of them into (those carry the moved mentions' name too)."""
    query = select(decisions.c.payload).where(decisions.c.action == "split")
    target = _merged_targets(connection)
    pairs = [(p["entity"], p["new"]) for p in connection.scalars(query) if p]
    return pairs + [(final_target(target, a), final_target(target, b)) for a, b in pairs]


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
    source: str = ""  # the outlet (URL host) or the document: what counts as independent
    evidence_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    reports: list[Report] = field(default_factory=list)
    # What `accepts` needs, kept as reports join, so that a report is checked against an
    # event in constant time (not against each of its reports: quadratic for a pair of
    # institutions reported thousands of times): its specific kinds, its documents, and per
    # status the latest start and earliest end of its reports' dates.
    _kinds: set[str | None] = field(default_factory=set, repr=False)
    _documents: set[str] = field(default_factory=set, repr=False)
    _spans: dict[str, tuple[date, date]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for report in self.reports:
            self._note(report)

    @property
    def documents(self) -> set[str]:
        return self._documents

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self._note(report)

    def _note(self, report: Report) -> None:
        if report.kind not in GENERIC_EVENT_KINDS:
            self._kinds.add(report.kind)
        self._documents.add(report.document)
        span = date_interval(report.date)
        if span is not None:
            start, end = self._spans.get(report.status, span)
            self._spans[report.status] = (max(start, span[0]), min(end, span[1]))

    def accepts(self, report: Report) -> bool:
        """Kind compatible, and date close to every dated report's (`dates_compatible`)."""
        kinds = self._kinds
        if report.kind not in GENERIC_EVENT_KINDS and kinds and report.kind not in kinds:
            return False
        span = date_interval(report.date)
        if span is None:
            return True
        for status, (latest_start, earliest_end) in self._spans.items():
            limit = DATE_TOLERANCE_DAYS if status == report.status else PLANNED_LEAD_DAYS
            gap = max(0, (latest_start - span[1]).days, (span[0] - earliest_end).days)
            if gap > limit:
                return False
        return True


@dataclass(slots=True)
class MergedFact:
    row: Row
    evidence_ids: list[int]
    sources: list[str] = field(default_factory=list)  # fact row each evidence is in now


def merge_events(
    connection: Connection,
    report: ConsolidationReport | None = None,
    scope: Collection[str] | None = None,
) -> None:
    """Rewrite extracted facts so that each event is one row holding all its evidence;
    with a `scope`, only the facts of those entities. The whole graph is done page by page
    of entities (each group of facts in the page of its first participant): bounded memory."""
    report = report or ConsolidationReport()
    if scope is not None:
        _merge_rows(connection, graph.extracted_facts(connection, scope), report)
        return
    for page in graph.entity_id_pages(connection, ENTITY_PAGE):
        rows = graph.extracted_facts(connection, page)
        _merge_rows(connection, [r for r in rows if _anchor(r) in page], report)


def _anchor(row: Row) -> str:
    return min(row["subject_id"], row["object_id"] or row["subject_id"])


def _merge_rows(connection: Connection, found: list[Row], report: ConsolidationReport) -> None:
    rows = {r["id"]: r for r in found}
    reports = load_reports(connection, rows)
    merged = merge_reports([r for r in reports if r.object != r.subject])
    written = set()
    moves: list[tuple[int, str]] = []
    for fact in merged:
        key = fact.row["id"]
        graph.upsert_fact(connection, fact.row, rows.get(key))
        moves += [
            (i, key) for i, s in zip(fact.evidence_ids, fact.sources, strict=True) if s != key
        ]
        written.add(key)
    graph.move_evidence(connection, moves)
    stale = {r.fact_id for r in reports} - written
    graph.delete_facts(connection, sorted(stale))
    report.self_loops_dropped += len({r.fact_id for r in reports if r.object == r.subject})
    report.facts_before += len(rows)
    report.facts_after += len(rows) - len(stale) + len(written - rows.keys())
    report.conflicts += sum(1 for m in merged if m.row["conflict"])


def load_reports(connection: Connection, rows: dict[str, Row]) -> list[Report]:
    evidence_rows = graph.evidence_of(connection, list(rows))
    origins = graph.document_origins(connection, {ev["document_id"] for ev in evidence_rows})
    grouped: dict[tuple[Any, ...], Report] = {}
    for ev in evidence_rows:
        row = rows[ev["fact_id"]]
        status = ev["status"] or row["status"]
        key = (row["id"], ev["document_id"], ev["date"], status, ev["kind"], ev["confidence"])
        report = grouped.get(key)
        if report is None:
            report = grouped[key] = _report(row, ev, status, origins.get(ev["document_id"]))
        report.evidence_ids.append(ev["id"])
    return list(grouped.values())


def _report(row: Row, ev: Row, status: str, origin: tuple[str | None, str | None] | None) -> Report:
    published, url = origin or (None, None)
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
        source=_outlet(url) or ev["document_id"],
    )


def _outlet(url: str | None) -> str | None:
    """Pages of one site are not independent sources: a reprinted release counts once."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def merge_reports(reports: list[Report]) -> list[MergedFact]:
    """One fact per event; pure function of the reports."""
    groups: dict[tuple[Any, ...], list[Report]] = defaultdict(list)
    for report in reports:
        groups[group_key(report)].append(report)
    merged: list[MergedFact] = []
    for key in sorted(groups, key=repr):
        facts_of_group = [summarize(event) for event in split_events(groups[key])]
        _name_events(facts_of_group)
        merged += facts_of_group
    return merged


def _name_events(merged: list[MergedFact]) -> None:
    """Each event's id is its fact key; events sharing one (same participants and kind at
    different dates) all mix their date in, so no event inherits another's id (and the
    decisions about it) when that one disappears."""
    keys = [_base_key(fact.row) for fact in merged]
    shared = {key for key in keys if keys.count(key) > 1}
    taken: set[str] = set()
    for fact, key in zip(merged, keys, strict=True):
        salt = 0
        while key in shared or key in taken:
            salt += 1
            raw = f"{key}|{fact.row['date']}|{salt}"
            key = "f-" + hashlib.sha256(raw.encode()).hexdigest()[:24]
        taken.add(key)
        fact.row["id"] = key


def _base_key(row: Row) -> str:
    fact = Fact(
        row["predicate"],
        row["subject_id"],
        row["object_id"],
        value=row["value"],
        kind=row["kind"],
        qualifiers=row["qualifiers"],
    )
    return fact_key(fact)


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
            max(fitting, key=lambda e: len(e.documents)).add(report)
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
    limit = DATE_TOLERANCE_DAYS if first.status == second.status else PLANNED_LEAD_DAYS
    return dates_close(first.date, second.date, limit)


def dates_close(first: str | None, second: str | None, days: int = DATE_TOLERANCE_DAYS) -> bool:
    """Whether two ISO prefixes can be one day, give or take `days` (unknown: yes)."""
    a, b = date_interval(first), date_interval(second)
    if a is None or b is None:
        return True
    return max(0, (a[0] - b[1]).days, (b[0] - a[1]).days) <= days


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
    evidence_ids = [i for r in reports for i in r.evidence_ids]
    sources = [r.fact_id for r in reports for _ in r.evidence_ids]
    return MergedFact(row, evidence_ids, sources)


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
    """Noisy-or over independent sources: each more outlet lowers the doubt."""
    best: dict[str, float] = {}
    for report in reports:
        source = report.source or report.document
        best[source] = max(best.get(source, 0.0), report.confidence)
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
