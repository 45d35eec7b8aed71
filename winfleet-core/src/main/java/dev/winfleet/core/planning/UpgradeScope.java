package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.placement.NodeSelectorTerm;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an upgrade covers: the nodes it moves to the target (checked: they exist, are Windows nodes
 * of known version, not newer than the target; the ones already on it are left alone with a note),
 * the builds they leave, and the workloads with their RuntimeClass merged in, their images
 * described, and the node label keys any of their selectors read (the rest cannot tell nodes
 * apart).
 *
 * @param upgraded per node of the fleet, in fleet order: whether the plan upgrades it
 * @param upgradedNames the names of those nodes, sorted
 * @param fromBuilds the builds (no revision) the upgraded nodes leave
 * @param workloads one per workload of the request, in its order
 * @param labelKeys the node label keys some selector (or RuntimeClass) reads
 * @param namesMatter whether some affinity term matches node names
 * @param notes facts about the scope (nodes left as they are)
 */
record UpgradeScope(
    boolean[] upgraded,
    List<String> upgradedNames,
    SortedSet<OsVersion> fromBuilds,
    List<ScopedWorkload> workloads,
    Set<String> labelKeys,
    boolean namesMatter,
    List<String> notes) {

  UpgradeScope {
    upgradedNames = List.copyOf(upgradedNames);
    fromBuilds = Collections.unmodifiableSortedSet(new TreeSet<>(fromBuilds));
    workloads = List.copyOf(workloads);
    labelKeys = Set.copyOf(labelKeys);
    notes = List.copyOf(notes);
  }

  /**
   * The scope of the request.
   *
   * @param images describes the workloads' images (cached by the caller)
   * @throws PlanningException when a node to upgrade does not exist, is not a Windows node of known
   *     version, or runs a newer build than the target
   */
  static UpgradeScope of(
      UpgradeRequest request, ImageMetadataSource images, WindowsCatalog catalog) {
    Fleet fleet = request.fleet();
    List<FleetNode> nodes = fleet.nodes();
    WindowsRelease target = request.target();
    List<String> notes = new ArrayList<>();

    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byName.put(nodes.get(i).name(), i);
    }
    boolean[] upgraded = new boolean[nodes.size()];
    List<String> upgradedNames = new ArrayList<>();
    SortedSet<OsVersion> fromBuilds = new TreeSet<>();
    for (String name : new LinkedHashSet<>(request.nodes())) {
      Integer i = byName.get(name);
      if (i == null) {
        throw new PlanningException(
            "no node named '" + name + "' in the fleet; 'kubectl get nodes' lists the names");
      }
      FleetNode n = nodes.get(i);
      if (!n.isWindows()) {
        throw new PlanningException(
            "node "
                + name
                + " is not a Windows node; only Windows nodes can be upgraded to "
                + target.name());
      }
      if (n.windowsVersion() == null) {
        throw new PlanningException(
            "node "
                + name
                + " reports no Windows version (no kernelVersion, windows-build label or osImage)");
      }
      int cmp = Integer.compare(n.windowsVersion().build(), target.build());
      if (cmp > 0) {
        throw new PlanningException(
            "node "
                + name
                + " runs "
                + catalog.describe(n.windowsVersion().withoutRevision())
                + ", newer than "
                + target.name()
                + "; a node cannot be upgraded to an older release");
      }
      if (cmp == 0) {
        notes.add("node " + name + " already runs " + target.name() + "; left as it is");
        continue;
      }
      upgraded[i] = true;
      upgradedNames.add(name);
      fromBuilds.add(n.windowsVersion().withoutRevision());
    }
    upgradedNames.sort(null);

    // Workloads with their RuntimeClass merged in, and the label keys any selector reads.
    Set<String> keys = new HashSet<>();
    keys.add(FleetObjects.OS_LABEL);
    keys.add(FleetObjects.DEPRECATED_OS_LABEL);
    keys.add(FleetObjects.ARCH_LABEL);
    keys.add(FleetObjects.DEPRECATED_ARCH_LABEL);
    keys.add(FleetObjects.WINDOWS_BUILD_LABEL);
    boolean namesMatter = false;
    for (RuntimeClassSpec rc : fleet.runtimeClasses()) {
      keys.addAll(rc.nodeSelector().keySet());
    }
    List<ScopedWorkload> workloads = new ArrayList<>();
    for (int i = 0; i < request.workloads().size(); i++) {
      Workload w = request.workloads().get(i);
      SchedulingConstraints constraints = w.constraints().withRuntimeClassFrom(fleet);
      keys.addAll(constraints.nodeSelector().keySet());
      for (NodeSelectorTerm t : constraints.requiredTerms()) {
        t.matchExpressions().forEach(r -> keys.add(r.key()));
        namesMatter |= !t.matchFields().isEmpty();
      }
      workloads.add(
          new ScopedWorkload(
              i, w, constraints, w.images().stream().map(images::describe).toList()));
    }
    return new UpgradeScope(
        upgraded, upgradedNames, fromBuilds, workloads, keys, namesMatter, notes);
  }
}
