// winfleet dashboard: plain JavaScript and the bundled Chart.js (vendor/), nothing loaded from
// other hosts. Every value from the API is put in the page with textContent, never as HTML.
// Every chart has its numbers next to it in a real table; the tests read those.
"use strict";

(function () {
  const MODE_TEXT = {
    "process": ["✔", "process", "runs with process isolation (what Kubernetes uses)"],
    "hyperv-only": ["◐", "Hyper-V only", "only Hyper-V isolation would run it; Kubernetes does not schedule that"],
    "none": ["✖", "none", "cannot run there"],
    "unknown": ["?", "unknown", "the image's OS or build is not known"]
  };
  const SEVERITIES = ["error", "warning", "info"];
  const SEVERITY_SYMBOL = { error: "✖", warning: "▲", info: "ℹ" };
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
  // Worst first, as the planner sorts them.
  const STATUSES = ["breaks", "rebuild", "reschedule", "already-broken", "ok"];
  const STATUS_TEXT = {
    "breaks": ["✖", "breaks", "runs today, not after the upgrade"],
    "rebuild": ["▲", "rebuild", "its image must change"],
    "reschedule": ["↻", "reschedule", "its selector must follow; the image stays"],
    "already-broken": ["⊘", "already broken", "could not run before the upgrade either"],
    "ok": ["✔", "ok", "still runs"]
  };
  const REFRESH_SECONDS = 30;

  /** Creates an element: el("td", {class: "x"}, "text", otherNode). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function badge(cls, symbol, text) {
    return el("span", { class: "badge " + cls }, el("span", { "aria-hidden": "true" }, symbol + " "), text);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function showError(message) {
    const box = document.getElementById("error");
    box.textContent = message;
    box.hidden = false;
  }

  function clearError() {
    const box = document.getElementById("error");
    box.textContent = "";
    box.hidden = true;
  }

  /** GET a JSON API; rejects with the API's own error and fix when it answers 4xx. */
  async function api(path) {
    let response;
    try {
      response = await fetch(path, { headers: { "Accept": "application/json" } });
    } catch (e) {
      // A dropped connection (a busy server, a restart): one more try before saying so.
      await new Promise((resolve) => setTimeout(resolve, 500));
      response = await fetch(path, { headers: { "Accept": "application/json" } });
    }
    const body = await response.json();
    if (!response.ok) {
      throw new Error((body.error || ("HTTP " + response.status)) + (body.fix ? ": " + body.fix : ""));
    }
    return body;
  }

  // ---- Deep links: #view?key=value&... restores the view and its filters. ----

  const VIEWS = ["fleet", "matrix", "workloads", "simulate", "prepull", "verdicts"];
  const viewParams = { fleet: {}, matrix: {}, workloads: {}, simulate: {}, prepull: {}, verdicts: {} };
  let currentView = "fleet";

  function parseHash() {
    const raw = decodeURIComponent(location.hash.replace(/^#/, ""));
    const [view, query] = raw.split("?");
    return { view: VIEWS.includes(view) ? view : "fleet", params: Object.fromEntries(new URLSearchParams(query || "")) };
  }

  function writeHash() {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(viewParams[currentView])) if (v) params.set(k, v);
    const hash = "#" + currentView + (params.toString() ? "?" + params : "");
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  // ---- Tabs: arrow keys, Home and End move between them (WAI-ARIA tabs pattern). ----

  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));

  function selectTab(tab, focus) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", selected ? "true" : "false");
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
    }
    if (focus) tab.focus();
    currentView = tab.id.replace(/^tab-/, "");
    writeHash();
    // While the page starts, start() loads these once; afterwards, opening the tab does.
    const started = document.body.dataset.ready === "true";
    if (currentView === "verdicts" && started) loadVerdicts();
    if (currentView === "prepull" && !prepullShown && started) runPrepull();
    // A chart drawn while its panel was hidden has no size: draw the panel's charts again.
    for (const chart of Object.values(charts)) if (chart) chart.resize();
  }

  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab, true));
    tab.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(tab);
      let next = null;
      if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
      else if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") next = tabs[0];
      else if (event.key === "End") next = tabs[tabs.length - 1];
      if (next) {
        event.preventDefault();
        selectTab(next, true);
      }
    });
  }

  // ---- Charts (Chart.js), each with a table of its numbers. ----

  const charts = {};

  function cssColor(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  /** Draws a bar chart in figure #id and writes its numbers as a table beside it. */
  function barChart(id, { labels, chartLabels, datasets, horizontal, stacked, caption, onClick }) {
    const figure = document.getElementById(id);
    const canvas = figure.querySelector("canvas");
    const total = datasets.reduce((sum, d) => sum + d.data.reduce((a, b) => a + b, 0), 0);
    canvas.setAttribute("aria-label", caption + ": " + labels.map((label, i) =>
      label + " " + datasets.map((d) => d.data[i]).reduce((a, b) => a + b, 0)).join(", "));
    canvas.dataset.total = String(total);

    const head = el("tr", {}, el("th", { scope: "col" }, caption.replace(/^.* by /, "").replace(/^./, (c) => c.toUpperCase())));
    for (const d of datasets) head.append(el("th", { scope: "col" }, d.label));
    if (datasets.length > 1) head.append(el("th", { scope: "col" }, "Total"));
    const body = el("tbody");
    labels.forEach((label, i) => {
      const values = datasets.map((d) => d.data[i]);
      const sum = values.reduce((a, b) => a + b, 0);
      const row = el("tr", { "data-label": label, "data-value": sum }, el("th", { scope: "row" }, label));
      for (const v of values) row.append(el("td", { class: "num" }, String(v)));
      if (datasets.length > 1) row.append(el("td", { class: "num" }, String(sum)));
      body.append(row);
    });
    const holder = figure.querySelector(".chart-data div");
    holder.replaceChildren(el("table", {}, el("caption", { class: "visually-hidden" }, caption), el("thead", {}, head), body));

    if (charts[id]) {
      charts[id].destroy();
      charts[id] = null;
    }
    if (typeof Chart === "undefined") {
      figure.querySelector(".chart-data").open = true; // no charting library: the table is the chart
      return;
    }
    const text = cssColor("--fg");
    const grid = cssColor("--line");
    charts[id] = new Chart(canvas, {
      type: "bar",
      data: { labels: chartLabels || labels, datasets: datasets.map((d) => Object.assign({ borderWidth: 0, maxBarThickness: 34 }, d)) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        color: text,
        scales: {
          x: { stacked: !!stacked, ticks: { color: text, precision: 0 }, grid: { color: grid }, beginAtZero: true },
          y: { stacked: !!stacked, ticks: { color: text, precision: 0, autoSkip: false }, grid: { color: grid }, beginAtZero: true }
        },
        plugins: {
          legend: { display: datasets.length > 1, labels: { color: text, boxWidth: 14 } },
          tooltip: { enabled: true }
        },
        onClick: onClick ? (event, elements) => { if (elements.length) onClick(labels[elements[0].index]); } : undefined
      }
    });
  }

  /**
   * Marks a table whose rows become cards on narrow screens (CSS, class "cards"). A table whose
   * display CSS changes keeps its semantics only through explicit ARIA roles, so it gets them, and
   * each cell the name of its column for the card's labels.
   */
  function cardify(table) {
    table.classList.add("cards");
    table.setAttribute("role", "table");
    const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    table.querySelectorAll("thead, tbody").forEach((g) => g.setAttribute("role", "rowgroup"));
    table.querySelectorAll("tr").forEach((tr) => tr.setAttribute("role", "row"));
    table.querySelectorAll("thead th").forEach((th) => th.setAttribute("role", "columnheader"));
    table.querySelectorAll("tbody tr").forEach((tr) => Array.from(tr.children).forEach((cell, i) => {
      if (cell.tagName === "TH") {
        cell.setAttribute("role", "rowheader");
      } else {
        cell.setAttribute("role", "cell");
        if (!cell.dataset.label && heads[i]) cell.dataset.label = heads[i];
      }
    }));
  }

  // ---- Fleet ----

  // What a Windows node lacks for logs and metrics (issue 19): GET /api/fleet, node.observability.
  function observabilityCell(n) {
    const cell = el("td", { class: "observability" });
    const o = n.observability;
    if (!o) {
      cell.append("—");
      return cell;
    }
    if (o.metricsAgent) cell.append(el("div", {}, "metrics: " + o.metricsAgent));
    if (o.missing.length === 0) {
      cell.append(el("div", {}, "nothing missing"));
      return cell;
    }
    const list = el("ul", { class: "missing" });
    for (const m of o.missing) list.append(el("li", {}, m));
    cell.append(list);
    return cell;
  }

  let fleetData = null;
  /** Node name -> build key ("10.0.17763", "linux"), and build key -> label. */
  const nodeBuild = new Map();
  const buildLabels = new Map();

  function buildKey(group) {
    return group.os === "windows" ? (group.build || "windows-unknown") : group.os;
  }

  function buildLabel(group) {
    return group.os === "windows" ? group.release + (group.build ? " (" + group.build + ")" : "") : group.release;
  }

  function renderFleet(fleet) {
    fleetData = fleet;
    const s = fleet.summary;
    document.getElementById("summary").textContent =
      s.nodes + " nodes: " + s.windows + " Windows, " + s.linux + " Linux; Windows builds " +
      (s.windowsBuilds.length ? s.windowsBuilds.join(", ") : "none") +
      "; Kubernetes " + s.kubernetesVersions.join(", ");
    nodeBuild.clear();
    buildLabels.clear();
    const byBuild = new Map();
    for (const g of fleet.groups) {
      const key = buildKey(g);
      buildLabels.set(key, buildLabel(g));
      const entry = byBuild.get(key) || { label: buildLabel(g), os: g.os, schedulable: 0, cordoned: 0 };
      for (const n of g.nodes) {
        nodeBuild.set(n.name, key);
        if (n.schedulable) entry.schedulable++;
        else entry.cordoned++;
      }
      byBuild.set(key, entry);
    }
    const entries = Array.from(byBuild.values());
    barChart("chart-fleet", {
      caption: "Nodes by operating system and Windows build",
      labels: entries.map((e) => e.label),
      chartLabels: entries.map((e) => e.label.replace(/ \(/, "\n(").split("\n")),
      horizontal: true,
      stacked: true,
      datasets: [
        { label: "Schedulable", data: entries.map((e) => e.schedulable),
          backgroundColor: entries.map((e) => cssColor(e.os === "windows" ? "--chart-windows" : "--chart-linux")) },
        { label: "Cordoned", data: entries.map((e) => e.cordoned), backgroundColor: cssColor("--chart-cordoned") }
      ]
    });

    const root = document.getElementById("fleet-groups");
    root.replaceChildren();
    for (const g of fleet.groups) {
      const title = g.release + (g.build ? " (" + g.build + ")" : "") +
        " · kubelet " + (g.kubelet || "unknown") + " · " + (g.runtime || "runtime unknown") +
        " · " + plural(g.nodes.length, "node", "nodes");
      const body = el("tbody");
      for (const n of g.nodes) {
        const taints = el("td");
        if (n.taints.length === 0) taints.append("none");
        for (const t of n.taints) taints.append(el("code", { class: "taint" }, t));
        body.append(el("tr", {},
          el("th", { scope: "row" }, n.name),
          el("td", {}, n.version || "—"),
          el("td", {}, n.update
            ? n.update + (n.patchAgeMonths === null ? "" : " (" + n.patchAgeMonths + " behind)")
            : "—"),
          taints,
          el("td", {}, n.cpu || "—"),
          el("td", {}, n.memory || "—"),
          el("td", { class: "num" }, String(n.images)),
          el("td", {}, n.schedulable ? "schedulable" : "cordoned"),
          observabilityCell(n)));
      }
      const table = el("table", { class: "fleet-group fit", "data-os": g.os, "data-build": g.build },
        el("caption", {}, title),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, "Node"),
          el("th", { scope: "col" }, "Version"),
          el("th", { scope: "col", title: "The monthly update the node's revision came with, and how many monthly updates winfleet knows that are newer" }, "Update"),
          el("th", { scope: "col" }, "Taints"),
          el("th", { scope: "col" }, "CPU"),
          el("th", { scope: "col" }, "Memory"),
          el("th", { scope: "col" }, "Images pulled"),
          el("th", { scope: "col" }, "Scheduling"),
          el("th", { scope: "col" }, "Logs & metrics"))),
        body);
      cardify(table);
      root.append(el("div", { class: "group scroll" }, table));
    }
    renderSimulationForm(fleet);
  }

  // ---- Matrix: a sorted heatmap; a cell's reason shows below it. ----

  let matrixData = null;
  const matrixSort = document.getElementById("matrix-sort");
  const matrixSearch = document.getElementById("matrix-search");

  function renderMatrix() {
    const matrix = matrixData;
    if (!matrix) return;
    const root = document.getElementById("matrix");
    const legend = document.getElementById("matrix-legend");
    root.replaceChildren();
    legend.replaceChildren();
    document.getElementById("matrix-cell").replaceChildren();
    const p = viewParams.matrix;
    matrixSort.value = p.sort === "name" ? "name" : "fit";
    if (matrixSearch.value !== (p.q || "")) matrixSearch.value = p.q || "";
    if (matrix.rows.length === 0) {
      root.append(el("p", {}, "No workloads, so no images to judge."));
      return;
    }
    const counts = {};
    for (const r of matrix.rows) for (const c of r.cells) counts[c.mode] = (counts[c.mode] || 0) + 1;
    for (const [mode, [symbol, text, meaning]] of Object.entries(MODE_TEXT)) {
      legend.append(el("li", { "data-mode": mode, "data-count": counts[mode] || 0 },
        badge("mode-" + mode, symbol, text), " " + meaning + " (" + plural(counts[mode] || 0, "cell", "cells") + ")"));
    }
    const runs = (r) => r.cells.filter((c) => c.mode === "process").length;
    let rows = matrix.rows.slice();
    if (matrixSort.value === "name") rows.sort((a, b) => a.image.localeCompare(b.image));
    else rows.sort((a, b) => runs(a) - runs(b) || a.image.localeCompare(b.image));
    const q = (p.q || "").trim().toLowerCase();
    if (q) rows = rows.filter((r) => r.image.toLowerCase().includes(q) || r.workloads.some((w) => w.toLowerCase().includes(q)));

    const head = el("tr", {}, el("th", { scope: "col" }, "Image"));
    for (const c of matrix.columns) {
      const m = /^(.*) \((.*)\)$/.exec(c.label);
      const release = m ? /^(Windows Server )(.*)$/.exec(m[1]) : null;
      head.append(el("th", { scope: "col", "data-column": c.id },
        release ? el("span", { class: "long" }, release[1]) : null, release ? release[2] : m ? m[1] : c.label,
        el("span", { class: "sub" }, (m ? m[2] + " · " : "") + plural(c.nodes.length, "node", "nodes"))));
    }
    const body = el("tbody");
    for (const r of rows) {
      const imageCell = el("th", { scope: "row" }, imageName(r.image),
        el("span", { class: "sub" }, r.os + " · " + plural(r.workloads.length, "workload", "workloads")));
      if (r.aheadOf && r.aheadOf.length) {
        imageCell.append(el("span", { class: "sub ahead" }, "ahead of " +
          r.aheadOf.map((a) => a.node + " (" + a.nodeVersion + (a.incident ? "; " + a.incident : "") + ")").join(", ") +
          ": patch those nodes first"));
      }
      const row = el("tr", { "data-image": r.image, "data-runs": runs(r) }, imageCell);
      r.cells.forEach((cell, i) => {
        const [symbol, text] = MODE_TEXT[cell.mode];
        const button = el("button", { type: "button", "aria-pressed": "false" },
          el("span", { "aria-hidden": "true" }, symbol), " ", el("span", { class: "mode-word" }, text));
        button.addEventListener("click", () => showCell(button, r, matrix.columns[i], cell));
        row.append(el("td", { class: "mode-" + cell.mode, "data-mode": cell.mode, "data-column": cell.column }, button));
      });
      body.append(row);
    }
    root.append(el("table", { id: "matrix-table" },
      el("caption", {}, "Images in use (rows) against the fleet's node builds (columns)"),
      el("thead", {}, head), body));
    if (rows.length === 0) root.append(el("p", {}, "No image matches “" + p.q + "”."));
  }

  /** An image reference that line-breaks after its '/' and ':' rather than mid-name. */
  function imageName(reference) {
    const code = el("code", { class: "image" });
    reference.split(/(?<=[/:@])/).forEach((part, i) => {
      if (i) code.append(el("wbr"));
      code.append(part);
    });
    return code;
  }

  function showCell(button, row, column, cell) {
    document.querySelectorAll('#matrix-table button[aria-pressed="true"]').forEach((b) => b.setAttribute("aria-pressed", "false"));
    button.setAttribute("aria-pressed", "true");
    const [symbol, text] = MODE_TEXT[cell.mode];
    const box = document.getElementById("matrix-cell");
    box.replaceChildren(
      el("p", {}, el("code", {}, row.image), " on ", el("strong", {}, column.label), ": ",
        badge("mode-" + cell.mode, symbol, text)),
      el("p", {}, cell.reason),
      ...cell.notes.map((n) => el("p", {}, "Note: " + n)),
      el("p", { class: "sub" }, "Used by " + (row.workloads.join(", ") || "no workload") + "; " + (row.evidence || "")));
  }

  matrixSort.addEventListener("change", () => { viewParams.matrix.sort = matrixSort.value === "name" ? "name" : ""; writeHash(); renderMatrix(); });
  matrixSearch.addEventListener("input", () => { viewParams.matrix.q = matrixSearch.value; writeHash(); renderMatrix(); });

  // ---- Workloads: one row each, findings folded in; search, filters, sort, export. ----

  const filterForm = document.getElementById("filters");
  let workloadData = null;
  let exportUrls = [];

  function fillSelect(select, values) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const [value, label] of values) select.append(el("option", { value: value }, label));
    select.value = keep;
  }

  async function loadWorkloads() {
    try {
      workloadData = await api("/api/workloads");
      clearError();
      fillFacets();
      renderWorkloads();
      showAsOf(workloadData.asOf);
    } catch (e) {
      showError("Cannot load the workloads: " + e.message);
    }
  }

  function fillFacets() {
    const f = workloadData.facets;
    fillSelect(filterForm.elements.severity, f.severities.map((s) => [s, s]));
    fillSelect(filterForm.elements.rule, f.rules.map((r) => [r.id, r.id + " (" + r.severity + ", " + r.count + ")"]));
    fillSelect(filterForm.elements.namespace, f.namespaces.map((n) => [n, n]));
    fillSelect(filterForm.elements.build, Array.from(buildLabels.entries()));
  }

  function worst(findings) {
    let rank = 0;
    for (const f of findings) rank = Math.max(rank, SEVERITY_RANK[f.severity] || 0);
    return rank;
  }

  function buildsOf(w) {
    return Array.from(new Set(w.runsOn.map((n) => nodeBuild.get(n)).filter((b) => b)));
  }

  /** The workloads the filters keep, each with the findings they keep, sorted. */
  function shownWorkloads() {
    const p = viewParams.workloads;
    const q = (p.q || "").trim().toLowerCase();
    const out = [];
    for (const w of workloadData.workloads) {
      if (p.namespace && w.namespace !== p.namespace) continue;
      if (p.build && !buildsOf(w).includes(p.build)) continue;
      const findings = w.findings.filter((f) => (!p.rule || f.rule === p.rule) && (!p.severity || f.severity === p.severity));
      if ((p.rule || p.severity) && findings.length === 0) continue;
      if (q) {
        const text = [w.kind + "/" + w.name, w.namespace, w.source, ...w.images,
          ...findings.flatMap((f) => [f.rule, f.message, f.container || ""])].join("\n").toLowerCase();
        if (!text.includes(q)) continue;
      }
      out.push({ w: w, findings: findings, worst: worst(findings), builds: buildsOf(w) });
    }
    const sort = p.sort || "severity";
    const dir = (p.dir || (sort === "severity" || sort === "findings" ? "desc" : "asc")) === "desc" ? -1 : 1;
    const name = (x) => x.w.kind + "/" + x.w.name;
    const key = {
      name: (a, b) => name(a).localeCompare(name(b)),
      namespace: (a, b) => a.w.namespace.localeCompare(b.w.namespace),
      severity: (a, b) => a.worst - b.worst || a.findings.length - b.findings.length,
      findings: (a, b) => a.findings.length - b.findings.length,
      builds: (a, b) => a.builds.length - b.builds.length
    }[sort] || ((a, b) => 0);
    out.sort((a, b) => dir * key(a, b) || name(a).localeCompare(name(b)));
    return out;
  }

  function renderWorkloads() {
    if (!workloadData) return;
    const p = viewParams.workloads;
    for (const name of ["q", "severity", "rule", "namespace", "build"]) {
      const control = filterForm.elements[name];
      if (control.value !== (p[name] || "")) control.value = p[name] || "";
    }
    filterForm.elements.sort.value = p.sort || "severity";
    const sort = p.sort || "severity";
    const dir = p.dir || (sort === "severity" || sort === "findings" ? "desc" : "asc");
    document.querySelectorAll("#findings-table th[data-sort]").forEach((th) =>
      th.dataset.sort === sort ? th.setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending") : th.removeAttribute("aria-sort"));

    const shown = shownWorkloads();
    const body = document.querySelector("#findings-table tbody");
    body.replaceChildren();
    let i = 0;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const { w, findings, worst: rank, builds } of shown) {
      const detailsId = "workload-details-" + (i++);
      const severity = Object.keys(SEVERITY_RANK).find((s) => SEVERITY_RANK[s] === rank);
      for (const f of findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
      const toggle = el("button", { type: "button", class: "toggle", "aria-expanded": "false", "aria-controls": detailsId }, w.kind + "/", el("wbr"), w.name);
      const perSeverity = el("td", { class: "counts" });
      for (const s of SEVERITIES) {
        const n = findings.filter((f) => f.severity === s).length;
        if (n) perSeverity.append(badge("sev-" + s, SEVERITY_SYMBOL[s], n + " " + s));
      }
      if (!findings.length) perSeverity.append(badge("mode-process", "✔", "none"));
      const runsOn = el("td", {});
      if (builds.length === 0) runsOn.append(el("strong", {}, "no node"));
      for (const b of builds) runsOn.append(el("span", { class: "build" }, b === "linux" ? "Linux" : b));
      body.append(el("tr", { "data-workload": w.id, "data-namespace": w.namespace, "data-severity": severity || "none", "data-findings": findings.length },
        el("th", { scope: "row" }, toggle, el("span", { class: "sub" }, w.namespace + " · " + w.source + ":" + w.line)),
        perSeverity,
        runsOn));
      const details = el("td", { colspan: "3" });
      details.append(el("p", {}, "Images: ", ...w.images.flatMap((im, k) => [k ? ", " : "", el("code", {}, im)])));
      if (!findings.length) details.append(el("p", {}, "No findings."));
      for (const f of findings) {
        details.append(el("div", { class: "finding sev-" + f.severity, "data-rule": f.rule },
          el("p", {}, badge("sev-" + f.severity, SEVERITY_SYMBOL[f.severity], f.severity), " ", el("code", {}, f.rule),
            f.container ? " · container " + f.container : "", " · " + f.file + ":" + f.line),
          el("p", {}, f.message),
          f.fix ? el("p", {}, el("strong", {}, "Fix: "), f.fix) : null));
      }
      const detailRow = el("tr", { class: "details", id: detailsId, hidden: true }, details);
      toggle.addEventListener("click", () => {
        const open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        detailRow.hidden = !open;
      });
      body.append(detailRow);
    }
    const all = workloadData.workloads.length;
    const total = counts.error + counts.warning + counts.info;
    document.getElementById("findings-count").textContent =
      plural(shown.length, "workload", "workloads") + (shown.length < all ? " of " + all : "") + " shown, with " +
      plural(total, "finding", "findings") + ": " + counts.error + " errors, " + counts.warning + " warnings, " + counts.info + " info";
    renderFindingCharts(shown);
    updateExports(shown);
  }

  function renderFindingCharts(shown) {
    const byRule = new Map();
    const byNamespace = new Map();
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const { w, findings } of shown) {
      for (const f of findings) {
        const r = byRule.get(f.rule) || { severity: f.severity, count: 0 };
        r.count++;
        byRule.set(f.rule, r);
        const ns = byNamespace.get(w.namespace) || { error: 0, warning: 0, info: 0 };
        ns[f.severity]++;
        byNamespace.set(w.namespace, ns);
        bySeverity[f.severity]++;
      }
    }
    const rules = Array.from(byRule.entries()).sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    barChart("chart-rules", {
      caption: "Findings by rule",
      labels: rules.map(([id]) => id),
      horizontal: true,
      datasets: [{ label: "Findings", data: rules.map(([, r]) => r.count), backgroundColor: rules.map(([, r]) => cssColor("--chart-" + r.severity)) }],
      onClick: (rule) => { viewParams.workloads.rule = rule; writeHash(); renderWorkloads(); }
    });
    barChart("chart-severity", {
      caption: "Findings by severity",
      labels: SEVERITIES,
      datasets: [{ label: "Findings", data: SEVERITIES.map((s) => bySeverity[s]), backgroundColor: SEVERITIES.map((s) => cssColor("--chart-" + s)) }],
      onClick: (s) => { viewParams.workloads.severity = s; writeHash(); renderWorkloads(); }
    });
    const namespaces = Array.from(byNamespace.keys()).sort();
    barChart("chart-namespaces", {
      caption: "Findings by namespace",
      labels: namespaces,
      horizontal: true,
      stacked: true,
      datasets: SEVERITIES.map((s) => ({ label: s, data: namespaces.map((n) => byNamespace.get(n)[s]), backgroundColor: cssColor("--chart-" + s) })),
      onClick: (ns) => { viewParams.workloads.namespace = ns; writeHash(); renderWorkloads(); }
    });
    // Tall enough for one bar per rule.
    document.querySelector("#chart-rules .canvas-box").style.height = Math.max(160, 26 * rules.length + 40) + "px";
    if (charts["chart-rules"]) charts["chart-rules"].resize();
  }

  function csvField(value) {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // never a formula in a spreadsheet
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function updateExports(shown) {
    for (const url of exportUrls) URL.revokeObjectURL(url);
    const header = ["namespace", "kind", "name", "file", "line", "runsOnBuilds", "severity", "rule", "container", "message", "fix", "findingFile", "findingLine"];
    const lines = [header.join(",")];
    for (const { w, findings, builds } of shown) {
      const base = [w.namespace, w.kind, w.name, w.source, w.line, builds.join(" ")];
      if (!findings.length) lines.push(base.concat(["", "", "", "", "", "", ""]).map(csvField).join(","));
      for (const f of findings) {
        lines.push(base.concat([f.severity, f.rule, f.container, f.message, f.fix, f.file, f.line]).map(csvField).join(","));
      }
    }
    const json = JSON.stringify({
      asOf: workloadData.asOf,
      filters: viewParams.workloads,
      workloads: shown.map(({ w, findings, builds }) => Object.assign({}, w, { findings: findings, runsOnBuilds: builds }))
    }, null, 2);
    const csvUrl = URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
    const jsonUrl = URL.createObjectURL(new Blob([json + "\n"], { type: "application/json" }));
    exportUrls = [csvUrl, jsonUrl];
    document.getElementById("export-csv").href = csvUrl;
    document.getElementById("export-json").href = jsonUrl;
  }

  function readFilters() {
    const p = viewParams.workloads;
    const before = JSON.stringify(p);
    for (const name of ["q", "severity", "rule", "namespace", "build"]) p[name] = filterForm.elements[name].value;
    if (filterForm.elements.sort.value !== (p.sort || "severity")) {
      p.sort = filterForm.elements.sort.value;
      p.dir = "";
    }
    // A search box fires "change" again when it loses focus: nothing new, so nothing redrawn
    // (a redraw would close the findings someone just opened).
    if (JSON.stringify(p) === before) return;
    writeHash();
    renderWorkloads();
  }

  filterForm.addEventListener("change", readFilters);
  filterForm.elements.q.addEventListener("input", readFilters);
  filterForm.addEventListener("submit", (event) => { event.preventDefault(); readFilters(); });
  filterForm.addEventListener("reset", () => setTimeout(() => {
    const p = viewParams.workloads;
    viewParams.workloads = { sort: p.sort, dir: p.dir };
    writeHash();
    renderWorkloads();
  }, 0));
  document.querySelectorAll("#findings-table th[data-sort] button").forEach((button) => {
    button.addEventListener("click", () => {
      const th = button.closest("th");
      const p = viewParams.workloads;
      const current = p.sort || "severity";
      const currentDir = p.dir || (current === "severity" || current === "findings" ? "desc" : "asc");
      p.dir = current === th.dataset.sort ? (currentDir === "asc" ? "desc" : "asc") : (th.dataset.sort === "severity" || th.dataset.sort === "findings" ? "desc" : "asc");
      p.sort = th.dataset.sort;
      writeHash();
      renderWorkloads();
      document.querySelector('#findings-table th[data-sort="' + p.sort + '"] button').focus();
    });
  });

  // ---- Upgrade simulation ----

  const simulateForm = document.getElementById("simulate-form");

  function renderSimulationForm(fleet) {
    const fieldset = document.getElementById("simulate-nodes");
    const checked = new Set(Array.from(fieldset.querySelectorAll("input:checked")).map((c) => c.value));
    fieldset.querySelectorAll(".node-choice").forEach((n) => n.remove());
    let i = 0;
    for (const g of fleet.groups) {
      if (g.os !== "windows") continue;
      for (const n of g.nodes) {
        const id = "simulate-node-" + (i++);
        fieldset.append(el("div", { class: "node-choice" },
          el("input", { type: "checkbox", id: id, name: "nodes", value: n.name, checked: checked.has(n.name) }),
          " ",
          el("label", { for: id }, n.name + " (" + g.release + ", " + (n.version || g.build) + ")")));
      }
    }
    if (i === 0) fieldset.append(el("p", { class: "node-choice" }, "This fleet has no Windows nodes."));
    const target = document.getElementById("simulate-target");
    const keep = target.value;
    target.replaceChildren();
    for (const t of fleet.upgradeTargets) {
      target.append(el("option", { value: t.id }, t.name + " (" + t.id + ", " + t.build + ")"));
    }
    if (keep) target.value = keep;
    else if (fleet.upgradeTargets.length) target.value = fleet.upgradeTargets[fleet.upgradeTargets.length - 1].id;
  }

  async function runSimulation(nodes, to) {
    const status = document.getElementById("simulate-status");
    if (nodes.length === 0) {
      status.textContent = "Choose at least one Windows node to upgrade.";
      return;
    }
    viewParams.simulate = { nodes: nodes.join(","), to: to };
    writeHash();
    status.textContent = "Simulating…";
    try {
      const result = await api("/api/simulate?" + new URLSearchParams({ nodes: nodes.join(","), to: to }));
      clearError();
      renderSimulation(result);
    } catch (e) {
      status.textContent = "";
      document.getElementById("simulate-result").replaceChildren();
      showError("Cannot simulate: " + e.message);
    }
  }

  simulateForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const nodes = Array.from(simulateForm.querySelectorAll('input[name="nodes"]:checked')).map((c) => c.value);
    runSimulation(nodes, document.getElementById("simulate-target").value);
  });

  function renderSimulation(result) {
    const s = result.summary;
    const upgraded = result.nodes.map((n) => n.name);
    document.getElementById("simulate-status").textContent =
      (upgraded.length ? "Upgrading " + upgraded.join(", ") : "No node to upgrade") + " to " +
      result.target.name + " (" + result.target.build + "): " +
      STATUSES.map((st) => s[st] + " " + STATUS_TEXT[st][1]).join(", ") + "; " +
      plural(s.waves, "wave", "waves") + (s.blockedWaves ? " (" + s.blockedWaves + " blocked)" : "") + ".";
    const root = document.getElementById("simulate-result");
    root.replaceChildren();
    if (result.notes.length) {
      const notes = el("ul", { class: "notes", id: "simulate-notes", "aria-label": "Notes on the plan" });
      for (const n of result.notes) notes.append(el("li", {}, "Note: " + n));
      root.append(notes);
    }

    // What happens to the workloads, as one bar split by status (its legend carries the numbers).
    const total = result.workloads.length || 1;
    const bar = el("div", { class: "stack-bar", "aria-hidden": "true" });
    const legend = el("ul", { class: "legend", id: "simulate-legend", "aria-label": "Workloads by status" });
    for (const st of STATUSES) {
      const [symbol, text, meaning] = STATUS_TEXT[st];
      if (s[st]) {
        const part = el("span", { class: "status-" + st, title: s[st] + " " + text });
        part.style.width = (100 * s[st] / total) + "%";
        bar.append(part);
      }
      legend.append(el("li", { "data-status": st, "data-count": s[st] }, badge("status-" + st, symbol, s[st] + " " + text), " " + meaning));
    }
    root.append(el("h3", {}, "Workloads"), bar, legend);

    const body = el("tbody");
    for (const w of result.workloads) {
      const [symbol, text] = STATUS_TEXT[w.status] || ["?", w.status];
      const change = el("td");
      for (const [from, to] of Object.entries(w.suggestedImages)) {
        change.append(el("p", {}, "Image ", el("code", {}, to), el("span", { class: "sub" }, "instead of " + from)));
      }
      for (const c of w.selectorChanges) {
        change.append(el("p", {}, el("code", {}, c.where), " = ", el("code", {}, c.to),
          el("span", { class: "sub" }, "now " + c.from)));
      }
      if (!change.hasChildNodes()) change.append(w.status === "rebuild" ? "Rebuild; no published tag known to suggest" : "—");
      const why = el("td", {}, el("p", {}, w.reason));
      if (w.newFindings.length) {
        const details = el("details", {}, el("summary", {},
          plural(w.newFindings.length, "new finding", "new findings") + " if nothing changes"));
        for (const f of w.newFindings) {
          details.append(el("p", {}, badge("sev-" + f.severity, SEVERITY_SYMBOL[f.severity] || "", f.severity), " ",
            el("code", {}, f.rule), ": " + f.message));
        }
        why.append(details);
      }
      const buildCell = el("td", { "data-label": "Windows builds" },
        el("span", { class: "build" }, "now: " + (w.before.join(", ") || "none")),
        el("span", { class: "build" }, "after: " + (w.after.join(", ") || "none")));
      if (change.textContent === "—") change.className = "empty";
      body.append(el("tr", { "data-workload": w.id, "data-status": w.status },
        el("th", { scope: "row" }, w.object, el("span", { class: "sub" }, w.namespace + " · " + w.file + ":" + w.line)),
        el("td", {}, badge("status-" + w.status, symbol, text),
          w.replicasWithoutRoom ? el("span", { class: "sub" }, w.replicasWithoutRoom + " of " + w.replicas + " replicas without room") : null),
        buildCell,
        change,
        why));
    }
    const table = el("table", { id: "simulate-table" },
      el("caption", {}, "What happens to each workload when " +
        (result.nodes.length ? result.nodes.map((n) => n.name + " (" + n.from + " → " + n.to + ")").join(", ") : "no node") +
        " move to " + result.target.name + ", worst first"),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Workload"),
        el("th", { scope: "col" }, "Status"),
        el("th", { scope: "col" }, "Windows builds it runs on (after: images unchanged)"),
        el("th", { scope: "col" }, "Suggested changes"),
        el("th", { scope: "col" }, "Why"))),
      body);
    cardify(table);
    root.append(el("div", { class: "scroll" }, table));

    root.append(el("h3", { id: "waves-heading" }, "Waves, in order"));
    if (result.waves.length === 0) {
      root.append(el("p", { id: "simulate-no-waves" }, "No node to drain."));
      return;
    }
    const timeline = el("ol", { class: "timeline", id: "waves", "aria-labelledby": "waves-heading" });
    for (const w of result.waves) {
      const at = w.precondition.indexOf("; BLOCKED: ");
      timeline.append(el("li", { class: "wave", "data-wave": w.wave, "data-blocked": w.blocked ? "true" : "false" },
        el("h4", {}, "Wave " + w.wave, w.blocked ? badge("wave-blocked", "✖", "blocked") : badge("wave-safe", "✔", "safe")),
        el("p", { class: "nodes" }, plural(w.nodes.length, "node", "nodes") + ": ", ...w.nodes.map((n) => el("code", {}, n))),
        el("p", { class: "pre" }, at < 0 ? w.precondition : w.precondition.slice(0, at)),
        at < 0 ? null : el("p", { class: "blocker" }, el("strong", {}, "Blocked: "), w.precondition.slice(at + 11))));
    }
    root.append(timeline);
  }

  // ---- Pre-pull: the planner's waves as registry bandwidth over time, against the limits. ----

  const prepullForm = document.getElementById("prepull-form");
  let prepullShown = false;

  function gbits(bytesPerSecond) {
    return Math.round(bytesPerSecond * 8 / 1e6) / 1e3; // Gbit/s, three decimals
  }

  function gigabytes(bytes) {
    return (bytes / 1e9).toFixed(2) + " GB";
  }

  async function runPrepull() {
    prepullShown = true;
    const p = viewParams.prepull;
    const node = p.nodeBandwidth || document.getElementById("prepull-node").value;
    const registry = p.registryBandwidth || document.getElementById("prepull-registry").value;
    document.getElementById("prepull-node").value = node;
    document.getElementById("prepull-registry").value = registry;
    const query = { nodeBandwidth: node, registryBandwidth: registry };
    if (p.images) query.images = p.images;
    const status = document.getElementById("prepull-status");
    status.textContent = "Planning…";
    try {
      const plan = await api("/api/prepull?" + new URLSearchParams(query));
      clearError();
      renderPrepull(plan);
    } catch (e) {
      status.textContent = "";
      showError("Cannot plan the pre-pull: " + e.message);
    }
  }

  function renderPrepull(plan) {
    const fieldset = document.getElementById("prepull-images");
    fieldset.querySelectorAll(".image-choice, .image-unknown").forEach((n) => n.remove());
    const chosen = new Set(plan.images);
    const known = Array.from(new Set([...plan.images, ...plan.known]));
    known.forEach((image, i) => {
      const id = "prepull-image-" + i;
      fieldset.append(el("div", { class: "image-choice" },
        el("input", { type: "checkbox", id: id, name: "images", value: image, checked: chosen.has(image) }),
        " ", el("label", { for: id }, imageName(image))));
    });
    if (known.length === 0) fieldset.append(el("p", { class: "image-choice" }, "No image with known layer sizes."));
    const unknown = plan.missing.filter((m) => !known.includes(m));
    if (unknown.length) {
      const list = el("ul", { id: "prepull-unknown" });
      for (const m of unknown) list.append(el("li", {}, imageName(m)));
      fieldset.append(el("details", { class: "image-unknown" },
        el("summary", {}, plural(unknown.length, "image", "images") + " in use without layer sizes"), list));
    }
    const status = document.getElementById("prepull-status");
    const figure = document.getElementById("chart-prepull");
    if (!plan.waves) {
      figure.hidden = true;
      status.textContent = "No image with known layer sizes" +
        (plan.missing.length ? " (" + plural(plan.missing.length, "image lacks them", "images lack them") + "): " + plan.fix : ".");
      return;
    }
    const l = plan.limits;
    status.textContent = "Planned: " + plural(plan.waves.length, "wave", "waves") + ", done in " +
      Math.round(plan.completionSeconds) + " s, asking at most " + gbits(plan.peakRegistryBytesPerSecond) +
      " Gbit/s of the registry (" + l.registry + "). All nodes at once: " + Math.round(plan.allAtOnce.completionSeconds) +
      " s, asking " + gbits(plan.allAtOnce.demandBytesPerSecond) + " Gbit/s. " +
      gigabytes(plan.registryBytes) + " from the registry" +
      (plan.missing.length ? "; " + plural(plan.missing.length, "image", "images") + " without layer sizes left out." : ".");
    figure.hidden = false;

    // The planned rate, wave by wave (0 between waves), and pulling everything at once.
    const planned = [];
    let at = 0;
    for (const w of plan.waves) {
      if (w.startSeconds > at) planned.push({ x: at, y: 0 }, { x: w.startSeconds, y: 0 });
      planned.push({ x: w.startSeconds, y: gbits(w.registryBytesPerSecond) }, { x: w.endSeconds, y: gbits(w.registryBytesPerSecond) });
      at = w.endSeconds;
    }
    planned.push({ x: at, y: 0 });
    const naive = plan.allAtOnce;
    const end = Math.ceil(Math.max(at, naive.completionSeconds) * 1.05);
    // Every node at once asks this much of the registry (it sends no more than its bandwidth).
    const allAtOnce = [{ x: 0, y: gbits(naive.demandBytesPerSecond) }, { x: naive.completionSeconds, y: gbits(naive.demandBytesPerSecond) }, { x: naive.completionSeconds, y: 0 }];
    const registryLimit = [{ x: 0, y: gbits(l.registryBytesPerSecond) }, { x: end, y: gbits(l.registryBytesPerSecond) }];
    const nodeLimit = [{ x: 0, y: gbits(l.nodeBytesPerSecond) }, { x: end, y: gbits(l.nodeBytesPerSecond) }];

    const canvas = figure.querySelector("canvas");
    canvas.setAttribute("aria-label", "Registry bandwidth over time: " + plan.waves.map((w) =>
      "wave " + w.wave + " from " + Math.round(w.startSeconds) + " to " + Math.round(w.endSeconds) + " s at " +
      gbits(w.registryBytesPerSecond) + " Gbit/s").join("; ") + "; registry limit " + l.registry + ", one node " + l.node);
    const body = el("tbody");
    for (const w of plan.waves) {
      body.append(el("tr", { "data-wave": w.wave, "data-start": w.startSeconds, "data-end": w.endSeconds, "data-rate": w.registryBytesPerSecond },
        el("th", { scope: "row" }, "Wave " + w.wave),
        el("td", {}, w.nodes.join(", ")),
        el("td", { class: "num" }, w.startSeconds.toFixed(1)),
        el("td", { class: "num" }, w.endSeconds.toFixed(1)),
        el("td", { class: "num" }, gbits(w.registryBytesPerSecond).toFixed(3)),
        el("td", { class: "num" }, gigabytes(w.registryBytes))));
    }
    document.getElementById("chart-prepull-table").replaceChildren(el("table", { id: "prepull-waves" },
      el("caption", {}, "Waves: one node's limit " + l.node + ", the registry's " + l.registry),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Wave"), el("th", { scope: "col" }, "Nodes"), el("th", { scope: "col" }, "Start (s)"),
        el("th", { scope: "col" }, "End (s)"), el("th", { scope: "col" }, "Registry (Gbit/s)"), el("th", { scope: "col" }, "From the registry"))),
      body));
    figure.querySelector(".chart-data").open = true;

    if (charts["chart-prepull"]) charts["chart-prepull"].destroy();
    charts["chart-prepull"] = null;
    if (typeof Chart === "undefined") return;
    const text = cssColor("--fg");
    const grid = cssColor("--line");
    const line = (label, data, color, dash, fill) => ({ label: label, data: data, borderColor: color,
      backgroundColor: fill ? color + "66" : color, borderDash: dash, borderWidth: 2, pointRadius: 0, fill: fill ? "origin" : false, showLine: true });
    // One filled block per wave (two shades, so that the waves stand apart), up to eight.
    const waveSets = plan.waves.length <= 8
      ? plan.waves.map((w, i) => line("Wave " + w.wave, [{ x: w.startSeconds, y: gbits(w.registryBytesPerSecond) },
        { x: w.endSeconds, y: gbits(w.registryBytesPerSecond) }], cssColor(i % 2 ? "--chart-3" : "--chart-1"), [], true))
      : [line("Planned waves", planned, cssColor("--chart-1"), [], true)];
    charts["chart-prepull"] = new Chart(canvas, {
      type: "scatter",
      data: { datasets: [
        ...waveSets,
        line("All nodes at once (asked)", allAtOnce, cssColor("--chart-error"), [6, 4], false),
        line("Registry limit (" + l.registry + ")", registryLimit, cssColor("--chart-warning"), [2, 3], false),
        line("One node's limit (" + l.node + ")", nodeLimit, cssColor("--chart-info"), [1, 3], false)
      ] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, color: text,
        scales: {
          x: { type: "linear", min: 0, max: end, ticks: { color: text, maxTicksLimit: 12 }, title: { display: true, text: "seconds from the start", color: text }, grid: { color: grid } },
          y: { beginAtZero: true, title: { display: true, text: "Gbit/s", color: text }, ticks: { color: text }, grid: { color: grid } }
        },
        plugins: { legend: { labels: { color: text, boxWidth: 14 } } }
      }
    });
  }

  prepullForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const images = Array.from(prepullForm.querySelectorAll('input[name="images"]:checked')).map((c) => c.value);
    viewParams.prepull = {
      nodeBandwidth: document.getElementById("prepull-node").value.trim(),
      registryBandwidth: document.getElementById("prepull-registry").value.trim(),
      images: images.join(",")
    };
    writeHash();
    runPrepull();
  });

  // ---- Verdicts ----

  async function loadVerdicts() {
    try {
      const data = await api("/api/verdicts");
      clearError();
      const body = document.querySelector("#verdicts-table tbody");
      body.replaceChildren();
      for (const v of data.verdicts) {
        body.append(el("tr", { "data-verdict": v.verdict },
          el("th", { scope: "row" }, v.at.replace("T", " ").replace(/\.\d+Z$|Z$/, "")),
          el("td", {}, v.endpoint),
          el("td", {}, badge("verdict-" + v.verdict, "", v.verdict)),
          el("td", {}, (v.kind || "?") + "/" + (v.name || "?")),
          el("td", {}, v.namespace || "—"),
          el("td", {}, v.message || "—")));
      }
      cardify(document.getElementById("verdicts-table"));
      document.getElementById("verdicts-count").textContent =
        data.verdicts.length === 0 ? "No admission requests yet." :
          data.verdicts.length + " of " + data.total + " recent verdicts shown.";
    } catch (e) {
      showError("Cannot load the verdicts: " + e.message);
    }
  }

  document.getElementById("verdicts-refresh").addEventListener("click", loadVerdicts);

  // ---- Data as of, refresh ----

  function showAsOf(asOf) {
    const when = asOf ? asOf.replace("T", " ").replace(/\.\d+Z$|Z$/, "") + " UTC" : "unknown";
    const loaded = new Date().toISOString().slice(11, 19);
    const p = document.getElementById("as-of");
    p.textContent = "Data as of " + when + " (loaded " + loaded + " UTC)";
    p.dataset.asOf = asOf || "";
  }

  async function refreshAll() {
    try {
      const [fleet, matrix] = await Promise.all([api("/api/fleet"), api("/api/matrix")]);
      renderFleet(fleet);
      matrixData = matrix;
      renderMatrix();
      showAsOf(fleet.asOf);
    } catch (e) {
      showError("Cannot load the fleet: " + e.message);
    }
    await loadWorkloads();
    if (currentView === "verdicts") await loadVerdicts();
  }

  let refreshTimer = null;
  const autoRefresh = document.getElementById("auto-refresh");
  function setAutoRefresh(on) {
    autoRefresh.checked = on;
    if (refreshTimer) clearInterval(refreshTimer);
    refreshTimer = on ? setInterval(refreshAll, REFRESH_SECONDS * 1000) : null;
    try { localStorage.setItem("winfleet.autoRefresh", on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  autoRefresh.addEventListener("change", () => setAutoRefresh(autoRefresh.checked));
  document.getElementById("refresh-now").addEventListener("click", refreshAll);

  // Redraw the charts in the other colour scheme when the system setting changes.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (fleetData) renderFleet(fleetData);
    renderWorkloads();
  });

  // ---- Start ----

  function applyHash() {
    const { view, params } = parseHash();
    viewParams[view] = params;
    selectTab(document.getElementById("tab-" + view), false);
    if (view === "workloads") renderWorkloads();
    if (view === "matrix") renderMatrix();
    if (view === "prepull") return runPrepull();
    if (view === "simulate" && params.nodes && params.to) {
      const nodes = params.nodes.split(",").filter((n) => n);
      simulateForm.querySelectorAll('input[name="nodes"]').forEach((c) => { c.checked = nodes.includes(c.value); });
      document.getElementById("simulate-target").value = params.to;
      return runSimulation(nodes, params.to);
    }
    return Promise.resolve();
  }

  window.addEventListener("hashchange", applyHash);

  async function start() {
    let stored = null;
    try { stored = localStorage.getItem("winfleet.autoRefresh"); } catch (e) { /* private mode */ }
    setAutoRefresh(stored === "1");
    const { view, params } = parseHash();
    viewParams[view] = params;
    selectTab(document.getElementById("tab-" + view), false);
    await refreshAll();
    await applyHash();
    document.body.setAttribute("data-ready", "true");
  }

  start();
})();
