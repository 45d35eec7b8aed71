package dev.winfleet.server.dashboard;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.TagSchemes;
import dev.winfleet.core.planning.UpgradePlan;
import dev.winfleet.core.planning.UpgradePlanner;
import dev.winfleet.core.planning.WorkloadOutcome;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RulesEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Answers "what breaks if these nodes move to that Windows release?" for the dashboard's {@code
 * /api/simulate} with the fleet planner, the same {@link UpgradePlanner} as {@code winfleet plan
 * upgrade}: the model's fleet, workloads and PodDisruptionBudgets in, its {@link UpgradePlan} out.
 * The planner uses the model's own placement engine and image source, so the simulation, the
 * findings and the matrix judge images and nodes alike.
 *
 * <p>Next to each outcome it puts the rules engine's findings on the fleet the plan calls "after"
 * ({@link UpgradePlanner#fleetAfter}), images unchanged: the same rules as everywhere else, on the
 * same upgraded nodes as the planner. Pure and thread-safe.
 */
public final class UpgradeSimulator {

  private final TagSchemes schemes;

  /**
   * @param schemes the tag schemes the planner suggests rebuilt images from
   */
  public UpgradeSimulator(TagSchemes schemes) {
    this.schemes = Objects.requireNonNull(schemes, "schemes");
  }

  /** The built-in tag schemes, as {@code winfleet plan upgrade} uses them. */
  public static UpgradeSimulator builtIn() {
    return new UpgradeSimulator(TagSchemes.builtIn());
  }

  /**
   * Plans the upgrade of the request's nodes.
   *
   * @param request checked against the model's fleet ({@link UpgradeRequest#parse})
   * @throws BadRequestException when the planner refuses the nodes (one already on a newer build
   *     than the target, one that reports no Windows version)
   */
  public UpgradeSimulation simulate(DashboardModel model, UpgradeRequest request) {
    RulesEngine engine = model.engine();
    CheckEnvironment before = model.environment();
    List<Workload> shown = new ArrayList<>();
    List<dev.winfleet.core.planning.Workload> planned = new ArrayList<>();
    for (Workload w : model.workloads()) {
      dev.winfleet.core.planning.Workload.of(w.object())
          .ifPresent(
              p -> {
                shown.add(w);
                planned.add(p);
              });
    }
    UpgradePlan plan;
    try {
      plan =
          new UpgradePlanner(engine.placement(), schemes, before.images())
              .plan(
                  new dev.winfleet.core.planning.UpgradeRequest(
                      model.fleet(),
                      planned,
                      model.budgets(),
                      request.nodes(),
                      request.target(),
                      0));
    } catch (PlanningException e) {
      throw new BadRequestException(
          "nodes: " + e.getMessage(),
          "choose Windows nodes that run an older build than "
              + request.target().name()
              + ", or a newer release as to=");
    }

    Fleet afterFleet = UpgradePlanner.fleetAfter(model.fleet(), plan);
    CheckEnvironment after =
        new CheckEnvironment(
            afterFleet, before.images(), before.kubernetesVersions(), before.selection());
    List<UpgradeSimulation.WorkloadResult> results = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      Workload w = shown.get(i);
      WorkloadOutcome outcome = plan.workloads().get(i);
      List<Finding> findingsAfter = engine.check(w.object(), after);
      results.add(
          new UpgradeSimulation.WorkloadResult(
              w,
              outcome,
              difference(findingsAfter, w.findings()),
              difference(w.findings(), findingsAfter)));
    }
    return new UpgradeSimulation(plan, nodeChanges(model.fleet(), afterFleet, plan), results);
  }

  private static List<UpgradeSimulation.NodeChange> nodeChanges(
      Fleet before, Fleet after, UpgradePlan plan) {
    Map<String, FleetNode> upgraded = new HashMap<>();
    for (FleetNode n : after.nodes()) {
      upgraded.put(n.name(), n);
    }
    Set<String> names = new HashSet<>(plan.upgraded());
    List<UpgradeSimulation.NodeChange> out = new ArrayList<>();
    for (FleetNode n : before.nodes()) {
      if (names.contains(n.name())) {
        out.add(
            new UpgradeSimulation.NodeChange(
                n.name(),
                String.valueOf(n.windowsVersion()),
                String.valueOf(upgraded.get(n.name()).windowsVersion())));
      }
    }
    return out;
  }

  /**
   * The findings of {@code a} with no finding of the same rule, container and field in {@code b}.
   */
  private static List<Finding> difference(List<Finding> a, List<Finding> b) {
    Set<String> keys = new HashSet<>();
    for (Finding f : b) {
      keys.add(key(f));
    }
    return a.stream().filter(f -> !keys.contains(key(f))).toList();
  }

  private static String key(Finding f) {
    return f.rule() + "|" + f.container() + "|" + f.path().toPointer();
  }
}
