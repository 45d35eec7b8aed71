package dev.winfleet.core.placement;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where one pod can land and run, node by node, as values: the checker turns it into findings, the
 * webhook into a patch, the planner into before/after sets.
 *
 * @param constraints the pod's constraints, RuntimeClass merged in
 * @param nodes one verdict per fleet node, in fleet order
 */
public record PlacementDecision(SchedulingConstraints constraints, List<NodeVerdict> nodes) {

  public PlacementDecision {
    nodes = List.copyOf(nodes);
  }

  /** Nodes whose labels the pod's selectors allow, taints aside. */
  public List<FleetNode> labelMatches() {
    return select(NodeVerdict::labelsMatch);
  }

  /** Nodes the scheduler could put the pod on. */
  public List<FleetNode> landingNodes() {
    return select(NodeVerdict::canLand);
  }

  /** Nodes the pod can land on and whose Windows build (or OS) runs every image. */
  public List<FleetNode> runnableNodes() {
    return select(v -> v.canLand() && v.runsAllImages());
  }

  /** Landing nodes that cannot run at least one image. */
  public List<FleetNode> landingNodesThatCannotRun() {
    return select(v -> v.canLand() && !v.runsAllImages());
  }

  /** The verdicts for which a predicate holds. */
  public List<NodeVerdict> verdicts(Predicate<NodeVerdict> filter) {
    // Loops rather than streams here: every rule of every pod asks, under the quick compiler.
    List<NodeVerdict> out = new ArrayList<>(nodes.size());
    for (NodeVerdict v : nodes) {
      if (filter.test(v)) {
        out.add(v);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The Windows builds (without revision) of the landing nodes that run every image. */
  public SortedSet<OsVersion> windowsBuildsRunningAll() {
    SortedSet<OsVersion> builds = new TreeSet<>();
    for (FleetNode n : runnableNodes()) {
      if (n.isWindows() && n.windowsVersion() != null) {
        builds.add(n.windowsVersion().withoutRevision());
      }
    }
    return builds;
  }

  /**
   * The taints (NoSchedule, NoExecute) that keep the pod off the nodes matching its selectors and
   * accepted by the filter, in first-seen order: what tolerations it needs to reach them.
   */
  public Set<Taint> blockingTaints(Predicate<FleetNode> filter) {
    Set<Taint> taints = new LinkedHashSet<>();
    for (NodeVerdict v : nodes) {
      if (v.labelsMatch() && filter.test(v.node())) {
        taints.addAll(v.untoleratedTaints());
      }
    }
    return taints;
  }

  /** The tolerations that would let the pod onto those nodes, one per blocking taint. */
  public List<Toleration> tolerationsNeeded(Predicate<FleetNode> filter) {
    List<Toleration> out = new ArrayList<>();
    for (Taint t : blockingTaints(filter)) {
      out.add(Toleration.forTaint(t));
    }
    return out;
  }

  private List<FleetNode> select(Predicate<NodeVerdict> p) {
    List<FleetNode> out = new ArrayList<>(nodes.size());
    for (NodeVerdict v : nodes) {
      if (p.test(v)) {
        out.add(v.node());
      }
    }
    return Collections.unmodifiableList(out);
  }
}
