package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsRelease;
import java.util.List;
import java.util.Objects;

/**
 * What upgrading nodes to a release does, and a safe order to do it in.
 *
 * @param upgraded the nodes the plan upgrades (selected, not already on the target build)
 * @param workloads one outcome per workload, in input order
 * @param waves the order: rebuild first, then these waves one after another
 * @param notes facts about the plan as a whole (nodes skipped, unknown capacities)
 */
public record UpgradePlan(
    WindowsRelease target,
    List<String> upgraded,
    List<WorkloadOutcome> workloads,
    List<UpgradeWave> waves,
    List<String> notes) {

  public UpgradePlan {
    Objects.requireNonNull(target, "target");
    upgraded = List.copyOf(upgraded);
    workloads = List.copyOf(workloads);
    waves = List.copyOf(waves);
    notes = List.copyOf(notes);
  }

  /** Whether any workload breaks: the CLI exits 1. */
  public boolean anyBreaks() {
    return workloads.stream().anyMatch(w -> w.status() == UpgradeStatus.BREAKS);
  }

  public long count(UpgradeStatus status) {
    return workloads.stream().filter(w -> w.status() == status).count();
  }
}
