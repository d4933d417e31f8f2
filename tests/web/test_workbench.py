"""The analyst's workbench in Chromium: the network view with filters and the time slider,
the facts table with a facet and a CSV download, the review queue by keyboard, entity
curation from the browser, French labels and English on request (issue 12)."""

from __future__ import annotations

import csv
import json
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from maillage.cli import app
from tests.web.conftest import use_token


def _json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def _open_network(page, server, search=""):
    page.goto(f"{server['base']}/network{search}")
    page.wait_for_selector("#network[data-ready='true']")


def _visible_edges(page):
    return page.evaluate(
        """() => {
            const {graph, renderer} = window.maillage.network;
            return graph.edges().filter(e => !renderer.getEdgeDisplayData(e).hidden).sort();
        }"""
    )


def test_web_network_draws_the_whole_graph_with_degrees_and_arrows(page, server):
    ids = server["ids"]
    _open_network(page, server)
    drawn = page.evaluate(
        """() => {
            const {graph} = window.maillage.network;
            return {order: graph.order, size: graph.size,
                    ensmm: graph.getNodeAttribute('org-ensmm', 'size'),
                    person: graph.getNodeAttribute('per-claire-martin', 'size'),
                    arrows: graph.edges().filter(e => graph.getEdgeAttribute(e, 'type') === 'arrow').sort(),
                    canvases: document.querySelectorAll('#network canvas').length};
        }"""
    )
    assert drawn["order"] == 6 and drawn["size"] == 5 and drawn["canvases"] >= 2
    assert drawn["ensmm"] > drawn["person"]  # size by degree
    assert drawn["arrows"] == sorted([ids["role"], ids["member"]])
    assert page.get_by_text("Tout voir").count() == 1  # French controls


def test_web_network_filters_and_time_slider(page, server):
    ids = server["ids"]
    _open_network(page, server, "?entity_kind=school")
    assert page.evaluate("window.maillage.network.graph.size") == 2  # planned + hostile
    _open_network(page, server)
    page.uncheck("#undated")
    page.eval_on_selector(
        "#year-slider", "s => { s.value = '2018'; s.dispatchEvent(new Event('input')); }"
    )
    assert page.text_content("#year-shown") == "2018"
    assert _visible_edges(page) == [ids["agreement"]]
    page.eval_on_selector(
        "#year-slider", "s => { s.value = '2019'; s.dispatchEvent(new Event('input')); }"
    )
    assert _visible_edges(page) == sorted([ids["agreement"], ids["member"]])
    page.check("#undated")
    page.eval_on_selector(
        "#year-slider", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }"
    )
    assert (
        len(_visible_edges(page)) == 5 and page.text_content("#year-shown") == "toutes les années"
    )


def test_web_network_hover_card_focus_and_communities(page, server):
    _open_network(page, server)
    page.evaluate("window.maillage.network.renderer.emit('enterNode', {node: 'org-ensmm'})")
    card = page.locator("#hover-card")
    card.wait_for(state="visible")
    assert "École nationale supérieure de mécanique" in card.text_content()
    assert "4 faits dans la vue" in card.text_content() and "Besançon" in card.text_content()
    assert "null" not in card.text_content()  # no community line before colouring by them
    page.evaluate("window.maillage.network.renderer.emit('leaveNode', {node: 'org-ensmm'})")
    page.fill("#focus", "Réseau Figure")
    page.dispatch_event("#focus", "change")
    assert page.evaluate("window.maillage.network.view.focus") == "org-reseau-figure"
    page.select_option("#colour-by", "community")
    page.wait_for_selector("#network[data-communities]")
    colours = page.evaluate(
        """() => {
            const {graph, renderer} = window.maillage.network;
            return new Set(graph.nodes().map(n => renderer.getNodeDisplayData(n).color)).size;
        }"""
    )
    assert colours >= 2


def test_web_network_layout_pauses_while_the_pointer_moves_on_the_graph(page, server):
    _open_network(page, server)
    page.wait_for_selector("#network[data-layout='done']")
    page.click("#layout")  # run it again, the pointer on the toolbar
    assert page.get_attribute("#network", "data-layout") == "running"
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#network[data-layout='paused']")
    assert page.text_content("#network-status") == "Disposition en pause pendant que vous explorez"
    page.mouse.move(1, 1)  # off the graph: the layout goes on to its end
    page.wait_for_selector("#network[data-layout='done']")
    assert page.text_content("#layout") == "Relancer la disposition"


def test_web_network_downloads_png_and_svg(page, server):
    _open_network(page, server)
    with page.expect_download() as svg_download:
        page.click("#download-svg")
    svg_text = Path(svg_download.value.path()).read_text(encoding="utf-8")
    assert svg_text.startswith("<?xml") and svg_text.count("<circle") == 6
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg_text  # a hostile name stays text
    with page.expect_download() as png_download:
        page.click("#download-png")
    assert Path(png_download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_web_facts_table_facet_and_csv_download_match_the_api(page, server):
    page.goto(server["base"] + "/facts")
    page.wait_for_selector("#facts-table")
    assert page.locator("#facts-table tbody tr").count() == 5
    page.click(".facet[data-facet='predicate'] a[data-value='partner_of']")
    page.wait_for_url("**/facts?predicate=partner_of")
    page.wait_for_selector("#facts-table")
    shown = {r.get_attribute("data-fact") for r in page.locator("#facts-table tbody tr").all()}
    api = _json(server["base"] + "/api/facts?predicate=partner_of")
    assert shown == {r["id"] for r in api["rows"]} and len(shown) == 3
    assert page.locator("#facts-table").get_by_text("partenaire de").count() == 3
    with page.expect_download() as download:
        page.click("a.download[data-format='csv']")
    with open(download.value.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["id"] for r in rows} == shown
    assert {r["predicate"] for r in rows} == {"partner_of"}


def test_web_entities_and_documents_tables(page, server):
    page.goto(server["base"] + "/entities?entity_kind=school")
    page.wait_for_selector("#entities-table")
    names = page.locator("#entities-table tbody tr").all_text_contents()
    assert len(names) == 3 and all("école" in row for row in names)
    page.goto(server["base"] + "/documents")
    page.wait_for_selector("#documents-table")
    assert page.locator("#documents-table tbody tr").count() == 2


def test_web_review_queue_by_keyboard_and_history(page, fresh_server):
    ids = fresh_server["ids"]
    page.goto(fresh_server["base"] + "/review")
    use_token(page, fresh_server)
    current = page.locator("#review-current")
    current.wait_for()
    assert current.get_attribute("data-fact") == ids["agreement"]  # the conflict comes first
    assert current.locator("mark.party-subject").first.text_content() == "ENSMM"
    assert current.locator("mark.party-object").first.text_content() == "UTBM"
    assert "0 fait décidé sur 5" in page.text_content("#review-progress")
    page.keyboard.press("a")
    page.wait_for_selector(f"#review-current[data-fact='{ids['planned']}']")
    assert "1 fait décidé sur 5" in page.text_content("#review-progress")
    page.keyboard.press("r")
    page.wait_for_selector(f"#review-current[data-fact='{ids['hostile']}']")
    page.keyboard.press("e")
    page.fill("#review-current .edit-form input[name='date']", "2019-02-01")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#review-current[data-fact='{ids['member']}']")
    assert "3 faits décidés sur 5" in page.text_content("#review-progress")
    runner = CliRunner()
    actions = {}
    for name in ("agreement", "planned", "hostile"):
        result = runner.invoke(app, ["history", ids[name], "--db", fresh_server["url"]])
        assert result.exit_code == 0, result.output
        actions[name] = result.output
    assert "accept" in actions["agreement"] and "curator" in actions["agreement"]
    assert "reject" in actions["planned"]
    assert "edit" in actions["hostile"] and "2019-02-01" in actions["hostile"]


def test_web_entity_alias_and_merge_from_the_browser(page, fresh_server):
    base = fresh_server["base"]
    page.goto(base + "/entity/org-ensam")
    use_token(page, fresh_server)
    alias = page.locator("#curate form").filter(has_text="Ajouter un autre nom")
    alias.locator("input[name='name']").fill("ENSAM Cluny")
    alias.locator("button").click()
    page.wait_for_selector("text=Modification enregistrée.")
    page.wait_for_selector("text=ENSAM Cluny")
    assert _json(base + "/api/search?q=cluny")[0]["entity"]["id"] == "org-ensam"
    page.goto(base + "/entity/org-ensmm")
    merge = page.locator("#curate form").filter(has_text="Fusionner")
    merge.locator("input[name='absorb']").fill("org-hostile")
    merge.locator("button").click()
    page.wait_for_selector("text=Modification enregistrée.")
    assert _json(base + "/api/entities/org-hostile")["entity"]["id"] == "org-ensmm"
    page.wait_for_selector("#history li")
    assert page.locator("#history").get_by_text("merge").count() == 1


def test_web_french_labels_and_english_on_request(page, server):
    page.goto(server["base"] + "/")
    page.wait_for_selector("text=Faits les plus récents")
    text = page.text_content("main")
    for french in (
        "Établissements les plus connectés",
        "Répartition des degrés",
        "2 documents",
        "partenaire de",
    ):
        assert french in text, french
    assert (
        "1 fait" in page.locator("ol").text_content()
        and "4 faits" in page.locator("ol").text_content()
    )
    assert "partner_of" not in text and "planned" not in text
    assert page.locator("#years-chart").count() == 1 and page.locator("#degrees-chart").count() == 1
    page.goto(server["base"] + "/entity/nobody-here")
    page.wait_for_selector("h1:has-text('Introuvable')")
    assert "maillage search" not in page.text_content("main") and "E201" not in page.text_content(
        "main"
    )
    page.click("#lang")
    page.wait_for_selector("h1:has-text('Not found')")
    page.goto(server["base"] + "/")
    page.wait_for_selector("text=Most connected institutions")
    page.click("#lang")  # back to French for the other tests of this browser
    page.wait_for_selector("text=Établissements les plus connectés")
