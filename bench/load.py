"""Load test: wrk (Debian's package) against `maillage serve` on 127.0.0.1, for a fixed
number of requests over the synthetic store, with several connections at once.

    python bench/synthetic_store.py /tmp/maillage-bench/graph.db     # once: 1,000,000 facts
    python bench/load.py /tmp/maillage-bench/graph.db                # prints a Markdown table
    python bench/load.py DB --requests 20000 --connections 32 --threads 2

The mix is what the explorer asks for: entity pages, searches, depth-2 neighbourhoods with
filters, documents and the home page statistics, for entities drawn uniformly among those
with facts (the same sampling as bench/latency.py). The server runs as `maillage serve`
does, rate limit off (MAILLAGE_RATE_LIMIT=0: one client address sends everything here).
wrk's own latency is measured from the request's write to the response's end, so it
includes queueing in the server when all connections are busy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import _free_port, _sample

from maillage.store import Store

# wrk calls request() for every request of a thread; each thread walks the paths from its
# own offset. wrk runs for a duration, so a thread that has had its share of answers says
# so in a file, and run() interrupts wrk (SIGINT), which then prints its figures through
# done() as one JSON line.
_SCRIPT = """
local paths = {%(paths)s}
local share = %(share)d
local marker = "%(marker)s"
local counter = 1
function setup(thread)
  thread:set("first", counter)
  counter = counter + 997
end
function init(args)
  position = tonumber(first) or 1
  answered = 0
end
function request()
  position = (position %% #paths) + 1
  return wrk.format("GET", paths[position])
end
function response(status, headers, body)
  answered = answered + 1
  if answered == share then
    local out = io.open(marker, "a")
    out:write("done\\n")
    out:close()
  end
end
function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.3f, "errors": %%d, "non2xx": %%d, "timeouts": %%d,' ..
    ' "p50": %%.2f, "p95": %%.2f, "p99": %%.2f, "max": %%.2f,' ..
    ' "connect": %%d, "read": %%d, "write": %%d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write))
end
"""


def paths(db: str, count: int, seed: int) -> list[str]:
    store = Store.open(db)
    live, _hubs, searches = _sample(store, count, seed)
    with store.engine.connect() as connection:
        documents = [
            row[0]
            for row in connection.exec_driver_sql("SELECT id FROM documents ORDER BY id LIMIT 200")
        ]
    store.close()
    mix = []
    for n, entity in enumerate(live):
        mix.append(f"/api/entities/{entity}")
        mix.append(f"/api/search?q={quote(searches[n % len(searches)])}")
        if n % 2 == 0:
            mix.append(f"/api/entities/{entity}/neighbourhood?depth=2&status=done&since=2010")
        if n % 5 == 0:
            mix.append(f"/api/documents/{documents[n % len(documents)]}")
        if n % 20 == 0:
            mix.append("/api/stats")
    return mix


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MAILLAGE_RATE_LIMIT": "0"}
    command = [sys.executable, "-m", "maillage", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["wrk", "-t1", "-c1", "-d1s", f"http://127.0.0.1:{port}/api/stats"],
            capture_output=True,
            text=True,
        )
        if "Requests/sec" in probe.stdout and "Socket errors" not in probe.stdout:
            return server
        time.sleep(1)
    server.kill()
    raise SystemExit("the server did not start")


def run(db: str, requests: int, connections: int, threads: int, seed: int) -> dict[str, float]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench-load does it)")
    mix = paths(db, 300, seed)
    port = _free_port()
    server = serve(db, port)
    folder = Path(tempfile.mkdtemp(prefix="maillage-load-"))
    marker = folder / "done"
    script = folder / "mix.lua"
    share = requests // threads
    script.write_text(
        _SCRIPT % {"paths": ", ".join(json.dumps(p) for p in mix), "share": share, "marker": marker}
    )
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        "-d3600s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    try:
        load = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        while load.poll() is None and _finished(marker) < threads:
            time.sleep(0.05)
        load.send_signal(signal.SIGINT)
        out, _ = load.communicate(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = json.loads(out.strip().splitlines()[-1])
    figures["throughput"] = figures["requests"] / figures["seconds"]
    return figures


def _finished(marker: Path) -> int:
    return len(marker.read_text().split()) if marker.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    f = run(args.db, args.requests, args.connections, args.threads, args.seed)
    columns = "requests connections seconds requests/s p50_ms p95_ms p99_ms max_ms errors non-2xx"
    print("| " + " | ".join(c.replace("_", " ") for c in columns.split()) + " |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {f['requests']:,} | {args.connections} | {f['seconds']:.1f} | {f['throughput']:.0f} | "
        f"{f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | {f['max']:.1f} | "
        f"{f['errors'] + f['timeouts']} | {f['non2xx']} |"
    )
    print(
        f"socket errors: connect {f['connect']}, read {f['read']}, write {f['write']}; "
        f"timeouts {f['timeouts']}"
    )


if __name__ == "__main__":
    main()
