package dev.winfleet.server.api;

import dev.winfleet.core.fleet.WindowsNodeTaints;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the webhook's policy should behave, from {@code winfleet serve}'s flags: what the rules
 * engine and placement need to build an {@link AdmissionPolicy}.
 *
 * @param denyOnWarning {@code --deny-on warning}: findings of warning severity deny too
 * @param registryTimeout per-request budget for registry lookups; past it, fail open with a warning
 * @param linuxSelector add {@code kubernetes.io/os: linux} to unconstrained Linux pods in a fleet
 *     with Windows nodes ({@code --no-linux-selector} turns it off)
 * @param windowsTaints the taints Windows nodes carry that Windows pods should tolerate
 */
public record PolicySettings(
    boolean denyOnWarning,
    Duration registryTimeout,
    boolean linuxSelector,
    List<TaintSpec> windowsTaints) {

  public static final Duration DEFAULT_REGISTRY_TIMEOUT = Duration.ofSeconds(2);

  /** The Windows-node taints winfleet knows, from the core's {@link WindowsNodeTaints}. */
  public static final List<TaintSpec> DEFAULT_WINDOWS_TAINTS =
      WindowsNodeTaints.builtIn().taints().stream()
          .map(t -> new TaintSpec(t.key(), t.value(), t.effect().wireName()))
          .toList();

  public PolicySettings {
    Objects.requireNonNull(registryTimeout, "registryTimeout");
    if (registryTimeout.isNegative() || registryTimeout.isZero()) {
      throw new IllegalArgumentException("registryTimeout must be positive");
    }
    windowsTaints = List.copyOf(windowsTaints);
  }

  public static PolicySettings defaults() {
    return new PolicySettings(false, DEFAULT_REGISTRY_TIMEOUT, true, DEFAULT_WINDOWS_TAINTS);
  }
}
