package dev.winfleet.core.containerize;

import java.util.Objects;

/** A node taint: {@code key=value:effect}. */
public record NodeTaint(String key, String value, String effect) {

  public NodeTaint {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
    effect = effect == null ? "" : effect;
  }

  /** Whether the scheduler keeps pods that do not tolerate it off the node. */
  public boolean repels() {
    return effect.equals("NoSchedule") || effect.equals("NoExecute");
  }

  @Override
  public String toString() {
    return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
  }
}
