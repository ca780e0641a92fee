// newskg viz: draws the actor network embedded in #viz-data as SVG.
// Every string from the data reaches the page through textContent or a plain attribute
// (never innerHTML), so a name or sentence holding markup shows as text.
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const UNIT = 80;            // pixels per layout unit
  const LABEL_ZOOM = 1.4;     // from this zoom every relation is a candidate for a label
  const FEW_EDGES = 40;       // this few relations are always candidates
  const NODE_FONT = 12, EDGE_FONT = 10; // label sizes in screen pixels at any zoom
  const BOLD_LABELS = 10;     // names that may cover lesser nodes rather than go unwritten
  const EVIDENCE_SHOWN = 3;   // sentences per fact in an actor's panel
  const LABEL_CHARS = 34;

  const data = JSON.parse(document.getElementById("viz-data").textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const svg = document.getElementById("graph");
  const viewport = document.getElementById("viewport");
  const details = document.getElementById("details");
  const relationIndex = new Map(data.relations.map((r, i) => [r.name, i]));
  const kindOn = new Map(data.kinds.map((k) => [k.name, true]));
  const relationOn = new Map(data.relations.map((r) => [r.name, true]));
  const incident = nodes.map(() => []);
  edges.forEach((e, i) => {
    incident[e.source].push(i);
    if (e.target !== e.source) incident[e.target].push(i);
  });
  const nodeEls = [];
  const edgeEls = [];
  const edgeLabelEls = [];
  const nodeLabelEls = [];
  const view = { k: 1, x: 0, y: 0 };
  const edgeShape = [];
  let selected = null;
  let labelTimer = 0;

  // --- small DOM helpers ------------------------------------------------------------

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  function svgEl(tag, attributes) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) e.setAttribute(name, String(value));
    return e;
  }

  function swatch(color, kind) {
    const s = el("span", "swatch" + (kind ? " " + kind : ""));
    s.style.background = color;
    return s;
  }

  function shorten(text) {
    return text.length > LABEL_CHARS ? text.slice(0, LABEL_CHARS - 1) + "\u2026" : text;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  // --- drawing ------------------------------------------------------------------------

  function kindColor(kind) {
    const found = data.kinds.find((k) => k.name === kind);
    return found ? found.color : "#888888";
  }

  function drawMarkers() {
    const defs = document.getElementById("markers");
    data.relations.forEach((r, i) => {
      const marker = svgEl("marker", {
        id: "arrow-" + i, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto",
      });
      marker.appendChild(svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: r.color }));
      defs.appendChild(marker);
    });
  }

  // Parallel relations between two actors bend apart; the offset is in pixels.
  function bends() {
    const groups = new Map();
    edges.forEach((e, i) => {
      const key = Math.min(e.source, e.target) + "," + Math.max(e.source, e.target);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    });
    const offset = new Array(edges.length).fill(0);
    for (const members of groups.values()) {
      members.forEach((i, n) => { offset[i] = (n - (members.length - 1) / 2) * 18; });
    }
    return offset;
  }

  // Zoomed out, nodes shrink slower than the drawing so they stay visible.
  function growth() {
    return view.k < 1 ? 1 / Math.sqrt(view.k) : 1;
  }

  function geometry(e, bend) {
    const a = nodes[e.source], b = nodes[e.target], grow = growth();
    const ax = a.x * UNIT, ay = a.y * UNIT, bx = b.x * UNIT, by = b.y * UNIT;
    // The bend's side follows the pair's index order, so opposite edges part too.
    const [p, q] = e.source < e.target ? [[ax, ay], [bx, by]] : [[bx, by], [ax, ay]];
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
    const nx = -(q[1] - p[1]) / length, ny = (q[0] - p[0]) / length;
    const cx = (ax + bx) / 2 + nx * bend * 2, cy = (ay + by) / 2 + ny * bend * 2;
    const toward = (x, y, r) => {
      const d = Math.hypot(cx - x, cy - y) || 1;
      return [x + (cx - x) / d * r, y + (cy - y) / d * r];
    };
    const [sx, sy] = toward(ax, ay, a.r * grow);
    const [ex, ey] = toward(bx, by, b.r * grow + 2 / view.k);
    return {
      d: "M" + sx.toFixed(1) + "," + sy.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) +
        " " + ex.toFixed(1) + "," + ey.toFixed(1),
      mx: 0.25 * sx + 0.5 * cx + 0.25 * ex,
      my: 0.25 * sy + 0.5 * cy + 0.25 * ey,
    };
  }

  function drawEdges() {
    const group = document.getElementById("edges");
    const labels = document.getElementById("edge-labels");
    edges.forEach((e, i) => {
      const relation = data.relations[relationIndex.get(e.relation)];
      const g = svgEl("g", { class: "edge" + (e.weak ? " weak" : ""), "data-index": i });
      const title = svgEl("title");
      title.textContent = nodes[e.source].label + " " + e.label + " " + nodes[e.target].label;
      g.appendChild(title);
      g.appendChild(svgEl("path", { class: "hit" }));
      const line = svgEl("path", { class: "line", stroke: relation.color });
      if (e.source !== e.target) line.setAttribute("marker-end", "url(#arrow-" + relationIndex.get(e.relation) + ")");
      g.appendChild(line);
      group.appendChild(g);
      const text = svgEl("text", { class: "edge-label", "data-index": i, "text-anchor": "middle", dy: "0.35em" });
      text.textContent = e.label;
      labels.appendChild(text);
      edgeEls.push(g);
      edgeLabelEls.push(text);
    });
  }

  // Node radii, edge ends and name offsets depend on the zoom (see growth()).
  function reshape() {
    const grow = growth();
    const offset = bends();
    nodeEls.forEach((g, i) => {
      const n = nodes[i];
      g.firstChild.nextSibling.setAttribute("r", (n.r * grow).toFixed(2));
    });
    edges.forEach((e, i) => {
      const shape = geometry(e, offset[i] / Math.max(view.k, 0.5));
      edgeShape[i] = shape;
      for (const path of edgeEls[i].querySelectorAll("path")) path.setAttribute("d", shape.d);
      edgeLabelEls[i].setAttribute("x", shape.mx.toFixed(1));
      edgeLabelEls[i].setAttribute("y", shape.my.toFixed(1));
    });
  }

  // --- labels that do not pile up -------------------------------------------------------

  const measure = document.createElement("canvas").getContext("2d");
  const widths = new Map();

  function textWidth(text, size) {
    if (!widths.has(text)) {
      measure.font = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
      widths.set(text, measure.measureText(text).width);
    }
    return widths.get(text) * size / 12;
  }

  function overlaps(box, boxes) {
    for (const b of boxes) {
      if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) return true;
    }
    return false;
  }

  // Names first (the selection, its neighbours and search matches before the rest, most
  // central first), then relations; a label that would cover another label or a node
  // is left out until zooming in makes room.
  function placeLabels() {
    const k = view.k, grow = growth();
    const shown = (g) => !g.classList.contains("hidden");
    const circles = [];
    nodes.forEach((n, i) => {
      if (!shown(nodeEls[i])) return;
      const r = n.r * grow * k, x = n.x * UNIT * k, y = n.y * UNIT * k;
      circles.push([x - r, y - r, x + r, y + r, i]);
    });
    // Names stay inside the drawing area: they keep their size, so they can stick out.
    const area = svg.getBoundingClientRect();
    const inside = (box) => box[0] + view.x >= 2 && box[2] + view.x <= area.width - 2;
    const placed = [];
    const first = (g) => g.classList.contains("near") || g.classList.contains("match") ? 0 : 1;
    const order = nodes.map((_, i) => i).filter((i) => shown(nodeEls[i]))
      .sort((a, b) => first(nodeEls[a]) - first(nodeEls[b]) || a - b);
    const rank = new Map(order.map((i, n) => [i, n]));
    for (const c of circles) c.push(rank.get(c[4]));
    for (const i of order) {
      const n = nodes[i], text = nodeLabelEls[i];
      // The first few names may cover nodes ranked after them; others cover no node.
      const bold = rank.get(i) < BOLD_LABELS;
      const others = circles.filter((c) => c[4] !== i && (!bold || c[5] <= rank.get(i)));
      const x = n.x * UNIT * k, y = n.y * UNIT * k, gap = n.r * grow * k + 3;
      const w = textWidth(text.textContent, NODE_FONT), h = NODE_FONT * 0.6;
      // Right, left, below, above the node: [label centre x, centre y, anchor].
      const spots = [
        [x + gap + w / 2, y, "start"], [x - gap - w / 2, y, "end"],
        [x, y + gap + h, "middle"], [x, y - gap - h, "middle"],
      ];
      let free = false;
      for (const [cx, cy, anchor] of spots) {
        const box = [cx - w / 2, cy - h, cx + w / 2, cy + h];
        if (!inside(box) || overlaps(box, placed) || overlaps(box, others)) continue;
        placed.push(box);
        const tx = anchor === "start" ? cx - w / 2 : anchor === "end" ? cx + w / 2 : cx;
        text.setAttribute("x", (tx / k).toFixed(1));
        text.setAttribute("y", (cy / k).toFixed(1));
        text.setAttribute("text-anchor", anchor);
        free = true;
        break;
      }
      text.classList.toggle("on", free);
    }
    const every = k >= LABEL_ZOOM || edges.length <= FEW_EDGES;
    edges.forEach((e, i) => {
      const candidate = shown(edgeEls[i]) && (every || edgeEls[i].classList.contains("near"));
      let free = false;
      if (candidate && edgeShape[i]) {
        const w = textWidth(e.label, EDGE_FONT) / 2 + 2, h = EDGE_FONT * 0.6;
        const x = edgeShape[i].mx * k, y = edgeShape[i].my * k;
        const box = [x - w, y - h, x + w, y + h];
        free = !overlaps(box, placed) && !overlaps(box, circles);
        if (free) placed.push(box);
      }
      edgeLabelEls[i].classList.toggle("on", free);
    });
  }

  // Placing labels is quadratic: on large drawings it waits until the zooming stops.
  function relabelSoon() {
    window.clearTimeout(labelTimer);
    if (nodes.length <= 400) placeLabels();
    else labelTimer = window.setTimeout(placeLabels, 80);
  }

  function drawNodes() {
    const group = document.getElementById("nodes");
    const labels = document.getElementById("node-labels");
    nodes.forEach((n, i) => {
      const cls = "node" + (n.focus ? " focus" : "");
      const g = svgEl("g", { class: cls, "data-index": i, "data-kind": n.kind });
      const title = svgEl("title");
      title.textContent = n.label + " (" + n.kind + ")";
      g.appendChild(title);
      g.appendChild(svgEl("circle", { cx: n.x * UNIT, cy: n.y * UNIT, r: n.r, fill: kindColor(n.kind) }));
      group.appendChild(g);
      nodeEls.push(g);
      const text = svgEl("text", { class: "node-label" + (n.focus ? " focus" : ""), x: n.x * UNIT, y: n.y * UNIT, dy: "0.35em" });
      text.textContent = shorten(n.label);
      labels.appendChild(text);
      nodeLabelEls.push(text);
    });
  }

  // --- pan and zoom -------------------------------------------------------------------

  let shapedAt = 0;

  function applyView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    if (view.k !== shapedAt) {
      shapedAt = view.k;
      svg.style.setProperty("--k", String(view.k));
      reshape();
      relabelSoon();
    }
  }

  function zoomAt(factor, px, py) {
    const k = Math.min(8, Math.max(0.05, view.k * factor));
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }

  function fit() {
    const box = svg.getBoundingClientRect();
    if (!nodes.length || !box.width || !box.height) return applyView();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of nodes) {
      x0 = Math.min(x0, n.x * UNIT - n.r); y0 = Math.min(y0, n.y * UNIT - n.r);
      x1 = Math.max(x1, n.x * UNIT + n.r); y1 = Math.max(y1, n.y * UNIT + n.r);
    }
    // Names keep their size at any zoom: leave screen room for them on either side.
    const padX = Math.min(110, box.width / 6), padY = 30;
    const k = Math.min(1.25, (box.width - 2 * padX) / (x1 - x0 || 1), (box.height - 2 * padY) / (y1 - y0 || 1));
    view.k = Math.max(0.05, k);
    view.x = (box.width - (x1 - x0) * view.k) / 2 - x0 * view.k;
    view.y = (box.height - (y1 - y0) * view.k) / 2 - y0 * view.k;
    applyView();
  }

  function centerOn(i) {
    const box = svg.getBoundingClientRect();
    view.k = Math.max(view.k, 1);
    view.x = box.width / 2 - nodes[i].x * UNIT * view.k;
    view.y = box.height / 2 - nodes[i].y * UNIT * view.k;
    applyView();
    placeLabels(); // the view moved: names near the edges may fit now, or no longer
  }

  function enablePanZoom() {
    let drag = null, dragged = false;
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = svg.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    svg.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
      dragged = false;
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        svg.classList.add("panning");
      }
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      applyView();
    });
    const stop = () => {
      if (drag && drag.moved) { dragged = true; placeLabels(); }
      drag = null;
      svg.classList.remove("panning");
    };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    svg.addEventListener("click", (event) => {
      if (dragged) { dragged = false; return; }
      const node = event.target.closest(".node");
      const edge = event.target.closest(".edge, .edge-label");
      if (node) selectNode(Number(node.dataset.index));
      else if (edge) selectEdge(Number(edge.dataset.index));
      else clearSelection();
    });
    const middle = () => {
      const box = svg.getBoundingClientRect();
      return [box.width / 2, box.height / 2];
    };
    document.getElementById("zoom-in").addEventListener("click", () => zoomAt(1.4, ...middle()));
    document.getElementById("zoom-out").addEventListener("click", () => zoomAt(1 / 1.4, ...middle()));
    document.getElementById("zoom-fit").addEventListener("click", fit);
    window.addEventListener("resize", fit);
  }

  // --- the details panel --------------------------------------------------------------

  function actorLink(i, current) {
    if (i === current) return el("strong", "", nodes[i].label);
    const button = el("button", "actor-link", nodes[i].label);
    button.type = "button";
    button.addEventListener("click", () => { selectNode(i); centerOn(i); });
    return button;
  }

  function evidenceList(e, limit) {
    const box = el("div", "evidence-list");
    const shown = limit ? e.evidence.slice(0, limit) : e.evidence;
    for (const [article, sentence] of shown) {
      const quote = el("blockquote", "evidence");
      quote.appendChild(el("span", "sentence", sentence));
      quote.appendChild(el("cite", "article", article));
      box.appendChild(quote);
    }
    if (shown.length < e.evidence.length) {
      box.appendChild(el("p", "more", "and " + plural(e.evidence.length - shown.length, "more sentence")));
    }
    return box;
  }

  function support(e) {
    const text = plural(e.articles, "article");
    return e.weak ? text + " \u00b7 named together (not a stated fact)" : text + " \u00b7 confidence " + e.confidence;
  }

  function factLine(e, current) {
    const relation = data.relations[relationIndex.get(e.relation)];
    const head = el("div", "fact-head");
    head.append(actorLink(e.source, current), " ");
    const name = el("span", "relation-name", e.label);
    name.style.color = relation.color;
    head.append(name, " ", actorLink(e.target, current));
    return head;
  }

  function definitions(pairs) {
    const list = el("dl");
    for (const [term, value] of pairs) {
      if (value === "" || value === undefined) continue;
      list.appendChild(el("dt", "", term));
      list.appendChild(el("dd", "", value));
    }
    return list;
  }

  function showNode(i) {
    const n = nodes[i];
    details.replaceChildren();
    details.appendChild(el("h2", "", n.label));
    const kind = el("p", "kind");
    kind.append(swatch(kindColor(n.kind)), " " + n.kind + (n.type ? " \u00b7 " + n.type : ""));
    details.appendChild(kind);
    details.appendChild(definitions([
      ["Articles", String(n.articles)],
      [data.measure + " centrality", String(n.score)],
      ["Also called", n.aliases.join("; ")],
      ["IRI", n.id],
    ]));
    const facts = incident[i].slice().sort((a, b) =>
      relationIndex.get(edges[a].relation) - relationIndex.get(edges[b].relation) || a - b);
    details.appendChild(el("h3", "", facts.length ? "Facts (" + facts.length + ")" : "Facts"));
    if (!facts.length) {
      details.appendChild(el("p", "hint", "No relation to the actors drawn here."));
    }
    for (const j of facts) {
      const e = edges[j];
      const fact = el("div", "fact");
      fact.appendChild(factLine(e, i));
      for (const detail of e.details) fact.appendChild(el("p", "detail", detail));
      fact.appendChild(el("p", "more", support(e)));
      fact.appendChild(evidenceList(e, EVIDENCE_SHOWN));
      details.appendChild(fact);
    }
  }

  function showEdge(i) {
    const e = edges[i];
    details.replaceChildren();
    const head = el("h2");
    head.appendChild(factLine(e, -1));
    details.appendChild(head);
    details.appendChild(definitions([
      ["Relation", e.label],
      ["Support", support(e)],
    ]));
    for (const detail of e.details) details.appendChild(el("p", "detail", detail));
    details.appendChild(el("h3", "", "Evidence (" + plural(e.evidence.length, "sentence") + ")"));
    details.appendChild(evidenceList(e, 0));
  }

  // --- selection, search and filters ---------------------------------------------------

  function mark(nodeSet, edgeSet) {
    nodeEls.forEach((g, i) => g.classList.toggle("near", nodeSet.has(i)));
    nodeLabelEls.forEach((t, i) => t.classList.toggle("near", nodeSet.has(i)));
    edgeEls.forEach((g, i) => g.classList.toggle("near", edgeSet.has(i)));
    edgeLabelEls.forEach((t, i) => t.classList.toggle("near", edgeSet.has(i)));
    svg.classList.toggle("has-selection", nodeSet.size > 0);
    placeLabels();
  }

  function clearSelection() {
    if (selected) selected.classList.remove("selected");
    selected = null;
    mark(new Set(), new Set());
  }

  function selectNode(i) {
    clearSelection();
    selected = nodeEls[i];
    selected.classList.add("selected");
    const near = new Set([i]);
    for (const j of incident[i]) { near.add(edges[j].source); near.add(edges[j].target); }
    mark(near, new Set(incident[i]));
    showNode(i);
  }

  function selectEdge(i) {
    clearSelection();
    selected = edgeEls[i];
    selected.classList.add("selected");
    mark(new Set([edges[i].source, edges[i].target]), new Set([i]));
    showEdge(i);
  }

  const searchable = nodes.map((n) => [n.label, ...n.aliases].map(fold));

  function search(query) {
    const q = fold(query);
    const results = document.getElementById("search-results");
    const status = document.getElementById("search-status");
    results.replaceChildren();
    nodeEls.forEach((g) => g.classList.remove("match"));
    nodeLabelEls.forEach((t) => t.classList.remove("match"));
    svg.classList.toggle("searching", q !== "");
    if (!q) { status.textContent = ""; placeLabels(); return []; }
    const rank = (names) => (names[0] === q ? 0 : names[0].startsWith(q) ? 1 : 2);
    const found = nodes.map((_, i) => i).filter((i) => searchable[i].some((name) => name.includes(q)))
      .sort((a, b) => rank(searchable[a]) - rank(searchable[b]) || a - b);
    for (const i of found) { nodeEls[i].classList.add("match"); nodeLabelEls[i].classList.add("match"); }
    placeLabels();
    status.textContent = found.length
      ? plural(found.length, "actor") + " found"
      : "No actor named \u201c" + query + "\u201d" + (data.cut ? " among those drawn" : "");
    for (const i of found.slice(0, 10)) {
      const item = el("li");
      const button = el("button", "", nodes[i].label);
      button.type = "button";
      button.dataset.index = String(i);
      button.addEventListener("click", () => { selectNode(i); centerOn(i); });
      item.appendChild(button);
      results.appendChild(item);
    }
    return found;
  }

  function enableSearch() {
    const input = document.getElementById("search");
    input.addEventListener("input", () => search(input.value));
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const found = search(input.value);
      if (found.length) { selectNode(found[0]); centerOn(found[0]); }
    });
  }

  function refresh() {
    const nodeShown = nodes.map((n) => kindOn.get(n.kind) !== false);
    let shownNodes = 0, shownEdges = 0;
    nodeEls.forEach((g, i) => {
      g.classList.toggle("hidden", !nodeShown[i]);
      nodeLabelEls[i].classList.toggle("hidden", !nodeShown[i]);
      shownNodes += nodeShown[i];
    });
    edges.forEach((e, i) => {
      const shown = relationOn.get(e.relation) !== false && nodeShown[e.source] && nodeShown[e.target];
      edgeEls[i].classList.toggle("hidden", !shown);
      edgeLabelEls[i].classList.toggle("hidden", !shown);
      shownEdges += shown;
    });
    placeLabels();
    document.getElementById("stats").textContent =
      "Showing " + shownNodes + " of " + plural(nodes.length, "actor") + " and " +
      shownEdges + " of " + plural(edges.length, "relation") + ".";
  }

  function checkbox(box, name, label, color, count, on, kind) {
    const row = el("label");
    const input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = name;
    input.addEventListener("change", () => { on.set(name, input.checked); refresh(); });
    row.append(input, swatch(color, kind), el("span", "", label), el("span", "count", count));
    box.appendChild(row);
  }

  function drawControls() {
    document.getElementById("title").textContent = data.title;
    document.getElementById("subtitle").textContent = data.subtitle;
    document.getElementById("measure").textContent = data.measure;
    const notice = document.getElementById("notice");
    notice.textContent = data.notice;
    notice.hidden = !data.notice;
    const kinds = document.getElementById("kinds");
    for (const k of data.kinds) checkbox(kinds, k.name, k.name, k.color, k.count, kindOn, "");
    const relations = document.getElementById("relations");
    for (const r of data.relations) {
      checkbox(relations, r.name, r.label, r.color, r.count, relationOn, "line" + (r.weak ? " weak" : ""));
    }
    if (!data.relations.length) relations.appendChild(el("p", "hint", "No relation among these actors."));
  }

  drawControls();
  drawMarkers();
  drawEdges();
  drawNodes();
  enablePanZoom();
  enableSearch();
  fit();
  refresh();
  if (data.focus) {
    const center = nodes.findIndex((n) => n.id === data.focus);
    if (center >= 0) selectNode(center);
  }
  window.vizRenderMs = performance.now();
  document.documentElement.dataset.ready = "true";
})();
