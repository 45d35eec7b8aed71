package dev.winfleet.core.fleet;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The nodes and RuntimeClasses of a cluster, from a live cluster, an exported file, or built by
 * hand. Immutable.
 */
public final class Fleet {

  private static final Fleet EMPTY = new Fleet(List.of(), List.of());

  private final List<FleetNode> nodes;
  private final Map<String, RuntimeClassSpec> runtimeClasses;

  public Fleet(List<FleetNode> nodes, List<RuntimeClassSpec> runtimeClasses) {
    this.nodes = List.copyOf(nodes);
    Map<String, RuntimeClassSpec> byName = new LinkedHashMap<>();
    for (RuntimeClassSpec rc : runtimeClasses) {
      byName.put(rc.name(), rc);
    }
    this.runtimeClasses = java.util.Collections.unmodifiableMap(byName);
  }

  /** No nodes, no RuntimeClasses. */
  public static Fleet empty() {
    return EMPTY;
  }

  public List<FleetNode> nodes() {
    return nodes;
  }

  /** True when there are no nodes (RuntimeClasses alone do not make a fleet to place on). */
  public boolean hasNodes() {
    return !nodes.isEmpty();
  }

  public List<RuntimeClassSpec> runtimeClasses() {
    return List.copyOf(runtimeClasses.values());
  }

  public Optional<RuntimeClassSpec> runtimeClass(String name) {
    return Optional.ofNullable(runtimeClasses.get(name));
  }

  /** This fleet with more RuntimeClasses; these win over ones of the same name. */
  public Fleet withRuntimeClasses(List<RuntimeClassSpec> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<RuntimeClassSpec> all = new ArrayList<>(runtimeClasses.values());
    all.addAll(more);
    return new Fleet(nodes, all);
  }

  public List<FleetNode> windowsNodes() {
    return nodes.stream().filter(FleetNode::isWindows).toList();
  }

  public boolean hasWindowsNodes() {
    return nodes.stream().anyMatch(FleetNode::isWindows);
  }

  /** The Windows builds of the fleet's nodes ({@code 10.0.17763}), without revisions. */
  public SortedSet<OsVersion> windowsBuilds() {
    SortedSet<OsVersion> builds = windowsBuilds;
    if (builds == null) {
      // Computed once: rules ask for every pod, and fleets have thousands of nodes.
      builds = new TreeSet<>();
      for (FleetNode n : nodes) {
        if (n.isWindows() && n.windowsVersion() != null) {
          builds.add(n.windowsVersion().withoutRevision());
        }
      }
      windowsBuilds = builds;
    }
    return new TreeSet<>(builds);
  }

  private volatile SortedSet<OsVersion> windowsBuilds;

  /**
   * The Kubernetes minor versions of the kubelets, of the Windows nodes when there are any (they
   * are the ones Windows limits apply to), else of all nodes.
   */
  public SortedSet<KubernetesVersion> kubeletVersions() {
    SortedSet<KubernetesVersion> versions = new TreeSet<>();
    List<FleetNode> source = hasWindowsNodes() ? windowsNodes() : nodes;
    for (FleetNode n : source) {
      n.kubernetesVersion().ifPresent(versions::add);
    }
    return versions;
  }
}
