package dev.winfleet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.GroupVersionKind;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.UserInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads AdmissionReviews ({@code admission.k8s.io/v1} and {@code v1beta1}) and writes the answers
 * in the same apiVersion. Never throws anything but {@link BadReviewException} on input.
 */
final class AdmissionReviewCodec {

  static final String V1 = "admission.k8s.io/v1";
  static final String V1BETA1 = "admission.k8s.io/v1beta1";

  /** Kubernetes objects are shallow; anything deeper than this is not one. */
  static final int MAX_NESTING_DEPTH = 200;

  /** Warnings longer than this are cut; the API server shortens them anyway. */
  static final int MAX_WARNING_LENGTH = 512;

  static final int MAX_WARNINGS = 32;

  /** Kubernetes uids are UUIDs; this leaves room for anything a test or proxy might send. */
  static final int MAX_UID_LENGTH = 256;

  private final ObjectMapper mapper;

  AdmissionReviewCodec() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  ParsedReview parse(byte[] body) throws BadReviewException {
    if (body.length == 0) {
      throw new BadReviewException(400, "empty body: expected an AdmissionReview as JSON");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadReviewException(400, "body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      throw new BadReviewException(400, "body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadReviewException(400, "body is not a JSON object: expected an AdmissionReview");
    }
    String kind = text(root, "kind");
    if (!"AdmissionReview".equals(kind)) {
      throw new BadReviewException(400, "kind is " + quote(kind) + ": expected AdmissionReview");
    }
    String apiVersion = text(root, "apiVersion");
    if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
      throw new BadReviewException(
          400, "apiVersion is " + quote(apiVersion) + ": expected " + V1 + " or " + V1BETA1);
    }
    JsonNode request = root.get("request");
    if (request == null || !request.isObject()) {
      throw new BadReviewException(400, "request is missing or not an object");
    }
    String uid = text(request, "uid");
    if (uid == null || uid.isBlank()) {
      throw new BadReviewException(400, "request.uid is missing or not a string");
    }
    if (uid.length() > MAX_UID_LENGTH || !clean(uid, MAX_UID_LENGTH).equals(uid)) {
      throw new BadReviewException(
          400, "request.uid is not a uid (too long, or control or broken surrogate characters)");
    }
    JsonNode kindNode = request.get("kind");
    if (kindNode == null || !kindNode.isObject() || text(kindNode, "kind") == null) {
      throw new BadReviewException(400, "request.kind.kind is missing or not a string");
    }
    GroupVersionKind gvk =
        GroupVersionKind.of(
            optionalText(kindNode, "group", "request.kind.group"),
            optionalText(kindNode, "version", "request.kind.version"),
            text(kindNode, "kind"));
    String operationText = text(request, "operation");
    AdmissionOperation operation =
        AdmissionOperation.fromWire(operationText)
            .orElseThrow(
                () ->
                    new BadReviewException(
                        400,
                        "request.operation is "
                            + quote(operationText)
                            + ": expected CREATE, UPDATE, DELETE or CONNECT"));
    JsonNode dryRunNode = request.get("dryRun");
    if (dryRunNode != null && !dryRunNode.isNull() && !dryRunNode.isBoolean()) {
      throw new BadReviewException(400, "request.dryRun is not a boolean");
    }
    boolean dryRun = dryRunNode != null && dryRunNode.asBoolean(false);
    JsonNode object = objectOrNull(request, "object");
    JsonNode oldObject = objectOrNull(request, "oldObject");
    if ((operation == AdmissionOperation.CREATE || operation == AdmissionOperation.UPDATE)
        && object == null) {
      throw new BadReviewException(
          400, "request.object is missing: a " + operation + " request carries the object");
    }
    AdmissionRequestView view =
        new AdmissionRequestView(
            uid,
            gvk,
            optionalText(request, "namespace", "request.namespace"),
            optionalText(request, "name", "request.name"),
            operation,
            dryRun,
            object,
            oldObject,
            userInfo(request.get("userInfo")));
    return new ParsedReview(apiVersion, view);
  }

  /**
   * An allowed answer, with the patch (base64 JSONPatch) when there is one. Written straight to a
   * generator, field by field in the order the tree writer uses (uid, allowed, warnings, patchType,
   * patch): the same bytes as {@link #write} of the tree, without building the review and the patch
   * as trees and serialising each through the mapper (the policy's largest cost after its decision
   * in the JFR profile, decision record 0021).
   */
  byte[] allowed(
      String apiVersion, String uid, List<JsonPatch.Operation> patch, List<String> warnings) {
    if (patch.isEmpty() && warnings.isEmpty()) {
      return plainAllowed(apiVersion, uid);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      // Before the answer's generator: one open at a time reuses the thread's pooled buffer, a
      // second one allocates its own (measured: a fifth of the answer's cost).
      byte[] patchJson = patch.isEmpty() ? null : patchJson(patch);
      writeAllowed(out, apiVersion, uid, patchJson, warnings);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an AdmissionReview", e);
    }
    return out.toByteArray();
  }

  private void writeAllowed(
      ByteArrayOutputStream out,
      String apiVersion,
      String uid,
      byte[] patchJson,
      List<String> warnings)
      throws IOException {
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("apiVersion", apiVersion);
      g.writeStringField("kind", "AdmissionReview");
      g.writeObjectFieldStart("response");
      g.writeStringField("uid", uid);
      g.writeBooleanField("allowed", true);
      if (!warnings.isEmpty()) {
        g.writeArrayFieldStart("warnings");
        for (String w : warnings.subList(0, Math.min(warnings.size(), MAX_WARNINGS))) {
          g.writeString(clean(w, MAX_WARNING_LENGTH));
        }
        g.writeEndArray();
      }
      if (patchJson != null) {
        g.writeStringField("patchType", "JSONPatch");
        g.writeFieldName("patch");
        // Base64 needs no JSON escapes; java.util's encoder is faster than writeBinary's loop.
        byte[] base64 = Base64.getEncoder().encode(patchJson);
        g.writeRawUTF8String(base64, 0, base64.length);
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** The patch as the JSON array the API server expects: {@link JsonPatch#toJson}'s bytes. */
  private byte[] patchJson(List<JsonPatch.Operation> patch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartArray();
      for (JsonPatch.Operation op : patch) {
        g.writeStartObject();
        g.writeStringField("op", op.op().wire());
        g.writeStringField("path", op.path());
        if (op.value() != null) {
          g.writeFieldName("value");
          writeNode(g, op.value());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  /** Writes a tree as the mapper does; the kinds patches hold are written directly. */
  private static void writeNode(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeFieldName(e.getKey());
          writeNode(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : node) {
          writeNode(g, item);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      default -> g.writeTree(node); // numbers, binary, POJOs: through the mapper
    }
  }

  /**
   * The most common answer (allowed, nothing to add) from pre-written parts and the escaped uid:
   * the same bytes {@link #write} gives for the tree, without building it.
   */
  static byte[] plainAllowed(String apiVersion, String uid) {
    byte[] head = PLAIN_HEADS.computeIfAbsent(apiVersion, AdmissionReviewCodec::plainHead);
    byte[] id = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsUTF8(uid);
    byte[] out = new byte[head.length + id.length + PLAIN_TAIL.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(id, 0, out, head.length, id.length);
    System.arraycopy(PLAIN_TAIL, 0, out, head.length + id.length, PLAIN_TAIL.length);
    return out;
  }

  private static final java.util.Map<String, byte[]> PLAIN_HEADS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final byte[] PLAIN_TAIL =
      "\",\"allowed\":true}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private static byte[] plainHead(String apiVersion) {
    return ("{\"apiVersion\":\""
            + new String(
                com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                    .quoteAsString(apiVersion))
            + "\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A denial with {@code status.code} 403 and the message. */
  byte[] denied(String apiVersion, String uid, String message, List<String> warnings) {
    ObjectNode review = review(apiVersion, uid, false, warnings);
    ObjectNode status = ((ObjectNode) review.get("response")).putObject("status");
    status.put("code", 403);
    status.put("reason", "Forbidden");
    status.put("message", clean(message, 4096));
    return write(review);
  }

  /** The body of a 4xx answer: {@code {"error": "..."}}. */
  byte[] error(String message) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("error", clean(message, 1024));
    return write(node);
  }

  byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static ObjectNode review(
      String apiVersion, String uid, boolean allowed, List<String> warnings) {
    ObjectNode review = JsonNodeFactory.instance.objectNode();
    review.put("apiVersion", apiVersion);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", allowed);
    if (!warnings.isEmpty()) {
      ArrayNode array = response.putArray("warnings");
      for (String w : warnings.subList(0, Math.min(warnings.size(), MAX_WARNINGS))) {
        array.add(clean(w, MAX_WARNING_LENGTH));
      }
    }
    return review;
  }

  /**
   * Text safe to put in a response: control characters become spaces, lone surrogates (which JSON
   * escapes can smuggle in) become '?', and it is cut to {@code max} characters.
   */
  static String clean(String text, int max) {
    String s = text == null ? "" : text;
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
    int i = 0;
    while (i < s.length() && sb.length() < max) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (sb.length() + 2 > max) {
          break;
        }
        sb.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        sb.append('?');
      } else {
        sb.append(Character.isISOControl(c) ? ' ' : c);
      }
      i++;
    }
    if (i < s.length()) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static String optionalText(JsonNode node, String field, String path)
      throws BadReviewException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new BadReviewException(400, path + " is not a string");
    }
    return v.textValue();
  }

  private static JsonNode objectOrNull(JsonNode request, String field) throws BadReviewException {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new BadReviewException(400, "request." + field + " is not an object");
    }
    return v;
  }

  private static UserInfo userInfo(JsonNode node) {
    if (node == null || !node.isObject()) {
      return UserInfo.unknown();
    }
    List<String> groups = new ArrayList<>();
    JsonNode g = node.get("groups");
    if (g != null && g.isArray()) {
      for (JsonNode item : g) {
        if (item.isTextual()) {
          groups.add(item.textValue());
        }
      }
    }
    return new UserInfo(text(node, "username"), text(node, "uid"), groups);
  }

  private static String quote(String s) {
    if (s == null) {
      return "missing";
    }
    return "'" + clean(s, 64) + "'";
  }
}
