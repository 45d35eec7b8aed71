package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.JsonPatch.Operation;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The allowed answer with a patch or warnings, written field by field to a generator, is byte for
 * byte the AdmissionReview the tree writer gives (the review and the patch built as trees and
 * serialised through the mapper, the patch base64-encoded by {@link java.util.Base64}), for any
 * uid, warnings (control characters, surrogates, long, more than the cap) and patch values
 * (objects, arrays, strings, booleans, null and numbers).
 */
class PatchedAnswerPropertiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final AdmissionReviewCodec codec = new AdmissionReviewCodec();

  @Provide
  Arbitrary<JsonNode> values() {
    return Arbitraries.recursive(
        () ->
            Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(F::textNode),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode()),
                Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) F.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) F.numberNode(d))),
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (JsonNode) F.arrayNode().addAll(l)),
                Combinators.combine(
                        Arbitraries.strings().ofMaxLength(12).list().ofMaxSize(4),
                        inner.list().ofSize(4))
                    .as(
                        (keys, vals) -> {
                          ObjectNode o = F.objectNode();
                          for (int i = 0; i < keys.size(); i++) {
                            o.set(keys.get(i), vals.get(i));
                          }
                          return (JsonNode) o;
                        })),
        3);
  }

  @Provide
  Arbitrary<JsonPatch.Operation> operations() {
    Arbitrary<String> path = Arbitraries.strings().ofMaxLength(30).map(p -> "/" + p);
    return Combinators.combine(path, values(), Arbitraries.of(JsonPatch.Op.values()))
        .as((p, v, op) -> new JsonPatch.Operation(op, p, op == JsonPatch.Op.REMOVE ? null : v));
  }

  @Property(tries = 300)
  void theStreamedAnswerIsTheTreeAnswer(
      @ForAll @StringLength(max = 100) String uid,
      @ForAll boolean v1,
      @ForAll @Size(max = 6) List<@From("operations") Operation> patch,
      @ForAll @Size(max = 40) List<@StringLength(max = 600) String> warnings)
      throws Exception {
    String apiVersion = v1 ? AdmissionReviewCodec.V1 : AdmissionReviewCodec.V1BETA1;

    byte[] streamed = codec.allowed(apiVersion, uid, patch, warnings);

    assertThat(streamed).isEqualTo(treeAnswer(apiVersion, uid, patch, warnings));
  }

  /** The answer as the codec wrote it before: trees, the mapper, java.util's base64. */
  private byte[] treeAnswer(
      String apiVersion, String uid, List<JsonPatch.Operation> patch, List<String> warnings)
      throws Exception {
    ObjectNode review = F.objectNode();
    review.put("apiVersion", apiVersion);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", true);
    if (!warnings.isEmpty()) {
      ArrayNode array = response.putArray("warnings");
      for (String w :
          warnings.subList(0, Math.min(warnings.size(), AdmissionReviewCodec.MAX_WARNINGS))) {
        array.add(AdmissionReviewCodec.clean(w, AdmissionReviewCodec.MAX_WARNING_LENGTH));
      }
    }
    if (!patch.isEmpty()) {
      response.put("patchType", "JSONPatch");
      response.put(
          "patch",
          Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(JsonPatch.toJson(patch))));
    }
    return codec.write(review);
  }
}
