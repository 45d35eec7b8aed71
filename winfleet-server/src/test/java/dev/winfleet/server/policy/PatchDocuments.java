package dev.winfleet.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.server.api.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Patch document back into operations, to apply it as the API server would. */
final class PatchDocuments {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PatchDocuments() {}

  static List<JsonPatch.Operation> read(byte[] json) {
    try {
      List<JsonPatch.Operation> ops = new ArrayList<>();
      for (JsonNode op : MAPPER.readTree(json)) {
        JsonPatch.Op kind =
            switch (op.get("op").asText()) {
              case "add" -> JsonPatch.Op.ADD;
              case "replace" -> JsonPatch.Op.REPLACE;
              case "remove" -> JsonPatch.Op.REMOVE;
              default -> throw new IllegalArgumentException("unexpected op " + op);
            };
        ops.add(new JsonPatch.Operation(kind, op.get("path").asText(), op.get("value")));
      }
      return ops;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
