package dev.winfleet.core.planning;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.planning.BlockedBy.Kind;
import dev.winfleet.core.planning.PlacedWorkload.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Orders the upgraded nodes into waves: drains them wave by wave on a copy of the packing, so that
 * every workload stays placeable at each step and no PodDisruptionBudget is broken. A node that
 * cannot be drained safely still gets its wave, marked blocked, with the reason. Workloads that
 * break (or were broken anyway) are left out: no drain waits for them.
 */
final class WaveScheduler {

  /**
   * Why a wave has no safe drain.
   *
   * @param budgetRule for a budget: its rule as written ({@code minAvailable 3})
   * @param pods for a budget: the pods it covers
   * @param allowed for a budget: the disruptions it allows now (may be negative)
   * @param evicts for a budget: the pods of it the drain evicts
   */
  record Blocker(BlockedBy blockedBy, String budgetRule, int pods, int allowed, int evicts) {
    Blocker {
      Objects.requireNonNull(blockedBy, "blockedBy");
    }

    static Blocker drain(String node, String workload) {
      return new Blocker(BlockedBy.of(Kind.DRAIN_NO_CAPACITY, node, workload), null, 0, 0, 0);
    }
  }

  private final List<JudgedWorkload> items;
  private final List<PlacedWorkload> placed;
  private final Mode[] modes;
  private final boolean[] excluded;
  private final List<DisruptionBudget> budgets;
  private final List<FleetNode> nodes;
  private final NodeClasses classes;
  private final boolean[] upgraded;
  private final CapacityPacking capacity;
  private final int maxPerWave;
  private final UpgradeExplanation explanation;
  private final int[][] budgetsOf;
  private int[] desired;
  private int[] pending;
  private int[] pendingPerWorkload;

  WaveScheduler(
      List<JudgedWorkload> items,
      List<DisruptionBudget> budgets,
      List<FleetNode> nodes,
      NodeClasses classes,
      boolean[] upgraded,
      CapacityPacking capacity,
      int maxPerWave,
      UpgradeExplanation explanation) {
    this.items = items;
    this.placed = items.stream().map(JudgedWorkload::placed).toList();
    this.modes = new Mode[items.size()];
    this.excluded = new boolean[items.size()];
    for (JudgedWorkload j : items) {
      modes[j.placed().index()] = j.mode();
      excluded[j.placed().index()] = j.excluded();
    }
    this.budgets = budgets;
    this.nodes = nodes;
    this.classes = classes;
    this.upgraded = upgraded;
    this.capacity = capacity;
    this.maxPerWave = maxPerWave;
    this.explanation = explanation;
    this.budgetsOf = new int[items.size()][];
  }

  List<UpgradeWave> run() {
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (upgraded[i]) {
        remaining.add(i);
      }
    }
    if (remaining.isEmpty()) {
      return List.of();
    }
    remaining.sort(Comparator.comparing(i -> nodes.get(i).name()));
    // The rebuilt images go out first: from here on, rebuilt workloads run on both builds.
    List<String> rebuiltFirst = new ArrayList<>();
    List<String> reselectedFirst = new ArrayList<>();
    for (JudgedWorkload item : items) {
      if (!item.excluded() && item.mode() == Mode.REBUILT) {
        (item.placed().rebuilt().imagesNeedingRebuild().isEmpty() ? reselectedFirst : rebuiltFirst)
            .add(item.workload().object().display());
      }
    }
    CapacityPacking.PackResult start = capacity.pack(placed, modes, excluded, classes.before);
    List<PlacedWorkload> daemonSets =
        placed.stream().filter(i -> i.workload().daemonSet() && !excluded[i.index()]).toList();
    Packing p = start.packing();
    int[] expected = new int[budgets.size()];
    desired = new int[budgets.size()];
    pending = new int[budgets.size()];
    pendingPerWorkload = start.unplaced().clone();
    for (PlacedWorkload item : placed) {
      List<Integer> covering = new ArrayList<>();
      if (!excluded[item.index()] && !item.workload().daemonSet()) {
        for (int b = 0; b < budgets.size(); b++) {
          if (budgets.get(b).covers(item.workload())) {
            covering.add(b);
            expected[b] += item.workload().replicas();
            pending[b] += start.unplaced()[item.index()];
          }
        }
      }
      budgetsOf[item.index()] = covering.stream().mapToInt(Integer::intValue).toArray();
    }
    for (int b = 0; b < budgets.size(); b++) {
      desired[b] = budgets.get(b).desiredHealthy(expected[b]);
    }

    List<UpgradeWave> waves = new ArrayList<>();
    while (!remaining.isEmpty()) {
      List<Integer> wave = new ArrayList<>();
      int[] used = new int[budgets.size()];
      Blocker firstBlocker = null;
      for (int node : remaining) {
        if (maxPerWave > 0 && wave.size() >= maxPerWave) {
          break;
        }
        Blocker blocker = budgetBlocker(p, node, used, expected, wave.isEmpty());
        int[] evicts = budgetCounts(p, node);
        if (blocker == null) {
          blocker = drain(p, node, false);
        }
        if (blocker == null) {
          wave.add(node);
          for (int b = 0; b < used.length; b++) {
            used[b] += evicts[b];
          }
        } else if (firstBlocker == null) {
          firstBlocker = blocker;
        }
      }
      Blocker blocked = null;
      if (wave.isEmpty()) {
        // No node can go safely: the first goes anyway, marked blocked, with the reason.
        int node = remaining.get(0);
        Blocker blocker = budgetBlocker(p, node, used, expected, true);
        drain(p, node, true);
        wave.add(node);
        blocked = Objects.requireNonNull(blocker != null ? blocker : firstBlocker, "blocker");
      }
      for (int node : wave) {
        p.reset(node, classes.after[node]);
        CapacityPacking.placeDaemonSets(daemonSets, modes, excluded, p, null, null, node);
        p.reopen(node);
      }
      placePending(p);
      remaining.removeAll(wave);
      List<String> names = wave.stream().map(i -> nodes.get(i).name()).sorted().toList();
      waves.add(
          new UpgradeWave(
              names,
              explanation.precondition(waves.size(), rebuiltFirst, reselectedFirst, blocked),
              blocked == null ? null : blocked.blockedBy()));
    }
    return waves;
  }

  /**
   * Why a PodDisruptionBudget forbids draining this node now, or null. Alone, a node can be drained
   * whenever the budget allows one disruption (the eviction API lets its pods go one by one);
   * drained together with others, all their pods a budget covers are evicted at once and must fit
   * in what it allows.
   */
  private Blocker budgetBlocker(Packing p, int node, int[] used, int[] expected, boolean alone) {
    if (budgets.isEmpty()) {
      return null;
    }
    int[] add = budgetCounts(p, node);
    for (int b = 0; b < budgets.size(); b++) {
      if (add[b] == 0) {
        continue;
      }
      int allowed = expected[b] - pending[b] - desired[b];
      if (allowed <= 0 || (!alone && used[b] + add[b] > allowed)) {
        DisruptionBudget budget = budgets.get(b);
        return new Blocker(
            BlockedBy.of(Kind.PDB, budget.object().toString(), nodes.get(node).name()),
            budget.describeRule(),
            expected[b],
            allowed,
            used[b] + add[b]);
      }
    }
    return null;
  }

  /** Per budget: the pods on the node it covers. */
  private int[] budgetCounts(Packing p, int node) {
    int[] add = new int[budgets.size()];
    for (int w : p.pods.get(node)) {
      for (int b : budgetsOf[w]) {
        add[b]++;
      }
    }
    return add;
  }

  /**
   * Cordons the node and moves its pods to other open nodes. When one finds no room: undoes it all
   * and says why, unless {@code force}, which leaves such pods pending.
   */
  private Blocker drain(Packing p, int node, boolean force) {
    p.close(node);
    List<Integer> moving = new ArrayList<>(p.pods.get(node));
    List<int[]> moved = new ArrayList<>();
    boolean undo = false;
    Map<Integer, Integer> stuck = new LinkedHashMap<>();
    for (int w : moving) {
      Workload wl = placed.get(w).workload();
      int to = p.best(placed.get(w).classes(modes[w]), wl.cpuMillis(), wl.memoryBytes());
      if (to < 0) {
        stuck.merge(w, 1, Integer::sum);
        if (!force) {
          undo = true;
          break;
        }
        continue;
      }
      p.put(to, w, wl.cpuMillis(), wl.memoryBytes(), true);
      moved.add(new int[] {w, to});
    }
    if (undo) {
      for (int[] m : moved) {
        Workload wl = placed.get(m[0]).workload();
        p.take(m[1], m[0], wl.cpuMillis(), wl.memoryBytes());
      }
      p.reopen(node);
      return stuckBlocker(node, stuck);
    }
    // The pods that moved (or are pending) are no longer on the node.
    for (int[] m : moved) {
      p.pods.get(node).remove(Integer.valueOf(m[0]));
    }
    for (Map.Entry<Integer, Integer> e : stuck.entrySet()) {
      for (int k = 0; k < e.getValue(); k++) {
        p.pods.get(node).remove(Integer.valueOf(e.getKey()));
      }
      pendingPerWorkload[e.getKey()] += e.getValue();
      for (int b : budgetsOf[e.getKey()]) {
        pending[b] += e.getValue();
      }
    }
    return stuck.isEmpty() ? null : stuckBlocker(node, stuck);
  }

  private Blocker stuckBlocker(int node, Map<Integer, Integer> stuck) {
    int w = stuck.keySet().iterator().next();
    return Blocker.drain(nodes.get(node).name(), placed.get(w).workload().object().display());
  }

  /** Pending pods (no room earlier) try again once upgraded nodes are back. */
  private void placePending(Packing p) {
    for (PlacedWorkload item : placed) {
      int waiting = pendingPerWorkload[item.index()];
      if (waiting == 0 || excluded[item.index()] || item.workload().daemonSet()) {
        continue;
      }
      Workload w = item.workload();
      int[] reach = item.classes(modes[item.index()]);
      while (waiting > 0) {
        int to = p.best(reach, w.cpuMillis(), w.memoryBytes());
        if (to < 0) {
          break;
        }
        p.put(to, item.index(), w.cpuMillis(), w.memoryBytes(), true);
        waiting--;
        for (int b : budgetsOf[item.index()]) {
          pending[b]--;
        }
      }
      pendingPerWorkload[item.index()] = waiting;
    }
  }
}
