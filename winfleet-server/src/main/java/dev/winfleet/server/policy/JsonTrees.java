package dev.winfleet.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson trees as the generic value trees the core reads (maps, lists, strings, numbers, booleans,
 * null), without a round trip through text.
 */
final class JsonTrees {

  private JsonTrees() {}

  static Map<String, Object> toMap(JsonNode object) {
    Map<String, Object> m = new LinkedHashMap<>(Math.max(4, object.size() * 2));
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), toValue(e.getValue()));
    }
    return m;
  }

  static Object toValue(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> toMap(node);
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode e : node) {
          list.add(toValue(e));
        }
        yield list;
      }
      case STRING -> node.textValue();
      case NUMBER -> node.numberValue();
      case BOOLEAN -> node.booleanValue();
      default -> null;
    };
  }
}
