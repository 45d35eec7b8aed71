package dev.winfleet.core.planning;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.planning.PlacedWorkload.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether the workloads' pods fit the nodes' allocatable CPU and memory, before and after the
 * upgrade: DaemonSets first (one pod per node they run on), then the workloads with the fewest
 * nodes to choose from, each pod on the node with the most room left ({@link Packing}). Nodes of
 * unknown allocatable resources have room for every pod.
 */
final class CapacityPacking {

  private final long[] cpu;
  private final long[] memory;
  private final int classCount;
  private final boolean unknownCapacity;

  CapacityPacking(List<FleetNode> nodes, int classCount) {
    int n = nodes.size();
    this.cpu = new long[n];
    this.memory = new long[n];
    this.classCount = classCount;
    boolean unknown = false;
    for (int i = 0; i < n; i++) {
      FleetNode node = nodes.get(i);
      cpu[i] = node.allocatableCpuMillis() < 0 ? Packing.UNLIMITED : node.allocatableCpuMillis();
      memory[i] =
          node.allocatableMemoryBytes() < 0 ? Packing.UNLIMITED : node.allocatableMemoryBytes();
      unknown |= node.allocatableCpuMillis() < 0 || node.allocatableMemoryBytes() < 0;
    }
    this.unknownCapacity = unknown;
  }

  /** Whether some node reports no allocatable CPU or memory (taken to have room for every pod). */
  boolean unknownCapacity() {
    return unknownCapacity;
  }

  /** Pods per workload without room, and pods wanted (for a DaemonSet: nodes it runs on). */
  record PackResult(int[] unplaced, int[] wanted, Packing packing) {}

  /**
   * Room before and after the upgrade.
   *
   * @param unplacedBefore per workload: its pods without room today, as it is
   * @param unplacedAfter per workload: its pods without room after the upgrade, in its mode
   * @param wantedAfter per workload: the pods it wants after the upgrade
   * @param modes per workload: as it is, or rebuilt (placement needs it, or room does)
   */
  record Assessment(int[] unplacedBefore, int[] unplacedAfter, int[] wantedAfter, Mode[] modes) {}

  /**
   * Packs today's fleet with every workload as it is, then the fleet after the upgrade with the
   * workloads that still land somewhere as they are ({@code placement} OK) unchanged and the others
   * rebuilt; a workload that stays as it is but lacks room is rebuilt too (it may then use the
   * upgraded nodes) and the fleet after is packed again.
   */
  Assessment assess(List<PlacedWorkload> items, UpgradeStatus[] placement, NodeClasses classes) {
    Mode[] modes = new Mode[items.size()];
    java.util.Arrays.fill(modes, Mode.ORIGINAL);
    int[] unplacedBefore = pack(items, modes, null, classes.before).unplaced();
    for (PlacedWorkload item : items) {
      modes[item.index()] =
          placement[item.index()] == UpgradeStatus.OK ? Mode.ORIGINAL : Mode.REBUILT;
    }
    PackResult after = pack(items, modes, null, classes.after);
    boolean again = false;
    for (PlacedWorkload item : items) {
      if (modes[item.index()] == Mode.ORIGINAL && after.unplaced()[item.index()] > 0) {
        modes[item.index()] = Mode.REBUILT; // rebuilt, it may use the upgraded nodes too
        again = true;
      }
    }
    if (again) {
      after = pack(items, modes, null, classes.after);
    }
    return new Assessment(unplacedBefore, after.unplaced(), after.wanted(), modes);
  }

  /**
   * Places every workload's pods on the nodes in the given classes: DaemonSets first (one pod per
   * node they run on), then the workloads with the fewest nodes to choose from, those as they are
   * before the rebuilt ones.
   *
   * @param excluded per workload: left out (null: none is)
   * @param classOf per node: its class
   */
  PackResult pack(List<PlacedWorkload> items, Mode[] modes, boolean[] excluded, int[] classOf) {
    Packing p = new Packing(cpu, memory, classOf, classCount);
    int[] unplaced = new int[items.size()];
    int[] wanted = new int[items.size()];
    placeDaemonSets(items, modes, excluded, p, unplaced, wanted, -1);
    p.index();
    int[] classSize = new int[classCount];
    for (int c : classOf) {
      classSize[c]++;
    }
    int[] reach = new int[items.size()];
    List<PlacedWorkload> order = new ArrayList<>();
    for (PlacedWorkload item : items) {
      if (!item.workload().daemonSet() && !isExcluded(excluded, item)) {
        order.add(item);
        int sum = 0;
        for (int c : item.classes(modes[item.index()])) {
          sum += classSize[c];
        }
        reach[item.index()] = sum;
      }
    }
    order.sort(
        Comparator.comparingInt((PlacedWorkload i) -> modes[i.index()] == Mode.ORIGINAL ? 0 : 1)
            .thenComparingInt(i -> reach[i.index()])
            .thenComparingInt(PlacedWorkload::index));
    for (PlacedWorkload item : order) {
      Workload w = item.workload();
      int[] classes = item.classes(modes[item.index()]);
      wanted[item.index()] = w.replicas();
      for (int r = 0; r < w.replicas(); r++) {
        int node = p.best(classes, w.cpuMillis(), w.memoryBytes());
        if (node < 0) {
          unplaced[item.index()] += w.replicas() - r;
          break;
        }
        p.put(node, item.index(), w.cpuMillis(), w.memoryBytes(), true);
      }
    }
    return new PackResult(unplaced, wanted, p);
  }

  private static boolean isExcluded(boolean[] excluded, PlacedWorkload item) {
    return excluded != null && excluded[item.index()];
  }

  /**
   * One pod per node of each DaemonSet that runs there (DaemonSet pods are not tracked for
   * evictions: a drain leaves them).
   *
   * @param unplaced per workload, counts pods without room; null to not count
   * @param wanted per workload, counts the nodes it runs on; null to not count
   * @param only the one node to place on (an upgraded node coming back), or -1 for every open node
   */
  static void placeDaemonSets(
      List<PlacedWorkload> items,
      Mode[] modes,
      boolean[] excluded,
      Packing p,
      int[] unplaced,
      int[] wanted,
      int only) {
    for (PlacedWorkload item : items) {
      if (!item.workload().daemonSet() || isExcluded(excluded, item)) {
        continue;
      }
      Workload w = item.workload();
      boolean[] runs = item.runs(modes[item.index()]);
      int from = only < 0 ? 0 : only;
      int to = only < 0 ? p.classOf.length : only + 1;
      for (int i = from; i < to; i++) {
        if ((only < 0 && !p.open[i]) || !runs[p.classOf[i]]) {
          continue;
        }
        if (wanted != null) {
          wanted[item.index()]++;
        }
        if (p.fits(i, w.cpuMillis(), w.memoryBytes())) {
          p.put(i, item.index(), w.cpuMillis(), w.memoryBytes(), false);
        } else if (unplaced != null) {
          unplaced[item.index()]++;
        }
      }
    }
  }
}
