package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.server.tls.CertificateAuthority;
import dev.winfleet.server.tls.IssuedCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code winfleet serve --fleet FILE} as a process, over HTTPS on loopback: ready once
 * the fleet is read, pins a Windows pod to the build that runs it, denies one no node can run.
 */
class ServeFleetIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private static final String FLEET =
      """
      apiVersion: v1
      kind: List
      items:
        - kind: Node
          apiVersion: v1
          metadata:
            name: lin-1
            labels: {kubernetes.io/os: linux}
        - kind: Node
          apiVersion: v1
          metadata:
            name: win19-1
            labels: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.17763}
          spec:
            taints: [{key: os, value: windows, effect: NoSchedule}]
          status:
            nodeInfo: {operatingSystem: windows, kernelVersion: 10.0.17763.6414, kubeletVersion: v1.30.4}
      """;

  private static String review(String image, String selector) {
    return """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"e2e-1","kind":{"group":"","version":"v1","kind":"Pod"},"namespace":"shop",
          "operation":"CREATE","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
          "spec":{%s"containers":[{"name":"app","image":"%s"}]}}}}
        """
        .formatted(selector, image);
  }

  @Test
  void servesTheRealPolicyForAFleetFile() throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.create("winfleet e2e CA", Instant.now(), Duration.ofDays(1));
    IssuedCertificate cert =
        ca.issueServerCertificate(List.of("localhost"), Instant.now(), Duration.ofDays(1));
    Path crt = Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
    Path key = Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem());
    Path fleet = Files.writeString(dir.resolve("fleet.yaml"), FLEET);
    Path jar = Path.of("target/winfleet.jar");
    assertThat(jar).as("package the CLI first (mvn verify does)").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                "serve",
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--dashboard-port",
                "0",
                "--tls-cert",
                crt.toString(),
                "--tls-key",
                key.toString(),
                "--fleet",
                fleet.toString(),
                "--no-registry")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      int port = port(out);
      HttpClient client = client(ca);
      String base = "https://localhost:" + port;
      HttpResponse<String> ready =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      JsonNode mutated =
          post(client, base + "/mutate", review("mcr.microsoft.com/windows/nanoserver:1809", ""));
      assertThat(mutated.at("/response/uid").asText()).isEqualTo("e2e-1");
      JsonNode patch =
          MAPPER.readTree(Base64.getDecoder().decode(mutated.at("/response/patch").asText()));
      assertThat(patch)
          .isEqualTo(
              MAPPER.readTree(
                  "[{\"op\":\"add\",\"path\":\"/spec/nodeSelector\",\"value\":"
                      + "{\"kubernetes.io/os\":\"windows\","
                      + "\"node.kubernetes.io/windows-build\":\"10.0.17763\"}},"
                      + "{\"op\":\"add\",\"path\":\"/spec/os\",\"value\":{\"name\":\"windows\"}},"
                      + "{\"op\":\"add\",\"path\":\"/spec/tolerations\",\"value\":"
                      + "[{\"key\":\"os\",\"operator\":\"Equal\",\"value\":\"windows\","
                      + "\"effect\":\"NoSchedule\"}]}]"));

      JsonNode denied =
          post(
              client,
              base + "/validate",
              review(
                  "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                  "\"nodeSelector\":{\"kubernetes.io/os\":\"windows\"},"
                      + "\"tolerations\":[{\"operator\":\"Exists\"}],"));
      assertThat(denied.at("/response/allowed").asBoolean()).isFalse();
      assertThat(denied.at("/response/status/message").asText())
          .contains("(Windows 10.0.20348) does not run with process isolation")
          .contains("Rebuild it on a base image tagged ltsc2019 (10.0.17763)")
          .endsWith("The fleet's Windows builds: 10.0.17763.");

      // SIGTERM, as the kubelet sends to a pod being deleted: for --shutdown-delay (5s) the
      // server still answers, says it is not ready, and closes each connection it answers on.
      // (Through its handle: Process.destroy() would also close our end of its output.)
      process.toHandle().destroy();
      HttpResponse<String> stopping = awaitReadyz(client, base, 503);
      assertThat(stopping.body()).contains("the server is stopping");
      HttpResponse<String> late =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/validate"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          review("mcr.microsoft.com/windows/nanoserver:1809", "")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(late.statusCode()).isEqualTo(200);
      assertThat(MAPPER.readTree(late.body()).at("/response/uid").asText()).isEqualTo("e2e-1");
      assertThat(late.headers().firstValue("connection")).hasValue("close");
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after the delay").isTrue();
      assertThat(out.lines().collect(Collectors.joining("\n")))
          .contains(
              "winfleet: stopping: answering for 5000 ms more while the cluster stops sending"
                  + " here (--shutdown-delay)");
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static JsonNode post(HttpClient client, String url, String body) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  /** /readyz once it answers {@code status}, polled for at most 30 s. */
  private static HttpResponse<String> awaitReadyz(HttpClient client, String base, int status)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == status || System.nanoTime() > deadline) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
      }
      Thread.sleep(20);
    }
  }

  private static int port(BufferedReader out) throws Exception {
    Pattern p = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)");
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  seen.append(line).append('\n');
                  Matcher m = p.matcher(line);
                  if (m.find()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              throw new AssertionError("winfleet serve did not start:\n" + seen);
            });
    return port.get(60, TimeUnit.SECONDS);
  }

  private static HttpClient client(CertificateAuthority ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }
}
