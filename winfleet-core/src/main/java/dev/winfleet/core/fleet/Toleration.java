package dev.winfleet.core.fleet;

import dev.winfleet.core.manifest.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pod toleration, with the scheduler's matching rules.
 *
 * @param key empty with {@link Operator#EXISTS} to tolerate every taint
 * @param value ignored for {@link Operator#EXISTS}
 * @param effect null to tolerate every effect
 */
public record Toleration(String key, Operator operator, String value, TaintEffect effect) {

  /** How the value is compared. */
  public enum Operator {
    EQUAL("Equal"),
    EXISTS("Exists");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public Toleration {
    key = key == null ? "" : key;
    Objects.requireNonNull(operator, "operator");
    value = value == null ? "" : value;
  }

  /** The toleration that matches exactly this taint ({@code Equal}, same key, value, effect). */
  public static Toleration forTaint(Taint taint) {
    return new Toleration(taint.key(), Operator.EQUAL, taint.value(), taint.effect());
  }

  /**
   * Reads a toleration from a pod's or RuntimeClass's {@code tolerations} entry; empty for an
   * unknown operator or effect (the API server rejects those, so it tolerates nothing).
   */
  public static java.util.Optional<Toleration> fromTree(Object tree) {
    Map<String, Object> m = Values.map(tree);
    String op = Values.string(m.get("operator"));
    String effectText = Values.string(m.get("effect"));
    TaintEffect effect =
        effectText == null || effectText.isEmpty()
            ? null
            : TaintEffect.parse(effectText).orElse(null);
    boolean invalid =
        (op != null && !op.isEmpty() && !op.equals("Equal") && !op.equals("Exists"))
            || (effectText != null && !effectText.isEmpty() && effect == null);
    if (invalid) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Toleration(
            Values.string(m.get("key")),
            "Exists".equals(op) ? Operator.EXISTS : Operator.EQUAL,
            Values.string(m.get("value")),
            effect));
  }

  /** Every valid toleration of a {@code tolerations} list. */
  public static java.util.List<Toleration> listFromTree(Object list) {
    java.util.List<Toleration> out = new java.util.ArrayList<>();
    for (Object t : Values.list(list)) {
      java.util.Optional<Toleration> toleration = fromTree(t);
      if (toleration.isPresent()) {
        out.add(toleration.get());
      }
    }
    return out;
  }

  /**
   * Whether this toleration tolerates the taint, as the scheduler decides: the effect matches (or
   * is empty), the key matches (or is empty with Exists), and for Equal the values are equal.
   */
  public boolean tolerates(Taint taint) {
    if (effect != null && effect != taint.effect()) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    if (operator == Operator.EXISTS) {
      return true;
    }
    // Equal with an empty key is invalid in the API; it tolerates nothing.
    return !key.isEmpty() && value.equals(taint.value());
  }

  /** The toleration as a pod spec carries it, for mutations and fix texts. */
  public Map<String, Object> toTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!key.isEmpty()) {
      m.put("key", key);
    }
    m.put("operator", operator.wireName());
    if (operator == Operator.EQUAL) {
      m.put("value", value);
    }
    if (effect != null) {
      m.put("effect", effect.wireName());
    }
    return m;
  }

  /**
   * A one-line YAML flow form: {@code {key: os, operator: Equal, value: windows, effect:
   * NoSchedule}}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    toTree()
        .forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(v));
    return sb.append('}').toString();
  }
}
