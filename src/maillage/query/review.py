"""The review queue: facts no curator has decided on, weakest first, each with its sentences
cut so that both parties can be highlighted.

Weakest first means: facts whose sources disagree, then planned facts whose date has
passed (did it happen?), then facts with a single source, then the rest; lowest confidence
first within each tier.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.engine import Connection

from ..filters import FactFilter
from ..store import Store
from ..store.schema import aliases, evidence, facts, mentions
from .common import (
    VIEW_COLUMNS,
    absorbed,
    fact_views,
    page_size,
)
from .models import EvidenceView, FactView, QuotePart, ReviewItem, ReviewQueue

LOW_CONFIDENCE = 0.5
_MAX_OFFSET = 10_000
_NAMES_PER_PARTY = 20


def review_queue(
    store: Store,
    fact_filter: FactFilter | None = None,
    limit: int = 20,
    offset: int = 0,
    today: date | None = None,
) -> ReviewQueue:
    """Undecided facts, weakest first, with how many remain and how many were decided."""
    fact_filter = fact_filter or FactFilter()
    today = today or date.today()
    limit, offset = page_size(limit), min(max(offset, 0), _MAX_OFFSET)
    undecided = and_(fact_filter.where(), facts.c.curation.is_(None))
    with store.engine.connect() as connection:
        rows = _weakest(connection, undecided, today, limit, offset)
        views = fact_views(connection, rows, 3)
        items = [_item(connection, view, today) for view in views]
        remaining = connection.scalar(select(func.count()).where(undecided)) or 0
        decided = and_(
            replace(fact_filter, include_rejected=True).where(), facts.c.curation.is_not(None)
        )
        reviewed = connection.scalar(select(func.count()).where(decided)) or 0
    return ReviewQueue(items, remaining, reviewed)


def overdue(today: date) -> ColumnElement[bool]:
    """Planned facts whose date (a year, a month or a day) is over by `today`."""
    ended = or_(
        *(
            and_(facts.c.date_precision == precision, facts.c.date < _current(precision, today))
            for precision in ("year", "month", "day")
        )
    )
    return and_(facts.c.status == "planned", facts.c.date.is_not(None), ended)


def _current(precision: str, today: date) -> str:
    """Today at a date's precision: a date before it is over."""
    return {"year": f"{today:%Y}", "month": f"{today:%Y-%m}"}.get(precision, today.isoformat())


def _single_source() -> ColumnElement[bool]:
    sources = (
        select(func.count(evidence.c.document_id.distinct()))
        .where(evidence.c.fact_id == facts.c.id)
        .scalar_subquery()
    )
    return sources <= 1


def _tiers(today: date) -> list[ColumnElement[bool]]:
    conflict, late, single = facts.c.conflict.is_(True), overdue(today), _single_source()
    return [
        conflict,
        and_(not_(conflict), late),
        and_(not_(conflict), not_(late), single),
        and_(not_(conflict), not_(late), not_(single)),
    ]


def _weakest(
    connection: Connection, undecided: ColumnElement[bool], today: date, limit: int, offset: int
) -> list[dict[str, Any]]:
    """The page [offset, offset + limit) of the tiers read one after the other."""
    found: list[dict[str, Any]] = []
    skip = offset
    for tier in _tiers(today):
        where = and_(undecided, tier)
        if skip:
            size = connection.scalar(select(func.count()).where(where)) or 0
            if size <= skip:
                skip -= size
                continue
        query = (
            select(*VIEW_COLUMNS)
            .where(where)
            .order_by(facts.c.confidence, facts.c.id)
            .offset(skip)
            .limit(limit - len(found))
        )
        found.extend(dict(r._mapping) for r in connection.execute(query))
        skip = 0
        if len(found) >= limit:
            break
    return found


def _item(connection: Connection, view: FactView, today: date) -> ReviewItem:
    reasons = []
    if view.conflict:
        reasons.append("conflict")
    if (
        view.status == "planned"
        and view.date
        and view.date < _current(view.date_precision or "day", today)
    ):
        reasons.append("overdue")
    if len({e.document.id for e in view.evidence}) <= 1 and view.evidence_count <= 1:
        reasons.append("single_source")
    if view.confidence < LOW_CONFIDENCE:
        reasons.append("low_confidence")
    return ReviewItem(view, reasons, [_quote(connection, view, proof) for proof in view.evidence])


# -- both parties in the sentence ------------------------------------------------------------
def _quote(connection: Connection, view: FactView, proof: EvidenceView) -> list[QuotePart]:
    parties = {"subject": [view.subject.id]}
    if view.object is not None:
        parties["object"] = [view.object.id]
    spans: list[tuple[int, int, str]] = []
    for party, ids in parties.items():
        scope = [*ids, *absorbed(connection, ids).get(ids[0], ())]
        found = _mention_spans(connection, proof, scope) or _name_spans(connection, proof, scope)
        spans.extend((start, end, party) for start, end in found)
    return _cut(proof.text, spans)


def _mention_spans(
    connection: Connection, proof: EvidenceView, ids: list[str]
) -> list[tuple[int, int]]:
    """Mentions of the party inside the sentence, when the sentence is the document's text
    at its offsets (then the mention offsets can be trusted)."""
    query = select(mentions.c.start, mentions.c.end, mentions.c.text).where(
        mentions.c.document_id == proof.document.id,
        mentions.c.entity_id.in_(ids),
        mentions.c.start >= proof.start,
        mentions.c.end <= proof.end,
    )
    found = []
    for start, end, written in connection.execute(query):
        local = (start - proof.start, end - proof.start)
        if proof.text[local[0] : local[1]].casefold() == str(written).casefold():
            found.append(local)
    return found


def _name_spans(
    connection: Connection, proof: EvidenceView, ids: list[str]
) -> list[tuple[int, int]]:
    """Where the party's names (name, acronym, aliases) occur in the sentence."""
    query = (
        select(aliases.c.name)
        .where(aliases.c.entity_id.in_(ids))
        .order_by(func.length(aliases.c.name).desc())
        .limit(_NAMES_PER_PARTY)
    )
    names = [n for n in connection.scalars(query) if len(n) >= 2]
    found: list[tuple[int, int]] = []
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(proof.text):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in found):
                found.append(span)
    return found


def _cut(text: str, spans: list[tuple[int, int, str]]) -> list[QuotePart]:
    """The sentence as plain parts and party parts; overlapping spans keep the first."""
    parts: list[QuotePart] = []
    position = 0
    for start, end, party in sorted(spans):
        if start < position or not 0 <= start < end <= len(text):
            continue
        if start > position:
            parts.append(QuotePart(text[position:start]))
        parts.append(QuotePart(text[start:end], party))
        position = end
    if position < len(text):
        parts.append(QuotePart(text[position:]))
    return parts
