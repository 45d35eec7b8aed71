package dev.winfleet.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.admission.PodMutation;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.server.api.JsonPatch;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PodMutation} as JSON Patch operations against the object as the API server holds
 * it: each addition goes where the pod spec already has a place for it (a new key in an existing
 * nodeSelector, an appended toleration, one more expression in each affinity term), or creates the
 * field when it is missing. Nothing is replaced or removed.
 */
final class PatchWriter {

  static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private PatchWriter() {}

  static List<JsonPatch.Operation> write(PodMutation m, JsonNode object) {
    if (!m.changes()) {
      return List.of();
    }
    String at = m.specPath().toPointer();
    JsonNode spec = object.at(at);
    JsonPatch.Builder patch = JsonPatch.builder();
    if (!m.nodeSelector().isEmpty()) {
      JsonNode selector = spec.get("nodeSelector");
      String path = at + "/nodeSelector";
      if (selector != null && selector.isObject()) {
        m.nodeSelector().forEach((k, v) -> patch.add(JsonPatch.child(path, k), v));
      } else {
        ObjectNode value = F.objectNode();
        m.nodeSelector().forEach(value::put);
        patch.add(path, value);
      }
    }
    if (m.buildRequirement() != null) {
      affinity(patch, at, spec, requirement(m.buildRequirement()));
    }
    if (m.osName() != null) {
      JsonNode os = spec.get("os");
      if (os != null && os.isObject()) {
        patch.add(at + "/os/name", m.osName());
      } else {
        patch.add(at + "/os", F.objectNode().put("name", m.osName()));
      }
    }
    if (!m.tolerations().isEmpty()) {
      JsonNode tolerations = spec.get("tolerations");
      if (tolerations != null && tolerations.isArray()) {
        for (Toleration t : m.tolerations()) {
          patch.add(at + "/tolerations/-", toleration(t));
        }
      } else {
        ArrayNode list = F.arrayNode();
        m.tolerations().forEach(t -> list.add(toleration(t)));
        patch.add(at + "/tolerations", list);
      }
    }
    return patch.build();
  }

  private static void affinity(
      JsonPatch.Builder patch, String at, JsonNode spec, ObjectNode requirement) {
    ObjectNode terms =
        F.objectNode().set("nodeSelectorTerms", F.arrayNode().add(term(requirement)));
    JsonNode affinity = spec.get("affinity");
    if (affinity == null || !affinity.isObject()) {
      patch.add(
          at + "/affinity",
          F.objectNode().set("nodeAffinity", F.objectNode().set(REQUIRED, terms)));
      return;
    }
    JsonNode nodeAffinity = affinity.get("nodeAffinity");
    if (nodeAffinity == null || !nodeAffinity.isObject()) {
      patch.add(at + "/affinity/nodeAffinity", F.objectNode().set(REQUIRED, terms));
      return;
    }
    String requiredPath = at + "/affinity/nodeAffinity/" + REQUIRED;
    JsonNode required = nodeAffinity.get(REQUIRED);
    JsonNode existing = required == null ? null : required.get("nodeSelectorTerms");
    if (required == null || !required.isObject()) {
      patch.add(requiredPath, terms);
    } else if (existing == null || !existing.isArray() || existing.isEmpty()) {
      patch.add(requiredPath + "/nodeSelectorTerms", terms.get("nodeSelectorTerms"));
    } else {
      // Terms are ORed and expressions ANDed: the build joins every term.
      for (int i = 0; i < existing.size(); i++) {
        String termPath = requiredPath + "/nodeSelectorTerms/" + i + "/matchExpressions";
        JsonNode expressions = existing.get(i).get("matchExpressions");
        if (expressions != null && expressions.isArray()) {
          patch.add(termPath + "/-", requirement);
        } else {
          patch.add(termPath, F.arrayNode().add(requirement));
        }
      }
    }
  }

  private static ObjectNode term(ObjectNode requirement) {
    return F.objectNode().set("matchExpressions", F.arrayNode().add(requirement));
  }

  private static ObjectNode requirement(NodeSelectorRequirement r) {
    ObjectNode node = F.objectNode().put("key", r.key()).put("operator", r.operator().wireName());
    ArrayNode values = node.putArray("values");
    r.values().forEach(values::add);
    return node;
  }

  private static ObjectNode toleration(Toleration t) {
    ObjectNode node = F.objectNode();
    for (Map.Entry<String, Object> e : t.toTree().entrySet()) {
      node.put(e.getKey(), String.valueOf(e.getValue()));
    }
    return node;
  }
}
