package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.server.api.ValidationDecision;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * {@link WebhookServer#stop}, what `winfleet serve` does on SIGTERM, over real HTTPS on loopback:
 * nothing the server received is dropped, and answers while stopping send the client elsewhere.
 * Kubernetes keeps routing to a terminating pod until every API server has seen its endpoint go,
 * and the API server reuses its connections; closing at once (what the server did before) reset the
 * connection of every admission request in flight, which fails the pod's creation when the
 * webhook's failurePolicy is Fail. No timing assertions: latches, and waits that only make a
 * passing test slower on a loaded machine, never a failing one.
 */
class GracefulStopIT {

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
                .withPolicyTimeout(Duration.ofSeconds(60)),
            policy,
            () -> InventoryStatus.synced(java.time.Instant.now(), java.util.List.of()),
            Clock.systemUTC());
    client = tls.client();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Test
  void answersWhatItReceivedThenStopsListening() throws Exception {
    CountDownLatch firstDeciding = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    policy.onValidate =
        r -> {
          if (calls.incrementAndGet() == 1) {
            firstDeciding.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ValidationDecision.allow();
          }
          return ValidationDecision.deny("decided while stopping");
        };
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    CompletableFuture<HttpResponse<String>> inFlight = postValidate();
    assertThat(firstDeciding.await(30, TimeUnit.SECONDS)).isTrue();

    Duration delay = Duration.ofMillis(1500);
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(delay));

    // Within the delay: not ready, still answering, and each answer closes its connection.
    HttpResponse<String> readyz = awaitNotReady();
    assertThat(readyz.body()).contains("the server is stopping");
    HttpResponse<String> second = postValidate().get(30, TimeUnit.SECONDS);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Reviews.json(second.body()).at("/response/status/message").asText())
        .isEqualTo("decided while stopping");
    assertThat(second.headers().firstValue("connection")).hasValue("close");

    // Past the delay the server still waits for the request it is deciding.
    Thread.sleep(delay.toMillis() + 300);
    assertThat(stopping).as("stop() waits for the request being decided").isNotDone();
    assertThat(server.deciding()).isEqualTo(1);

    release.countDown();
    HttpResponse<String> first = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Reviews.json(first.body()).at("/response/allowed").asBoolean()).isTrue();
    stopping.get(30, TimeUnit.SECONDS);

    assertThatThrownBy(() -> get("/healthz")).isInstanceOf(IOException.class);
  }

  @Test
  void withoutDelayOrRequestsStopIsAtOnce() throws Exception {
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ZERO));
    stopping.get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> get("/healthz")).isInstanceOf(IOException.class);
  }

  private HttpResponse<String> awaitNotReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> r = get("/readyz");
      if (r.statusCode() == 503 || System.nanoTime() > deadline) {
        assertThat(r.statusCode()).isEqualTo(503);
        return r;
      }
      Thread.sleep(10);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> postValidate() {
    return Reviews.postValidate(client, server.port());
  }
}
