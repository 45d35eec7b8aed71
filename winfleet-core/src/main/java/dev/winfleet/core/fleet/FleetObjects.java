package dev.winfleet.core.fleet;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds fleet values from Kubernetes objects as generic trees ({@code kubectl get nodes,
 * runtimeclasses -o yaml}, a {@code winfleet fleet export}), and holds the derivations every source
 * of nodes shares (the Windows version of a node, its OS).
 */
public final class FleetObjects {

  /** The label the kubelet sets on Windows nodes: {@code 10.0.17763}. */
  public static final String WINDOWS_BUILD_LABEL = "node.kubernetes.io/windows-build";

  public static final String OS_LABEL = "kubernetes.io/os";
  public static final String ARCH_LABEL = "kubernetes.io/arch";
  public static final String DEPRECATED_OS_LABEL = "beta.kubernetes.io/os";
  public static final String DEPRECATED_ARCH_LABEL = "beta.kubernetes.io/arch";

  private FleetObjects() {}

  /** The fleet of the Node and RuntimeClass objects among these; other kinds are ignored. */
  public static Fleet fromObjects(List<ManifestObject> objects) {
    List<FleetNode> nodes = new ArrayList<>();
    List<RuntimeClassSpec> classes = new ArrayList<>();
    for (ManifestObject o : objects) {
      if (o.kind().equals("Node")) {
        nodes.add(node(o.tree()));
      } else if (o.kind().equals("RuntimeClass")) {
        classes.add(runtimeClass(o.tree()));
      }
    }
    return new Fleet(nodes, classes);
  }

  /** A Node object as a tree. */
  public static FleetNode node(Map<String, Object> tree) {
    Map<String, String> labels = Values.stringMap(Values.get(tree, "metadata", "labels"));
    List<Taint> taints = new ArrayList<>();
    for (Object t : Values.list(Values.get(tree, "spec", "taints"))) {
      Taint.fromTree(t).ifPresent(taints::add);
    }
    Map<String, Object> info = Values.map(Values.get(tree, "status", "nodeInfo"));
    Map<String, Object> allocatable = Values.map(Values.get(tree, "status", "allocatable"));
    List<NodeImage> images = new ArrayList<>();
    for (Object i : Values.list(Values.get(tree, "status", "images"))) {
      List<String> names = new ArrayList<>();
      for (Object n : Values.list(Values.get(i, "names"))) {
        String s = Values.string(n);
        if (s != null) {
          names.add(s);
        }
      }
      String size = Values.getString(i, "sizeBytes");
      images.add(new NodeImage(names, size == null ? 0 : parseLong(size)));
    }
    String operatingSystem = Values.string(info.get("operatingSystem"));
    OsFamily os = os(labels, operatingSystem);
    String kernel = Values.string(info.get("kernelVersion"));
    String osImage = Values.string(info.get("osImage"));
    return new FleetNode(
        Values.getString(tree, "metadata", "name") == null
            ? ""
            : Values.getString(tree, "metadata", "name"),
        labels,
        taints,
        os,
        architecture(labels, Values.string(info.get("architecture"))),
        os == OsFamily.WINDOWS
            ? windowsVersion(
                    kernel, osImage, labels.get(WINDOWS_BUILD_LABEL), WindowsCatalog.builtIn())
                .orElse(null)
            : null,
        Values.string(info.get("kubeletVersion")),
        Values.string(info.get("containerRuntimeVersion")),
        osImage,
        Quantities.cpuMillis(Values.string(allocatable.get("cpu"))).orElse(-1),
        Quantities.bytes(Values.string(allocatable.get("memory"))).orElse(-1),
        images,
        Values.isTrue(Values.get(tree, "spec", "unschedulable")));
  }

  /** A RuntimeClass object as a tree. */
  public static RuntimeClassSpec runtimeClass(Map<String, Object> tree) {
    return new RuntimeClassSpec(
        Optional.ofNullable(Values.getString(tree, "metadata", "name")).orElse(""),
        Values.getString(tree, "handler"),
        Values.stringMap(Values.get(tree, "scheduling", "nodeSelector")),
        Toleration.listFromTree(Values.get(tree, "scheduling", "tolerations")));
  }

  /**
   * The node's OS: its {@code kubernetes.io/os} label, else the deprecated label, else node info.
   */
  public static OsFamily os(Map<String, String> labels, String operatingSystem) {
    return OsFamily.parse(labels.get(OS_LABEL))
        .or(() -> OsFamily.parse(labels.get(DEPRECATED_OS_LABEL)))
        .or(() -> OsFamily.parse(operatingSystem))
        .orElse(null);
  }

  /** The node's architecture: its label, else node info; empty when neither says. */
  public static String architecture(Map<String, String> labels, String infoArchitecture) {
    String a = labels.get(ARCH_LABEL);
    if (a == null) {
      a = labels.get(DEPRECATED_ARCH_LABEL);
    }
    return a == null ? (infoArchitecture == null ? "" : infoArchitecture) : a;
  }

  /**
   * A Windows node's version, from the most precise source that has it: {@code
   * status.nodeInfo.kernelVersion} ({@code 10.0.20348.2762}, with the revision), the {@code
   * node.kubernetes.io/windows-build} label ({@code 10.0.20348}), or the release named in {@code
   * status.nodeInfo.osImage} ({@code Windows Server 2022 Datacenter}).
   */
  public static Optional<OsVersion> windowsVersion(
      String kernelVersion, String osImage, String buildLabel, WindowsCatalog catalog) {
    Optional<OsVersion> kernel = OsVersion.parseNumeric(kernelVersion);
    if (kernel.isPresent() && kernel.get().major() == 10) {
      return kernel;
    }
    Optional<OsVersion> label = OsVersion.parseNumeric(buildLabel);
    if (label.isPresent()) {
      return label;
    }
    if (osImage == null || osImage.isBlank()) {
      return Optional.empty();
    }
    String image = osImage.toLowerCase(Locale.ROOT);
    return catalog.releases().stream()
        .filter(WindowsRelease::isServer)
        .filter(r -> image.contains(r.name().toLowerCase(Locale.ROOT)))
        .max(Comparator.comparingInt(r -> r.name().length()))
        .map(WindowsRelease::version);
  }

  /**
   * The fleet as Node and RuntimeClass objects (generic trees) that {@link #fromObjects} reads back
   * to an equal fleet: what {@code winfleet fleet export} writes. Only what winfleet reads is kept.
   */
  public static List<Map<String, Object>> toObjects(Fleet fleet) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FleetNode n : fleet.nodes()) {
      Map<String, Object> node = new java.util.LinkedHashMap<>();
      node.put("apiVersion", "v1");
      node.put("kind", "Node");
      Map<String, Object> metadata = new java.util.LinkedHashMap<>();
      metadata.put("name", n.name());
      if (!n.labels().isEmpty()) {
        metadata.put("labels", new java.util.TreeMap<>(n.labels()));
      }
      node.put("metadata", metadata);
      Map<String, Object> spec = new java.util.LinkedHashMap<>();
      if (!n.taints().isEmpty()) {
        List<Object> taints = new ArrayList<>();
        for (Taint t : n.taints()) {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("key", t.key());
          if (!t.value().isEmpty()) {
            m.put("value", t.value());
          }
          m.put("effect", t.effect().wireName());
          taints.add(m);
        }
        spec.put("taints", taints);
      }
      if (n.unschedulable()) {
        spec.put("unschedulable", true);
      }
      if (!spec.isEmpty()) {
        node.put("spec", spec);
      }
      Map<String, Object> status = new java.util.LinkedHashMap<>();
      Map<String, Object> info = new java.util.LinkedHashMap<>();
      if (n.os() != null) {
        info.put("operatingSystem", n.os().label());
      }
      putIfNotEmpty(info, "architecture", n.architecture());
      if (n.windowsVersion() != null) {
        info.put("kernelVersion", n.windowsVersion().toString());
      }
      putIfNotEmpty(info, "kubeletVersion", n.kubeletVersion());
      putIfNotEmpty(info, "containerRuntimeVersion", n.containerRuntimeVersion());
      putIfNotEmpty(info, "osImage", n.osImage());
      if (!info.isEmpty()) {
        status.put("nodeInfo", info);
      }
      Map<String, Object> allocatable = new java.util.LinkedHashMap<>();
      if (n.allocatableCpuMillis() >= 0) {
        allocatable.put("cpu", n.allocatableCpuMillis() + "m");
      }
      if (n.allocatableMemoryBytes() >= 0) {
        allocatable.put("memory", Long.toString(n.allocatableMemoryBytes()));
      }
      if (!allocatable.isEmpty()) {
        status.put("allocatable", allocatable);
      }
      if (!n.images().isEmpty()) {
        List<Object> images = new ArrayList<>();
        for (NodeImage image : n.images()) {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("names", image.names());
          m.put("sizeBytes", image.sizeBytes());
          images.add(m);
        }
        status.put("images", images);
      }
      if (!status.isEmpty()) {
        node.put("status", status);
      }
      out.add(node);
    }
    for (RuntimeClassSpec rc : fleet.runtimeClasses()) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("apiVersion", "node.k8s.io/v1");
      m.put("kind", "RuntimeClass");
      m.put("metadata", Map.of("name", rc.name()));
      m.put("handler", rc.handler());
      Map<String, Object> scheduling = new java.util.LinkedHashMap<>();
      if (!rc.nodeSelector().isEmpty()) {
        scheduling.put("nodeSelector", new java.util.TreeMap<>(rc.nodeSelector()));
      }
      if (!rc.tolerations().isEmpty()) {
        scheduling.put("tolerations", rc.tolerations().stream().map(Toleration::toTree).toList());
      }
      if (!scheduling.isEmpty()) {
        m.put("scheduling", scheduling);
      }
      out.add(m);
    }
    return out;
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  private static long parseLong(String s) {
    try {
      return Math.max(0, Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
