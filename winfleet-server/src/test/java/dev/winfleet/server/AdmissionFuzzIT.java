package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.spi.InventoryStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged AdmissionReviews thrown at the real HTTPS server: every request gets an answer within the
 * client's timeout, never a 5xx, and the server still answers a good review afterwards.
 */
class AdmissionFuzzIT {

  @TempDir Path dir;

  @Test
  void theServerSurvivesDamagedReviews() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    long seed = Long.getLong("fuzz.seed", 7L);
    ReviewMutator mutator = new ReviewMutator(seed);
    try (WebhookServer server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withThreads(2, 4),
            dev.winfleet.server.policy.PlacementFixtures.policy(
                dev.winfleet.server.api.PolicySettings.defaults(), null),
            () -> InventoryStatus.notSynced(),
            Clock.systemUTC())) {
      HttpClient client = tls.client();
      for (int i = 0; i < 300; i++) {
        byte[] body = mutator.next();
        String path = i % 2 == 0 ? "/mutate" : "/validate";
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String context = "seed " + seed + " case " + i;
        assertThat(response.statusCode()).as(context).isLessThan(500);
        JsonNode json = Reviews.json(response.body());
        if (response.statusCode() == 200) {
          assertThat(json.at("/response/uid").asText())
              .as(context)
              .isEqualTo(ReviewMutator.uidOf(body));
        } else {
          assertThat(json.get("error").asText()).as(context).isNotBlank();
        }
      }
      HttpResponse<String> good =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/mutate"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes("pod-create-v1.json")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(good.statusCode()).isEqualTo(200);
    }
  }
}
