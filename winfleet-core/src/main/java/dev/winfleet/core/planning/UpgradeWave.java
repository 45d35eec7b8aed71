package dev.winfleet.core.planning;

import java.util.List;
import java.util.Objects;

/**
 * Nodes to cordon, drain and upgrade together, after the precondition holds.
 *
 * @param blocked true when no safe order exists for these nodes: draining them leaves replicas
 *     without room or breaks a PodDisruptionBudget, as the precondition says
 */
public record UpgradeWave(List<String> nodes, String precondition, boolean blocked) {
  public UpgradeWave {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(precondition, "precondition");
  }
}
