package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.KubernetesVersion;
import java.util.Collection;

/**
 * The Kubernetes versions a rule's limit applies to: from {@code from} (inclusive) up to {@code
 * until} (exclusive), either open.
 *
 * @param liftedBy the id of the feature in {@code kubernetes-windows.yaml} whose arrival lifted the
 *     limit (then {@code until} is that feature's version); null when none
 */
public record KubernetesRange(KubernetesVersion from, KubernetesVersion until, String liftedBy) {

  public static final KubernetesRange ALL = new KubernetesRange(null, null, null);

  public boolean appliesTo(KubernetesVersion v) {
    return (from == null || !v.isBefore(from)) && (until == null || v.isBefore(until));
  }

  /** Whether the limit applies to any of these versions (to all versions when none are given). */
  public boolean appliesToAny(Collection<KubernetesVersion> versions) {
    if (versions.isEmpty()) {
      return true;
    }
    return versions.stream().anyMatch(this::appliesTo);
  }

  public boolean isAlways() {
    return from == null && until == null;
  }

  /** For docs: {@code all versions}, {@code before 1.22}, {@code 1.22 and later}. */
  public String describe() {
    if (isAlways()) {
      return "all versions";
    }
    if (from == null) {
      return "before " + until + (liftedBy == null ? "" : " (lifted by " + liftedBy + ")");
    }
    if (until == null) {
      return from + " and later";
    }
    return from + " up to (not including) " + until;
  }
}
