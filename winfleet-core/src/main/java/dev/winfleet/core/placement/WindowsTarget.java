package dev.winfleet.core.placement;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.version.OsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The Windows nodes of a fleet that can run all of a pod's images, as the webhook's mutation needs
 * it: the builds to constrain the pod to, and the taints of those nodes.
 *
 * @param builds the node builds ({@code 10.0.17763}, no revision) that run every image
 * @param nodes the Windows nodes of those builds
 * @param taints the NoSchedule/NoExecute taints those nodes carry that the pod does not tolerate
 */
public record WindowsTarget(SortedSet<OsVersion> builds, List<FleetNode> nodes, Set<Taint> taints) {

  public WindowsTarget {
    builds = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(builds));
    nodes = List.copyOf(nodes);
    taints = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(taints));
  }

  public boolean isEmpty() {
    return builds.isEmpty();
  }

  /**
   * The nodeSelector entries to add: {@code kubernetes.io/os: windows}, and the {@code
   * node.kubernetes.io/windows-build} when exactly one build fits.
   */
  public Map<String, String> nodeSelector() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(FleetObjects.OS_LABEL, "windows");
    if (builds.size() == 1) {
      m.put(FleetObjects.WINDOWS_BUILD_LABEL, builds.first().buildString());
    }
    return m;
  }

  /** The required-affinity requirement {@code windows-build In [...]} when several builds fit. */
  public Optional<NodeSelectorRequirement> buildRequirement() {
    if (builds.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new NodeSelectorRequirement(
            FleetObjects.WINDOWS_BUILD_LABEL,
            NodeSelectorRequirement.Operator.IN,
            builds.stream().map(OsVersion::buildString).toList()));
  }
}
