"""Curation endpoints: each one checks the token, then calls one `maillage.curation` function;
the token's name is the decision's author."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from .. import curation, query
from ..curation import Decision
from ..tokens import Caller
from .errors import WRITE_RESPONSES
from .routes import DATE_PATTERN, EventKind, PredicateName, StoreDep
from .security import curator


def _fresh_statistics() -> Iterator[None]:
    """After a curation request, the server's cached statistics are out of date."""
    yield
    query.forget_statistics()


router = APIRouter(
    prefix="/api", responses=WRITE_RESPONSES, dependencies=[Depends(_fresh_statistics)]
)
CuratorDep = Annotated[Caller, Depends(curator)]
Short = Annotated[str, Field(min_length=1, max_length=400)]
Ref = Annotated[str, Field(min_length=1, max_length=400, description="Entity id or name")]
Date = Annotated[str, Field(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Scheme = StrEnum("Scheme", {s: s for s in curation.EXTERNAL_IDS})  # type: ignore[misc]
Reason = Annotated[str | None, Field(default=None, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Why(Strict):
    reason: Reason = None


class Changes(Strict):
    date: Date | None = None
    status: Literal["done", "planned"] | None = None
    kind: EventKind | None = None
    role: Short | None = None
    subject: Ref | None = None
    object: Ref | None = None


class Edit(Strict):
    changes: Changes
    reason: Reason = None


class NewFact(Strict):
    predicate: PredicateName
    subject: Ref
    object: Ref | None = None
    value: float | None = None
    date: Date | None = None
    status: Literal["done", "planned"] = "done"
    kind: EventKind | None = None
    role: Short | None = None
    source_url: Annotated[str, Field(pattern=r"^https?://", max_length=2000)] | None = None
    note: Text | None = None
    reason: Reason = None


class Merge(Strict):
    absorb: Ref
    reason: Reason = None


class Split(Strict):
    mentions: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1, max_length=1000)]
    name: Short
    reason: Reason = None


class Name(Strict):
    name: Short
    reason: Reason = None


class ExternalId(Strict):
    scheme: Scheme
    value: Annotated[str, Field(min_length=1, max_length=100)]
    reason: Reason = None


@router.post("/facts/{fact_id}/accept", summary="Confirm a fact")
def accept(db: StoreDep, fact_id: str, caller: CuratorDep, body: Why | None = None) -> Decision:
    reason = body.reason if body else None
    return curation.accept(db, fact_id, author=caller.name, reason=reason)


@router.post("/facts/{fact_id}/reject", summary="Reject a fact (hidden from every reader)")
def reject(db: StoreDep, fact_id: str, caller: CuratorDep, body: Why | None = None) -> Decision:
    reason = body.reason if body else None
    return curation.reject(db, fact_id, author=caller.name, reason=reason)


@router.post("/facts/{fact_id}/edit", summary="Correct a fact")
def edit(db: StoreDep, fact_id: str, body: Edit, caller: CuratorDep) -> Decision:
    changes = body.changes.model_dump(exclude_none=True, mode="json")
    return curation.edit(db, fact_id, changes, author=caller.name, reason=body.reason)


@router.post("/facts", summary="Add a fact by hand", status_code=201)
def add_fact(db: StoreDep, body: NewFact, caller: CuratorDep) -> Decision:
    fields = body.model_dump(exclude={"predicate", "subject", "object", "reason"}, mode="json")
    return curation.add_fact(
        db,
        str(body.predicate),
        body.subject,
        body.object,
        **fields,
        author=caller.name,
        reason=body.reason,
    )


@router.post("/entities/{entity_id}/merge", summary="Merge another entity into this one")
def merge(db: StoreDep, entity_id: str, body: Merge, caller: CuratorDep) -> Decision:
    return curation.merge_entities(
        db, entity_id, body.absorb, author=caller.name, reason=body.reason
    )


@router.post("/entities/{entity_id}/split", summary="Move some mentions to a new entity")
def split(db: StoreDep, entity_id: str, body: Split, caller: CuratorDep) -> Decision:
    """The facts whose evidence holds a moved mention follow it to the new entity."""
    return curation.split_entity(
        db, entity_id, body.mentions, body.name, author=caller.name, reason=body.reason
    )


@router.post("/entities/{entity_id}/aliases", summary="Give an entity another name")
def alias(db: StoreDep, entity_id: str, body: Name, caller: CuratorDep) -> Decision:
    return curation.add_alias(db, entity_id, body.name, author=caller.name, reason=body.reason)


@router.post("/entities/{entity_id}/rename", summary="Change an entity's display name")
def rename(db: StoreDep, entity_id: str, body: Name, caller: CuratorDep) -> Decision:
    return curation.rename(db, entity_id, body.name, author=caller.name, reason=body.reason)


@router.post("/entities/{entity_id}/external-ids", summary="Record a verified identifier")
def external_id(db: StoreDep, entity_id: str, body: ExternalId, caller: CuratorDep) -> Decision:
    return curation.set_external_id(
        db, entity_id, str(body.scheme), body.value, author=caller.name, reason=body.reason
    )


@router.get("/history/{target}", summary="Every decision about a fact or an entity")
def history(db: StoreDep, target: str) -> list[Decision]:
    return curation.history(db, target)
