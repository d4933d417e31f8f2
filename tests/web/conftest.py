"""The web explorer served over the test graph, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from maillage import tokens
from maillage.api.app import STATIC, create_app
from maillage.settings import Settings
from maillage.store import Store
from tests import graphs

CHROMIUM = Path("/usr/bin/chromium")
VENDOR = STATIC / "vendor"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent != here:
            continue
        if not CHROMIUM.exists():
            item.add_marker(pytest.mark.skip(reason="Chromium missing: run `make browser`"))
        elif not (VENDOR / "graph.js").exists() or not (VENDOR / "cytoscape.min.js").exists():
            item.add_marker(pytest.mark.skip(reason="web libraries missing: run `make web`"))


playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(folder: Path) -> Iterator[dict[str, Any]]:
    """The app over a fresh test graph, served by uvicorn on a free local port."""
    url = f"sqlite:///{folder / 'graph.db'}"
    store = Store.open(url)
    ids = graphs.build(store)
    token = tokens.create(store, "curator")
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db=url), store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "ids": ids, "token": token, "url": url}
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("web"))


@pytest.fixture
def fresh_server(tmp_path):
    """A server of its own, for tests that change the graph."""
    yield from serve(tmp_path)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    opened.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "{ (window.__violations = window.__violations || []).push(e.violatedDirective); });"
    )
    opened.problems = problems
    yield opened
    violations = opened.evaluate("window.__violations || []")
    context.close()
    assert problems == [] and violations == []


def use_token(page, server) -> None:
    page.fill("#token", server["token"])
    page.click("#token-form button")
    page.wait_for_selector("#token-status:has-text('curateur : curator')")
