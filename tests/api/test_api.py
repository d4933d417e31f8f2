"""The REST API on SQLite and PostgreSQL: read models, errors, limits, tokens, CSRF."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from maillage import tokens
from maillage.api.app import create_app
from maillage.store.schema import api_tokens
from tests.api.conftest import bearer


def test_api_search_and_entity_page(client, ids):
    hits = client.get("/api/search", params={"q": "ensmm"}).json()
    assert hits[0]["entity"]["id"] == "org-ensmm" and hits[0]["match"] == "exact"
    page = client.get("/api/entities/org-ensmm").json()
    assert page["entity"]["acronym"] == "ENSMM"
    partners = next(g for g in page["groups"] if g["predicate"] == "partner_of")
    agreement = next(f for f in partners["facts"] if f["id"] == ids["agreement"])
    assert agreement["conflict"] is True
    assert {a["values"]["date"] for a in agreement["alternatives"]} == {"2018-07-10", "2017"}
    assert agreement["evidence"][0]["document"]["id"] == ids["first"]


def test_api_merged_entity_answers_with_the_kept_one(client, ids):
    page = client.get("/api/entities/org-utbm-old").json()
    assert page["entity"]["id"] == "org-utbm" and page["redirected_from"] == "org-utbm-old"


def test_api_neighbourhood_filters(client, ids):
    url = "/api/entities/org-ensmm/neighbourhood"
    everything = client.get(url, params={"depth": 2}).json()
    assert "org-reseau-figure" in {n["id"] for n in everything["nodes"]}
    planned = client.get(url, params={"status": "planned"}).json()
    assert [e["id"] for e in planned["edges"]] == [ids["planned"]]
    two = client.get(url, params=[("predicate", "holds_role"), ("predicate", "partner_of")])
    assert {e["predicate"] for e in two.json()["edges"]} == {"holds_role", "partner_of"}
    dated = client.get(url, params={"since": "2019", "min_confidence": 0.5}).json()
    assert [e["id"] for e in dated["edges"]] == [ids["planned"]]


def test_api_timeline_fact_documents_stats(client, ids):
    timeline = client.get("/api/entities/org-ensmm/timeline").json()
    assert [e["date_precision"] for e in timeline["events"]] == ["day", "year"]
    fact = client.get(f"/api/facts/{ids['agreement']}").json()
    assert fact["evidence_count"] == 2 and len(fact["evidence"]) == 2
    listing = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert len(listing["rows"]) == 1 and listing["total"] == 2
    view = client.get(f"/api/documents/{ids['first']}").json()
    assert any(s["entity"] == "per-claire-martin" for s in view["segments"])
    stats = client.get("/api/stats").json()
    assert stats["most_connected"][0]["entity"]["id"] == "org-ensmm"


def test_api_pages_are_capped(client, ids):
    too_many = client.get("/api/search", params={"q": "e", "limit": 101})
    assert too_many.status_code == 422
    assert too_many.json()["error"]["code"] == "E202"
    assert client.get("/api/documents", params={"limit": 100}).status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/entities/nobody", 404, "E201"),
        ("/api/entities/%20et%20", 409, "E403"),
        ("/api/facts/f-nope", 404, "E201"),
        ("/api/documents/d-nope", 404, "E201"),
        ("/api/entities/org-ensmm/neighbourhood?depth=4", 422, "E202"),
        ("/api/entities/org-ensmm/neighbourhood?since=yesterday", 422, "E202"),
        ("/api/entities/org-ensmm/facts?predicate=likes", 422, "E202"),
        ("/api/nothing-here", 404, "E201"),
    ],
)
def test_api_errors_have_one_json_shape(client, ids, path, status, code):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) == {"code", "message"}


def test_api_security_headers_on_api_and_pages(client, ids):
    for path in ("/api/stats", "/", "/entity/org-ensmm", "/static/app.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_api_body_over_the_cap_gets_413(client, ids, curator_token):
    big = b'{"reason": "' + b"x" * 5000 + b'"}'
    declared = client.post(
        f"/api/facts/{ids['role']}/accept",
        content=big,
        headers={**bearer(curator_token), "content-type": "application/json"},
    )
    assert declared.status_code == 413 and declared.json()["error"]["code"] == "E213"

    def chunks():
        yield big[:3000]
        yield big[3000:]

    streamed = client.post(
        f"/api/facts/{ids['role']}/accept",
        content=chunks(),
        headers={**bearer(curator_token), "content-type": "application/json"},
    )
    assert streamed.status_code == 413


def test_api_curation_needs_a_valid_token(client, ids, store, curator_token, reader_token):
    url = f"/api/facts/{ids['role']}/reject"
    missing = client.post(url)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert client.post(url, headers=bearer("mlg_wrong")).status_code == 401
    assert client.post(url, headers={"Authorization": curator_token}).status_code == 401
    read_only = client.post(url, headers=bearer(reader_token))
    assert read_only.status_code == 403 and read_only.json()["error"]["code"] == "E224"
    tokens.revoke(store, "curator")
    assert client.post(url, headers=bearer(curator_token)).status_code == 401


def test_api_tokens_are_stored_as_hashes_only(store, curator_token):
    with store.engine.connect() as connection:
        row = connection.execute(select(api_tokens)).one()
    assert row.token_hash == hashlib.sha256(curator_token.encode()).hexdigest()
    assert curator_token not in str(tuple(row))
    assert tokens.verify(store, curator_token).name == "curator"
    assert tokens.verify(store, curator_token + "x") is None


def test_api_reject_hides_the_fact_and_records_the_decision(client, ids, curator_token):
    assert client.get("/api/stats").json()["newest"][0]["id"] == ids["planned"]
    response = client.post(
        f"/api/facts/{ids['planned']}/reject",
        json={"reason": "not a real project"},
        headers=bearer(curator_token),
    )
    assert response.status_code == 200
    decision = response.json()
    assert decision["action"] == "reject" and decision["author"] == "curator"
    around = client.get("/api/entities/org-ensmm/neighbourhood").json()
    assert ids["planned"] not in {e["id"] for e in around["edges"]}
    assert client.get("/api/stats").json()["newest"][0]["id"] != ids["planned"]
    history = client.get(f"/api/history/{ids['planned']}").json()
    assert [d["reason"] for d in history] == ["not a real project"]


def test_api_accept_edit_add_alias_merge(client, ids, curator_token):
    auth = bearer(curator_token)
    accepted = client.post(f"/api/facts/{ids['role']}/accept", headers=auth)
    assert accepted.status_code == 200
    curated = client.get(
        "/api/entities/org-ensmm/neighbourhood", params={"curated_only": True}
    ).json()
    assert [e["id"] for e in curated["edges"]] == [ids["role"]]
    edited = client.post(
        f"/api/facts/{ids['planned']}/edit",
        json={"changes": {"status": "done", "date": "2021"}},
        headers=auth,
    )
    assert edited.status_code == 200
    added = client.post(
        "/api/facts",
        json={
            "predicate": "member_of",
            "subject": "org-ensam",
            "object": "org-reseau-figure",
            "source_url": "https://example.org/figure",
        },
        headers=auth,
    )
    assert added.status_code == 201
    alias = client.post("/api/entities/org-ensam/aliases", json={"name": "ENSAM"}, headers=auth)
    assert alias.status_code == 200
    assert client.get("/api/search", params={"q": "ensam"}).json()[0]["entity"]["id"] == "org-ensam"
    merged = client.post(
        "/api/entities/org-ensmm/merge", json={"absorb": "org-hostile"}, headers=auth
    )
    assert merged.status_code == 200
    assert client.get("/api/entities/org-hostile").json()["entity"]["id"] == "org-ensmm"


def test_api_curation_errors_are_json(client, ids, curator_token):
    auth = bearer(curator_token)
    unknown = client.post("/api/facts/f-nope/accept", headers=auth)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"].startswith("E4")
    extra = client.post(f"/api/facts/{ids['role']}/edit", json={"changes": {"x": 1}}, headers=auth)
    assert extra.status_code == 422


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_api_cross_site_writes_are_refused(client, ids, curator_token, headers):
    response = client.post(
        f"/api/facts/{ids['role']}/accept", headers={**bearer(curator_token), **headers}
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "E221"


def test_api_same_origin_browser_writes_pass(client, ids, curator_token):
    headers = {
        **bearer(curator_token),
        "Origin": "http://testserver",
        "Sec-Fetch-Site": "same-origin",
    }
    assert client.post(f"/api/facts/{ids['role']}/accept", headers=headers).status_code == 200


def test_api_read_only_server_refuses_writes(store, ids, settings_for, curator_token):
    with TestClient(create_app(settings_for, read_only=True, store=store)) as client:
        response = client.post(f"/api/facts/{ids['role']}/accept", headers=bearer(curator_token))
        assert response.status_code == 403 and response.json()["error"]["code"] == "E222"
        assert client.get("/api/me", headers=bearer(curator_token)).json()["read_only"] is True


def test_api_openapi_spec_is_served(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/entities/{entity_id}/neighbourhood" in spec["paths"]
    assert "/api/facts/{fact_id}/reject" in spec["paths"]
