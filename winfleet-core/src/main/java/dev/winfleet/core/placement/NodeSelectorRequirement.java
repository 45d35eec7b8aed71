package dev.winfleet.core.placement;

import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code matchExpressions} (or {@code matchFields}) entry of a node selector term.
 *
 * @param values compared as text; {@code Gt}/{@code Lt} read the first one as an integer
 */
public record NodeSelectorRequirement(String key, Operator operator, List<String> values) {

  /** The operators of node affinity, with the scheduler's semantics. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist"),
    GT("Gt"),
    LT("Lt");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Optional<Operator> parse(String text) {
      for (Operator o : values()) {
        if (o.wireName.equals(text)) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }

  public NodeSelectorRequirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
  }

  /** Reads an entry; empty when the operator is unknown (the API server rejects those). */
  public static Optional<NodeSelectorRequirement> fromTree(Object tree) {
    Map<String, Object> m = Values.map(tree);
    String key = Values.string(m.get("key"));
    Optional<Operator> op = Operator.parse(Values.string(m.get("operator")));
    if (key == null || op.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (Object v : Values.list(m.get("values"))) {
      String s = Values.string(v);
      if (s != null) {
        values.add(s);
      }
    }
    return Optional.of(new NodeSelectorRequirement(key, op.get(), values));
  }

  /** Whether a label set satisfies this requirement. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.get(key);
    return switch (operator) {
      case IN -> actual != null && values.contains(actual);
      case NOT_IN -> actual == null || !values.contains(actual);
      case EXISTS -> actual != null;
      case DOES_NOT_EXIST -> actual == null;
      case GT, LT -> compare(actual);
    };
  }

  private boolean compare(String actual) {
    if (actual == null || values.size() != 1) {
      return false;
    }
    try {
      long label = Long.parseLong(actual.trim());
      long bound = Long.parseLong(values.get(0).trim());
      return operator == Operator.GT ? label > bound : label < bound;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** As a pod spec writes it: {@code {key, operator, values}} (values only when there are some). */
  public Map<String, Object> toTree() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("key", key);
    m.put("operator", operator.wireName());
    if (!values.isEmpty()) {
      m.put("values", values);
    }
    return m;
  }

  @Override
  public String toString() {
    return key + " " + operator.wireName() + (values.isEmpty() ? "" : " " + values);
  }
}
