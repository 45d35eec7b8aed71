package dev.winfleet.core.placement;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One term of a required node affinity: all of its requirements must hold. A term with no
 * requirements matches no node, as in the scheduler.
 *
 * @param matchFields requirements on node fields; Kubernetes supports {@code metadata.name} only
 */
public record NodeSelectorTerm(
    List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields) {

  public NodeSelectorTerm {
    matchExpressions = List.copyOf(matchExpressions);
    matchFields = List.copyOf(matchFields);
  }

  public static NodeSelectorTerm fromTree(Object tree) {
    return new NodeSelectorTerm(
        requirements(Values.get(tree, "matchExpressions")),
        requirements(Values.get(tree, "matchFields")));
  }

  private static List<NodeSelectorRequirement> requirements(Object list) {
    List<NodeSelectorRequirement> out = new ArrayList<>();
    for (Object e : Values.list(list)) {
      NodeSelectorRequirement.fromTree(e).ifPresent(out::add);
    }
    return out;
  }

  public boolean matches(FleetNode node) {
    return matches(node.labels(), node.name());
  }

  /** Whether a node with these labels and name satisfies the term. */
  public boolean matches(Map<String, String> labels, String nodeName) {
    if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement r : matchExpressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    Map<String, String> fields = Map.of("metadata.name", nodeName);
    for (NodeSelectorRequirement r : matchFields) {
      if (!r.matches(fields)) {
        return false;
      }
    }
    return true;
  }
}
