package dev.winfleet.server.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RFC 6902 JSON Patch, the {@code add}, {@code replace} and {@code remove} operations that
 * admission webhooks need, with RFC 6901 JSON pointers written by Jackson's {@link JsonPointer}:
 * the label {@code node.kubernetes.io/windows-build} under {@code nodeSelector} is {@code
 * /spec/nodeSelector/node.kubernetes.io~1windows-build}. Only builds patches: the API server
 * applies them (tests apply them with a JSON Patch library).
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
   * A pointer from unescaped tokens: {@code pointer("spec", "nodeSelector", "kubernetes.io/os")} is
   * {@code /spec/nodeSelector/kubernetes.io~1os}.
   */
  public static String pointer(String... tokens) {
    JsonPointer p = JsonPointer.empty();
    for (String token : tokens) {
      p = p.appendProperty(token);
    }
    return p.toString();
  }

  /** {@code parent} extended by one unescaped token. */
  public static String child(String parent, String token) {
    return JsonPointer.compile(parent).appendProperty(token).toString();
  }

  /** The patch as the JSON array the API server expects. */
  public static ArrayNode toJson(List<Operation> operations) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode(operations.size());
    for (Operation op : operations) {
      array.add(op.toJson());
    }
    return array;
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
