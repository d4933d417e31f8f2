"""API tokens: created once and shown once, stored as a SHA-256 hash, checked in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from .errors import NotFoundError, UsageError
from .store import Store
from .store.schema import api_tokens

PREFIX = "mlg_"


@dataclass(slots=True)
class TokenInfo:
    name: str
    read_only: bool
    created_at: datetime
    revoked_at: datetime | None


@dataclass(slots=True)
class Caller:
    """Who is calling the API with a valid token."""

    name: str
    read_only: bool


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(store: Store, name: str, read_only: bool = False) -> str:
    """Create a token called `name` and return its secret (the only time it is visible)."""
    name = name.strip()
    if not name or len(name) > 80:
        raise UsageError("a token name must have 1 to 80 characters.")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = {
        "name": name,
        "token_hash": _hash(secret),
        "read_only": read_only,
        "created_at": datetime.now(UTC),
    }
    try:
        with store.engine.begin() as connection:
            connection.execute(insert(api_tokens), [row])
    except IntegrityError as exc:
        raise UsageError(
            f"a token named '{name}' already exists.", "Revoke it first or choose another name."
        ) from exc
    return secret


def list_tokens(store: Store) -> list[TokenInfo]:
    columns = [api_tokens.c[n] for n in ("name", "read_only", "created_at", "revoked_at")]
    with store.engine.connect() as connection:
        rows = connection.execute(select(*columns).order_by(api_tokens.c.id))
        return [TokenInfo(*row) for row in rows]


def revoke(store: Store, name: str) -> None:
    with store.engine.begin() as connection:
        done = connection.execute(
            update(api_tokens)
            .where(api_tokens.c.name == name, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
    if not done.rowcount:
        raise NotFoundError(f"no active token named '{name}'.", "See `maillage token list`.")


def verify(store: Store, token: str) -> Caller | None:
    """The caller a token belongs to, or None. Every active hash is compared, in constant
    time, so timing tells nothing about which token or how much of it matched."""
    presented = _hash(token).encode()
    query = select(api_tokens.c.name, api_tokens.c.token_hash, api_tokens.c.read_only).where(
        api_tokens.c.revoked_at.is_(None)
    )
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    found = None
    for name, stored, read_only in rows:
        if hmac.compare_digest(presented, stored.encode()) and found is None:
            found = Caller(name, bool(read_only))
    return found
