package dev.winfleet.server.api;

import java.util.Objects;
import java.util.Set;

/**
 * A node taint as {@code key[=value]:Effect}, e.g. {@code os=windows:NoSchedule}.
 *
 * @param value empty when the taint has none
 */
public record TaintSpec(String key, String value, String effect) {

  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  public TaintSpec {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
    Objects.requireNonNull(effect, "effect");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a taint needs a key");
    }
    if (!EFFECTS.contains(effect)) {
      throw new IllegalArgumentException(
          "taint effect '" + effect + "' is not NoSchedule, PreferNoSchedule or NoExecute");
    }
  }

  /** Parses {@code key[=value]:Effect}. */
  public static TaintSpec parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "taint '" + text + "' is not key[=value]:Effect, e.g. os=windows:NoSchedule");
    }
    String kv = text.substring(0, colon);
    int eq = kv.indexOf('=');
    return eq < 0
        ? new TaintSpec(kv, "", text.substring(colon + 1))
        : new TaintSpec(kv.substring(0, eq), kv.substring(eq + 1), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
  }
}
