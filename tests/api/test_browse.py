"""The browse, review, network and export endpoints, and the date and prefix checks."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.conftest import bearer


def test_api_facts_table_and_csv_download_hold_the_same_facts(client, ids):
    params = [("predicate", "partner_of"), ("status", "done")]
    table = client.get("/api/facts", params=params).json()
    assert {r["id"] for r in table["rows"]} == {ids["agreement"], ids["hostile"]}
    assert {f["value"]: f["count"] for f in table["facets"]["predicate"]} == {"partner_of": 2}
    download = client.get("/api/export", params=[*params, ("format", "csv"), ("table", "facts")])
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="maillage-facts.csv"'
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert {r["id"] for r in rows} == {r["id"] for r in table["rows"]}


def test_api_export_json_graphml_and_excel_csv(client, ids):
    as_json = client.get("/api/export", params={"format": "json", "entity": "org-utbm"}).json()
    assert {f["id"] for f in as_json["facts"]} == {ids["agreement"], ids["member"]}
    graphml = client.get("/api/export", params={"format": "graphml", "entity_kind": "school"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert ids["planned"] in graphml.text and ids["agreement"] not in graphml.text
    excel = client.get("/api/export", params={"format": "csv", "table": "entities", "excel": True})
    assert excel.text.startswith("\ufeffid;type;kind;name")


def test_api_export_neutralises_formulas_in_csv(client, ids, store):
    from maillage import curation

    curation.rename(store, "org-ensam", '=HYPERLINK("http://evil.example","x")', author="t")
    rows = client.get("/api/export", params={"format": "csv", "table": "entities"}).text
    assert "'=HYPERLINK" in rows and ",=HYPERLINK" not in rows


def test_api_entities_documents_network_review_suggest(client, ids):
    entities = client.get(
        "/api/entities", params={"type": "organization", "sort": "-degree"}
    ).json()
    assert entities["rows"][0]["entity"]["id"] == "org-ensmm" and entities["total"] == 5
    documents = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert documents["total"] == 2 and len(documents["rows"]) == 1
    network = client.get("/api/network", params={"entity_kind": "school"}).json()
    assert {e["id"] for e in network["edges"]} == {ids["planned"], ids["hostile"]}
    communities = client.get("/api/network/communities").json()
    assert set(communities["membership"]) >= {"org-ensmm", "org-utbm"}
    review = client.get("/api/review", params={"limit": 2}).json()
    assert review["items"][0]["fact"]["id"] == ids["agreement"] and review["remaining"] == 5
    assert client.get("/api/suggest", params={"q": "ENSMN"}).json()[0]["id"] == "org-ensmm"


@pytest.mark.parametrize("value", ["2021-13-45", "2021-02-30", "2021-00", "2021-13"])
def test_api_impossible_dates_are_refused_like_on_the_command_line(client, ids, value):
    for path in ("/api/facts", "/api/network", "/api/entities/org-ensmm/neighbourhood"):
        response = client.get(path, params={"since": value})
        assert response.status_code == 422, path
        assert "query.since" in response.json()["error"]["message"]
    february = client.get("/api/facts", params={"until": "2021-02-30"}).json()["error"]
    assert "'2021-02-30' is not a date" in february["message"]
    assert client.get("/api/facts", params={"since": "2020-02-29"}).status_code == 200


def test_api_prefixes_are_not_like_patterns_and_ambiguity_is_409(client, ids, curator_token):
    first = ids["first"]
    assert client.get(f"/api/documents/{first[:6]}").status_code == 200
    assert client.get(f"/api/documents/{first[:4]}%25").status_code == 404
    assert client.get(f"/api/documents/{first[:3]}_").status_code == 404
    ambiguous = client.get("/api/documents/d-")
    assert ambiguous.status_code == 409 and ambiguous.json()["error"]["code"] == "E403"
    auth = bearer(curator_token)
    wildcard = client.post(f"/api/facts/{ids['role'][:6]}%25/accept", headers=auth)
    assert wildcard.status_code == 404
    assert client.post("/api/facts/f-/accept", headers=auth).status_code == 409
    assert client.post(f"/api/facts/{ids['role'][:8]}/accept", headers=auth).status_code == 200


def test_api_split_moves_mentions_to_a_new_entity(client, ids, curator_token):
    mentions = client.get("/api/entities/org-ensmm/mentions").json()["mentions"]
    second = next(m for m in mentions if m["document"]["id"] == ids["second"])
    response = client.post(
        "/api/entities/org-ensmm/split",
        json={"mentions": [second["id"]], "name": "ENSMM (homonyme)"},
        headers=bearer(curator_token),
    )
    assert response.status_code == 200 and response.json()["action"] == "split"
    new = response.json()["payload"]["new"]
    assert client.get(f"/api/entities/{new}").json()["entity"]["name"] == "ENSMM (homonyme)"
    remaining = client.get("/api/entities/org-ensmm/mentions").json()["mentions"]
    assert [m["id"] for m in remaining] == [m["id"] for m in mentions if m["id"] != second["id"]]


def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text
