package dev.winfleet.core.planning;

import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.core.placement.NodeSelectorRequirement.Operator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} (In, NotIn, Exists,
 * DoesNotExist), all of which must hold. An empty selector matches everything, as for a
 * PodDisruptionBudget in {@code policy/v1}.
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<NodeSelectorRequirement> expressions) {

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    expressions = List.copyOf(expressions);
  }

  /** Reads {@code {matchLabels: ..., matchExpressions: [...]}}. */
  public static LabelSelector fromTree(Object tree) {
    List<NodeSelectorRequirement> expressions = new ArrayList<>();
    for (Object e : Values.list(Values.get(tree, "matchExpressions"))) {
      NodeSelectorRequirement.fromTree(e).ifPresent(expressions::add);
    }
    return new LabelSelector(Values.stringMap(Values.get(tree, "matchLabels")), expressions);
  }

  /**
   * Parses kubectl's selector syntax: {@code a=b,c!=d,e,!f} (equality, inequality, exists, does not
   * exist) and {@code k in (a,b)}, {@code k notin (a,b)}.
   *
   * @throws PlanningException naming the part that cannot be read
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PlanningException("the selector is empty; write it as key=value[,key2=value2]");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    List<NodeSelectorRequirement> expressions = new ArrayList<>();
    for (String part : splitTop(text)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new PlanningException("selector '" + text + "' has an empty part between commas");
      }
      java.util.regex.Matcher set =
          java.util.regex.Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\(([^)]*)\\)").matcher(p);
      if (set.matches()) {
        List<String> values = new ArrayList<>();
        for (String v : set.group(3).split(",")) {
          if (!v.isBlank()) {
            values.add(v.trim());
          }
        }
        expressions.add(
            new NodeSelectorRequirement(
                set.group(1), set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values));
      } else if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        expressions.add(
            new NodeSelectorRequirement(key(kv[0], text), Operator.NOT_IN, List.of(kv[1].trim())));
      } else if (p.contains("=")) {
        String[] kv = p.split("==?", 2);
        labels.put(key(kv[0], text), kv[1].trim());
      } else if (p.startsWith("!")) {
        expressions.add(
            new NodeSelectorRequirement(
                key(p.substring(1), text), Operator.DOES_NOT_EXIST, List.of()));
      } else {
        expressions.add(new NodeSelectorRequirement(key(p, text), Operator.EXISTS, List.of()));
      }
    }
    return new LabelSelector(labels, expressions);
  }

  private static String key(String k, String text) {
    String key = k.trim();
    if (key.isEmpty() || key.contains(" ")) {
      throw new PlanningException(
          "selector '" + text + "': '" + k + "' is not a label key; write key=value[,key2=value2]");
    }
    return key;
  }

  private static List<String> splitTop(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    parts.add(sb.toString());
    return parts;
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : expressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    expressions.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }
}
