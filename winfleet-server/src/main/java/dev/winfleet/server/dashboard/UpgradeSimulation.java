package dev.winfleet.server.dashboard;

import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.rules.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The answer of an upgrade simulation: for each workload, where it can run before and after the
 * chosen nodes move to the target release, and what that means.
 *
 * @param nodes the nodes that change, with their builds before and after
 * @param workloads one entry per workload, the ones that break first
 * @param warnings remarks about the upgrade itself (a release the kubelets do not support)
 */
public record UpgradeSimulation(
    WindowsRelease target,
    List<NodeChange> nodes,
    List<WorkloadChange> workloads,
    List<String> warnings) {

  public UpgradeSimulation {
    Objects.requireNonNull(target, "target");
    nodes = List.copyOf(nodes);
    workloads = List.copyOf(workloads);
    warnings = List.copyOf(warnings);
  }

  /** One node: its Windows version now and after the upgrade. */
  public record NodeChange(String name, String from, String to) {}

  /** What happens to one workload, worst first. */
  public enum Outcome {
    /** It could run somewhere before, and nowhere after. */
    BREAKS("breaks"),
    /** It still runs, on fewer nodes. */
    FEWER_NODES("fewer-nodes"),
    /** It could run nowhere before, and still cannot. */
    STILL_BROKEN("still-broken"),
    /** The same nodes run it. */
    UNCHANGED("unchanged"),
    /** More nodes run it. */
    MORE_NODES("more-nodes"),
    /** It could run nowhere before, and can after. */
    FIXED("fixed");

    private final String wire;

    Outcome(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * One workload.
   *
   * @param workload the workload's id ({@code namespace/Kind/name})
   * @param before the nodes that can run it now (it lands there and they run every image)
   * @param after the nodes that can run it after the upgrade
   * @param buildsBefore the Windows builds among {@code before}
   * @param buildsAfter the Windows builds among {@code after}
   * @param reason one sentence: why the outcome
   * @param newFindings findings the rules engine reports after the upgrade but not before
   * @param goneFindings findings reported before but not after
   */
  public record WorkloadChange(
      String workload,
      Outcome outcome,
      List<String> before,
      List<String> after,
      List<String> buildsBefore,
      List<String> buildsAfter,
      String reason,
      List<Finding> newFindings,
      List<Finding> goneFindings) {
    public WorkloadChange {
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(outcome, "outcome");
      before = List.copyOf(before);
      after = List.copyOf(after);
      buildsBefore = List.copyOf(buildsBefore);
      buildsAfter = List.copyOf(buildsAfter);
      Objects.requireNonNull(reason, "reason");
      newFindings = List.copyOf(newFindings);
      goneFindings = List.copyOf(goneFindings);
    }
  }

  /** How many workloads have this outcome. */
  public long count(Outcome outcome) {
    return workloads.stream().filter(w -> w.outcome() == outcome).count();
  }
}
