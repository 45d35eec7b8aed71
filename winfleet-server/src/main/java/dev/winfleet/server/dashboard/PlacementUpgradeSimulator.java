package dev.winfleet.server.dashboard;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.PodContext;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Simulates an upgrade on the placement engine: the chosen nodes get the target release's Windows
 * version and {@code node.kubernetes.io/windows-build} label (as the kubelet of a rebuilt node
 * reports them), and every workload is placed on the fleet before and after, exactly as the rules
 * place it (its RuntimeClass and controller tolerations merged). The rules engine then runs against
 * both fleets, so that the findings an upgrade brings (no-compatible-node, ...) come from the same
 * rules as everywhere else.
 */
public final class PlacementUpgradeSimulator implements UpgradeSimulator {

  private final KubernetesWindowsCatalog kubernetes;

  public PlacementUpgradeSimulator(KubernetesWindowsCatalog kubernetes) {
    this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
  }

  public static PlacementUpgradeSimulator builtIn() {
    return new PlacementUpgradeSimulator(KubernetesWindowsCatalog.builtIn());
  }

  @Override
  public UpgradeSimulation simulate(DashboardModel model, UpgradeRequest request) {
    RulesEngine engine = model.engine();
    CheckEnvironment before = model.environment();
    Set<String> chosen = new LinkedHashSet<>(request.nodes());
    List<UpgradeSimulation.NodeChange> changes = new ArrayList<>();
    List<FleetNode> upgradedNodes = new ArrayList<>();
    OsVersion to = request.target().version();
    for (FleetNode node : before.fleet().nodes()) {
      if (!chosen.contains(node.name())) {
        upgradedNodes.add(node);
        continue;
      }
      if (!node.isWindows()) {
        throw new IllegalArgumentException(node.name() + " is not a Windows node");
      }
      changes.add(
          new UpgradeSimulation.NodeChange(
              node.name(),
              node.windowsVersion() == null ? "unknown" : node.windowsVersion().toString(),
              to.toString()));
      upgradedNodes.add(upgraded(node, request.target()));
    }
    if (changes.size() != chosen.size()) {
      throw new IllegalArgumentException("not every node named is in the fleet: " + chosen);
    }
    Fleet afterFleet = new Fleet(upgradedNodes, before.fleet().runtimeClasses());
    CheckEnvironment after =
        new CheckEnvironment(
            afterFleet, before.images(), before.kubernetesVersions(), before.selection());

    List<UpgradeSimulation.WorkloadChange> out = new ArrayList<>();
    for (Workload w : model.workloads()) {
      PodContext podBefore = engine.podContext(w.object(), before).orElseThrow();
      PodContext podAfter = engine.podContext(w.object(), after).orElseThrow();
      out.add(
          change(
              w,
              podBefore.placement(),
              podAfter.placement(),
              w.findings(),
              engine.check(w.object(), after),
              chosen));
    }
    out.sort(
        Comparator.comparing(UpgradeSimulation.WorkloadChange::outcome)
            .thenComparing(UpgradeSimulation.WorkloadChange::workload));
    return new UpgradeSimulation(request.target(), changes, out, warnings(before, request));
  }

  /** The node as it comes back from the upgrade. */
  static FleetNode upgraded(FleetNode node, WindowsRelease target) {
    Map<String, String> labels = new HashMap<>(node.labels());
    labels.put(FleetObjects.WINDOWS_BUILD_LABEL, target.version().buildString());
    return new FleetNode(
        node.name(),
        labels,
        node.taints(),
        node.os(),
        node.architecture(),
        target.version(),
        node.kubeletVersion(),
        node.containerRuntimeVersion(),
        target.name(),
        node.allocatableCpuMillis(),
        node.allocatableMemoryBytes(),
        List.of(), // a rebuilt node starts with no images pulled
        node.unschedulable());
  }

  private static UpgradeSimulation.WorkloadChange change(
      Workload w,
      PlacementDecision before,
      PlacementDecision after,
      List<Finding> findingsBefore,
      List<Finding> findingsAfter,
      Set<String> upgraded) {
    List<String> nodesBefore = names(before.runnableNodes());
    List<String> nodesAfter = names(after.runnableNodes());
    List<String> lost = nodesBefore.stream().filter(n -> !nodesAfter.contains(n)).toList();
    List<String> gained = nodesAfter.stream().filter(n -> !nodesBefore.contains(n)).toList();
    UpgradeSimulation.Outcome outcome;
    String reason;
    if (!nodesBefore.isEmpty() && nodesAfter.isEmpty()) {
      outcome = UpgradeSimulation.Outcome.BREAKS;
      reason =
          "Runs on "
              + String.join(", ", nodesBefore)
              + " now; after the upgrade no node can run it"
              + why(after, lost);
    } else if (nodesBefore.isEmpty() && nodesAfter.isEmpty()) {
      outcome = UpgradeSimulation.Outcome.STILL_BROKEN;
      reason =
          (before.landingNodes().isEmpty()
                  ? "It can land on no node now (its selectors or untolerated taints)"
                  : "No node it can land on runs its images now")
              + ", and none can run it after the upgrade.";
    } else if (nodesBefore.isEmpty()) {
      outcome = UpgradeSimulation.Outcome.FIXED;
      reason = "No node can run it now; after the upgrade " + String.join(", ", gained) + " can.";
    } else if (!lost.isEmpty()) {
      outcome = UpgradeSimulation.Outcome.FEWER_NODES;
      reason =
          "Loses "
              + String.join(", ", lost)
              + why(after, lost)
              + "; still runs on "
              + String.join(", ", nodesAfter)
              + ".";
    } else if (!gained.isEmpty()) {
      outcome = UpgradeSimulation.Outcome.MORE_NODES;
      reason = "Also runs on " + String.join(", ", gained) + " after the upgrade.";
    } else {
      boolean touches = nodesBefore.stream().anyMatch(upgraded::contains);
      outcome = UpgradeSimulation.Outcome.UNCHANGED;
      reason =
          touches
              ? "Runs on the same nodes after the upgrade, the upgraded ones included."
              : "Does not run on the upgraded nodes; unaffected.";
    }
    return new UpgradeSimulation.WorkloadChange(
        w.id(),
        outcome,
        nodesBefore,
        nodesAfter,
        builds(before),
        builds(after),
        reason,
        difference(findingsAfter, findingsBefore),
        difference(findingsBefore, findingsAfter));
  }

  /** Why the lost nodes cannot run the workload after the upgrade, from their verdicts. */
  private static String why(PlacementDecision after, List<String> lost) {
    Set<String> images = new LinkedHashSet<>();
    boolean labels = false;
    for (var v : after.nodes()) {
      if (lost.contains(v.node().name())) {
        images.addAll(v.imagesNotRunnable());
        labels |= !v.labelsMatch();
      }
    }
    if (!images.isEmpty()) {
      return " (the new build cannot run " + String.join(", ", images) + ")";
    }
    if (labels) {
      return " (its node selectors no longer match the upgraded nodes' labels)";
    }
    return "";
  }

  private static List<String> names(List<FleetNode> nodes) {
    return nodes.stream().map(FleetNode::name).toList();
  }

  private static List<String> builds(PlacementDecision d) {
    return d.windowsBuildsRunningAll().stream().map(OsVersion::buildString).toList();
  }

  /**
   * The findings of {@code a} with no finding of the same rule, container and field in {@code b}.
   */
  private static List<Finding> difference(List<Finding> a, List<Finding> b) {
    Set<String> keys = new LinkedHashSet<>();
    for (Finding f : b) {
      keys.add(key(f));
    }
    return a.stream().filter(f -> !keys.contains(key(f))).toList();
  }

  private static String key(Finding f) {
    return f.rule() + "|" + f.container() + "|" + f.path().toPointer();
  }

  private List<String> warnings(CheckEnvironment env, UpgradeRequest request) {
    List<String> out = new ArrayList<>();
    for (KubernetesVersion v : env.fleet().kubeletVersions()) {
      List<Integer> supported = kubernetes.supportedBuilds(v);
      if (!supported.isEmpty() && !supported.contains(request.target().build())) {
        out.add(
            "Kubernetes "
                + v
                + " does not list "
                + request.target().name()
                + " among its supported Windows nodes; upgrade the kubelets too.");
      }
    }
    return out;
  }
}
