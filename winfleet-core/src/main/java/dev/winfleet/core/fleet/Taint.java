package dev.winfleet.core.fleet;

import dev.winfleet.core.manifest.Values;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node taint {@code key=value:effect}.
 *
 * @param value empty when the taint has none
 */
public record Taint(String key, String value, TaintEffect effect) {

  public Taint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(effect, "effect");
    value = value == null ? "" : value;
  }

  /** Reads a taint from a node's {@code spec.taints} entry; empty when it has no valid effect. */
  public static Optional<Taint> fromTree(Object tree) {
    Map<String, Object> m = Values.map(tree);
    String key = Values.string(m.get("key"));
    Optional<TaintEffect> effect = TaintEffect.parse(Values.string(m.get("effect")));
    if (key == null || effect.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Taint(key, Values.string(m.get("value")), effect.get()));
  }

  /** As kubectl prints it: {@code os=windows:NoSchedule}. */
  @Override
  public String toString() {
    return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect.wireName();
  }
}
