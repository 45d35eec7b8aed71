package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.server.api.ValidationDecision;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads the policy decides on (a fork-join pool of {@code policyThreads} threads named
 * winfleet-policy-N, docs/decisions/0021-webhook-performance.md, sixth round), over real HTTPS on
 * loopback. No timing assertions: latches, and timeouts generous enough for a loaded machine.
 */
class PolicyThreadsIT {

  @TempDir java.nio.file.Path dir;

  private final ScriptedPolicy policy = new ScriptedPolicy();
  private final CountDownLatch release = new CountDownLatch(1);
  private WebhookServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    TlsFixture tls = new TlsFixture(dir);
    server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withThreads(1, 2)
                // Far beyond the test's waits, so that no answer here is a timeout's.
                .withPolicyTimeout(Duration.ofSeconds(60)),
            policy,
            InventoryStatus::notSynced,
            Clock.systemUTC());
    client = tls.client();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Test
  void aSlowDecisionDoesNotHoldASecondRequestBack() throws Exception {
    CountDownLatch firstDeciding = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    String[] firstThread = new String[1];
    policy.onValidate =
        r -> {
          if (calls.incrementAndGet() == 1) {
            firstThread[0] = Thread.currentThread().getName();
            firstDeciding.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ValidationDecision.allow();
          }
          return ValidationDecision.deny(
              "second request, decided on " + Thread.currentThread().getName());
        };

    CompletableFuture<HttpResponse<String>> first = postValidate();
    assertThat(firstDeciding.await(30, TimeUnit.SECONDS)).as("the first decision began").isTrue();
    assertThat(firstThread[0]).startsWith("winfleet-policy-");

    // The first decision holds one of the two policy threads; the second request is decided on
    // the other and answered while the first still waits.
    HttpResponse<String> second = postValidate().get(30, TimeUnit.SECONDS);
    assertThat(second.statusCode()).isEqualTo(200);
    JsonNode secondReview = Reviews.json(second.body());
    assertThat(secondReview.at("/response/allowed").asBoolean()).isFalse();
    assertThat(secondReview.at("/response/status/message").asText())
        .startsWith("second request, decided on winfleet-policy-")
        .doesNotEndWith(firstThread[0]);
    assertThat(first).as("the first request is still being decided").isNotDone();

    release.countDown();
    HttpResponse<String> firstResponse = first.get(30, TimeUnit.SECONDS);
    assertThat(firstResponse.statusCode()).isEqualTo(200);
    assertThat(Reviews.json(firstResponse.body()).at("/response/allowed").asBoolean()).isTrue();
  }

  @Test
  void aDecisionSubmittedAfterCloseIsAPolicyErrorAnsweredByTheFailureMode() throws Exception {
    AdmissionHandler handler = server.handler();
    AdmissionHandler.PolicyCall validate =
        (AdmissionHandler.PolicyCall)
            handler.prepare(
                Endpoint.VALIDATE, "application/json", Reviews.bytes("pod-create-v1.json"));
    AdmissionHandler.PolicyCall mutate =
        (AdmissionHandler.PolicyCall)
            handler.prepare(
                Endpoint.MUTATE, "application/json", Reviews.bytes("pod-create-v1.json"));
    server.close();

    AdmissionHandler.Outcome refused =
        server.startDecision(validate).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(AdmissionHandler.Failed.class);
    assertThat(((AdmissionHandler.Failed) refused).reason())
        .startsWith("policy error: ")
        .contains("RejectedExecutionException");
    assertThat(policy.validateCalls).as("the policy was never asked").isEmpty();

    // Validation fails closed by default: a valid AdmissionReview that denies, never a 500.
    HttpReply denied = handler.finish(validate, refused);
    assertThat(denied.status()).isEqualTo(200);
    assertThat(denied.verdict()).isEqualTo(Verdict.FAILED_CLOSED);
    JsonNode deniedReview = Reviews.json(denied.body());
    assertThat(deniedReview.at("/response/uid").asText())
        .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(deniedReview.at("/response/allowed").asBoolean()).isFalse();
    assertThat(deniedReview.at("/response/status/message").asText()).contains("policy error");

    // Mutation fails open: admitted unchanged, with a warning that says why.
    AdmissionHandler.Outcome refusedMutate =
        server.startDecision(mutate).toCompletableFuture().get(30, TimeUnit.SECONDS);
    HttpReply admitted = handler.finish(mutate, refusedMutate);
    assertThat(admitted.status()).isEqualTo(200);
    assertThat(admitted.verdict()).isEqualTo(Verdict.FAILED_OPEN);
    JsonNode admittedReview = Reviews.json(admitted.body());
    assertThat(admittedReview.at("/response/allowed").asBoolean()).isTrue();
    assertThat(admittedReview.at("/response/warnings/0").asText()).contains("policy error");
  }

  private CompletableFuture<HttpResponse<String>> postValidate() {
    return Reviews.postValidate(client, server.port());
  }
}
