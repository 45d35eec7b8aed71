package dev.winfleet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Damages AdmissionReviews the ways a fuzzer would: deletes fields, changes their types, truncates
 * the text, blows strings up, nests deeply, flips bytes. Deterministic for a given seed.
 */
final class ReviewMutator {

  static final List<String> FIXTURES =
      List.of(
          "pod-create-v1.json",
          "pod-create-v1beta1.json",
          "pod-update-v1.json",
          "pod-delete-v1.json",
          "deployment-create-v1.json",
          "cronjob-create-v1.json",
          "pod-create-dry-run-v1.json");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Random random;

  ReviewMutator(long seed) {
    this.random = new Random(seed);
  }

  /** One damaged body, from a random fixture. */
  byte[] next() {
    JsonNode tree = Reviews.tree(FIXTURES.get(random.nextInt(FIXTURES.size())));
    int kind = random.nextInt(7);
    switch (kind) {
      case 0 -> deleteRandomField(tree);
      case 1 -> replaceRandomValue(tree, randomValue());
      case 2 -> replaceRandomValue(tree, F.textNode("x".repeat(100_000 + random.nextInt(400_000))));
      case 3 -> replaceRandomValue(tree, deep(50 + random.nextInt(400)));
      case 4 -> {
        byte[] text = write(tree);
        return java.util.Arrays.copyOf(text, random.nextInt(text.length));
      }
      case 5 -> {
        byte[] text = write(tree);
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          text[random.nextInt(text.length)] = (byte) random.nextInt(256);
        }
        return text;
      }
      default -> {
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          if (random.nextBoolean()) {
            deleteRandomField(tree);
          } else {
            replaceRandomValue(tree, randomValue());
          }
        }
      }
    }
    return write(tree);
  }

  private static byte[] write(JsonNode tree) {
    return tree.toString().getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode randomValue() {
    return switch (random.nextInt(9)) {
      case 0 -> F.nullNode();
      case 1 -> F.booleanNode(random.nextBoolean());
      case 2 -> F.numberNode(random.nextLong());
      case 3 -> F.numberNode(random.nextDouble() * 1e300);
      case 4 -> F.textNode("");
      case 5 -> F.textNode("\ud800 lone surrogate \u0000 control \n");
      case 6 -> F.arrayNode().add(1).add("two");
      case 7 -> F.objectNode().put("unexpected", true);
      default -> F.textNode("CREATE");
    };
  }

  private JsonNode deep(int depth) {
    JsonNode node = F.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      if (random.nextBoolean()) {
        ArrayNode a = F.arrayNode();
        a.add(node);
        node = a;
      } else {
        ObjectNode o = F.objectNode();
        o.set("d", node);
        node = o;
      }
    }
    return node;
  }

  /** A random container in the tree with a random member of it. */
  private record Slot(JsonNode parent, String field, int index) {}

  private Slot randomSlot(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots, 0);
    return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
  }

  private static void collect(JsonNode node, List<Slot> slots, int depth) {
    if (depth > 30) {
      return;
    }
    if (node instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(f -> slots.add(new Slot(o, f, -1)));
      o.elements().forEachRemaining(child -> collect(child, slots, depth + 1));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        slots.add(new Slot(a, null, i));
        collect(a.get(i), slots, depth + 1);
      }
    }
  }

  private void deleteRandomField(JsonNode root) {
    Slot slot = randomSlot(root);
    if (slot == null) {
      return;
    }
    if (slot.parent() instanceof ObjectNode o) {
      o.remove(slot.field());
    } else if (slot.parent() instanceof ArrayNode a) {
      a.remove(slot.index());
    }
  }

  private void replaceRandomValue(JsonNode root, JsonNode value) {
    Slot slot = randomSlot(root);
    if (slot == null) {
      return;
    }
    if (slot.parent() instanceof ObjectNode o) {
      o.set(slot.field(), value);
    } else if (slot.parent() instanceof ArrayNode a) {
      a.set(slot.index(), value);
    }
  }

  /** The request uid of a body, if it still has a textual one. */
  static String uidOf(byte[] body) {
    try {
      JsonNode uid = Reviews.MAPPER.readTree(body).path("request").path("uid");
      return uid.isTextual() ? uid.asText() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
