package dev.winfleet.kube;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet snapshot's nodes grouped by OS, Windows build and taint, built once per snapshot.
 *
 * @param byOs {@code windows}, {@code linux} or {@code unknown} to node names
 * @param byBuild Windows build ({@code 10.0.20348}) to node names
 * @param byTaint taint as kubectl prints it ({@code os=windows:NoSchedule}) to node names
 */
public record FleetIndex(
    Map<String, List<String>> byOs,
    Map<String, List<String>> byBuild,
    Map<String, List<String>> byTaint) {

  public FleetIndex {
    byOs = freeze(byOs);
    byBuild = freeze(byBuild);
    byTaint = freeze(byTaint);
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> m) {
    Map<String, List<String>> copy = new TreeMap<>();
    m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  public static FleetIndex of(Fleet fleet) {
    Map<String, List<String>> os = new TreeMap<>();
    Map<String, List<String>> build = new TreeMap<>();
    Map<String, List<String>> taint = new TreeMap<>();
    for (FleetNode n : fleet.nodes()) {
      os.computeIfAbsent(n.os() == null ? "unknown" : n.os().label(), k -> new ArrayList<>())
          .add(n.name());
      OsVersion v = n.windowsVersion();
      if (n.isWindows() && v != null) {
        build
            .computeIfAbsent(v.withoutRevision().buildString(), k -> new ArrayList<>())
            .add(n.name());
      }
      for (Taint t : n.taints()) {
        taint.computeIfAbsent(t.toString(), k -> new ArrayList<>()).add(n.name());
      }
    }
    return new FleetIndex(os, build, taint);
  }
}
