package dev.winfleet.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Applies the webhook's JSON Patches as the API server would, with zjsonpatch (RFC 6902): the patch
 * is written by {@link JsonPatch#toJson} or read from an AdmissionReview, never interpreted by
 * winfleet's own code.
 */
public final class AppliedPatches {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AppliedPatches() {}

  /** The document after the operations; the input is left untouched. */
  public static JsonNode apply(JsonNode document, List<JsonPatch.Operation> operations) {
    return com.flipkart.zjsonpatch.JsonPatch.apply(JsonPatch.toJson(operations), document);
  }

  /** The document after a JSON Patch document (the decoded {@code response.patch}). */
  public static JsonNode apply(JsonNode document, byte[] patch) {
    try {
      return com.flipkart.zjsonpatch.JsonPatch.apply(MAPPER.readTree(patch), document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
