package dev.winfleet.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.cluster.WindowsNodeObservability;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.ImageBuildMatrix;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.planning.PrepullPlan;
import dev.winfleet.core.planning.SelectorChange;
import dev.winfleet.core.planning.UpgradePlan;
import dev.winfleet.core.planning.UpgradeStatus;
import dev.winfleet.core.planning.UpgradeWave;
import dev.winfleet.core.planning.WorkloadOutcome;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.server.RecentVerdicts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the dashboard's API, one method per answer. */
final class DashboardJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DashboardJson() {}

  /** {@code /api/fleet}: nodes grouped by OS, Windows build, kubelet and runtime version. */
  static ObjectNode fleet(DashboardModel model) {
    WindowsCatalog catalog = model.engine().placement().compatibility().catalog();
    PatchCatalog patches = model.engine().placement().compatibility().patches();
    List<FleetNode> nodes = model.fleet().nodes();
    ObjectNode root = F.objectNode();
    root.put("asOf", model.asOf().toString());
    ObjectNode summary = root.putObject("summary");
    summary.put("nodes", nodes.size());
    summary.put("windows", nodes.stream().filter(FleetNode::isWindows).count());
    summary.put("linux", nodes.stream().filter(FleetNode::isLinux).count());
    ArrayNode builds = summary.putArray("windowsBuilds");
    model.fleet().windowsBuilds().forEach(b -> builds.add(b.buildString()));
    ArrayNode kubelets = summary.putArray("kubernetesVersions");
    model.environment().kubernetesVersions().forEach(v -> kubelets.add(v.toString()));

    Map<String, List<FleetNode>> groups = new LinkedHashMap<>();
    List<FleetNode> sorted = new ArrayList<>(nodes);
    sorted.sort(
        Comparator.comparing((FleetNode n) -> osLabel(n))
            .thenComparing(n -> buildOf(n))
            .thenComparing(FleetNode::kubeletVersion)
            .thenComparing(FleetNode::containerRuntimeVersion)
            .thenComparing(FleetNode::name));
    for (FleetNode n : sorted) {
      String key =
          osLabel(n)
              + "|"
              + buildOf(n)
              + "|"
              + n.kubeletVersion()
              + "|"
              + n.containerRuntimeVersion();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
    }
    ArrayNode out = root.putArray("groups");
    for (List<FleetNode> group : groups.values()) {
      FleetNode first = group.get(0);
      ObjectNode g = out.addObject();
      g.put("os", osLabel(first));
      g.put("build", buildOf(first));
      g.put(
          "release",
          first.isWindows()
              ? (first.windowsVersion() == null
                  ? "Windows (build unknown)"
                  : catalog
                      .primaryRelease(first.windowsVersion().build())
                      .map(WindowsRelease::name)
                      .orElse("Windows " + first.windowsVersion().buildString()))
              : first.isLinux() ? "Linux" : "OS unknown");
      g.put("kubelet", first.kubeletVersion());
      g.put("runtime", first.containerRuntimeVersion());
      ArrayNode list = g.putArray("nodes");
      for (FleetNode n : group) {
        ObjectNode node = list.addObject();
        node.put("name", n.name());
        node.put("version", n.windowsVersion() == null ? "" : n.windowsVersion().toString());
        OsVersion v = n.windowsVersion();
        node.put(
            "update",
            v == null ? "" : patches.find(v).map(u -> u.released() + " " + u.kb()).orElse(""));
        if (v != null && patches.patchAgeMonths(v).isPresent()) {
          node.put("patchAgeMonths", patches.patchAgeMonths(v).getAsInt());
        } else {
          node.putNull("patchAgeMonths");
        }
        node.put("architecture", n.architecture());
        node.put("osImage", n.osImage());
        ArrayNode taints = node.putArray("taints");
        for (Taint t : n.taints()) {
          taints.add(t.toString());
        }
        node.put("cpu", n.allocatableCpuMillis() < 0 ? "" : cpu(n.allocatableCpuMillis()));
        node.put(
            "memory", n.allocatableMemoryBytes() < 0 ? "" : memory(n.allocatableMemoryBytes()));
        node.put("images", n.images().size());
        node.put("schedulable", !n.unschedulable());
        WindowsNodeObservability.NodeView seen = model.observability().get(n.name());
        if (seen != null) {
          ObjectNode o = node.putObject("observability");
          seen.metricsAgent()
              .ifPresentOrElse(a -> o.put("metricsAgent", a), () -> o.putNull("metricsAgent"));
          seen.nodeLogQuery()
              .ifPresentOrElse(q -> o.put("nodeLogQuery", q), () -> o.putNull("nodeLogQuery"));
          ArrayNode missing = o.putArray("missing");
          seen.missing().forEach(missing::add);
          o.put("docs", "docs/observability.md");
        }
      }
    }
    ArrayNode targets = root.putArray("upgradeTargets");
    for (WindowsRelease r : catalog.serverReleases()) {
      if (!r.tags().isEmpty() && r.channel() == dev.winfleet.core.catalog.Channel.LTSC) {
        ObjectNode t = targets.addObject();
        t.put("id", r.preferredTag());
        t.put("name", r.name());
        t.put("build", r.version().buildString());
      }
    }
    return root;
  }

  /** {@code /api/matrix}: images in use against node builds. */
  static ObjectNode matrix(DashboardModel model) {
    ImageBuildMatrix m = model.matrix();
    ObjectNode root = F.objectNode();
    root.put("asOf", model.asOf().toString());
    ArrayNode columns = root.putArray("columns");
    for (ImageBuildMatrix.Column c : m.columns()) {
      ObjectNode col = columns.addObject();
      col.put("id", c.id());
      col.put("label", c.label());
      col.put("os", c.host() == null ? "unknown" : c.host().os().label());
      col.put(
          "build",
          c.host() == null || c.host().version() == null ? "" : c.host().version().buildString());
      ArrayNode nodes = col.putArray("nodes");
      c.nodes().forEach(nodes::add);
    }
    ArrayNode rows = root.putArray("rows");
    for (ImageBuildMatrix.Row r : m.rows()) {
      ObjectNode row = rows.addObject();
      row.put("image", r.image());
      row.put("os", r.profile().describeOs());
      row.put("evidence", r.profile().evidence());
      row.put("source", r.profile().source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      ArrayNode users = row.putArray("workloads");
      for (Workload w : model.workloads()) {
        if (w.images().contains(r.image())) {
          users.add(w.id());
        }
      }
      ArrayNode ahead = row.putArray("aheadOf");
      for (ImageBuildMatrix.PatchGap gap : r.aheadOf()) {
        ObjectNode o = ahead.addObject();
        o.put("node", gap.node());
        o.put("nodeVersion", gap.nodeVersion().toString());
        o.put("imageVersion", gap.imageVersion().toString());
        o.put("months", gap.assessment().monthsImageAhead());
        o.put(
            "incident",
            gap.assessment().incident().map(i -> i.id() + ": install " + i.kb()).orElse(""));
      }
      ArrayNode cells = row.putArray("cells");
      for (int i = 0; i < r.cells().size(); i++) {
        ImageBuildMatrix.Cell cell = r.cells().get(i);
        ObjectNode c = cells.addObject();
        c.put("column", m.columns().get(i).id());
        c.put("mode", cell.mode().wire());
        c.put("platform", cell.platform());
        c.put("reason", cell.reason());
        ArrayNode notes = c.putArray("notes");
        cell.notes().forEach(notes::add);
      }
    }
    return root;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode o = F.objectNode();
    o.put("rule", f.rule());
    o.put("severity", f.severity().label());
    o.put("file", f.file());
    o.put("line", f.line());
    o.put("column", f.column());
    o.put("object", f.objectDisplay());
    o.put("container", f.container());
    o.put("path", f.path().toPointer());
    o.put("message", f.message());
    o.put("fix", f.fix());
    o.put("evidence", f.evidence().label());
    return o;
  }

  static ObjectNode workload(DashboardModel model, Workload w, List<Finding> findings) {
    ObjectNode o = F.objectNode();
    o.put("id", w.id());
    o.put("kind", w.ref().kind());
    o.put("name", w.ref().name());
    o.put("namespace", w.namespace());
    o.put("source", w.source());
    o.put("line", w.line());
    ArrayNode images = o.putArray("images");
    w.images().forEach(images::add);
    ArrayNode runsOn = o.putArray("runsOn");
    model.runsOn(w.id()).forEach(runsOn::add);
    ArrayNode list = o.putArray("findings");
    findings.forEach(f -> list.add(finding(f)));
    return o;
  }

  /**
   * {@code /api/audit}: the live audit's state and every audited object with its findings and the
   * time it was last judged. {@code enabled} is false without a cluster or with {@code --no-audit}.
   */
  static ObjectNode audit(dev.winfleet.core.spi.AuditView audit) {
    dev.winfleet.core.spi.AuditView.Status s = audit.status();
    ObjectNode root = F.objectNode();
    root.put("enabled", s.enabled());
    root.put("synced", s.synced());
    root.put("leader", s.leader());
    root.put("lastEvaluation", s.lastEvaluation() == null ? null : s.lastEvaluation().toString());
    root.put("objectCount", s.objects());
    root.put("findingCount", s.findings());
    ArrayNode list = root.putArray("objects");
    for (dev.winfleet.core.spi.AuditView.Audited a : audit.objects()) {
      ObjectNode o = list.addObject();
      o.put("kind", a.object().kind());
      o.put("namespace", a.object().namespace());
      o.put("name", a.object().name());
      o.put("evaluated", a.evaluated().toString());
      ArrayNode findings = o.putArray("findings");
      a.findings().forEach(f -> findings.add(finding(f)));
    }
    return root;
  }

  /** {@code /api/verdicts}: newest first. */
  static ObjectNode verdicts(List<RecentVerdicts.Entry> entries, int limit) {
    ObjectNode root = F.objectNode();
    ArrayNode list = root.putArray("verdicts");
    for (int i = entries.size() - 1; i >= 0 && list.size() < limit; i--) {
      RecentVerdicts.Entry e = entries.get(i);
      ObjectNode o = list.addObject();
      o.put("at", e.at().toString());
      o.put("endpoint", e.endpoint().label());
      o.put("verdict", e.verdict().label());
      o.put("kind", e.kind());
      o.put("namespace", e.namespace());
      o.put("name", e.name());
      o.put("uid", e.uid());
      o.put("message", e.message());
    }
    root.put("total", entries.size());
    return root;
  }

  /**
   * {@code /api/simulate}: the planner's plan, with the keys of {@code winfleet plan upgrade
   * --format json} for what the two share ({@code object}, {@code file}, {@code status}, {@code
   * before}, {@code after}, {@code suggestedImages}, {@code reason}; {@code nodes} and {@code
   * precondition} of a wave) and the rest of the planner's values (selector changes, replicas,
   * blocked waves, notes). Workloads that break come first, then the ones to rebuild.
   */
  static ObjectNode simulation(UpgradeSimulation s) {
    UpgradePlan plan = s.plan();
    ObjectNode root = F.objectNode();
    ObjectNode target = root.putObject("target");
    target.put("id", plan.target().preferredTag());
    target.put("name", plan.target().name());
    target.put("build", plan.target().version().buildString());
    ArrayNode nodes = root.putArray("nodes");
    for (UpgradeSimulation.NodeChange n : s.nodes()) {
      nodes.addObject().put("name", n.name()).put("from", n.from()).put("to", n.to());
    }
    ObjectNode summary = root.putObject("summary");
    for (UpgradeStatus status : UpgradeStatus.values()) {
      summary.put(status.wireName(), plan.count(status));
    }
    summary.put("waves", plan.waves().size());
    summary.put("blockedWaves", plan.waves().stream().filter(UpgradeWave::blocked).count());

    List<UpgradeSimulation.WorkloadResult> sorted = new ArrayList<>(s.workloads());
    sorted.sort(
        Comparator.comparing((UpgradeSimulation.WorkloadResult w) -> w.status().ordinal())
            .reversed()); // stable: input order within a status
    ArrayNode workloads = root.putArray("workloads");
    for (UpgradeSimulation.WorkloadResult r : sorted) {
      WorkloadOutcome w = r.outcome();
      ObjectNode o = workloads.addObject();
      o.put("id", r.workload().id());
      o.put("object", w.object().display());
      o.put("namespace", r.workload().namespace());
      o.put("file", r.workload().source());
      o.put("line", r.workload().line());
      o.put("status", w.status().wireName());
      strings(o.putArray("before"), w.before().stream().map(OsVersion::toString).toList());
      strings(o.putArray("after"), w.after().stream().map(OsVersion::toString).toList());
      o.put("replicas", w.replicas());
      o.put("replicasWithoutRoom", w.replicasWithoutRoom());
      ObjectNode suggested = o.putObject("suggestedImages");
      w.suggestedImages().forEach(suggested::put);
      ArrayNode changes = o.putArray("selectorChanges");
      for (SelectorChange c : w.selectorChanges()) {
        changes.addObject().put("where", c.where()).put("from", c.from()).put("to", c.to());
      }
      o.put("reason", w.reason());
      ArrayNode added = o.putArray("newFindings");
      r.newFindings().forEach(f -> added.add(finding(f)));
      ArrayNode gone = o.putArray("goneFindings");
      r.goneFindings().forEach(f -> gone.add(finding(f)));
    }
    ArrayNode waves = root.putArray("waves");
    for (int i = 0; i < plan.waves().size(); i++) {
      UpgradeWave wave = plan.waves().get(i);
      ObjectNode o = waves.addObject();
      o.put("wave", i + 1);
      strings(o.putArray("nodes"), wave.nodes());
      o.put("precondition", wave.precondition());
      o.put("blocked", wave.blocked());
    }
    strings(root.putArray("notes"), plan.notes());
    return root;
  }

  /**
   * {@code /api/prepull}: the plan's waves on a time line (seconds from the start, the registry's
   * rate in each wave) against the registry's and one node's bandwidth, the nodes' downloads, and
   * the images without layer information ({@code missing}), for which no plan is made.
   */
  static ObjectNode prepull(
      DashboardModel model, PrepullPlan plan, List<String> images, List<String> missing) {
    ObjectNode root = F.objectNode();
    root.put("asOf", model.asOf().toString());
    strings(root.putArray("images"), images);
    strings(root.putArray("missing"), missing);
    ArrayNode known = root.putArray("known");
    model.imageLayers().forEach(l -> known.add(l.reference()));
    if (!missing.isEmpty()) {
      root.put(
          "fix",
          "layer sizes come from the registry: save them with 'winfleet inspect --json --layers"
              + " REF... > images.json' and give that file to the server");
    }
    if (plan == null) {
      return root;
    }
    ObjectNode limits = root.putObject("limits");
    limits.put("nodeBytesPerSecond", plan.nodeBandwidth().bytesPerSecond());
    limits.put("node", plan.nodeBandwidth().describe());
    limits.put("registryBytesPerSecond", plan.registryBandwidth().bytesPerSecond());
    limits.put("registry", plan.registryBandwidth().describe());
    root.put("completionSeconds", plan.completionSeconds());
    root.put("peakRegistryBytesPerSecond", plan.peakRegistryBytesPerSecond());
    root.put("registryBytes", plan.registryBytes());
    root.put("foreignBytes", plan.foreignBytes());
    root.put("bytesWithoutSharing", plan.bytesWithoutSharing());
    root.put("bytesAlreadyPresent", plan.bytesAlreadyPresent());
    ObjectNode naive = root.putObject("allAtOnce");
    naive.put("completionSeconds", plan.naive().completionSeconds());
    naive.put("demandBytesPerSecond", plan.naive().demandBytesPerSecond());
    naive.put("registryBytesPerSecond", plan.naive().peakRegistryBytesPerSecond());
    ArrayNode waves = root.putArray("waves");
    for (PrepullPlan.Wave w : plan.waves()) {
      ObjectNode o = waves.addObject();
      o.put("wave", w.number());
      strings(o.putArray("nodes"), w.nodes());
      o.put("startSeconds", w.startSeconds());
      o.put("endSeconds", w.endSeconds());
      o.put("registryBytes", w.registryBytes());
      o.put("foreignBytes", w.foreignBytes());
      o.put("registryBytesPerSecond", w.peakRegistryBytesPerSecond());
    }
    ArrayNode nodes = root.putArray("nodes");
    for (PrepullPlan.NodePull n : plan.nodes()) {
      ObjectNode o = nodes.addObject();
      o.put("node", n.node());
      o.put("build", n.build() == null ? "" : n.build().toString());
      strings(o.putArray("images"), n.images());
      o.put("registryBytes", n.registryBytes());
      o.put("foreignBytes", n.foreignBytes());
      o.put("skippedBytes", n.skippedBytes());
      o.put("seconds", n.seconds());
    }
    strings(root.putArray("notes"), plan.notes());
    return root;
  }

  static ObjectNode error(String problem, String fix) {
    ObjectNode o = F.objectNode();
    o.put("error", problem);
    o.put("fix", fix);
    return o;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String osLabel(FleetNode n) {
    return n.os() == null ? "unknown" : n.os().label();
  }

  private static String buildOf(FleetNode n) {
    return n.windowsVersion() == null ? "" : n.windowsVersion().buildString();
  }

  static String cpu(long millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
  }

  static String memory(long bytes) {
    double gib = bytes / (1024.0 * 1024 * 1024);
    if (gib >= 1) {
      return String.format(Locale.ROOT, "%.1f GiB", gib);
    }
    return String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
  }
}
