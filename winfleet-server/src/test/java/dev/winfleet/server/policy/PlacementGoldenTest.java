package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.testing.GoldenFiles;
import dev.winfleet.server.AdmissionHandler;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.HttpReply;
import dev.winfleet.server.api.AppliedPatches;
import dev.winfleet.server.api.PolicySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real AdmissionReviews (Pods and every workload kind, admission v1 and v1beta1) through the
 * handler and the real policy against the fleet in {@code placement/fleet.yaml}: the answer's
 * patch, warnings and denial message must equal {@code <case>.expected.json} ({@link GoldenFiles}:
 * regenerate after a deliberate change with {@code -Dwinfleet.updateGoldens=true}, then read the
 * diff).
 */
class PlacementGoldenTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path DIR = Path.of("src/test/resources/dev/winfleet/server/placement");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".review.json"))
          .map(n -> n.substring(0, n.length() - ".review.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void answersAsExpected(String name) throws IOException {
    AdmissionHandler handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null));
    Endpoint endpoint = name.startsWith("mutate-") ? Endpoint.MUTATE : Endpoint.VALIDATE;
    byte[] body = Files.readAllBytes(DIR.resolve(name + ".review.json"));
    HttpReply reply = handler.handle(endpoint, "application/json", body);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode review = MAPPER.readTree(reply.body());
    JsonNode request = MAPPER.readTree(body).get("request");
    assertThat(review.get("apiVersion")).isEqualTo(MAPPER.readTree(body).get("apiVersion"));
    assertThat(review.at("/response/uid")).isEqualTo(request.get("uid"));
    ObjectNode actual = MAPPER.createObjectNode();
    JsonNode response = review.get("response");
    actual.set("allowed", response.get("allowed"));
    JsonNode patch = response.get("patch");
    actual.set(
        "patch",
        patch == null ? null : MAPPER.readTree(Base64.getDecoder().decode(patch.asText())));
    actual.set(
        "warnings", response.has("warnings") ? response.get("warnings") : MAPPER.createArrayNode());
    actual.put("message", response.at("/status/message").asText(""));
    String expected =
        GoldenFiles.expected(
            DIR.resolve(name + ".expected.json"), MAPPER.writeValueAsString(actual) + "\n");
    assertThat(actual).isEqualTo(MAPPER.readTree(expected));
  }

  static Stream<String> mutateCases() throws IOException {
    return cases().filter(n -> n.startsWith("mutate-"));
  }

  /**
   * Placement is idempotent: a case whose golden answer has a patch gives no patch once that patch
   * is applied; a case whose golden answer has none gives none the first time either.
   */
  @ParameterizedTest
  @MethodSource("mutateCases")
  void mutatingTheMutatedObjectGivesNoPatch(String name) throws IOException {
    AdmissionHandler handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null));
    ObjectNode review = (ObjectNode) MAPPER.readTree(DIR.resolve(name + ".review.json").toFile());
    boolean expectsPatch =
        !MAPPER.readTree(DIR.resolve(name + ".expected.json").toFile()).path("patch").isNull();
    JsonNode first =
        MAPPER.readTree(
            handler
                .handle(Endpoint.MUTATE, "application/json", MAPPER.writeValueAsBytes(review))
                .body());
    JsonNode patch = first.at("/response/patch");
    assertThat(first.at("/response/allowed").asBoolean()).as(first.toString()).isTrue();
    assertThat(!patch.isMissingNode()).as("patched: %s", first).isEqualTo(expectsPatch);
    if (!expectsPatch) {
      return;
    }
    ObjectNode request = (ObjectNode) review.get("request");
    JsonNode mutated =
        AppliedPatches.apply(request.get("object"), Base64.getDecoder().decode(patch.asText()));
    assertThat(mutated).isNotEqualTo(request.get("object"));
    request.set("object", mutated);
    JsonNode second =
        MAPPER.readTree(
            handler
                .handle(Endpoint.MUTATE, "application/json", MAPPER.writeValueAsBytes(review))
                .body());
    assertThat(second.at("/response/allowed").asBoolean()).as(second.toString()).isTrue();
    assertThat(second.at("/response/patch").isMissingNode()).as(second.toString()).isTrue();
  }
}
