package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.NodeImage;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small fleets and workloads written out by hand for the scenario tests. */
final class PlanningFixtures {

  static final Taint WINDOWS_TAINT = new Taint("os", "windows", TaintEffect.NO_SCHEDULE);
  static final long GI = 1L << 30;

  private PlanningFixtures() {}

  /** A tainted Windows node of this version with this many CPUs and GiB of memory. */
  static FleetNode windows(
      String name, String version, int cpus, int gib, Map<String, String> extra) {
    return windows(name, version, cpus, gib, extra, List.of());
  }

  static FleetNode windows(
      String name,
      String version,
      int cpus,
      int gib,
      Map<String, String> extra,
      List<NodeImage> images) {
    OsVersion v = WindowsCatalog.builtIn().parseVersion(version);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/os", "windows");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("node.kubernetes.io/windows-build", v.buildString());
    labels.putAll(extra);
    return new FleetNode(
        name,
        labels,
        List.of(WINDOWS_TAINT),
        OsFamily.WINDOWS,
        "amd64",
        v,
        "v1.31.2",
        "containerd://1.7.20",
        "",
        cpus * 1000L,
        gib * GI,
        images,
        false);
  }

  static FleetNode linux(String name, int cpus, int gib) {
    return new FleetNode(
        name,
        Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"),
        List.of(),
        OsFamily.LINUX,
        "amd64",
        null,
        "v1.31.2",
        "",
        "",
        cpus * 1000L,
        gib * GI,
        List.of(),
        false);
  }

  static List<ManifestObject> objects(String yaml) {
    return ManifestReader.defaults().read("test.yaml", yaml).objects();
  }

  static List<Workload> workloads(String yaml) {
    List<Workload> out = new ArrayList<>();
    for (ManifestObject o : objects(yaml)) {
      Workload.of(o).ifPresent(out::add);
    }
    return out;
  }

  static List<DisruptionBudget> budgets(String yaml) {
    List<DisruptionBudget> out = new ArrayList<>();
    for (ManifestObject o : objects(yaml)) {
      DisruptionBudget.of(o).ifPresent(out::add);
    }
    return out;
  }

  /** A Deployment (or DaemonSet when replicas is null) tolerating the Windows taint. */
  static String workload(
      String kind,
      String name,
      String image,
      Integer replicas,
      String cpu,
      String memory,
      String selector) {
    return "---\napiVersion: apps/v1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + "}\nspec:\n"
        + (replicas == null ? "" : "  replicas: " + replicas + "\n")
        + "  selector: {matchLabels: {app: "
        + name
        + "}}\n  template:\n    metadata: {labels: {app: "
        + name
        + "}}\n    spec:\n      nodeSelector: "
        + selector
        + "\n      tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]\n"
        + "      containers:\n        - name: main\n          image: "
        + image
        + "\n          resources: {requests: {cpu: \""
        + cpu
        + "\", memory: "
        + memory
        + "}}\n";
  }
}
