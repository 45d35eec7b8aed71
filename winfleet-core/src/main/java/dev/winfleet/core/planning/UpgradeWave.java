package dev.winfleet.core.planning;

import java.util.List;
import java.util.Objects;

/**
 * Nodes to cordon, drain and upgrade together, after the precondition holds.
 *
 * @param precondition what must hold first and what to do, in a sentence
 * @param blockedBy null when the drain is safe; else why no safe order exists for these nodes
 *     (draining them leaves replicas without room, or breaks a PodDisruptionBudget), as the
 *     precondition says in words
 */
public record UpgradeWave(List<String> nodes, String precondition, BlockedBy blockedBy) {
  public UpgradeWave {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(precondition, "precondition");
  }

  /** Whether no safe order exists for these nodes ({@link #blockedBy()} says why). */
  public boolean blocked() {
    return blockedBy != null;
  }
}
