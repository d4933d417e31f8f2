"""The API's edge under abuse (issue 13): hostile Host headers, floods, NUL and overlong
inputs, locks, slow clients: each gets a 4xx or 503 with the JSON error shape, never a 500."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from maillage import tokens
from maillage.api.app import create_app
from maillage.settings import Settings
from maillage.store import Store
from tests import graphs
from tests.api.conftest import bearer


def app_client(store: Store, **settings: object) -> TestClient:
    options = {k: v for k, v in settings.items() if k != "allowed_hosts"}
    hosts = settings.get("allowed_hosts")
    app = create_app(Settings(db="unused.db", **options), store=store, allowed_hosts=hosts)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    "path",
    [
        "/api/entities/org%00ensmm",
        "/api/documents/d%00",
        "/api/facts/f-%00",
        "/api/search?q=ens%00mm",
        "/api/entities/org-ensmm/timeline?since=20%0021",
        "/entity/org%00x",
    ],
)
def test_security_a_nul_in_the_path_or_query_is_400(store, ids, path):
    with app_client(store) as client:
        answer = client.get(path)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "E216"


@pytest.mark.parametrize(
    "body",
    [
        b'{"name": "ENS\\u0000MM"}',
        b'{"name": "ENS\x00MM"}',
        b'{"name": "ok", "x": ["\\u0000"]}',
    ],
)
def test_security_a_nul_in_a_json_body_is_400_and_nothing_stored(store, ids, body):
    token = tokens.create(store, "curator")
    with app_client(store) as client:
        answer = client.post(
            "/api/entities/org-ensmm/aliases",
            content=body,
            headers={**bearer(token), "content-type": "application/json"},
        )
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "E216"
        assert client.get("/api/history/org-ensmm").json() == []


def test_security_an_escaped_backslash_before_u0000_is_not_a_nul(store, ids):
    token = tokens.create(store, "curator")
    with app_client(store) as client:
        answer = client.post(
            "/api/entities/org-ensmm/aliases",
            content=b'{"name": "ENSMM \\\\u0000"}',
            headers={**bearer(token), "content-type": "application/json"},
        )
    assert answer.status_code == 200


def test_security_an_overlong_url_is_414(store, ids):
    with app_client(store, max_url_bytes=2048) as client:
        long_query = client.get("/api/search", params={"q": "é" * 3000})
        long_path = client.get("/api/entities/" + "x" * 3000)
        normal = client.get("/api/search", params={"q": "ensmm"})
    assert long_query.status_code == long_path.status_code == 414
    assert long_query.json()["error"]["code"] == "E217"
    assert normal.status_code == 200


def test_security_a_deeply_nested_json_body_is_a_4xx(store, ids):
    token = tokens.create(store, "curator")
    body = b'{"name": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    with app_client(store, max_request_bytes=100_000) as client:
        answer = client.post(
            "/api/entities/org-ensmm/aliases",
            content=body,
            headers={**bearer(token), "content-type": "application/json"},
        )
    assert 400 <= answer.status_code < 500


def test_security_a_host_that_is_not_allowed_is_refused(store, ids):
    with app_client(store, allowed_hosts=["127.0.0.1", "localhost"]) as client:
        rebound = client.get("/api/stats", headers={"host": "attacker.example"})
        page = client.get("/", headers={"host": "attacker.example:8000"})
        local = client.get("/api/stats", headers={"host": "localhost:8000"})
        loopback = client.get("/api/stats", headers={"host": "127.0.0.1:8000"})
    assert rebound.status_code == page.status_code == 400
    assert rebound.json()["error"]["code"] == "E214"
    assert "--allowed-host" in rebound.json()["error"]["message"]
    assert local.status_code == loopback.status_code == 200


def test_security_an_ipv6_host_and_a_wildcard_are_understood(store, ids):
    with app_client(store, allowed_hosts=["::1"]) as client:
        assert client.get("/api/stats", headers={"host": "[::1]:8000"}).status_code == 200
        assert client.get("/api/stats", headers={"host": "[::2]:8000"}).status_code == 400
    with app_client(store, allowed_hosts=["*"]) as client:
        assert client.get("/api/stats", headers={"host": "anything.example"}).status_code == 200


def test_security_a_client_over_the_rate_limit_gets_429_with_retry_after(store, ids):
    with app_client(store, rate_limit=5) as client:
        answers = [client.get("/api/stats") for _ in range(7)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    assert answers[5].status_code == 429
    assert answers[5].json()["error"]["code"] == "E215"
    assert int(answers[5].headers["retry-after"]) >= 1


def test_security_head_on_pages_answers_like_get_without_a_body(store, ids):
    with app_client(store) as client:
        for path in ("/", "/search", "/entity/org-ensmm", "/document/d-x", "/stats"):
            head, get = client.head(path), client.get(path)
            assert head.status_code == get.status_code == 200, path
            assert head.content == b""
            assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_security_a_write_lock_is_503_with_retry_after_and_reads_go_on(tmp_path):
    path = tmp_path / "g.db"
    store = Store.open(str(path), busy_timeout_ms=200)
    graphs.build(store)
    token = tokens.create(store, "curator")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with app_client(store) as client:
            write = client.post(
                "/api/entities/org-ensmm/aliases", json={"name": "ENS"}, headers=bearer(token)
            )
            read = client.get("/api/entities/org-ensmm")
    finally:
        holder.rollback()
        holder.close()
    assert write.status_code == 503
    assert write.json()["error"]["code"] == "E101"
    assert int(write.headers["retry-after"]) >= 1
    assert read.status_code == 200


# -- the real server: slow clients and the default Host allow-list -------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(db: Path | str, *options: str, **env: str) -> Iterator[int]:
    port = _free_port()
    environment = {"PATH": "/usr/bin:/bin", **env}
    server = subprocess.Popen(
        [sys.executable, "-m", "maillage", "serve", "--db", str(db), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def graph_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("served") / "g.db"
    store = Store.open(str(path))
    graphs.build(store)
    store.close()
    return path


def _closed_within(connection: socket.socket, seconds: float) -> bytes | None:
    """What the server sent before closing, or None if it still holds the connection."""
    connection.settimeout(seconds)
    received = b""
    try:
        while chunk := connection.recv(4096):
            received += chunk
    except TimeoutError:
        return None
    return received


def test_serve_closes_a_client_that_never_finishes_its_headers(graph_db):
    with served(graph_db, MAILLAGE_HEADER_TIMEOUT_S="1") as port:
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line, ever
        answer = _closed_within(slow, 10)
        slow.close()
        assert answer is not None and b"408" in answer
        assert httpx.get(f"http://127.0.0.1:{port}/api/stats").status_code == 200


def test_serve_closes_a_client_that_never_finishes_its_body(graph_db):
    with served(graph_db, MAILLAGE_BODY_TIMEOUT_S="1") as port:
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(
            b"POST /api/facts/f-x/reject HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
        )
        answer = _closed_within(slow, 10)
        slow.close()
        assert answer is not None and b"408" in answer


def test_serve_refuses_other_hosts_by_default_and_accepts_allowed_ones(graph_db):
    with served(graph_db, "--allowed-host", "maillage.lan") as port:
        url = f"http://127.0.0.1:{port}/api/stats"
        assert httpx.get(url).status_code == 200
        assert httpx.get(url, headers={"host": f"localhost:{port}"}).status_code == 200
        assert httpx.get(url, headers={"host": "maillage.lan"}).status_code == 200
        assert httpx.get(url, headers={"host": "attacker.example"}).status_code == 400
