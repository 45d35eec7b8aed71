package dev.winfleet.core.planning;

import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Nodes grouped into classes that placement cannot tell apart: the same labels that some selector
 * reads, the same taints, OS, architecture and Windows version (and name, when a selector reads
 * names). The placement engine judges one representative per class; thousands of nodes become a
 * handful of classes.
 *
 * <p>Holds every node twice: in its class today ({@link #before}) and after the upgrade ({@link
 * #after}), where the upgraded nodes fall into classes of their own with the target build.
 */
final class NodeClasses {

  private record Key(
      Map<String, String> labels,
      List<String> taints,
      OsFamily os,
      String architecture,
      OsVersion version,
      String name) {}

  final List<FleetNode> representatives = new ArrayList<>();
  final List<Integer> sizes = new ArrayList<>();
  final int[] before;
  final int[] after;
  private final Map<Key, Integer> ids = new HashMap<>();
  private final Set<String> relevantKeys;
  private final boolean byName;

  NodeClasses(
      Fleet fleet,
      Set<String> relevantKeys,
      boolean byName,
      boolean[] upgraded,
      OsVersion target,
      String targetName) {
    this.relevantKeys = relevantKeys;
    this.byName = byName;
    List<FleetNode> nodes = fleet.nodes();
    before = new int[nodes.size()];
    after = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      before[i] = classOf(nodes.get(i));
    }
    for (int i = 0; i < nodes.size(); i++) {
      after[i] = upgraded[i] ? classOf(upgrade(nodes.get(i), target, targetName)) : before[i];
    }
  }

  int count() {
    return representatives.size();
  }

  /** The fleet of one representative per class, in class order, for the placement engine. */
  Fleet representativeFleet(Fleet original) {
    return new Fleet(representatives, original.runtimeClasses());
  }

  private int classOf(FleetNode node) {
    Map<String, String> labels = new TreeMap<>();
    node.labels()
        .forEach(
            (k, v) -> {
              if (relevantKeys.contains(k)) {
                labels.put(k, v);
              }
            });
    List<String> taints = new ArrayList<>();
    for (Taint t : node.effectiveTaints()) {
      taints.add(t.toString());
    }
    taints.sort(null);
    Key key =
        new Key(
            labels,
            taints,
            node.os(),
            node.architecture(),
            node.windowsVersion(),
            byName ? node.name() : null);
    Integer id = ids.get(key);
    if (id == null) {
      id = representatives.size();
      ids.put(key, id);
      representatives.add(node);
      sizes.add(0);
    }
    sizes.set(id, sizes.get(id) + 1);
    return id;
  }

  /** The node as it will be after the upgrade: target build, build label, OS image. */
  static FleetNode upgrade(FleetNode node, OsVersion target, String targetName) {
    Map<String, String> labels = new LinkedHashMap<>(node.labels());
    labels.put(FleetObjects.WINDOWS_BUILD_LABEL, target.buildString());
    return new FleetNode(
        node.name(),
        labels,
        node.taints(),
        node.os(),
        node.architecture(),
        target,
        node.kubeletVersion(),
        node.containerRuntimeVersion(),
        targetName,
        node.allocatableCpuMillis(),
        node.allocatableMemoryBytes(),
        List.of(),
        node.unschedulable());
  }
}
