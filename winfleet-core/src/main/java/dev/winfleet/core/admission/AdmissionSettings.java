package dev.winfleet.core.admission;

import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.rules.Severity;
import java.util.List;
import java.util.Objects;

/**
 * How the webhook's decisions are tuned.
 *
 * @param linuxSelector add {@code kubernetes.io/os: linux} to Linux pods without an OS constraint
 *     in a fleet with Windows nodes
 * @param windowsTaints the taints of Windows nodes that Windows pods are made to tolerate (only
 *     those the target nodes carry)
 * @param denyAt {@link Severity#ERROR}: deny only what cannot run ({@link
 *     AdmissionPlanner#DENY_RULES}); {@link Severity#WARNING}: findings of warning or error
 *     severity deny too
 */
public record AdmissionSettings(boolean linuxSelector, List<Taint> windowsTaints, Severity denyAt) {

  public AdmissionSettings {
    windowsTaints = List.copyOf(windowsTaints);
    Objects.requireNonNull(denyAt, "denyAt");
    if (denyAt == Severity.INFO) {
      throw new IllegalArgumentException("denyAt is error or warning");
    }
  }
}
