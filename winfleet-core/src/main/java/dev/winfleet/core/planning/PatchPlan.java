package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A monthly rollout: waves of nodes to patch to the target revision, then, per workload, the wave
 * after which its images may move to that revision, so that no image runs ahead of its host.
 *
 * @param target the revision nodes and images move to ({@code 10.0.26100.4061})
 * @param update the update that brings it, when winfleet knows it
 * @param waves nodes to patch together, in order (the {@link UpgradeWave} of {@code plan upgrade})
 * @param workloads one outcome per workload of the target's build
 * @param notes remarks on the whole plan (known incidents crossed, nodes of unknown revision)
 */
public record PatchPlan(
    OsVersion target,
    Optional<WindowsUpdate> update,
    List<UpgradeWave> waves,
    List<PatchOutcome> workloads,
    List<String> notes) {

  public PatchPlan {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(update, "update");
    waves = List.copyOf(waves);
    workloads = List.copyOf(workloads);
    notes = List.copyOf(notes);
  }

  /** Whether a workload runs an image ahead of a node it can land on today. */
  public boolean anyAheadNow() {
    return workloads.stream().anyMatch(w -> w.status() == PatchOutcome.Status.AHEAD_NOW);
  }
}
