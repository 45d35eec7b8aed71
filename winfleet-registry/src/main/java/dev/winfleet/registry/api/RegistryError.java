package dev.winfleet.registry.api;

import java.util.Objects;

/**
 * A failure to read one reference: what kind of failure, which registry, and a one-line message
 * that names the problem and, where there is one, the fix.
 */
public record RegistryError(ErrorKind kind, String registry, String message) {

  public RegistryError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(message, "message");
  }
}
