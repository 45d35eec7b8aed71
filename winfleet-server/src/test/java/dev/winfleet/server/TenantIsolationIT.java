package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.PullSecretSource;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementFixtures;
import dev.winfleet.server.policy.PlacementPolicy;
import dev.winfleet.server.policy.RegistryImageLookup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 1: pods whose images sit on a registry that never answers must not take the policy
 * from other tenants. The real policy, the real inspector and the real server, with few policy
 * threads and the deadlines of the report (policy 3.5 s, registry 2 s).
 */
class TenantIsolationIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private SilentRegistry dead;
  private RegistryInspector inspector;
  private RegistryImageLookup lookup;
  private WebhookServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    dead = new SilentRegistry();
    TlsFixture tls = new TlsFixture(dir);
    inspector =
        RegistryInspector.create(
            InspectorConfig.builder()
                .insecureRegistries(Set.of(dead.host()))
                .requestTimeout(Duration.ofSeconds(30))
                .build());
    Clock clock = Clock.systemUTC();
    lookup = new RegistryImageLookup(inspector, PullSecretSource.none(), clock);
    PolicySettings settings =
        new PolicySettings(
            false, Duration.ofSeconds(2), true, PolicySettings.DEFAULT_WINDOWS_TAINTS);
    PlacementPolicy policy =
        new PlacementPolicy(
            FleetView.of(PlacementFixtures.fleet(), clock.instant()), lookup, settings, clock);
    server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withThreads(1, 4)
                .withPolicyTimeout(Duration.ofMillis(3500)),
            policy,
            InventoryStatus::notSynced,
            clock);
    client = tls.client();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    lookup.close();
    inspector.close();
    dead.close();
  }

  @Test
  void podsOnADeadRegistryDoNotGetAnotherTenantsValidPodDeniedOrUnplaced() throws Exception {
    String valid = "mcr.microsoft.com/windows/servercore:ltsc2022";
    // Warm up (catalogs, rules, TLS) so that the flood below meets a ready server.
    assertThat(
            answer(post("/validate", review("shop", "warm-up", valid)).get())
                .path("allowed")
                .asBoolean())
        .isTrue();
    List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String image = dead.host() + "/tenant-a/app:v" + i;
      flood.add(post(i % 2 == 0 ? "/validate" : "/mutate", review("tenant-a", "p" + i, image)));
    }
    // Let the flood reach the registry first.
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (dead.connectionsAccepted() < 1 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(dead.connectionsAccepted()).isGreaterThanOrEqualTo(1);

    for (int round = 0; round < 3; round++) {
      JsonNode validated = answer(post("/validate", review("shop", "web-" + round, valid)).get());
      assertThat(validated.path("allowed").asBoolean()).as("validate: %s", validated).isTrue();
      JsonNode mutated = answer(post("/mutate", review("shop", "web-" + round, valid)).get());
      assertThat(mutated.path("allowed").asBoolean()).isTrue();
      String patch =
          new String(
              java.util.Base64.getDecoder().decode(mutated.path("patch").asText("")),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(patch).as("mutate: %s", mutated).contains("10.0.20348");
    }

    // The flood itself ends with answers, not hangs: unchanged with a warning, never a 5xx.
    for (CompletableFuture<HttpResponse<String>> f : flood) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  private CompletableFuture<HttpResponse<String>> post(String path, byte[] body) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode answer(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(200);
    return MAPPER.readTree(r.body()).path("response");
  }

  static byte[] review(String namespace, String name, String image) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = root.putObject("request");
    request.put("uid", java.util.UUID.randomUUID().toString());
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", name).put("namespace", namespace).put("operation", "CREATE");
    ObjectNode pod = request.putObject("object");
    pod.put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", name).put("namespace", namespace);
    pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", image);
    request.put("dryRun", false);
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
