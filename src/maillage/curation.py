"""Human curation as an overlay on extracted data.

Every decision (accept, reject, edit, add, merge, split, alias, rename, set-id) is stored
in `decisions` with its author, time and reason, applied at once, and re-applied by
`apply_decisions` after every ingest or reprocess, in the order it was taken. A decision
names its target by id and also keeps a signature of it (predicate, participants, kind,
date), so it still finds its fact when merges or re-extraction gave the fact another id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from .consolidate import DATE_TOLERANCE_DAYS, PLANNED_LEAD_DAYS, dates_close, merge_events
from .errors import AmbiguousReference, InvalidEdit, UnknownTarget
from .ontology import EVENT_KINDS, PREDICATES, STATUSES
from .resolve.names import normalize_name
from .store import Store
from .store import overlay as graph
from .store.faults import retrying
from .store.repository import date_precision
from .store.schema import aliases, entities, facts, mentions

Row = dict[str, Any]
EDITABLE = ("date", "status", "kind", "role", "subject", "object")
ENTITY_ACTIONS = ("merge", "split", "alias", "rename", "set-id")
FACT_ACTIONS = ("add", "accept", "reject", "edit")
EXTERNAL_IDS = {
    "wikidata": re.compile(r"Q[1-9]\d*"),
    "ror": re.compile(r"0[a-z0-9]{6}\d{2}"),
    "uai": re.compile(r"\d{7}[A-Z]"),
    "siren": re.compile(r"\d{9}"),
    "idref": re.compile(r"\d{8}[\dX]"),
}
_ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_LIST_FACTS = "Copy a fact id from `maillage export` or `maillage history ENTITY`."
_LIST_ENTITIES = "Give an entity id (org-..., per-...) or a name used in the graph."


@dataclass(slots=True)
class Decision:
    id: int
    target_type: str
    target: str
    action: str
    payload: dict[str, Any]
    author: str
    reason: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> Decision:
        created = row["created_at"]
        if created.tzinfo is None:  # SQLite drops the zone; times are always stored in UTC
            created = created.replace(tzinfo=UTC)
        return cls(
            id=row["id"],
            target_type=row["target_type"],
            target=row["target"],
            action=row["action"],
            payload=dict(row["payload"] or {}),
            author=row["author"],
            reason=row["reason"],
            created_at=created,
        )


# -- facts --------------------------------------------------------------------------
def accept(store: Store, fact_id: str, *, author: str, reason: str | None = None) -> Decision:
    """Confirm an extracted fact."""
    return _fact_decision(store, "accept", fact_id, {}, author, reason)


def reject(store: Store, fact_id: str, *, author: str, reason: str | None = None) -> Decision:
    """Hide a fact from every reader; it stays hidden after re-ingest and reprocess."""
    return _fact_decision(store, "reject", fact_id, {}, author, reason)


def edit(
    store: Store,
    fact_id: str,
    changes: dict[str, Any],
    *,
    author: str,
    reason: str | None = None,
) -> Decision:
    """Correct a fact's date, status, kind, role or participants."""
    with store.engine.connect() as connection:
        checked = _checked_changes(connection, changes)
    return _fact_decision(store, "edit", fact_id, {"changes": checked}, author, reason)


def add_fact(
    store: Store,
    predicate: str,
    subject: str,
    object: str | None = None,
    *,
    value: float | None = None,
    date: str | None = None,
    status: str = "done",
    kind: str | None = None,
    source_url: str | None = None,
    note: str | None = None,
    role: str | None = None,
    unit: str | None = None,
    author: str,
    reason: str | None = None,
) -> Decision:
    """Add a fact by hand, with the URL of its source or a note saying where it comes from."""
    _check_new_fact(predicate, object, value, status, kind, source_url, note)
    qualifiers = {
        k: v
        for k, v in {"role": role, "unit": unit, "source_url": source_url, "note": note}.items()
        if v
    }
    with store.engine.connect() as connection:
        ends = [_entity(connection, subject)] + ([_entity(connection, object)] if object else [])
    row = {
        "predicate": predicate,
        "subject_id": ends[0]["id"],
        "object_id": ends[1]["id"] if object else None,
        "value": value,
        "date": _checked_date(date) if date else None,
        "status": status,
        "kind": kind,
        "qualifiers": qualifiers,
    }
    row["id"] = _manual_id(row)
    payload = {"fact": row, "entities": [_snapshot(e) for e in ends]}
    return _decide(store, "fact", row["id"], "add", payload, author, reason)


def _fact_decision(
    store: Store, action: str, ref: str, payload: Row, author: str, reason: str | None
) -> Decision:
    with store.engine.connect() as connection:
        row = _fact(connection, ref)
        documents = sorted(_documents_of(connection, [row["id"]]).get(row["id"], ()))
    # the documents whose reports the curator saw: the fact is where they are, even when a
    # split or a new report of its participants moved its id or its signature
    payload = {**payload, "fact": {**signature(row), "documents": documents}}
    return _decide(store, "fact", row["id"], action, payload, author, reason)


# -- entities -------------------------------------------------------------------------
def merge_entities(
    store: Store, keep: str, absorb: str, *, author: str, reason: str | None = None
) -> Decision:
    """Make `absorb` one with `keep`: mentions, aliases and facts move, `absorb` redirects."""
    with store.engine.connect() as connection:
        kept, absorbed = _entity(connection, keep), _entity(connection, absorb)
    if kept["id"] == absorbed["id"]:
        raise InvalidEdit(f"'{keep}' and '{absorb}' are already one entity ({kept['id']}).")
    payload = {"keep": kept["id"], "absorb": absorbed["id"]}
    return _decide(store, "entity", kept["id"], "merge", payload, author, reason)


def split_entity(
    store: Store,
    entity_id: str,
    mention_ids: list[int],
    new_name: str,
    *,
    author: str,
    reason: str | None = None,
) -> Decision:
    """Move some mentions of an entity (and the reports of facts they support) to a new entity."""
    with store.engine.connect() as connection:
        entity = _entity(connection, entity_id)
        spans = _mentions_of(connection, entity["id"], mention_ids)
        new_id = _new_entity_id(connection, entity["id"], new_name)
    payload = {"entity": entity["id"], "new": new_id, "name": new_name.strip(), "mentions": spans}
    return _decide(store, "entity", entity["id"], "split", payload, author, reason)


def add_alias(
    store: Store, entity_id: str, name: str, *, author: str, reason: str | None = None
) -> Decision:
    """Another name of an entity (found by name lookups and by cross-document resolution)."""
    return _entity_decision(
        store, "alias", entity_id, {"name": _checked_name(name)}, author, reason
    )


def rename(
    store: Store, entity_id: str, name: str, *, author: str, reason: str | None = None
) -> Decision:
    """Change an entity's display name; the old name stays as an alias."""
    return _entity_decision(
        store, "rename", entity_id, {"name": _checked_name(name)}, author, reason
    )


def set_external_id(
    store: Store,
    entity_id: str,
    scheme: str,
    value: str,
    *,
    author: str,
    reason: str | None = None,
) -> Decision:
    """Record a verified identifier such as `wikidata Q3577948`."""
    scheme, value = scheme.strip().casefold(), value.strip()
    pattern = EXTERNAL_IDS.get(scheme)
    if pattern is None:
        raise InvalidEdit(
            f"unknown identifier scheme '{scheme}'.", f"Use one of {', '.join(EXTERNAL_IDS)}."
        )
    if not pattern.fullmatch(value):
        raise InvalidEdit(
            f"'{value}' is not a {scheme} identifier.",
            f"It must match {pattern.pattern} (for Wikidata: Q followed by digits, e.g. Q273523).",
        )
    payload = {"scheme": scheme, "value": value}
    return _entity_decision(store, "set-id", entity_id, payload, author, reason)


def _entity_decision(
    store: Store, action: str, ref: str, payload: Row, author: str, reason: str | None
) -> Decision:
    with store.engine.connect() as connection:
        entity = _entity(connection, ref)
    return _decide(store, "entity", entity["id"], action, payload, author, reason)


# -- audit log and re-application -------------------------------------------------
def history(store: Store, target: str) -> list[Decision]:
    """Every decision about a fact or an entity, oldest first."""
    with store.engine.connect() as connection:
        key = _history_key(connection, target)
        rows = graph.decision_rows(connection)
        found = [r for r in rows if _is_about(connection, r, key)]
    return [Decision.from_row(r) for r in found]


def apply_decisions(store: Store) -> int:
    """Re-apply every stored decision in order; how many found their target."""

    def transaction() -> int:
        with store.engine.begin() as connection:
            return _apply_all(connection)

    return retrying(transaction)


def apply_decisions_in(connection: Connection) -> int:
    """`apply_decisions` inside the caller's transaction: consolidation and decisions commit
    together, so no reader ever sees a consolidated fact before its curation."""
    return _apply_all(connection)


def _apply_all(connection: Connection) -> int:
    rows = graph.decision_rows(connection)
    applied, rewritten = 0, set()
    for row in (r for r in rows if r["action"] in ENTITY_ACTIONS):
        found, changed = _APPLY[row["action"]](connection, row)
        applied += found
        rewritten |= changed
    if rewritten:
        merge_events(connection, scope=_live(connection, rewritten))
    return applied + _apply_fact_decisions(connection, rows)


def _apply_fact_decisions(connection: Connection, rows: list[Row]) -> int:
    applied = 0
    for row in (r for r in rows if r["action"] in FACT_ACTIONS):
        applied += _APPLY[row["action"]](connection, row)[0]
    return applied


def _decide(
    store: Store,
    target_type: str,
    target: str,
    action: str,
    payload: Row,
    author: str,
    reason: str | None,
) -> Decision:
    if not author or not author.strip():
        raise InvalidEdit(
            "a decision needs an author.", "Pass --author NAME or set MAILLAGE_AUTHOR."
        )
    row = {
        "target_type": target_type,
        "target": target,
        "action": action,
        "payload": payload,
        "author": author.strip(),
        "reason": reason,
    }

    def transaction() -> Row:  # one transaction, retried whole if it met a lock or deadlock
        with store.engine.begin() as connection:
            stored = graph.insert_decision(connection, row)
            _found, changed = _APPLY[action](connection, stored)
            if changed:  # facts were re-pointed: merge them again, then re-apply fact decisions
                merge_events(connection, scope=_live(connection, changed))
                _apply_fact_decisions(connection, graph.decision_rows(connection, FACT_ACTIONS))
            return stored

    return Decision.from_row(retrying(transaction))


# -- appliers: (target found, entities whose facts were re-pointed) ---------------
Applier = Callable[[Connection, Row], tuple[bool, set[str]]]


def _apply_curation(value: str) -> Applier:
    def apply(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
        row = _locate(connection, decision["target"], decision["payload"].get("fact"))
        if row is not None:
            graph.update_fact(connection, row["id"], curation=value)
        return row is not None, set()

    return apply


def _apply_edit(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    payload = decision["payload"]
    row = _decided_fact(connection, decision)
    if row is None:
        return False, set()
    values = _edited_values(connection, row, payload["changes"])
    earlier = {k: row[k] for k in values}
    if values:
        entry = {"edited_by": decision["id"], "values": earlier}
        values["history"] = [*(row["history"] or []), entry]
    # a correction of a rejected fact does not bring it back: only `accept` does
    state = "rejected" if row["curation"] == "rejected" else "edited"
    graph.update_fact(connection, row["id"], curation=state, **values)
    return True, set()


def _edited_values(connection: Connection, row: Row, changes: Row) -> Row:
    values: Row = {}
    for key, value in changes.items():
        if key == "role":
            if row["qualifiers"].get("role") != value:
                values["qualifiers"] = {**row["qualifiers"], "role": value}
        elif key in ("subject", "object"):
            column = f"{key}_id"
            target = _final(connection, value)
            if row[column] != target:
                values[column] = target
        elif row[key] != value:
            values[key] = value
    if "date" in values:
        values["date_precision"] = date_precision(values["date"])
    return values


def _apply_add(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    payload = decision["payload"]
    graph.insert_ignore(connection, entities, payload["entities"])
    row = dict(payload["fact"])
    row["subject_id"] = _final(connection, row["subject_id"])
    if row["object_id"]:
        row["object_id"] = _final(connection, row["object_id"])
    row.update(
        date_precision=date_precision(row["date"]),
        confidence=1.0,
        conflict=False,
        alternatives=[],
        curation="accepted",
        origin="manual",
        history=[],
    )
    graph.insert_ignore(connection, facts, [row])
    return True, set()


def _apply_merge(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    payload = decision["payload"]
    keep, absorb = _final(connection, payload["keep"]), _final(connection, payload["absorb"])
    if graph.entity_row(connection, keep) is None or graph.entity_row(connection, absorb) is None:
        return False, set()
    if keep == absorb:
        return True, set()
    graph.redirect_entity(connection, absorb, keep)
    return True, {keep, absorb}


def _apply_split(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    payload = decision["payload"]
    original = graph.entity_row(connection, _final(connection, payload["entity"]))
    if original is None:
        return False, set()
    new_id, name = payload["new"], payload["name"]
    new_row = {**original, "id": new_id, "name": name, "merged_into": None, "external_ids": {}}
    new_row.update(acronym=None, gazetteer=None)
    graph.insert_ignore(connection, entities, [new_row])
    graph.update_entity(connection, new_id, merged_into=None)
    graph.add_alias(connection, new_id, name, normalize_name(name))
    moved = _move_mentions(connection, original["id"], new_id, payload["mentions"])
    repointed = _move_supported_facts(connection, original["id"], new_id, moved)
    return True, {original["id"], new_id} if repointed else set()


def _apply_alias(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    entity = _final(connection, decision["target"])
    if graph.entity_row(connection, entity) is None:
        return False, set()
    name = decision["payload"]["name"]
    graph.add_alias(connection, entity, name, normalize_name(name))
    return True, set()


def _decided_entity(connection: Connection, decision: Row) -> str:
    """The entity an entity decision applies to: where its target is merged now, unless a
    curator merged the target away after this decision (the kept entity's values win)."""
    target = decision["target"]
    later = graph.decision_rows(connection, ("merge",))
    if any(d["id"] > decision["id"] and d["payload"]["absorb"] == target for d in later):
        return target
    return _final(connection, target)


def _apply_rename(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    row = graph.entity_row(connection, _decided_entity(connection, decision))
    if row is None:
        return False, set()
    name = decision["payload"]["name"]
    graph.add_alias(connection, row["id"], row["name"], normalize_name(row["name"]))
    graph.add_alias(connection, row["id"], name, normalize_name(name))
    graph.update_entity(connection, row["id"], name=name)
    return True, set()


def _apply_set_id(connection: Connection, decision: Row) -> tuple[bool, set[str]]:
    row = graph.entity_row(connection, _decided_entity(connection, decision))
    if row is None:
        return False, set()
    payload = decision["payload"]
    ids = {**(row["external_ids"] or {}), payload["scheme"]: payload["value"]}
    graph.update_entity(connection, row["id"], external_ids=ids)
    return True, set()


_APPLY: dict[str, Applier] = {
    "accept": _apply_curation("accepted"),
    "reject": _apply_curation("rejected"),
    "edit": _apply_edit,
    "add": _apply_add,
    "merge": _apply_merge,
    "split": _apply_split,
    "alias": _apply_alias,
    "rename": _apply_rename,
    "set-id": _apply_set_id,
}


# -- split helpers -------------------------------------------------------------------
def _mentions_of(connection: Connection, entity_id: str, mention_ids: list[int]) -> list[Row]:
    if not mention_ids:
        raise InvalidEdit(
            "a split needs at least one mention id.", "List them with `maillage export`."
        )
    rows = connection.execute(select(mentions).where(mentions.c.id.in_(mention_ids))).all()
    found = {r.id: r for r in rows}
    wrong = [i for i in mention_ids if i not in found or found[i].entity_id != entity_id]
    if wrong:
        raise InvalidEdit(
            f"mentions {wrong} are not mentions of {entity_id}.",
            "Give ids of mentions of that entity (the `mentions` of `maillage export`).",
        )
    return [
        {"document": r.document_id, "start": r.start, "end": r.end, "text": r.text}
        for r in found.values()
    ]


def _new_entity_id(connection: Connection, entity_id: str, name: str) -> str:
    prefix = entity_id.split("-", 1)[0]
    new_id = f"{prefix}-" + normalize_name(_checked_name(name)).replace(" ", "-")
    if graph.entity_row(connection, new_id) is not None:
        raise InvalidEdit(
            f"an entity '{new_id}' already exists.",
            "Merge the mentions' entity into it instead, or choose another name.",
        )
    return new_id


def _move_mentions(connection: Connection, old: str, new: str, spans: list[Row]) -> list[Row]:
    moved = []
    for span in spans:
        result = connection.execute(
            mentions.update()
            .where(
                mentions.c.entity_id.in_([old, new]),
                mentions.c.document_id == span["document"],
                mentions.c.start == span["start"],
                mentions.c.end == span["end"],
            )
            .values(entity_id=new)
        )
        if result.rowcount:
            moved.append(span)
            graph.add_alias(connection, new, span["text"], normalize_name(span["text"]))
    return moved


def _move_supported_facts(connection: Connection, old: str, new: str, spans: list[Row]) -> bool:
    """The reports of the old entity's facts whose evidence holds a moved mention follow it:
    a whole fact when all its reports do, else those reports become a fact of their own
    (consolidation had merged them with reports of the entity that stays)."""
    rows = connection.execute(
        select(facts).where(or_(facts.c.subject_id == old, facts.c.object_id == old))
    ).all()
    changed = False
    for row in (dict(r._mapping) for r in rows):
        if new in (row["subject_id"], row["object_id"]):
            continue  # its other end holds the moved mention: the old end is another one
        reports = graph.evidence_of(connection, [row["id"]])
        held = [ev["id"] for ev in reports if _holds_any(ev, spans)]
        if not held:
            continue
        column = "subject_id" if row["subject_id"] == old else "object_id"
        if len(held) == len(reports):
            graph.update_fact(connection, row["id"], **{column: new})
        else:
            _move_reports(connection, row, {column: new}, held)
        changed = True
    return changed


def _move_reports(connection: Connection, row: Row, ends: Row, evidence_ids: list[int]) -> None:
    """Give some evidence of a fact to a copy of it with other participants; the next merge
    of events gives the copy its own id and values."""
    raw = f"{row['id']}|{sorted(ends.items())}"
    copy = {**row, **ends, "id": "f-" + hashlib.sha256(raw.encode()).hexdigest()[:24]}
    graph.insert_ignore(connection, facts, [copy])
    graph.move_evidence(connection, [(i, copy["id"]) for i in evidence_ids])


def _holds_any(span: Row, mentions_moved: list[Row]) -> bool:
    return any(
        m["document"] == span["document_id"]
        and span["start"] <= m["start"]
        and m["end"] <= span["end"]
        for m in mentions_moved
    )


# -- lookups ---------------------------------------------------------------------------
def _fact(connection: Connection, ref: str) -> Row:
    ref = ref.strip()
    # autoescape: '%' and '_' in a fact id prefix are characters, not LIKE wildcards.
    prefixed = facts.c.id.startswith(ref, autoescape=True)
    rows = connection.execute(select(facts).where(prefixed).limit(2)).all()
    exact = [r for r in rows if r.id == ref]
    if len(exact) == 1 or len(rows) == 1:
        return dict((exact or rows)[0]._mapping)
    if not rows:
        raise UnknownTarget(f"no fact with id '{ref}'.", _LIST_FACTS)
    raise AmbiguousReference(f"several facts have ids starting with '{ref}'.", _LIST_FACTS)


def _entity(connection: Connection, ref: str) -> Row:
    """An entity by id or by an unambiguous name; merged-away ids lead to their target."""
    ref = ref.strip()
    row = graph.entity_row(connection, ref)
    if row is not None:
        final = graph.entity_row(connection, _final(connection, ref))
        return final or row
    ids = _ids_named(connection, ref)
    if len(ids) == 1:
        found = graph.entity_row(connection, ids.pop())
        if found is not None:
            return found
    if not ids:
        raise UnknownTarget(f"no entity with id or name '{ref}'.", _LIST_ENTITIES)
    raise AmbiguousReference(
        f"'{ref}' names several entities: {', '.join(sorted(ids))}.", "Give the id instead."
    )


def _ids_named(connection: Connection, name: str) -> set[str]:
    normalized = normalize_name(name)
    named = connection.scalars(
        select(aliases.c.entity_id).where(aliases.c.normalized == normalized)
    )
    # every entity name is also an alias row (ingest and rename write both)
    return {_final(connection, i) for i in named}


def _final(connection: Connection, entity_id: str) -> str:
    """The entity an id designates now, following merge redirects."""
    seen = {entity_id}
    while True:
        target = connection.scalar(select(entities.c.merged_into).where(entities.c.id == entity_id))
        if not target or target in seen:
            return entity_id
        entity_id = target
        seen.add(target)


def _live(connection: Connection, ids: set[str]) -> set[str]:
    return {_final(connection, key) for key in ids}


def signature(row: Row) -> Row:
    """What identifies a fact when its id has changed."""
    return {
        "predicate": row["predicate"],
        "subject": row["subject_id"],
        "object": row["object_id"],
        "kind": row["kind"],
        "date": row["date"],
        "status": row["status"],
        "role": (row["qualifiers"] or {}).get("role"),
        "unit": (row["qualifiers"] or {}).get("unit"),
        "value": row["value"],
    }


def _edited_signature(payload: Row) -> Row | None:
    before = payload.get("fact")
    if not before:
        return None
    changes = payload["changes"]
    return {**before, **{k: v for k, v in changes.items() if k in before}}


def _decided_fact(connection: Connection, decision: Row) -> Row | None:
    """The fact a fact decision applies to now; an edit also finds it with its new values."""
    payload = decision["payload"]
    row = _locate(connection, decision["target"], payload.get("fact"))
    if row is None and decision["action"] == "edit":
        row = _locate(connection, "", _edited_signature(payload))
    return row


def _locate(connection: Connection, fact_id: str, sig: Row | None) -> Row | None:
    """The fact a decision is about: the row with its id while that row holds a report the
    curator saw; else the best of the facts of its signature, between its participants or
    entities split off them: one holding such a report, then the id, the participants, the
    kind and the date decide."""
    row = graph.fact_row(connection, fact_id) if fact_id else None
    seen = set((sig or {}).get("documents") or ())
    # An id is a key of predicate, participants and kind, not of the event: once a split
    # moved the decided fact away, a new report of the old pair is given the old id. Its
    # values are no test (an edit may have changed them); the documents it holds are.
    # Without documents (a fact added by hand, whose id mixes in its values, or a decision
    # older than this record) the id is trusted.
    if not sig or (row is not None and _holds_seen(connection, row, seen)):
        return row
    ends = _final(connection, sig["subject"]), _final(connection, sig["object"] or "") or None
    found = _signature_matches(connection, sig, [ends, *_split_pairs(connection, *ends)])
    if not found:
        return None
    held = _documents_of(connection, [f["id"] for f in found]) if seen else {}
    return max(
        found,
        key=lambda f: (
            bool(held.get(f["id"], set()) & seen),
            f["id"] == fact_id,
            {f["subject_id"], f["object_id"]} == set(ends),
            f["kind"] == sig["kind"],
            f["date"] == sig["date"],
        ),
    )


def _signature_matches(
    connection: Connection, sig: Row, pairs: list[tuple[str | None, str | None]]
) -> list[Row]:
    if PREDICATES[sig["predicate"]].symmetric:
        pairs = [*pairs, *((o, s) for s, o in pairs if o)]
    candidates = [
        dict(r._mapping)
        for s, o in pairs
        for r in connection.execute(
            select(facts).where(
                facts.c.predicate == sig["predicate"],
                facts.c.subject_id == s,
                facts.c.object_id.is_(None) if o is None else facts.c.object_id == o,
            )
        )
    ]
    return [c for c in candidates if _same_event(c, sig)]


def _split_pairs(
    connection: Connection, subject: str, obj: str | None
) -> list[tuple[str | None, str | None]]:
    """The participants splits may have given the fact: either end, or both, replaced by an
    entity split off it (or off an entity split off it, and so on)."""
    splits = graph.decision_rows(connection, ("split",))
    subjects = _split_off(connection, splits, subject)
    objects = _split_off(connection, splits, obj) if obj else [obj]
    return [(s, o) for s in subjects for o in objects if (s, o) != (subject, obj)]


def _holds_seen(connection: Connection, row: Row, seen: set[str]) -> bool:
    held = _documents_of(connection, [row["id"]]).get(row["id"], set())
    return not seen or bool(held & seen)


def _documents_of(connection: Connection, fact_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for ev in graph.evidence_of(connection, sorted(set(fact_ids))):
        found.setdefault(ev["fact_id"], set()).add(ev["document_id"])
    return found


def _split_off(connection: Connection, splits: list[Row], entity: str) -> list[str]:
    """`entity` and the entities curators split off it, directly or not (where its facts
    may have gone)."""
    found = [entity]
    for decision in splits:  # in the order taken: a split of a split-off entity comes later
        if _final(connection, decision["payload"]["entity"]) in found:
            new = _final(connection, decision["payload"]["new"])
            found += [new] if new not in found else []
    return found


def _same_event(row: Row, sig: Row) -> bool:
    """Whether a fact can be the event a signature describes. A fact of the same
    participants at another date is another event, never this one; dates are compared as
    consolidation compares two reports (a planned event may be done months later)."""
    if row["predicate"] != sig["predicate"] or not _same_detail(row, sig):
        return False
    same_status = row["status"] == sig.get("status", row["status"])
    limit = DATE_TOLERANCE_DAYS if same_status else PLANNED_LEAD_DAYS
    return dates_close(row["date"], sig["date"], limit)


def _same_detail(row: Row, sig: Row) -> bool:
    qualifiers = row["qualifiers"] or {}
    return (
        normalize_name(qualifiers.get("role") or "") == normalize_name(sig.get("role") or "")
        and normalize_name(qualifiers.get("unit") or "") == normalize_name(sig.get("unit") or "")
        and (row["predicate"] != "quantity" or row["value"] == sig.get("value"))
    )


def _history_key(connection: Connection, target: str) -> str:
    target = target.strip()
    if target.startswith("f-"):
        try:
            return _fact(connection, target)["id"]
        except UnknownTarget:  # decisions outlive a fact that re-extraction no longer finds
            return target
    row = graph.entity_row(connection, target)
    return row["id"] if row else _entity(connection, target)["id"]


def _is_about(connection: Connection, decision: Row, key: str) -> bool:
    if decision["target_type"] != "fact" or not key.startswith("f-"):
        return _concerns(decision, key)
    if decision["action"] == "add":
        return decision["target"] == key
    # the fact the decision applies to now (its id may have changed with a merge, a split or
    # a re-extraction, and its old id may now name another event)
    row = _decided_fact(connection, decision)
    return row["id"] == key if row is not None else decision["target"] == key


def _concerns(decision: Row, key: str) -> bool:
    if decision["target"] == key:
        return True
    payload = decision["payload"] or {}
    named = [payload.get(k) for k in ("keep", "absorb", "entity", "new")]
    changes = payload.get("changes") or {}
    named += [changes.get("subject"), changes.get("object")]
    return key in named


# -- validation ---------------------------------------------------------------------------
def _checked_changes(connection: Connection, changes: Row) -> Row:
    unknown = set(changes) - set(EDITABLE)
    if not changes or unknown:
        raise InvalidEdit(
            f"cannot edit {sorted(unknown) or 'nothing'}.", f"Edit one of {', '.join(EDITABLE)}."
        )
    checked = dict(changes)
    if "date" in checked and checked["date"] is not None:
        checked["date"] = _checked_date(checked["date"])
    if "status" in checked and checked["status"] not in STATUSES:
        raise InvalidEdit(f"unknown status '{checked['status']}'.", "Use done or planned.")
    if "kind" in checked and checked["kind"] not in (*EVENT_KINDS, None):
        raise InvalidEdit(
            f"unknown kind '{checked['kind']}'.", f"Use one of {', '.join(EVENT_KINDS)}."
        )
    for end in ("subject", "object"):
        if checked.get(end):
            checked[end] = _entity(connection, checked[end])["id"]
    return checked


def _checked_date(value: str) -> str:
    value = str(value).strip()
    valid = _ISO_PREFIX.fullmatch(value) is not None
    if valid and len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            valid = False
    if not valid:
        raise InvalidEdit(f"'{value}' is not a date.", "Write YYYY, YYYY-MM or YYYY-MM-DD.")
    return value


def _checked_name(name: str) -> str:
    if not name or not normalize_name(name):
        raise InvalidEdit("a name cannot be empty.", "Give the name as it is written.")
    return name.strip()


def _check_new_fact(
    predicate: str,
    object: str | None,
    value: float | None,
    status: str,
    kind: str | None,
    source_url: str | None,
    note: str | None,
) -> None:
    spec = PREDICATES.get(predicate)
    if spec is None:
        raise InvalidEdit(
            f"unknown predicate '{predicate}'.", f"Use one of {', '.join(PREDICATES)}."
        )
    if (spec.object_type is None) != (object is None):
        needs = "no object" if spec.object_type is None else f"an object ({spec.object_type})"
        raise InvalidEdit(f"{predicate} takes {needs}.")
    if predicate == "quantity" and value is None:
        raise InvalidEdit("a quantity needs a value.", "Pass --value and --unit.")
    if status not in STATUSES:
        raise InvalidEdit(f"unknown status '{status}'.", "Use done or planned.")
    if kind is not None and kind not in EVENT_KINDS:
        raise InvalidEdit(f"unknown kind '{kind}'.", f"Use one of {', '.join(EVENT_KINDS)}.")
    if not (source_url or note):
        raise InvalidEdit(
            "a fact added by hand needs its source.", "Pass --source-url URL or --note TEXT."
        )


def _manual_id(row: Row) -> str:
    parts = [str(row[k]) for k in ("predicate", "subject_id", "object_id", "value", "date", "kind")]
    parts.append(str(sorted(row["qualifiers"].items())))
    return "f-" + hashlib.sha256("\x1f".join(["manual", *parts]).encode()).hexdigest()[:24]


def _snapshot(row: Row) -> Row:
    keep = ("id", "type", "kind", "name", "acronym", "city", "gazetteer")
    return {**{k: row[k] for k in keep}, "external_ids": {}}
