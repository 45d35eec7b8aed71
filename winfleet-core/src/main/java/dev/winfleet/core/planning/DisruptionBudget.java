package dev.winfleet.core.planning;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.manifest.Values;
import java.util.Objects;
import java.util.Optional;

/**
 * A PodDisruptionBudget: how many of the pods it selects may be evicted at once.
 *
 * @param minAvailable an absolute number or a percentage ({@code 50%}); null when not set
 * @param maxUnavailable the same; null when not set (at most one of the two is set)
 */
public record DisruptionBudget(
    ObjectRef object, LabelSelector selector, String minAvailable, String maxUnavailable) {

  public DisruptionBudget {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(selector, "selector");
  }

  /** A PodDisruptionBudget object; empty for other kinds. */
  public static Optional<DisruptionBudget> of(ManifestObject o) {
    if (!o.kind().equals("PodDisruptionBudget")) {
      return Optional.empty();
    }
    return Optional.of(
        new DisruptionBudget(
            o.ref(),
            LabelSelector.fromTree(Values.get(o.tree(), "spec", "selector")),
            Values.getString(o.tree(), "spec", "minAvailable"),
            Values.getString(o.tree(), "spec", "maxUnavailable")));
  }

  /** Whether the budget covers the pods of this workload (same namespace, selector matches). */
  public boolean covers(Workload w) {
    return Objects.equals(object.namespace(), w.namespace()) && selector.matches(w.podLabels());
  }

  /**
   * How many pods must stay up of {@code expected}, as the disruption controller computes it
   * (percentages rounded up); with neither field set, none.
   */
  public int desiredHealthy(int expected) {
    if (minAvailable != null) {
      return Math.min(expected, scaled(minAvailable, expected));
    }
    if (maxUnavailable != null) {
      return Math.max(0, expected - scaled(maxUnavailable, expected));
    }
    return 0;
  }

  private static int scaled(String value, int expected) {
    String v = value.trim();
    try {
      if (v.endsWith("%")) {
        int percent = Integer.parseInt(v.substring(0, v.length() - 1).trim());
        return (int) Math.ceil(expected * percent / 100.0);
      }
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** {@code minAvailable 2} or {@code maxUnavailable 25%}, for messages. */
  public String describeRule() {
    return minAvailable != null
        ? "minAvailable " + minAvailable
        : maxUnavailable != null ? "maxUnavailable " + maxUnavailable : "no limit";
  }
}
