package dev.winfleet.core.spi;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts a fleet's nodes by OS and build, for {@link InventoryStatus#nodes()}. */
public final class NodeGroups {

  private NodeGroups() {}

  /** One group per OS and Windows build, sorted by OS then build. */
  public static List<NodeGroup> of(Fleet fleet) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (FleetNode n : fleet.nodes()) {
      String os = n.os() == null ? "unknown" : n.os().label();
      String build =
          n.isWindows() && n.windowsVersion() != null
              ? n.windowsVersion().withoutRevision().buildString()
              : "";
      counts.computeIfAbsent(os, k -> new TreeMap<>()).merge(build, 1, Integer::sum);
    }
    List<NodeGroup> out = new ArrayList<>();
    counts.forEach((os, byBuild) -> byBuild.forEach((b, c) -> out.add(new NodeGroup(os, b, c))));
    return out;
  }
}
