// The network view (/network): the whole graph, or the part the filters select, drawn by
// sigma.js (WebGL) over graphology, laid out by ForceAtlas2 in a worker so the page is
// usable at once; node size by degree, colour by kind or by community (networkx, on the
// server), arrows on directed facts, a year-by-year time slider, hover cards,
// search-to-focus, fit/zoom and PNG/SVG downloads. Names are untrusted: text nodes only.
"use strict";

(function () {
  const LAYOUT_ITERATIONS = 400;
  const APPLY_EVERY = 400;
  const RESUME_AFTER = 1000;
  const DEFAULTS = { linLogMode: false, outboundAttractionDistribution: false, adjustSizes: false,
    edgeWeightInfluence: 1, scalingRatio: 1, strongGravityMode: false, gravity: 1, slowDown: 1,
    barnesHutOptimize: false, barnesHutTheta: 0.5 };

  function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0) / 4294967296;
  }

  window.maillageNetwork = async function (ui) {
    const { el, api, show, card, t, I, pageParams } = ui;
    const colours = window.maillageColours;
    const lib = window.maillageGraph;
    const params = pageParams();
    const form = controls(ui, params);
    const box = el("div", { id: "network", class: "network-canvas", role: "img", "aria-label": t("network.title") });
    const tip = el("div", { class: "tip hover-card", id: "hover-card", hidden: true });
    const note = el("p", { class: "muted", id: "network-note" }, t("loading"));
    const legendBox = el("div", { id: "network-legend" });
    const bar = toolbar(ui);
    show(card(null, el("h1", {}, t("network.title")), form, ui.downloads("facts")),
      el("section", { class: "card" }, bar.node, el("div", { class: "network-box" }, box, tip), note, legendBox));
    if (!lib) {
      note.textContent = t("graph.missing");
      return;
    }
    const found = await api("/api/network" + window.location.search);
    if (!found.edges.length) {
      note.textContent = t("network.empty");
      return;
    }
    const graph = build(lib, found, colours);
    // On big graphs a hover only highlights its node (sigma's hover layer), it does not dim
    // the thousands of others (every node and edge redrawn); search-to-focus still does.
    const view = { year: null, undated: true, focus: null, hovered: null, communities: null, colourBy: "kind",
      dimOnHover: found.nodes.length <= 2000 };
    const renderer = new lib.Sigma(graph, box, {
      nodeProgramClasses: { circle: lib.NodeCircleProgram },
      edgeProgramClasses: { arrow: lib.EdgeArrowProgram, line: lib.EdgeRectangleProgram },
      defaultEdgeType: "line",
      renderEdgeLabels: false,
      hideEdgesOnMove: graph.size > 5000,
      labelRenderedSizeThreshold: 8,
      zIndex: true,
      nodeReducer: (node, data) => nodeLook(graph, view, node, data),
      edgeReducer: (edge, data) => edgeLook(graph, view, edge, data),
    });
    const state = { graph, renderer, view, found, layout: null };
    ui.state.network = state;
    wireHover(ui, state, tip);
    wireTimeSlider(ui, state, bar);
    wireTools(ui, state, bar);
    note.textContent = t("graph.note", { nodes: t("count.entities", { n: found.nodes.length }), edges: t("count.facts", { n: found.edges.length }) })
      + (found.truncated ? " — " + t("network.truncated", { shown: found.edges.length.toLocaleString(I.lang), total: found.total.toLocaleString(I.lang) }) : "");
    legendBox.append(ui.legend(kindsIn(found)));
    box.setAttribute("data-ready", "true");
    startLayout(lib, state, bar);
  };

  function kindsIn(found) {
    const seen = new Set(found.nodes.map((n) => (colours().KIND_COLOURS[n.kind] ? n.kind : n.type)));
    return [...seen].slice(0, 14);
  }

  const colours = () => window.maillageColours;

  // -- controls ---------------------------------------------------------------------------
  function controls(ui, params) {
    const { el, t, I } = ui;
    const check = (name, label) => el("label", {}, el("input", { type: "checkbox", name, value: "true", checked: params.get(name) === "true" }), " " + label);
    return el("form", { class: "filters listing-filters", id: "network-filters", method: "get", action: "/network" },
      ui.selectField("predicate", t("col.predicate"), ui.PREDICATE_OPTIONS.filter(([p]) => p !== "quantity" && p !== "located_in"), null, true),
      ui.selectField("kind", t("col.kind"), ui.EVENT_KINDS.map((k) => [k, I.event(k)]), null, true),
      ui.selectField("status", t("col.status"), ui.STATUS_OPTIONS, null, false),
      ui.selectField("entity_kind", t("facet.entity_kind"), ui.ENTITY_KIND_OPTIONS, null, true),
      ui.inputField("place", t("filter.place"), { size: 14 }),
      ui.inputField("since", t("graph.since"), { placeholder: "AAAA", size: 8 }),
      ui.inputField("until", t("graph.until"), { placeholder: "AAAA", size: 8 }),
      ui.inputField("min_confidence", t("graph.confidence"), { type: "number", min: 0, max: 1, step: 0.05, size: 4 }),
      check("curated_only", t("graph.curated")), check("places", t("network.places")),
      el("button", { type: "submit" }, t("action.filter")));
  }

  function toolbar(ui) {
    const { el, t } = ui;
    const parts = {
      colour: el("select", { id: "colour-by", "aria-label": t("network.colour") },
        el("option", { value: "kind" }, t("network.bykind")), el("option", { value: "community" }, t("network.bycommunity"))),
      slider: el("input", { id: "year-slider", type: "range", min: 0, max: 0, value: 0, step: 1, "aria-label": t("network.year") }),
      year: el("output", { id: "year-shown" }, t("network.allyears")),
      play: el("button", { type: "button", id: "play" }, t("network.play")),
      undated: el("input", { id: "undated", type: "checkbox", checked: true }),
      focus: el("input", { id: "focus", type: "search", list: "network-names", placeholder: t("network.focus"), size: 28 }),
      names: el("datalist", { id: "network-names" }),
      fit: el("button", { type: "button", id: "fit" }, t("network.fit")),
      zoomIn: el("button", { type: "button", id: "zoom-in" }, t("network.zoomin")),
      zoomOut: el("button", { type: "button", id: "zoom-out" }, t("network.zoomout")),
      png: el("button", { type: "button", id: "download-png" }, t("network.png")),
      svgButton: el("button", { type: "button", id: "download-svg" }, t("network.svg")),
      layout: el("button", { type: "button", id: "layout" }, t("network.layout.stop")),
      status: el("span", { id: "network-status", class: "muted" }, ""),
    };
    parts.node = el("div", { class: "toolbar" },
      el("label", {}, t("network.colour") + " ", parts.colour),
      el("label", { class: "slider" }, t("network.year") + " ", parts.slider, " ", parts.year), parts.play,
      el("label", {}, parts.undated, " " + t("network.undated")),
      parts.focus, parts.names, parts.fit, parts.zoomIn, parts.zoomOut, parts.png, parts.svgButton, parts.layout, parts.status);
    return parts;
  }

  // -- the graph --------------------------------------------------------------------------
  function build(lib, found, palette) {
    const graph = new lib.Graph({ multi: true, type: "mixed" });
    const biggest = Math.max(...found.nodes.map((n) => n.degree), 1);
    for (const node of found.nodes) {
      const angle = 2 * Math.PI * hash(node.id);
      const radius = Math.sqrt(hash(node.id + "r"));
      graph.addNode(node.id, {
        label: node.name, x: radius * Math.cos(angle), y: radius * Math.sin(angle),
        size: 2 + 14 * Math.sqrt(node.degree / biggest), color: palette.colourOf(node), kindColor: palette.colourOf(node),
        kind: node.kind, type: "circle", entityType: node.type, places: node.places, degree: node.degree,
        firstYear: null, undatedEdge: false, zIndex: 1,
      });
    }
    for (const edge of found.edges) {
      if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
      graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
        type: edge.directed ? "arrow" : "line", size: 0.6 + edge.confidence,
        color: palette.PREDICATE_COLOURS[edge.predicate] || "#94a3b8", year: edge.year, status: edge.status,
        predicate: edge.predicate,
      });
      for (const end of [edge.source, edge.target]) {
        const attrs = graph.getNodeAttributes(end);
        if (edge.year === null) attrs.undatedEdge = true;
        else if (attrs.firstYear === null || edge.year < attrs.firstYear) attrs.firstYear = edge.year;
      }
    }
    place(graph, biggest);
    return graph;
  }

  // A first placement close to what ForceAtlas2 will find, so that it needs fewer steps and
  // the first frames draw short edges: local hubs stay where the hash put them, every other
  // entity goes next to its best-connected neighbour, in a cloud that grows with that
  // neighbour's degree (most entities of a big graph have one or two facts, to a hub).
  function place(graph, biggest) {
    const order = graph.nodes().sort((a, b) => graph.degree(b) - graph.degree(a));
    const placed = new Set();
    for (const node of order) {
      let anchor = null;
      graph.forEachNeighbor(node, (other) => {
        if (placed.has(other) && (anchor === null || graph.degree(other) > graph.degree(anchor))) anchor = other;
      });
      placed.add(node);
      if (anchor === null) continue;
      const at = graph.getNodeAttributes(anchor);
      const spread = 0.02 + 0.2 * Math.sqrt(graph.degree(anchor) / biggest);
      const angle = 2 * Math.PI * hash(node + "a"), radius = spread * Math.sqrt(hash(node + "d"));
      graph.mergeNodeAttributes(node, { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
    }
  }

  function visibleNode(view, data) {
    if (view.year === null) return true;
    return (view.undated && data.undatedEdge) || (data.firstYear !== null && data.firstYear <= view.year);
  }

  function visibleEdge(view, data) {
    if (view.year === null) return data.year !== null || view.undated;
    return data.year === null ? view.undated : data.year <= view.year;
  }

  function nodeLook(graph, view, node, data) {
    const look = Object.assign({}, data);
    if (!visibleNode(view, data)) return Object.assign(look, { hidden: true });
    if (view.colourBy === "community" && view.communities) {
      const group = view.communities.membership[node];
      look.color = group === undefined ? "#cbd5e1" : colours().PALETTE[group % colours().PALETTE.length];
    }
    const spot = view.focus || (view.dimOnHover ? view.hovered : null);
    if (spot && node !== spot && !graph.areNeighbors(node, spot)) {
      look.color = "#e2e8f0";
      look.label = "";
      look.zIndex = 0;
    } else if (spot) {
      look.zIndex = 2;
      look.forceLabel = true;
      if (node === spot) look.highlighted = true;
    }
    return look;
  }

  function edgeLook(graph, view, edge, data) {
    const look = Object.assign({}, data);
    if (!visibleEdge(view, data)) return Object.assign(look, { hidden: true });
    const spot = view.focus || (view.dimOnHover ? view.hovered : null);
    if (spot && !graph.extremities(edge).includes(spot)) look.hidden = true;
    return look;
  }

  // -- ForceAtlas2 in a worker ------------------------------------------------------------
  // Each applied step costs sigma a whole re-indexing and redraw, which an input would
  // wait behind: the layout pauses while the user moves, wheels or drags on the graph or
  // the camera moves, resumes RESUME_AFTER ms after, and its positions are applied at most
  // every APPLY_EVERY ms, or three times the last redraw's cost if that is longer.
  function startLayout(lib, state, bar) {
    const matrices = lib.graphToByteArrays(state.graph, (_e, attrs) => attrs.size || 1);
    const settings = Object.assign({}, DEFAULTS, lib.inferSettings(state.graph),
      { barnesHutOptimize: state.graph.order > 500, iterationsPerMessage: state.graph.order > 2000 ? 5 : 1 });
    let worker;
    try {
      worker = new Worker("/static/vendor/layout-worker.js");
    } catch (_error) {
      bar.status.textContent = "";
      return;
    }
    const { t } = window.maillageI18n;
    const box = document.getElementById("network");
    const layout = { worker, iterations: 0, running: false, paused: false, latest: null, due: 0, idle: null };
    const show = (phase) => {
      box.setAttribute("data-layout", phase);
      bar.status.textContent = phase === "done" ? "" : t(phase === "paused" ? "network.layout.paused" : "network.layout.run");
      bar.layout.textContent = t(phase === "done" ? "network.layout.start" : "network.layout.stop");
    };
    const apply = () => {
      if (!layout.latest || layout.paused) return;
      const started = performance.now();
      lib.assignLayoutChanges(state.graph, layout.latest, null);
      layout.latest = null;
      layout.due = Infinity;
      afterFrame(() => { layout.due = performance.now() + Math.max(APPLY_EVERY, 3 * (performance.now() - started)); });
    };
    const run = (on) => worker.postMessage({ run: on });
    layout.stop = () => {
      layout.running = false;
      run(false);
      show("done");
    };
    const start = () => {
      layout.iterations = 0;
      layout.running = true;
      layout.paused = false;
      run(true);
      show("running");
    };
    const resume = () => {
      clearTimeout(layout.idle);
      if (!layout.paused) return;
      layout.paused = false;
      if (!layout.running) return;
      run(true);
      show("running");
      requestAnimationFrame(apply);
    };
    const pause = () => {
      clearTimeout(layout.idle);
      layout.idle = setTimeout(resume, RESUME_AFTER);
      if (layout.paused) return;
      layout.paused = true;
      if (!layout.running) return;
      run(false);
      show("paused");
    };
    for (const type of ["pointermove", "pointerdown", "wheel", "touchstart"]) box.addEventListener(type, pause, { capture: true, passive: true });
    box.addEventListener("pointerleave", resume);
    state.renderer.getCamera().on("updated", pause);
    worker.addEventListener("message", (event) => {
      if (!layout.running) return;
      layout.latest = new Float32Array(event.data.nodes);
      layout.iterations += settings.iterationsPerMessage;
      if (layout.iterations >= LAYOUT_ITERATIONS) {
        layout.paused = false;
        apply();
        layout.stop();
        return;
      }
      if (!layout.paused && performance.now() >= layout.due) requestAnimationFrame(apply);
    });
    bar.layout.addEventListener("click", () => (layout.running ? layout.stop() : start()));
    state.layout = layout;
    worker.postMessage({ nodes: matrices.nodes.buffer, edges: matrices.edges.buffer, settings }, [matrices.nodes.buffer, matrices.edges.buffer]);
    start();
  }

  // After the next frame has been painted.
  function afterFrame(then) {
    requestAnimationFrame(() => requestAnimationFrame(then));
  }

  // -- hover cards and focus --------------------------------------------------------------
  function wireHover(ui, state, tip) {
    const { el, t, I } = ui;
    const { renderer, graph, view } = state;
    renderer.on("enterNode", ({ node }) => {
      view.hovered = node;
      const data = graph.getNodeAttributes(node);
      const position = renderer.graphToViewport(data);
      ui.clear(tip);
      const group = view.communities ? view.communities.membership[node] : undefined;
      // Element.append writes a null as the text "null": the lines a node lacks are dropped.
      tip.append(...[el("strong", {}, data.label),
        el("div", {}, [I.type(data.entityType), data.kind ? I.kind(data.kind) : null].filter(Boolean).join(" · ")),
        el("div", {}, t("network.degree", { n: graph.degree(node) })),
        data.places && data.places.length ? el("div", {}, t("network.places.of", { places: data.places.join(", ") })) : null,
        group !== undefined ? el("div", {}, t("network.community", { n: group + 1 })) : null,
        el("div", { class: "muted" }, t("network.open"))].filter(Boolean));
      tip.style.left = Math.round(position.x + 14) + "px";
      tip.style.top = Math.round(position.y + 10) + "px";
      tip.hidden = false;
      redraw(renderer, view);
    });
    renderer.on("leaveNode", () => {
      view.hovered = null;
      tip.hidden = true;
      redraw(renderer, view);
    });
    renderer.on("clickNode", ({ node }) => window.location.assign(ui.entityHref(node)));
  }

  // Sigma draws the hovered node on its hover layer by itself; a whole redraw is only
  // needed where a hover dims the rest of the graph.
  function redraw(renderer, view) {
    if (view.dimOnHover) renderer.refresh({ skipIndexation: true });
  }

  function focusOn(state, node) {
    const { renderer, view } = state;
    view.focus = node;
    renderer.refresh({ skipIndexation: true });
    if (!node) return;
    const position = renderer.getNodeDisplayData(node);
    if (position) renderer.getCamera().animate({ x: position.x, y: position.y, ratio: 0.25 }, { duration: 400 });
  }

  // -- the time slider --------------------------------------------------------------------
  function wireTimeSlider(ui, state, bar) {
    const { t } = ui;
    const years = state.found.years;
    const { view, renderer } = state;
    if (years.length !== 2) {
      bar.slider.disabled = true;
      bar.play.disabled = true;
      return;
    }
    bar.slider.min = years[0] - 1;
    bar.slider.max = years[1];
    bar.slider.value = years[1];
    const apply = () => {
      const value = Number(bar.slider.value);
      view.year = value >= years[1] ? null : value;
      bar.year.textContent = view.year === null ? t("network.allyears") : String(view.year);
      renderer.refresh({ skipIndexation: true });
    };
    bar.slider.addEventListener("input", apply);
    bar.undated.addEventListener("change", () => { view.undated = bar.undated.checked; apply(); });
    let timer = null;
    bar.play.addEventListener("click", () => {
      if (timer) { clearInterval(timer); timer = null; bar.play.textContent = t("network.play"); return; }
      bar.slider.value = years[0] - 1;
      apply();
      bar.play.textContent = t("network.pause");
      timer = setInterval(() => {
        bar.slider.value = Number(bar.slider.value) + 1;
        apply();
        if (Number(bar.slider.value) >= years[1]) { clearInterval(timer); timer = null; bar.play.textContent = t("network.play"); }
      }, 700);
    });
  }

  // -- tools: colour, search-to-focus, fit/zoom, downloads --------------------------------
  function wireTools(ui, state, bar) {
    const { t } = ui;
    const { renderer, graph, view } = state;
    const byName = new Map();
    graph.forEachNode((node, data) => { byName.set(data.label, node); });
    // Thousands of suggestions: filled after the first frame, sorted by one collator.
    afterFrame(() => {
      const names = [...byName.keys()].sort(new Intl.Collator(ui.I.lang).compare).slice(0, 5000);
      bar.names.append(...names.map((name) => ui.el("option", { value: name })));
    });
    bar.focus.addEventListener("change", () => focusOn(state, byName.get(bar.focus.value) || null));
    bar.focus.addEventListener("keydown", (event) => { if (event.key === "Escape") { bar.focus.value = ""; focusOn(state, null); } });
    const camera = renderer.getCamera();
    bar.fit.addEventListener("click", () => { focusOn(state, null); camera.animatedReset({ duration: 300 }); });
    bar.zoomIn.addEventListener("click", () => camera.animatedZoom({ duration: 200 }));
    bar.zoomOut.addEventListener("click", () => camera.animatedUnzoom({ duration: 200 }));
    bar.colour.addEventListener("change", async () => {
      view.colourBy = bar.colour.value;
      if (view.colourBy === "community" && !view.communities) {
        bar.status.textContent = t("network.communities");
        view.communities = await ui.api("/api/network/communities" + window.location.search);
        bar.status.textContent = "";
        document.getElementById("network").setAttribute("data-communities", String(view.communities.communities.length));
      }
      renderer.refresh({ skipIndexation: true });
    });
    bar.png.addEventListener("click", () => download(pngOf(renderer), "maillage-reseau.png"));
    bar.svgButton.addEventListener("click", () => {
      const blob = new Blob([svgOf(state)], { type: "image/svg+xml" });
      download(URL.createObjectURL(blob), "maillage-reseau.svg");
    });
  }

  function download(url, name) {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  }

  // The layers sigma draws (WebGL and 2D canvases), composed on a white background.
  function pngOf(renderer) {
    renderer.refresh();
    const { width, height } = renderer.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement("canvas");
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    for (const layer of Object.values(renderer.getCanvases())) context.drawImage(layer, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL("image/png");
  }

  // The visible nodes and edges at their screen positions, as standalone SVG.
  function svgOf(state) {
    const { renderer, graph, view } = state;
    const { width, height } = renderer.getDimensions();
    const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    const parts = [];
    graph.forEachEdge((edge, data, source, target) => {
      const s = graph.getNodeAttributes(source), e = graph.getNodeAttributes(target);
      if (!visibleEdge(view, data) || !visibleNode(view, s) || !visibleNode(view, e)) return;
      const a = renderer.graphToViewport(s), b = renderer.graphToViewport(e);
      parts.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${escape(data.color)}" stroke-width="0.8"${data.type === "arrow" ? ' marker-end="url(#arrow)"' : ""}/>`);
    });
    graph.forEachNode((node, data) => {
      if (!visibleNode(view, data)) return;
      const look = nodeLook(graph, view, node, data);
      const p = renderer.graphToViewport(data);
      const r = Math.max(renderer.scaleSize(data.size), 1.5);
      parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${escape(look.color)}"><title>${escape(data.label)}</title></circle>`);
      if (r >= 5) parts.push(`<text x="${(p.x + r + 2).toFixed(1)}" y="${(p.y + 3).toFixed(1)}" font-size="10" font-family="sans-serif">${escape(data.label)}</text>`);
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
      + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#64748b"/></marker></defs>'
      + `<rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>`;
  }
})();
