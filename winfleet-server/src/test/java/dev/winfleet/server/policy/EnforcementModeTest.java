package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.EnforcementMode;
import dev.winfleet.server.api.PolicySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The real placement policy behind each {@link EnforcementMode}: a pod no node can run is denied in
 * enforce mode and admitted with the denial as a warning in warn and audit modes; placement patches
 * only in enforce mode.
 */
class EnforcementModeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode answer(EnforcementMode mode, Endpoint endpoint, String review)
      throws IOException {
    AdmissionPolicy policy = mode.apply(PlacementFixtures.policy(PolicySettings.defaults(), null));
    byte[] body = PlacementFixtures.resource(review).getBytes(StandardCharsets.UTF_8);
    return MAPPER
        .readTree(
            PlacementFixtures.handler(policy).handle(endpoint, "application/json", body).body())
        .get("response");
  }

  @Test
  void enforceDeniesAPodNoNodeCanRun() throws IOException {
    JsonNode r =
        answer(
            EnforcementMode.ENFORCE, Endpoint.VALIDATE, "validate-pod-no-node-runs-it.review.json");
    assertThat(r.get("allowed").asBoolean()).isFalse();
  }

  @Test
  void warnAdmitsItAndSaysWhatEnforceWouldHaveDenied() throws IOException {
    JsonNode enforce =
        answer(
            EnforcementMode.ENFORCE, Endpoint.VALIDATE, "validate-pod-no-node-runs-it.review.json");
    for (EnforcementMode mode :
        new EnforcementMode[] {EnforcementMode.WARN, EnforcementMode.AUDIT}) {
      JsonNode r = answer(mode, Endpoint.VALIDATE, "validate-pod-no-node-runs-it.review.json");
      assertThat(r.get("allowed").asBoolean()).isTrue();
      assertThat(r.get("warnings").get(0).asText())
          .isEqualTo(EnforcementMode.WOULD_DENY + enforce.at("/status/message").asText());
    }
  }

  @Test
  void warnNeverPatchesButNamesThePatchItWouldApply() throws IOException {
    JsonNode enforce =
        answer(
            EnforcementMode.ENFORCE, Endpoint.MUTATE, "mutate-pod-windows-one-build.review.json");
    assertThat(enforce.has("patch")).isTrue();
    JsonNode warn =
        answer(EnforcementMode.WARN, Endpoint.MUTATE, "mutate-pod-windows-one-build.review.json");
    assertThat(warn.get("allowed").asBoolean()).isTrue();
    assertThat(warn.has("patch")).isFalse();
    assertThat(warn.get("warnings").toString())
        .contains("winfleet would change this in enforce mode")
        .contains("/spec/nodeSelector")
        .contains("left unchanged in warn mode");
  }

  @Test
  void enforceIsThePolicyItself() {
    AdmissionPolicy policy = AdmissionPolicy.allowAll();
    assertThat(EnforcementMode.ENFORCE.apply(policy)).isSameAs(policy);
  }
}
