package dev.winfleet.core.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where pods sit, node by node, and how much room each node has left: the capacity side of the
 * upgrade simulation. Each pod goes to the node with the most room left in its scarcer resource
 * (the smaller of its free CPU and free memory fractions; then fleet order) among the nodes its
 * workload can land and run on, the way the scheduler spreads pods to the least allocated node.
 * Nodes of unknown allocatable resources have unlimited room.
 *
 * <p>Nodes are kept per placement class and allocatable size, ordered by that room, so finding a
 * node stops at the first one that fits, or as soon as no later node can.
 */
final class Packing {

  static final long UNLIMITED = Long.MAX_VALUE / 4;

  final long[] freeCpu;
  final long[] freeMemory;
  final long[] allocCpu;
  final long[] allocMemory;
  final int[] classOf;
  final boolean[] open;
  final List<List<Integer>> pods;
  private final int[] groupOf;
  private final List<TreeSet<Integer>> groups = new ArrayList<>();
  private final List<long[]> groupSizes = new ArrayList<>();
  private final List<List<Integer>> groupsOfClass = new ArrayList<>();
  private final Map<List<Long>, Integer> groupIds = new HashMap<>();
  private final Comparator<Integer> roomiest;
  private boolean indexed;

  Packing(long[] allocCpu, long[] allocMemory, int[] classOf, int classes) {
    int n = allocCpu.length;
    this.allocCpu = allocCpu;
    this.allocMemory = allocMemory;
    this.freeCpu = allocCpu.clone();
    this.freeMemory = allocMemory.clone();
    this.classOf = classOf.clone();
    this.open = new boolean[n];
    this.groupOf = new int[n];
    this.pods = new ArrayList<>(n);
    this.roomiest =
        (a, b) -> {
          int c = Double.compare(room(b), room(a));
          return c != 0 ? c : Integer.compare(a, b);
        };
    for (int c = 0; c < classes; c++) {
      groupsOfClass.add(new ArrayList<>(1));
    }
    for (int i = 0; i < n; i++) {
      pods.add(new ArrayList<>(2));
      open[i] = true;
      groupOf[i] = group(this.classOf[i], i);
    }
  }

  /**
   * Starts keeping open nodes ordered by room. Until then (while DaemonSet pods, one per node, are
   * put down) changes touch only the counters, which is much cheaper.
   */
  void index() {
    if (!indexed) {
      indexed = true;
      for (int i = 0; i < open.length; i++) {
        if (open[i]) {
          groups.get(groupOf[i]).add(i);
        }
      }
    }
  }

  private int group(int placementClass, int node) {
    List<Long> key = List.of((long) placementClass, allocCpu[node], allocMemory[node]);
    Integer id = groupIds.get(key);
    if (id == null) {
      id = groups.size();
      groupIds.put(key, id);
      groups.add(new TreeSet<>(roomiest));
      groupSizes.add(new long[] {allocCpu[node], allocMemory[node]});
      groupsOfClass.get(placementClass).add(id);
    }
    return id;
  }

  private static double fraction(long free, long alloc) {
    if (alloc >= UNLIMITED) {
      return 1;
    }
    return alloc <= 0 ? 0 : (double) free / alloc;
  }

  private double room(int node) {
    return Math.min(
        fraction(freeCpu[node], allocCpu[node]), fraction(freeMemory[node], allocMemory[node]));
  }

  /** Takes the node out of scheduling (cordoned). */
  void close(int node) {
    if (open[node]) {
      if (indexed) {
        groups.get(groupOf[node]).remove(node);
      }
      open[node] = false;
    }
  }

  /** Opens a closed node again as it is (a drain that was undone). */
  void reopen(int node) {
    if (!open[node]) {
      open[node] = true;
      if (indexed) {
        groups.get(groupOf[node]).add(node);
      }
    }
  }

  /** Empties a node and moves it to another class (its upgrade); it stays closed. */
  void reset(int node, int newClass) {
    close(node);
    pods.get(node).clear();
    freeCpu[node] = allocCpu[node];
    freeMemory[node] = allocMemory[node];
    classOf[node] = newClass;
    groupOf[node] = group(newClass, node);
  }

  /** The open node with the most room that fits the request in one of these classes, or -1. */
  int best(int[] classes, long cpu, long memory) {
    int best = -1;
    double bestRoom = -1;
    for (int c : classes) {
      for (int g : groupsOfClass.get(c)) {
        long[] size = groupSizes.get(g);
        double floor = Math.min(fraction(cpu, size[0]), fraction(memory, size[1]));
        for (int node : groups.get(g)) {
          double room = room(node);
          if (room < floor || room < bestRoom) {
            break; // neither this node nor any after it fits, or beats the best found
          }
          if (freeCpu[node] >= cpu && freeMemory[node] >= memory) {
            if (room > bestRoom || (room == bestRoom && node < best)) {
              best = node;
              bestRoom = room;
            }
            break;
          }
        }
      }
    }
    return best;
  }

  boolean fits(int node, long cpu, long memory) {
    return freeCpu[node] >= cpu && freeMemory[node] >= memory;
  }

  /** Puts a pod of workload {@code w} on the node; {@code track} keeps it for evictions. */
  void put(int node, int w, long cpu, long memory, boolean track) {
    adjust(node, -cpu, -memory);
    if (track) {
      pods.get(node).add(w);
    }
  }

  /** Takes one pod of workload {@code w} off the node. */
  void take(int node, int w, long cpu, long memory) {
    pods.get(node).remove(Integer.valueOf(w));
    adjust(node, cpu, memory);
  }

  private void adjust(int node, long cpu, long memory) {
    boolean wasOpen = indexed && open[node];
    if (wasOpen) {
      groups.get(groupOf[node]).remove(node);
    }
    freeCpu[node] += cpu;
    freeMemory[node] += memory;
    if (wasOpen) {
      groups.get(groupOf[node]).add(node);
    }
  }
}
