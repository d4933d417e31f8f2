"""Latency of the read API on a big store: entity page, search, depth-2 neighbourhood.

    python bench/synthetic_store.py /tmp/bench/graph.db          # once: 1,000,000 facts
    python bench/latency.py /tmp/bench/graph.db                  # prints a Markdown table
    python bench/latency.py postgresql+psycopg://root@127.0.0.1:5432/test?options=...

The server is the real one (`maillage serve`, uvicorn, one process) and the client makes
sequential HTTP requests on the loopback, so a request's time includes routing, the
queries and JSON serialization. Entities are drawn uniformly among those with at least one
fact (most have few); the hubs (the 20 most connected) are reported on their own rows.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx
from sqlalchemy import bindparam, text

from maillage.store import Store

FILTERS = {"status": "done", "min_confidence": 0.5, "since": "2010"}
AROUND = "neighbourhood depth 2 + filters"


@dataclass(slots=True)
class Result:
    name: str
    samples: list[float]

    def row(self) -> str:
        ordered = sorted(self.samples)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return (
            f"| {self.name} | {len(ordered)} | {statistics.median(ordered):.1f} | "
            f"{p95:.1f} | {ordered[-1]:.1f} |"
        )


def _sample(store: Store, count: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """Entities with facts (uniform), hubs, and search strings taken from real names."""
    rng = random.Random(seed)
    with store.engine.connect() as connection:
        hubs = list(
            connection.execute(
                text(
                    "SELECT subject_id FROM facts GROUP BY subject_id "
                    "ORDER BY count(*) DESC LIMIT 20"
                )
            ).scalars()
        )
        with_facts = sorted(
            connection.execute(text("SELECT DISTINCT subject_id FROM facts")).scalars()
        )
        picked = rng.sample(with_facts, count)
        rows = connection.execute(
            text("SELECT id, name, acronym, merged_into FROM entities WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": picked},
        ).all()
    names = {r.id: _query_for(r.name, r.acronym, rng) for r in rows}
    live = [r.id for r in rows if r.merged_into is None]
    return live, hubs, [names[i] for i in picked if i in names]


def _query_for(name: str, acronym: str | None, rng: random.Random) -> str:
    """What a user types: an acronym, the start of the name, or the start of a later word."""
    roll = rng.random()
    if acronym and roll < 0.3:
        return acronym
    words = name.split()
    if roll < 0.65 or len(words) < 2:
        return name[: rng.randint(3, 12)]
    return rng.choice(words[1:])[: rng.randint(3, 8)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "maillage", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def _time(client: httpx.Client, paths: Sequence[tuple[str, dict[str, object]]]) -> list[float]:
    samples = []
    for path, params in paths:
        started = time.perf_counter()
        response = client.get(path, params=params)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params}: {response.status_code} {response.text[:200]}")
    return samples


def run(db: str, count: int, seed: int) -> list[Result]:
    store = Store.open(db)
    entities, hubs, searches = _sample(store, count, seed)
    store.close()
    port = _free_port()
    server = _serve(db, port)
    page: Callable[[str], tuple[str, dict[str, object]]] = lambda e: (f"/api/entities/{e}", {})  # noqa: E731
    around = lambda e: (f"/api/entities/{e}/neighbourhood", {"depth": 2, **FILTERS})  # noqa: E731
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            _time(client, [page(e) for e in entities[:20]])  # warm the caches
            return [
                Result("entity page", _time(client, [page(e) for e in entities])),
                Result("search", _time(client, [("/api/search", {"q": q}) for q in searches])),
                Result(f"{AROUND}", _time(client, [around(e) for e in entities])),
                Result("entity page, 20 hubs", _time(client, [page(e) for e in hubs])),
                Result(f"{AROUND}, 20 hubs", _time(client, [around(e) for e in hubs])),
            ]
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite file or database URL of a generated store")
    parser.add_argument("--requests", type=int, default=300, help="requests per measure")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    results = run(args.db, args.requests, args.seed)
    print("| request | n | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for result in results:
        print(result.row())


if __name__ == "__main__":
    main()
