package dev.winfleet.server.dashboard;

import dev.winfleet.core.planning.UpgradePlan;
import dev.winfleet.core.planning.UpgradeStatus;
import dev.winfleet.core.planning.WorkloadOutcome;
import dev.winfleet.core.rules.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's upgrade simulation: the fleet planner's {@link UpgradePlan} as it is (statuses,
 * builds before and after, suggested images, selector changes, replicas without room, reasons,
 * waves), with each outcome next to the dashboard's workload it is about, and what the rules engine
 * says about that workload on the upgraded fleet.
 *
 * @param plan the planner's answer
 * @param nodes the nodes the plan upgrades, with their versions now and after
 * @param workloads one entry per workload of the plan, in the plan's (input) order
 */
public record UpgradeSimulation(
    UpgradePlan plan, List<NodeChange> nodes, List<WorkloadResult> workloads) {

  public UpgradeSimulation {
    Objects.requireNonNull(plan, "plan");
    nodes = List.copyOf(nodes);
    workloads = List.copyOf(workloads);
  }

  /** One node: its Windows version now and after the upgrade. */
  public record NodeChange(String name, String from, String to) {
    public NodeChange {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * One workload.
   *
   * @param workload the dashboard's workload (id, namespace, file, line)
   * @param outcome the planner's outcome for it
   * @param newFindings findings the rules engine reports once the nodes are upgraded and nothing is
   *     rebuilt, and not before
   * @param goneFindings findings reported before and not after
   */
  public record WorkloadResult(
      Workload workload,
      WorkloadOutcome outcome,
      List<Finding> newFindings,
      List<Finding> goneFindings) {
    public WorkloadResult {
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(outcome, "outcome");
      newFindings = List.copyOf(newFindings);
      goneFindings = List.copyOf(goneFindings);
    }

    public UpgradeStatus status() {
      return outcome.status();
    }
  }

  /** The workload with this id ({@code namespace/Kind/name}). */
  public WorkloadResult workload(String id) {
    return workloads.stream()
        .filter(w -> w.workload().id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no workload " + id));
  }
}
