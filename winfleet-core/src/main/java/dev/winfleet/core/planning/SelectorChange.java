package dev.winfleet.core.planning;

import java.util.Objects;

/**
 * A change to a workload's scheduling that goes with its rebuilt image.
 *
 * @param where the field, e.g. {@code nodeSelector node.kubernetes.io/windows-build} or {@code
 *     RuntimeClass/win-2019 scheduling.nodeSelector node.kubernetes.io/windows-build}
 * @param from the value now
 * @param to the value for the target build
 */
public record SelectorChange(String where, String from, String to) {
  public SelectorChange {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return where + ": " + from + " -> " + to;
  }
}
