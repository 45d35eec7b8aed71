package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.NodeGroup;
import dev.winfleet.server.api.ValidationDecision;
import dev.winfleet.server.tls.IssuedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS on loopback, with a TLS client that trusts only a generated CA. */
class WebhookServerIT {

  @TempDir java.nio.file.Path dir;

  private TlsFixture tls;
  private ScriptedPolicy policy;
  private final AtomicReference<InventoryStatus> inventory =
      new AtomicReference<>(InventoryStatus.notSynced());
  private WebhookServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    tls = new TlsFixture(dir);
    policy = new ScriptedPolicy();
    server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withThreads(2, 4)
                .withPolicyTimeout(Duration.ofMillis(300))
                .withCertReloadInterval(Duration.ofMillis(100)),
            policy,
            inventory::get,
            Clock.systemUTC());
    client = tls.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mutatesOverHttpsWithTheFakePlacementPolicy() throws Exception {
    WebhookServer other =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile).withAddress("127.0.0.1", 0),
            new OsSelectorFakePolicy(),
            inventory::get,
            Clock.systemUTC());
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + other.port() + "/mutate"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          Reviews.bytes("deployment-create-v1.json")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      JsonNode review = Reviews.json(response.body());
      assertThat(review.at("/response/uid").asText())
          .isEqualTo("3f9a1c2e-5b7d-4e6f-8a9b-0c1d2e3f4a5b");
      JsonNode patch = Reviews.patch(review);
      assertThat(patch.at("/0/path").asText()).isEqualTo("/spec/template/spec/nodeSelector");
      assertThat(patch.at("/0/value/node.kubernetes.io~1windows-build").asText())
          .isEqualTo("10.0.20348");
      assertThat(review.at("/response/warnings/0").asText()).contains("Windows Server 2022");
    } finally {
      other.close();
    }
  }

  @Test
  void deniesOverHttpsAndEchoesV1beta1() throws Exception {
    policy.onValidate = r -> ValidationDecision.deny("no node runs image build 10.0.17763");
    HttpResponse<String> response = post("/validate", Reviews.bytes("pod-create-v1beta1.json"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode review = Reviews.json(response.body());
    assertThat(review.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
    assertThat(review.at("/response/allowed").asBoolean()).isFalse();
    assertThat(review.at("/response/status/code").asInt()).isEqualTo(403);
  }

  @Test
  void aSlowPolicyIsCutOffAtTheDeadlineAndMutateFailsOpen() throws Exception {
    policy.onMutate =
        r -> {
          ScriptedPolicy.sleep(3_000);
          return null;
        };
    long start = System.nanoTime();
    HttpResponse<String> response = post("/mutate", Reviews.bytes("pod-create-v1.json"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode review = Reviews.json(response.body());
    assertThat(review.at("/response/allowed").asBoolean()).isTrue();
    assertThat(review.at("/response/uid").asText())
        .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(review.at("/response/warnings/0").asText()).contains("did not decide within 300 ms");
    assertThat(millis).as("answered at the deadline, not after the policy").isLessThan(2_500);
    assertThat(server.metrics().requests(Endpoint.MUTATE, Verdict.FAILED_OPEN)).isEqualTo(1);
  }

  @Test
  void aSlowPolicyDeniesValidationByDefault() throws Exception {
    policy.onValidate =
        r -> {
          ScriptedPolicy.sleep(3_000);
          return ValidationDecision.allow();
        };
    JsonNode review = Reviews.json(post("/validate", Reviews.bytes("pod-create-v1.json")).body());
    assertThat(review.at("/response/allowed").asBoolean()).isFalse();
    assertThat(review.at("/response/status/message").asText()).contains("did not decide within");
  }

  @Test
  void healthzIsAlwaysOkAndReadyzFollowsTheInventory() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> notReady = get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("not synced");
    inventory.set(InventoryStatus.synced(Instant.now(), List.of()));
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws Exception {
    inventory.set(
        InventoryStatus.synced(
            Instant.now().minusSeconds(30),
            List.of(new NodeGroup("windows", "10.0.20348", 3), new NodeGroup("linux", "", 5))));
    post("/mutate", Reviews.bytes("pod-create-v1.json"));
    post("/mutate", "{}".getBytes());
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(metrics.body())
        .contains("winfleet_admission_requests_total{endpoint=\"mutate\",verdict=\"allowed\"} 1")
        .contains("winfleet_admission_requests_total{endpoint=\"mutate\",verdict=\"invalid\"} 1")
        .contains("winfleet_admission_duration_seconds_count{endpoint=\"mutate\"} 1")
        .containsPattern("winfleet_inventory_age_seconds 3\\d(\\.\\d+)?\n");
    // Label order is the writer's (sorted by name); compare by value.
    assertThat(
            WebhookMetricsTest.sample(
                metrics.body(), "winfleet_fleet_nodes", "os", "windows", "build", "10.0.20348"))
        .isEqualTo(3);
    assertThat(
            WebhookMetricsTest.sample(
                metrics.body(), "winfleet_fleet_nodes", "os", "linux", "build", ""))
        .isEqualTo(5);
  }

  @Test
  void rejectsWithJsonErrorsNeverAServerError() throws Exception {
    HttpResponse<String> bad = post("/mutate", "{\"kind\":".getBytes());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Reviews.json(bad.body()).get("error").asText()).contains("not valid JSON");
    assertThat(bad.body()).doesNotContain("at com.fasterxml");

    HttpResponse<String> wrongType =
        client.send(
            HttpRequest.newBuilder(uri("/mutate"))
                .header("Content-Type", "text/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("kind: AdmissionReview"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(415);

    assertThat(get("/mutate").statusCode()).isEqualTo(405);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(post("/mutate", new byte[0]).statusCode()).isEqualTo(400);
  }

  @Test
  void hugeBodiesAre413() throws Exception {
    byte[] huge = new byte[WebhookServerConfig.DEFAULT_MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> declared = post("/mutate", huge);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(Reviews.json(declared.body()).get("error").asText()).contains("larger than");

    // Chunked, no Content-Length: the limit applies while reading.
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(uri("/mutate"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    // The server is still fine.
    assertThat(post("/mutate", Reviews.bytes("pod-create-v1.json")).statusCode()).isEqualTo(200);
  }

  @Test
  void expectContinueGetsTheBodyOnlyWhenItFits() throws Exception {
    HttpResponse<String> fits =
        client.send(
            HttpRequest.newBuilder(uri("/mutate"))
                .timeout(Duration.ofSeconds(10))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.bytes("pod-create-v1.json")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(Reviews.json(fits.body()).at("/response/allowed").asBoolean()).isTrue();
  }

  @Test
  void aDeclaredOversizedBodyIsAnsweredBeforeItIsSent() throws Exception {
    // Headers only: a body of limit + 1 bytes is announced and never sent. The server answers 413
    // and closes without waiting for (or reading) the body; with Expect: 100-continue it answers
    // 413 instead of 100, so the client never sends it. (Raw sockets: the JDK 17 client waits
    // forever for a 100 that does not come, JDK-8286171.)
    for (String expect : List.of("", "Expect: 100-continue\r\n")) {
      String answer =
          headersOnly(
              "POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + expect
                  + "Content-Length: "
                  + (WebhookServerConfig.DEFAULT_MAX_BODY_BYTES + 1)
                  + "\r\n\r\n");
      assertThat(answer)
          .as(expect)
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("connection: close")
          .contains("larger than")
          .doesNotContain("100 Continue");
    }
  }

  /** Sends {@code head} over TLS and reads until the server closes. */
  private String headersOnly(String head) throws Exception {
    java.net.Socket plain = new java.net.Socket("127.0.0.1", server.port());
    try (javax.net.ssl.SSLSocket tlsSocket =
        (javax.net.ssl.SSLSocket)
            tls.clientContext()
                .getSocketFactory()
                .createSocket(plain, "localhost", server.port(), true)) {
      tlsSocket.setSoTimeout(5_000);
      tlsSocket.startHandshake();
      tlsSocket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      tlsSocket.getOutputStream().flush();
      return new String(
          tlsSocket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void servesANewCertificateFromDiskWithoutRestart() throws Exception {
    X509Certificate before = peerCertificate();
    IssuedCertificate renewed = tls.writeNewServingCertificate();
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    X509Certificate after = before;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (after.getSerialNumber().equals(before.getSerialNumber())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      after = peerCertificate();
    }
    assertThat(after.getSerialNumber()).isEqualTo(renewed.certificate().getSerialNumber());
    assertThat(server.servingCertificate().getSerialNumber())
        .isEqualTo(renewed.certificate().getSerialNumber());
  }

  @Test
  void keepsTheCurrentCertificateWhenTheNewFilesAreBroken() throws Exception {
    X509Certificate before = peerCertificate();
    TlsFixture.write(
        tls.keyFile, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server
            .metrics()
            .render(InventoryStatus.notSynced(), Instant.now())
            .contains("result=\"failed\"} 0")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(server.metrics().render(InventoryStatus.notSynced(), Instant.now()))
        .contains("winfleet_tls_certificate_reloads_total{result=\"failed\"} 1");
    assertThat(peerCertificate().getSerialNumber()).isEqualTo(before.getSerialNumber());
  }

  @Test
  void refusesAnExpiredCertificateAndKeepsTheCurrentOne() throws Exception {
    X509Certificate before = peerCertificate();
    IssuedCertificate expired =
        tls.ca.issueServerCertificate(
            List.of("localhost"), Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
    writePair(expired);
    awaitMetric("winfleet_tls_certificate_refused_total{reason=\"expired\"} 1");
    assertThat(peerCertificate().getSerialNumber()).isEqualTo(before.getSerialNumber());
    assertThat(server.servingCertificate().getSerialNumber()).isEqualTo(before.getSerialNumber());
  }

  @Test
  void refusesACertificateNotYetValidAndKeepsTheCurrentOne() throws Exception {
    X509Certificate before = peerCertificate();
    IssuedCertificate future =
        tls.ca.issueServerCertificate(
            List.of("localhost"), Instant.now().plus(Duration.ofHours(2)), Duration.ofDays(1));
    writePair(future);
    awaitMetric("winfleet_tls_certificate_refused_total{reason=\"not_yet_valid\"} 1");
    assertThat(peerCertificate().getSerialNumber()).isEqualTo(before.getSerialNumber());
  }

  private void writePair(IssuedCertificate cert) {
    // Key first: the pair only matches once both are written.
    TlsFixture.write(tls.keyFile, cert.privateKeyPem());
    TlsFixture.write(tls.certFile, cert.certificatePem());
  }

  private void awaitMetric(String line) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!server.metrics().render(InventoryStatus.notSynced(), Instant.now()).contains(line)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(server.metrics().render(InventoryStatus.notSynced(), Instant.now())).contains(line);
  }

  @Test
  void aClientThatHalfClosesAfterAFullRequestStillGetsItsAnswer() throws Exception {
    // The policy takes a while, so the end of the client's input arrives before the answer.
    policy.onMutate =
        r -> {
          ScriptedPolicy.sleep(200);
          return dev.winfleet.server.api.MutationDecision.none();
        };
    byte[] body = Reviews.bytes("pod-create-v1.json");
    java.net.Socket plain = new java.net.Socket("127.0.0.1", server.port());
    try (javax.net.ssl.SSLSocket tlsSocket =
        (javax.net.ssl.SSLSocket)
            tls.clientContext()
                .getSocketFactory()
                .createSocket(plain, "localhost", server.port(), true)) {
      tlsSocket.setSoTimeout(5_000);
      tlsSocket.startHandshake();
      java.io.OutputStream out = tlsSocket.getOutputStream();
      out.write(
          ("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      plain.shutdownOutput(); // TCP FIN: nothing more comes from this client
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      boolean closed = false;
      try {
        for (int n; (n = tlsSocket.getInputStream().read(buffer)) >= 0; ) {
          got.write(buffer, 0, n);
        }
        closed = true;
      } catch (java.net.SocketTimeoutException e) {
        // judged below
      }
      String answer = got.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("\"uid\"");
      assertThat(closed)
          .as("the server closes the half-closed connection after answering")
          .isTrue();
    }
  }

  @Test
  void clientsThatDoNotTrustTheCaAreRefused() {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                untrusting.send(
                    HttpRequest.newBuilder(uri("/healthz")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  /** The certificate the server presents on a new connection. */
  private X509Certificate peerCertificate() throws Exception {
    HttpResponse<String> response =
        tls.client()
            .send(
                HttpRequest.newBuilder(uri("/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
