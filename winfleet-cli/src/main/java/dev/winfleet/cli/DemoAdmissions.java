package dev.winfleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.server.dashboard.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends the demo's workloads to its own webhook, as the API server would when they are applied: one
 * AdmissionReview each to {@code /mutate} and {@code /validate}, over HTTPS, trusting only the
 * demo's CA. The dashboard's "Admission verdicts" then shows what the webhook answered.
 */
final class DemoAdmissions {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DemoAdmissions() {}

  /** Returns how many reviews the webhook answered with HTTP 200. */
  static int replay(RunningDemo demo) {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trusting(demo.caCertificate()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    int answered = 0;
    for (Workload w : demo.model().workloads()) {
      for (String endpoint : new String[] {"mutate", "validate"}) {
        try {
          HttpRequest request =
              HttpRequest.newBuilder(
                      URI.create("https://localhost:" + demo.port() + "/" + endpoint))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(review(w)))
                  .build();
          if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            answered++;
          }
        } catch (IOException e) {
          return answered; // the demo still runs; the verdicts stay empty
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return answered;
        }
      }
    }
    return answered;
  }

  /** An AdmissionReview v1 for creating this workload. */
  static byte[] review(Workload w) throws IOException {
    String apiVersion = w.object().apiVersion();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    String kind = w.ref().kind();
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase(Locale.ROOT) + "s");
    request.put("name", w.ref().name());
    request.put("namespace", w.namespace());
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", "winfleet-demo");
    request.set("object", MAPPER.valueToTree(w.object().tree()));
    request.put("dryRun", false);
    return MAPPER.writeValueAsBytes(review);
  }

  private static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the demo CA: " + e.getMessage(), e);
    }
  }
}
