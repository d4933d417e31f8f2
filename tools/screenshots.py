"""Take the README's pictures of every view of the web explorer, served over a store (the
demo corpus): home, network, entity, document, facts, entities, documents, review.

    python tools/screenshots.py --db demo.db [--out docs]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from maillage import query
from maillage.store import Store

CHROMIUM = "/usr/bin/chromium"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(base: str) -> None:
    for _ in range(200):
        try:
            httpx.get(base + "/api/stats", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _shoot(page: Page, url: str, ready: str, path: Path, then: str = "", settle: int = 300) -> None:
    page.goto(url)
    page.wait_for_selector(ready, timeout=120_000)
    if then:  # e.g. open an edge's evidence, as a click would
        page.evaluate(then)
        page.wait_for_selector("#edge-panel h3")
    page.wait_for_timeout(settle)
    page.screenshot(path=str(path), full_page=True)
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="demo.db")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    store = Store.open(args.db)
    entity = query.statistics(store, top=1).most_connected[0].entity.id
    document = query.entity_page(store, entity).documents[0].id
    store.close()
    args.out.mkdir(exist_ok=True)
    port = _port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "maillage", "serve", "--db", args.db, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(base)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            _shoot(page, base + "/", "text=Faits les plus récents", args.out / "home.png")
            _shoot(
                page,
                f"{base}/entity/{entity}?depth=2",
                "#graph[data-ready='true']",
                args.out / "entity.png",
                "window.maillage.cy.edges()[0].emit('tap')",
            )
            _shoot(page, f"{base}/document/{document}", ".doc-text", args.out / "document.png")
            _shoot(
                page,
                f"{base}/network",
                "#network[data-layout='done']",
                args.out / "network.png",
                settle=1000,
            )
            _shoot(page, f"{base}/facts", "#facts-table", args.out / "facts.png")
            _shoot(page, f"{base}/entities", "#entities-table", args.out / "entities.png")
            _shoot(page, f"{base}/documents", "#documents-table", args.out / "documents.png")
            _shoot(page, f"{base}/review", "#review-current", args.out / "review.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
