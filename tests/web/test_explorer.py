"""The web explorer in Debian's Chromium (driven by Playwright): search, entity page, graph,
evidence of an edge, curation with a token, and hostile data rendered inertly."""

from __future__ import annotations

from tests import graphs
from tests.web.conftest import use_token


def _open_entity(page, server, entity_id):
    page.goto(f"{server['base']}/entity/{entity_id}")
    page.wait_for_selector("#graph[data-ready='true']")


def test_web_search_suggests_and_opens_an_entity(page, server):
    page.goto(server["base"] + "/")
    page.wait_for_selector("text=Établissements les plus connectés")
    page.fill("#q", "ensm")
    suggestion = page.wait_for_selector("#suggestions a[data-id='org-ensmm']")
    suggestion.click()
    page.wait_for_selector("h1:has-text('École nationale supérieure de mécanique')")
    assert page.url.endswith("/entity/org-ensmm")
    assert page.locator("#facts").get_by_text("« L'ENSMM et l'UTBM ont signé").count() == 1
    dated = page.locator("#timeline").get_by_text("2018-07-10 (jour)")
    dated.wait_for()  # the timeline is fetched after the page is drawn
    assert dated.count() == 1


def test_web_search_page_lists_matches(page, server):
    page.goto(server["base"] + "/search?q=arts+et+metiers")
    page.wait_for_selector(".results a[href$='/entity/org-ensam']")


def test_web_graph_is_drawn_with_its_nodes(page, server):
    _open_entity(page, server, "org-ensmm")
    drawn = page.evaluate(
        """() => {
            const cy = window.maillage.cy;
            const box = document.getElementById('graph').getBoundingClientRect();
            const inside = cy.nodes().every(n => {
                const p = n.renderedPosition();
                return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
            });
            const canvases = Array.from(document.querySelectorAll('#graph canvas'));
            const painted = canvases.some(c => {
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
                return false;
            });
            return {nodes: cy.nodes().map(n => n.id()).sort(), edges: cy.edges().length,
                    inside, painted, dashed: cy.edges('[status = "planned"]')
                      .map(e => e.style('line-style'))};
        }"""
    )
    assert drawn["nodes"] == sorted(
        ["org-ensmm", "org-utbm", "org-ensam", "per-claire-martin", "org-hostile"]
    )
    assert drawn["edges"] == 4 and drawn["inside"] and drawn["painted"]
    assert drawn["dashed"] == ["dashed"]


def test_web_click_an_edge_to_read_its_evidence(page, server):
    _open_entity(page, server, "org-ensmm")
    agreement = server["ids"]["agreement"]
    # The point of the edge farthest from every node, so the click cannot land on one.
    point = page.evaluate(
        f"""() => {{
            const cy = window.maillage.cy;
            const edge = cy.getElementById('{agreement}');
            const box = document.getElementById('graph').getBoundingClientRect();
            const a = edge.source().renderedPosition(), b = edge.target().renderedPosition();
            let best = null, room = -1;
            for (let t = 0.2; t <= 0.8; t += 0.05) {{
                const p = {{x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t}};
                const gap = Math.min(...cy.nodes().map(n => {{
                    const q = n.renderedPosition();
                    return Math.hypot(q.x - p.x, q.y - p.y);
                }}));
                if (gap > room) {{ room = gap; best = p; }}
            }}
            return {{x: box.left + best.x, y: box.top + best.y}};
        }}"""
    )
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#edge-panel")
    panel.get_by_text("10 juillet 2018").wait_for()
    assert panel.get_by_text("Conflit entre sources").count() == 1
    assert panel.get_by_text("rappelle le Réseau Figure").count() == 1


def test_web_click_a_node_opens_its_page(page, server):
    _open_entity(page, server, "org-ensmm")
    point = page.evaluate(
        """() => {
            const node = window.maillage.cy.getElementById('org-utbm');
            const box = document.getElementById('graph').getBoundingClientRect();
            const p = node.renderedPosition();
            return {x: box.left + p.x, y: box.top + p.y};
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/entity/org-utbm")
    page.wait_for_selector("h1:has-text('Université de technologie de Belfort')")


def test_web_reject_a_fact_with_a_token(page, server):
    planned = server["ids"]["planned"]
    _open_entity(page, server, "org-ensmm")
    assert page.locator(".actions").count() == 0  # no token, no curation buttons
    use_token(page, server)
    page.wait_for_selector("#graph[data-ready='true']")
    block = page.locator(f"#facts [data-fact='{planned}']")
    block.locator("button.reject").click()
    block.wait_for(state="detached")
    assert page.evaluate(f"window.maillage.cy.getElementById('{planned}').length") == 0
    page.reload()
    page.wait_for_selector("#graph[data-ready='true']")
    assert page.locator(f"[data-fact='{planned}']").count() == 0


def test_web_hostile_name_and_url_render_inertly(page, server):
    _open_entity(page, server, "org-hostile")
    heading = page.locator("h1").first
    assert heading.text_content() == graphs.HOSTILE_NAME
    assert page.locator("main img").count() == 0
    page.goto(f"{server['base']}/document/{server['ids']['second']}")
    page.wait_for_selector("text=Faits appuyés par ce document")
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.get_by_text(graphs.HOSTILE_URL).count() == 1
    assert page.locator("main img").count() == 0
    assert page.locator(".doc-text").get_by_text(graphs.HOSTILE_NAME).count() == 1


def test_web_document_page_highlights_mentions_and_evidence(page, server):
    page.goto(f"{server['base']}/document/{server['ids']['first']}")
    mention = page.locator(".doc-text a.mention", has_text="Claire Martin")
    assert mention.get_attribute("href").endswith("/entity/per-claire-martin")
    assert page.locator(".doc-text mark").count() >= 3
    assert page.locator("a[href='https://actu.example.org/ensmm-utbm']").count() == 1


def test_web_home_shows_statistics(page, server):
    page.goto(server["base"] + "/")
    page.wait_for_selector("text=Faits les plus récents")
    assert page.locator("ol a[href$='/entity/org-ensmm']").count() == 1
