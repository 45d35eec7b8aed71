package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * The pre-written "allowed, nothing to add" answer is the AdmissionReview the tree writer gives,
 * for any uid (quotes, backslashes, control characters, non-ASCII, surrogates).
 */
class PlainAllowedPropertiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final AdmissionReviewCodec codec = new AdmissionReviewCodec();

  @Property(tries = 500)
  void thePlainAnswerIsTheTreeAnswer(
      @ForAll @StringLength(max = 300) String uid, @ForAll boolean v1) throws Exception {
    String apiVersion = v1 ? AdmissionReviewCodec.V1 : AdmissionReviewCodec.V1BETA1;
    byte[] plain = codec.allowed(apiVersion, uid, List.of(), List.of());

    ObjectNode expected = JsonNodeFactory.instance.objectNode();
    expected.put("apiVersion", apiVersion);
    expected.put("kind", "AdmissionReview");
    ObjectNode response = expected.putObject("response");
    response.put("uid", uid);
    response.put("allowed", true);

    JsonNode got = MAPPER.readTree(plain);
    assertThat(got).isEqualTo(MAPPER.readTree(MAPPER.writeValueAsBytes(expected)));
    assertThat(plain).isEqualTo(codec.write(expected));
  }
}
