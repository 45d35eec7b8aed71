package dev.winfleet.core.spi;

import java.time.Instant;
import java.util.List;

/** Reads image pull secrets for registry lookups: the live cluster's Secrets, or none. */
@FunctionalInterface
public interface PullSecretSource {

  /**
   * The Docker config JSON of each named secret of the namespace that exists, is readable and is a
   * pull secret ({@code .dockerconfigjson}, or the legacy {@code .dockercfg}), in order. Never
   * throws: secrets that cannot be read are left out.
   */
  List<PullSecret> read(String namespace, List<String> names, Instant deadline);

  /** The content of one pull secret. */
  record PullSecret(String name, boolean legacyDockercfg, String json) {}

  static PullSecretSource none() {
    return (namespace, names, deadline) -> List.of();
  }
}
