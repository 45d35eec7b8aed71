package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Thousands of damaged AdmissionReviews straight at the handler: always a 200 or 4xx with JSON. */
class AdmissionFuzzTest {

  @Test
  void everyDamagedReviewGetsAValidAnswer() {
    long seed = Long.getLong("fuzz.seed", 20250101L);
    ReviewMutator mutator = new ReviewMutator(seed);
    WebhookMetrics metrics = new WebhookMetrics();
    AdmissionHandler handler =
        new AdmissionHandler(
            dev.winfleet.server.policy.PlacementFixtures.policy(
                dev.winfleet.server.api.PolicySettings.defaults(), null),
            metrics,
            new RecentVerdicts(10),
            ValidateFailureMode.DENY,
            Clock.systemUTC());
    int answered = 0;
    int rejected = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] body = mutator.next();
      Endpoint endpoint = i % 2 == 0 ? Endpoint.MUTATE : Endpoint.VALIDATE;
      HttpReply reply = handler.handle(endpoint, "application/json", body);
      String context = "seed " + seed + " case " + i;
      assertThat(reply.status()).as(context).isIn(200, 400);
      JsonNode json = Reviews.json(reply.body());
      if (reply.status() == 200) {
        answered++;
        assertThat(json.at("/response/uid").asText())
            .as(context)
            .isEqualTo(ReviewMutator.uidOf(body));
        assertThat(json.at("/response/allowed").isBoolean()).as(context).isTrue();
      } else {
        rejected++;
        assertThat(json.get("error").asText()).as(context).isNotBlank();
      }
    }
    // The real policy must decide whatever survives parsing: a failure here is a bug in it.
    assertThat(metrics.requests(Endpoint.MUTATE, Verdict.FAILED_OPEN)).isZero();
    assertThat(metrics.requests(Endpoint.VALIDATE, Verdict.FAILED_CLOSED)).isZero();
    // The mutations must exercise both paths, or the test proves nothing.
    assertThat(answered).isGreaterThan(200);
    assertThat(rejected).isGreaterThan(200);
  }
}
