// winfleet dashboard: plain JavaScript, no libraries, nothing loaded from other hosts.
// Every value from the API is put in the page with textContent, never as HTML.
"use strict";

(function () {
  const MODE_TEXT = {
    "process": ["✔", "process"],
    "hyperv-only": ["◐", "Hyper-V only"],
    "none": ["✖", "none"],
    "unknown": ["?", "unknown"]
  };
  const SEVERITY_SYMBOL = { error: "✖", warning: "▲", info: "ℹ" };
  const STATUS_TEXT = {
    "breaks": ["✖", "breaks"],
    "rebuild": ["▲", "rebuild"],
    "ok": ["✔", "ok"]
  };

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
    const response = await fetch(path, { headers: { "Accept": "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      throw new Error((body.error || ("HTTP " + response.status)) + (body.fix ? ": " + body.fix : ""));
    }
    return body;
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
    const name = tab.id.replace(/^tab-/, "");
    if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
    if (name === "verdicts") loadVerdicts();
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

  function renderFleet(fleet) {
    const s = fleet.summary;
    document.getElementById("summary").textContent =
      s.nodes + " nodes: " + s.windows + " Windows, " + s.linux + " Linux; Windows builds " +
      (s.windowsBuilds.length ? s.windowsBuilds.join(", ") : "none") +
      "; Kubernetes " + s.kubernetesVersions.join(", ");
    const root = document.getElementById("fleet-groups");
    root.replaceChildren();
    for (const g of fleet.groups) {
      const title = g.release + (g.build ? " (" + g.build + ")" : "") +
        " · kubelet " + (g.kubelet || "unknown") + " · " + (g.runtime || "runtime unknown") +
        " · " + g.nodes.length + (g.nodes.length === 1 ? " node" : " nodes");
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
          el("td", {}, String(n.images)),
          el("td", {}, n.schedulable ? "schedulable" : "cordoned"),
          observabilityCell(n)));
      }
      root.append(el("div", { class: "group scroll" }, el("table", { class: "fleet-group", "data-os": g.os, "data-build": g.build },
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
        body)));
    }
    renderSimulationForm(fleet);
  }

  // ---- Matrix ----

  function renderMatrix(matrix) {
    const root = document.getElementById("matrix");
    root.replaceChildren();
    if (matrix.rows.length === 0) {
      root.append(el("p", {}, "No workloads, so no images to judge."));
      return;
    }
    const head = el("tr", {}, el("th", { scope: "col" }, "Image"));
    for (const c of matrix.columns) {
      head.append(el("th", { scope: "col", "data-column": c.id }, c.label,
        el("span", { class: "sub" }, c.nodes.length + (c.nodes.length === 1 ? " node" : " nodes"))));
    }
    const body = el("tbody");
    for (const r of matrix.rows) {
      const imageCell = el("th", { scope: "row" }, el("code", {}, r.image),
        el("span", { class: "sub" }, r.os + " · " + r.workloads.length +
          (r.workloads.length === 1 ? " workload" : " workloads")));
      if (r.aheadOf && r.aheadOf.length) {
        imageCell.append(el("span", { class: "sub ahead" }, "ahead of " +
          r.aheadOf.map((a) => a.node + " (" + a.nodeVersion + (a.incident ? "; " + a.incident : "") + ")").join(", ") +
          ": patch those nodes first"));
      }
      const row = el("tr", {}, imageCell);
      for (const cell of r.cells) {
        const [symbol, text] = MODE_TEXT[cell.mode];
        const details = el("details", {},
          el("summary", {}, el("span", { "aria-hidden": "true" }, symbol + " "), text),
          el("p", {}, cell.reason));
        for (const note of cell.notes) details.append(el("p", {}, "Note: " + note));
        row.append(el("td", { class: "mode-" + cell.mode, "data-mode": cell.mode, "data-column": cell.column }, details));
      }
      body.append(row);
    }
    root.append(el("table", { id: "matrix-table" },
      el("caption", {}, "Images in use (rows) against the fleet's node builds (columns)"),
      el("thead", {}, head), body));
  }

  // ---- Workloads and findings ----

  const filterForm = document.getElementById("filters");
  let facetsLoaded = false;

  function fillSelect(select, values, label) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el("option", { value: v.value }, label(v)));
    select.value = keep;
  }

  async function loadWorkloads() {
    const params = new URLSearchParams();
    for (const name of ["severity", "rule", "namespace"]) {
      const value = filterForm.elements[name].value;
      if (value) params.set(name, value);
    }
    try {
      const data = await api("/api/workloads" + (params.toString() ? "?" + params : ""));
      clearError();
      renderWorkloads(data);
    } catch (e) {
      showError("Cannot load the workloads: " + e.message);
    }
  }

  function renderWorkloads(data) {
    if (!facetsLoaded) {
      fillSelect(filterForm.elements.severity, data.facets.severities.map((s) => ({ value: s })), (s) => s.value);
      fillSelect(filterForm.elements.rule, data.facets.rules.map((r) => ({ value: r.id, r })),
        (v) => v.value + " (" + v.r.severity + ", " + v.r.count + ")");
      fillSelect(filterForm.elements.namespace, data.facets.namespaces.map((n) => ({ value: n })), (n) => n.value);
      facetsLoaded = true;
    }
    const body = document.querySelector("#findings-table tbody");
    body.replaceChildren();
    for (const w of data.workloads) {
      const name = w.kind + "/" + w.name;
      if (w.findings.length === 0) {
        body.append(el("tr", { "data-workload": w.id },
          el("th", { scope: "row" }, name), el("td", {}, w.namespace),
          el("td", {}, badge("mode-process", "✔", "ok")), el("td", {}, "—"),
          el("td", {}, "No findings."), el("td", {}, "—"), el("td", {}, w.source + ":" + w.line)));
        continue;
      }
      for (const f of w.findings) {
        body.append(el("tr", { "data-workload": w.id, "data-rule": f.rule, "data-severity": f.severity },
          el("th", { scope: "row" }, name + (f.container ? " (" + f.container + ")" : "")),
          el("td", {}, w.namespace),
          el("td", {}, badge("sev-" + f.severity, SEVERITY_SYMBOL[f.severity] || "", f.severity)),
          el("td", {}, el("code", {}, f.rule)),
          el("td", {}, f.message),
          el("td", {}, f.fix),
          el("td", {}, f.file + ":" + f.line)));
      }
    }
    for (const f of data.fileProblems) {
      body.append(el("tr", { "data-rule": f.rule, "data-severity": f.severity },
        el("th", { scope: "row" }, f.file), el("td", {}, "—"),
        el("td", {}, badge("sev-" + f.severity, SEVERITY_SYMBOL[f.severity] || "", f.severity)),
        el("td", {}, el("code", {}, f.rule)), el("td", {}, f.message), el("td", {}, f.fix),
        el("td", {}, f.file + ":" + f.line)));
    }
    const c = data.counts;
    document.getElementById("findings-count").textContent =
      c.findings + (c.findings === 1 ? " finding" : " findings") + " in " + c.workloads +
      (c.workloads === 1 ? " workload" : " workloads") + ": " + c.error + " errors, " +
      c.warning + " warnings, " + c.info + " info";
  }

  filterForm.addEventListener("change", loadWorkloads);
  filterForm.addEventListener("submit", (event) => { event.preventDefault(); loadWorkloads(); });
  filterForm.addEventListener("reset", () => setTimeout(loadWorkloads, 0));

  // ---- Upgrade simulation ----

  const simulateForm = document.getElementById("simulate-form");

  function renderSimulationForm(fleet) {
    const fieldset = document.getElementById("simulate-nodes");
    fieldset.querySelectorAll(".node-choice").forEach((n) => n.remove());
    let i = 0;
    for (const g of fleet.groups) {
      if (g.os !== "windows") continue;
      for (const n of g.nodes) {
        const id = "simulate-node-" + (i++);
        fieldset.append(el("div", { class: "node-choice" },
          el("input", { type: "checkbox", id: id, name: "nodes", value: n.name }),
          " ",
          el("label", { for: id }, n.name + " (" + g.release + ", " + (n.version || g.build) + ")")));
      }
    }
    if (i === 0) fieldset.append(el("p", { class: "node-choice" }, "This fleet has no Windows nodes."));
    const target = document.getElementById("simulate-target");
    target.replaceChildren();
    for (const t of fleet.upgradeTargets) {
      target.append(el("option", { value: t.id }, t.name + " (" + t.id + ", " + t.build + ")"));
    }
    if (fleet.upgradeTargets.length) target.value = fleet.upgradeTargets[fleet.upgradeTargets.length - 1].id;
  }

  simulateForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const nodes = Array.from(simulateForm.querySelectorAll('input[name="nodes"]:checked')).map((c) => c.value);
    const status = document.getElementById("simulate-status");
    if (nodes.length === 0) {
      status.textContent = "Choose at least one Windows node to upgrade.";
      return;
    }
    const to = document.getElementById("simulate-target").value;
    status.textContent = "Simulating…";
    try {
      const result = await api("/api/simulate?" + new URLSearchParams({ nodes: nodes.join(","), to: to }));
      clearError();
      renderSimulation(result);
    } catch (e) {
      status.textContent = "";
      showError("Cannot simulate: " + e.message);
    }
  });

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /** Windows builds, one a line; "none" when there are none. */
  function builds(list) {
    if (!list.length) return el("td", {}, "none");
    return el("td", {}, ...list.map((b) => el("span", { class: "build" }, b)));
  }

  function renderSimulation(result) {
    const s = result.summary;
    const upgraded = result.nodes.map((n) => n.name);
    document.getElementById("simulate-status").textContent =
      (upgraded.length ? "Upgrading " + upgraded.join(", ") : "No node to upgrade") + " to " +
      result.target.name + " (" + result.target.build + "): " + s.breaks + " break, " +
      s.rebuild + " to rebuild, " + s.ok + " ok; " + plural(s.waves, "wave", "waves") +
      (s.blockedWaves ? " (" + s.blockedWaves + " blocked)" : "") + ".";
    const root = document.getElementById("simulate-result");
    root.replaceChildren();
    if (result.notes.length) {
      const notes = el("ul", { class: "notes", id: "simulate-notes", "aria-label": "Notes on the plan" });
      for (const n of result.notes) notes.append(el("li", {}, "Note: " + n));
      root.append(notes);
    }
    root.append(el("h3", {}, "Workloads"));
    const body = el("tbody");
    for (const w of result.workloads) {
      const [symbol, text] = STATUS_TEXT[w.status];
      const change = el("td");
      for (const [from, to] of Object.entries(w.suggestedImages)) {
        change.append(el("p", {}, "Image ", el("code", {}, to), el("span", { class: "sub" }, "instead of " + from)));
      }
      for (const c of w.selectorChanges) {
        change.append(el("p", {}, el("code", {}, c.where), " = ", el("code", {}, c.to),
          el("span", { class: "sub" }, "now " + c.from)));
      }
      if (!change.hasChildNodes()) change.append(w.status === "rebuild" ? "Rebuild; no known tag scheme to suggest one" : "—");
      const why = el("td", {}, el("p", {}, w.reason));
      if (w.newFindings.length) {
        const details = el("details", {}, el("summary", {},
          plural(w.newFindings.length, "new finding", "new findings") + " if nothing is rebuilt"));
        for (const f of w.newFindings) {
          details.append(el("p", {}, badge("sev-" + f.severity, SEVERITY_SYMBOL[f.severity] || "", f.severity), " ",
            el("code", {}, f.rule), ": " + f.message));
        }
        why.append(details);
      }
      body.append(el("tr", { "data-workload": w.id, "data-status": w.status },
        el("th", { scope: "row" }, w.object, el("span", { class: "sub" }, w.namespace + " · " + w.file + ":" + w.line)),
        el("td", {}, badge("status-" + w.status, symbol, text)),
        builds(w.before),
        builds(w.after),
        el("td", {}, w.replicasWithoutRoom ? w.replicasWithoutRoom + " of " + w.replicas : "—"),
        change,
        why));
    }
    root.append(el("div", { class: "scroll" }, el("table", { id: "simulate-table" },
      el("caption", {}, "What happens to each workload when " +
        (result.nodes.length ? result.nodes.map((n) => n.name + " (" + n.from + " → " + n.to + ")").join(", ") : "no node") +
        " move to " + result.target.name + ", worst first"),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Workload"),
        el("th", { scope: "col" }, "Status"),
        el("th", { scope: "col" }, "Windows builds now"),
        el("th", { scope: "col" }, "Windows builds after (images unchanged)"),
        el("th", { scope: "col" }, "Replicas without room"),
        el("th", { scope: "col" }, "Suggested changes"),
        el("th", { scope: "col" }, "Why"))),
      body)));

    root.append(el("h3", {}, "Waves"));
    if (result.waves.length === 0) {
      root.append(el("p", { id: "simulate-no-waves" }, "No node to drain."));
      return;
    }
    const waves = el("tbody");
    for (const w of result.waves) {
      waves.append(el("tr", { "data-wave": w.wave, "data-blocked": w.blocked ? "true" : "false" },
        el("th", { scope: "row" }, "Wave " + w.wave),
        el("td", {}, ...w.nodes.map((n) => el("span", { class: "build" }, n))),
        el("td", {}, w.blocked ? badge("wave-blocked", "✖", "blocked") : badge("wave-safe", "✔", "safe")),
        el("td", {}, w.precondition)));
    }
    root.append(el("div", { class: "scroll" }, el("table", { id: "waves-table" },
      el("caption", {}, "Drain and upgrade the nodes in this order, one wave after another"),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Wave"),
        el("th", { scope: "col" }, "Nodes"),
        el("th", { scope: "col" }, "Safe?"),
        el("th", { scope: "col" }, "Before you start"))),
      waves)));
  }

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
      document.getElementById("verdicts-count").textContent =
        data.verdicts.length === 0 ? "No admission requests yet." :
          data.verdicts.length + " of " + data.total + " recent verdicts shown.";
    } catch (e) {
      showError("Cannot load the verdicts: " + e.message);
    }
  }

  document.getElementById("verdicts-refresh").addEventListener("click", loadVerdicts);

  // ---- Start ----

  async function start() {
    const wanted = tabs.find((t) => "#" + t.id.replace(/^tab-/, "") === location.hash);
    if (wanted) selectTab(wanted, false);
    try {
      const [fleet, matrix] = await Promise.all([api("/api/fleet"), api("/api/matrix")]);
      renderFleet(fleet);
      renderMatrix(matrix);
    } catch (e) {
      showError("Cannot load the fleet: " + e.message);
    }
    await loadWorkloads();
    document.body.setAttribute("data-ready", "true");
  }

  start();
})();
