package dev.winfleet.core.planning;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.NodeVerdict;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where workloads land and run before and after the upgrade, judged by the {@link PlacementEngine}
 * once per class of equivalent nodes (and once per distinct scheduling and images), not per node.
 */
final class ClassPlacement {

  private final PlacementEngine placement;
  private final NodeClasses classes;
  private final Fleet classFleet;
  private final Map<PlaceKey, boolean[]> memo = new HashMap<>();

  /** The classes of the nodes before the upgrade, ascending. */
  private final int[] beforeClasses;

  /** The classes of the nodes after the upgrade, ascending. */
  private final int[] afterClasses;

  /** How upgraded nodes move between classes: distinct (before, after) pairs. */
  private final List<int[]> upgradedPairs = new ArrayList<>();

  private record PlaceKey(SchedulingConstraints constraints, List<ImageProfile> profiles) {}

  ClassPlacement(PlacementEngine placement, NodeClasses classes, Fleet fleet, boolean[] upgraded) {
    this.placement = placement;
    this.classes = classes;
    this.classFleet = classes.representativeFleet(fleet);
    Set<Integer> before = new TreeSet<>();
    Set<Integer> after = new TreeSet<>();
    Set<Long> pairs = new HashSet<>();
    for (int i = 0; i < upgraded.length; i++) {
      before.add(classes.before[i]);
      after.add(classes.after[i]);
      if (upgraded[i] && pairs.add(((long) classes.before[i] << 32) | classes.after[i])) {
        upgradedPairs.add(new int[] {classes.before[i], classes.after[i]});
      }
    }
    beforeClasses = before.stream().mapToInt(Integer::intValue).toArray();
    afterClasses = after.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The workload with the classes it runs on, as it is and rebuilt. */
  PlacedWorkload place(ScopedWorkload w, RebuiltWorkload rebuilt) {
    boolean[] original = runnable(w.constraints(), w.profiles());
    boolean[] rebuiltRuns = runnable(rebuilt.constraints(), rebuilt.profiles());
    return new PlacedWorkload(
        w, rebuilt, original, rebuiltRuns, indices(original), indices(rebuiltRuns));
  }

  private boolean[] runnable(SchedulingConstraints constraints, List<ImageProfile> profiles) {
    return memo.computeIfAbsent(
        new PlaceKey(constraints, profiles),
        k -> {
          PlacementDecision d = placement.place(k.constraints(), k.profiles(), classFleet);
          boolean[] runs = new boolean[d.nodes().size()];
          for (int c = 0; c < runs.length; c++) {
            NodeVerdict v = d.nodes().get(c);
            runs[c] = v.canLand() && v.runsAllImages();
          }
          return runs;
        });
  }

  private static int[] indices(boolean[] flags) {
    int count = 0;
    for (boolean f : flags) {
      count += f ? 1 : 0;
    }
    int[] out = new int[count];
    int j = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  /**
   * Placement alone, room aside: whether the workload lands somewhere after the upgrade as it is
   * ({@code OK}), only rebuilt ({@code REBUILD}), or not at all ({@code BREAKS}). A DaemonSet must
   * keep every upgraded node it ran on.
   */
  UpgradeStatus status(PlacedWorkload w) {
    if (w.workload().daemonSet()) {
      boolean loses = false;
      boolean rebuiltKeeps = true;
      for (int[] pair : upgradedPairs) {
        if (w.runsOriginal()[pair[0]] && !w.runsOriginal()[pair[1]]) {
          loses = true;
          rebuiltKeeps &= w.runsRebuilt()[pair[1]];
        }
      }
      return !loses
          ? UpgradeStatus.OK
          : rebuiltKeeps ? UpgradeStatus.REBUILD : UpgradeStatus.BREAKS;
    }
    boolean original = false;
    boolean rebuilt = false;
    for (int c : afterClasses) {
      original |= w.runsOriginal()[c];
      rebuilt |= w.runsRebuilt()[c];
    }
    return original ? UpgradeStatus.OK : rebuilt ? UpgradeStatus.REBUILD : UpgradeStatus.BREAKS;
  }

  /** Whether it landed and ran somewhere before the upgrade. */
  boolean landedBefore(PlacedWorkload w) {
    for (int c : beforeClasses) {
      if (w.runsOriginal()[c]) {
        return true;
      }
    }
    return false;
  }

  /** The Windows builds (no revision) of the nodes it runs on before the upgrade, as it is. */
  SortedSet<OsVersion> buildsBefore(boolean[] runs) {
    return builds(beforeClasses, runs);
  }

  /** The same after the upgrade. */
  SortedSet<OsVersion> buildsAfter(boolean[] runs) {
    return builds(afterClasses, runs);
  }

  private SortedSet<OsVersion> builds(int[] present, boolean[] runs) {
    SortedSet<OsVersion> out = new TreeSet<>();
    for (int c : present) {
      if (!runs[c]) {
        continue;
      }
      FleetNode rep = classes.representatives.get(c);
      if (rep.isWindows() && rep.windowsVersion() != null) {
        out.add(rep.windowsVersion().withoutRevision());
      }
    }
    return out;
  }
}
