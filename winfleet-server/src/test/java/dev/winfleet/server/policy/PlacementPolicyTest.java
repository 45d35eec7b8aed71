package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry path, the switches of {@link PolicySettings}, and dry runs. */
class PlacementPolicyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PRIVATE = "registry.example.com/shop/checkout:3.1";

  /** A hand-written registry: answers from a table, records what it was asked. */
  static final class TableLookup implements ImageLookup {
    final Map<String, InspectedImage> answers;
    final List<String> asked = new ArrayList<>();
    final List<List<String>> secrets = new ArrayList<>();
    final List<Boolean> dryRuns = new ArrayList<>();
    Instant deadline;

    TableLookup(Map<String, InspectedImage> answers) {
      this.answers = answers;
    }

    @Override
    public List<InspectedImage> inspect(
        List<String> references,
        String namespace,
        List<String> pullSecrets,
        Instant deadline,
        boolean dryRun) {
      asked.addAll(references);
      secrets.add(pullSecrets);
      dryRuns.add(dryRun);
      this.deadline = deadline;
      return references.stream()
          .map(
              r ->
                  answers.getOrDefault(
                      r,
                      new InspectedImage(
                          r, null, null, List.of(), "deadline exceeded after 2000 ms")))
          .toList();
    }
  }

  private static InspectedImage windows(String ref, String version) {
    return new InspectedImage(
        ref,
        "sha256:" + "a".repeat(64),
        "application/vnd.oci.image.index.v1+json",
        List.of(
            new InspectedImage.InspectedPlatform(
                "windows", "amd64", version, "sha256:" + "b".repeat(64), 5, 1L << 30, 0)),
        null);
  }

  private static byte[] podReview(String image, boolean dryRun) throws IOException {
    return MAPPER.writeValueAsBytes(
        MAPPER.readTree(
            ("{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{"
                    + "'uid':'u-1','kind':{'group':'','version':'v1','kind':'Pod'},"
                    + "'namespace':'shop','operation':'CREATE','dryRun':"
                    + dryRun
                    + ",'object':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
                    + "'spec':{'imagePullSecrets':[{'name':'shop-pull'}],"
                    + "'containers':[{'name':'app','image':'"
                    + image
                    + "'}]}}}}")
                .replace('\'', '"')));
  }

  private static JsonNode answer(byte[] reply) throws IOException {
    return MAPPER.readTree(reply).get("response");
  }

  private static JsonNode patch(JsonNode response) throws IOException {
    return response.has("patch")
        ? MAPPER.readTree(Base64.getDecoder().decode(response.get("patch").asText()))
        : null;
  }

  @Test
  void aPrivateWindowsImageIsPlacedByWhatTheRegistrySays() throws IOException {
    TableLookup registry = new TableLookup(Map.of(PRIVATE, windows(PRIVATE, "10.0.17763.6414")));
    var handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), registry));
    JsonNode response =
        answer(
            handler.handle(Endpoint.MUTATE, "application/json", podReview(PRIVATE, false)).body());
    assertThat(patch(response).get(0))
        .isEqualTo(
            MAPPER.readTree(
                "{\"op\":\"add\",\"path\":\"/spec/nodeSelector\",\"value\":"
                    + "{\"kubernetes.io/os\":\"windows\","
                    + "\"node.kubernetes.io/windows-build\":\"10.0.17763\"}}"));
    assertThat(registry.asked).containsExactly(PRIVATE);
    assertThat(registry.secrets).containsExactly(List.of("shop-pull"));
    assertThat(registry.deadline)
        .isEqualTo(PlacementFixtures.CLOCK.instant().plus(Duration.ofSeconds(2)));
  }

  @Test
  void anImageNoOneCanReadIsAdmittedUnchangedWithAWarning() throws IOException {
    TableLookup registry = new TableLookup(Map.of());
    var handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), registry));
    JsonNode response =
        answer(
            handler.handle(Endpoint.MUTATE, "application/json", podReview(PRIVATE, false)).body());
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.get("warnings").get(0).asText())
        .isEqualTo(
            "winfleet cannot tell which OS image "
                + PRIVATE
                + " runs (its inspection failed: deadline exceeded after 2000 ms), so it left the"
                + " pod's placement as it is; set nodeSelector kubernetes.io/os yourself, or give"
                + " winfleet access to the image (imagePullSecrets)");
  }

  @Test
  void tagHintsThatNameTheBuildNeedNoRegistry() throws IOException {
    TableLookup registry = new TableLookup(Map.of());
    var handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), registry));
    handler.handle(
        Endpoint.MUTATE,
        "application/json",
        podReview("mcr.microsoft.com/windows/nanoserver:ltsc2022", false));
    assertThat(registry.asked).isEmpty();
  }

  @Test
  void dryRunsTellTheRegistryToRememberNothing() throws IOException {
    TableLookup registry = new TableLookup(Map.of(PRIVATE, windows(PRIVATE, "10.0.20348.1")));
    var handler =
        PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), registry));
    handler.handle(Endpoint.MUTATE, "application/json", podReview(PRIVATE, true));
    assertThat(registry.dryRuns).containsExactly(true);
  }

  @Test
  void theLinuxSelectorCanBeSwitchedOff() throws IOException {
    PolicySettings off =
        new PolicySettings(
            false,
            PolicySettings.DEFAULT_REGISTRY_TIMEOUT,
            false,
            PolicySettings.DEFAULT_WINDOWS_TAINTS);
    byte[] review = podReview("nginx:1.27-alpine", false);
    JsonNode on =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null))
                .handle(Endpoint.MUTATE, "application/json", review)
                .body());
    JsonNode without =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(off, null))
                .handle(Endpoint.MUTATE, "application/json", review)
                .body());
    assertThat(patch(on))
        .isEqualTo(
            MAPPER.readTree(
                "[{\"op\":\"add\",\"path\":\"/spec/nodeSelector\","
                    + "\"value\":{\"kubernetes.io/os\":\"linux\"}}]"));
    assertThat(without.has("patch")).isFalse();
  }

  @Test
  void onlyTheConfiguredTaintsAreTolerated() throws IOException {
    PolicySettings other =
        new PolicySettings(
            false,
            PolicySettings.DEFAULT_REGISTRY_TIMEOUT,
            true,
            List.of(dev.winfleet.server.api.TaintSpec.parse("os=Windows:NoSchedule")));
    JsonNode response =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(other, null))
                .handle(
                    Endpoint.MUTATE,
                    "application/json",
                    podReview("mcr.microsoft.com/windows/nanoserver:ltsc2019", false))
                .body());
    assertThat(patch(response).findValues("path").stream().map(JsonNode::asText))
        .containsExactly("/spec/nodeSelector", "/spec/os");
  }

  /**
   * The pod says Windows by its nodeSelector only, not spec.os.name: with spec.os.name: windows the
   * API server's own validation (validateWindows) rejects runAsUser before a validating webhook
   * sees the pod, and winfleet reports it as the error windows-os-forbidden-field.
   */
  @Test
  void denyOnWarningDeniesWhatWouldOnlyWarn() throws IOException {
    byte[] review =
        MAPPER.writeValueAsBytes(
            MAPPER.readTree(
                getClass()
                    .getResourceAsStream(
                        "/dev/winfleet/server/placement/validate-pod-warnings-only.review.json")));
    PolicySettings strict =
        new PolicySettings(
            true,
            PolicySettings.DEFAULT_REGISTRY_TIMEOUT,
            true,
            PolicySettings.DEFAULT_WINDOWS_TAINTS);
    JsonNode lenient =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null))
                .handle(Endpoint.VALIDATE, "application/json", review)
                .body());
    JsonNode denied =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(strict, null))
                .handle(Endpoint.VALIDATE, "application/json", review)
                .body());
    assertThat(lenient.get("allowed").asBoolean()).isTrue();
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(denied.at("/status/message").asText())
        .startsWith("Windows container 'app' sets no memory and CPU request or limit");
    assertThat(denied.at("/status/message").asText())
        .contains("securityContext.runAsUser sets a Linux user or group id");
  }

  /**
   * actions/runner-images#11582: the February 2025 image (10.0.26100.3194) on the fleet's only
   * Windows Server 2025 node, at 10.0.26100.2033: denied, with the update that fixes it.
   */
  @Test
  void validateDeniesAnImageUnderAKnownPatchIncidentAndNamesTheUpdate() throws IOException {
    JsonNode response =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null))
                .handle(
                    Endpoint.VALIDATE,
                    "application/json",
                    podReview("mcr.microsoft.com/windows/servercore:10.0.26100.3194", false))
                .body());
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .contains("Install KB5051987")
        .contains("ws2025-2025-02");
  }

  /**
   * An image one monthly update ahead of the Windows Server 2022 node: admitted, with a warning.
   */
  @Test
  void validateWarnsAboutAnImageAheadOfItsHostWithoutAnIncident() throws IOException {
    JsonNode response =
        answer(
            PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), null))
                .handle(
                    Endpoint.VALIDATE,
                    "application/json",
                    podReview("mcr.microsoft.com/windows/servercore:10.0.26100.2314", false))
                .body());
    assertThat(response.get("allowed").asBoolean()).as(response.toString()).isTrue();
    assertThat(response.get("warnings").toString())
        .contains("image-ahead-of-host")
        .contains("KB5046617");
  }
}
