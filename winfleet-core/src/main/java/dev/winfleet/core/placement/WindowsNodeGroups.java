package dev.winfleet.core.placement;

import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Windows nodes of one fleet snapshot (those with a known version), grouped once by host
 * platform and by effective-taint list, for {@link PlacementEngine#windowsTarget}: the webhook asks
 * for every pod, and fleets have many nodes but few platforms and taint lists. Whether a pod's
 * images run is then judged per platform, and for a pod that pins no node the nodes, builds and
 * taint lists of the platforms that run them are looked up instead of walked. Immutable apart from
 * that lookup's memory; thread-safe.
 */
final class WindowsNodeGroups {

  /** Platform-verdict combinations remembered at most (one per image set's answer, in practice). */
  private static final int MAX_REMEMBERED_SELECTIONS = 256;

  private final Fleet fleet;

  /** The Windows nodes with a known version, in fleet order. */
  final List<FleetNode> nodes;

  /** Per node, the index of its platform in {@link #platforms}. */
  final int[] platformOf;

  /** Per node, the index of its effective-taint list in {@link #taintLists}. */
  final int[] taintListOf;

  /** Distinct host platforms, in order of their first node. */
  final List<HostPlatform> platforms;

  /** Per platform, the build without revision ({@code 10.0.20348}). */
  private final List<OsVersion> platformBuilds;

  /** Distinct effective-taint lists, in order of their first node. */
  final List<List<Taint>> taintLists;

  /** Per taint list, its first node ({@link SchedulingConstraints#untoleratedTaints} takes one). */
  final List<FleetNode> taintListNode;

  private final Map<Long, Selection> selections = new ConcurrentHashMap<>();

  /**
   * The nodes of the platforms that run a pod's images, for a pod that pins no node.
   *
   * @param taintLists indexes into {@link WindowsNodeGroups#taintLists}, in order of their first
   *     node among {@code nodes}
   */
  record Selection(SortedSet<OsVersion> builds, List<FleetNode> nodes, int[] taintLists) {}

  WindowsNodeGroups(Fleet fleet) {
    this.fleet = fleet;
    List<FleetNode> windows = new ArrayList<>();
    for (FleetNode node : fleet.nodes()) {
      if (node.isWindows() && node.windowsVersion() != null) {
        windows.add(node);
      }
    }
    this.nodes = List.copyOf(windows);
    this.platformOf = new int[nodes.size()];
    this.taintListOf = new int[nodes.size()];
    Map<HostPlatform, Integer> platformIndex = new LinkedHashMap<>();
    Map<List<Taint>, Integer> taintIndex = new HashMap<>();
    List<List<Taint>> lists = new ArrayList<>();
    List<FleetNode> listNodes = new ArrayList<>();
    List<OsVersion> builds = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      FleetNode node = nodes.get(i);
      HostPlatform host = node.hostPlatform().orElseThrow();
      Integer p = platformIndex.get(host);
      if (p == null) {
        p = platformIndex.size();
        platformIndex.put(host, p);
        builds.add(node.windowsVersion().withoutRevision());
      }
      platformOf[i] = p;
      List<Taint> taints = List.copyOf(node.effectiveTaints());
      Integer t = taintIndex.get(taints);
      if (t == null) {
        t = lists.size();
        taintIndex.put(taints, t);
        lists.add(taints);
        listNodes.add(node);
      }
      taintListOf[i] = t;
    }
    this.platforms = List.copyOf(platformIndex.keySet());
    this.platformBuilds = List.copyOf(builds);
    this.taintLists = List.copyOf(lists);
    this.taintListNode = List.copyOf(listNodes);
  }

  boolean isOf(Fleet other) {
    return fleet == other;
  }

  /**
   * The nodes whose platform runs the images ({@code runs[p]} for platform {@code p}), with their
   * builds and taint lists; remembered per combination when there are at most 64 platforms.
   */
  Selection select(boolean[] runs) {
    if (runs.length > Long.SIZE) {
      return compute(runs);
    }
    long key = 0;
    for (int p = 0; p < runs.length; p++) {
      if (runs[p]) {
        key |= 1L << p;
      }
    }
    Selection s = selections.get(key);
    if (s == null) {
      s = compute(runs);
      if (selections.size() < MAX_REMEMBERED_SELECTIONS) {
        selections.put(key, s);
      }
    }
    return s;
  }

  private Selection compute(boolean[] runs) {
    SortedSet<OsVersion> builds = new TreeSet<>();
    List<FleetNode> selected = new ArrayList<>();
    boolean[] seen = new boolean[taintLists.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      int p = platformOf[i];
      if (!runs[p]) {
        continue;
      }
      builds.add(platformBuilds.get(p));
      selected.add(nodes.get(i));
      int t = taintListOf[i];
      if (!seen[t]) {
        seen[t] = true;
        order.add(t);
      }
    }
    return new Selection(
        java.util.Collections.unmodifiableSortedSet(builds),
        List.copyOf(selected),
        order.stream().mapToInt(Integer::intValue).toArray());
  }
}
