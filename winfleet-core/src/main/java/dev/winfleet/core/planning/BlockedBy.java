package dev.winfleet.core.planning;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What stands between a workload (or a wave of nodes) and a clean upgrade, as a value: the kind of
 * obstacle and what it names. The planner's sentences ({@link WorkloadOutcome#reason()}, {@link
 * UpgradeWave#precondition()}) are rendered from it in one place; front ends and tests read this.
 *
 * @param kind the obstacle
 * @param subjects what it names, as listed for each {@link Kind}; may be empty
 */
public record BlockedBy(Kind kind, List<String> subjects) {

  /** The obstacles the upgrade planner knows, with what each names in {@code subjects}. */
  public enum Kind {
    /** Its images do not run on the target build: the image references to rebuild. */
    IMAGE_NOT_REBUILT,
    /**
     * Its images run on the target, but its scheduling keeps it off the upgraded nodes: the
     * windows-build values its selectors pin (none when something else keeps it off).
     */
    SCHEDULING,
    /** Replicas find no node with room for their requests: the builds of the nodes left to it. */
    NO_CAPACITY,
    /**
     * No node it can land on runs it after the upgrade, even rebuilt: the builds it runs on today.
     */
    NO_NODE,
    /** No node ran it before the upgrade either: nothing (the upgrade is not the cause). */
    NO_NODE_BEFORE,
    /**
     * Its replicas had no room before the upgrade either: nothing (the upgrade is not the cause).
     */
    NO_CAPACITY_BEFORE,
    /**
     * A PodDisruptionBudget forbids draining a node: the budget (as {@code
     * namespace/PodDisruptionBudget/name}, without the namespace when it has none), then the node.
     */
    PDB,
    /** Draining the node leaves replicas without room: the node, then the workload. */
    DRAIN_NO_CAPACITY;

    /** As the JSON contract spells it: lower case with dashes, e.g. {@code image-not-rebuilt}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public BlockedBy {
    Objects.requireNonNull(kind, "kind");
    subjects = List.copyOf(subjects);
  }

  public static BlockedBy of(Kind kind, List<String> subjects) {
    return new BlockedBy(kind, subjects);
  }

  public static BlockedBy of(Kind kind, String... subjects) {
    return new BlockedBy(kind, List.of(subjects));
  }
}
