package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.LocalRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real registry behind a misbehaving front (429 with Retry-After, 503, redirects, loops): the
 * faults a real registry cannot be told to produce.
 */
class FlakyRegistryIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  private HttpServer front;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeAll
  static void push() {
    REGISTRY
        .pusher()
        .image("flaky/app", "1", true, Os.windows("10.0.20348.2762"), ImagePusher.layers("f", 10));
  }

  /** Starts a front that answers the first {@code faults} requests with the handler's fault. */
  private String front(int faults, Fault fault) throws IOException {
    front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpClient client = HttpClient.newHttpClient();
    front.createContext(
        "/",
        ex -> {
          try (ex) {
            if (requests.incrementAndGet() <= faults) {
              fault.answer(ex);
              return;
            }
            HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(REGISTRY.url() + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (accept != null) {
              b.header("Accept", accept);
            }
            HttpResponse<byte[]> r =
                client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers()
                .map()
                .forEach(
                    (k, v) -> {
                      if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("date")) {
                        ex.getResponseHeaders().put(k, v);
                      }
                    });
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(r.statusCode(), head ? -1 : r.body().length);
            if (!head) {
              ex.getResponseBody().write(r.body());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    front.start();
    return "127.0.0.1:" + front.getAddress().getPort();
  }

  interface Fault {
    void answer(HttpExchange ex) throws IOException;
  }

  @AfterEach
  void stopFront() {
    if (front != null) {
      front.stop(0);
    }
  }

  private static RegistryInspector inspector(String front) {
    return RegistryInspector.create(
        InspectorConfig.builder()
            .insecureRegistries(Set.of(front, REGISTRY.host()))
            .initialBackoff(Duration.ofMillis(10))
            .maxAttempts(3)
            .build());
  }

  @Test
  void retriesAfter429HonouringRetryAfterAnd503() throws IOException {
    String host =
        front(
            2,
            ex -> {
              boolean first = requests.get() == 1;
              ex.getResponseHeaders().add("Retry-After", "1");
              ex.sendResponseHeaders(first ? 429 : 503, -1);
            });
    try (RegistryInspector inspector = inspector(host)) {
      long start = System.nanoTime();
      InspectionResult r =
          inspector.inspect(ImageReference.parse(host + "/flaky/app:1"), InspectOptions.defaults());
      assertThat(r.succeeded()).as("%s", r).isTrue();
      assertThat(inspector.stats().retries()).isEqualTo(2);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheStatus() throws IOException {
    String host = front(100, ex -> ex.sendResponseHeaders(503, -1));
    try (RegistryInspector inspector = inspector(host)) {
      InspectionResult r =
          inspector.inspect(ImageReference.parse(host + "/flaky/app:1"), InspectOptions.defaults());
      RegistryError e = ((InspectionResult.Failed) r).error();
      assertThat(e.kind()).isEqualTo(ErrorKind.REGISTRY_ERROR);
      assertThat(e.message()).contains("HTTP 503").contains("3 attempts");
      assertThat(requests.get()).isEqualTo(3);
    }
  }

  @Test
  void aRetryAfterBeyondTheDeadlineEndsTheWaitAtOnce() throws IOException {
    String host =
        front(
            100,
            ex -> {
              ex.getResponseHeaders().add("Retry-After", "30");
              ex.sendResponseHeaders(429, -1);
            });
    try (RegistryInspector inspector = inspector(host)) {
      InspectionResult r =
          inspector.inspect(
              ImageReference.parse(host + "/flaky/app:1"),
              InspectOptions.defaults().withDeadline(java.time.Instant.now().plusMillis(500)));
      assertThat(((InspectionResult.Failed) r).error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }
  }

  @Test
  void followsARedirectToAnAllowedHost() throws IOException {
    String host =
        front(
            1,
            ex -> {
              ex.getResponseHeaders().add("Location", REGISTRY.url() + ex.getRequestURI());
              ex.sendResponseHeaders(307, -1);
            });
    try (RegistryInspector inspector = inspector(host)) {
      InspectionResult r =
          inspector.inspect(ImageReference.parse(host + "/flaky/app:1"), InspectOptions.defaults());
      assertThat(r.succeeded()).as("%s", r).isTrue();
    }
  }

  @Test
  void refusesRedirectLoopsAndRedirectsToMetadataOrPlainHttpHosts() throws IOException {
    String host =
        front(
            100,
            ex -> {
              ex.getResponseHeaders().add("Location", ex.getRequestURI().toString());
              ex.sendResponseHeaders(302, -1);
            });
    try (RegistryInspector inspector = inspector(host)) {
      RegistryError loop =
          ((InspectionResult.Failed)
                  inspector.inspect(
                      ImageReference.parse(host + "/flaky/app:1"), InspectOptions.defaults()))
              .error();
      assertThat(loop.kind()).isEqualTo(ErrorKind.BLOCKED);
      assertThat(loop.message()).contains("redirects");
    }
    stopFront();
    requests.set(0);
    String meta =
        front(
            100,
            ex -> {
              ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
              ex.sendResponseHeaders(302, -1);
            });
    try (RegistryInspector inspector = inspector(meta)) {
      RegistryError e =
          ((InspectionResult.Failed)
                  inspector.inspect(
                      ImageReference.parse(meta + "/flaky/app:1"), InspectOptions.defaults()))
              .error();
      assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED);
      assertThat(e.message()).contains("plain-HTTP");
    }
  }
}
