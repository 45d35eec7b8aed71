package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.planning.PrepullPlan.NodePull;
import dev.winfleet.core.planning.PrepullPlan.Wave;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Kubernetes objects that carry out a pre-pull plan: per wave and per OS/build, one DaemonSet
 * pinned to exactly that wave's nodes (required node affinity on {@code metadata.name}), with the
 * OS and windows-build selectors, the tolerations those nodes need, and one init container per
 * image that only pulls it. Values (object trees) for the caller to print or apply.
 */
public final class PrepullManifests {

  static final String RESOURCE = "/dev/winfleet/core/planning/prepull.yaml";

  private final String pauseImage;
  private final Map<String, List<String>> commands;
  private final String cpu;
  private final String memory;

  private PrepullManifests(
      String pauseImage, Map<String, List<String>> commands, String cpu, String memory) {
    this.pauseImage = pauseImage;
    this.commands = Map.copyOf(commands);
    this.cpu = cpu;
    this.memory = memory;
  }

  public static PrepullManifests builtIn() {
    return BuiltIn.MANIFESTS;
  }

  private static final class BuiltIn {
    static final PrepullManifests MANIFESTS = load();

    private static PrepullManifests load() {
      File f = CatalogFiles.read(RESOURCE, File.class);
      return new PrepullManifests(f.pauseImage, f.commands, f.resources.cpu, f.resources.memory);
    }
  }

  static final class File {
    public String pauseImage;
    public Map<String, List<String>> commands;
    public Resources resources;
  }

  static final class Resources {
    public String cpu;
    public String memory;
  }

  private record Group(OsFamily os, String architecture, OsVersion build) {}

  /** The objects for the plan, wave by wave, in the given namespace. */
  public List<Map<String, Object>> objects(PrepullPlan plan, String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    Map<String, NodePull> byNode = new LinkedHashMap<>();
    plan.nodes().forEach(p -> byNode.put(p.node(), p));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Wave wave : plan.waves()) {
      Map<Group, List<NodePull>> groups = new LinkedHashMap<>();
      for (String name : wave.nodes()) {
        NodePull p = byNode.get(name);
        groups
            .computeIfAbsent(new Group(p.os(), p.architecture(), p.build()), g -> new ArrayList<>())
            .add(p);
      }
      for (Map.Entry<Group, List<NodePull>> e : groups.entrySet()) {
        out.add(daemonSet(wave.number(), e.getKey(), e.getValue(), namespace));
      }
    }
    return out;
  }

  private Map<String, Object> daemonSet(
      int wave, Group group, List<NodePull> nodes, String namespace) {
    boolean windows = group.os() == OsFamily.WINDOWS;
    String suffix =
        windows && group.build() != null
            ? group.build().buildString().replace('.', '-')
            : group.os().label();
    String name = "winfleet-prepull-w" + wave + "-" + suffix + "-" + group.architecture();
    name = name.toLowerCase(Locale.ROOT);

    Set<String> images = new LinkedHashSet<>();
    Set<Taint> taints = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    for (NodePull p : nodes) {
      images.addAll(p.images());
      taints.addAll(p.taints());
      names.add(p.node());
    }
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put(FleetObjects.OS_LABEL, group.os().label());
    selector.put(FleetObjects.ARCH_LABEL, group.architecture());
    if (windows && group.build() != null) {
      selector.put(FleetObjects.WINDOWS_BUILD_LABEL, group.build().buildString());
    }
    List<Object> tolerations = new ArrayList<>();
    for (Taint t : taints) {
      tolerations.add(Toleration.forTaint(t).toTree());
    }
    Map<String, Object> resources =
        map(
            "requests",
            map("cpu", cpu, "memory", memory),
            "limits",
            map("cpu", cpu, "memory", memory));
    List<Object> init = new ArrayList<>();
    int i = 0;
    for (String image : images) {
      init.add(
          map(
              "name",
              "pull-" + i++,
              "image",
              image,
              "imagePullPolicy",
              "IfNotPresent",
              "command",
              commands.get(group.os().label()),
              "resources",
              resources));
    }
    Map<String, Object> podLabels =
        map("app.kubernetes.io/name", "winfleet-prepull", "winfleet.dev/prepull", name);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("os", map("name", group.os().label()));
    spec.put("nodeSelector", selector);
    spec.put(
        "affinity",
        map(
            "nodeAffinity",
            map(
                "requiredDuringSchedulingIgnoredDuringExecution",
                map(
                    "nodeSelectorTerms",
                    List.of(
                        map(
                            "matchFields",
                            List.of(
                                map(
                                    "key", "metadata.name",
                                    "operator", "In",
                                    "values", names))))))));
    if (!tolerations.isEmpty()) {
      spec.put("tolerations", tolerations);
    }
    spec.put("terminationGracePeriodSeconds", 0);
    spec.put("initContainers", init);
    spec.put(
        "containers", List.of(map("name", "done", "image", pauseImage, "resources", resources)));
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("apiVersion", "apps/v1");
    ds.put("kind", "DaemonSet");
    ds.put(
        "metadata",
        map(
            "name", name,
            "namespace", namespace,
            "labels",
                map(
                    "app.kubernetes.io/name", "winfleet-prepull",
                    "app.kubernetes.io/managed-by", "winfleet",
                    "winfleet.dev/prepull-wave", String.valueOf(wave))));
    ds.put(
        "spec",
        map(
            "selector", map("matchLabels", map("winfleet.dev/prepull", name)),
            "template", map("metadata", map("labels", podLabels), "spec", spec)));
    return ds;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** For tests: the pause image the DaemonSets keep running. */
  public String pauseImage() {
    return pauseImage;
  }
}
