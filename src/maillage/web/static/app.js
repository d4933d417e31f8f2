// maillage web explorer: renders the JSON API. Every piece of data (names, sentences, URLs)
// is untrusted: it goes into the page as text nodes, links only when http(s).
"use strict";

(function () {
  const TOKEN_KEY = "maillage-token";
  const I = window.maillageI18n;
  const t = I.t;
  const main = document.getElementById("main");
  const state = { me: null, cy: null, charts: [] };
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

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
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
    state.charts.forEach((chart) => chart.destroy());
    state.charts = [];
    clear(main);
    main.append(...children.filter(Boolean));
  }

  function notice(text, isError) {
    const box = el("div", { class: "notice" + (isError ? " error" : ""), role: "status" }, text);
    main.prepend(box);
    setTimeout(() => box.remove(), 6000);
  }

  function card(title, ...children) {
    return el("section", { class: "card" }, title ? el("h2", {}, title) : null, ...children);
  }

  // -- API --------------------------------------------------------------------------------
  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY) || "";
  }

  async function api(path, options) {
    const headers = { Accept: "application/json" };
    const init = Object.assign({ headers, credentials: "same-origin" }, options || {});
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    if (token() && ((init.method && init.method !== "GET") || path === "/api/me")) {
      headers.Authorization = "Bearer " + token();
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (_error) {
      const error = new Error(t("error.network"));
      error.status = 0;
      throw error;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(I.errorText({ status: response.status }));
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function post(path, body) {
    return api(path, { method: "POST", body: JSON.stringify(body || {}) });
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

  const pageParams = () => new URLSearchParams(window.location.search);

  // -- token and language -----------------------------------------------------------------
  async function checkToken() {
    const status = document.getElementById("token-status");
    state.me = null;
    if (!token()) {
      status.textContent = t("token.readonly");
      return;
    }
    try {
      state.me = await api("/api/me");
      status.textContent = state.me.read_only ? t("token.reader", { name: state.me.name }) : t("token.curator", { name: state.me.name });
    } catch (_error) {
      status.textContent = t("token.refused");
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

  function translateShell() {
    document.documentElement.lang = I.lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => { node.placeholder = t(node.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-i18n-label]").forEach((node) => node.setAttribute("aria-label", t(node.dataset.i18nLabel)));
    document.getElementById("lang").addEventListener("click", () => I.switchLanguage());
    const here = window.location.pathname;
    document.querySelectorAll(".nav a").forEach((link) => link.classList.toggle("current", here === link.getAttribute("href")));
  }

  const canCurate = () => Boolean(state.me && !state.me.read_only);

  // -- search with suggestions ------------------------------------------------------------
  function setupSearch() {
    const input = document.getElementById("q");
    const list = document.getElementById("suggestions");
    let timer = null;
    let active = -1;
    if (window.location.pathname === "/search") input.value = pageParams().get("q") || "";

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
        list.append(el("li", { role: "option" },
          el("a", { href: entityHref(hit.entity.id), "data-id": hit.entity.id },
            el("strong", {}, nameOf(hit.entity)), " ", el("span", { class: "muted" }, kindLabel(hit.entity)))));
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
  function nameOf(entity) {
    return entity.acronym && entity.acronym !== entity.name ? entity.name + " (" + entity.acronym + ")" : entity.name;
  }

  function kindLabel(entity) {
    return [I.type(entity.type), entity.kind ? I.kind(entity.kind) : null].filter(Boolean).join(" · ");
  }

  function entityLink(entity) {
    if (!entity) return "";
    return el("a", { href: entityHref(entity.id), title: entity.name }, entity.name);
  }

  function dateLabel(date, precision) {
    if (!date) return t("date.unknown");
    return precision ? date + " (" + I.precision(precision) + ")" : date;
  }

  function statusTag(status) {
    return el("span", { class: "tag status-" + status }, I.status(status));
  }

  function sourceLine(proof) {
    const doc = proof.document;
    return el("div", { class: "source" }, "— ",
      el("a", { href: documentHref(doc.id) }, doc.title || doc.source || doc.id),
      doc.published ? ", " + doc.published : "",
      doc.url ? [" · ", externalLink(doc.url, t("fact.origin"))] : "");
  }

  function alternativesBlock(fact) {
    if (!fact.conflict) return null;
    return el("div", { class: "alternatives" },
      el("strong", {}, t("fact.conflict") + " :"),
      el("ul", {}, fact.alternatives.map((alt) => el("li", {},
        Object.entries(alt.values).filter(([k]) => k !== "chosen")
          .map(([k, v]) => k + " = " + (v === null ? "?" : v)).join(", "),
        alt.values.chosen ? " ✓" : "",
        " — ",
        alt.documents.map((d, i) => [i ? "; " : "", el("a", { href: documentHref(d.id) }, d.title || d.id)])))));
  }

  // Both parties always, in reading order: "X partenaire de Y".
  function factSentence(fact) {
    const target = fact.object ? entityLink(fact.object)
      : (fact.value !== null ? fact.value + " " + ((fact.qualifiers || {}).unit || "") : "");
    return [entityLink(fact.subject), " ", el("span", { class: "predicate" }, I.predicate(fact.predicate)), " ", target];
  }

  function statedSource(fact) {
    const q = fact.qualifiers || {};
    return [
      q.source_url ? el("div", { class: "source" }, t("fact.source") + " : ", externalLink(q.source_url)) : null,
      q.note ? el("div", { class: "source" }, t("fact.note") + " : " + q.note) : null,
    ];
  }

  function factBlock(fact) {
    const head = el("div", { class: "fact-head" },
      factSentence(fact),
      fact.qualifiers && fact.qualifiers.role ? el("em", {}, " — " + t("fact.as", { role: fact.qualifiers.role })) : "",
      el("span", { class: "tag" }, dateLabel(fact.date, fact.date_precision)),
      statusTag(fact.status),
      fact.kind ? el("span", { class: "tag" }, I.event(fact.kind)) : "",
      el("span", { class: "tag", title: t("col.confidence") }, fact.confidence.toFixed(2)),
      fact.curation ? el("span", { class: "tag" }, I.curation(fact.curation)) : "",
      fact.origin === "manual" ? el("span", { class: "tag" }, t("fact.manual")) : "",
      fact.conflict ? el("span", { class: "tag conflict" }, t("fact.conflicttag")) : "",
      curationButtons(fact));
    const proofs = fact.evidence.map((proof) => [el("blockquote", { class: "quote" }, "« " + proof.text + " »"), sourceLine(proof)]);
    const hidden = fact.evidence_count - fact.evidence.length;
    const more = hidden > 0 ? el("div", { class: "source" }, t("count.more", { n: hidden })) : null;
    return el("div", { class: "fact", "data-fact": fact.id }, head, alternativesBlock(fact), proofs, statedSource(fact), more);
  }

  // -- curation of facts ------------------------------------------------------------------
  function curationButtons(fact) {
    if (!canCurate()) return null;
    return el("span", { class: "actions" },
      el("button", { type: "button", class: "accept", onclick: () => decide(fact, "accept") }, t("action.accept")),
      el("button", { type: "button", class: "reject", onclick: () => decide(fact, "reject") }, t("action.reject")),
      el("button", { type: "button", class: "edit", onclick: (event) => openEdit(fact, event.target.closest(".fact")) }, t("action.edit")));
  }

  async function decide(fact, action, after) {
    try {
      await post("/api/facts/" + encodeURIComponent(fact.id) + "/" + action, {});
    } catch (error) {
      notice(t("failed", { message: error.message }), true);
      return false;
    }
    notice(t(action === "reject" ? "done.rejected" : "done.accepted"));
    if (after) return after();
    if (action === "reject") {
      document.querySelectorAll('[data-fact="' + CSS.escape(fact.id) + '"]').forEach((node) => node.remove());
      if (state.cy) state.cy.remove(state.cy.getElementById(fact.id));
    } else {
      route();
    }
    return true;
  }

  const EVENT_KINDS = ["agreement", "strategic_partnership", "alliance", "network", "merger", "renaming",
    "double_degree", "joint_programme", "joint_incubator", "joint_event", "joint_research", "membership",
    "component", "appointment", "location", "figure"];

  function editForm(fact, after) {
    const date = el("input", { name: "date", value: fact.date || "", placeholder: "AAAA[-MM[-JJ]]", size: 11 });
    const status = el("select", { name: "status" },
      ["done", "planned"].map((s) => el("option", { value: s, selected: s === fact.status }, I.status(s))));
    const kind = el("select", { name: "kind" }, el("option", { value: "" }, "—"),
      EVENT_KINDS.map((k) => el("option", { value: k, selected: k === fact.kind }, I.event(k))));
    const form = el("form", { class: "edit-form" }, t("col.date") + " ", date, " " + t("col.status") + " ", status,
      " " + t("col.kind") + " ", kind, el("button", { type: "submit" }, t("action.save")),
      el("button", { type: "button", class: "cancel", onclick: () => form.remove() }, t("action.cancel")));
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); form.remove(); }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = {};
      if (date.value !== (fact.date || "")) changes.date = date.value;
      if (status.value !== fact.status) changes.status = status.value;
      if (kind.value && kind.value !== (fact.kind || "")) changes.kind = kind.value;
      if (!Object.keys(changes).length) { form.remove(); return; }
      try {
        await post("/api/facts/" + encodeURIComponent(fact.id) + "/edit", { changes });
        notice(t("done.edited"));
        if (after) after(); else route();
      } catch (error) {
        notice(t("failed", { message: error.message }), true);
      }
    });
    return form;
  }

  function openEdit(fact, host, after) {
    if (host.querySelector(".edit-form")) return;
    const form = editForm(fact, after);
    host.append(form);
    form.querySelector("input").focus();
  }

  // -- charts -----------------------------------------------------------------------------
  const PALETTE = ["#2f5bd3", "#0f8b8d", "#d9822b", "#7b3fb5", "#b42318", "#16a34a", "#e11d74",
    "#4b5563", "#c2410c", "#0369a1", "#a16207", "#15803d", "#9333ea", "#be123c", "#0891b2", "#65a30d"];

  function chart(canvas, config) {
    if (typeof window.Chart !== "function") return null;
    const made = new window.Chart(canvas, Object.assign({ options: {} }, config));
    state.charts.push(made);
    return made;
  }

  function yearsChart(rows) {
    const years = [...new Set(rows.map((r) => r.year))].sort();
    const kinds = [...new Set(rows.map((r) => r.kind || ""))];
    const canvas = el("canvas", { id: "years-chart", role: "img", "aria-label": t("home.years") });
    const datasets = kinds.map((kind, i) => ({
      label: kind ? I.event(kind) : "—",
      backgroundColor: PALETTE[i % PALETTE.length],
      data: years.map((y) => (rows.find((r) => r.year === y && (r.kind || "") === kind) || { count: 0 }).count),
    }));
    const box = el("div", { class: "chart" }, canvas);
    setTimeout(() => chart(canvas, { type: "bar", data: { labels: years, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } } }), 0);
    return box;
  }

  // Degrees binned 1, 2, 3, 4–5, 6–10, 11–20, 21–50, 51–100, 101+ so a heavy tail stays readable.
  const DEGREE_BINS = [[1, 1], [2, 2], [3, 3], [4, 5], [6, 10], [11, 20], [21, 50], [51, 100], [101, Infinity]];

  function degreesChart(rows) {
    const counts = DEGREE_BINS.map(([low, high]) => rows.filter((r) => r.degree >= low && r.degree <= high)
      .reduce((sum, r) => sum + r.entities, 0));
    const labels = DEGREE_BINS.map(([low, high]) => (high === Infinity ? low + "+" : low === high ? String(low) : low + "–" + high));
    const canvas = el("canvas", { id: "degrees-chart", role: "img", "aria-label": t("home.degrees") });
    setTimeout(() => chart(canvas, { type: "bar",
      data: { labels, datasets: [{ label: t("home.degrees.axis"), data: counts, backgroundColor: "#0f8b8d" }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: t("home.degrees.facts") } }, y: { ticks: { precision: 0 } } } } }), 0);
    return el("div", { class: "chart" }, canvas);
  }

  // -- home -------------------------------------------------------------------------------
  async function homePage() {
    const stats = await api("/api/stats");
    const counts = el("p", {}, Object.entries(stats.counts).map(([k, v]) => el("span", { class: "tag" }, t("count." + k, { n: v }))));
    const top = el("ol", {}, stats.most_connected.map((c) => el("li", {}, entityLink(c.entity), " — " + t("count.facts", { n: c.facts }))));
    show(
      card(null, el("h1", {}, t("home.title")), counts, el("p", { class: "muted" }, t("home.hint"))),
      el("div", { class: "grid2" },
        card(t("home.connected"), top),
        card(t("home.years"), yearsChart(stats.events_by_year))),
      el("div", { class: "grid2" },
        card(t("home.degrees"), degreesChart(stats.degrees)),
        card(t("home.newest"), stats.newest.map((fact) => factBlock(fact)))));
  }

  async function searchPage() {
    const text = pageParams().get("q") || "";
    const hits = text ? await api("/api/search" + query({ q: text, limit: 50 })) : [];
    const close = !hits.length && text ? await api("/api/suggest" + query({ q: text })) : [];
    show(card(null, el("h1", {}, t("search.results", { q: text })),
      hits.length ? el("ul", { class: "results" }, hits.map((hit) => el("li", {},
        entityLink(hit.entity), " ", el("span", { class: "muted" }, kindLabel(hit.entity)),
        " — " + t("count.facts", { n: hit.facts }),
        hit.matched !== hit.entity.name ? el("span", { class: "muted" }, " " + t("search.by", { name: hit.matched })) : "")))
        : el("p", { class: "muted" }, t("search.none")),
      close.length ? el("p", { class: "didyoumean" }, t("search.didyoumean") + " ",
        close.map((e, i) => [i ? ", " : "", entityLink(e)])) : null));
  }

  // -- entity page ------------------------------------------------------------------------
  async function entityPage(id) {
    const page = await api("/api/entities/" + encodeURIComponent(id));
    const entity = page.entity;
    if (page.redirected_from && entity.id !== id) {
      window.history.replaceState(null, "", entityHref(entity.id));
    }
    document.title = entity.name + " — maillage";
    const identity = card(null,
      el("h1", {}, nameOf(entity)),
      el("p", {}, el("span", { class: "tag" }, kindLabel(entity)), page.city ? el("span", { class: "tag" }, page.city) : "",
        el("span", { class: "tag muted" }, entity.id)),
      page.redirected_from ? el("p", { class: "muted" }, t("entity.merged", { name: page.redirected_from })) : "",
      page.aliases.length ? el("p", {}, el("strong", {}, t("entity.aliases")), page.aliases.map((a) => a.name).join(", ")) : "",
      Object.keys(page.external_ids).length
        ? el("p", {}, Object.entries(page.external_ids).map(([k, v]) => el("span", { class: "tag" }, k + " " + v))) : "");
    const roles = page.roles.length
      ? card(t("entity.roles"), el("ul", {}, page.roles.map((r) => el("li", { "data-fact": r.fact },
        entityLink(r.person), " — " + (r.role || "") + " — ", entityLink(r.organization),
        r.date ? " (" + r.date + ")" : "", r.status === "planned" ? " [" + I.status("planned") + "]" : ""))))
      : null;
    const facts = el("section", { class: "card", id: "facts" }, el("h2", {}, t("entity.facts")),
      page.groups.length ? page.groups.map((group) => el("div", { class: "group" },
        el("h3", {}, (group.direction === "in" ? I.inverse(group.predicate) : I.predicate(group.predicate)) + " (" + group.total + ")"),
        group.facts.map((fact) => factBlock(fact)),
        group.total > group.facts.length
          ? el("p", {}, el("a", { href: "/facts" + query({ entity: entity.id, predicate: group.predicate }) },
            t("count.more", { n: group.total - group.facts.length }))) : ""))
        : el("p", { class: "muted" }, t("entity.nofacts")));
    const timelineCard = el("section", { class: "card", id: "timeline" }, el("h2", {}, t("entity.timeline")), el("p", { class: "muted" }, "…"));
    const sources = el("section", { class: "card", id: "sources" }, el("h2", {}, t("entity.sources")),
      el("ul", {}, page.documents.map((doc) => el("li", {}, doc.published ? doc.published + " — " : "",
        el("a", { href: documentHref(doc.id) }, doc.title || doc.source || doc.id),
        doc.url ? [" · ", externalLink(doc.url, t("fact.origin"))] : ""))),
      page.more_documents ? el("p", { class: "muted" }, t("entity.moredocs")) : "");
    const history = el("section", { class: "card", id: "history" }, el("h2", {}, t("entity.history")));
    show(identity, canCurate() ? curatePanel(entity) : null, graphSection(entity), roles, facts,
      el("div", { class: "grid2" }, timelineCard, sources), history);
    loadGraph(entity.id);
    loadTimeline(entity.id, timelineCard);
    loadHistory(entity.id, history);
  }

  async function loadHistory(id, box) {
    const decisions = await api("/api/history/" + encodeURIComponent(id)).catch(() => []);
    box.append(decisions.length ? el("ol", { class: "history" }, decisions.map((d) => el("li", {},
      el("span", { class: "when" }, d.created_at.slice(0, 16).replace("T", " ")), " ",
      el("strong", {}, d.action), " — " + d.author, d.reason ? " — « " + d.reason + " »" : "",
      " ", el("code", {}, JSON.stringify(d.payload.changes || d.payload.name || d.payload.value || d.payload.absorb || "")))))
      : el("p", { class: "muted" }, t("entity.nohistory")));
  }

  // The timeline as a time axis: one mark per event, planned ones hollow and dashed.
  async function loadTimeline(id, box) {
    const found = await api("/api/entities/" + encodeURIComponent(id) + "/timeline" + query({ limit: 100 }));
    clear(box);
    box.append(el("h2", {}, t("entity.timeline")));
    if (!found.events.length) {
      box.append(el("p", { class: "muted" }, t("entity.notimeline")));
    } else {
      box.append(timeAxis(found.events));
      box.append(el("ol", { class: "timeline" }, found.events.map((fact) => el("li", { "data-fact": fact.id },
        el("span", { class: "when" }, dateLabel(fact.date, fact.date_precision)),
        factSentence(fact), " ", statusTag(fact.status)))));
    }
    if (found.undated) box.append(el("p", { class: "muted" }, t("count.undated", { n: found.undated })));
  }

  function timeAxis(events) {
    const value = (date) => { const [y, m, d] = date.split("-").map(Number); return y + ((m || 6.5) - 1) / 12 + ((d || 15) - 1) / 365; };
    const values = events.map((e) => value(e.date));
    const low = Math.floor(Math.min(...values)), high = Math.ceil(Math.max(...values) + 0.01);
    const width = 560, left = 20, right = 20, x = (v) => left + ((v - low) / Math.max(high - low, 1)) * (width - left - right);
    const ticks = [];
    const step = Math.max(1, Math.ceil((high - low) / 10));
    for (let year = low; year <= high; year += step) {
      ticks.push(svg("line", { x1: x(year), x2: x(year), y1: 44, y2: 50, class: "tick" }),
        svg("text", { x: x(year), y: 64, class: "tick-label" }, String(year)));
    }
    const marks = events.map((e, i) => svg("circle", { cx: x(values[i]), cy: 44 - 12 * (i % 3), r: 6,
      class: "mark " + (e.status === "planned" ? "planned" : "done"), "data-fact": e.id },
      svg("title", {}, e.date + " — " + e.subject.name + " " + I.predicate(e.predicate) + " " + (e.object ? e.object.name : ""))));
    return svg("svg", { class: "time-axis", viewBox: "0 0 " + width + " 72", role: "img", "aria-label": t("entity.timeline") },
      svg("line", { x1: left, x2: width - right, y1: 47, y2: 47, class: "axis" }), ticks, marks);
  }

  // -- entity curation --------------------------------------------------------------------
  function curatePanel(entity) {
    const base = "/api/entities/" + encodeURIComponent(entity.id);
    const done = async () => { await route(); notice(t("entity.done")); };  // after the re-render, which replaces main
    const action = (label, fields, send) => {
      const form = el("form", { class: "curate-form" }, el("strong", {}, label), " ", fields,
        el("button", { type: "submit" }, t("action.save")));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try { await send(new FormData(form)); done(); } catch (error) { notice(t("failed", { message: error.message }), true); }
      });
      return form;
    };
    const splitBox = el("div", { class: "split-box" });
    const panel = el("section", { class: "card", id: "curate" }, el("h2", {}, t("entity.curate")),
      action(t("entity.rename"), el("input", { name: "name", required: true, value: entity.name, size: 40 }),
        (data) => post(base + "/rename", { name: data.get("name") })),
      action(t("entity.alias"), el("input", { name: "name", required: true, size: 30 }),
        (data) => post(base + "/aliases", { name: data.get("name") })),
      action(t("entity.setid"), [el("select", { name: "scheme" }, ["wikidata", "ror", "uai", "siren", "idref"].map((s) => el("option", { value: s }, s))),
        " ", el("input", { name: "value", required: true, size: 14, placeholder: "Q273523" })],
        (data) => post(base + "/external-ids", { scheme: data.get("scheme"), value: data.get("value") })),
      action(t("entity.merge"), el("input", { name: "absorb", required: true, size: 30, placeholder: t("entity.merge.target") }),
        (data) => post(base + "/merge", { absorb: data.get("absorb") })),
      splitBox);
    loadSplit(entity, base, splitBox, done);
    return panel;
  }

  async function loadSplit(entity, base, box, done) {
    const found = await api(base + "/mentions" + query({ limit: 100 })).catch(() => null);
    if (!found || found.mentions.length < 2) return;
    const name = el("input", { name: "name", required: true, size: 30, placeholder: t("entity.split.name") });
    const choices = el("ul", { class: "mentions" }, found.mentions.map((m) => el("li", {},
      el("label", {}, el("input", { type: "checkbox", name: "mention", value: m.id }), " ",
        el("span", { class: "muted" }, (m.document.title || m.document.id) + " : "), "… " + m.context + " …"))));
    const form = el("form", { class: "curate-form split" }, el("strong", {}, t("entity.split")), " ", name,
      el("button", { type: "submit" }, t("action.save")), choices);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const mentions = new FormData(form).getAll("mention").map(Number);
      try { await post(base + "/split", { mentions, name: name.value }); done(); } catch (error) { notice(t("failed", { message: error.message }), true); }
    });
    box.append(form);
  }

  // -- neighbourhood graph (Cytoscape) ----------------------------------------------------
  const PREDICATES = ["partner_of", "member_of", "part_of", "replaced_by", "holds_role", "located_in"];
  const DIRECTED = ["member_of", "part_of", "replaced_by", "holds_role", "located_in"];
  const KIND_COLOURS = {
    school: "#2f5bd3", business_school: "#2f5bd3", university: "#7b3fb5", inp: "#7b3fb5", comue: "#0f8b8d",
    network: "#0f8b8d", alliance: "#0f8b8d", group: "#0f8b8d", company: "#d9822b", research_body: "#c2410c",
    public_body: "#4b5563", grand_etablissement: "#6d28d9", association: "#a16207", foundation: "#a16207",
  };
  const TYPE_COLOURS = { person: "#e11d74", place: "#16a34a", other: "#94a3b8", organization: "#64748b" };
  const PREDICATE_COLOURS = {
    partner_of: "#2f5bd3", member_of: "#0f8b8d", part_of: "#7b3fb5", replaced_by: "#b42318",
    holds_role: "#e11d74", located_in: "#16a34a",
  };
  const colourOf = (node) => KIND_COLOURS[node.kind] || TYPE_COLOURS[node.type] || "#64748b";
  window.maillageColours = { KIND_COLOURS, TYPE_COLOURS, PREDICATE_COLOURS, colourOf, PALETTE };

  function legend(kinds) {
    return el("div", { class: "legend" },
      el("span", { class: "legend-title" }, t("graph.legend.kinds")),
      kinds.map((k) => el("span", {}, el("span", { class: "swatch swatch-" + k }), k in TYPE_COLOURS ? I.type(k) : I.kind(k))),
      el("span", { class: "legend-title" }, t("graph.legend.edges")),
      PREDICATES.map((p) => el("span", {}, el("span", { class: "line line-" + p }), I.predicate(p))),
      el("span", {}, t("graph.legend.planned")));
  }
  window.maillageLegend = legend;

  function graphSection(entity) {
    const field = (label, input) => el("label", {}, label + " ", input);
    const wanted = Number(pageParams().get("depth")) || 1;
    const depth = el("select", { name: "depth" }, [1, 2, 3].map((d) => el("option", { value: d, selected: d === wanted }, d)));
    const status = el("select", { name: "status" }, el("option", { value: "" }, t("graph.all")),
      el("option", { value: "done" }, I.status("done")), el("option", { value: "planned" }, I.status("planned")));
    const since = el("input", { name: "since", placeholder: "AAAA", size: 6 });
    const until = el("input", { name: "until", placeholder: "AAAA", size: 6 });
    const confidence = el("input", { name: "min_confidence", type: "number", min: 0, max: 1, step: 0.05, value: 0 });
    const curated = el("input", { name: "curated_only", type: "checkbox" });
    const predicates = el("fieldset", {}, PREDICATES.map((p) => el("label", {},
      el("input", { type: "checkbox", name: "predicate", value: p, checked: true }), " " + I.predicate(p))));
    const form = el("form", { class: "filters", id: "graph-filters" },
      field(t("graph.depth"), depth), field(t("graph.status"), status), field(t("graph.since"), since),
      field(t("graph.until"), until), field(t("graph.confidence"), confidence),
      el("label", {}, curated, " " + t("graph.curated")), predicates, el("button", { type: "submit" }, t("action.filter")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      loadGraph(entity.id);
    });
    const panel = el("aside", { class: "panel", id: "edge-panel" }, el("p", { class: "muted" }, t("graph.hint")));
    return el("section", { class: "card" }, el("h2", {}, t("entity.neighbourhood")), form,
      el("div", { class: "graph-layout" },
        el("div", { class: "graph-box" }, el("div", { id: "graph", role: "img", "aria-label": t("entity.neighbourhood") }),
          el("div", { id: "graph-tip", class: "tip", hidden: true })), panel),
      legend(["school", "university", "network", "company", "research_body", "public_body", "person", "place"]),
      el("p", { class: "muted", id: "graph-note" }, ""));
  }

  function graphParams() {
    const data = new FormData(document.getElementById("graph-filters"));
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
      note.textContent = t("graph.missing");
      return;
    }
    let found;
    try {
      found = await api("/api/entities/" + encodeURIComponent(id) + "/neighbourhood" + query(graphParams()));
    } catch (error) {
      note.textContent = error.message;
      return;
    }
    const elements = [
      ...found.nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind, type: n.type, depth: n.depth, colour: colourOf(n) } })),
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
        { selector: DIRECTED.map((p) => 'edge[predicate = "' + p + '"]').join(", "),
          style: { "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)" } },
        { selector: ":selected", style: { "overlay-opacity": 0.2, "overlay-color": "#2f5bd3" } },
      ],
      // Rings by distance from the entity: deterministic, and fast on hundreds of nodes.
      layout: { name: "concentric", animate: false, concentric: (node) => 10 - node.data("depth"),
        levelWidth: () => 1, minNodeSpacing: 24, padding: 24 },
    });
    const tip = document.getElementById("graph-tip");
    state.cy.on("mouseover", "node", (event) => {
      const p = event.target.renderedPosition();
      tip.textContent = event.target.data("label");
      tip.hidden = false;
      tip.style.left = p.x + 12 + "px";
      tip.style.top = p.y + 8 + "px";
    });
    state.cy.on("mouseout", "node", () => { tip.hidden = true; });
    state.cy.on("tap", "node", (event) => {
      const target = event.target.id();
      if (target !== found.center.id) window.location.assign(entityHref(target));
    });
    state.cy.on("tap", "edge", (event) => showEvidence(event.target.id()));
    note.textContent = t("graph.note", { nodes: t("count.entities", { n: found.nodes.length }), edges: t("count.facts", { n: found.edges.length }) })
      + (found.truncated ? t("graph.truncated") : "");
    container.setAttribute("data-ready", "true");
  }

  async function showEvidence(factId) {
    const panel = document.getElementById("edge-panel");
    clear(panel);
    panel.append(el("p", { class: "muted" }, "…"));
    try {
      const fact = await api("/api/facts/" + encodeURIComponent(factId));
      clear(panel);
      panel.append(el("h3", {}, t("graph.evidence")), factBlock(fact));
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
        const title = segment.facts.map((f) => factsById[f] ? I.predicate(factsById[f].predicate) : f).join(", ");
        node = el("mark", { title, "data-facts": segment.facts.join(" ") }, node);
      }
      return node;
    }));
    show(
      card(null, el("h1", {}, doc.title || t("doc.untitled")),
        el("p", {}, doc.published ? el("span", { class: "tag" }, doc.published) : "",
          view.author ? el("span", { class: "tag" }, view.author) : "",
          el("span", { class: "tag muted" }, doc.source)),
        doc.url ? el("p", {}, t("doc.address"), externalLink(doc.url)) : ""),
      card(t("doc.text"), text),
      card(t("doc.facts"), el("ul", {}, view.facts.map((f) => el("li", { "data-fact": f.id }, factSentence(f))))),
      card(t("doc.entities"), el("p", {}, view.entities.map((e, i) => [i ? ", " : "", entityLink(e)]))));
  }

  // -- listings: filters in the address, facets, sort, pages, downloads --------------------
  function selectField(name, label, options, current, multiple) {
    const chosen = multiple ? pageParams().getAll(name) : [pageParams().get(name) || current || ""];
    return el("label", {}, label + " ", el("select", { name, multiple: multiple || null, size: multiple ? 4 : null },
      multiple ? null : el("option", { value: "" }, t("graph.all")),
      options.map(([value, text]) => el("option", { value, selected: chosen.includes(value) }, text))));
  }

  function inputField(name, label, attrs) {
    return el("label", {}, label + " ", el("input", Object.assign({ name, value: pageParams().get(name) || "" }, attrs || {})));
  }

  function listingForm(path, fields) {
    const form = el("form", { class: "filters listing-filters", method: "get", action: path }, fields,
      el("button", { type: "submit" }, t("action.filter")));
    return form;
  }

  function withParam(name, value, replace) {
    const params = pageParams();
    if (replace) params.delete(name);
    params.delete("offset");
    if (value !== null) params.append(name, value);
    const text = params.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function facetBox(name, label, values, display) {
    const active = pageParams().getAll(name);
    return el("div", { class: "facet", "data-facet": name }, el("h3", {}, label),
      el("ul", {}, values.map((v) => {
        const value = v.value === null ? "" : v.value;
        const on = active.includes(value);
        return el("li", { class: on ? "on" : null },
          el("a", { href: on ? withoutParam(name, value) : withParam(name, value, false), "data-value": value },
            display(v.value)), " ", el("span", { class: "count" }, v.count.toLocaleString(I.lang)));
      })));
  }

  function withoutParam(name, value) {
    const params = pageParams();
    const kept = params.getAll(name).filter((v) => v !== value);
    params.delete(name);
    params.delete("offset");
    kept.forEach((v) => params.append(name, v));
    const text = params.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function pager(table) {
    const from = table.total ? table.offset + 1 : 0;
    const to = Math.min(table.offset + table.limit, table.total);
    const link = (offset, label) => el("a", { class: "page-link", href: withParam("offset", String(offset), true) }, label);
    return el("p", { class: "pager" }, t("table.showing", { from, to, total: table.total.toLocaleString(I.lang) }), " ",
      table.offset > 0 ? link(Math.max(table.offset - table.limit, 0), t("action.previous")) : null, " ",
      to < table.total ? link(table.offset + table.limit, t("action.next")) : null);
  }

  // The export endpoint takes the listing's own parameters: the file holds exactly the selection.
  function downloads(tableName) {
    const params = pageParams();
    ["offset", "limit", "sort"].forEach((k) => params.delete(k));
    const link = (format, label) => {
      const p = new URLSearchParams(params);
      p.set("format", format);
      if (format === "csv") p.set("table", tableName);
      return el("a", { class: "download", "data-format": format, href: "/api/export?" + p.toString(), download: "" }, label);
    };
    return el("p", { class: "downloads" }, t("table.download") + " ", link("csv", "CSV"), " · ", link("json", "JSON"), " · ",
      link("graphml", "GraphML"));
  }

  function sortField(sorts, current) {
    return selectField("sort", t("filter.sort"), sorts.map((s) => [s, t("sort." + s)]), current, false);
  }

  const PREDICATE_OPTIONS = [...PREDICATES, "quantity"].map((p) => [p, I.predicate(p)]);
  const STATUS_OPTIONS = [["done", I.status("done")], ["planned", I.status("planned")]];
  const ENTITY_KIND_OPTIONS = ["school", "university", "inp", "comue", "grand_etablissement", "research_body", "network",
    "alliance", "group", "public_body", "association", "company", "foundation", "business_school", "department",
    "campus", "programme", "organization", "city", "region", "country", "place"].map((k) => [k, I.kind(k)]);
  const TYPE_OPTIONS = ["organization", "person", "place", "other"].map((k) => [k, I.type(k)]);

  function factFilterFields() {
    return [
      selectField("predicate", t("col.predicate"), PREDICATE_OPTIONS, null, true),
      selectField("status", t("col.status"), STATUS_OPTIONS, null, false),
      selectField("kind", t("col.kind"), EVENT_KINDS.map((k) => [k, I.event(k)]), null, true),
      inputField("since", t("graph.since"), { placeholder: "AAAA", size: 10 }),
      inputField("until", t("graph.until"), { placeholder: "AAAA", size: 10 }),
      inputField("min_confidence", t("graph.confidence"), { type: "number", min: 0, max: 1, step: 0.05, size: 4 }),
      inputField("place", t("filter.place"), { size: 14 }),
    ];
  }

  async function factsPage() {
    const table = await api("/api/facts" + window.location.search);
    const facets = [
      facetBox("predicate", t("facet.predicate"), table.facets.predicate, I.predicate),
      facetBox("status", t("facet.status"), table.facets.status, I.status),
      facetBox("kind", t("facet.kind"), table.facets.kind, I.event),
      facetBox("curation", t("facet.curation"), table.facets.curation, I.curation),
    ];
    const head = ["subject", "predicate", "object", "date", "status", "kind", "confidence", "sources", "curation"];
    const rows = table.rows.map((r) => el("tr", { "data-fact": r.id },
      el("td", {}, entityLink(r.subject)),
      el("td", {}, I.predicate(r.predicate), r.role ? el("em", {}, " (" + r.role + ")") : ""),
      el("td", {}, r.object ? entityLink(r.object) : (r.value !== null ? r.value + " " + (r.unit || "") : "")),
      el("td", { class: "num" }, dateLabel(r.date, r.date_precision)),
      el("td", {}, statusTag(r.status)),
      el("td", {}, r.kind ? I.event(r.kind) : "—"),
      el("td", { class: "num" }, r.confidence.toFixed(2)),
      el("td", { class: "num" }, r.sources),
      el("td", {}, I.curation(r.curation), r.conflict ? el("span", { class: "tag conflict" }, "!") : "")));
    show(el("section", { class: "card" }, el("h1", {}, t("facts.title")),
      listingForm("/facts", [...factFilterFields(), sortField(["-date", "date", "-confidence", "confidence", "predicate", "subject"], "-date"),
        pageParams().get("entity") ? el("input", { type: "hidden", name: "entity", value: pageParams().get("entity") }) : null]),
      downloads("facts")),
    el("div", { class: "listing" }, el("aside", { class: "facets card" }, facets),
      el("section", { class: "card table-card" }, pager(table),
        table.rows.length ? el("table", { class: "simple", id: "facts-table" },
          el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, t("col." + h))))), el("tbody", {}, rows))
          : el("p", { class: "muted" }, t("table.empty")))));
  }

  async function entitiesPage() {
    const table = await api("/api/entities" + window.location.search);
    const facets = [
      facetBox("type", t("facet.type"), table.facets.type, I.type),
      facetBox("entity_kind", t("facet.entity_kind"), table.facets.kind, I.kind),
    ];
    const rows = table.rows.map((r) => el("tr", { "data-entity": r.entity.id },
      el("td", {}, entityLink(r.entity), r.entity.acronym ? el("span", { class: "muted" }, " (" + r.entity.acronym + ")") : ""),
      el("td", {}, I.type(r.entity.type)), el("td", {}, r.entity.kind ? I.kind(r.entity.kind) : "—"),
      el("td", {}, r.city || ""), el("td", { class: "num" }, r.degree)));
    show(el("section", { class: "card" }, el("h1", {}, t("entities.title")),
      listingForm("/entities", [
        selectField("type", t("col.type"), TYPE_OPTIONS, null, false),
        selectField("entity_kind", t("facet.entity_kind"), ENTITY_KIND_OPTIONS, null, false),
        inputField("place", t("filter.place"), { size: 14 }),
        inputField("min_degree", t("filter.mindegree"), { type: "number", min: 0, size: 4 }),
        sortField(["-degree", "degree", "name", "-name", "kind", "city"], "-degree")]),
      downloads("entities")),
    el("div", { class: "listing" }, el("aside", { class: "facets card" }, facets),
      el("section", { class: "card table-card" }, pager(table),
        table.rows.length ? el("table", { class: "simple", id: "entities-table" },
          el("thead", {}, el("tr", {}, ["name", "type", "kind", "city", "degree"].map((h) => el("th", {}, t("col." + h))))),
          el("tbody", {}, rows)) : el("p", { class: "muted" }, t("table.empty")))));
  }

  async function documentsPage() {
    const table = await api("/api/documents" + window.location.search);
    const rows = table.rows.map((r) => el("tr", {},
      el("td", { class: "num" }, r.document.published || ""),
      el("td", {}, el("a", { href: documentHref(r.document.id) }, r.document.title || t("doc.untitled"))),
      el("td", { class: "muted" }, r.document.source),
      el("td", { class: "num" }, r.facts)));
    show(el("section", { class: "card" }, el("h1", {}, t("documents.title")),
      listingForm("/documents", [sortField(["-published", "published", "title", "-ingested"], "-published")]),
      downloads("documents")),
    el("section", { class: "card table-card" }, pager(table),
      el("table", { class: "simple", id: "documents-table" },
        el("thead", {}, el("tr", {}, ["published", "title", "source", "facts"].map((h) => el("th", {}, t("col." + h))))),
        el("tbody", {}, rows))));
  }

  // -- review queue -----------------------------------------------------------------------
  function quoteBlock(parts) {
    return el("blockquote", { class: "quote review-quote" }, "« ",
      parts.map((p) => (p.party ? el("mark", { class: "party party-" + p.party }, p.text) : p.text)), " »");
  }

  async function reviewPage() {
    const queue = await api("/api/review" + query({ limit: 5 }));
    const total = queue.remaining + queue.reviewed;
    const percent = total ? Math.round((100 * queue.reviewed) / total) : 100;
    const bar = el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": queue.reviewed },
      el("div", { class: "progress-done" }));
    bar.firstChild.style.width = percent + "%"; // CSSOM, allowed by the CSP (no style attribute)
    const progress = el("p", { id: "review-progress" }, t("review.progress", { n: queue.reviewed, total, percent }));
    const current = queue.items[0];
    if (!current) {
      show(card(null, el("h1", {}, t("review.title")), progress, bar, el("p", {}, t("review.empty"))));
      return;
    }
    const fact = current.fact;
    const box = el("section", { class: "card review-item", id: "review-current", "data-fact": fact.id },
      el("p", { class: "reasons" }, current.reasons.map((r) => el("span", { class: "tag reason" }, t("reason." + r)))),
      el("h2", {}, factSentence(fact)),
      el("p", {}, el("span", { class: "tag" }, dateLabel(fact.date, fact.date_precision)), statusTag(fact.status),
        fact.kind ? el("span", { class: "tag" }, I.event(fact.kind)) : "",
        el("span", { class: "tag" }, t("col.confidence") + " " + fact.confidence.toFixed(2)),
        el("span", { class: "tag" }, t("count.sources", { n: fact.evidence_count }))),
      alternativesBlock(fact),
      current.quotes.map((parts, i) => [quoteBlock(parts), sourceLine(fact.evidence[i])]),
      canCurate() ? el("p", { class: "actions review-actions" },
        el("button", { type: "button", class: "accept", onclick: () => decide(fact, "accept", reviewPage) }, t("action.accept") + " (A)"),
        el("button", { type: "button", class: "reject", onclick: () => decide(fact, "reject", reviewPage) }, t("action.reject") + " (R)"),
        el("button", { type: "button", class: "edit", onclick: () => openEdit(fact, box, reviewPage) }, t("action.edit") + " (E)"))
        : el("p", { class: "muted" }, t("review.token")));
    const upcoming = queue.items.slice(1).map((item) => el("li", {}, factSentence(item.fact),
      " ", el("span", { class: "muted" }, item.reasons.map((r) => t("reason." + r)).join(", "))));
    show(card(null, el("h1", {}, t("review.title")), progress, bar, el("p", { class: "muted" }, t("review.keys"))),
      box, upcoming.length ? card(null, el("ol", { class: "upcoming" }, upcoming)) : null);
    state.review = { fact, box };
  }

  function setupReviewKeys() {
    document.addEventListener("keydown", (event) => {
      if (window.location.pathname !== "/review" || !state.review || !canCurate()) return;
      const typing = event.target.closest && event.target.closest("input, select, textarea");
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const { fact, box } = state.review;
      const key = event.key.toLowerCase();
      if (key === "a") { event.preventDefault(); state.review = null; decide(fact, "accept", reviewPage); }
      else if (key === "r") { event.preventDefault(); state.review = null; decide(fact, "reject", reviewPage); }
      else if (key === "e") { event.preventDefault(); openEdit(fact, box, reviewPage); }
    });
  }

  // -- router -----------------------------------------------------------------------------
  async function route() {
    const path = window.location.pathname;
    const tail = (prefix) => decodeURIComponent(path.slice(prefix.length));
    try {
      if (path.startsWith("/entity/")) await entityPage(tail("/entity/"));
      else if (path.startsWith("/document/")) await documentPage(tail("/document/"));
      else if (path === "/search") await searchPage();
      else if (path === "/network") await window.maillageNetwork(ui);
      else if (path === "/facts") await factsPage();
      else if (path === "/entities") await entitiesPage();
      else if (path === "/documents") await documentsPage();
      else if (path === "/review") await reviewPage();
      else await homePage();
    } catch (error) {
      show(card(null, el("h1", {}, error.status === 404 ? t("error.notfound") : t("error.title")),
        el("p", { class: "error-text" }, error.message || t("error.500"))));
    }
  }

  const ui = { el, svg, api, query, show, card, notice, clear, entityLink, entityHref, kindLabel, nameOf,
    factSentence, factBlock, pageParams, legend, state, t, I, downloads, selectField, inputField, EVENT_KINDS,
    PREDICATE_OPTIONS, STATUS_OPTIONS, ENTITY_KIND_OPTIONS, TYPE_OPTIONS };

  document.addEventListener("DOMContentLoaded", async () => {
    translateShell();
    setupSearch();
    setupToken();
    setupReviewKeys();
    await checkToken();
    await route();
  });
})();
