package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionHandlerTest {

  private static final String JSON = "application/json";

  private final ScriptedPolicy policy = new ScriptedPolicy();
  private final WebhookMetrics metrics = new WebhookMetrics();
  private final RecentVerdicts recent = new RecentVerdicts(10);

  private AdmissionHandler handler(ValidateFailureMode mode) {
    return new AdmissionHandler(
        policy,
        metrics,
        recent,
        mode,
        Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  private final AdmissionHandler handler = handler(ValidateFailureMode.DENY);

  private JsonNode answer(HttpReply reply) {
    assertThat(reply.status()).isEqualTo(200);
    return Reviews.json(reply.body());
  }

  @Test
  void mutatesAPodCreateAndEchoesTheUidInV1() {
    policy.onMutate =
        r ->
            MutationDecision.patch(
                JsonPatch.builder()
                    .add(
                        JsonPatch.pointer("spec", "nodeSelector"),
                        Reviews.json("{\"kubernetes.io/os\":\"windows\"}"))
                    .build());
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1.json")));
    assertThat(review.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.get("kind").asText()).isEqualTo("AdmissionReview");
    JsonNode response = review.get("response");
    assertThat(response.get("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("patchType").asText()).isEqualTo("JSONPatch");
    assertThat(Reviews.patch(review))
        .isEqualTo(
            Reviews.json(
                "[{\"op\":\"add\",\"path\":\"/spec/nodeSelector\","
                    + "\"value\":{\"kubernetes.io/os\":\"windows\"}}]"));
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.PATCHED)).isEqualTo(1);
  }

  @Test
  void theViewCarriesTheRequestFields() {
    handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1.json"));
    var view = policy.mutateCalls.get(0);
    assertThat(view.kind().kind()).isEqualTo("Pod");
    assertThat(view.kind().group()).isEmpty();
    assertThat(view.namespace()).isEqualTo("shop");
    assertThat(view.name()).isEqualTo("iis-demo");
    assertThat(view.operation()).isEqualTo(AdmissionOperation.CREATE);
    assertThat(view.dryRun()).isFalse();
    assertThat(view.oldObject()).isNull();
    assertThat(view.userInfo().username()).isEqualTo("system:serviceaccount:ci:deployer");
    assertThat(view.userInfo().groups()).contains("system:authenticated");
    assertThat(view.podSpec().orElseThrow().at("/containers/0/name").asText()).isEqualTo("iis");
  }

  @Test
  void answersV1beta1InV1beta1() {
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1beta1.json")));
    assertThat(review.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
    assertThat(review.at("/response/uid").asText())
        .isEqualTo("9a7e3b42-1b1f-4c52-8a9e-0c3f2f6d1b01");
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/patch").isMissingNode()).isTrue();
  }

  @Test
  void findsThePodTemplateOfWorkloads() {
    handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("deployment-create-v1.json"));
    handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("cronjob-create-v1.json"));
    assertThat(policy.mutateCalls).hasSize(2);
    assertThat(policy.mutateCalls.get(0).podSpecPointer()).contains("/spec/template/spec");
    assertThat(policy.mutateCalls.get(1).podSpecPointer())
        .contains("/spec/jobTemplate/spec/template/spec");
    assertThat(policy.mutateCalls.get(1).podSpec().orElseThrow().get("restartPolicy").asText())
        .isEqualTo("OnFailure");
  }

  @Test
  void neverMutatesAnUpdate() {
    policy.onMutate =
        r -> {
          throw new AssertionError("UPDATE must not reach the policy");
        };
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-update-v1.json")));
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/patch").isMissingNode()).isTrue();
    assertThat(review.at("/response/uid").asText())
        .isEqualTo("5b1f0d2e-7a43-4f0e-9d6e-3e8c1b2a9f10");
    assertThat(policy.mutateCalls).isEmpty();
  }

  @Test
  void validatesUpdatesButNotDeletes() {
    handler.handle(Endpoint.VALIDATE, JSON, Reviews.bytes("pod-update-v1.json"));
    JsonNode deleted =
        answer(handler.handle(Endpoint.VALIDATE, JSON, Reviews.bytes("pod-delete-v1.json")));
    assertThat(policy.validateCalls).hasSize(1);
    assertThat(policy.validateCalls.get(0).oldObject()).isNotNull();
    assertThat(deleted.at("/response/allowed").asBoolean()).isTrue();
  }

  @Test
  void kindsWithoutPodSpecAreAllowedWithoutAskingThePolicy() {
    JsonNode review =
        answer(handler.handle(Endpoint.VALIDATE, JSON, Reviews.bytes("configmap-create-v1.json")));
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(policy.validateCalls).isEmpty();
  }

  @Test
  void denialCarriesStatusCodeMessageAndWarnings() {
    policy.onValidate =
        r ->
            ValidationDecision.deny(
                    "image build 10.0.17763 runs on no node: the fleet has 10.0.20348")
                .withWarnings(List.of("runAsUser is ignored on Windows"))
                .withFindingRules(List.of("no-compatible-node", "linux-only-field"));
    JsonNode review =
        answer(handler.handle(Endpoint.VALIDATE, JSON, Reviews.bytes("pod-create-v1.json")));
    JsonNode response = review.get("response");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asText())
        .contains("10.0.17763")
        .contains("10.0.20348");
    assertThat(response.at("/warnings/0").asText()).isEqualTo("runAsUser is ignored on Windows");
    assertThat(metrics.requests(Endpoint.VALIDATE, Verdict.DENIED)).isEqualTo(1);
    assertThat(metrics.findings("no-compatible-node")).isEqualTo(1);
    assertThat(recent.snapshot())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.verdict()).isEqualTo(Verdict.DENIED);
              assertThat(e.name()).isEqualTo("iis-demo");
            });
  }

  @Test
  void aThrowingPolicyFailsOpenForMutateWithAWarning() {
    policy.onMutate =
        r -> {
          throw new IllegalStateException("registry exploded");
        };
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1.json")));
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/uid").asText())
        .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(review.at("/response/warnings/0").asText())
        .contains("could not place Pod iis-demo in namespace shop")
        .contains("registry exploded")
        .contains("admitted unchanged")
        .doesNotContain("at dev.winfleet");
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.FAILED_OPEN)).isEqualTo(1);
  }

  @Test
  void aThrowingPolicyDeniesValidationWhenConfiguredToDeny() {
    policy.onValidate =
        r -> {
          throw new IllegalStateException("boom");
        };
    JsonNode review =
        answer(handler.handle(Endpoint.VALIDATE, JSON, Reviews.bytes("pod-create-v1.json")));
    assertThat(review.at("/response/allowed").asBoolean()).isFalse();
    assertThat(review.at("/response/status/message").asText())
        .contains("could not check")
        .contains("boom");
    assertThat(metrics.requests(Endpoint.VALIDATE, Verdict.FAILED_CLOSED)).isEqualTo(1);
  }

  @Test
  void aThrowingPolicyAllowsValidationWhenConfiguredToAllow() {
    policy.onValidate =
        r -> {
          throw new StackOverflowError();
        };
    JsonNode review =
        answer(
            handler(ValidateFailureMode.ALLOW)
                .handle(Endpoint.VALIDATE, JSON, Reviews.bytes("pod-create-v1.json")));
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/warnings/0").asText()).contains("StackOverflowError");
  }

  @Test
  void aPolicyReturningNullFailsOpen() {
    policy.onMutate = r -> null;
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1.json")));
    assertThat(review.at("/response/uid").asText())
        .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/status/code").isMissingNode()).isTrue();
    assertThat(Reviews.patch(review)).isNull();
    assertThat(review.at("/response/patchType").isMissingNode()).isTrue();
    assertThat(review.at("/response/warnings/0").asText())
        .contains("returned no decision")
        .contains("admitted unchanged");
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.FAILED_OPEN)).isEqualTo(1);
  }

  @Test
  void dryRunIsAnsweredButLeavesNoTrace() {
    policy.onMutate =
        r ->
            new MutationDecision(
                JsonPatch.builder().add("/spec/x", "y").build(), List.of(), List.of("r1"));
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-dry-run-v1.json")));
    assertThat(Reviews.patch(review)).isNotNull();
    assertThat(policy.mutateCalls.get(0).dryRun()).isTrue();
    assertThat(recent.snapshot()).isEmpty();
    assertThat(metrics.findings("r1")).isZero();
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.PATCHED)).isZero();
    assertThat(metrics.dryRunRequests(Endpoint.MUTATE)).isEqualTo(1);
  }

  @Test
  void warningsAreCleanedAndCut() {
    policy.onMutate = r -> MutationDecision.warn(List.of("line1\nline2\u0000" + "x".repeat(2000)));
    JsonNode review =
        answer(handler.handle(Endpoint.MUTATE, JSON, Reviews.bytes("pod-create-v1.json")));
    String warning = review.at("/response/warnings/0").asText();
    assertThat(warning).startsWith("line1 line2 ").endsWith("...").doesNotContain("\n");
    assertThat(warning.length()).isLessThanOrEqualTo(AdmissionReviewCodec.MAX_WARNING_LENGTH + 3);
  }

  @Test
  void wrongContentTypeIs415() {
    HttpReply reply =
        handler.handle(Endpoint.MUTATE, "text/plain", Reviews.bytes("pod-create-v1.json"));
    assertThat(reply.status()).isEqualTo(415);
    assertThat(Reviews.json(reply.body()).get("error").asText()).contains("application/json");
    assertThat(handler.handle(Endpoint.MUTATE, null, Reviews.bytes("pod-create-v1.json")).status())
        .isEqualTo(415);
    assertThat(
            handler
                .handle(
                    Endpoint.MUTATE,
                    "Application/JSON; charset=utf-8",
                    Reviews.bytes("pod-create-v1.json"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void badBodiesAre400WithAJsonErrorThatSaysWhy() {
    assertError("", "empty body");
    assertError("{not json", "not valid JSON");
    assertError("[1,2]", "not a JSON object");
    assertError(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\"}", "expected AdmissionReview");
    assertError("{\"apiVersion\":\"v1\",\"kind\":\"AdmissionReview\"}", "apiVersion");
    assertError(
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
        "request is missing");
    assertError(withoutUid(), "request.uid");
    assertError(
        new String(Reviews.bytes("pod-create-v1.json"), StandardCharsets.UTF_8)
            .replace("\"CREATE\"", "\"PATCH\""),
        "request.operation");
    assertError(
        new String(Reviews.bytes("pod-create-v1.json"), StandardCharsets.UTF_8) + " trailing",
        "not valid JSON");
    assertError("[".repeat(5000), "not valid JSON");
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.INVALID)).isEqualTo(10);
    assertThat(policy.mutateCalls).isEmpty();
  }

  @Test
  void createWithoutObjectIs400() {
    String body =
        new String(Reviews.bytes("pod-create-v1.json"), StandardCharsets.UTF_8)
            .replaceFirst("\"object\": \\{", "\"objectX\": {");
    assertError(body, "request.object is missing");
  }

  private String withoutUid() {
    return new String(Reviews.bytes("pod-create-v1.json"), StandardCharsets.UTF_8)
        .replace("\"uid\": \"705ab4f5-6393-11e8-b7cc-42010a800002\",", "");
  }

  private void assertError(String body, String expected) {
    HttpReply reply = handler.handle(Endpoint.MUTATE, JSON, body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
    assertThat(Reviews.json(reply.body()).get("error").asText()).contains(expected);
  }
}
