package dev.winfleet.core.planning;

import java.util.Objects;

/**
 * A workload with where it can land and run (the third step), per class of equivalent nodes ({@link
 * NodeClasses}), as it is and rebuilt. The arrays are the planner's own and never change once
 * built.
 *
 * @param runsOriginal per node class: whether it lands and runs there as it is
 * @param runsRebuilt the same, rebuilt
 * @param classesOriginal the classes where {@code runsOriginal} holds, ascending
 * @param classesRebuilt the classes where {@code runsRebuilt} holds, ascending
 */
record PlacedWorkload(
    ScopedWorkload scoped,
    RebuiltWorkload rebuilt,
    boolean[] runsOriginal,
    boolean[] runsRebuilt,
    int[] classesOriginal,
    int[] classesRebuilt) {

  /** How a workload is judged: as it is, or rebuilt for the target (and old) builds. */
  enum Mode {
    ORIGINAL,
    REBUILT
  }

  PlacedWorkload {
    Objects.requireNonNull(scoped, "scoped");
    Objects.requireNonNull(rebuilt, "rebuilt");
  }

  int index() {
    return scoped.index();
  }

  Workload workload() {
    return scoped.workload();
  }

  int[] classes(Mode mode) {
    return mode == Mode.ORIGINAL ? classesOriginal : classesRebuilt;
  }

  boolean[] runs(Mode mode) {
    return mode == Mode.ORIGINAL ? runsOriginal : runsRebuilt;
  }
}
