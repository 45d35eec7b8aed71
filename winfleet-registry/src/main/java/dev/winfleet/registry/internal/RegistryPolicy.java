package dev.winfleet.registry.internal;

import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.RegistryException;
import java.util.List;
import java.util.Locale;

/**
 * The allow and deny lists of registries. A pattern is a host ({@code mcr.microsoft.com}), a host
 * with port ({@code localhost:5000}) or a wildcard suffix ({@code *.azurecr.io}); a pattern without
 * a port matches every port. Deny wins over allow; an empty allow list allows all.
 */
public record RegistryPolicy(List<String> allowed, List<String> denied) {

  public RegistryPolicy {
    allowed = allowed.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    denied = denied.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * @throws RegistryException {@link ErrorKind#BLOCKED} when the registry may not be used
   */
  public void check(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    for (String p : denied) {
      if (matches(p, r)) {
        throw new RegistryException(
            ErrorKind.BLOCKED,
            registry,
            "registry " + registry + " is on the deny list (" + p + ")");
      }
    }
    if (!allowed.isEmpty() && allowed.stream().noneMatch(p -> matches(p, r))) {
      throw new RegistryException(
          ErrorKind.BLOCKED,
          registry,
          "registry "
              + registry
              + " is not on the allow list ("
              + String.join(", ", allowed)
              + ")");
    }
  }

  static boolean matches(String pattern, String registry) {
    String host = registry;
    if (!pattern.contains(":")) {
      host = stripPort(registry);
    }
    if (pattern.startsWith("*.")) {
      return host.endsWith(pattern.substring(1));
    }
    return host.equals(pattern);
  }

  private static String stripPort(String registry) {
    if (registry.startsWith("[")) {
      int close = registry.indexOf(']');
      return close > 0 ? registry.substring(0, close + 1) : registry;
    }
    int colon = registry.lastIndexOf(':');
    return colon > 0 ? registry.substring(0, colon) : registry;
  }
}
