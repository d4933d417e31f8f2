// maillage web explorer: renders the JSON API. Every piece of data (names, sentences, URLs)
// is untrusted: it goes into the page as text nodes, links only when http(s).
"use strict";

(function () {
  const TOKEN_KEY = "maillage-token";
  const main = document.getElementById("main");
  const state = { me: null, cy: null };
  window.maillage = state; // read by the browser tests

  // -- DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "href") setHref(node, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function safeUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value, window.location.origin);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_error) {
      return null;
    }
  }

  function setHref(node, value) {
    const url = safeUrl(value);
    if (url) node.setAttribute("href", url);
  }

  function externalLink(url, label) {
    const safe = safeUrl(url);
    if (!safe || new URL(safe).origin === window.location.origin) {
      return el("span", { class: "muted" }, label || url || "");
    }
    return el("a", { href: safe, rel: "noopener noreferrer nofollow", target: "_blank" }, label || safe);
  }

  const entityHref = (id) => "/entity/" + encodeURIComponent(id);
  const documentHref = (id) => "/document/" + encodeURIComponent(id);

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function show(...children) {
    clear(main);
    main.append(...children.filter(Boolean));
  }

  function notice(text, isError) {
    const box = el("div", { class: "notice" + (isError ? " error" : ""), role: "status" }, text);
    main.prepend(box);
    setTimeout(() => box.remove(), 6000);
  }

  // -- API --------------------------------------------------------------------------------
  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY) || "";
  }

  async function api(path, options) {
    const headers = { Accept: "application/json" };
    const init = Object.assign({ headers, credentials: "same-origin" }, options || {});
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    if (token() && init.method && init.method !== "GET") headers.Authorization = "Bearer " + token();
    if (token() && path === "/api/me") headers.Authorization = "Bearer " + token();
    const response = await fetch(path, init);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((body && body.error && body.error.message) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
      else if (value !== null && value !== undefined && value !== "") search.append(key, value);
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  // -- token ------------------------------------------------------------------------------
  async function checkToken() {
    const status = document.getElementById("token-status");
    state.me = null;
    if (!token()) {
      status.textContent = "lecture seule";
      return;
    }
    try {
      state.me = await api("/api/me");
      status.textContent = state.me.read_only ? state.me.name + " (lecture seule)" : "curateur : " + state.me.name;
    } catch (error) {
      status.textContent = "jeton refusé";
    }
  }

  function setupToken() {
    const form = document.getElementById("token-form");
    const input = document.getElementById("token");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (input.value) window.sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      else window.sessionStorage.removeItem(TOKEN_KEY);
      input.value = "";
      await checkToken();
      route();
    });
  }

  const canCurate = () => Boolean(state.me && !state.me.read_only);

  // -- search with suggestions ------------------------------------------------------------
  function setupSearch() {
    const input = document.getElementById("q");
    const list = document.getElementById("suggestions");
    let timer = null;
    let active = -1;
    const params = new URLSearchParams(window.location.search);
    if (window.location.pathname === "/search") input.value = params.get("q") || "";

    function close() {
      list.hidden = true;
      clear(list);
      active = -1;
    }

    async function suggest() {
      const text = input.value.trim();
      if (!text) return close();
      let hits = [];
      try {
        hits = await api("/api/search" + query({ q: text, limit: 8 }));
      } catch (_error) {
        return close();
      }
      clear(list);
      for (const hit of hits) {
        const label = [hit.entity.name, hit.entity.acronym ? " (" + hit.entity.acronym + ")" : ""].join("");
        list.append(el("li", { role: "option" },
          el("a", { href: entityHref(hit.entity.id), "data-id": hit.entity.id },
            el("strong", {}, label), " ", el("span", { class: "muted" }, kindLabel(hit.entity)))));
      }
      list.hidden = hits.length === 0;
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
    input.addEventListener("keydown", (event) => {
      const items = Array.from(list.querySelectorAll("li"));
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!items.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach((item, i) => item.classList.toggle("active", i === active));
      } else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.assign(items[active].querySelector("a").getAttribute("href"));
      } else if (event.key === "Escape") {
        close();
      }
    });
    document.addEventListener("click", (event) => {
      if (!list.contains(event.target) && event.target !== input) close();
    });
  }

  // -- small renderings -------------------------------------------------------------------
  function kindLabel(entity) {
    return [entity.type, entity.kind].filter(Boolean).join(" · ");
  }

  function entityLink(entity) {
    if (!entity) return "";
    return el("a", { href: entityHref(entity.id) }, entity.name);
  }

  function dateLabel(date, precision) {
    if (!date) return "date inconnue";
    return precision ? date + " (" + precision + ")" : date;
  }

  function statusTag(status) {
    return el("span", { class: "tag status-" + status }, status === "planned" ? "prévu" : "réalisé");
  }

  function sourceLine(proof) {
    const doc = proof.document;
    return el("div", { class: "source" }, "— ",
      el("a", { href: documentHref(doc.id) }, doc.title || doc.source || doc.id),
      doc.published ? ", " + doc.published : "",
      doc.url ? [" · ", externalLink(doc.url, "article d'origine")] : "");
  }

  function alternativesBlock(fact) {
    if (!fact.conflict) return null;
    return el("div", { class: "alternatives" },
      el("strong", {}, "Conflit entre sources :"),
      el("ul", {}, fact.alternatives.map((alt) => el("li", {},
        Object.entries(alt.values).filter(([k]) => k !== "chosen")
          .map(([k, v]) => k + " = " + (v === null ? "?" : v)).join(", "),
        alt.values.chosen ? " (retenu)" : "",
        " — ",
        alt.documents.length
          ? alt.documents.map((d, i) => [i ? "; " : "", el("a", { href: documentHref(d.id) }, d.title || d.id)])
          : "sans source"))));
  }

  function factBlock(fact, focus) {
    const incoming = Boolean(focus) && fact.subject.id !== focus;
    const symmetric = fact.predicate === "partner_of";
    const value = fact.value !== null ? String(fact.value) : "";
    const sentence = incoming && !symmetric
      ? [entityLink(fact.subject), " ", el("span", {}, fact.label)]
      : [focus ? null : [entityLink(fact.subject), " "], el("span", {}, fact.label), " ",
        incoming ? entityLink(fact.subject) : (fact.object ? entityLink(fact.object) : value)];
    const head = el("div", { class: "fact-head" },
      sentence,
      fact.qualifiers && fact.qualifiers.role ? el("em", {}, " — " + fact.qualifiers.role) : "",
      el("span", { class: "tag" }, dateLabel(fact.date, fact.date_precision)),
      statusTag(fact.status),
      fact.kind ? el("span", { class: "tag" }, fact.kind) : "",
      el("span", { class: "tag", title: "confiance" }, fact.confidence.toFixed(2)),
      fact.curation ? el("span", { class: "tag" }, fact.curation) : "",
      fact.conflict ? el("span", { class: "tag conflict" }, "conflit") : "",
      curationButtons(fact));
    const proofs = fact.evidence.map((proof) => [el("blockquote", { class: "quote" }, "« " + proof.text + " »"), sourceLine(proof)]);
    const more = fact.evidence_count > fact.evidence.length
      ? el("div", { class: "source" }, "… et " + (fact.evidence_count - fact.evidence.length) + " autre(s) source(s)")
      : null;
    return el("div", { class: "fact", "data-fact": fact.id }, head, alternativesBlock(fact), proofs, more);
  }

  // -- curation ---------------------------------------------------------------------------
  function curationButtons(fact) {
    if (!canCurate()) return null;
    return el("span", { class: "actions" },
      el("button", { type: "button", class: "accept", onclick: () => decide(fact, "accept") }, "Valider"),
      el("button", { type: "button", class: "reject", onclick: () => decide(fact, "reject") }, "Rejeter"),
      el("button", { type: "button", class: "edit", onclick: (event) => editForm(fact, event.target) }, "Modifier"));
  }

  async function decide(fact, action) {
    try {
      await api("/api/facts/" + encodeURIComponent(fact.id) + "/" + action, { method: "POST", body: JSON.stringify({}) });
    } catch (error) {
      notice("Échec : " + error.message, true);
      return;
    }
    if (action === "reject") {
      document.querySelectorAll('[data-fact="' + CSS.escape(fact.id) + '"]').forEach((node) => node.remove());
      if (state.cy) state.cy.remove(state.cy.getElementById(fact.id));
      notice("Fait rejeté.");
    } else {
      notice("Fait validé.");
      route();
    }
  }

  function editForm(fact, button) {
    const host = button.closest(".fact");
    if (host.querySelector(".edit-form")) return;
    const date = el("input", { name: "date", value: fact.date || "", placeholder: "AAAA[-MM[-JJ]]", size: 11 });
    const status = el("select", { name: "status" },
      ["done", "planned"].map((s) => el("option", { value: s, selected: s === fact.status }, s)));
    const kind = el("input", { name: "kind", value: fact.kind || "", placeholder: "kind", size: 14 });
    const form = el("form", { class: "edit-form" }, "date ", date, " statut ", status, " type ", kind,
      el("button", { type: "submit" }, "Enregistrer"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = {};
      if (date.value !== (fact.date || "")) changes.date = date.value;
      if (status.value !== fact.status) changes.status = status.value;
      if (kind.value !== (fact.kind || "")) changes.kind = kind.value;
      try {
        await api("/api/facts/" + encodeURIComponent(fact.id) + "/edit", { method: "POST", body: JSON.stringify({ changes }) });
        notice("Fait modifié.");
        route();
      } catch (error) {
        notice("Échec : " + error.message, true);
      }
    });
    host.append(form);
  }

  // -- home: statistics -------------------------------------------------------------------
  async function homePage() {
    const stats = await api("/api/stats");
    const counts = el("p", {}, Object.entries(stats.counts).map(([k, v]) => el("span", { class: "tag" }, v + " " + k)));
    const top = el("ol", {}, stats.most_connected.map((c) => el("li", {}, entityLink(c.entity), " — " + c.facts + " faits")));
    const years = el("table", { class: "simple" },
      el("tr", {}, el("th", {}, "année"), el("th", {}, "type"), el("th", {}, "événements")),
      stats.events_by_year.map((row) => el("tr", {}, el("td", {}, row.year), el("td", {}, row.kind || "—"), el("td", {}, row.count))));
    const newest = stats.newest.map((fact) => factBlock(fact, null));
    show(
      el("section", { class: "card" }, el("h1", {}, "Le graphe"), counts,
        el("p", { class: "muted" }, "Cherchez un établissement, un acronyme ou une personne dans la barre ci-dessus.")),
      el("div", { class: "grid2" },
        el("section", { class: "card" }, el("h2", {}, "Établissements les plus connectés"), top),
        el("section", { class: "card" }, el("h2", {}, "Événements par année et type"), years)),
      el("section", { class: "card" }, el("h2", {}, "Faits les plus récents"), newest));
  }

  async function searchPage() {
    const text = new URLSearchParams(window.location.search).get("q") || "";
    const hits = text ? await api("/api/search" + query({ q: text, limit: 50 })) : [];
    show(el("section", { class: "card" }, el("h1", {}, "Résultats pour « " + text + " »"),
      hits.length ? el("ul", { class: "results" }, hits.map((hit) => el("li", {},
        entityLink(hit.entity), " ", el("span", { class: "muted" }, kindLabel(hit.entity)),
        " — " + hit.facts + " faits", hit.matched !== hit.entity.name ? el("span", { class: "muted" }, " (par « " + hit.matched + " »)") : "")))
        : el("p", { class: "muted" }, "Aucune entité ne correspond.")));
  }

  // -- entity page ------------------------------------------------------------------------
  async function entityPage(id) {
    const page = await api("/api/entities/" + encodeURIComponent(id));
    const entity = page.entity;
    if (page.redirected_from && entity.id !== id) {
      window.history.replaceState(null, "", entityHref(entity.id));
    }
    document.title = entity.name + " — maillage";
    const identity = el("section", { class: "card" },
      el("h1", {}, entity.name, entity.acronym ? " (" + entity.acronym + ")" : ""),
      el("p", {}, el("span", { class: "tag" }, kindLabel(entity)), page.city ? el("span", { class: "tag" }, page.city) : "",
        el("span", { class: "tag muted" }, entity.id)),
      page.redirected_from ? el("p", { class: "muted" }, "« " + page.redirected_from + " » a été fusionné dans cette entité.") : "",
      page.aliases.length ? el("p", {}, el("strong", {}, "Autres noms : "), page.aliases.map((a) => a.name).join(", ")) : "",
      Object.keys(page.external_ids).length
        ? el("p", {}, Object.entries(page.external_ids).map(([k, v]) => el("span", { class: "tag" }, k + " " + v))) : "");
    const graphCard = graphSection(entity);
    const roles = page.roles.length
      ? el("section", { class: "card" }, el("h2", {}, "Rôles"), el("ul", {}, page.roles.map((r) => el("li", { "data-fact": r.fact },
        entityLink(r.person), " — " + (r.role || "rôle") + " — ", entityLink(r.organization),
        r.date ? " (" + r.date + ")" : "", r.status === "planned" ? " [prévu]" : ""))))
      : null;
    const facts = el("section", { class: "card", id: "facts" }, el("h2", {}, "Faits et preuves"),
      page.groups.length ? page.groups.map((group) => el("div", { class: "group" },
        el("h3", {}, group.label + " (" + group.total + ")"),
        group.facts.map((fact) => factBlock(fact, entity.id)),
        group.total > group.facts.length ? el("p", { class: "muted" }, "… " + (group.total - group.facts.length) + " de plus (voir l'API paginée)") : ""))
        : el("p", { class: "muted" }, "Aucun fait."));
    const timelineCard = el("section", { class: "card", id: "timeline" }, el("h2", {}, "Chronologie"), el("p", { class: "muted" }, "…"));
    const sources = el("section", { class: "card", id: "sources" }, el("h2", {}, "Sources"),
      el("ul", {}, page.documents.map((doc) => el("li", {}, doc.published ? doc.published + " — " : "",
        el("a", { href: documentHref(doc.id) }, doc.title || doc.source || doc.id),
        doc.url ? [" · ", externalLink(doc.url, "article d'origine")] : ""))),
      page.more_documents ? el("p", { class: "muted" }, "… et d'autres documents") : "");
    show(identity, graphCard, roles, facts, el("div", { class: "grid2" }, timelineCard, sources));
    loadGraph(entity.id);
    loadTimeline(entity.id, timelineCard);
  }

  async function loadTimeline(id, card) {
    const found = await api("/api/entities/" + encodeURIComponent(id) + "/timeline" + query({ limit: 100 }));
    clear(card);
    card.append(el("h2", {}, "Chronologie"),
      found.events.length ? el("ol", { class: "timeline" }, found.events.map((fact) => el("li", { "data-fact": fact.id },
        el("span", { class: "when" }, dateLabel(fact.date, fact.date_precision)),
        entityLink(fact.subject), " " + fact.label + " ", entityLink(fact.object), " ", statusTag(fact.status))))
        : el("p", { class: "muted" }, "Aucun événement daté."),
      found.undated ? el("p", { class: "muted" }, found.undated + " événement(s) sans date.") : "");
  }

  // -- graph --------------------------------------------------------------------------------
  const PREDICATES = ["partner_of", "member_of", "part_of", "replaced_by", "holds_role", "located_in"];
  const KIND_COLOURS = {
    school: "#2f5bd3", business_school: "#2f5bd3", university: "#7b3fb5", network: "#0f8b8d",
    alliance: "#0f8b8d", group: "#0f8b8d", comue: "#0f8b8d", company: "#d9822b",
    research_body: "#c2410c", public_body: "#4b5563",
  };
  const TYPE_COLOURS = { person: "#e11d74", place: "#16a34a", other: "#94a3b8", organization: "#64748b" };
  const PREDICATE_COLOURS = {
    partner_of: "#2f5bd3", member_of: "#0f8b8d", part_of: "#7b3fb5", replaced_by: "#b42318",
    holds_role: "#e11d74", located_in: "#16a34a",
  };

  function graphSection(entity) {
    const field = (label, input) => el("label", {}, label + " ", input);
    const wanted = Number(new URLSearchParams(window.location.search).get("depth")) || 1;
    const depth = el("select", { name: "depth" }, [1, 2, 3].map((d) => el("option", { value: d, selected: d === wanted }, d)));
    const status = el("select", { name: "status" }, el("option", { value: "" }, "tous"),
      el("option", { value: "done" }, "réalisés"), el("option", { value: "planned" }, "prévus"));
    const since = el("input", { name: "since", placeholder: "AAAA", size: 6 });
    const until = el("input", { name: "until", placeholder: "AAAA", size: 6 });
    const confidence = el("input", { name: "min_confidence", type: "number", min: 0, max: 1, step: 0.05, value: 0 });
    const curated = el("input", { name: "curated_only", type: "checkbox" });
    const predicates = el("fieldset", {}, PREDICATES.map((p) => el("label", {},
      el("input", { type: "checkbox", name: "predicate", value: p, checked: true }), " " + p)));
    const form = el("form", { class: "filters", id: "graph-filters" },
      field("profondeur", depth), field("statut", status), field("depuis", since), field("jusqu'à", until),
      field("confiance ≥", confidence), el("label", {}, curated, " validés seulement"), predicates,
      el("button", { type: "submit" }, "Filtrer"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      loadGraph(entity.id);
    });
    const legend = el("div", { class: "legend" },
      ["school", "university", "network", "company", "research_body", "public_body", "person", "place"].map((k) =>
        el("span", {}, el("span", { class: "swatch swatch-" + k }), k)),
      el("span", {}, "— réalisé, - - prévu"));
    const panel = el("aside", { class: "panel", id: "edge-panel" },
      el("p", { class: "muted" }, "Cliquez un lien pour lire ses preuves, un nœud pour ouvrir sa page."));
    return el("section", { class: "card" }, el("h2", {}, "Voisinage"), form,
      el("div", { class: "graph-layout" }, el("div", { id: "graph", role: "img", "aria-label": "graphe du voisinage" }), panel),
      legend, el("p", { class: "muted", id: "graph-note" }, ""));
  }

  function graphParams() {
    const form = document.getElementById("graph-filters");
    const data = new FormData(form);
    const checked = data.getAll("predicate");
    return {
      depth: data.get("depth"),
      status: data.get("status") || null,
      since: data.get("since") || null,
      until: data.get("until") || null,
      min_confidence: data.get("min_confidence") || null,
      curated_only: data.get("curated_only") ? "true" : null,
      predicate: checked.length === PREDICATES.length ? [] : checked,
    };
  }

  async function loadGraph(id) {
    const note = document.getElementById("graph-note");
    const container = document.getElementById("graph");
    if (typeof window.cytoscape !== "function") {
      note.textContent = "La bibliothèque de graphe manque : lancez `make web`.";
      return;
    }
    let found;
    try {
      found = await api("/api/entities/" + encodeURIComponent(id) + "/neighbourhood" + query(graphParams()));
    } catch (error) {
      note.textContent = "Filtres refusés : " + error.message;
      return;
    }
    const elements = [
      ...found.nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind, type: n.type, depth: n.depth,
        colour: KIND_COLOURS[n.kind] || TYPE_COLOURS[n.type] || "#64748b" } })),
      ...found.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, predicate: e.predicate,
        status: e.status, colour: PREDICATE_COLOURS[e.predicate] || "#94a3b8" } })),
    ];
    if (state.cy) state.cy.destroy();
    state.cy = window.cytoscape({
      container,
      elements,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 9,
          "text-wrap": "ellipsis", "text-max-width": 110, width: 16, height: 16, color: "#1d2330" } },
        { selector: "node[depth = 0]", style: { width: 28, height: 28, "border-width": 3, "border-color": "#1d2330", "font-weight": "bold" } },
        { selector: "edge", style: { width: 2, "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.85 } },
        { selector: 'edge[status = "planned"]', style: { "line-style": "dashed" } },
        { selector: 'edge[predicate = "member_of"], edge[predicate = "part_of"], edge[predicate = "holds_role"]',
          style: { "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)" } },
        { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#2f5bd3" } },
      ],
      // Rings by distance from the entity: deterministic, and fast on hundreds of nodes.
      layout: { name: "concentric", animate: false, concentric: (node) => 10 - node.data("depth"),
        levelWidth: () => 1, minNodeSpacing: 24, padding: 24 },
    });
    state.cy.on("tap", "node", (event) => {
      const target = event.target.id();
      if (target !== found.center.id) window.location.assign(entityHref(target));
    });
    state.cy.on("tap", "edge", (event) => showEvidence(event.target.id()));
    note.textContent = found.nodes.length + " entités, " + found.edges.length + " faits"
      + (found.truncated ? " (les plus sûrs seulement)" : "");
    container.setAttribute("data-ready", "true");
  }

  async function showEvidence(factId) {
    const panel = document.getElementById("edge-panel");
    clear(panel);
    panel.append(el("p", { class: "muted" }, "…"));
    try {
      const fact = await api("/api/facts/" + encodeURIComponent(factId));
      clear(panel);
      panel.append(el("h3", {}, "Preuves"), factBlock(fact, null));
    } catch (error) {
      clear(panel);
      panel.append(el("p", { class: "muted" }, error.message));
    }
  }

  // -- document page ----------------------------------------------------------------------
  async function documentPage(id) {
    const view = await api("/api/documents/" + encodeURIComponent(id));
    const doc = view.document;
    document.title = (doc.title || doc.id) + " — maillage";
    const factsById = {};
    view.facts.forEach((f) => { factsById[f.id] = f; });
    const text = el("div", { class: "doc-text" }, view.segments.map((segment) => {
      let node = segment.entity
        ? el("a", { class: "mention", href: entityHref(segment.entity) }, segment.text)
        : document.createTextNode(segment.text);
      if (segment.facts.length) {
        const title = segment.facts.map((f) => factsById[f] ? factsById[f].predicate : f).join(", ");
        node = el("mark", { title, "data-facts": segment.facts.join(" ") }, node);
      }
      return node;
    }));
    show(
      el("section", { class: "card" }, el("h1", {}, doc.title || "(sans titre)"),
        el("p", {}, doc.published ? el("span", { class: "tag" }, doc.published) : "",
          view.author ? el("span", { class: "tag" }, view.author) : "",
          el("span", { class: "tag muted" }, doc.source)),
        doc.url ? el("p", {}, "Adresse : ", externalLink(doc.url)) : ""),
      el("section", { class: "card" }, el("h2", {}, "Texte"), text),
      el("section", { class: "card" }, el("h2", {}, "Faits appuyés par ce document"),
        el("ul", {}, view.facts.map((f) => el("li", { "data-fact": f.id }, entityLink(f.subject), " " + f.predicate + " ", entityLink(f.object))))),
      el("section", { class: "card" }, el("h2", {}, "Entités mentionnées"),
        el("p", {}, view.entities.map((e, i) => [i ? ", " : "", entityLink(e)]))));
  }

  // -- router -------------------------------------------------------------------------------
  async function route() {
    const path = window.location.pathname;
    const tail = (prefix) => decodeURIComponent(path.slice(prefix.length));
    try {
      if (path.startsWith("/entity/")) await entityPage(tail("/entity/"));
      else if (path.startsWith("/document/")) await documentPage(tail("/document/"));
      else if (path === "/search") await searchPage();
      else await homePage();
    } catch (error) {
      show(el("section", { class: "card" }, el("h1", {}, error.status === 404 ? "Introuvable" : "Erreur"),
        el("p", {}, error.message)));
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    setupSearch();
    setupToken();
    await checkToken();
    await route();
  });
})();
