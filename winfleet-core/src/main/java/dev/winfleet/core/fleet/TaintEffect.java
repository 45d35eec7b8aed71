package dev.winfleet.core.fleet;

import java.util.Optional;

/** What a taint does to pods that do not tolerate it. */
public enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE("NoSchedule"),
  /** The scheduler tries to avoid the node; it does not block placement. */
  PREFER_NO_SCHEDULE("PreferNoSchedule"),
  /** New pods are not scheduled, and running ones are evicted. */
  NO_EXECUTE("NoExecute");

  private final String wireName;

  TaintEffect(String wireName) {
    this.wireName = wireName;
  }

  /** The Kubernetes spelling, e.g. {@code NoSchedule}. */
  public String wireName() {
    return wireName;
  }

  /** Whether the effect keeps new pods off a node (NoSchedule, NoExecute). */
  public boolean blocksScheduling() {
    return this != PREFER_NO_SCHEDULE;
  }

  /** Parses the Kubernetes spelling; empty for anything else. */
  public static Optional<TaintEffect> parse(String text) {
    for (TaintEffect e : values()) {
      if (e.wireName.equals(text)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
