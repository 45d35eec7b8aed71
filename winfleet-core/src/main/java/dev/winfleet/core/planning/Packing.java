package dev.winfleet.core.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where pods sit, node by node, and how much room each node has left: the capacity side of the
 * upgrade simulation. Each pod goes to the node with the most free memory (then CPU, then fleet
 * order) among the nodes its workload can land and run on, the way the scheduler spreads pods by
 * least allocation. Nodes of unknown allocatable resources have unlimited room.
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
  private final List<TreeSet<Integer>> byClass;

  Packing(long[] allocCpu, long[] allocMemory, int[] classOf, int classes) {
    int n = allocCpu.length;
    this.allocCpu = allocCpu;
    this.allocMemory = allocMemory;
    this.freeCpu = allocCpu.clone();
    this.freeMemory = allocMemory.clone();
    this.classOf = classOf.clone();
    this.open = new boolean[n];
    this.pods = new ArrayList<>(n);
    Comparator<Integer> roomiest =
        (a, b) -> {
          int c = Long.compare(freeMemory[b], freeMemory[a]);
          if (c != 0) {
            return c;
          }
          c = Long.compare(freeCpu[b], freeCpu[a]);
          return c != 0 ? c : Integer.compare(a, b);
        };
    byClass = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      byClass.add(new TreeSet<>(roomiest));
    }
    for (int i = 0; i < n; i++) {
      pods.add(new ArrayList<>(2));
      open[i] = true;
      byClass.get(classOf[i]).add(i);
    }
  }

  /** Takes the node out of scheduling (cordoned). */
  void close(int node) {
    if (open[node]) {
      byClass.get(classOf[node]).remove(node);
      open[node] = false;
    }
  }

  /** Opens a closed node again as it is (a drain that was undone). */
  void reopen(int node) {
    if (!open[node]) {
      open[node] = true;
      byClass.get(classOf[node]).add(node);
    }
  }

  /** Brings a node back, empty, in another class (after its upgrade). */
  void reopenEmpty(int node, int newClass) {
    close(node);
    pods.get(node).clear();
    freeCpu[node] = allocCpu[node];
    freeMemory[node] = allocMemory[node];
    classOf[node] = newClass;
    open[node] = true;
    byClass.get(newClass).add(node);
  }

  /** The open node with the most room that fits the request in one of these classes, or -1. */
  int best(int[] classes, long cpu, long memory) {
    int best = -1;
    for (int c : classes) {
      for (int node : byClass.get(c)) {
        if (freeMemory[node] < memory) {
          break;
        }
        if (freeCpu[node] >= cpu) {
          if (best < 0 || better(node, best)) {
            best = node;
          }
          break;
        }
      }
    }
    return best;
  }

  boolean fits(int node, long cpu, long memory) {
    return open[node] && freeCpu[node] >= cpu && freeMemory[node] >= memory;
  }

  private boolean better(int a, int b) {
    if (freeMemory[a] != freeMemory[b]) {
      return freeMemory[a] > freeMemory[b];
    }
    if (freeCpu[a] != freeCpu[b]) {
      return freeCpu[a] > freeCpu[b];
    }
    return a < b;
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
    boolean wasOpen = open[node];
    if (wasOpen) {
      byClass.get(classOf[node]).remove(node);
    }
    freeCpu[node] += cpu;
    freeMemory[node] += memory;
    if (wasOpen) {
      byClass.get(classOf[node]).add(node);
    }
  }
}
