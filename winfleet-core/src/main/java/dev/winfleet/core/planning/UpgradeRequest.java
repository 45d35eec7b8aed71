package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate: upgrading these nodes of the fleet to a release, with these workloads and
 * PodDisruptionBudgets running on it.
 *
 * @param nodes the names of the nodes to upgrade
 * @param maxNodesPerWave at most this many nodes drained together; 0 for no limit beyond capacity
 *     and the budgets
 */
public record UpgradeRequest(
    Fleet fleet,
    List<Workload> workloads,
    List<DisruptionBudget> budgets,
    List<String> nodes,
    WindowsRelease target,
    int maxNodesPerWave) {

  public UpgradeRequest {
    Objects.requireNonNull(fleet, "fleet");
    workloads = List.copyOf(workloads);
    budgets = List.copyOf(budgets);
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(target, "target");
    if (maxNodesPerWave < 0) {
      throw new IllegalArgumentException("maxNodesPerWave must be 0 or more");
    }
  }
}
