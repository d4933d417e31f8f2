"""An API client over the small test graph, on SQLite and PostgreSQL, and tokens."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from maillage import tokens
from maillage.api.app import create_app
from maillage.settings import Settings
from tests import graphs


@pytest.fixture
def ids(store):
    return graphs.build(store)


@pytest.fixture
def settings_for(db_url):
    return Settings(db=db_url, max_request_bytes=4096)


@pytest.fixture
def client(store, ids, settings_for):
    with TestClient(create_app(settings_for, store=store)) as client:
        yield client


@pytest.fixture
def curator_token(store):
    return tokens.create(store, "curator")


@pytest.fixture
def reader_token(store):
    return tokens.create(store, "reader", read_only=True)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
