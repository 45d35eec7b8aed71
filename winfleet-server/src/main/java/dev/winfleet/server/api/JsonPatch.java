package dev.winfleet.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 6902 JSON Patch, the {@code add}, {@code replace} and {@code remove} operations that
 * admission webhooks need, with RFC 6901 JSON pointers: {@code ~} is written {@code ~0} and {@code
 * /} is written {@code ~1}, so the label {@code node.kubernetes.io/windows-build} under {@code
 * nodeSelector} is {@code /spec/nodeSelector/node.kubernetes.io~1windows-build}.
 */
public final class JsonPatch {

  /** The operations winfleet emits. */
  public enum Op {
    ADD("add"),
    REPLACE("replace"),
    REMOVE("remove");

    private final String wire;

    Op(String wire) {
      this.wire = wire;
    }

    /** The name in the patch document. */
    public String wire() {
      return wire;
    }
  }

  /**
   * One operation.
   *
   * @param path a JSON pointer: empty for the whole document, else starting with {@code /}
   * @param value required for add and replace, null for remove
   */
  public record Operation(Op op, String path, JsonNode value) {
    public Operation {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(path, "path");
      if (!path.isEmpty() && path.charAt(0) != '/') {
        throw new IllegalArgumentException(
            "JSON pointer '" + path + "' must be empty or start with '/'");
      }
      if (op == Op.REMOVE && value != null) {
        throw new IllegalArgumentException("remove takes no value: " + path);
      }
      if (op != Op.REMOVE && value == null) {
        throw new IllegalArgumentException(op.wire() + " needs a value: " + path);
      }
      if (value != null) {
        value = value.deepCopy();
      }
    }

    /** This operation as a JSON Patch document entry. */
    public ObjectNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("op", op.wire());
      node.put("path", path);
      if (value != null) {
        node.set("value", value);
      }
      return node;
    }
  }

  private JsonPatch() {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * One reference token escaped for a JSON pointer: {@code ~} to {@code ~0}, {@code /} to {@code
   * ~1}.
   */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** The reverse of {@link #escape}: {@code ~1} to {@code /}, then {@code ~0} to {@code ~}. */
  public static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }

  /**
   * A pointer from unescaped tokens: {@code pointer("spec", "nodeSelector", "kubernetes.io/os")}.
   */
  public static String pointer(String... tokens) {
    StringBuilder sb = new StringBuilder();
    for (String token : tokens) {
      sb.append('/').append(escape(token));
    }
    return sb.toString();
  }

  /** {@code parent} extended by one unescaped token. */
  public static String child(String parent, String token) {
    return parent + "/" + escape(token);
  }

  /** The patch as the JSON array the API server expects. */
  public static ArrayNode toJson(List<Operation> operations) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(operations.size());
    for (Operation op : operations) {
      array.add(op.toJson());
    }
    return array;
  }

  /**
   * Applies the operations to a copy of {@code document}, as the API server would, and returns the
   * copy. For tests and for checking that a patch is idempotent.
   *
   * @throws IllegalArgumentException when an operation does not apply (a missing parent, a missing
   *     target of replace or remove, a bad array index)
   */
  public static JsonNode apply(JsonNode document, List<Operation> operations) {
    JsonNode root = document == null ? JsonNodeFactory.instance.nullNode() : document.deepCopy();
    for (Operation op : operations) {
      root = applyOne(root, op);
    }
    return root;
  }

  private static JsonNode applyOne(JsonNode root, Operation op) {
    if (op.path().isEmpty()) {
      if (op.op() == Op.REMOVE) {
        throw new IllegalArgumentException("cannot remove the whole document");
      }
      return op.value().deepCopy();
    }
    List<String> tokens = tokens(op.path());
    JsonNode parent = root;
    for (int i = 0; i < tokens.size() - 1; i++) {
      parent = step(parent, tokens.get(i), op.path());
    }
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      boolean exists = object.has(last);
      switch (op.op()) {
        case ADD -> object.set(last, op.value().deepCopy());
        case REPLACE -> {
          requireExists(exists, op);
          object.set(last, op.value().deepCopy());
        }
        case REMOVE -> {
          requireExists(exists, op);
          object.remove(last);
        }
      }
    } else if (parent instanceof ArrayNode array) {
      if (op.op() == Op.ADD && last.equals("-")) {
        array.add(op.value().deepCopy());
        return root;
      }
      int index = index(last, op.path());
      int limit = op.op() == Op.ADD ? array.size() : array.size() - 1;
      if (index > limit) {
        throw new IllegalArgumentException("array index out of range in " + op.path());
      }
      switch (op.op()) {
        case ADD -> array.insert(index, op.value().deepCopy());
        case REPLACE -> array.set(index, op.value().deepCopy());
        case REMOVE -> array.remove(index);
      }
    } else {
      throw new IllegalArgumentException("the parent of " + op.path() + " is not a container");
    }
    return root;
  }

  private static void requireExists(boolean exists, Operation op) {
    if (!exists) {
      throw new IllegalArgumentException(op.op().wire() + " of a missing member " + op.path());
    }
  }

  private static JsonNode step(JsonNode node, String token, String path) {
    JsonNode next = null;
    if (node instanceof ObjectNode object) {
      next = object.get(token);
    } else if (node instanceof ArrayNode array) {
      int index = index(token, path);
      next = index < array.size() ? array.get(index) : null;
    }
    if (next == null) {
      throw new IllegalArgumentException("no such parent for " + path + " at '" + token + "'");
    }
    return next;
  }

  private static int index(String token, String path) {
    if (token.isEmpty()
        || token.length() > 9
        || !token.chars().allMatch(Character::isDigit)
        || (token.length() > 1 && token.charAt(0) == '0')) {
      throw new IllegalArgumentException("'" + token + "' is not an array index in " + path);
    }
    return Integer.parseInt(token);
  }

  private static List<String> tokens(String pointer) {
    List<String> tokens = new ArrayList<>();
    int start = 1;
    while (true) {
      int slash = pointer.indexOf('/', start);
      if (slash < 0) {
        tokens.add(unescape(pointer.substring(start)));
        return tokens;
      }
      tokens.add(unescape(pointer.substring(start, slash)));
      start = slash + 1;
    }
  }

  /** Collects operations in order. */
  public static final class Builder {
    private final List<Operation> operations = new ArrayList<>();

    private Builder() {}

    public Builder add(String path, JsonNode value) {
      operations.add(new Operation(Op.ADD, path, value));
      return this;
    }

    public Builder add(String path, String value) {
      return add(path, JsonNodeFactory.instance.textNode(value));
    }

    public Builder replace(String path, JsonNode value) {
      operations.add(new Operation(Op.REPLACE, path, value));
      return this;
    }

    public Builder replace(String path, String value) {
      return replace(path, JsonNodeFactory.instance.textNode(value));
    }

    public Builder remove(String path) {
      operations.add(new Operation(Op.REMOVE, path, null));
      return this;
    }

    public boolean isEmpty() {
      return operations.isEmpty();
    }

    public List<Operation> build() {
      return List.copyOf(operations);
    }
  }
}
