"""Documents: found by id or id prefix, read with their mentions and evidence marked, and
listed with how many facts each supports."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import AmbiguousReference, NotFoundError, UsageError
from ..filters import FactFilter
from ..store import Store
from ..store.schema import documents, evidence, facts, mentions
from .common import (
    CHUNK,
    DOCUMENT_REF_COLUMNS,
    VIEW_COLUMNS,
    Row,
    canonical_map,
    entity_rows,
    fact_views,
    page_size,
    ref,
)
from .models import DocumentFact, DocumentRef, DocumentRow, DocumentsTable, DocumentView, Segment

DOCUMENT_SORTS = ("-published", "published", "title", "-ingested")
_LIST_HINT = "List them with `maillage documents`."


def find_document(connection: Connection, reference: str) -> Row:
    """A document by id or by a prefix of its id that only one document has."""
    reference = reference.strip()
    # autoescape: '%' and '_' in the reference are plain characters, not LIKE wildcards.
    query = select(documents).where(documents.c.id.startswith(reference, autoescape=True))
    rows = connection.execute(query.limit(2)).all() if reference else []
    exact = [r for r in rows if r.id == reference]
    if len(exact) == 1 or len(rows) == 1:
        return dict((exact or rows)[0]._mapping)
    if not rows:
        raise NotFoundError(f"no document with id '{reference}'.", _LIST_HINT)
    raise AmbiguousReference(
        f"several documents have ids starting with '{reference}'.", "Give more of the id."
    )


def document(store: Store, reference: str) -> Row:
    """The stored row of a document (id or unique id prefix), text included."""
    with store.engine.connect() as connection:
        return find_document(connection, reference)


def document_view(store: Store, reference: str) -> DocumentView:
    """A document's text cut into segments that mark entity mentions and fact evidence."""
    with store.engine.connect() as connection:
        row = find_document(connection, reference)
        spans = connection.execute(
            select(mentions.c.entity_id, mentions.c.start, mentions.c.end).where(
                mentions.c.document_id == row["id"], mentions.c.field == "text"
            )
        ).all()
        proofs = connection.execute(
            select(evidence.c.fact_id, evidence.c.start, evidence.c.end)
            .join(facts, facts.c.id == evidence.c.fact_id)
            .where(evidence.c.document_id == row["id"], FactFilter().where())
            .order_by(evidence.c.start)
        ).all()
        redirects = canonical_map(connection, {s.entity_id for s in spans})
        mentioned = [(redirects.get(e, e), s, t) for e, s, t in spans]
        facts_told = _document_facts(connection, proofs)
        known = entity_rows(connection, {e for e, _, _ in mentioned})
    text = row["text"]
    return DocumentView(
        document=DocumentRef(row["id"], row["title"], row["url"], row["published"], row["source"]),
        author=row["author"],
        format=row["format"],
        language=row["language"],
        text=text,
        segments=segments(text, mentioned, [(f, s, e) for f, s, e in proofs]),
        entities=sorted((ref(r) for r in known.values()), key=lambda e: e.name),
        facts=facts_told,
    )


def _document_facts(connection: Connection, proofs: Sequence[Any]) -> list[DocumentFact]:
    wanted = sorted({p.fact_id for p in proofs})
    rows = [
        dict(r._mapping)
        for start in range(0, len(wanted), CHUNK)
        for r in connection.execute(
            select(*VIEW_COLUMNS).where(facts.c.id.in_(wanted[start : start + CHUNK]))
        )
    ]
    views = {v.id: v for v in fact_views(connection, rows, 0)}
    return [
        DocumentFact(p.fact_id, v.predicate, v.subject, v.object, p.start, p.end)
        for p in proofs
        if (v := views.get(p.fact_id))
    ]


def segments(
    text: str,
    mentioned: Collection[tuple[str, int, int]],
    proven: Collection[tuple[str, int, int]],
) -> list[Segment]:
    """Cut `text` at every mention and evidence boundary; each piece knows what covers it."""
    bounds = {0, len(text)}
    for _, start, end in [*mentioned, *proven]:
        if 0 <= start < end <= len(text):
            bounds.update((start, end))
    cuts = sorted(bounds)
    found = []
    for start, end in itertools.pairwise(cuts):
        entity = next((e for e, s, t in mentioned if s <= start and end <= t), None)
        covering = sorted({f for f, s, t in proven if s <= start and end <= t})
        found.append(Segment(start, end, text[start:end], entity, covering))
    return _merge_plain(found)


def _merge_plain(pieces: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and last.entity == piece.entity and last.facts == piece.facts:
            merged[-1] = replace(last, end=piece.end, text=last.text + piece.text)
        else:
            merged.append(piece)
    return merged


def documents_table(
    store: Store, sort: str = "-published", limit: int = 50, offset: int = 0
) -> DocumentsTable:
    """Stored documents, sorted and paginated, each with the number of visible facts it
    supports."""
    if sort not in DOCUMENT_SORTS:
        raise UsageError(f"unknown sort '{sort}'.", f"Use one of {', '.join(DOCUMENT_SORTS)}.")
    limit, offset = page_size(limit), max(offset, 0)
    order = {
        "-published": [documents.c.published.desc().nulls_last(), documents.c.id],
        "published": [documents.c.published.asc().nulls_last(), documents.c.id],
        "title": [documents.c.title.asc().nulls_last(), documents.c.id],
        "-ingested": [documents.c.ingested_at.desc(), documents.c.id],
    }[sort]
    with store.engine.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(documents)) or 0
        query = select(*DOCUMENT_REF_COLUMNS).order_by(*order).limit(limit).offset(offset)
        found = [DocumentRef(*r) for r in connection.execute(query)]
        counts = _facts_per_document(connection, [d.id for d in found])
    rows = [DocumentRow(d, counts.get(d.id, 0)) for d in found]
    return DocumentsTable(rows, total, limit, offset)


def _facts_per_document(connection: Connection, ids: Sequence[str]) -> dict[str, int]:
    query = (
        select(evidence.c.document_id, func.count(evidence.c.fact_id.distinct()))
        .join(facts, facts.c.id == evidence.c.fact_id)
        .where(evidence.c.document_id.in_(list(ids)), FactFilter().where())
        .group_by(evidence.c.document_id)
    )
    return {document_id: n for document_id, n in connection.execute(query)}
